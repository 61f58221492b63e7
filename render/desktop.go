package render

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/panel"
)

// chrome is what a shell draws over the map itself, which the app must
// know of: where labels keep out, the clicks and the pointer it takes, and
// when it draws.
type chrome interface {
	keepOut() []orb.Bound    // boxes the map's labels keep out of
	click(x, y float64) bool // a click on it: true when it took it
	over(x, y float64) bool  // the pointer is over it, not the map
	sync()                   // a new exact frame of the map is drawn
	draw(dst *ebiten.Image)  // after the map
}

// Desktop is the map as the desktop window shows it: the App, and over it
// what the browser shows as DOM — the info panel and the tooltip
// (EnablePanels), the data's credit and the scale bar, a legend over a
// corner (SetOverlay), a box naming the day the map shows ([ and ]:
// StepDate) and the help (EnableHelp) — drawn by Ebitengine. The browser build never links it.
type Desktop struct {
	*App
	panels  *panels  // the info panel, tooltip and credit; nil in a presentation, whose caption has the bottom
	overlay *overlay // the legend over a corner
	days    *days    // the timeline's days (see StepDate), made on first use
	help    *help    // the help (F1), when enabled
}

// NewDesktop puts the desktop's panels around app.
func NewDesktop(app *App) *Desktop {
	d := &Desktop{App: app}
	app.chrome = d
	return d
}

func (d *Desktop) keepOut() []orb.Bound {
	var boxes []orb.Bound
	if b, ok := d.OverlayBox(); ok {
		boxes = append(boxes, b)
		d.overlay.placed = b
	} else if d.overlay != nil {
		d.overlay.placed = orb.Bound{}
	}
	if b, _, ok := d.attribution(); ok {
		boxes = append(boxes, b)
	}
	if sc, ok := d.scaleBar(); ok {
		boxes = append(boxes, sc.Box)
	}
	return boxes
}

func (d *Desktop) click(x, y float64) bool {
	if d.HelpShown() {
		d.helpClick(x, y)
		return true
	}
	return d.panelClick(x, y)
}

func (d *Desktop) over(x, y float64) bool { return d.HelpShown() || d.overPanel(x, y) }

func (d *Desktop) sync() { d.syncOverlay() }

func (d *Desktop) draw(dst *ebiten.Image) {
	d.drawOverlay(dst)
	if d.panels != nil {
		d.drawPanels(dst)
	}
	if d.HelpShown() && d.help.where != panel.Presenting {
		d.drawHelp(dst) // a presentation draws it over its caption
	}
}
