package layout

import (
	"image/color"
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// Frame is everything to draw for one view. All positions and sizes are in
// device pixels.
type Frame struct {
	Prepared  *Prepared
	View      view.View
	Cam       view.Camera
	Theme     *style.Theme
	G         *Geometry      // the boundaries drawn: the map's own, or their detail (Prepared.For)
	Level     *atlas.Level   // of G
	Countries []CountryPaint // on screen, in atlas order
	Strokes   []Line         // coasts and land borders
	Outlines  []Line         // selected, hovered and read-about countries
	Corridors []Line
	Sites     []Symbol
	Labels    []Label
	Hover     string // the id under the pointer: its label comes first (see Hovered for its marks)
	// Disputed areas (fills and dashed edges) and ties (arcs and their
	// arrowheads): see ties.go.
	Areas     []AreaPaint
	Edges     []Line
	Ties      []Line
	Arrows    []Shape
	tieLabels []tieLabel
}

// CountryPaint is how to fill one country: a base colour, then each
// membership's pattern on top.
type CountryPaint struct {
	Index    int // into the frame's G.Atlas.Countries
	Fill     color.RGBA
	Patterns []style.Pattern // sizes in device pixels
}

// Line is a polyline in screen space with its style (widths in device
// pixels).
type Line struct {
	ID     string
	Points []orb.Point
	Style  style.LineStyle
}

// Symbol is a site marker.
type Symbol struct {
	ID, Kind    string
	X, Y, Size  float64
	Color       color.RGBA
	Highlighted bool
}

// Label is placed text: X, Y is the top-left corner of its box.
type Label struct {
	ID         string
	Text       string
	X, Y, W, H float64
	Size       float64
	Bold       bool
	Color      color.RGBA
	Halo       color.RGBA
}

// Measurer measures text at a size in device pixels. The same measurer
// serves every renderer, so labels land in the same places everywhere.
type Measurer interface {
	Measure(text string, size float64, bold bool) (w, h float64)
}

// Build lays out view v on camera cam; highlight lists more ids to stand
// out (a story scene's). Labels are placed by PlaceLabels, once the caller
// knows the screen they go on and what else covers it. The feature under
// the pointer is marked apart, by Hovered.
func Build(p *Prepared, v view.View, cam view.Camera, th *style.Theme, highlight ...string) *Frame {
	g := p.For(cam)
	return BuildAt(p, g, g.LOD.For(cam.Zoom()), v, cam, th, highlight...)
}

// BuildAt is Build with boundaries g (p's own or their detail) at level of
// detail lv of g's instead of those the camera's zoom asks for.
func BuildAt(p *Prepared, g *Geometry, lv *atlas.Level, v view.View, cam view.Camera, th *style.Theme, highlight ...string) *Frame {
	f := &Frame{Prepared: p, View: v, Cam: cam, Theme: th, G: g, Level: lv}
	day := f.day()
	screen := cam.Bound()
	r := cam.Ratio
	atl := g.Atlas
	selectedBody := p.Map.Body(v.Sel)
	covered := f.covered(highlight)

	for ci := range atl.Countries {
		if !g.Meets(ci, screen) {
			continue
		}
		id := atl.Countries[ci].ID
		cp := CountryPaint{Index: ci, Fill: th.Land}
		if id == v.Sel {
			cp.Fill = th.LandSelected
		}
		for _, s := range p.Map.MembershipsOn(id, day) {
			if !v.Shows(p.Map, s.Body) {
				continue
			}
			pat := th.Body(s.Body).For(s.Role)
			pat.Spacing *= r
			pat.Width *= r
			cp.Patterns = append(cp.Patterns, pat)
			if selectedBody != nil && s.Body == selectedBody.ID {
				f.Outlines = append(f.Outlines, f.countryOutline(ci, id, th.Selection)...)
			}
		}
		f.Countries = append(f.Countries, cp)
	}
	f.addDisputed(day)

	coast, border := scaled(th.Coast, r), scaled(th.Border, r)
	for ai, arc := range atl.Arcs {
		if !g.ArcBounds[ai].Intersects(screen) {
			continue
		}
		st := border
		if arc.Coast() {
			st = coast
		}
		for _, run := range f.Level.Strokes[ai] {
			f.Strokes = append(f.Strokes, Line{Points: f.toScreen(run), Style: st})
		}
	}
	for _, id := range covered {
		if ci := atl.Index(id); ci >= 0 && id != v.Sel && g.Meets(ci, screen) {
			f.Outlines = append(f.Outlines, f.countryOutline(ci, id, th.Article)...)
		}
	}
	if ci := atl.Index(v.Sel); ci >= 0 {
		f.Outlines = append(f.Outlines, f.countryOutline(ci, v.Sel, th.Selection)...)
	}

	f.addCorridorsAndSites(day, covered)
	f.addTies(day, func(id string) bool { return id == v.Sel || slices.Contains(covered, id) }, "")
	return f
}

// addCorridorsAndSites adds the corridors and sites shown on day, those
// selected or covered emphasised.
func (f *Frame) addCorridorsAndSites(day mapdata.Date, covered []string) {
	emphasised := func(id string) bool { return id == f.View.Sel || slices.Contains(covered, id) }
	for ci, c := range f.Prepared.Map.Corridors {
		f.addCorridor(ci, day, emphasised(c.ID))
	}
	for si, s := range f.Prepared.Map.Sites {
		f.addSite(si, day, emphasised(s.ID))
	}
}

// Hovered lays out the marks of id, the feature under the pointer, on
// camera cam, as a frame to draw over the map's image: a tint and an
// outline over a country (with the corridors on it and the site symbols
// drawn again over the tint), a corridor widened, a site enlarged. Hovering
// thus costs no drawing of the map. The selection, and corridors and
// sites the view already highlights, get no marks (nil).
func Hovered(p *Prepared, g *Geometry, lv *atlas.Level, v view.View, cam view.Camera, th *style.Theme, id string, highlight ...string) *Frame {
	if id == "" || id == v.Sel {
		return nil
	}
	f := &Frame{Prepared: p, View: v, Cam: cam, Theme: th, G: g, Level: lv, Hover: id}
	covered, day := f.covered(highlight), f.day()
	if ci := g.Atlas.Index(id); ci >= 0 {
		if !g.Meets(ci, cam.Bound()) {
			return f
		}
		f.Countries = []CountryPaint{{Index: ci, Fill: th.HoverTint()}}
		f.Outlines = f.countryOutline(ci, id, th.Hover)
		// The corridors crossing the country drawn again over the tint, as
		// the map has them over its land, and the site symbols, which stay
		// on top of the corridors.
		box := cam.BoundToScreen(g.Bounds[ci])
		f.addCorridorsAndSites(day, covered)
		f.Corridors = slices.DeleteFunc(f.Corridors, func(l Line) bool { return !orb.LineString(l.Points).Bound().Intersects(box) })
		return f
	}
	if slices.Contains(covered, id) {
		return nil // already widened or enlarged
	}
	if d := p.Map.DisputedArea(id); d != nil {
		f.hoverArea(d)
		return f
	}
	if p.Map.Tie(id) != nil {
		f.addTies(day, func(string) bool { return true }, id)
		return f
	}
	for ci, c := range p.Map.Corridors {
		if c.ID == id {
			f.addCorridor(ci, day, true)
		}
	}
	for si, s := range p.Map.Sites {
		if s.ID == id {
			f.addSite(si, day, true)
		}
	}
	return f
}

// day is the date the frame shows memberships and corridors for.
func (f *Frame) day() mapdata.Date { return f.View.Date.OrToday() }

// covered lists the ids the view highlights besides the selection: those
// of the article being read (everything it discusses) and highlight.
func (f *Frame) covered(highlight []string) []string {
	if a := f.Prepared.Map.Article(f.View.Article); a != nil {
		return append(slices.Clone(a.Covers), highlight...)
	}
	return highlight
}

// addCorridor adds the parts of corridor ci on screen and in force on day,
// widened when emphasised.
func (f *Frame) addCorridor(ci int, day mapdata.Date, emphasised bool) {
	p, v, th := f.Prepared, f.View, f.Theme
	c := p.Map.Corridors[ci]
	if !v.Shows(p.Map, c.ID) || !mapdata.InForce(c.Since, "", day) && c.Status == "operating" {
		return
	}
	base := th.Corridor(c.ID)
	screen := f.Cam.Bound()
	for pi, part := range c.Parts {
		if part.Since != "" && !mapdata.InForce(part.Since, "", day) && part.Status == "operating" {
			continue
		}
		st := base
		if part.Role != "main" {
			st.Width *= 0.7
		}
		switch {
		case part.Status != "operating":
			st.Dash = th.Planned
		case part.Mode == "ferry":
			st.Dash = th.Planned * 0.6
		}
		if emphasised {
			st.Width *= 1.6
		}
		if !p.Corridors[ci][pi].Bound().Intersects(screen) {
			continue
		}
		f.Corridors = append(f.Corridors, Line{ID: c.ID, Points: f.toScreen(p.Corridors[ci][pi]), Style: scaled(st, f.Cam.Ratio)})
	}
}

// addSite adds site si's symbol when it is shown, in force on day and near
// the screen, enlarged when emphasised.
func (f *Frame) addSite(si int, day mapdata.Date, emphasised bool) {
	p, th := f.Prepared, f.Theme
	s := p.Map.Sites[si]
	if !f.View.Shows(p.Map, view.SiteLayer(s.Kind)) || !mapdata.InForce(s.Since, s.Until, day) {
		return
	}
	x, y := f.Cam.WorldToScreen(p.SitePoints[si])
	if x < -20 || y < -20 || x > f.Cam.W+20 || y > f.Cam.H+20 {
		return
	}
	sym := Symbol{ID: s.ID, Kind: s.Kind, X: x, Y: y, Size: th.SiteSize * f.Cam.Ratio, Color: th.Site(s.Kind)}
	if emphasised {
		sym.Size *= 1.5
		sym.Highlighted = true
	}
	f.Sites = append(f.Sites, sym)
}

func scaled(s style.LineStyle, r float64) style.LineStyle {
	s.Width *= r
	s.CasingWidth *= r
	s.Dash *= r
	return s
}

// PatternOrigin is where the world's origin is on the frame's image:
// membership patterns are anchored there, so hatches move with the land
// when the map pans, and every renderer draws them in the same phase.
func (f *Frame) PatternOrigin() (float64, float64) { return f.Cam.WorldToScreen(orb.Point{}) }

func (f *Frame) toScreen(ls orb.LineString) []orb.Point {
	out := make([]orb.Point, len(ls))
	for i, q := range ls {
		out[i][0], out[i][1] = f.Cam.WorldToScreen(q)
	}
	return out
}

func (f *Frame) countryOutline(ci int, id string, st style.LineStyle) []Line {
	var out []Line
	for _, poly := range f.G.Atlas.Countries[ci].Polygons {
		for _, refs := range poly {
			out = append(out, Line{ID: id, Points: f.toScreen(f.Level.Ring(refs)), Style: scaled(st, f.Cam.Ratio)})
		}
	}
	return out
}

type candidate struct {
	id, text   string
	x, y       float64 // anchor
	priority   float64
	size       float64
	bold       bool
	color      color.RGBA
	site       bool // placed beside a symbol rather than centred
	free       bool // centred on its point, not on a country's spot (a disputed area, a tie's figure)
	symbolSize float64
}

// visibleMiddle finds a place for a country's name, a w×h box, inside the
// on-screen part of its bounds: the first of a grid of points, from the
// centre out, where the box's centre and corners are all its land.
func (f *Frame) visibleMiddle(ci int, w, h float64) (float64, float64, bool) {
	b := f.Cam.BoundToScreen(f.G.Bounds[ci])
	x0, y0 := math.Max(b.Min[0], 0), math.Max(b.Min[1], 0)
	x1, y1 := math.Min(b.Max[0], f.Cam.W), math.Min(b.Max[1], f.Cam.H)
	if x1-x0 < f.Cam.W/5 || y1-y0 < f.Cam.H/5 {
		return 0, 0, false
	}
	id := f.G.Atlas.Countries[ci].ID
	inside := func(x, y float64) bool {
		c := f.G.Atlas.At(f.Cam.ScreenToLonLat(x, y))
		return c != nil && c.ID == id
	}
	for _, t := range [][2]float64{{.5, .5}, {.35, .5}, {.65, .5}, {.5, .35}, {.5, .65}, {.3, .3}, {.7, .3}, {.3, .7}, {.7, .7}} {
		x, y := x0+(x1-x0)*t[0], y0+(y1-y0)*t[1]
		if inside(x, y) && inside(x-w/2, y-h/2) && inside(x+w/2, y-h/2) && inside(x-w/2, y+h/2) && inside(x+w/2, y+h/2) {
			return x, y, true
		}
	}
	return 0, 0, false
}

// PlaceLabels (re)places the frame's labels greedily by priority: the
// selected and hovered features first, then countries by size and sites,
// skipping any label that would overlap one already placed, a site symbol,
// a reserved box (a legend, say; screen pixels) or the screen's edge.
func (f *Frame) PlaceLabels(m Measurer, reserved ...orb.Bound) {
	f.Labels = nil
	p, th, r, hover := f.Prepared, f.Theme, f.Cam.Ratio, f.Hover
	zoom := f.Cam.Zoom()
	var cands []candidate
	for _, cp := range f.Countries {
		ci := cp.Index
		c := &f.G.Atlas.Countries[ci]
		x, y := f.Cam.WorldToScreen(f.G.LOD.LabelSpot(ci).Anchor)
		if x < 0 || y < 0 || x > f.Cam.W || y > f.Cam.H {
			// Zoomed in past the country's own anchor: name it inside its
			// part of the screen, where the whole name sits on its land.
			w, h := m.Measure(p.Map.CountryName(c.ID), th.CountryLabel*r, false)
			var ok bool
			if x, y, ok = f.visibleMiddle(ci, w, h); !ok {
				continue
			}
		}
		pri := 100 + math.Log10(f.G.LOD.LabelSpot(ci).Area*1e9)
		if len(cp.Patterns) > 0 {
			pri += 20
		}
		cands = append(cands, candidate{id: c.ID, text: p.Map.CountryName(c.ID), x: x, y: y, priority: pri, size: th.CountryLabel * r, color: th.Text})
	}
	for _, s := range f.Sites {
		site := p.Map.Site(s.ID)
		pri := 90.0
		if s.Kind == "summit-venue" || zoom >= 5 {
			pri = 115
		}
		cands = append(cands, candidate{id: s.ID, text: site.Name, x: s.X, y: s.Y, priority: pri, size: th.SiteLabel * r, color: th.Muted, site: true, symbolSize: s.Size})
	}
	for _, c := range f.areaLabels(m) {
		c.free = true
		cands = append(cands, c)
	}
	for i := range cands {
		if cands[i].id == f.View.Sel || cands[i].id == hover {
			cands[i].priority += 1000
			cands[i].bold = true
			cands[i].color = th.Text
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].priority > cands[j].priority })

	placed := newBoxes(f.Cam.W, f.Cam.H)
	for _, b := range reserved {
		placed.add(b)
	}
	for _, s := range f.Sites {
		h := s.Size / 2
		placed.add(orb.Bound{Min: orb.Point{s.X - h, s.Y - h}, Max: orb.Point{s.X + h, s.Y + h}})
	}
	pad := 2 * r
	free := func(b orb.Bound) bool {
		if b.Min[0] < 0 || b.Min[1] < 0 || b.Max[0] > f.Cam.W || b.Max[1] > f.Cam.H {
			return false
		}
		return !placed.hits(orb.Bound{Min: orb.Point{b.Min[0] - pad, b.Min[1] - pad}, Max: orb.Point{b.Max[0] + pad, b.Max[1] + pad}})
	}
	for _, c := range cands {
		w, h := m.Measure(c.text, c.size, c.bold)
		var spots []orb.Point
		if c.site {
			off := c.symbolSize/2 + 3*r
			spots = []orb.Point{{c.x + off, c.y - h/2}, {c.x - off - w, c.y - h/2}, {c.x - w/2, c.y - off - h}, {c.x - w/2, c.y + off}}
		} else if c.free {
			spots = []orb.Point{{c.x - w/2, c.y - h/2}, {c.x - w/2, c.y - h*1.6}, {c.x - w/2, c.y + h*0.6}}
		} else {
			ci := f.G.Atlas.Index(c.id)
			if width := f.G.LOD.LabelSpot(ci).Width * f.Cam.Scale; width < w*0.9 && c.priority < 1000 {
				continue // the name would spill far beyond the country
			}
			spots = []orb.Point{{c.x - w/2, c.y - h/2}}
			if x, y, ok := f.visibleMiddle(ci, w, h); ok && (x != c.x || y != c.y) {
				spots = append(spots, orb.Point{x - w/2, y - h/2})
			}
		}
		for _, s := range spots {
			b := orb.Bound{Min: s, Max: orb.Point{s[0] + w, s[1] + h}}
			if free(b) {
				placed.add(b)
				f.Labels = append(f.Labels, Label{ID: c.id, Text: c.text, X: s[0], Y: s[1], W: w, H: h, Size: c.size, Bold: c.bold, Color: c.color, Halo: th.Halo})
				break
			}
		}
	}
}

