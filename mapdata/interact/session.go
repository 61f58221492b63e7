package interact

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// A session is a recording of a map's input, as JSON lines (the desktop's
// --record writes them): a Header, then a Line per frame, and now and then
// a mark naming the view the map showed at that point. Replay plays the
// input again, without a screen, and says where the views differ: as
// divVerent/aaaaxy replays its demos, a test of the map's feel is a
// recording of someone using it.

// Header opens a session: the screen, and where the map began.
type Header struct {
	Session int     `json:"silkmap_session"` // the format's version: 1
	W       float64 `json:"w"`               // the screen, device pixels
	H       float64 `json:"h"`
	Ratio   float64 `json:"ratio"`             // device pixels per CSS pixel
	View    string  `json:"view"`              // the view at the start, as a fragment
	Present bool    `json:"present,omitempty"` // a presentation of the content's story
}

// Line is one frame's input, or, when Mark is set, a mark: the view the
// map showed after the frames before it.
type Line struct {
	Input
	Mark string `json:"mark,omitempty"`
	View string `json:"view,omitempty"`
}

// Recorder writes a session.
type Recorder struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewRecorder starts a session on w with its header.
func NewRecorder(w io.Writer, h Header) (*Recorder, error) {
	h.Session = 1
	bw := bufio.NewWriter(w)
	r := &Recorder{w: bw, enc: json.NewEncoder(bw)}
	r.enc.SetEscapeHTML(false) // fragments keep their & readable
	return r, r.enc.Encode(h)
}

// Frame records one frame's input.
func (r *Recorder) Frame(in Input) error { return r.enc.Encode(Line{Input: in}) }

// Mark records the view the map shows now, under a name, and writes out
// the session so far (a recording stopped by force keeps its marks).
func (r *Recorder) Mark(name string, v view.View) error {
	if err := r.enc.Encode(Line{Mark: name, View: view.Encode(v)}); err != nil {
		return err
	}
	return r.w.Flush()
}

// Flush writes out what is buffered.
func (r *Recorder) Flush() error { return r.w.Flush() }

// ReadSession reads a session.
func ReadSession(r io.Reader) (Header, []Line, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var h Header
	if err := dec.Decode(&h); err != nil {
		return h, nil, fmt.Errorf("session header: %w", err)
	}
	if h.Session != 1 || h.W <= 0 || h.H <= 0 || h.Ratio <= 0 {
		return h, nil, fmt.Errorf("session header %+v: want silkmap_session 1 and a screen", h)
	}
	var lines []Line
	for {
		var l Line
		err := dec.Decode(&l)
		if errors.Is(err, io.EOF) {
			return h, lines, nil
		}
		if err != nil {
			return h, nil, fmt.Errorf("session line %d: %w", len(lines)+2, err)
		}
		lines = append(lines, l)
	}
}

// Mismatch is a mark whose view the replay did not reach.
type Mismatch struct {
	Mark, Want, Got string
}

// Replay plays a session's input on prepared map p (and on story s, for
// a presentation) as the renderer's App does — gestures, moves, picks on
// the frame of the view, flights to a presentation's scenes, the map's
// keys — and returns the marks whose views it did not reach, compared as
// fragments (zoom to 2 decimals, lon and lat to 4).
func Replay(h Header, lines []Line, p *layout.Prepared, s *story.Story) ([]Mismatch, error) {
	v, warn := view.Decode(h.View, view.Default, p.Map, view.LayerIDs(p.Map))
	if len(warn) > 0 {
		return nil, fmt.Errorf("session view %q: %v", h.View, warn)
	}
	r := replay{p: p, g: Gestures{Ratio: h.Ratio, W: h.W, H: h.H}, h: h, v: v}
	r.syncCamera()
	if h.Present {
		if s == nil || len(s.Scenes) == 0 {
			return nil, errors.New("a presentation's session needs a story")
		}
		r.story, r.show = s, NewShow(len(s.Scenes))
		r.g.Reserved = func(k string) bool { _, ok := PresentKeys[k]; return ok }
		r.command(First, r.show.Do(First))
	}
	var out []Mismatch
	for _, l := range lines {
		if l.Mark != "" {
			if got := view.Encode(r.v); got != l.View {
				out = append(out, Mismatch{l.Mark, l.View, got})
			}
			continue
		}
		r.step(l.Input)
	}
	return out, nil
}

// replay is the state of one Replay: the App's, without a screen.
type replay struct {
	p         *layout.Prepared
	h         Header
	g         Gestures
	v         view.View
	cam       view.Camera
	story     *story.Story
	show      *Show
	flight    *view.Flight
	flightT   time.Duration
	shown     bool
	dateSteps []mapdata.Date
}

func (r *replay) syncCamera() {
	r.cam = view.NewCamera(r.v, geo.WebMercator, r.h.W, r.h.H, r.h.Ratio)
}

func (r *replay) pick(x, y float64) string {
	return layout.Build(r.p, r.v, r.cam, &style.Light).Pick(x, y)
}

func (r *replay) step(in Input) {
	acts := r.g.Step(in)
	if r.flight != nil {
		if !slices.ContainsFunc(acts, func(a Action) bool { return a.Kind == Stop }) {
			r.fly(time.Duration(in.DT * float64(time.Second)))
			acts = slices.DeleteFunc(acts, func(a Action) bool { return a.Kind != Press })
		} else {
			r.flight = nil
		}
	}
	for _, a := range acts {
		if a.Kind == Press {
			r.press(a.Key)
			continue
		}
		v, cam, moved := Move(r.v, r.cam, a, r.pick)
		if moved {
			r.cam = cam
		}
		r.v = v
	}
}

// fly advances the flight by dt; its last step lands on the target.
func (r *replay) fly(dt time.Duration) {
	r.flightT += dt
	t := float64(r.flightT) / float64(r.flight.Duration())
	r.v = r.flight.At(t)
	if t >= 1 {
		r.flight = nil
	}
	r.syncCamera()
}

func (r *replay) press(key string) {
	if r.show != nil {
		c, changed := r.show.Press(key)
		r.command(c, changed)
		return
	}
	r.command(MapKeys[key], false)
}

// command does what the presenter (a new scene's view: at once the first
// time, by a flight after) and the map keys do to the view.
func (r *replay) command(c Command, sceneChanged bool) {
	if sceneChanged {
		to := view.Clamp(r.story.Scenes[r.show.Index].View)
		if !r.shown {
			r.v = to
			r.syncCamera()
		} else {
			f := view.NewFlight(r.v, to, geo.WebMercator, r.h.W/r.h.Ratio)
			r.v.Layers, r.v.Sel, r.v.Date, r.v.Article, r.v.Scene = to.Layers, to.Sel, to.Date, to.Article, to.Scene
			if f.Duration() == 0 {
				r.v = to
				r.syncCamera()
			} else {
				r.flight, r.flightT = &f, 0
			}
		}
		r.shown = true
		r.g.Halt()
	}
	if c == Earlier || c == Later {
		if r.dateSteps == nil {
			r.dateSteps = panel.DateSteps(r.p.Map)
		}
		dir := 1
		if c == Earlier {
			dir = -1
		}
		r.v.Date = panel.StepDate(r.dateSteps, r.v.Date, dir)
		r.flight = nil
		r.syncCamera()
		r.g.Halt()
	}
}
