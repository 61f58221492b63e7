package render

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
)

// Panels draws, on the desktop, what the browser shows as DOM: the info
// panel of the selection and the hover tooltip, from the same panel data.
// Links in the panel open through the shell's open function (the system
// browser).
type panels struct {
	open  func(url string)
	box   orb.Bound // the info panel on screen, when shown
	shown bool      // an info panel is on screen
	close orb.Bound // its close button
	links []link    // clickable lines
}

type link struct {
	box orb.Bound
	url string
	id  string // an entity to show instead of a URL
}

// EnablePanels makes the app draw its info panel and tooltip itself (the
// desktop); open is called with the URL of a link the reader clicks.
func (a *App) EnablePanels(open func(url string)) { a.panels = &panels{open: open} }

// PanelLinks returns the URLs and ids the info panel links to, in order.
func (a *App) PanelLinks() []string {
	if a.panels == nil {
		return nil
	}
	var out []string
	for _, l := range a.panels.links {
		if l.url != "" {
			out = append(out, l.url)
		} else {
			out = append(out, l.id)
		}
	}
	return out
}

// overPanel reports whether (x, y) is over the info panel.
func (a *App) overPanel(x, y float64) bool {
	p := a.panels
	return p != nil && p.shown && p.box.Contains(orb.Point{x, y})
}

// PanelBox is where the info panel is on screen (the zero Bound when none).
func (a *App) PanelBox() orb.Bound {
	if a.panels == nil {
		return orb.Bound{}
	}
	return a.panels.box
}

// attribution is where the desktop writes the data's credit, in the
// bottom-right corner as snapshots and the browser do; ok is false when
// the app draws no panels (the browser has its own line, a presentation
// its caption).
func (a *App) attribution() (box orb.Bound, size float64, ok bool) {
	if a.panels == nil {
		return orb.Bound{}, 0, false
	}
	r := a.ratio
	size = a.theme.SmallLabel * r
	w, _ := a.measure.Measure(layout.Attribution, size, false)
	pad := 6 * r
	return orb.Bound{Min: orb.Point{a.w - w - 2*pad, a.h - layout.LineHeight(size) - pad}, Max: orb.Point{a.w, a.h}}, size, true
}

// drawPanels draws the attribution, the info panel for the selection and
// the tooltip for the hovered feature.
func (a *App) drawPanels(dst *ebiten.Image) {
	p := a.panels
	p.box, p.close, p.links, p.shown = orb.Bound{}, orb.Bound{}, nil, false
	r := a.ratio
	a.drawDate(dst)
	if box, size, ok := a.attribution(); ok {
		a.drawer.fillRects(dst, []orb.Bound{box}, a.theme.Panel)
		a.text(dst, layout.Attribution, box.Min[0]+6*r, box.Min[1]+3*r, size, false, a.theme.Muted)
	}
	if in, ok := panel.NewInfo(a.prep.Map, a.view.Sel, a.view.Date); ok {
		a.drawInfo(dst, in)
	}
	if t, ok := panel.NewTooltip(a.prep.Map, a.hover, a.view.Date); ok && a.hover != a.view.Sel && a.lastX >= 0 {
		size := a.theme.SmallLabel * r
		lines := append([]string{t.Name}, t.Lines...)
		w := 0.0
		for i, l := range lines {
			lw, _ := a.measure.Measure(l, size, i == 0)
			w = max(w, lw)
		}
		lh := layout.LineHeight(size)
		pad := 6 * r
		x, y := a.lastX+14*r, a.lastY+16*r
		bw, bh := w+2*pad, lh*float64(len(lines))+2*pad
		x, y = min(x, a.w-bw-4), min(y, a.h-bh-4)
		a.fillBox(dst, x, y, bw, bh, r)
		for i, l := range lines {
			a.text(dst, l, x+pad, y+pad+lh*float64(i), size, i == 0, a.theme.Text)
		}
	}
}

func (a *App) fillBox(dst *ebiten.Image, x, y, w, h, r float64) {
	a.drawer.fillRects(dst, []orb.Bound{{Min: orb.Point{x - r, y - r}, Max: orb.Point{x + w + r, y + h + r}}}, a.theme.PanelBorder)
	a.drawer.fillRects(dst, []orb.Bound{{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}}, a.theme.Panel)
}

func (a *App) text(dst *ebiten.Image, s string, x, y, size float64, bold bool, c color.RGBA) {
	a.drawer.drawLabel(dst, layout.Label{Text: s, X: x, Y: y, H: layout.LineHeight(size), Size: size, Bold: bold, Color: c}, a.ratio, false)
}

