package view

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
)

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func TestCamera_roundTrip(t *testing.T) {
	c := NewCamera(View{Center: orb.Point{69.28, 41.31}, Zoom: 5}, geo.WebMercator, 1280, 720, 2)
	x, y := c.LonLatToScreen(orb.Point{69.28, 41.31})
	if !near(x, 640, 1e-6) || !near(y, 360, 1e-6) {
		t.Errorf("centre at %v,%v, want 640,360", x, y)
	}
	p := c.ScreenToLonLat(100, 200)
	x, y = c.LonLatToScreen(p)
	if !near(x, 100, 1e-6) || !near(y, 200, 1e-6) {
		t.Errorf("round trip gave %v,%v", x, y)
	}
	if !near(c.Zoom(), 5, 1e-12) {
		t.Errorf("Zoom() = %v, want 5", c.Zoom())
	}
	// At zoom 0 and ratio 1 the world is 512 pixels wide.
	c0 := NewCamera(View{Zoom: 0}, geo.WebMercator, 512, 512, 1)
	if x0, _ := c0.LonLatToScreen(orb.Point{-180, 0}); !near(x0, 0, 1e-9) {
		t.Errorf("180°W at zoom 0 is at x=%v, want 0", x0)
	}
}

func TestCamera_zoomAtKeepsAnchor(t *testing.T) {
	c := NewCamera(View{Center: orb.Point{60, 42}, Zoom: 4}, geo.WebMercator, 1000, 800, 1)
	before := c.ScreenToLonLat(200, 300)
	z := c.ZoomAt(1.5, 200, 300)
	after := z.ScreenToLonLat(200, 300)
	if !near(before[0], after[0], 1e-9) || !near(before[1], after[1], 1e-9) {
		t.Errorf("point under the cursor moved from %v to %v", before, after)
	}
	if !near(z.Zoom(), 5.5, 1e-9) {
		t.Errorf("zoom %v, want 5.5", z.Zoom())
	}
	if got := c.ZoomAt(100, 0, 0).Zoom(); got != MaxZoom {
		t.Errorf("zoom past the limit gave %v, want %v", got, MaxZoom)
	}
	if got := c.ZoomAt(-100, 0, 0).Zoom(); got != MinZoom {
		t.Errorf("zoom below the limit gave %v, want %v", got, MinZoom)
	}
}

func TestCamera_panFollowsPointer(t *testing.T) {
	c := NewCamera(View{Center: orb.Point{60, 42}, Zoom: 4}, geo.WebMercator, 1000, 800, 1)
	p := c.ScreenToLonLat(500, 400)
	moved := c.PanBy(30, -20)
	x, y := moved.LonLatToScreen(p)
	if !near(x, 530, 1e-6) || !near(y, 380, 1e-6) {
		t.Errorf("content moved to %v,%v, want 530,380", x, y)
	}
	far := c.PanBy(1e9, 1e9)
	if far.Center[0] != 0 || far.Center[1] != 0 {
		t.Errorf("pan past the world's edge left the centre at %v", far.Center)
	}
}

func TestClamp(t *testing.T) {
	v := Clamp(View{Center: orb.Point{math.NaN(), 95}, Zoom: math.Inf(1)})
	if v.Center != Default.Center || v.Zoom != Default.Zoom {
		t.Errorf("Clamp of non-finite view = %+v", v)
	}
	v = Clamp(View{Center: orb.Point{200, -95}, Zoom: 30})
	if v.Center[0] != 180 || v.Center[1] != -geo.MaxLat || v.Zoom != MaxZoom {
		t.Errorf("Clamp = %+v", v)
	}
}

