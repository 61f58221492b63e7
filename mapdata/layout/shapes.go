package layout

import (
	"math"

	"github.com/paulmach/orb"
)

// Dashes calls emit for each drawn piece of a polyline: every segment when
// dash is 0, else the "on" stretches of a pattern of equal dashes and gaps
// that runs on across vertices. Every renderer strokes lines through it.
func Dashes(pts []orb.Point, dash float64, emit func(p, q orb.Point)) {
	if dash <= 0 {
		for i := 1; i < len(pts); i++ {
			emit(pts[i-1], pts[i])
		}
		return
	}
	on, left := true, dash
	for i := 1; i < len(pts); i++ {
		p, q := pts[i-1], pts[i]
		seg := math.Hypot(q[0]-p[0], q[1]-p[1])
		for t := 0.0; t < seg; {
			step := math.Min(left, seg-t)
			if on {
				emit(Lerp(p, q, t/seg), Lerp(p, q, (t+step)/seg))
			}
			t += step
			if left -= step; left <= 1e-9 {
				on, left = !on, dash
			}
		}
	}
}

// Lerp is the point a fraction t of the way from p to q.
func Lerp(p, q orb.Point, t float64) orb.Point {
	return orb.Point{p[0] + (q[0]-p[0])*t, p[1] + (q[1]-p[1])*t}
}

// SymbolShape is the outline of a site marker of radius r at (x, y): its
// shape tells the kind (star: summit venue, triangle: airbase, square: mine
// or port, diamond: border crossing, disc: anything else).
func SymbolShape(kind string, x, y, r float64) orb.Ring {
	poly := func(n int, rot float64, radii ...float64) orb.Ring {
		ring := make(orb.Ring, 0, n+1)
		for i := range n {
			a := rot + 2*math.Pi*float64(i)/float64(n)
			rr := radii[i%len(radii)]
			ring = append(ring, orb.Point{x + rr*math.Cos(a), y + rr*math.Sin(a)})
		}
		return append(ring, ring[0])
	}
	switch kind {
	case "summit-venue":
		return poly(10, -math.Pi/2, r*1.15, r*0.5)
	case "airbase":
		return poly(3, -math.Pi/2, r*1.15)
	case "mine", "port":
		return poly(4, math.Pi/4, r*1.2)
	case "border-crossing":
		return poly(4, 0, r*1.15)
	case "dot":
		return poly(12, 0, r)
	}
	return poly(24, 0, r)
}

// Ringed reports whether a site kind's marker has a white centre.
func Ringed(kind string) bool { return kind == "nuclear-test-site" || kind == "institution" }
