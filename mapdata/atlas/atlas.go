// Package atlas holds the country boundaries: loaded from a TopoJSON
// topology (Load) or from the prepared binary form with its levels of
// detail (LoadBinary, which the browser starts from), validated, indexed
// for exact point lookups and distances, and simplified per zoom band for
// drawing.
//
// The topology's shared arcs are kept: every arc knows the one or two
// countries it bounds, so a renderer draws each land border once and styles
// coasts apart. An Atlas is read-only after Load and safe for concurrent use.
package atlas

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// Country is one admin-0 unit of the boundaries.
type Country struct {
	ID    string // ISO 3166-1 alpha-3 in capitals, or Natural Earth's code for units without one
	Name  string // proper short name, e.g. "Bosnia and Herzegovina"
	Bound orb.Bound
	// Polygons lists, per polygon, its rings (exterior first) as TopoJSON arc
	// references into Atlas.Arcs.
	Polygons [][][]int
	// Units are parts of the country drawn as units of their own by the
	// source (the Baikonur lease in Kazakhstan at 1:10m), with a note a
	// point there answers with.
	Units []Unit
}

// Unit is a named part of a country: some of its polygons.
type Unit struct {
	Name     string `json:"name"`
	Note     string `json:"note"`
	Polygons []int  `json:"polygons"` // indexes into Country.Polygons
}

// Arc is one shared piece of boundary, in lon/lat.
type Arc struct {
	Points orb.LineString
	// Left and Right are the indexes of the countries on each side; Right is
	// -1 when the arc is a coast (used by one country only), and Left when
	// the country lies on both sides (a unit's edge inside it).
	Left, Right int
}

// Coast reports whether the arc separates land from sea.
func (a Arc) Coast() bool { return a.Right < 0 }

// Atlas is the loaded boundary data.
type Atlas struct {
	Countries []Country
	Arcs      []Arc
	points    []orb.LineString // Arcs[i].Points, as a slice for topojson.Stitch
	bounds    []orb.Bound      // of each arc's points
	byID      map[string]int
	index     func() *index // built on first use (At)
	pre       *simplified   // levels of detail stored with the atlas (LoadBinary), or nil
	gridState               // runs of segments by place, for distances (DistanceToCountry)
}

// Error lists every problem found in a boundary file. Each entry is a
// location (a JSON path) and a message.
type Error struct {
	Problems []Problem
}

// Problem is one thing wrong with the boundaries, at a JSON path.
type Problem struct {
	Path, Message string
}

func (e *Error) Error() string {
	if len(e.Problems) == 1 {
		return "atlas: " + e.Problems[0].Path + ": " + e.Problems[0].Message
	}
	return fmt.Sprintf("atlas: %d problems, first %s: %s", len(e.Problems), e.Problems[0].Path, e.Problems[0].Message)
}

// isCode reports whether s is a country code: three capital letters. (A
// loop: a regular expression per country was 8 ms of the browser's start.)
func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range 3 {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// Load decodes a boundary topology: a TopoJSON file with a GeometryCollection
// named "countries" whose geometries are Polygons or MultiPolygons with an
// "id" (three capital letters) and a "name" property, in lon/lat. It checks
// ranges, ring closure and duplicate ids; the lookup index (At) is built
// on first use.
func Load(data []byte) (*Atlas, error) {
	t, err := topojson.Decode(data)
	if err != nil {
		var probs []Problem
		for _, e := range unwrapAll(err) {
			probs = append(probs, Problem{Path: "$", Message: e.Error()})
		}
		return nil, &Error{Problems: probs}
	}
	return FromTopology(t)
}

// unwrapAll lists the errors a joined error holds, or the one a wrapped
// error holds (without the decoder's prefix), or the error itself.
func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if u := errors.Unwrap(err); u != nil {
		return []error{u}
	}
	return []error{err}
}