func TestFit(t *testing.T) {
	p := geo.WebMercator
	b := orb.MultiPoint{p.Project(orb.Point{60, 35}), p.Project(orb.Point{70, 45})}.Bound()
	for _, tc := range []struct {
		name string
		area orb.Bound
		want orb.Bound // where both corners must land
	}{
		{"whole screen", orb.Bound{}, orb.Bound{Min: orb.Point{19, 19}, Max: orb.Point{981, 781}}},
		{"beside a panel on the right", orb.Bound{Max: orb.Point{600, 800}}, orb.Bound{Min: orb.Point{19, 19}, Max: orb.Point{581, 781}}},
		{"above a sheet at the bottom", orb.Bound{Min: orb.Point{0, 100}, Max: orb.Point{1000, 450}}, orb.Bound{Min: orb.Point{19, 119}, Max: orb.Point{981, 431}}},
		{"too small: the whole screen", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{50, 800}}, orb.Bound{Min: orb.Point{19, 19}, Max: orb.Point{981, 781}}},
		{"outside the screen: the whole screen", orb.Bound{Min: orb.Point{-500, 0}, Max: orb.Point{500, 800}}, orb.Bound{Min: orb.Point{19, 19}, Max: orb.Point{981, 781}}},
		{"not a number: the whole screen", orb.Bound{Min: orb.Point{math.NaN(), 0}, Max: orb.Point{500, 800}}, orb.Bound{Min: orb.Point{19, 19}, Max: orb.Point{981, 781}}},
	} {
		v := Fit(View{}, b, p, 1000, 800, tc.area, 9)
		c := NewCamera(v, p, 1000, 800, 1)
		var got orb.Bound
		for i, q := range []orb.Point{{60, 35}, {70, 45}} {
			x, y := c.LonLatToScreen(q)
			if i == 0 {
				got = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x, y}}
			}
			got = got.Extend(orb.Point{x, y})
			if x < tc.want.Min[0] || x > tc.want.Max[0] || y < tc.want.Min[1] || y > tc.want.Max[1] {
				t.Errorf("%s: %v is at %.0f,%.0f: outside %v", tc.name, q, x, y, tc.want)
			}
		}
		// It fills the area: one side of b spans most of the area's side.
		if fw, fh := (got.Max[0]-got.Min[0])/(tc.want.Max[0]-tc.want.Min[0]), (got.Max[1]-got.Min[1])/(tc.want.Max[1]-tc.want.Min[1]); math.Max(fw, fh) < 0.7 {
			t.Errorf("%s: b spans %.0f%% × %.0f%% of the area; it should fill one side", tc.name, fw*100, fh*100)
		}
	}
	pt := Fit(View{}, orb.Bound{Min: p.Project(orb.Point{69, 35}), Max: p.Project(orb.Point{69, 35})}, p, 1000, 800, orb.Bound{Max: orb.Point{600, 800}}, 7)
	if pt.Zoom != 7 {
		t.Errorf("fitting a point gave zoom %v, want the maximum 7", pt.Zoom)
	}
	if x, y := NewCamera(pt, p, 1000, 800, 1).LonLatToScreen(orb.Point{69, 35}); math.Abs(x-300) > 0.5 || math.Abs(y-400) > 0.5 {
		t.Errorf("a point fitted into the left 600 px is at %.1f,%.1f, want the area's centre 300,400", x, y)
	}
}

func TestReveal(t *testing.T) {
	p := geo.WebMercator
	v := View{Center: orb.Point{60, 42}, Zoom: 4}
	sheet := orb.Bound{Min: orb.Point{0, 100}, Max: orb.Point{400, 500}} // a card covers y > 500
	if got, moved := Reveal(v, p, 400, 800, sheet, 200, 300); moved || got.Center != v.Center {
		t.Errorf("a point inside the free area moved the map to %v", got.Center)
	}
	// A tap at y = 700 lands under the card: what was there comes to the
	// middle of the free area, at the same zoom.
	at := NewCamera(v, p, 400, 800, 1).ScreenToLonLat(120, 700)
	got, moved := Reveal(v, p, 400, 800, sheet, 120, 700)
	if !moved || got.Zoom != v.Zoom {
		t.Fatalf("Reveal = %+v, %v; want a move at zoom %v", got, moved, v.Zoom)
	}
	if x, y := NewCamera(got, p, 400, 800, 1).LonLatToScreen(at); math.Abs(x-200) > 0.5 || math.Abs(y-300) > 0.5 {
		t.Errorf("the tapped place is now at %.1f,%.1f; want the free area's centre 200,300", x, y)
	}
	// Near the edge of the free area counts as hidden too.
	if _, moved := Reveal(v, p, 400, 800, sheet, 200, 490); !moved {
		t.Error("a point 10 px above the card was left there")
	}
}