// LabelsMoved returns the frame's labels where they lie once the frame is
// shown scaled by s about the origin and then moved by (dx, dy): the text
// keeps its size and each label keeps its centre on its feature. Scaled
// down (a zoom out under way), the names draw closer together, so a label
// that would overlap one before it in the frame's order (by priority) is
// left out until the next exact frame places them all anew.
func (f *Frame) LabelsMoved(s, dx, dy float64) []Label {
	out := make([]Label, 0, len(f.Labels))
	for _, l := range f.Labels {
		cx, cy := dx+s*(l.X+l.W/2), dy+s*(l.Y+l.H/2)
		l.X, l.Y = cx-l.W/2, cy-l.H/2
		if s < 1 && slices.ContainsFunc(out, func(o Label) bool {
			return l.X < o.X+o.W && o.X < l.X+l.W && l.Y < o.Y+o.H && o.Y < l.Y+l.H
		}) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// Shift moves everything in the frame by (dx, dy) device pixels and gives
// it camera cam: a frame built for a larger image around the screen (a
// renderer's cache) becomes the frame of the screen inside it.
func (f *Frame) Shift(dx, dy float64, cam view.Camera) {
	f.Cam = cam
	for _, lines := range [][]Line{f.Strokes, f.Outlines, f.Corridors, f.Edges, f.Ties} {
		for _, l := range lines {
			for j := range l.Points {
				l.Points[j][0] += dx
				l.Points[j][1] += dy
			}
		}
	}
	for i := range f.Sites {
		f.Sites[i].X += dx
		f.Sites[i].Y += dy
	}
	move := func(pts []orb.Point) {
		for j := range pts {
			pts[j][0] += dx
			pts[j][1] += dy
		}
	}
	for _, a := range f.Areas {
		for _, ring := range a.Rings {
			if len(ring) > 0 && !slices.ContainsFunc(f.Edges, func(l Line) bool { return len(l.Points) > 0 && &l.Points[0] == &ring[0] }) {
				move(ring)
			}
		}
	}
	for _, s := range f.Arrows {
		move(s.Ring)
	}
	for i := range f.tieLabels {
		f.tieLabels[i].x += dx
		f.tieLabels[i].y += dy
	}
	for i := range f.Labels {
		f.Labels[i].X += dx
		f.Labels[i].Y += dy
	}
}

// Pick returns the id of what is drawn at screen point (x, y): a site
// symbol first, then a corridor line, then a country; "" over the sea.
func (f *Frame) Pick(x, y float64) string {
	q := orb.Point{x, y}
	tol := 4 * f.Cam.Ratio
	best, bestD := "", math.Inf(1)
	for _, s := range f.Sites {
		if d := math.Hypot(s.X-x, s.Y-y); d <= s.Size/2+tol && d < bestD {
			best, bestD = s.ID, d
		}
	}
	if best != "" {
		return best
	}
	for _, l := range f.Corridors {
		if d := planar.DistanceFrom(orb.LineString(l.Points), q); d <= l.Style.Width/2+tol && d < bestD {
			best, bestD = l.ID, d
		}
	}
	if best != "" {
		return best
	}
	if id := f.pickTieOrArea(q, tol); id != "" {
		return id
	}
	if c := f.G.Atlas.At(f.Cam.ScreenToLonLat(x, y)); c != nil {
		return c.ID
	}
	return ""
}
