// Package interact turns a map's input into view actions, as data: a shell
// samples its input once a frame into an Input (pointer, button, wheel,
// touches, keys, time step), Gestures recognises what the reader does with
// it (drag, fling, wheel, pinch, click, double-click, keys) and returns
// Actions (pan, zoom at, click, hover, keys pressed), and Show is a
// presentation's state machine over the keys a speaker presses. It is pure
// Go, with no Ebitengine: recorded sessions replay in plain tests (see
// Session), and the renderer only samples input and applies the actions.
package interact

import (
	"math"
	"slices"
	"strings"
)

// Tuning of the navigation feel.
const (
	DragThreshold = 4.0     // CSS px a press may move and still be a click
	DoubleClick   = 0.35    // seconds: longest gap between the clicks of a double-click
	InertiaDecay  = 5.0     // per second: how fast a flung map slows down
	InertiaMin    = 0.5     // CSS px per frame below which the glide stops
	KeyPan        = 80.0    // CSS px an arrow key moves the map
	WheelZoom     = 1.0 / 3 // zoom levels per wheel notch
	keyRepeat     = 15      // frames a key is held before it repeats
)

// Key names, as Ebitengine names its keys (ebiten.Key's String).
const (
	KeyLeft, KeyRight, KeyUp, KeyDown   = "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"
	KeyEscape, KeyEnter, KeyNumpadEnter = "Escape", "Enter", "NumpadEnter"
)

// zoomKeys zoom in (+1) and out (-1) around the pointer, or the centre.
var zoomKeys = map[string]float64{"Equal": 1, "NumpadAdd": 1, "Minus": -1, "NumpadSubtract": -1}

// panKeys pan the map by KeyPan in their direction.
var panKeys = map[string][2]float64{KeyLeft: {1, 0}, KeyRight: {-1, 0}, KeyUp: {0, 1}, KeyDown: {0, -1}}

// Touch is one finger on the screen.
type Touch struct {
	ID int     `json:"id"`
	X  float64 `json:"x"`
	Y  float64 `json:"y"`
}

// Input is what a shell saw of the input in one frame, in device pixels.
type Input struct {
	DT      float64  `json:"dt,omitempty"`    // seconds since the frame before
	X       float64  `json:"x,omitempty"`     // the pointer
	Y       float64  `json:"y,omitempty"`     //
	Left    bool     `json:"left,omitempty"`  // the primary button is down
	Wheel   float64  `json:"wheel,omitempty"` // vertical wheel notches (up is positive)
	Touches []Touch  `json:"touches,omitempty"`
	Keys    []string `json:"keys,omitempty"` // the keys held down
}

// Kind is what an Action does.
type Kind uint8

// Actions.
const (
	Pan    Kind = iota + 1 // move the map by DX, DY
	Zoom                   // zoom by DZ levels around X, Y
	Click                  // select what is at X, Y (Shift held)
	Hover                  // the pointer is over X, Y (X < 0: off the map)
	Clear                  // clear the selection
	Centre                 // select what is at the centre of the screen
	Press                  // Key was just pressed (a key the caller gives its own meaning)
	Stop                   // input that takes the camera from a flight under way
)

// Action is one thing to do to the map.
type Action struct {
	Kind   Kind
	DX, DY float64
	DZ     float64
	X, Y   float64
	Shift  bool
	Key    string
}

// Gestures recognises gestures in a stream of Inputs. Its zero value is
// ready, at one device pixel per CSS pixel.
type Gestures struct {
	// Ratio is device pixels per CSS pixel.
	Ratio float64
	// ExternalClicks is set when the shell reports clicks itself (see
	// ClickAt): a press and release seen here is then no click.
	ExternalClicks bool
	// W and H are the screen's size, for zooming around its centre.
	W, H float64
	// Reserved, when set, names keys that belong to someone else (a
	// presentation's): they only make Press actions.
	Reserved func(key string) bool

	prev              Input
	held              map[string]int // frames each key has been down
	now               float64        // seconds since the first input
	pressed, dragging bool
	pressX, pressY    float64
	lastX, lastY      float64
	vx, vy            float64 // glide velocity, device px per frame
	lastClick         float64 // when, or -1
	lastClickX        float64
	lastClickY        float64
	pinchDist         float64
	pinchMidX         float64
	pinchMidY         float64
	touchMoved        bool
	touchStartX       float64
	touchStartY       float64
	started           bool
}

