package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestWebMercator_roundTrip(t *testing.T) {
	for _, p := range []orb.Point{{0, 0}, {69.28, 41.31}, {-3.7, 40.42}, {179.9, -16.8}, {-180, 85}} {
		w := WebMercator.Project(p)
		back := WebMercator.Unproject(w)
		if math.Abs(back[0]-p[0]) > 1e-9 || math.Abs(back[1]-p[1]) > 1e-9 {
			t.Errorf("Unproject(Project(%v)) = %v", p, back)
		}
	}
}

func TestWebMercator_worldSquare(t *testing.T) {
	for _, tt := range []struct{ in, want orb.Point }{
		{orb.Point{0, 0}, orb.Point{0.5, 0.5}},
		{orb.Point{-180, MaxLat}, orb.Point{0, 0}},
		{orb.Point{180, -MaxLat}, orb.Point{1, 1}},
		{orb.Point{90, 90}, orb.Point{0.75, 0}}, // clamped at the edge
	} {
		got := WebMercator.Project(tt.in)
		if math.Abs(got[0]-tt.want[0]) > 1e-9 || math.Abs(got[1]-tt.want[1]) > 1e-9 {
			t.Errorf("Project(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDistanceKm(t *testing.T) {
	// Bagram to Lop Nur: the article speaks of about 1,200 miles (1,930 km).
	d := DistanceKm(orb.Point{69.265, 34.9461}, orb.Point{88.5, 41.5})
	if d < 1800 || d > 1900 {
		t.Errorf("Bagram–Lop Nur = %.0f km, want about 1,850", d)
	}
}

func TestValidLonLat(t *testing.T) {
	for _, tt := range []struct {
		p    orb.Point
		want bool
	}{
		{orb.Point{-180, -90}, true}, {orb.Point{180, 90}, true}, {orb.Point{180.1, 0}, false},
		{orb.Point{0, -90.1}, false}, {orb.Point{math.NaN(), 0}, false}, {orb.Point{0, math.Inf(1)}, false},
	} {
		if got := ValidLonLat(tt.p); got != tt.want {
			t.Errorf("ValidLonLat(%v) = %v", tt.p, got)
		}
	}
}

func TestBound(t *testing.T) {
	pts := orb.LineString{{3, -1}, {-2, 4}, {5, 0}, {1, 1}}
	if got := Bound(pts); got != pts.Bound() {
		t.Errorf("Bound = %v, want %v", got, pts.Bound())
	}
	// Runs that only grow, only shrink, and wander.
	for _, step := range []func(i int) orb.Point{
		func(i int) orb.Point { return orb.Point{float64(i), float64(2 * i)} },
		func(i int) orb.Point { return orb.Point{float64(-i), float64(-3 * i)} },
		func(i int) orb.Point { return orb.Point{float64(i*7919%101) - 50, float64(i*104729%89) - 40} },
	} {
		var run orb.LineString
		for i := range 200 {
			run = append(run, step(i))
		}
		if got := Bound(run); got != run.Bound() {
			t.Errorf("Bound = %v, want %v", got, run.Bound())
		}
	}
	one := orb.LineString{{7, 8}}
	if got := Bound(one); got != (orb.Bound{Min: orb.Point{7, 8}, Max: orb.Point{7, 8}}) {
		t.Errorf("Bound of one point = %v", got)
	}
	if got := Bound(nil); !got.IsEmpty() || got != (orb.LineString{}).Bound() {
		t.Errorf("Bound of no points = %v, want orb's empty bound", got)
	}
}
