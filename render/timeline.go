package render

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
)

// days is what the desktop's day keys and box need of the map's timeline.
type days struct {
	steps  []mapdata.Date            // see panel.DateSteps
	events map[mapdata.Date][]string // what happened on each day
}

// timeline returns the map's days, made on first use.
func (a *Desktop) timeline() *days {
	if a.days == nil {
		d := &days{steps: panel.DateSteps(a.prep.Map), events: map[mapdata.Date][]string{}}
		for _, k := range panel.Timeline(a.prep.Map) {
			d.events[mapdata.Date(k.Date)] = append(d.events[mapdata.Date(k.Date)], k.Name)
		}
		a.days = d
	}
	return a.days
}

// StepDate moves the view's day one step through the timeline (dir 1 on,
// -1 back; see panel.StepDate): the desktop's [ and ] keys, which walk a
// talk's audience through the memberships as they changed.
func (a *Desktop) StepDate(dir int) {
	v := a.view
	v.Date = panel.StepDate(a.timeline().steps, v.Date, dir)
	a.SetView(v)
}

// drawDate shows, on the desktop, the day the map shows when it is not
// today, with what happened on it, in a box at the top centre (over the
// labels there: it is up while someone steps through the days).
func (a *Desktop) drawDate(dst *ebiten.Image) {
	if a.view.Date == "" {
		return
	}
	events := a.timeline().events[a.view.Date]
	r, th := a.ratio, a.theme
	title, small := th.SmallLabel*1.3*r, th.SmallLabel*r
	pad := 8 * r
	maxW := min(a.w*0.5, 520*r)
	lines := layout.Wrap(a.measure, strings.Join(events, "; "), small, false, maxW-2*pad)
	if len(lines) > 2 {
		lines = append(lines[:1], lines[1]+" …")
	}
	head := a.prep.Map.Words().F("Memberships as of {0}", a.prep.Map.Words().Date(a.view.Date))
	w, _ := a.measure.Measure(head, title, true)
	for _, l := range lines {
		lw, _ := a.measure.Measure(l, small, false)
		w = max(w, lw)
	}
	w = min(w+2*pad, maxW)
	h := 2*pad + layout.LineHeight(title) + layout.LineHeight(small)*float64(len(lines))
	x, y := (a.w-w)/2, 8*r
	a.fillBox(dst, x, y, w, h, r)
	a.text(dst, head, x+pad, y+pad, title, true, th.Text)
	for i, l := range lines {
		a.text(dst, l, x+pad, y+pad+layout.LineHeight(title)+layout.LineHeight(small)*float64(i), small, false, th.Muted)
	}
}