// FromTopology builds an Atlas from a decoded topology (see Load).
func FromTopology(t *topojson.Topology) (*Atlas, error) {
	var probs []Problem
	fail := func(path, format string, args ...any) {
		probs = append(probs, Problem{path, fmt.Sprintf(format, args...)})
	}
	bounds := make([]orb.Bound, len(t.Arcs))
	for i, arc := range t.Arcs {
		// One pass over the positions: a bound in range (a NaN would
		// have made it NaN) means that every position is.
		bounds[i] = geo.Bound(arc)
		if len(arc) > 0 && geo.ValidLonLat(bounds[i].Min) && geo.ValidLonLat(bounds[i].Max) {
			continue
		}
		for j, p := range arc {
			if !geo.ValidLonLat(p) {
				fail("arcs["+strconv.Itoa(i)+"]["+strconv.Itoa(j)+"]", "position %v is not a longitude in [-180, 180] and latitude in [-90, 90]", p)
				break
			}
		}
	}
	countries, ok := t.Objects["countries"]
	if !ok || countries.Type != "GeometryCollection" {
		fail("objects.countries", "missing: the boundaries need a GeometryCollection named \"countries\"")
	}
	if len(probs) > 0 {
		return nil, &Error{probs}
	}
	a := &Atlas{byID: map[string]int{}}
	a.points, a.bounds = t.Arcs, bounds
	a.Arcs = make([]Arc, len(t.Arcs))
	for i, pts := range t.Arcs {
		a.Arcs[i] = Arc{Points: pts, Left: -1, Right: -1}
	}
	inner := make([]bool, len(t.Arcs)) // used again by its Left country
	for gi, g := range countries.Geometries {
		path := "objects.countries.geometries[" + strconv.Itoa(gi) + "]"
		c := Country{ID: g.ID, Name: g.Properties.Get("name").String(), Polygons: g.Polygons}
		if u := g.Properties.Get("units"); u.Exists() {
			c.Units = units(u, len(g.Polygons), path+".properties.units", fail)
		}
		switch {
		case !isCode(c.ID):
			fail(path+".id", "%q is not a country code of three capital letters", c.ID)
			continue
		case c.Name == "":
			fail(path+".properties.name", "missing name for %s", c.ID)
		case g.Type != "Polygon" && g.Type != "MultiPolygon":
			fail(path+".type", "%s is a %q; a country must be a Polygon or MultiPolygon", c.ID, g.Type)
			continue
		}
		if prev, dup := a.byID[c.ID]; dup {
			fail(path+".id", "duplicate id %s (also geometries[%d])", c.ID, prev)
			continue
		}
		c.Bound = orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}
		ci := len(a.Countries)
		if len(g.Polygons) == 0 {
			fail(path+".arcs", "%s has no polygons", c.ID)
		}
		for pi, poly := range g.Polygons {
			ppath := func() string { // only for problems: polygons are many
				if g.Type == "MultiPolygon" {
					return path + ".arcs[" + strconv.Itoa(pi) + "]"
				}
				return path + ".arcs"
			}
			if len(poly) == 0 {
				fail(ppath(), "%s: a polygon needs an exterior ring", c.ID)
			}
			for ri, refs := range poly {
				ring := measure(t.Arcs, bounds, refs)
				rpath := func() string { return ppath() + "[" + strconv.Itoa(ri) + "]" }
				if ring.n < 4 {
					fail(rpath(), "%s: a ring needs at least 4 positions, has %d", c.ID, ring.n)
				} else if ring.first != ring.last {
					fail(rpath(), "%s: ring is not closed: starts at %v, ends at %v", c.ID, ring.first, ring.last)
				}
				if ri == 0 && ring.n > 0 {
					c.Bound = extend(c.Bound, ring.bound)
				}
				for _, r := range refs {
					i, _ := topojson.ArcIndex(r)
					arc := &a.Arcs[i]
					switch {
					case arc.Left == ci:
						inner[i] = true
					case arc.Left < 0:
						arc.Left = ci
					case arc.Right < 0 || arc.Right == ci:
						arc.Right = ci
					default:
						fail(rpath(), "%s: arc %d already bounds two other countries", c.ID, i)
					}
				}
			}
		}
		a.byID[c.ID] = ci
		a.Countries = append(a.Countries, c)
	}
	if len(probs) > 0 {
		return nil, &Error{probs}
	}
	for i := range a.Arcs {
		if inner[i] && a.Arcs[i].Right < 0 {
			a.Arcs[i].Right = a.Arcs[i].Left
		}
	}
	a.index = sync.OnceValue(func() *index { return newIndex(a) })
	return a, nil
}

// units reads a country's "units": each a name, a note and the indexes of
// its polygons among the country's n.
func units(r gjson.Result, n int, path string, fail func(path, format string, args ...any)) []Unit {
	var out []Unit
	for k, u := range r.Array() {
		unit := Unit{Name: u.Get("name").String(), Note: u.Get("note").String()}
		upath := path + "[" + strconv.Itoa(k) + "]"
		if unit.Name == "" {
			fail(upath+".name", "a unit needs a name")
		}
		for _, p := range u.Get("polygons").Array() {
			if i := p.Int(); float64(i) == p.Num && i >= 0 && i < int64(n) {
				unit.Polygons = append(unit.Polygons, int(i))
			} else {
				fail(upath+".polygons", "%s is not the index of one of the country's %d polygons", p.Raw, n)
			}
		}
		out = append(out, unit)
	}
	return out
}