func (g *Gestures) ratio() float64 {
	if g.Ratio <= 0 {
		return 1
	}
	return g.Ratio
}

// Halt stops a glide under way (the map was moved to a view outright).
func (g *Gestures) Halt() { g.vx, g.vy = 0, 0 }

// start readies the zero Gestures.
func (g *Gestures) start() {
	if !g.started {
		g.started, g.lastClick, g.held = true, -1, map[string]int{}
	}
}

// Step takes one frame's input and returns what to do.
func (g *Gestures) Step(in Input) []Action {
	if !g.started {
		g.start()
		g.lastX, g.lastY = in.X, in.Y
	}
	g.now += in.DT
	var out []Action
	pressedKeys := g.keys(in.Keys)
	own := slices.DeleteFunc(slices.Clone(pressedKeys), g.reserved)
	if g.stops(in, own) {
		out = append(out, Action{Kind: Stop})
	}
	out = g.handleKeys(out, in, own)
	for _, k := range pressedKeys {
		out = append(out, Action{Kind: Press, Key: k})
	}
	if in.Wheel != 0 {
		dz := math.Max(-1, math.Min(1, in.Wheel*WheelZoom))
		out = append(out, Action{Kind: Zoom, DZ: dz, X: in.X, Y: in.Y})
		g.vx, g.vy = 0, 0
	}
	var touched bool
	if out, touched = g.handleTouches(out, in); !touched {
		out = g.handleMouse(out, in)
	}
	if !g.pressed && (g.vx != 0 || g.vy != 0) {
		out = append(out, Action{Kind: Pan, DX: g.vx, DY: g.vy})
		decay := math.Exp(-InertiaDecay * in.DT)
		g.vx, g.vy = g.vx*decay, g.vy*decay
		if math.Hypot(g.vx, g.vy) < InertiaMin*g.ratio() {
			g.vx, g.vy = 0, 0
		}
	}
	g.prev = in
	return out
}

// keys updates how long each key has been held and returns the keys just
// pressed, in the order given.
func (g *Gestures) reserved(key string) bool { return g.Reserved != nil && g.Reserved(key) }

func (g *Gestures) keys(down []string) []string {
	var pressed []string
	for _, k := range down {
		if g.held[k] == 0 {
			pressed = append(pressed, k)
		}
		g.held[k]++
	}
	for k := range g.held {
		if !slices.Contains(down, k) {
			delete(g.held, k)
		}
	}
	return pressed
}

// stops reports input that takes the camera from a flight.
func (g *Gestures) stops(in Input, pressed []string) bool {
	if in.Wheel != 0 || (in.Left && !g.prev.Left) || len(in.Touches) > 0 {
		return true
	}
	return slices.ContainsFunc(pressed, func(k string) bool {
		_, pan := panKeys[k]
		_, zoom := zoomKeys[k]
		return pan || zoom
	})
}

func (g *Gestures) handleKeys(out []Action, in Input, pressed []string) []Action {
	step := KeyPan * g.ratio()
	for _, k := range []string{KeyLeft, KeyRight, KeyUp, KeyDown} {
		if n := g.held[k]; !g.reserved(k) && (n == 1 || n > keyRepeat) {
			d := panKeys[k]
			out = append(out, Action{Kind: Pan, DX: d[0] * step, DY: d[1] * step})
		}
	}
	zoom := 0.0
	for _, k := range pressed {
		if dz, ok := zoomKeys[k]; ok {
			zoom = dz
		}
	}
	if zoom != 0 {
		// Around the pointer when it is over the map, else the centre.
		x, y := in.X, in.Y
		if x <= 0 || y <= 0 || x >= g.W || y >= g.H {
			x, y = g.W/2, g.H/2
		}
		out = append(out, Action{Kind: Zoom, DZ: zoom, X: x, Y: y})
	}
	for _, k := range pressed {
		switch k {
		case KeyEscape:
			out = append(out, Action{Kind: Clear})
		case KeyEnter, KeyNumpadEnter:
			out = append(out, Action{Kind: Centre}) // what the arrows brought there
		}
	}
	return out
}

