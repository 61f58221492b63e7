package tess_test

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/tess"
)

// ringArea is the absolute area of the ring of vertices [start, end).
func ringArea(c []float64, start, end int) float64 {
	var s float64
	for i, j := start, end-1; i < end; j, i = i, i+1 {
		s += (c[2*j] - c[2*i]) * (c[2*i+1] + c[2*j+1])
	}
	return math.Abs(s) / 2
}

// trianglesArea sums the areas of the triangles.
func trianglesArea(c []float64, idx []int) float64 {
	var s float64
	for k := 0; k+2 < len(idx); k += 3 {
		a, b, d := idx[k], idx[k+1], idx[k+2]
		s += math.Abs((c[2*b]-c[2*a])*(c[2*d+1]-c[2*a+1])-(c[2*d]-c[2*a])*(c[2*b+1]-c[2*a+1])) / 2
	}
	return s
}

func polygonArea(c []float64, holes []int) float64 {
	n := len(c) / 2
	ends := append(append([]int{}, holes...), n)
	area := ringArea(c, 0, ends[0])
	for k := range holes {
		area -= ringArea(c, holes[k], ends[k+1])
	}
	return area
}

func TestTriangulate_shapes(t *testing.T) {
	for _, tt := range []struct {
		name   string
		coords []float64
		holes  []int
		tris   int
	}{
		{"triangle", []float64{0, 0, 1, 0, 0, 1}, nil, 1},
		{"square", []float64{0, 0, 1, 0, 1, 1, 0, 1}, nil, 2},
		{"square, other winding", []float64{0, 0, 0, 1, 1, 1, 1, 0}, nil, 2},
		{"concave L", []float64{0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2}, nil, 4},
		{"square with a square hole", []float64{0, 0, 4, 0, 4, 4, 0, 4, 1, 1, 1, 3, 3, 3, 3, 1}, []int{4}, 8},
		{"two holes", []float64{0, 0, 10, 0, 10, 4, 0, 4, 1, 1, 1, 3, 3, 3, 3, 1, 6, 1, 6, 3, 8, 3, 8, 1}, []int{4, 8}, 14},
		{"collinear points", []float64{0, 0, 1, 0, 2, 0, 2, 2, 0, 2}, nil, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			idx := tess.Triangulate(tt.coords, tt.holes)
			if len(idx) == 0 || len(idx) > 3*tt.tris {
				t.Errorf("%d triangles, want 1 to %d", len(idx)/3, tt.tris)
			}
			if got, want := trianglesArea(tt.coords, idx), polygonArea(tt.coords, tt.holes); math.Abs(got-want) > 1e-9 {
				t.Errorf("triangles cover %v, the polygon is %v", got, want)
			}
		})
	}
	if idx := tess.Triangulate([]float64{0, 0, 1, 1}, nil); len(idx) != 0 {
		t.Errorf("a two-point ring gave %d triangles", len(idx)/3)
	}
	if idx := tess.Triangulate(nil, nil); len(idx) != 0 {
		t.Error("an empty ring gave triangles")
	}
}

// A star with many points exercises the z-order path.
func TestTriangulate_star(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 3; n <= 2000; n = n*3 + 1 {
		var c []float64
		for i := range n {
			a := 2 * math.Pi * float64(i) / float64(n)
			rad := 1 + r.Float64()
			c = append(c, rad*math.Cos(a), rad*math.Sin(a))
		}
		idx := tess.Triangulate(c, nil)
		if len(idx) != 3*(n-2) {
			t.Errorf("star of %d points: %d triangles, want %d", n, len(idx)/3, n-2)
		}
		if got, want := trianglesArea(c, idx), polygonArea(c, nil); math.Abs(got-want) > 1e-9*want {
			t.Errorf("star of %d points: triangles cover %v, the polygon is %v", n, got, want)
		}
	}
}

// Every country at every level of detail: the triangles cover the
// polygon's area. Simplification can make a ring of a few pixels cross
// itself; those are too small to see and are let off.
func TestTriangulate_world(t *testing.T) {
	data, err := os.ReadFile("../../assets/boundaries/countries.atlas")
	if err != nil {
		t.Fatal(err)
	}
	a, err := atlas.LoadBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	lod := a.Prepare(geo.WebMercator, atlas.DefaultBands)
	for li := range lod.Len() {
		lv := lod.Level(li)
		bad := 0
		px := 1 / (geo.TileSize * math.Exp2(min(lv.MaxZoom, 10))) // a pixel at the level's deepest zoom
		for _, c := range a.Countries {
			for _, poly := range c.Polygons {
				coords, holes := lv.Flatten(poly)
				if len(coords) == 0 {
					continue
				}
				got, want := trianglesArea(coords, tess.Triangulate(coords, holes)), polygonArea(coords, holes)
				if math.Abs(got-want) > 1e-6*want && want > 400*px*px {
					bad++
					if bad <= 3 {
						t.Errorf("level %d, %s: triangles cover %g, the polygon is %g", li, c.ID, got, want)
					}
				}
			}
		}
	}
}

func BenchmarkTriangulate_world(b *testing.B) {
	data, err := os.ReadFile("../../assets/boundaries/countries.atlas")
	if err != nil {
		b.Fatal(err)
	}
	a, err := atlas.LoadBinary(data)
	if err != nil {
		b.Fatal(err)
	}
	lv := a.Prepare(geo.WebMercator, atlas.DefaultBands).For(5)
	type poly struct {
		coords []float64
		holes  []int
	}
	var polys []poly
	for _, c := range a.Countries {
		for _, p := range c.Polygons {
			coords, holes := lv.Flatten(p)
			polys = append(polys, poly{coords, holes})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range polys {
			tess.Triangulate(p.coords, p.holes)
		}
	}
}
