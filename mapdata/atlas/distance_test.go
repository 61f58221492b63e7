package atlas

import (
	"math"
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

func BenchmarkDistanceToLand(b *testing.B) {
	a := loadWorld(b)
	a.DistanceToLand(orb.Point{51, 41.5}, 10)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		a.DistanceToLand(orb.Point{50 + float64(i%100)/50, 41.5}, 10)
	}
}
