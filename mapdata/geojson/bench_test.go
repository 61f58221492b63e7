package geojson

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// combRing is a simple comb of about n positions: teeth running east from a
// spine, one above the other, so that nearly every edge overlaps every other
// in longitude.
func combRing(n int) orb.Ring {
	teeth := n / 4
	step := 160 / float64(teeth+1)
	var r orb.Ring
	for i := range teeth {
		y := -80 + float64(i)*step
		r = append(r, orb.Point{1, y}, orb.Point{100, y}, orb.Point{100, y + step/2}, orb.Point{1, y + step/2})
	}
	top := -80 + float64(teeth)*step
	return append(r, orb.Point{1, top}, orb.Point{0, top}, orb.Point{0, -80}, orb.Point{1, -80})
}

// circleRing is a simple ring of n+1 positions on a circle.
func circleRing(n int) orb.Ring {
	r := make(orb.Ring, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		r[i] = orb.Point{60 + 20*math.Cos(a), 40 + 20*math.Sin(a)}
	}
	r[n] = r[0]
	return r
}

func BenchmarkSelfIntersection(b *testing.B) {
	for _, bc := range []struct {
		name string
		ring orb.Ring
	}{
		{"comb-300k", combRing(300_000)},
		{"circle-300k", circleRing(300_000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if i, j, ok := SelfIntersection(bc.ring); ok {
					b.Fatalf("simple ring reported crossing at edges %d and %d", i, j)
				}
			}
		})
	}
}
