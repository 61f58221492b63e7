// Package layout decides what to draw for a view — which level of detail,
// how each country is painted, which lines and symbols are on screen, and
// where labels go without overlapping — and what is under a screen point.
// It is pure Go: the Ebitengine renderer and the CPU rasteriser draw the
// same Frame, so a snapshot matches the live map.
package layout

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
)

// Prepared is what layout computes once per loaded map: projected levels of
// detail, bounds, and label anchors (found when a country is first
// labelled). It is safe for concurrent use.
type Prepared struct {
	Map *mapdata.Map
	LOD *atlas.LOD
	// Per country (same index as Map.Atlas.Countries), in world coordinates.
	Bounds []orb.Bound
	// Per arc, its bound in world coordinates, for culling.
	ArcBounds []orb.Bound
	// Sites and corridor lines, projected.
	SitePoints []orb.Point
	Corridors  [][]orb.LineString // per corridor, per part
	labels     []lazyLabel
}

// labelSpot is where a country's name goes.
type labelSpot struct {
	anchor orb.Point // deep inside the largest part
	width  float64   // width of the largest part, for deciding whether a name fits
	area   float64   // projected area of the largest part, for label priority
}

type lazyLabel struct {
	once sync.Once
	spot labelSpot
}

// Prepare projects and indexes m for drawing.
func Prepare(m *mapdata.Map, proj geo.Projection) *Prepared {
	a := m.Atlas
	p := &Prepared{Map: m, LOD: a.Prepare(proj, atlas.DefaultBands), labels: make([]lazyLabel, len(a.Countries))}
	// Projections are monotonic in each axis, so lon/lat bounds map to
	// world bounds corner to corner.
	world := func(b orb.Bound) orb.Bound {
		p, q := proj.Project(b.Min), proj.Project(b.Max)
		return orb.Bound{Min: orb.Point{min(p[0], q[0]), min(p[1], q[1])}, Max: orb.Point{max(p[0], q[0]), max(p[1], q[1])}}
	}
	p.ArcBounds = make([]orb.Bound, len(a.Arcs))
	for i, arc := range a.Arcs {
		p.ArcBounds[i] = world(arc.Points.Bound())
	}
	for _, c := range a.Countries {
		p.Bounds = append(p.Bounds, world(c.Bound))
	}
	for _, s := range m.Sites {
		p.SitePoints = append(p.SitePoints, proj.Project(s.Point()))
	}
	for _, c := range m.Corridors {
		var parts []orb.LineString
		for _, part := range c.Parts {
			ls := make(orb.LineString, len(part.Line))
			for i, q := range part.Line {
				ls[i] = proj.Project(q)
			}
			parts = append(parts, ls)
		}
		p.Corridors = append(p.Corridors, parts)
	}
	return p
}

// label is where country ci's name goes, found on first use.
func (p *Prepared) label(ci int) labelSpot {
	l := &p.labels[ci]
	l.once.Do(func() {
		c := &p.Map.Atlas.Countries[ci]
		full, coarse := p.LOD.Level(p.LOD.Len()-1), p.LOD.Level(0)
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
		l.spot = labelSpot{anchor: labelPoint(rings), width: b.Max[0] - b.Min[0], area: bestArea}
	})
	return l.spot
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

// Bound is where an entity is, in world coordinates: a country's territory,
// a site's point, a corridor's lines, a body's members in force on day, an
// article's places. ok is false for an unknown id or one with no place.
func (p *Prepared) Bound(id string, day mapdata.Date) (orb.Bound, bool) {
	m := p.Map
	var b orb.Bound
	found := false
	add := func(o orb.Bound) {
		if !found {
			b, found = o, true
		} else {
			b = b.Union(o)
		}
	}
	switch m.Kind(id) {
	case mapdata.KindCountry:
		add(p.Bounds[m.Atlas.Index(id)])
	case mapdata.KindSite:
		for i, s := range m.Sites {
			if s.ID == id {
				add(p.SitePoints[i].Bound())
			}
		}
	case mapdata.KindCorridor:
		for i, c := range m.Corridors {
			if c.ID == id {
				for _, part := range p.Corridors[i] {
					add(part.Bound())
				}
			}
		}
	case mapdata.KindBody:
		for _, mem := range m.Body(id).Members {
			if mapdata.InForce(mem.Since, mem.Until, day) {
				add(p.Bounds[m.Atlas.Index(mem.Country)])
			}
		}
	case mapdata.KindArticle:
		for _, c := range m.Article(id).Covers {
			if cb, ok := p.Bound(c, day); ok {
				add(cb)
			}
		}
	}
	return b, found
}