// ringSummary is what validation needs of a ring: what topojson.Stitch
// would make of it, without making it.
type ringSummary struct {
	n           int // positions
	first, last orb.Point
	bound       orb.Bound
}

// measure summarises the ring that refs stitch from arcs, whose bounds are
// given (see topojson.Stitch: each arc after the first drops its first
// position, the last of the arc before).
func measure(arcs []orb.LineString, bounds []orb.Bound, refs []int) ringSummary {
	s := ringSummary{bound: orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}}
	for k, r := range refs {
		i, rev := topojson.ArcIndex(r)
		pts := arcs[i]
		if k > 0 && len(pts) > 0 {
			if rev {
				pts = pts[:len(pts)-1]
			} else {
				pts = pts[1:]
			}
		}
		if len(pts) == 0 {
			continue
		}
		first, last := pts[0], pts[len(pts)-1]
		if rev {
			first, last = last, first
		}
		if s.n == 0 {
			s.first = first
		}
		s.last = last
		s.n += len(pts)
		s.bound = extend(s.bound, bounds[i])
	}
	return s
}

func extend(b, o orb.Bound) orb.Bound {
	if b.Min[0] > b.Max[0] {
		return o
	}
	return b.Union(o)
}

// Focus is the part of country i to frame when showing it: its largest
// polygon and every other one that keeps the whole within half the world's
// longitude. Countries cut by the antimeridian (Russia's Chukotka, the
// Aleutians, Fiji) would otherwise span the whole map.
func (a *Atlas) Focus(i int) orb.Bound {
	polys := a.PolygonBounds(i)
	area := func(b orb.Bound) float64 { return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1]) }
	slices.SortFunc(polys, func(p, q orb.Bound) int { return cmp.Compare(area(q), area(p)) })
	b := orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}
	for _, p := range polys {
		if u := extend(b, p); u.Max[0]-u.Min[0] <= 180 {
			b = u
		}
	}
	return b
}

// PolygonBounds returns the bound of each of country i's polygons (of its
// exterior ring), in lon/lat.
func (a *Atlas) PolygonBounds(i int) []orb.Bound {
	c := &a.Countries[i]
	polys := make([]orb.Bound, len(c.Polygons))
	for k, poly := range c.Polygons {
		polys[k] = measure(a.points, a.bounds, poly[0]).bound
	}
	return polys
}

// Country returns the country with the given code.
func (a *Atlas) Country(id string) (*Country, bool) {
	i := a.Index(id)
	if i < 0 {
		return nil, false
	}
	return &a.Countries[i], true
}

// Index returns the position in Countries of the country with the given
// code, or -1.
func (a *Atlas) Index(id string) int {
	if i, ok := a.byID[id]; ok {
		return i
	}
	return -1
}

// At returns the country whose territory contains p (lon/lat), or nil at
// sea. Holes and exclaves count exactly as the boundaries draw them.
func (a *Atlas) At(p orb.Point) *Country {
	c, _ := a.AtUnit(p)
	return c
}

// PolygonAt returns the country at p and which of its polygons p is in,
// or -1, -1 at sea.
func (a *Atlas) PolygonAt(p orb.Point) (country, polygon int) { return a.index().at(p) }

// AtUnit is At with the unit of the country p is in, or nil.
func (a *Atlas) AtUnit(p orb.Point) (*Country, *Unit) {
	ci, pi := a.PolygonAt(p)
	if ci < 0 {
		return nil, nil
	}
	c := &a.Countries[ci]
	for k := range c.Units {
		if slices.Contains(c.Units[k].Polygons, pi) {
			return c, &c.Units[k]
		}
	}
	return c, nil
}

// Geometry returns country c's territory as an orb.MultiPolygon in lon/lat.
func (a *Atlas) Geometry(c *Country) orb.MultiPolygon {
	mp := make(orb.MultiPolygon, len(c.Polygons))
	for i, poly := range c.Polygons {
		mp[i] = make(orb.Polygon, len(poly))
		for j, refs := range poly {
			mp[i][j] = orb.Ring(topojson.Stitch(a.points, refs))
		}
	}
	return mp
}
