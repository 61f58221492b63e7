package layout

import (
	"image/color"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/style"
)

// AreaPaint is a disputed area as a frame paints it: its rings in screen
// space, filled with Fill and the administering state's memberships faded
// (see style.Theme.Disputed).
type AreaPaint struct {
	ID          string
	Rings       [][]orb.Point
	Fill        color.RGBA
	Patterns    []style.Pattern // sizes in device pixels
	Approximate bool
}

// Shape is a filled convex polygon in screen space: a tie's arrowhead.
type Shape struct {
	ID    string
	Ring  []orb.Point
	Color color.RGBA
}

// tieLabel is the figure of a tie at its arc's middle.
type tieLabel struct {
	id, text string
	x, y     float64
}

// tieSamples is how many pieces an arc is drawn with.
const tieSamples = 32

// addDisputed adds the disputed areas in force on day that meet the
// screen: their fills, edges and, for the selected one, its outline.
func (f *Frame) addDisputed(day mapdata.Date) {
	m, th, r := f.Prepared.Map, f.Theme, f.Cam.Ratio
	screen := f.Cam.Bound()
	for _, d := range m.Disputed {
		if !mapdata.InForce(d.Since, d.Until, day) {
			continue
		}
		a := f.areaPaint(d)
		if a == nil || !orb.MultiPoint(slices.Concat(a.Rings...)).Bound().Intersects(f.Cam.BoundToScreen(screen)) {
			continue
		}
		a.Fill = th.Disputed
		if d.AdministeredBy.ID != "" {
			for _, s := range m.MembershipsOn(d.AdministeredBy.ID, day) {
				if !f.View.Shows(m, s.Body) {
					continue
				}
				pat := th.Body(s.Body).For(s.Role).Faded(th.DisputedFade)
				pat.Spacing *= r
				pat.Width *= r
				a.Patterns = append(a.Patterns, pat)
			}
		}
		f.Areas = append(f.Areas, *a)
		edge := scaled(th.DisputedEdge, r)
		if d.Approximate {
			edge.Dash = 2.5 * r
		}
		st := edge
		if d.ID == f.View.Sel {
			st = scaled(th.Selection, r)
		}
		for _, ring := range a.Rings {
			f.Edges = append(f.Edges, Line{ID: d.ID, Points: ring, Style: st})
		}
	}
}

// areaPaint lays out disputed area d's rings on screen: its polygons of
// the boundaries at the frame's level of detail, or its outline; nil when
// it has no shape.
func (f *Frame) areaPaint(d *mapdata.DisputedArea) *AreaPaint {
	m := f.Prepared.Map
	a := &AreaPaint{ID: d.ID, Approximate: d.Approximate}
	if len(d.Outline) > 0 {
		pts := make([]orb.Point, len(d.Outline))
		for i, q := range d.Outline {
			pts[i][0], pts[i][1] = f.Cam.LonLatToScreen(q)
		}
		a.Rings = append(a.Rings, pts)
		return a
	}
	ci := f.G.Atlas.Index(d.Country)
	if ci < 0 {
		return nil
	}
	polys := f.G.Atlas.Countries[ci].Polygons
	for _, pi := range m.Polygons(d, f.G.Atlas) {
		for _, refs := range polys[pi] {
			if ring := f.Level.Ring(refs); len(ring) >= 4 {
				a.Rings = append(a.Rings, f.toScreen(ring))
			}
		}
	}
	if len(a.Rings) == 0 {
		return nil
	}
	return a
}

// hoverArea lays out the marks of a hovered disputed area: a tint and an
// outline.
func (f *Frame) hoverArea(d *mapdata.DisputedArea) {
	a := f.areaPaint(d)
	if a == nil {
		return
	}
	a.Fill = f.Theme.HoverTint()
	f.Areas = append(f.Areas, *a)
	for _, ring := range a.Rings {
		f.Edges = append(f.Edges, Line{ID: d.ID, Points: ring, Style: scaled(f.Theme.Hover, f.Cam.Ratio)})
	}
}

// tieShown reports whether tie t is drawn on day: in force and its kind's
// layer on.
func (f *Frame) tieShown(t *mapdata.Tie, day mapdata.Date) bool {
	return f.View.Shows(f.Prepared.Map, mapdata.TieLayer(t.Kind)) && mapdata.InForce(t.Since, t.Until, day)
}

