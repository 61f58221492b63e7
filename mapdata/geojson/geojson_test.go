package geojson

import (
	"cmp"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"
)

func TestSelfIntersection(t *testing.T) {
	for _, tt := range []struct {
		name string
		ring orb.Ring
		want bool
	}{
		{"square", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, false},
		{"bow tie", orb.Ring{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}, true},
		{"concave", orb.Ring{{0, 0}, {4, 0}, {4, 4}, {2, 1}, {0, 4}, {0, 0}}, false},
		{"touching vertex", orb.Ring{{0, 0}, {4, 0}, {2, 2}, {4, 4}, {0, 4}, {2, 2}, {0, 0}}, true},
		{"spike back over itself", orb.Ring{{0, 0}, {4, 0}, {4, 4}, {4, 2}, {0, 4}, {0, 0}}, true},
		{"triangle", orb.Ring{{0, 0}, {1, 0}, {0, 1}, {0, 0}}, false},
		{"flat triangle", orb.Ring{{0, 0}, {2, 0}, {1, 0}, {0, 0}}, true},
		{"repeated position", orb.Ring{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, true},
		{"repeated closing position", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}, {0, 0}}, true},
		{"vertex on a vertical edge", orb.Ring{{0, 0}, {2, 0}, {2, 2}, {1, 2}, {2, 1}, {3, 3}, {0, 3}, {0, 0}}, true},
		{"straight through a vertex", orb.Ring{{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}, {0, 0}}, true},
		{"collinear vertices, simple", orb.Ring{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}, {0, 0}}, false},
		{"collinear overlap, far apart", orb.Ring{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 0}, {2, 0}, {2, -1}, {0, -1}, {0, 0}}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			i, j, got := SelfIntersection(tt.ring)
			if got != tt.want {
				t.Fatalf("SelfIntersection = %v, want %v", got, tt.want)
			}
			if got && !illegalTouch(tt.ring, i, j) {
				t.Errorf("edges %d and %d do not touch", i, j)
			}
		})
	}
}

// illegalTouch is the definition SelfIntersection answers for one pair:
// non-adjacent edges touch, or adjacent edges share more than their vertex.
func illegalTouch(ring orb.Ring, i, j int) bool {
	n := len(ring) - 1
	pt := func(k int) orb.Point { return ring[k%n] }
	if i < 0 || i >= j || j >= n {
		return false
	}
	var a, b, c orb.Point
	switch {
	case j == i+1:
		a, b, c = pt(i), pt(j), pt(j+1)
	case i == 0 && j == n-1:
		a, b, c = pt(n-1), pt(0), pt(1)
	default:
		return segmentsTouch(pt(i), pt(i+1), pt(j), pt(j+1))
	}
	return a != b && c != b && orient(a, b, c) == 0 && (onSegment(b, c, a) || onSegment(b, a, c))
}

// bruteSelfIntersection tries every pair of edges.
func bruteSelfIntersection(ring orb.Ring) bool {
	n := len(ring) - 1
	for i := range n {
		for j := i + 1; j < n; j++ {
			if illegalTouch(ring, i, j) {
				return true
			}
		}
	}
	return false
}

// The sweep agrees with trying every pair on thousands of small rings,
// many on a coarse grid so that vertical edges, shared x, collinear
// overlaps, repeated positions and touching vertices are common.
func TestSelfIntersectionRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 7))
	grid := func(k int) float64 { return float64(rng.IntN(k + 1)) }
	shapes := map[string]func() orb.Ring{
		"grid walk": func() orb.Ring {
			k := 2 + rng.IntN(4)
			var r orb.Ring
			for range 3 + rng.IntN(8) {
				r = append(r, orb.Point{grid(k), grid(k)})
			}
			return r
		},
		"grid star": func() orb.Ring { // often simple: sorted by angle
			k := 3 + rng.IntN(5)
			var r orb.Ring
			for range 3 + rng.IntN(12) {
				r = append(r, orb.Point{grid(k), grid(k)})
			}
			c := orb.Point{float64(k)/2 + 0.1, float64(k)/2 + 0.2}
			slices.SortFunc(r, func(p, q orb.Point) int {
				return cmp.Compare(math.Atan2(p[1]-c[1], p[0]-c[0]), math.Atan2(q[1]-c[1], q[0]-c[0]))
			})
			return r
		},
		"two columns": func() orb.Ring { // vertical edges, many sharing x
			var r orb.Ring
			for x := range 2 {
				col := make([]float64, 2+rng.IntN(5))
				for i := range col {
					col[i] = grid(6)
				}
				slices.Sort(col)
				if x == 1 {
					slices.Reverse(col)
				}
				for _, y := range col {
					r = append(r, orb.Point{float64(x), y})
				}
			}
			if rng.IntN(3) == 0 {
				i, j := rng.IntN(len(r)), rng.IntN(len(r))
				r[i], r[j] = r[j], r[i]
			}
			return r
		},
		"float star": func() orb.Ring {
			var r orb.Ring
			for range 3 + rng.IntN(30) {
				a, d := rng.Float64()*2*math.Pi, 1+rng.Float64()*10
				r = append(r, orb.Point{60 + d*math.Cos(a), 40 + d*math.Sin(a)})
			}
			slices.SortFunc(r, func(p, q orb.Point) int {
				return cmp.Compare(math.Atan2(p[1]-40, p[0]-60), math.Atan2(q[1]-40, q[0]-60))
			})
			if rng.IntN(2) == 0 { // move one position onto another's edge
				i, j := rng.IntN(len(r)), rng.IntN(len(r))
				k := (j + 1) % len(r)
				f := float64(rng.IntN(3)) / 2
				r[i] = orb.Point{r[j][0] + f*(r[k][0]-r[j][0]), r[j][1] + f*(r[k][1]-r[j][1])}
			}
			return r
		},
	}
	for name, shape := range shapes {
		simple := 0
		for range 3000 {
			ring := shape()
			ring = append(ring, ring[0])
			want := bruteSelfIntersection(ring)
			i, j, got := SelfIntersection(ring)
			if got != want {
				t.Fatalf("%s: SelfIntersection(%v) = %v, brute force says %v", name, ring, got, want)
			}
			if got && !illegalTouch(ring, i, j) {
				t.Fatalf("%s: SelfIntersection(%v) reports edges %d and %d, which may touch", name, ring, i, j)
			}
			if !got {
				simple++
			}
		}
		if simple < 100 || simple > 2900 {
			t.Errorf("%s: %d of 3000 rings simple: the test does not exercise both answers", name, simple)
		}
	}
}