func TestFitScene(t *testing.T) {
	p := geo.WebMercator
	scene := View{Center: orb.Point{52, 43}, Zoom: 3.2, Sel: "ots"}
	// On the screen scenes are written for, with nothing covering it, the
	// scene is as written.
	if got := FitScene(scene, p, SceneW, SceneH, orb.Bound{}); !near(got.Zoom, 3.2, 1e-9) || !near(got.Center[0], 52, 1e-9) || !near(got.Center[1], 43, 1e-9) || got.Sel != "ots" {
		t.Errorf("FitScene on the reference screen = %+v", got)
	}
	// A bigger screen does not zoom in.
	if got := FitScene(scene, p, 1920, 1080, orb.Bound{}); !near(got.Zoom, 3.2, 1e-9) {
		t.Errorf("on 1920×1080 the zoom is %v, want 3.2", got.Zoom)
	}
	// A phone shows the same extent, its centre in the band panels leave.
	ref := NewCamera(scene, p, SceneW, SceneH, 1)
	west, east := ref.ScreenToLonLat(0, SceneH/2), ref.ScreenToLonLat(SceneW, SceneH/2)
	band := orb.Bound{Min: orb.Point{0, 120}, Max: orb.Point{390, 600}}
	got := FitScene(scene, p, 390, 800, band)
	c := NewCamera(got, p, 390, 800, 1)
	if x, _ := c.LonLatToScreen(west); math.Abs(x) > 1 {
		t.Errorf("the scene's western edge is at x = %.1f on the phone, want 0", x)
	}
	if x, _ := c.LonLatToScreen(east); math.Abs(x-390) > 1 {
		t.Errorf("the scene's eastern edge is at x = %.1f on the phone, want 390", x)
	}
	if x, y := c.LonLatToScreen(scene.Center); math.Abs(x-195) > 0.5 || math.Abs(y-360) > 0.5 {
		t.Errorf("the scene's centre is at %.1f,%.1f, want the band's centre 195,360", x, y)
	}
}

func TestFlight(t *testing.T) {
	from := View{Center: orb.Point{28.98, 41.01}, Zoom: 5}
	to := View{Center: orb.Point{76.9, 43.24}, Zoom: 6, Sel: "site:almaty"}
	f := NewFlight(from, to, geo.WebMercator, 1280)
	if d := f.Duration().Seconds(); d < 1 || d > 2 {
		t.Errorf("flight takes %v s, want 1–2", d)
	}
	if got := f.At(1); got.Center != to.Center || got.Zoom != to.Zoom || got.Sel != to.Sel {
		t.Errorf("At(1) = %+v, want exactly %+v", got, to)
	}
	if got := f.At(0); !near(got.Center[0], from.Center[0], 1e-6) || !near(got.Zoom, from.Zoom, 1e-6) {
		t.Errorf("At(0) = %+v, want %+v", got, from)
	}
	mid := f.At(0.5)
	if mid.Zoom >= from.Zoom || mid.Center[0] <= from.Center[0] || mid.Center[0] >= to.Center[0] {
		t.Errorf("halfway = %+v: want the camera higher than both ends and between them", mid)
	}
	prev := from.Center[0]
	for i := 1; i <= 20; i++ {
		v := f.At(float64(i) / 20)
		if v.Center[0] < prev-1e-9 {
			t.Errorf("the flight goes back east to west at step %d", i)
		}
		prev = v.Center[0]
	}
	zoomOnly := NewFlight(View{Center: orb.Point{60, 42}, Zoom: 3}, View{Center: orb.Point{60, 42}, Zoom: 6}, geo.WebMercator, 1280)
	if v := zoomOnly.At(0.5); v.Zoom <= 3 || v.Zoom >= 6 || v.Center != (orb.Point{60, 42}) {
		t.Errorf("a zoom-only flight halfway = %+v", v)
	}
}
