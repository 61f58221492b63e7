// Package layout decides what to draw for a view — which level of detail,
// how each country is painted, which lines and symbols are on screen, and
// where labels go without overlapping — and what is under a screen point.
// It is pure Go: the Ebitengine renderer and the CPU rasteriser draw the
// same Frame, so a snapshot matches the live map.
package layout

import (
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
)

// Prepared is what layout computes once per loaded map: projected levels of
// detail (with the countries' label spots) and bounds. It is safe for
// concurrent use.
type Prepared struct {
	Map *mapdata.Map
	LOD *atlas.LOD
	// Per country (same index as Map.Atlas.Countries), in world coordinates.
	Bounds []orb.Bound
	// Per country, per polygon, the bound of its exterior ring in world
	// coordinates: a country's whole bound can span the world (Russia and
	// the United States reach across the antimeridian), its polygons' do
	// not. See Meets.
	Parts [][]orb.Bound
	// Per arc, its bound in world coordinates, for culling.
	ArcBounds []orb.Bound
	// Sites and corridor lines, projected.
	SitePoints []orb.Point
	Corridors  [][]orb.LineString // per corridor, per part
}

// Prepare projects and indexes m for drawing.
func Prepare(m *mapdata.Map, proj geo.Projection) *Prepared {
	a := m.Atlas
	p := &Prepared{Map: m, LOD: a.Prepare(proj, atlas.DefaultBands)}
	p.ArcBounds = make([]orb.Bound, len(a.Arcs))
	for i, arc := range a.Arcs {
		p.ArcBounds[i] = worldBound(proj, geo.Bound(arc.Points))
	}
	for ci, c := range a.Countries {
		p.Bounds = append(p.Bounds, worldBound(proj, c.Bound))
		parts := a.PolygonBounds(ci)
		for k, b := range parts {
			parts[k] = worldBound(proj, b)
		}
		p.Parts = append(p.Parts, parts)
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

// Warm works out now what drawing and the map's queries otherwise work out
// on first use: every level of detail, every country's label spot, and the
// links between entities (Map.Derive). A server warms each load before it
// serves it, so that no request waits on that work; a browser does not,
// since its first frame needs little of it.
func (p *Prepared) Warm() {
	for i := range p.LOD.Len() {
		p.LOD.Level(i)
	}
	for ci := range p.Map.Atlas.Countries {
		p.LOD.LabelSpot(ci)
	}
	p.Map.Derive()
}

// Meets reports whether any polygon of country ci meets bound b (world
// coordinates).
func (p *Prepared) Meets(ci int, b orb.Bound) bool {
	if !p.Bounds[ci].Intersects(b) {
		return false
	}
	for _, pb := range p.Parts[ci] {
		if pb.Intersects(b) {
			return true
		}
	}
	return false
}

// worldBound is lon/lat bound b in world coordinates. Projections are
// monotonic in each axis, so bounds map corner to corner.
func worldBound(proj geo.Projection, b orb.Bound) orb.Bound {
	p, q := proj.Project(b.Min), proj.Project(b.Max)
	return orb.Bound{Min: orb.Point{min(p[0], q[0]), min(p[1], q[1])}, Max: orb.Point{max(p[0], q[0]), max(p[1], q[1])}}
}

// focus is where country id is for framing it (see atlas.Atlas.Focus), in
// world coordinates.
func (p *Prepared) focus(id string) orb.Bound {
	a := p.Map.Atlas
	return worldBound(p.LOD.Projection, a.Focus(a.Index(id)))
}

// Bound is where an entity is, in world coordinates: a country's territory,
// a site's point, a corridor's lines, a body's members in force on day, an
// article's places. ok is false for an unknown id or one with no place.
func (p *Prepared) Bound(id string, day mapdata.Date) (orb.Bound, bool) {
	m := p.Map
	day = day.OrToday()
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
		add(p.focus(id))
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
				add(p.focus(mem.Country))
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
