package mapdata

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geojson"
)

// TieKinds are the kinds of tie between countries, a closed list: each is
// a layer of its own ("ties:trade") and has its own line on the map.
var TieKinds = []string{
	"alliance",          // a treaty or declaration of allied relations
	"partnership",       // a strategic partnership declared
	"defence-agreement", // a military or defence cooperation agreement
	"defence-industry",  // joint defence-industry projects or meetings
	"intelligence",      // intelligence cooperation
	"arms-transfer",     // weapons sold or licensed, from the maker to the buyer
	"training",          // training of forces, from the trainer to the trained
	"trade",             // trade between the countries, with its value
	"investment",        // investment, from the investor to the recipient
	"commercial",        // commercial agreements signed
	"accord",            // a diplomatic accord joined
	"recognition",       // recognition of a government, from the recogniser
}

// TieLayer is the layer id of a tie kind: "ties:trade".
func TieLayer(kind string) string { return "ties:" + kind }

// Tie is a relation between two or more countries: a treaty, an arms
// sale, a flow of trade. From and To are set when it runs one way (then
// Countries is From followed by To); an undirected tie of more than two
// countries is drawn from its first country to each of the others.
type Tie struct {
	ID, Name, Kind    string
	Countries         []string
	From, To          []string
	Since, Until      Date
	Values            []TieValue
	Description       string
	Sources, Articles []string
}

// Directed reports whether the tie runs one way.
func (t *Tie) Directed() bool { return len(t.From) > 0 }

// TieValue is a figure of a tie for a period [Since, Until): 39.8 bn USD
// of trade in January–October 2025.
type TieValue struct {
	Amount float64 `json:"amount"`
	Unit   string  `json:"unit"`
	Since  Date    `json:"since"`
	Until  Date    `json:"until"`
	Note   string  `json:"note,omitempty"`
	Source string  `json:"source"`
}

// ValueOn returns the tie's latest figure whose period began by day, or
// nil (ties without figures, days before the first).
func (t *Tie) ValueOn(day Date) *TieValue {
	var best *TieValue
	for i := range t.Values {
		v := &t.Values[i]
		if v.Since.Start() <= day && (best == nil || v.Since.Start() >= best.Since.Start()) {
			best = v
		}
	}
	return best
}

// Label writes a figure as the map labels it: "39.8 bn USD".
func (v TieValue) Label() string {
	return strconv.FormatFloat(v.Amount, 'f', -1, 64) + " " + v.Unit
}

// Authority is who administers or claims a disputed area: a country of the
// boundaries (ID) or an authority without a code (ID "", a name).
type Authority struct {
	ID, Name string
}

// DisputedArea is land that one authority administers and another
// claims, for a period. Its shape comes from the boundaries (Country, and
// the polygon of it at PolygonAt when the country has several) or from an
// Outline drawn from sourced points, which is Approximate.
type DisputedArea struct {
	ID, Name       string
	AdministeredBy Authority
	ClaimedBy      []Authority
	// Before is the country the area was part of before Since, when the
	// boundaries give it to another (Crimea: Ukraine); "" keeps the
	// boundaries' answer.
	Before            string
	Since, Until      Date
	Description       string
	Sources, Articles []string
	Country           string
	PolygonAt         *orb.Point
	Outline           orb.Ring
	Approximate       bool
	OutlineSource     string
	// polygon is the index of the country's polygon PolygonAt picks, -1
	// for all of them; geom is the shape, worked out once loaded.
	polygon int
	geom    orb.MultiPolygon
}

// Geometry is the area's shape in lon/lat: its polygon or polygons of the
// boundaries, or its outline.
func (m *Map) Geometry(d *DisputedArea) orb.MultiPolygon {
	if d.geom != nil {
		return d.geom
	}
	if len(d.Outline) > 0 {
		return orb.MultiPolygon{{d.Outline}}
	}
	ci := m.Atlas.Index(d.Country)
	if ci < 0 {
		return nil
	}
	return d.pick(m.Atlas.Geometry(&m.Atlas.Countries[ci]))
}