func (g *Gestures) handleMouse(out []Action, in Input) []Action {
	x, y := in.X, in.Y
	switch {
	case in.Left && !g.prev.Left:
		g.pressed, g.dragging = true, false
		g.pressX, g.pressY, g.lastX, g.lastY = x, y, x, y
		g.vx, g.vy = 0, 0
	case g.pressed && in.Left:
		if !g.dragging && math.Hypot(x-g.pressX, y-g.pressY) > DragThreshold*g.ratio() {
			g.dragging = true
		}
		if g.dragging && (x != g.lastX || y != g.lastY) {
			dx, dy := x-g.lastX, y-g.lastY
			out = append(out, Action{Kind: Pan, DX: dx, DY: dy})
			g.vx, g.vy = 0.6*dx+0.4*g.vx, 0.6*dy+0.4*g.vy
		} else if g.dragging {
			g.vx, g.vy = g.vx*0.5, g.vy*0.5 // held still: no fling
		}
		g.lastX, g.lastY = x, y
	case g.pressed:
		g.pressed = false
		if !g.dragging {
			g.vx, g.vy = 0, 0
			if !g.ExternalClicks {
				out = append(out, g.ClickAt(x, y, shiftHeld(in.Keys)))
			}
		}
	default:
		g.lastX, g.lastY = x, y
		out = append(out, Action{Kind: Hover, X: x, Y: y})
	}
	return out
}

func shiftHeld(keys []string) bool {
	return slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, "Shift") })
}

// ClickAt is a click (or tap) at (x, y): a selection, or, a second click
// soon after close by, a zoom in there (out with Shift). Shells that see
// clicks themselves (the browser's DOM events catch a press and release
// between two frames) report them here.
func (g *Gestures) ClickAt(x, y float64, shift bool) Action {
	g.start()
	if g.lastClick >= 0 && g.now-g.lastClick < DoubleClick && math.Hypot(x-g.lastClickX, y-g.lastClickY) < 2*DragThreshold*g.ratio() {
		g.lastClick = -1
		dz := 1.0
		if shift {
			dz = -1
		}
		return Action{Kind: Zoom, DZ: dz, X: x, Y: y}
	}
	g.lastClick, g.lastClickX, g.lastClickY = g.now, x, y
	return Action{Kind: Click, X: x, Y: y, Shift: shift}
}

// handleTouches: one finger pans (a tap selects), two fingers pinch-zoom
// and pan. It reports whether touches are in use.
func (g *Gestures) handleTouches(out []Action, in Input) ([]Action, bool) {
	ids := func(ts []Touch) []int {
		out := make([]int, len(ts))
		for i, t := range ts {
			out[i] = t.ID
		}
		return out
	}
	now, before := ids(in.Touches), ids(g.prev.Touches)
	justReleased := slices.ContainsFunc(before, func(id int) bool { return !slices.Contains(now, id) })
	justPressed := slices.ContainsFunc(now, func(id int) bool { return !slices.Contains(before, id) })
	switch len(in.Touches) {
	case 0:
		if justReleased && !g.touchMoved && !g.ExternalClicks {
			out = append(out, g.ClickAt(g.lastX, g.lastY, false))
		}
		if justReleased {
			g.pinchDist = 0
			return out, true
		}
		return out, false
	case 1:
		x, y := in.Touches[0].X, in.Touches[0].Y
		if justReleased || g.pinchDist > 0 || justPressed {
			if g.pinchDist == 0 {
				g.touchMoved = false
				g.touchStartX, g.touchStartY = x, y
			}
			g.pinchDist = 0
		} else if math.Hypot(x-g.touchStartX, y-g.touchStartY) > DragThreshold*g.ratio() || g.touchMoved {
			g.touchMoved = true
			out = append(out, Action{Kind: Pan, DX: x - g.lastX, DY: y - g.lastY})
		}
		g.lastX, g.lastY = x, y
	default:
		a, b := in.Touches[0], in.Touches[1]
		mx, my := (a.X+b.X)/2, (a.Y+b.Y)/2
		dist := math.Hypot(b.X-a.X, b.Y-a.Y)
		if g.pinchDist > 0 && dist > 0 {
			out = append(out, Action{Kind: Pan, DX: mx - g.pinchMidX, DY: my - g.pinchMidY})
			out = append(out, Action{Kind: Zoom, DZ: math.Log2(dist / g.pinchDist), X: mx, Y: my})
		}
		g.pinchDist, g.pinchMidX, g.pinchMidY = dist, mx, my
		g.touchMoved = true
	}
	return out, true
}
