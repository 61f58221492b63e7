package layout

import (
	"image/color"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/style"
)

// LegendEntry explains one colour, pattern, line or symbol on screen.
type LegendEntry struct {
	Label   string
	Pattern *style.Pattern   // a membership swatch
	Line    *style.LineStyle // a corridor
	Symbol  string           // a site kind
	Color   color.RGBA       // the symbol's colour
	Note    bool             // a line of explanation, with no swatch
}

// Attribution credits the data on every rendering of the map.
const Attribution = "Boundaries: Natural Earth · Map: silkmap"

// AttributionOf is Attribution in m's language.
func AttributionOf(m *mapdata.Map) string { return m.Words().T(Attribution) }

// Legend lists what frame f shows, in a stable order: bodies by role, then
// corridors, then site kinds. Sizes are in CSS pixels.
func (f *Frame) Legend() []LegendEntry {
	var out []LegendEntry
	m, th := f.Prepared.Map, f.Theme
	w := m.Words()
	day := f.day()
	bodiesShown := 0
	for _, b := range m.Bodies {
		if !f.View.Shows(m, b.ID) {
			continue
		}
		// The roles of the body's members in force and on screen.
		shown := false
		roles := make([]bool, len(mapdata.Roles))
		for _, mem := range b.Members {
			if mapdata.InForce(mem.Since, mem.Until, day) && f.onScreen(mem.Country) {
				shown = true
				if i := slices.Index(mapdata.Roles, mem.Role); i >= 0 {
					roles[i] = true
				}
			}
		}
		if shown {
			bodiesShown++
		}
		name := b.ShortName
		if name == "" {
			name = b.Name
		}
		for i, role := range mapdata.Roles {
			if roles[i] {
				p := th.Body(b.ID).For(role)
				out = append(out, LegendEntry{Label: w.F("{0} {1}", name, w.T(role)), Pattern: &p})
			}
		}
	}
	for _, c := range m.Corridors {
		if slices.ContainsFunc(f.Corridors, func(l Line) bool { return l.ID == c.ID && f.visible(l.Points) }) {
			st := th.Corridor(c.ID)
			label := c.Name
			if i := strings.Index(label, " ("); i > 0 {
				label = label[:i]
			}
			out = append(out, LegendEntry{Label: label, Line: &st})
		}
	}
	out = append(out, f.legendExtras(bodiesShown)...)
	var kinds []string
	for _, s := range f.Sites {
		if !slices.Contains(kinds, s.Kind) {
			kinds = append(kinds, s.Kind)
		}
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		out = append(out, LegendEntry{Label: mapdata.Capitalize(w, w.T(mapdata.SlugWords(k))), Symbol: k, Color: th.Site(k)})
	}
	return out
}

// visible reports whether a line's bounds meet the screen.
func (f *Frame) visible(pts []orb.Point) bool {
	b := orb.MultiPoint(pts).Bound()
	return b.Max[0] >= 0 && b.Max[1] >= 0 && b.Min[0] <= f.Cam.W && b.Min[1] <= f.Cam.H
}

// onScreen reports whether country is painted in the frame: some polygon
// of it is on screen.
func (f *Frame) onScreen(country string) bool {
	i := f.G.Atlas.Index(country)
	return i >= 0 && slices.ContainsFunc(f.Countries, func(c CountryPaint) bool { return c.Index == i })
}
