package atlas

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/silkmap/silkmap/mapdata/geo"
)

func TestPrepare_levels(t *testing.T) {
	a := loadWorld(t)
	lod := a.Prepare(geo.WebMercator, DefaultBands)
	if lod.Len() != len(DefaultBands)+1 || !math.IsInf(lod.Level(lod.Len()-1).MaxZoom, 1) {
		t.Fatalf("%d levels, want %d ending with the full geometry", lod.Len(), len(DefaultBands)+1)
	}
	prev := 0
	for i := range lod.Len() {
		lv := lod.Level(i)
		n := 0
		for _, arc := range lv.Arcs {
			n += len(arc)
		}
		if n <= prev {
			t.Errorf("level %d has %d vertices, not more than the coarser level's %d", i, n, prev)
		}
		prev = n
		t.Logf("level %d (zoom ≤ %g): %d vertices", i, lv.MaxZoom, n)
	}
	if lod.For(1) != lod.Level(0) || lod.For(4) != lod.Level(2) || lod.For(20) != lod.Level(lod.Len()-1) {
		t.Error("For picks the wrong level")
	}
}

// Coarsest picks the coarsest level whose simplification error, seen at
// the zoom, stays within the pixels allowed.
func TestLOD_coarsest(t *testing.T) {
	lod := loadWorld(t).Prepare(geo.WebMercator, DefaultBands)
	px := func(i int, zoom float64) float64 { return lod.Level(i).Tolerance * geo.TileSize * math.Exp2(zoom) }
	for _, zoom := range []float64{0, 1.5, 3.2, 3.6, 5, 7.9, 9, 12} {
		c := lod.Coarsest(zoom, 1)
		if c > lod.Index(zoom) || px(c, zoom) > 1.0001 || c > 0 && px(c-1, zoom) <= 1 {
			t.Errorf("zoom %g: level %d (%.2f px off; exact level %d), not the coarsest within 1 px", zoom, c, px(c, zoom), lod.Index(zoom))
		}
	}
	if lod.Coarsest(3.2, 1) != 0 || lod.Coarsest(12, 1) != lod.Len()-1 {
		t.Error("at the default zoom the coarsest level should serve, far in only the full geometry")
	}
}

// Neighbours must share their border exactly at every level: the vertices of
// a shared arc appear, in order, in both countries' rings.
func TestPrepare_sharedBordersStayShared(t *testing.T) {
	a := loadWorld(t)
	lod := a.Prepare(geo.WebMercator, DefaultBands)
	arm, _ := a.Country("ARM")
	aze, _ := a.Country("AZE")
	for li := range lod.Len() {
		lv := lod.Level(li)
		rings := map[string][]orb.LineString{}
		for _, c := range []*Country{arm, aze} {
			for _, poly := range c.Polygons {
				for _, refs := range poly {
					rings[c.ID] = append(rings[c.ID], lv.Ring(refs))
				}
			}
		}
		checked := 0
		for i, arc := range a.Arcs {
			if arc.Coast() || !((arc.Left == a.byID["ARM"] && arc.Right == a.byID["AZE"]) || (arc.Left == a.byID["AZE"] && arc.Right == a.byID["ARM"])) {
				continue
			}
			for _, id := range []string{"ARM", "AZE"} {
				if !containsRun(rings[id], lv.Arcs[i]) {
					t.Errorf("level %d: %s's rings do not contain shared arc %d as drawn", li, id, i)
				}
			}
			checked++
		}
		if checked == 0 {
			t.Fatal("no Armenia–Azerbaijan arcs found")
		}
	}
}

// containsRun reports whether some ring holds run's vertices consecutively,
// forwards or backwards.
func containsRun(rings []orb.LineString, run orb.LineString) bool {
	for _, r := range rings {
		for start := range r {
			fwd, back := true, true
			for k := range run {
				if start+k >= len(r) {
					fwd, back = false, false
					break
				}
				fwd = fwd && r[start+k] == run[k]
				back = back && r[start+k] == run[len(run)-1-k]
			}
			if fwd || back {
				return true
			}
		}
	}
	return false
}

func TestPrepare_errorWithinTolerance(t *testing.T) {
	a := loadWorld(t)
	lod := a.Prepare(geo.WebMercator, DefaultBands)
	full := lod.Level(lod.Len() - 1)
	for li := range lod.Len() - 1 {
		lv := lod.Level(li)
		for i := 0; i < len(lv.Arcs); i += 37 { // a sample of arcs
			simple := lv.Arcs[i]
			for _, p := range full.Arcs[i] {
				if d := planar.DistanceFrom(simple, p); d > lv.Tolerance*1.0001 {
					t.Fatalf("level %d arc %d: vertex %v is %g from the simplified line, tolerance %g", li, i, p, d, lv.Tolerance)
				}
			}
		}
	}
}

func TestPrepare_strokesSkipDomainEdges(t *testing.T) {
	a := loadWorld(t)
	lv := a.Prepare(geo.WebMercator, DefaultBands).Level(0)
	for i, arc := range a.Arcs {
		for _, run := range lv.Strokes[i] {
			for k := 1; k < len(run); k++ {
				p, q := geo.WebMercator.Unproject(run[k-1]), geo.WebMercator.Unproject(run[k])
				if math.Abs(p[0]) > 179.999 && math.Abs(q[0]) > 179.999 && p[0]*q[0] > 0 {
					t.Errorf("arc %d (%d points) strokes an edge along the antimeridian: %v %v", i, len(arc.Points), p, q)
				}
			}
		}
	}
}

func TestDomainEdge(t *testing.T) {
	for _, tt := range []struct {
		a, b orb.Point
		want bool
	}{
		{orb.Point{180, 60}, orb.Point{180, 65}, true},
		{orb.Point{-180, 60}, orb.Point{-180, 65}, true},
		{orb.Point{180, 60}, orb.Point{-180, 60}, false},
		{orb.Point{10, -89.999}, orb.Point{20, -89.999}, true},
		{orb.Point{179, 60}, orb.Point{180, 60}, false},
	} {
		if got := DomainEdge(tt.a, tt.b); got != tt.want {
			t.Errorf("DomainEdge(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func BenchmarkPrepare(b *testing.B) {
	a := loadWorld(b)
	b.ReportAllocs()
	for b.Loop() {
		lod := a.Prepare(geo.WebMercator, DefaultBands)
		for i := range lod.Len() {
			lod.Level(i)
		}
	}
}