// Large rings with many edges in the sweep at once: a comb and a circle,
// then with one position moved onto another position or edge.
func TestSelfIntersectionLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 8))
	for _, base := range []orb.Ring{combRing(400), circleRing(300)} {
		if _, _, ok := SelfIntersection(base); ok || bruteSelfIntersection(base) {
			t.Fatal("a simple ring is reported crossing")
		}
		for range 200 {
			ring := slices.Clone(base)
			n := len(ring) - 1
			i, j := rng.IntN(n), rng.IntN(n)
			f := float64(rng.IntN(3)) / 2
			ring[i] = orb.Point{ring[j][0] + f*(ring[j+1][0]-ring[j][0]), ring[j][1] + f*(ring[j+1][1]-ring[j][1])}
			ring[n] = ring[0]
			want := bruteSelfIntersection(ring)
			a, b, got := SelfIntersection(ring)
			if got != want || got && !illegalTouch(ring, a, b) {
				t.Fatalf("moving position %d onto edge %d: got %v (edges %d, %d), brute force says %v", i, j, got, a, b, want)
			}
		}
	}
}

// orient's sign is exact, even for points that are almost or exactly on
// a line only up to rounding.
func TestOrientExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 9))
	exact := func(a, b, c orb.Point) int {
		r := func(f float64) *big.Rat { return new(big.Rat).SetFloat64(f) }
		l := new(big.Rat).Mul(new(big.Rat).Sub(r(b[0]), r(a[0])), new(big.Rat).Sub(r(c[1]), r(a[1])))
		m := new(big.Rat).Mul(new(big.Rat).Sub(r(b[1]), r(a[1])), new(big.Rat).Sub(r(c[0]), r(a[0])))
		return l.Cmp(m)
	}
	for range 20000 {
		a := orb.Point{rng.Float64()*360 - 180, rng.Float64()*180 - 90}
		b := orb.Point{rng.Float64()*360 - 180, rng.Float64()*180 - 90}
		if rng.IntN(3) == 0 {
			b[0] = a[0]
		}
		f := rng.Float64() * 3
		c := orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])}
		c[rng.IntN(2)] += float64(rng.IntN(3)-1) * 1e-14
		if got, want := int(sign(orient(a, b, c))), exact(a, b, c); got != want {
			t.Fatalf("orient(%v, %v, %v) has sign %d, want %d", a, b, c, got, want)
		}
	}
}

func TestReadFeatureCollection(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[69.2,41.3]},"properties":{"id":"a"}},
	 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[200,0]},"properties":{}},
	 {"type":"Feature","geometry":null,"properties":{}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[1]},"properties":[]},
	 {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[]]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"LineString","coordinates":[]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2]]},"properties":{}}
	]}`
	feats, probs := ReadFeatureCollection(gjson.Parse(in), "Point", "Polygon", "MultiPolygon", "MultiLineString")
	if len(feats) != 11 || feats[0].Geometry != (orb.Point{69.2, 41.3}) || feats[0].Properties.Get("id").String() != "a" {
		t.Fatalf("features = %+v", feats)
	}
	if _, ok := feats[2].Geometry.(orb.Polygon); !ok {
		t.Errorf("polygon decoded as %T", feats[2].Geometry)
	}
	want := []string{
		`features[1].geometry.type: geometry type "LineString" is not allowed here`,
		`features[3].geometry.coordinates: position [200, 0] is out of range`,
		`features[4].geometry: missing or not a geometry object`,
		`features[5].properties: missing or not an object`,
		`features[5].geometry.coordinates: a position needs longitude and latitude`,
		`features[6].geometry.coordinates: empty: a MultiPolygon needs at least one polygon`,
		`features[7].geometry.coordinates[0]: a polygon needs an exterior ring`,
		`features[8].geometry.coordinates: empty: a MultiLineString needs at least one line`,
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Path+": "+p.Message)
	}
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("problems lack %q; got:\n%s", w, joined)
		}
	}
	for _, i := range []int{3, 6, 7, 8} {
		if feats[i].Geometry != nil {
			t.Errorf("feature %d: an invalid geometry was returned", i)
		}
	}
	lines, probs := ReadFeatureCollection(gjson.Parse(in), "LineString")
	got = nil
	for _, p := range probs {
		got = append(got, p.Path+": "+p.Message)
	}
	joined = strings.Join(got, "\n")
	for _, w := range []string{
		`features[9].geometry.coordinates: a line needs at least two positions, has 0`,
		`features[10].geometry.coordinates: a line needs at least two positions, has 1`,
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("problems lack %q; got:\n%s", w, joined)
		}
	}
	if lines[9].Geometry != nil || lines[10].Geometry != nil {
		t.Error("a line of fewer than two positions was returned")
	}
}

func FuzzReadFeatureCollection(f *testing.F) {
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,0]]]},"properties":{}}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		if !gjson.Valid(s) {
			return
		}
		ReadFeatureCollection(gjson.Parse(s), "Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
	})
}