// addTies adds the arcs of the ties shown on day, those emphasised wider;
// only, when not "", lays out that tie alone (a hovered one).
func (f *Frame) addTies(day mapdata.Date, emphasised func(string) bool, only string) {
	m, th, r := f.Prepared.Map, f.Theme, f.Cam.Ratio
	lod := f.G.LOD
	// Arcs between one pair of countries bend apart: the k-th of a pair
	// bends to alternate sides, further each time.
	seen := map[[2]string]int{}
	for _, t := range m.Ties {
		if !f.tieShown(t, day) {
			continue
		}
		st := th.Tie(t.Kind)
		val := t.ValueOn(day)
		if val != nil {
			st.Width = math.Min(math.Max(1.5+1.2*math.Sqrt(val.Amount), st.Width), 9)
		}
		if emphasised(t.ID) {
			st.Width *= 1.6
		}
		st = scaled(st, r)
		for i, pair := range tiePairs(t) {
			key := pair
			if key[0] > key[1] {
				key[0], key[1] = key[1], key[0]
			}
			k := seen[key]
			seen[key]++
			if only != "" && t.ID != only {
				continue
			}
			a, b := f.G.Atlas.Index(pair[0]), f.G.Atlas.Index(pair[1])
			if a < 0 || b < 0 {
				continue
			}
			p0, p2 := lod.LabelSpot(a).Anchor, lod.LabelSpot(b).Anchor
			pts := f.arc(p0, p2, pair[0] > pair[1], k)
			if !f.visible(pts) {
				continue
			}
			if t.Directed() {
				pts = f.addArrow(t.ID, pts, st)
			}
			f.Ties = append(f.Ties, Line{ID: t.ID, Points: pts, Style: st})
			if val != nil && i == 0 {
				mid := pts[len(pts)/2]
				f.tieLabels = append(f.tieLabels, tieLabel{t.ID, val.Label(), mid[0], mid[1]})
			}
		}
	}
}

// tiePairs lists the arcs of a tie: from each of From to each of To, or
// from the first country to each of the others.
func tiePairs(t *mapdata.Tie) [][2]string {
	var out [][2]string
	if t.Directed() {
		for _, a := range t.From {
			for _, b := range t.To {
				out = append(out, [2]string{a, b})
			}
		}
		return out
	}
	for _, b := range t.Countries[min(1, len(t.Countries)):] {
		out = append(out, [2]string{t.Countries[0], b})
	}
	return out
}

// arc is a quadratic Bézier from p0 to p2 (world coordinates) on screen,
// bent to one side of the line between them by a fraction of its length
// that grows with k; flipped says the pair runs against its canonical
// order, so that arcs of one pair bend the same way whichever way they run.
func (f *Frame) arc(p0, p2 orb.Point, flipped bool, k int) []orb.Point {
	dx, dy := p2[0]-p0[0], p2[1]-p0[1]
	bend := 0.14 + 0.12*float64(k/2)
	if k%2 == 1 {
		bend = -bend
	}
	if flipped {
		bend = -bend
	}
	c := orb.Point{(p0[0]+p2[0])/2 - dy*bend, (p0[1]+p2[1])/2 + dx*bend}
	pts := make([]orb.Point, tieSamples+1)
	for i := range pts {
		t := float64(i) / tieSamples
		u := 1 - t
		q := orb.Point{u*u*p0[0] + 2*u*t*c[0] + t*t*p2[0], u*u*p0[1] + 2*u*t*c[1] + t*t*p2[1]}
		pts[i][0], pts[i][1] = f.Cam.WorldToScreen(q)
	}
	return pts
}

// addArrow puts an arrowhead at the end of pts, pointing along it, and
// returns the line cut short where the head begins.
func (f *Frame) addArrow(id string, pts []orb.Point, st style.LineStyle) []orb.Point {
	length := 2.5*st.Width + 6*f.Cam.Ratio
	tip := pts[len(pts)-1]
	// Walk back to where the head begins.
	i := len(pts) - 2
	for i > 0 && math.Hypot(pts[i][0]-tip[0], pts[i][1]-tip[1]) < length {
		i--
	}
	base := pts[i]
	dx, dy := tip[0]-base[0], tip[1]-base[1]
	l := math.Hypot(dx, dy)
	if l == 0 {
		return pts
	}
	ux, uy := dx/l, dy/l
	back := orb.Point{tip[0] - ux*length, tip[1] - uy*length}
	half := length * 0.5
	ring := func(grow float64) []orb.Point {
		h := half + grow
		b := orb.Point{back[0] - ux*grow, back[1] - uy*grow}
		t := orb.Point{tip[0] + ux*grow, tip[1] + uy*grow}
		return []orb.Point{t, {b[0] - uy*h, b[1] + ux*h}, {b[0] + uy*h, b[1] - ux*h}, t}
	}
	if st.CasingWidth > 0 {
		f.Arrows = append(f.Arrows, Shape{ID: id, Ring: ring(st.CasingWidth), Color: st.Casing})
	}
	f.Arrows = append(f.Arrows, Shape{ID: id, Ring: ring(0), Color: st.Color})
	out := append(slices.Clone(pts[:i+1]), orb.Point{back[0] + ux*st.Width*0.3, back[1] + uy*st.Width*0.3})
	return out
}

