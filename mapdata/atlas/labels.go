package atlas

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// LabelSpot is where a country's name goes, in world coordinates.
type LabelSpot struct {
	Anchor orb.Point // deep inside the largest part
	Width  float64   // width of the largest part, for deciding whether a name fits
	Area   float64   // projected area of the largest part, for label priority
}

type lazySpot struct {
	once sync.Once
	spot LabelSpot
}

// LabelSpot returns country ci's label spot. The binary form stores them
// for the levels it stores; otherwise a spot is found on first use, which
// needs the full geometry's level.
func (l *LOD) LabelSpot(ci int) LabelSpot {
	s := &l.spots[ci]
	s.once.Do(func() {
		if pre := l.atlas.pre; pre.matches(l.Projection, l.bands[:len(l.bands)-1]) {
			s.spot = pre.spots[ci]
			return
		}
		s.spot = l.findSpot(ci)
	})
	return s.spot
}

// findSpot measures the largest part of country ci on the full geometry
// and finds a point deep inside it on the coarsest level (the part as a
// reader sees it at low zooms, where names matter most).
func (l *LOD) findSpot(ci int) LabelSpot {
	c := &l.atlas.Countries[ci]
	full, coarse := l.Level(l.Len()-1), l.Level(0)
	bestArea, best := -1.0, -1
	for pi, poly := range c.Polygons {
		if area := math.Abs(planar.Area(orb.Ring(full.Ring(poly[0])))); area > bestArea {
			bestArea, best = area, pi
		}
	}
	var rings orb.Polygon
	for _, refs := range c.Polygons[best] {
		r := orb.Ring(coarse.Ring(refs))
		if len(r) < 4 {
			r = orb.Ring(full.Ring(refs))
		}
		rings = append(rings, r)
	}
	b := rings[0].Bound()
	return LabelSpot{Anchor: labelPoint(rings), Width: b.Max[0] - b.Min[0], Area: bestArea}
}

// labelPoint finds a point well inside a polygon, far from its edges (a
// coarse pole of inaccessibility): the best of a grid of candidates, then of
// a finer grid around it.
func labelPoint(poly orb.Polygon) orb.Point {
	b := poly.Bound()
	best, bestD := b.Center(), -1.0
	search := func(b orb.Bound, n int) {
		for i := 0; i <= n; i++ {
			for j := 0; j <= n; j++ {
				q := orb.Point{b.Min[0] + (b.Max[0]-b.Min[0])*float64(i)/float64(n), b.Min[1] + (b.Max[1]-b.Min[1])*float64(j)/float64(n)}
				// The distance test gives up as soon as an edge is nearer
				// than the best so far, so it goes first.
				if d, ok := edgeDistanceOver(poly, q, bestD); ok && planar.PolygonContains(poly, q) {
					best, bestD = q, d
				}
			}
		}
	}
	search(b, 16)
	dx, dy := (b.Max[0]-b.Min[0])/16, (b.Max[1]-b.Min[1])/16
	search(orb.Bound{Min: orb.Point{best[0] - dx, best[1] - dy}, Max: orb.Point{best[0] + dx, best[1] + dy}}, 8)
	if bestD < 0 { // a sliver no grid point fell in: its first vertex will do
		return poly[0][0]
	}
	return best
}

// edgeDistanceOver returns the distance from q to the nearest edge of
// poly, and whether it is more than floor; it stops at the first edge
// that is not farther than floor.
func edgeDistanceOver(poly orb.Polygon, q orb.Point, floor float64) (float64, bool) {
	d, f := math.Inf(1), floor*floor
	if floor < 0 {
		f = -1
	}
	for _, r := range poly {
		for i := 1; i < len(r); i++ {
			if d = min(d, planar.DistanceFromSegmentSquared(r[i-1], r[i], q)); d <= f {
				return 0, false
			}
		}
	}
	return math.Sqrt(d), math.Sqrt(d) > floor
}
