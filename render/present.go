package render

import (
	"image/color"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/interact"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
)

// Presenter plays a story on the map: an ebiten.Game around App. Its
// state machine (interact.Show) takes the keys a speaker presses; the map
// keeps every other key.
type Presenter struct {
	*Desktop
	*interact.Show
	story *story.Story
	shown bool      // a scene has been shown
	spot  orb.Point // the pointer, for the spotlight
}

// NewPresenter starts a story at its first scene, on the desktop d.
func NewPresenter(d *Desktop, s *story.Story) *Presenter {
	app := d.App
	p := &Presenter{Desktop: d, Show: interact.NewShow(len(s.Scenes)), story: s}
	app.ReserveKeys(func(k string) bool {
		_, ok := interact.PresentKeys[k]
		return ok
	})
	app.OnKey(func(k string) { p.done(p.Show.Press(k)) })
	p.Do(interact.First)
	return p
}

// Scene is the current scene's index, from 0.
func (p *Presenter) Scene() int { return p.Index }

// Do performs a command.
func (p *Presenter) Do(c interact.Command) { p.done(c, p.Show.Do(c)) }

// done brings the map in line with the show after command c: a new
// scene's view (at once for the first, by a flight after) and highlights,
// or the map's own command.
func (p *Presenter) done(c interact.Command, sceneChanged bool) {
	if sceneChanged {
		sc := p.story.Scenes[p.Index]
		p.App.SetHighlight(sc.Highlight)
		if p.shown {
			p.App.FlyTo(sc.View)
		} else {
			p.App.SetView(sc.View)
		}
		p.shown = true
	}
	p.Desktop.Do(c)
	p.App.dirty = true // the overlays change; the map only as the command says
}

// Do performs one of interact.MapKeys' commands on the map (the others are
// a presenter's).
func (a *Desktop) Do(c interact.Command) {
	switch c {
	case interact.Theme:
		a.SetTheme(style.NextTheme(a.theme))
	case interact.Legend:
		a.ToggleOverlay()
	case interact.Earlier:
		a.StepDate(-1)
	case interact.Later:
		a.StepDate(1)
	}
}

// Update follows the pointer for the spotlight, then lets the map run
// (which hands the speaker's keys to the show).
func (p *Presenter) Update() error {
	if p.Spotlight {
		x, y := ebiten.CursorPosition()
		if q := (orb.Point{float64(x), float64(y)}); q != p.spot {
			p.spot = q
			p.App.dirty = true
		}
	}
	return p.App.Update()
}

// Draw draws the map, then the presenter's overlays.
func (p *Presenter) Draw(screen *ebiten.Image) {
	if p.Black { // the map waits, a drawing under way included
		if p.App.dirty {
			p.App.dirty = false
			screen.Fill(color.Black)
		}
		return
	}
	if !p.App.needsDraw() {
		return
	}
	p.App.Draw(screen)
	if p.Spotlight {
		p.drawSpotlight(screen)
	}
	p.drawCaption(screen)
	// The scene's own day is the caption's to tell; a day the speaker
	// stepped to ([ and ]) is named at the top.
	if p.App.view.Date != p.story.Scenes[p.Index].View.Date {
		p.drawDate(screen)
	}
	if p.Notes {
		p.drawNotes(screen)
	}
	if p.HelpShown() {
		p.drawHelp(screen)
	}
}

// drawCaption draws the scene's title and caption in a band at the bottom,
// with the progress.
func (p *Presenter) drawCaption(dst *ebiten.Image) {
	a, r := p.App, p.App.ratio
	sc := p.story.Scenes[p.Index]
	th := a.theme
	title, body := th.CountryLabel*1.5*r, th.CountryLabel*1.15*r
	pad := 16 * r
	width := a.w - 2*pad
	lines := layout.Wrap(a.measure, sc.Caption, body, false, width-2*pad)
	h := pad*2 + layout.LineHeight(title) + layout.LineHeight(body)*float64(len(lines)) + 8*r
	y := a.h - h - pad
	a.fillBox(dst, pad, y, width, h, r)
	a.text(dst, sc.Title, 2*pad, y+pad, title, true, a.theme.Text)
	for i, l := range lines {
		a.text(dst, l, 2*pad, y+pad+layout.LineHeight(title)+layout.LineHeight(body)*float64(i), body, false, a.theme.Text)
	}
	progress := strconv.Itoa(p.Index+1) + " / " + strconv.Itoa(len(p.story.Scenes))
	pw, _ := a.measure.Measure(progress, body, false)
	a.text(dst, progress, pad+width-pw-pad, y+pad, body, false, a.theme.Muted)
	// A bar along the band's bottom edge shows how far the story has come.
	frac := float64(p.Index+1) / float64(len(p.story.Scenes))
	a.drawer.line(dst, []orb.Point{{pad, y + h - 2*r}, {pad + width*frac, y + h - 2*r}}, 4*r, a.theme.Link)
}

// drawNotes draws the speaker notes at the top.
func (p *Presenter) drawNotes(dst *ebiten.Image) {
	a, r := p.App, p.App.ratio
	notes := p.story.Scenes[p.Index].Notes
	if notes == "" {
		notes = "(no notes for this scene)"
	}
	size := a.theme.SmallLabel * 1.3 * r
	pad := 12 * r
	width := a.w * 0.5
	lines := layout.Wrap(a.measure, notes, size, false, width-2*pad)
	h := pad*2 + layout.LineHeight(size)*float64(len(lines))
	a.fillBox(dst, pad, pad, width, h, r)
	for i, l := range lines {
		a.text(dst, l, 2*pad, pad+pad+layout.LineHeight(size)*float64(i), size, false, a.theme.Muted)
	}
}

// drawSpotlight dims everything but a circle around the pointer: the
// screen outside the circle's square as four rectangles, and inside the
// square one strip per pixel row on each side of the circle.
func (p *Presenter) drawSpotlight(dst *ebiten.Image) {
	a := p.App
	radius := 140 * a.ratio
	cx, cy := p.spot[0], p.spot[1]
	x0, y0, x1, y1 := cx-radius, cy-radius, cx+radius, cy+radius
	var rects []orb.Bound
	rect := func(ax, ay, bx, by float64) {
		if bx > ax && by > ay {
			rects = append(rects, orb.Bound{Min: orb.Point{ax, ay}, Max: orb.Point{bx, by}})
		}
	}
	rect(0, 0, a.w, y0)
	rect(0, y1, a.w, a.h)
	rect(0, y0, x0, y1)
	rect(x1, y0, a.w, y1)
	for y := y0; y < y1; y++ {
		dy := y + 0.5 - cy
		half := math.Sqrt(math.Max(radius*radius-dy*dy, 0))
		rect(x0, y, cx-half, y+1)
		rect(cx+half, y, x1, y+1)
	}
	a.drawer.fillRects(dst, rects, color.RGBA{0, 0, 0, 150})
}