// pick is the area's part of its country's shape mp: the polygon at
// PolygonAt, or all of them.
func (d *DisputedArea) pick(mp orb.MultiPolygon) orb.MultiPolygon {
	if d.polygon >= 0 && d.polygon < len(mp) {
		return mp[d.polygon : d.polygon+1]
	}
	return mp
}

// Polygons lists the area's polygons in boundaries a (the map's own, or
// their detail), as indexes into its country's Polygons: all of them, or
// the one at PolygonAt; nil for an outline.
func (m *Map) Polygons(d *DisputedArea, a *atlas.Atlas) []int {
	if len(d.Outline) > 0 {
		return nil
	}
	ci := a.Index(d.Country)
	if ci < 0 {
		return nil
	}
	if d.PolygonAt != nil {
		if c, pi := a.PolygonAt(*d.PolygonAt); c == ci {
			return []int{pi}
		}
		return nil
	}
	out := make([]int, len(a.Countries[ci].Polygons))
	for i := range out {
		out[i] = i
	}
	return out
}

// Contains reports whether the area holds point p (lon/lat).
func (m *Map) Contains(d *DisputedArea, p orb.Point) bool {
	if len(d.Outline) > 0 {
		return d.Outline.Bound().Contains(p) && planar.RingContains(d.Outline, p)
	}
	c := m.Atlas.At(p)
	if c == nil || c.ID != d.Country {
		return false
	}
	if d.polygon < 0 {
		return true
	}
	g := m.Geometry(d)
	return len(g) > 0 && planar.PolygonContains(g[0], p)
}

// DisputedAt returns the disputed area holding p, whether or not in force
// on any day (nil for none). Areas do not overlap; the first listed wins.
func (m *Map) DisputedAt(p orb.Point) *DisputedArea {
	for _, d := range m.Disputed {
		if m.Contains(d, p) {
			return d
		}
	}
	return nil
}

// DefaultLayer reports whether a layer is on in a view that lists none:
// every layer but the ties' and those of bodies hidden by default.
func (m *Map) DefaultLayer(id string) bool {
	if strings.HasPrefix(id, "ties:") {
		return false
	}
	if b := m.Body(id); b != nil {
		return !b.HiddenByDefault
	}
	return true
}

// Files of ties and disputed areas.
const (
	FileTies     = "ties.json"
	FileDisputed = "disputed.json"
)

func (l *loader) ties(v gjson.Result) {
	l.root(v, "ties", func(n node) {
		t := &Tie{
			ID:          n.id(KindTie),
			Name:        n.str("name", true),
			Kind:        n.oneOf("kind", true, TieKinds...),
			Description: n.str("description", true),
			Sources:     n.sources("sources"),
			Articles:    n.refs("articles", KindArticle),
		}
		t.Since, t.Until = n.span(false, t.ID)
		if t.Since == "" {
			l.fail(n.path+".since", "missing: a tie needs the date it began (YYYY-MM-DD, YYYY-MM or YYYY)")
		}
		countries, _ := n.at("countries")
		from, _ := n.at("from")
		switch {
		case countries.Exists() && from.Exists():
			l.fail(n.path, "%s gives both countries and from/to: an undirected tie lists countries, a directed one from and to", t.ID)
		case from.Exists():
			t.From = n.refs("from", KindCountry)
			t.To = n.refs("to", KindCountry)
			if len(t.From) == 0 || len(t.To) == 0 {
				l.fail(n.path, "%s runs one way: give from and to, each at least one country", t.ID)
			}
			for i, c := range t.To {
				if slices.Contains(t.From, c) {
					l.fail(n.path+".to["+strconv.Itoa(i)+"]", "%s is in both from and to of %s", c, t.ID)
				}
			}
			t.Countries = append(slices.Clone(t.From), t.To...)
		default:
			t.Countries = n.refs("countries", KindCountry)
			if len(t.Countries) < 2 {
				l.fail(n.path+".countries", "%s joins %d countries: a tie joins two or more (from and to for one that runs one way)", t.ID, len(t.Countries))
			}
		}
		for i, c := range t.Countries {
			if c != "" && slices.Index(t.Countries, c) < i {
				l.fail(n.path, "%s lists %s twice", t.ID, c)
			}
		}
		n.list("values", false, func(e node) {
			val := TieValue{Unit: e.str("unit", true), Note: e.str("note", false), Source: e.link("source", true)}
			a, p := e.at("amount")
			switch {
			case !a.Exists():
				l.fail(p, "missing")
			case a.Type != gjson.Number || math.IsNaN(a.Float()) || math.IsInf(a.Float(), 0):
				l.fail(p, "%s is not a number", a.Raw)
			case a.Float() <= 0:
				l.fail(p, "%s is not a positive amount", a.Raw)
			default:
				val.Amount = a.Float()
			}
			val.Since, val.Until = e.span(false, t.ID+" value")
			if val.Since == "" || val.Until == "" {
				l.fail(e.path, "%s: a value needs its period, since and until (until exclusive)", t.ID)
			}
			if len(t.Values) > 0 && t.Values[0].Unit != val.Unit {
				l.fail(e.path+".unit", "%s gives values in %s and %s: one unit per tie", t.ID, t.Values[0].Unit, val.Unit)
			}
			t.Values = append(t.Values, val)
		})
		l.m.Ties = add(l.m.at, l.m.Ties, t.ID, t)
	})
}

