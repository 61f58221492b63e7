package render

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
)

// help is the desktop's help over the map (F1): every key the window
// answers (panel.Keys) and the credits, with a link to the third-party
// notices.
type help struct {
	where   panel.Where
	notices func()    // opens the third-party notices
	on      bool      // shown
	box     orb.Bound // its panel, when shown
	link    orb.Bound // its line that opens the notices
}

// EnableHelp gives the desktop its help, listing the keys of where (the
// desktop app or a presentation); notices opens the third-party notices,
// which the help links to.
func (a *Desktop) EnableHelp(where panel.Where, notices func()) {
	a.help = &help{where: where, notices: notices}
}

// ToggleHelp shows or hides the help.
func (a *Desktop) ToggleHelp() {
	if a.help != nil {
		a.help.on = !a.help.on
		a.dirty = true
	}
}

// HelpShown reports whether the help is on screen.
func (a *Desktop) HelpShown() bool { return a.help != nil && a.help.on }

// helpClick handles a click while the help shows: on its notices line it
// opens them, anywhere else off its panel it closes the help. The map
// takes no click meanwhile.
func (a *Desktop) helpClick(x, y float64) {
	h := a.help
	switch p := (orb.Point{x, y}); {
	case h.link.Contains(p):
		h.notices()
	case !h.box.Contains(p):
		a.ToggleHelp()
	}
}

// drawHelp draws the help in the middle of the screen: a title, the keys
// in two columns, and the credits.
func (a *Desktop) drawHelp(dst *ebiten.Image) {
	h, r, th := a.help, a.ratio, a.theme
	w := a.prep.Map.Words()
	keys := panel.Keys(w, h.where)
	title, size := th.SmallLabel*1.6*r, th.SmallLabel*1.3*r
	lh, pad, gap := layout.LineHeight(size), 16*r, 24*r
	credits := []string{layout.AttributionOf(a.prep.Map), w.T("Third-party licences: click to open THIRD_PARTY_NOTICES.txt")}
	kw, dw := 0.0, 0.0
	for _, k := range keys {
		x, _ := a.measure.Measure(k.Keys, size, true)
		y, _ := a.measure.Measure(k.Does, size, false)
		kw, dw = max(kw, x), max(dw, y)
	}
	cw := 0.0
	for _, c := range credits {
		x, _ := a.measure.Measure(c, size, false)
		cw = max(cw, x)
	}
	bw := max(kw+gap+dw, cw) + 2*pad
	bh := 2*pad + layout.LineHeight(title)*2 + lh*float64(len(keys)+len(credits)) + lh*0.5
	x, y := (a.w-bw)/2, max((a.h-bh)/2, 8*r)
	a.fillBox(dst, x, y, bw, bh, r)
	h.box = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + bw, y + bh}}
	ty := y + pad
	a.text(dst, w.T("Keyboard shortcuts"), x+pad, ty, title, true, th.Text)
	ty += layout.LineHeight(title)
	for _, k := range keys {
		a.text(dst, k.Keys, x+pad, ty, size, true, th.Text)
		a.text(dst, k.Does, x+pad+kw+gap, ty, size, false, th.Text)
		ty += lh
	}
	ty += lh * 0.5
	a.text(dst, w.T("Credits"), x+pad, ty, title, true, th.Text)
	ty += layout.LineHeight(title)
	a.text(dst, credits[0], x+pad, ty, size, false, th.Text)
	ty += lh
	a.text(dst, credits[1], x+pad, ty, size, false, th.Link)
	lw, _ := a.measure.Measure(credits[1], size, false)
	a.drawer.line(dst, []orb.Point{{x + pad, ty + lh - 3*r}, {x + pad + lw, ty + lh - 3*r}}, r, th.Link)
	h.link = orb.Bound{Min: orb.Point{x + pad, ty}, Max: orb.Point{x + pad + lw, ty + lh}}
}
