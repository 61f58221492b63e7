package interact

import (
	"math"
	"testing"
)

const dt = 1.0 / 60

// run steps g through ins and returns every action, in order.
func run(g *Gestures, ins ...Input) []Action {
	var out []Action
	for _, in := range ins {
		if in.DT == 0 {
			in.DT = dt
		}
		out = append(out, g.Step(in)...)
	}
	return out
}

func kinds(acts []Action, k Kind) []Action {
	var out []Action
	for _, a := range acts {
		if a.Kind == k {
			out = append(out, a)
		}
	}
	return out
}

// A press that moves less than the drag threshold is a click; one that
// moves more pans by exactly the pointer's travel, and is no click.
func TestGestures_clickOrDrag(t *testing.T) {
	var g Gestures
	acts := run(&g, Input{X: 100, Y: 100}, Input{X: 100, Y: 100, Left: true}, Input{X: 102, Y: 101, Left: true}, Input{X: 102, Y: 101})
	if c := kinds(acts, Click); len(c) != 1 || c[0].X != 102 || len(kinds(acts, Pan)) != 0 {
		t.Errorf("a small press: %+v", acts)
	}
	g = Gestures{}
	acts = run(&g, Input{X: 100, Y: 100}, Input{X: 100, Y: 100, Left: true}, Input{X: 110, Y: 100, Left: true}, Input{X: 130, Y: 90, Left: true})
	dx, dy := 0.0, 0.0
	for _, p := range kinds(acts, Pan) {
		dx, dy = dx+p.DX, dy+p.DY
	}
	if dx != 30 || dy != -10 || len(kinds(acts, Click)) != 0 {
		t.Errorf("a drag panned %v, %v (%+v)", dx, dy, acts)
	}
}

// Released while moving, the map glides on, slowing, and stops; held still
// before the release, it does not.
func TestGestures_fling(t *testing.T) {
	var g Gestures
	ins := []Input{{X: 100, Y: 100}, {X: 100, Y: 100, Left: true}}
	for i := 1; i <= 5; i++ {
		ins = append(ins, Input{X: 100 + 20*float64(i), Y: 100, Left: true})
	}
	ins = append(ins, Input{X: 200, Y: 100})
	run(&g, ins...)
	var glide []float64
	for i := 0; i < 600; i++ {
		p := kinds(g.Step(Input{DT: dt, X: 200, Y: 100}), Pan)
		if len(p) == 0 {
			break
		}
		glide = append(glide, p[0].DX)
	}
	if len(glide) < 10 || len(glide) == 600 || glide[0] < 10 || glide[len(glide)-1] >= glide[0] {
		t.Errorf("glide %v", glide)
	}
	g = Gestures{}
	ins = ins[:len(ins)-1]
	for range 10 {
		ins = append(ins, Input{X: 200, Y: 100, Left: true})
	}
	ins = append(ins, Input{X: 200, Y: 100})
	run(&g, ins...)
	if p := kinds(g.Step(Input{DT: dt, X: 200, Y: 100}), Pan); len(p) > 0 && math.Abs(p[0].DX) > 1 {
		t.Errorf("held still, then released: it glides %+v", p)
	}
}

// A second click soon after, close by, zooms in (out with Shift); one
// later, or far off, is a click again.
func TestGestures_doubleClick(t *testing.T) {
	var g Gestures
	g.Step(Input{DT: dt})
	if a := g.ClickAt(50, 50, false); a.Kind != Click {
		t.Fatalf("first click %+v", a)
	}
	if a := g.ClickAt(52, 50, true); a.Kind != Zoom || a.DZ != -1 {
		t.Errorf("second click %+v, want a zoom out", a)
	}
	g.ClickAt(50, 50, false)
	g.Step(Input{DT: DoubleClick + dt})
	if a := g.ClickAt(50, 50, false); a.Kind != Click {
		t.Errorf("a click after %v s: %+v", DoubleClick+dt, a)
	}
}

// An arrow pans once when pressed and again every frame once held past the
// repeat delay; a key that is reserved only says it was pressed.
func TestGestures_keys(t *testing.T) {
	var g Gestures
	var pans int
	for i := 0; i < keyRepeat+5; i++ {
		pans += len(kinds(g.Step(Input{DT: dt, Keys: []string{KeyLeft}}), Pan))
	}
	if pans != 1+5 { // pressed, then frames 16 to 20
		t.Errorf("%d pans over %d frames held, want 6", pans, keyRepeat+5)
	}
	g = Gestures{Reserved: func(k string) bool { return k == KeyRight }}
	acts := g.Step(Input{DT: dt, Keys: []string{KeyRight, "Equal"}})
	if len(kinds(acts, Pan)) != 0 || len(kinds(acts, Press)) != 2 || len(kinds(acts, Zoom)) != 1 || len(kinds(acts, Stop)) != 1 {
		t.Errorf("reserved → and +: %+v", acts)
	}
}

// A flight stops for the wheel, a press, a touch and the map's keys, and
// for nothing else.
func TestGestures_stop(t *testing.T) {
	for _, c := range []struct {
		in   Input
		stop bool
	}{
		{Input{Wheel: 1}, true},
		{Input{Left: true}, true},
		{Input{Touches: []Touch{{ID: 1}}}, true},
		{Input{Keys: []string{KeyUp}}, true},
		{Input{Keys: []string{"PageDown"}}, false},
		{Input{X: 300, Y: 200}, false},
	} {
		var g Gestures
		c.in.DT = dt
		if got := len(kinds(g.Step(c.in), Stop)) > 0; got != c.stop {
			t.Errorf("%+v stops a flight: %v", c.in, got)
		}
	}
}

// The presentation's keys: scene steps, a typed number and Enter, the
// toggles, and the map's keys passed on.
func TestShow(t *testing.T) {
	s := NewShow(12)
	for _, step := range []struct {
		key   string
		cmd   Command
		scene int
	}{
		{"Home", First, 0}, {"ArrowRight", Next, 1}, {"PageDown", Next, 2}, {"Space", Next, 3},
		{"ArrowLeft", Prev, 2}, {"Digit1", None, 2}, {"Digit1", None, 2}, {"Enter", Jump, 10},
		{"End", Last, 11}, {"PageDown", Next, 11}, {"PageUp", Prev, 10}, {"T", Theme, 10},
		{"BracketLeft", Earlier, 10}, {"Digit9", None, 10}, {"Digit9", None, 10}, {"NumpadEnter", Jump, 10},
	} {
		if c, _ := s.Press(step.key); c != step.cmd || s.Index != step.scene {
			t.Fatalf("%s: command %v, scene %d; want %v, %d", step.key, c, s.Index, step.cmd, step.scene)
		}
	}
	for _, k := range []string{"B", "S", "L"} {
		s.Press(k)
	}
	if !s.Black || !s.Notes || !s.Spotlight {
		t.Errorf("B, S and L: %+v", s)
	}
}
