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
func (a *Desktop) EnablePanels(open func(url string)) { a.panels = &panels{open: open} }

// PanelLinks returns the URLs and ids the info panel links to, in order.
func (a *Desktop) PanelLinks() []string {
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
func (a *Desktop) overPanel(x, y float64) bool {
	p := a.panels
	return p != nil && p.shown && p.box.Contains(orb.Point{x, y})
}

// PanelBox is where the info panel is on screen (the zero Bound when none).
func (a *Desktop) PanelBox() orb.Bound {
	if a.panels == nil {
		return orb.Bound{}
	}
	return a.panels.box
}

// attribution is where the desktop writes the data's credit, in the
// bottom-right corner as snapshots and the browser do; ok is false when
// the app draws no panels (the browser has its own line, a presentation
// its caption).
func (a *Desktop) attribution() (box orb.Bound, size float64, ok bool) {
	if a.panels == nil {
		return orb.Bound{}, 0, false
	}
	r := a.ratio
	size = a.theme.SmallLabel * r
	w, _ := a.measure.Measure(layout.AttributionOf(a.prep.Map), size, false)
	pad := 6 * r
	return orb.Bound{Min: orb.Point{a.w - w - 2*pad, a.h - layout.LineHeight(size) - pad}, Max: orb.Point{a.w, a.h}}, size, true
}

// scaleBar is the desktop's scale bar, above the credit, as snapshots have
// it; ok is false when the app draws no panels.
func (a *Desktop) scaleBar() (sc layout.ScaleDrawing, ok bool) {
	box, _, ok := a.attribution()
	if !ok {
		return sc, false
	}
	s := layout.NewScale(layout.MetresPerPixel(a.cam), a.prep.Map.Words())
	return s.Lay(a.measure, a.theme, a.w-6*a.ratio, box.Min[1]-3*a.ratio, a.ratio), true
}

// drawPanels draws the attribution and the scale bar, the info panel for
// the selection and the tooltip for the hovered feature.
func (a *Desktop) drawPanels(dst *ebiten.Image) {
	p := a.panels
	p.box, p.close, p.links, p.shown = orb.Bound{}, orb.Bound{}, nil, false
	r := a.ratio
	a.drawDate(dst)
	if box, size, ok := a.attribution(); ok {
		a.drawer.fillRects(dst, []orb.Bound{box}, a.theme.Panel)
		a.text(dst, layout.AttributionOf(a.prep.Map), box.Min[0]+6*r, box.Min[1]+3*r, size, false, a.theme.Muted)
	}
	if sc, ok := a.scaleBar(); ok {
		a.drawer.fillRects(dst, []orb.Bound{sc.Box}, a.theme.Panel)
		for _, l := range sc.Lines {
			a.drawer.line(dst, l, sc.LineWidth, sc.Color)
		}
		for _, l := range sc.Labels {
			a.text(dst, l.Text, l.X, l.Y, l.Size, false, l.Color)
		}
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

// drawInfo draws the info panel in the top-right corner, as
// layout.LayPanel lays it out: the runs that fit on the screen, links
// underlined and clickable.
func (a *Desktop) drawInfo(dst *ebiten.Image, in panel.Info) {
	p, r := a.panels, a.ratio
	w := min(360*r, a.w-16*r)
	x, y := a.w-w-8*r, 8*r
	runs, h := layout.LayPanel(in, a.measure, w, layout.PanelSizes{Kind: 12 * r, Name: 18 * r, Body: 13 * r, Small: 12 * r, Pad: 12 * r, Gap: 8 * r})
	h = min(h, a.h-16*r)
	a.fillBox(dst, x, y, w, h, r)
	p.box, p.shown = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}, true
	// Close button: an × in the top-right corner.
	pad := 12 * r
	cs := 18 * r
	p.close = orb.Bound{Min: orb.Point{x + w - pad - cs, y + pad/2}, Max: orb.Point{x + w - pad/2, y + pad/2 + cs}}
	a.text(dst, "×", p.close.Min[0]+4*r, p.close.Min[1], 16*r, true, a.theme.Text)
	colors := map[layout.RunStyle]color.RGBA{layout.RunText: a.theme.Text, layout.RunMuted: a.theme.Muted, layout.RunLink: a.theme.Link}
	for _, run := range runs {
		if run.Y+run.H > h-pad/2 {
			break // the panel is full: the rest is for the browser's scrolling panel
		}
		rx, ry := x+run.X, y+run.Y
		c := colors[run.Style]
		a.text(dst, run.Text, rx, ry, run.Size, run.Bold, c)
		if run.Style == layout.RunLink {
			a.drawer.line(dst, []orb.Point{{rx, ry + run.H - 3*r}, {rx + run.W, ry + run.H - 3*r}}, r, c)
			p.links = append(p.links, link{box: orb.Bound{Min: orb.Point{rx, ry}, Max: orb.Point{rx + run.W, ry + run.H}}, url: run.URL, id: run.ID})
		}
	}
}

// panelClick handles a click at (x, y) on a panel; false when the click is
// not on one (the map takes it).
func (a *Desktop) panelClick(x, y float64) bool {
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