// drawInfo lays out and draws the info panel in the top-right corner.
func (a *App) drawInfo(dst *ebiten.Image, in panel.Info) {
	p, r := a.panels, a.ratio
	pad := 12 * r
	w := min(360*r, a.w-16*r)
	x := a.w - w - 8*r
	y := 8 * r
	inner := w - 2*pad
	body := 13 * r
	type line struct {
		text      string
		size      float64
		bold      bool
		color     color.RGBA
		url, id   string
		gapBefore float64
	}
	var lines []line
	add := func(text string, size float64, bold bool, c color.RGBA, gap float64) {
		for i, l := range layout.Wrap(a.measure, text, size, bold, inner) {
			g := 0.0
			if i == 0 {
				g = gap
			}
			lines = append(lines, line{text: l, size: size, bold: bold, color: c, gapBefore: g})
		}
	}
	addLink := func(text, url, id string) {
		for _, l := range layout.Wrap(a.measure, text, body, false, inner) {
			lines = append(lines, line{text: l, size: body, color: a.theme.Link, url: url, id: id})
		}
	}
	add(in.KindLabel, 12*r, false, a.theme.Muted, 0)
	add(in.Name, 18*r, true, a.theme.Text, 0)
	if in.Byline != "" {
		add(in.Byline, 12*r, false, a.theme.Muted, 0)
	}
	if in.URL != "" {
		addLink("Read the article", in.URL, "")
	}
	if in.Description != "" {
		add(in.Description, body, false, a.theme.Text, 6*r)
	}
	if len(in.Rows) > 0 {
		add("Memberships", body, true, a.theme.Text, 8*r)
		for _, row := range in.Rows {
			c := a.theme.Text
			if !row.Current {
				c = a.theme.Muted
			}
			add(row.Label+", "+row.Dates, body, false, c, 0)
		}
	}
	if len(in.Articles) > 0 {
		add("Articles", body, true, a.theme.Text, 8*r)
		for _, art := range in.Articles {
			addLink(art.Title, art.URL, "")
			add(art.Byline, 12*r, false, a.theme.Muted, 0)
		}
	}
	if len(in.Linked) > 0 {
		add("Linked on the map", body, true, a.theme.Text, 8*r)
		for _, l := range in.Linked {
			addLink(l.Name, "", l.ID)
		}
	}
	h := pad
	for _, l := range lines {
		h += l.gapBefore + layout.LineHeight(l.size)
	}
	h = min(h+pad, a.h-16*r)
	a.fillBox(dst, x, y, w, h, r)
	p.box, p.shown = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}, true
	// Close button: an × in the top-right corner.
	cs := 18 * r
	p.close = orb.Bound{Min: orb.Point{x + w - pad - cs, y + pad/2}, Max: orb.Point{x + w - pad/2, y + pad/2 + cs}}
	a.text(dst, "×", p.close.Min[0]+4*r, p.close.Min[1], 16*r, true, a.theme.Text)
	cy := y + pad
	for _, l := range lines {
		lh := layout.LineHeight(l.size)
		cy += l.gapBefore
		if cy+lh > y+h-pad/2 {
			break // the panel is full: the rest is for the browser's scrolling panel
		}
		a.text(dst, l.text, x+pad, cy, l.size, l.bold, l.color)
		if l.url != "" || l.id != "" {
			lw, _ := a.measure.Measure(l.text, l.size, l.bold)
			a.drawer.line(dst, []orb.Point{{x + pad, cy + lh - 3*r}, {x + pad + lw, cy + lh - 3*r}}, r, l.color)
			p.links = append(p.links, link{box: orb.Bound{Min: orb.Point{x + pad, cy}, Max: orb.Point{x + pad + lw, cy + lh}}, url: l.url, id: l.id})
		}
		cy += lh
	}
}

// panelClick handles a click at (x, y) on a panel; false when the click is
// not on one (the map takes it).
func (a *App) panelClick(x, y float64) bool {
	p := a.panels
	if !a.overPanel(x, y) {
		return false
	}
	if p.close.Contains(orb.Point{x, y}) {
		a.Select("")
		return true
	}
	for _, l := range p.links {
		if !l.box.Contains(orb.Point{x, y}) {
			continue
		}
		if l.url != "" && p.open != nil {
			p.open(l.url)
		} else if l.id != "" {
			a.Select(l.id)
		}
		return true
	}
	return true
}