// checkTies runs what needs every file read: a tie of a kind with a
// direction (arms transfers, training, investment, recognition) must run
// one way.
func (l *loader) checkTies() {
	l.file = FileTies
	for i, t := range l.m.Ties {
		switch t.Kind {
		case "arms-transfer", "training", "investment", "recognition":
			if !t.Directed() {
				l.fail("ties["+strconv.Itoa(i)+"]", "%s is %s, which runs one way: give from and to instead of countries", t.ID, aOrAn(SlugWords(t.Kind)))
			}
		}
	}
}

func (l *loader) disputed(v gjson.Result) {
	l.root(v, "disputed", func(n node) {
		d := &DisputedArea{
			ID:          n.id(KindDisputed),
			Name:        n.str("name", true),
			Before:      n.refAt("before", false, KindCountry),
			Description: n.str("description", true),
			Sources:     n.sources("sources"),
			Articles:    n.refs("articles", KindArticle),
			polygon:     -1,
		}
		d.Since, d.Until = n.span(false, d.ID)
		if d.Since == "" {
			l.fail(n.path+".since", "missing: a disputed area needs the date its dispute began")
		}
		if a, p := n.at("administered_by"); !a.IsObject() {
			l.fail(p, "missing: who administers the area, {\"id\": ISO or null, \"name\"}")
		} else {
			d.AdministeredBy = node{l, a, p}.authority()
		}
		n.list("claimed_by", true, func(e node) {
			d.ClaimedBy = append(d.ClaimedBy, e.authority())
		})
		if c, p := n.at("claimed_by"); c.IsArray() && len(c.Array()) == 0 {
			l.fail(p, "empty: name who claims the area")
		}
		area, p := n.at("area")
		if !area.IsObject() {
			l.fail(p, "missing: the area's shape, {\"country\": ISO} (and \"polygon_at\" [lon, lat] for one polygon of it) or {\"outline\": [[lon, lat], …], \"approximate\": true, \"outline_source\": URL}")
		} else {
			l.area(node{l, area, p}, d)
		}
		l.m.Disputed = add(l.m.at, l.m.Disputed, d.ID, d)
	})
}

// authority reads {"id": ISO or null, "name"}.
func (n node) authority() Authority {
	if !n.v.IsObject() {
		n.l.fail(n.path, "not an object {\"id\": ISO or null, \"name\"}")
		return Authority{}
	}
	return Authority{ID: n.refAt("id", false, KindCountry), Name: n.str("name", true)}
}

