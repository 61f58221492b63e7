package atlas

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
)

// Distances to a country and to land, against the boundaries themselves:
// inside is 0, a point across a border or off a coast is as far as the
// nearest boundary point, and beyond the limit asked for is +Inf.
func TestDistances(t *testing.T) {
	a := loadWorld(t)
	kaz, uzb := a.Index("KAZ"), a.Index("UZB")
	tashkent := orb.Point{69.28, 41.31}
	if d := a.DistanceToCountry(tashkent, uzb, 10); d != 0 {
		t.Errorf("Tashkent to Uzbekistan: %v, want 0", d)
	}
	// Tashkent lies some 15 km from the Kazakh border: the distance agrees
	// with the great circle to the nearest vertex of Kazakhstan's outline
	// within a few percent (an edge may pass closer than its vertices).
	d := a.DistanceToCountry(tashkent, kaz, 100)
	nearest := math.Inf(1)
	for _, poly := range a.Geometry(&a.Countries[kaz]) {
		for _, p := range poly[0] {
			nearest = min(nearest, geo.DistanceKm(tashkent, p))
		}
	}
	if d < 10 || d > 20 || d > nearest*1.01 || d < nearest*0.7 {
		t.Errorf("Tashkent to Kazakhstan: %.2f km; nearest vertex %.2f km", d, nearest)
	}
	if d := a.DistanceToCountry(tashkent, kaz, 5); !math.IsInf(d, 1) {
		t.Errorf("Tashkent to Kazakhstan within 5 km: %v, want +Inf", d)
	}
	// The middle of the Caspian is far from land; Aktau's old point just
	// off the 1:50m coast is close to it.
	if d := a.DistanceToLand(orb.Point{51, 41.5}, 1000); d < 100 || d > 160 {
		t.Errorf("mid-Caspian to land: %.1f km", d)
	}
	if d := a.DistanceToLand(orb.Point{51.2, 43.6}, 10); d <= 0 || d > 2 {
		t.Errorf("Aktau's old point to land: %.2f km", d)
	}
	if d := a.DistanceToLand(tashkent, 10); d != 0 {
		t.Errorf("Tashkent to land: %v", d)
	}
	// Across the antimeridian: a point in the Bering Strait's sea just
	// east of 180° is near Russia's Chukotka, west of it.
	if d := a.DistanceToCountry(orb.Point{-179.9, 65.5}, a.Index("RUS"), 200); math.IsInf(d, 1) {
		t.Error("Chukotka is not found across the antimeridian")
	}
}

// The grid finds what a scan of every segment finds: the same nearest
// distance to the coast, to a millimetre, for points all over the world and
// several radii: a run of segments may cover many cells, and the cells
// around a point may wrap around the antimeridian (a point at 175°E lies
// near coasts just west of 180°W).
func TestNearest_everySegment(t *testing.T) {
	a := loadWorld(t)
	g := a.grid()
	rng := rand.New(rand.NewPCG(1, 2))
	for range 150 {
		p := orb.Point{rng.Float64()*360 - 180, rng.Float64()*170 - 85}
		for _, maxKm := range []float64{10, 100, 1000} {
			want := scanCoast(a.Arcs, p, maxKm)
			if got := g.nearest(a.Arcs, p, maxKm, Arc.Coast); got != want && !(math.Abs(got-want) < 1e-6) {
				t.Fatalf("coast within %v km of %v: %v; every segment: %v", maxKm, p, got, want)
			}
		}
	}
}

// A run's bound takes in its last point: a coast of 16 segments along the
// equator (one run), from 0° to 15°E a degree at a time and then on to
// 20°E, is 33 km from 20.3°E, in cells only its last point reaches. A
// point that is not a position is near nothing, and asking about one does
// not panic.
func TestNearest_runBound(t *testing.T) {
	var line orb.LineString
	for lon := range 16 {
		line = append(line, orb.Point{float64(lon), 0})
	}
	line = append(line, orb.Point{20, 0})
	arcs := []Arc{{Points: line, Left: 0, Right: -1}}
	g := newEdgeGrid(arcs)
	if d := g.nearest(arcs, orb.Point{20.3, 0}, 50, Arc.Coast); d < 33 || d > 34 {
		t.Errorf("20.3°E to a coast ending at 20°E: %v km, want about 33.4", d)
	}
	for _, p := range []orb.Point{{math.NaN(), -89.9}, {-600, -89.9}, {0, math.Inf(1)}, {181, 0}} {
		if d := g.nearest(arcs, p, 100, Arc.Coast); !math.IsInf(d, 1) {
			t.Errorf("%v: %v km, want +Inf", p, d)
		}
	}
}

// scanCoast is nearest by every coast segment, for the test. A segment's second
// end is placed from its first, so that one near p's antipode, whose ends
// wrap to either side of the plane, is not taken for one crossing p.
func scanCoast(arcs []Arc, p orb.Point, maxKm float64) float64 {
	cos := math.Cos(p[1] * math.Pi / 180)
	wrap := func(d float64) float64 {
		if d > 180 {
			return d - 360
		} else if d < -180 {
			return d + 360
		}
		return d
	}
	best := math.Inf(1)
	for _, arc := range arcs {
		if !arc.Coast() {
			continue
		}
		for i := 0; i+1 < len(arc.Points); i++ {
			a, b := arc.Points[i], arc.Points[i+1]
			ax, ay := wrap(a[0]-p[0])*cos*kmPerDegree, (a[1]-p[1])*kmPerDegree
			bx, by := ax+wrap(b[0]-a[0])*cos*kmPerDegree, (b[1]-p[1])*kmPerDegree
			best = min(best, originToSegment(ax, ay, bx, by))
		}
	}
	if best > maxKm {
		return math.Inf(1)
	}
	return best
}

func BenchmarkDistanceToLand(b *testing.B) {
	a := loadWorld(b)
	a.DistanceToLand(orb.Point{51, 41.5}, 10)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		a.DistanceToLand(orb.Point{50 + float64(i%100)/50, 41.5}, 10)
	}
}

// BenchmarkEdgeGrid builds the grid that distances use, for the 1:50m and
// the 1:10m boundaries: a content check that asks one distance pays it.
func BenchmarkEdgeGrid(b *testing.B) {
	for _, c := range []struct{ name, file string }{
		{"50m", "../../assets/boundaries/countries.topojson"},
		{"10m", "../../assets/boundaries/countries-10m.topojson"},
	} {
		b.Run(c.name, func(b *testing.B) {
			data, err := os.ReadFile(c.file)
			if err != nil {
				b.Fatal(err)
			}
			a, err := Load(data)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				newEdgeGrid(a.Arcs)
			}
		})
	}
}
