// Package layout decides what to draw for a view — which level of detail,
// how each country is painted, which lines and symbols are on screen, and
// where labels go without overlapping — and what is under a screen point.
// It is pure Go: the Ebitengine renderer and the CPU rasteriser draw the
// same Frame, so a snapshot matches the live map.
package layout

import (
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/view"
)

// Prepared is what layout computes once per loaded map: its boundaries
// projected, with their levels of detail (and the countries' label spots)
// and bounds, the same boundaries in more detail when there are any (see
// SetDetail), and the content's places projected. It is safe for
// concurrent use.
type Prepared struct {
	Map *mapdata.Map
	*Geometry
	detail atomic.Pointer[detail]
	// Sites and corridor lines, projected.
	SitePoints []orb.Point
	Corridors  [][]orb.LineString // per corridor, per part
}

// Geometry is one set of boundaries prepared for drawing: projected once,
// simplified per zoom band, bounded for culling.
type Geometry struct {
	Atlas *atlas.Atlas
	LOD   *atlas.LOD
	// Detail names the boundaries' scale, as the page API's stats()
	// reports it: DetailBase or DetailFine.
	Detail string
	// Per country (same index as Atlas.Countries), in world coordinates.
	Bounds []orb.Bound
	// Per country, per polygon, the bound of its exterior ring in world
	// coordinates: a country's whole bound can span the world (Russia and
	// the United States reach across the antimeridian), its polygons' do
	// not. See Meets.
	Parts [][]orb.Bound
	// Per arc, its bound in world coordinates, for culling.
	ArcBounds []orb.Bound
}

// The boundaries' scales: a map's own (1:50m, or an editor's file), and
// the default boundaries' 1:10m detail, drawn when zoomed in.
const (
	DetailBase = "50m"
	DetailFine = "10m"
)

// DetailZoom is the zoom (MapLibre's scale) from which frames draw the
// fine detail where it covers the screen: about 130 px a degree, where
// 1:50m's borders are a few pixels off.
const DetailZoom = 7

// NewGeometry projects and bounds atlas a; detail names its scale.
func NewGeometry(a *atlas.Atlas, proj geo.Projection, detail string) *Geometry {
	g := &Geometry{Atlas: a, LOD: a.Prepare(proj, atlas.DefaultBands), Detail: detail}
	g.ArcBounds = make([]orb.Bound, len(a.Arcs))
	for i, arc := range a.Arcs {
		g.ArcBounds[i] = worldBound(proj, geo.Bound(arc.Points))
	}
	for ci, c := range a.Countries {
		g.Bounds = append(g.Bounds, worldBound(proj, c.Bound))
		parts := a.PolygonBounds(ci)
		for k, b := range parts {
			parts[k] = worldBound(proj, b)
		}
		g.Parts = append(g.Parts, parts)
	}
	return g
}

// detail is the fine geometry and where it is complete.
type detail struct {
	g        *Geometry
	complete func(screen orb.Bound) bool
}

// SetDetail gives p the same countries in more detail, g, drawn from
// DetailZoom on wherever complete (nil: everywhere) says g holds every
// country on a screen (a world bound). A browser adds regions as it loads
// them, so it sets a new g each time. A map that brings its own boundaries
// keeps them at every zoom: SetDetail does nothing there.
func (p *Prepared) SetDetail(g *Geometry, complete func(screen orb.Bound) bool) {
	if !p.Map.OwnBoundaries {
		p.detail.Store(&detail{g, complete})
	}
}

// For returns the boundaries a frame on camera cam draws: the detail when
// zoomed in past DetailZoom where it is complete, else the map's own.
func (p *Prepared) For(cam view.Camera) *Geometry {
	if cam.Zoom() >= DetailZoom {
		if d := p.detail.Load(); d != nil && (d.complete == nil || d.complete(cam.Bound())) {
			return d.g
		}
	}
	return p.Geometry
}

// Prepare projects and indexes m for drawing.
func Prepare(m *mapdata.Map, proj geo.Projection) *Prepared {
	p := &Prepared{Map: m, Geometry: NewGeometry(m.Atlas, proj, DetailBase)}
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
	for ci := range p.Atlas.Countries {
		p.LOD.LabelSpot(ci)
	}
	p.Map.Derive()
}

// Meets reports whether any polygon of country ci meets bound b (world
// coordinates).
func (g *Geometry) Meets(ci int, b orb.Bound) bool {
	if !g.Bounds[ci].Intersects(b) {
		return false
	}
	for _, pb := range g.Parts[ci] {
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