// pickTieOrArea returns the tie drawn at screen point q, or the disputed
// area under it, or "".
func (f *Frame) pickTieOrArea(q orb.Point, tol float64) string {
	best, bestD := "", math.Inf(1)
	for _, l := range f.Ties {
		if d := planar.DistanceFrom(orb.LineString(l.Points), q); d <= l.Style.Width/2+tol && d < bestD {
			best, bestD = l.ID, d
		}
	}
	if best != "" {
		return best
	}
	for _, a := range f.Areas {
		for _, ring := range a.Rings {
			if planar.RingContains(orb.Ring(ring), q) {
				return a.ID
			}
		}
	}
	return ""
}

// areaLabels are the candidates of the disputed areas' names: inside the
// area's largest ring, when it is wide enough on screen.
func (f *Frame) areaLabels(m Measurer) []candidate {
	var out []candidate
	th, r := f.Theme, f.Cam.Ratio
	for _, a := range f.Areas {
		d := f.Prepared.Map.DisputedArea(a.ID)
		if d == nil {
			continue
		}
		var box orb.Bound
		for i, ring := range a.Rings {
			b := orb.MultiPoint(ring).Bound()
			if i == 0 || (b.Max[0]-b.Min[0])*(b.Max[1]-b.Min[1]) > (box.Max[0]-box.Min[0])*(box.Max[1]-box.Min[1]) {
				box = b
			}
		}
		w, _ := m.Measure(d.Name, th.SmallLabel*r, false)
		if box.Max[0]-box.Min[0] < w*0.8 {
			continue
		}
		c := box.Center()
		out = append(out, candidate{id: d.ID, text: d.Name, x: c[0], y: c[1], priority: 112, size: th.SmallLabel * r, color: th.Muted})
	}
	for _, l := range f.tieLabels {
		out = append(out, candidate{id: l.id, text: l.text, x: l.x, y: l.y, priority: 130, size: th.SmallLabel * r, bold: true, color: th.Text})
	}
	return out
}

// legendExtras are the legend's lines for what this package adds to the
// memberships, corridors and sites: how to read overlapping bodies, the
// kinds of tie on screen, the disputed areas.
func (f *Frame) legendExtras(bodies int) []LegendEntry {
	var out []LegendEntry
	th := f.Theme
	w := f.Prepared.Map.Words()
	if bodies >= 2 && f.View.Layers != nil {
		out = append(out, LegendEntry{Label: w.T("Bodies overlap: each has its own lines or dots"), Note: true})
	}
	var kinds []string
	directed, valued := false, false
	for _, l := range f.Ties {
		t := f.Prepared.Map.Tie(l.ID)
		if t == nil || !f.visible(l.Points) {
			continue
		}
		if !slices.Contains(kinds, t.Kind) {
			kinds = append(kinds, t.Kind)
		}
		directed = directed || t.Directed()
		valued = valued || t.ValueOn(f.day()) != nil
	}
	for _, k := range mapdata.TieKinds {
		if slices.Contains(kinds, k) {
			st := th.Tie(k)
			out = append(out, LegendEntry{Label: w.F("Tie: {0}", w.T(mapdata.SlugWords(k))), Line: &st})
		}
	}
	switch {
	case directed && valued:
		out = append(out, LegendEntry{Label: w.T("Arrows: which way a tie runs; width: its value"), Note: true})
	case directed:
		out = append(out, LegendEntry{Label: w.T("Arrows: which way a tie runs"), Note: true})
	case valued:
		out = append(out, LegendEntry{Label: w.T("Width: a tie's value"), Note: true})
	}
	approx := false
	if len(f.Areas) > 0 {
		p := style.Pattern{Kind: style.Tint, Color: th.Disputed}
		out = append(out, LegendEntry{Label: w.T("Disputed area: memberships of who holds it faded"), Pattern: &p})
		for _, a := range f.Areas {
			approx = approx || a.Approximate
		}
	}
	if approx {
		st := th.DisputedEdge
		st.Dash = 2.5
		out = append(out, LegendEntry{Label: w.T("Outline approximate"), Line: &st})
	}
	return out
}