// area reads a disputed area's shape.
func (l *loader) area(n node, d *DisputedArea) {
	outline, op := n.at("outline")
	country, _ := n.at("country")
	switch {
	case outline.Exists() && country.Exists():
		l.fail(n.path, "%s gives both a country and an outline: the shape comes from the boundaries or from the outline", d.ID)
		return
	case country.Exists():
		d.Country = n.refAt("country", true, KindCountry)
		at, p := n.at("polygon_at")
		if at.Exists() {
			pt, ok := lonLat(at)
			if !ok {
				l.fail(p, "not a position [lon, lat]")
				return
			}
			d.PolygonAt = &pt
		}
		if a, p := n.at("approximate"); a.Exists() {
			l.fail(p, "an area from the boundaries is as exact as they are: approximate is for outlines")
		}
	case outline.Exists():
		if !outline.IsArray() {
			l.fail(op, "not an array of positions [lon, lat]")
			return
		}
		var ring orb.Ring
		i := 0
		outline.ForEach(func(_, e gjson.Result) bool {
			pt, ok := lonLat(e)
			if !ok {
				l.fail(op+"["+strconv.Itoa(i)+"]", "not a position [lon, lat] in range")
			}
			ring = append(ring, pt)
			i++
			return true
		})
		switch {
		case len(ring) < 4:
			l.fail(op, "%s's outline has %d positions: a ring needs at least 4, the last the same as the first", d.ID, len(ring))
			return
		case ring[0] != ring[len(ring)-1]:
			l.fail(op, "%s's outline is not closed: its last position %v is not its first %v", d.ID, ring[len(ring)-1], ring[0])
			return
		}
		if a, b, bad := geojson.SelfIntersection(ring); bad {
			l.fail(op, "%s's outline crosses itself (edges %d and %d)", d.ID, a, b)
			return
		}
		d.Outline = ring
		d.Approximate = n.boolean("approximate")
		if !d.Approximate {
			_, p := n.at("approximate")
			l.fail(p, "%s's outline is drawn from points, not from the boundaries: flag it \"approximate\": true", d.ID)
		}
		d.OutlineSource = n.link("outline_source", true)
	default:
		l.fail(n.path, "%s has no shape: give a country of the boundaries or an outline", d.ID)
	}
}

// lonLat reads [lon, lat] in range.
func lonLat(v gjson.Result) (orb.Point, bool) {
	a := v.Array()
	if !v.IsArray() || len(a) != 2 || a[0].Type != gjson.Number || a[1].Type != gjson.Number {
		return orb.Point{}, false
	}
	p := orb.Point{a[0].Float(), a[1].Float()}
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
		return orb.Point{}, false
	}
	return p, true
}

// checkDisputed runs what needs the boundaries and every id: an area's
// polygon_at lies in a polygon of its country, the authorities are not the
// same, areas of one place are not in force at once.
func (l *loader) checkDisputed() {
	l.file = FileDisputed
	a := l.m.Atlas
	for i, d := range l.m.Disputed {
		path := "disputed[" + strconv.Itoa(i) + "]"
		ci := -1
		if a != nil && d.Country != "" {
			ci = a.Index(d.Country)
		}
		var mp orb.MultiPolygon // the country's shape, once stitched
		if ci >= 0 && d.PolygonAt != nil {
			if !l.spend(len(a.Countries[ci].Polygons)) {
				return
			}
			mp = a.Geometry(&a.Countries[ci])
			d.polygon = -1
			for pi, poly := range mp {
				if planar.PolygonContains(poly, *d.PolygonAt) {
					d.polygon = pi
					break
				}
			}
			if d.polygon < 0 {
				l.fail(path+".area.polygon_at", "%v is in no polygon of %s (%s): polygon_at picks the polygon of the country that is the area", *d.PolygonAt, a.Countries[ci].Name, d.Country)
			}
		}
		switch {
		case mp != nil && len(d.Outline) == 0:
			d.geom = d.pick(mp)
		case ci >= 0 || d.Outline != nil:
			d.geom = l.m.Geometry(d)
		}
		if d.AdministeredBy.ID != "" && slices.ContainsFunc(d.ClaimedBy, func(c Authority) bool { return c.ID == d.AdministeredBy.ID }) {
			l.fail(path+".claimed_by", "%s is claimed by %s, who administers it: a dispute needs another claimant", d.ID, d.AdministeredBy.ID)
		}
		if d.Outline != nil && a != nil {
			if !l.spend(len(d.Outline)) {
				return
			}
			if c := a.At(d.Outline.Bound().Center()); c == nil && !l.full(false) {
				l.warn(path+".area.outline", "the middle of %s's outline is at sea: check the points", d.ID)
			}
		}
	}
}
