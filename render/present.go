package render

import (
	"image/color"
	"maps"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
)

// Action is something a presenter asks for.
type Action int

// Presenter actions.
const (
	None Action = iota
	Next
	Prev
	First
	Last
	Jump // to the scene number typed before Enter
	Black
	Notes
	Spotlight
	Theme
	Legend
	Earlier // the day the map shows, a step back through the timeline
	Later
)

// MapKeys are the keys of the map itself on the desktop, in a
// presentation or not (App.Do): the theme, the legend, and the day through
// the timeline.
var MapKeys = map[ebiten.Key]Action{
	ebiten.KeyT: Theme, ebiten.KeyG: Legend, ebiten.KeyBracketLeft: Earlier, ebiten.KeyBracketRight: Later,
}

// PresentKeys maps keys to actions: what presentation clickers send (arrows,
// PageUp/PageDown, space) and the keys a speaker reaches for, MapKeys among
// them.
var PresentKeys = func() map[ebiten.Key]Action {
	keys := map[ebiten.Key]Action{
		ebiten.KeyArrowRight: Next, ebiten.KeyPageDown: Next, ebiten.KeySpace: Next,
		ebiten.KeyArrowLeft: Prev, ebiten.KeyPageUp: Prev,
		ebiten.KeyHome: First, ebiten.KeyEnd: Last,
		ebiten.KeyEnter: Jump, ebiten.KeyNumpadEnter: Jump,
		ebiten.KeyB: Black, ebiten.KeyS: Notes, ebiten.KeyL: Spotlight,
	}
	maps.Copy(keys, MapKeys)
	return keys
}()

// Presenter plays a story on the map: an ebiten.Game around App.
type Presenter struct {
	*App
	story     *story.Story
	index     int    // current scene, from 0
	typed     string // digits typed for a jump
	black     bool
	notes     bool
	spotlight bool
	spot      orb.Point // the pointer, for the spotlight
}

// NewPresenter starts a story at its first scene.
func NewPresenter(app *App, s *story.Story) *Presenter {
	p := &Presenter{App: app, story: s, index: -1}
	p.Do(First)
	return p
}

// Scene is the current scene's index, from 0.
func (p *Presenter) Scene() int { return p.index }

// Do performs an action.
func (p *Presenter) Do(a Action) {
	n := len(p.story.Scenes)
	switch a {
	case Next:
		p.goTo(min(p.index+1, n-1))
	case Prev:
		p.goTo(max(p.index-1, 0))
	case First:
		p.goTo(0)
	case Last:
		p.goTo(n - 1)
	case Jump:
		if k, err := strconv.Atoi(p.typed); err == nil && k >= 1 && k <= n {
			p.goTo(k - 1)
		}
		p.typed = ""
	case Black:
		p.black = !p.black
	case Notes:
		p.notes = !p.notes
	case Spotlight:
		p.spotlight = !p.spotlight
	default:
		p.App.Do(a)
	}
	p.App.dirty = true // the overlays change; the map only as the action says
}

// Do performs one of MapKeys' actions on the map (the others are a
// presenter's).
func (a *App) Do(act Action) {
	switch act {
	case Theme:
		a.SetTheme(style.NextTheme(a.theme))
	case Legend:
		a.ToggleOverlay()
	case Earlier:
		a.StepDate(-1)
	case Later:
		a.StepDate(1)
	}
}

func (p *Presenter) goTo(i int) {
	if i == p.index {
		return
	}
	first := p.index < 0
	p.index = i
	sc := p.story.Scenes[i]
	p.App.SetHighlight(sc.Highlight)
	if first {
		p.App.SetView(sc.View)
	} else {
		p.App.FlyTo(sc.View)
	}
}

// Update reads the presenter's keys, then lets the map run.
func (p *Presenter) Update() error {
	for k, a := range PresentKeys {
		if inpututil.IsKeyJustPressed(k) {
			p.Do(a)
		}
	}
	for d := ebiten.KeyDigit0; d <= ebiten.KeyDigit9; d++ {
		if inpututil.IsKeyJustPressed(d) {
			p.typed += strconv.Itoa(int(d - ebiten.KeyDigit0))
		}
	}
	if p.spotlight {
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
	if p.black { // the map waits, a drawing under way included
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
	if p.spotlight {
		p.drawSpotlight(screen)
	}
	p.drawCaption(screen)
	// The scene's own day is the caption's to tell; a day the speaker
	// stepped to ([ and ]) is named at the top.
	if p.App.view.Date != p.story.Scenes[p.index].View.Date {
		p.App.drawDate(screen)
	}
	if p.notes {
		p.drawNotes(screen)
	}
}

// drawCaption draws the scene's title and caption in a band at the bottom,
// with the progress.
func (p *Presenter) drawCaption(dst *ebiten.Image) {
	a, r := p.App, p.App.ratio
	sc := p.story.Scenes[p.index]
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
	progress := strconv.Itoa(p.index+1) + " / " + strconv.Itoa(len(p.story.Scenes))
	pw, _ := a.measure.Measure(progress, body, false)
	a.text(dst, progress, pad+width-pw-pad, y+pad, body, false, a.theme.Muted)
	// A bar along the band's bottom edge shows how far the story has come.
	frac := float64(p.index+1) / float64(len(p.story.Scenes))
	a.drawer.line(dst, []orb.Point{{pad, y + h - 2*r}, {pad + width*frac, y + h - 2*r}}, 4*r, a.theme.Link)
}

// drawNotes draws the speaker notes at the top.
func (p *Presenter) drawNotes(dst *ebiten.Image) {
	a, r := p.App, p.App.ratio
	notes := p.story.Scenes[p.index].Notes
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
