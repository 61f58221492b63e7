package render

import (
	"image"
	"math"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/interact"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// App is the map as an ebiten.Game: it keeps the view, samples
// Ebitengine's input once a frame for package interact to recognise, does
// the actions it returns, and draws only when something changed.
type App struct {
	prep    *layout.Prepared
	theme   *style.Theme
	measure *layout.FontMeasurer
	drawer  *Drawer

	view    view.View
	cam     view.Camera
	w, h    float64 // screen in device pixels
	ratio   float64
	hover   string
	frame   *layout.Frame // the last frame drawn in full
	dirty   bool
	direct  bool        // the last frame went straight to the final screen (see DrawFinalScreen)
	lastCam view.Camera // the camera of the last frame
	c       cache
	gen     int // see contentKey

	gestures                  interact.Gestures
	input                     interact.Input       // this frame's, as sampled
	onKey                     []func(key string)   // see OnKey
	record                    func(interact.Input) // see Record
	lastX, lastY              float64              // the pointer's last place over the map, -1 off it
	touchIDs                  []ebiten.TouchID
	chrome                    chrome      // what a shell draws over the map (the desktop's), or nil
	pointerOut                bool        // the shell says the pointer is off the map (see SetPointerOver)
	highlight                 []string    // ids to stand out besides the selection
	reserved                  []orb.Bound // screen boxes the shell covers: labels keep out
	flight                    *view.Flight
	flightT                   time.Duration // how far the flight has gone
	lastUpdate                time.Time     // when the input was last sampled
	motion                    motion        // how fast moving frames come
	frames, fullFrames        int
	onSelect, onView, onHover []func()
	onFirstFrame              func()
	captures                  []func(*image.RGBA) // see Capture
}

// NewApp makes the app for a prepared map, starting at v.
func NewApp(p *layout.Prepared, v view.View) (*App, error) {
	d, err := NewDrawer(p)
	if err != nil {
		return nil, err
	}
	m, err := layout.NewFontMeasurer()
	if err != nil {
		return nil, err
	}
	return &App{prep: p, theme: &style.Light, measure: m, drawer: d, view: view.Clamp(v), ratio: 1, dirty: true}, nil
}

// SetMap shows another map in place of this one (the studio's preview of
// an edit): the view stays, every drawing of the old map goes.
func (a *App) SetMap(p *layout.Prepared) {
	a.prep = p
	a.drawer.setMap(p)
	a.Invalidate() // the last drawing shows until the next is done

}

// Camera is the camera of the current view.
func (a *App) Camera() view.Camera { return a.cam }

// Screen is the screen's size in device pixels and its device pixels per
// CSS pixel.
func (a *App) Screen() (w, h, ratio float64) { return a.w, a.h, a.ratio }

// View returns the current view.
func (a *App) View() view.View { return a.view }

// SetView moves to v at once (no animation), layers, selection and date
// included.
func (a *App) SetView(v view.View) {
	a.flight = nil
	oldSel := a.view.Sel
	a.view = view.Clamp(v)
	a.gestures.Halt()
	a.syncCamera()
	a.viewChanged() // the view as given, not as the camera rounds it
	if a.view.Sel != oldSel {
		for _, f := range a.onSelect {
			f()
		}
	}
}

// FlyTo moves to v with a smooth zoom-and-pan (see view.Flight); the
// selection, layers and date change at once. Any input interrupts it.
func (a *App) FlyTo(v view.View) {
	v = view.Clamp(v)
	f := view.NewFlight(a.view, v, geo.WebMercator, a.w/a.ratio)
	if f.Duration() == 0 || a.w == 0 {
		a.SetView(v)
		return
	}
	oldSel := a.view.Sel
	a.view.Layers, a.view.Sel, a.view.Date, a.view.Article, a.view.Scene = v.Layers, v.Sel, v.Date, v.Article, v.Scene
	a.flight, a.flightT = &f, 0
	a.gestures.Halt()
	a.dirty = true
	if a.view.Sel != oldSel {
		for _, fn := range a.onSelect {
			fn()
		}
	}
}

// ClickAt handles a click (or tap) at (x, y) in device pixels, as the
// shell saw it. The browser shell reports clicks from DOM events, which
// catch a press and release that fall between two frames; once a shell
// calls it, the app stops detecting clicks itself.
func (a *App) ClickAt(x, y float64, shift bool) {
	a.gestures.ExternalClicks = true
	a.apply(a.gestures.ClickAt(x, y, shift))
}

// SetPointerOver is the shell's report that the pointer left the map (onto
// a panel over it, say) or came back. Ebitengine goes on reporting the last
// position it saw on its canvas; while the pointer is away nothing is
// hovered.
func (a *App) SetPointerOver(over bool) {
	a.pointerOut = !over
	if !over {
		a.updateHover(-1, -1)
	}
}

// SetTheme changes the look.
func (a *App) SetTheme(t *style.Theme) {
	a.theme = t
	a.dirty = true
}

// Theme is the current look.
func (a *App) Theme() *style.Theme { return a.theme }

// SetHighlight makes ids stand out (outlined, enlarged) besides the
// selection.
func (a *App) SetHighlight(ids []string) {
	a.highlight = ids
	a.Invalidate()
}

// SetReserved tells the app which parts of the screen (device pixels) the
// shell covers with its own panels, so that labels keep out of them. Only
// the labels are placed anew: the map under them stays as it is (a panel
// that opens or closes costs no drawing).
func (a *App) SetReserved(boxes []orb.Bound) {
	if slices.Equal(boxes, a.reserved) {
		return
	}
	a.reserved = boxes
	if a.frame != nil {
		a.placeLabels()
		a.dirty = true
	}
}

// placeLabels places the exact frame's labels for the current hover, clear
// of the reserved boxes, the overlay and the attribution.
func (a *App) placeLabels() {
	a.frame.Hover = a.hover
	keepOut := a.reserved
	if a.chrome != nil {
		keepOut = append(slices.Clip(keepOut), a.chrome.keepOut()...)
	}
	a.frame.PlaceLabels(a.measure, keepOut...)
}

// Invalidate asks for the map to be drawn anew (a shell's overlay
// changed); see cache for how a drawing is spread over frames.
func (a *App) Invalidate() {
	a.dirty = true
	a.gen++
}

// Flying reports whether a flight is under way.
func (a *App) Flying() bool { return a.flight != nil }

// fly advances the flight by dt, the frame's time step (not the clock's,
// so that a recorded session replays the same flight: see interact); the
// last step lands exactly on the target.
func (a *App) fly(dt time.Duration) {
	a.flightT += dt
	t := float64(a.flightT) / float64(a.flight.Duration())
	v := a.flight.At(t)
	if t >= 1 {
		a.flight = nil
	}
	// The flight moves the camera only: the selection, layers and date
	// were set when it began (FlyTo), and what changed since (Escape or a
	// click on the way) stays.
	a.view.Center, a.view.Zoom = v.Center, v.Zoom
	a.syncCamera()
	a.viewChanged()
}

// Select selects id ("" clears the selection).
func (a *App) Select(id string) {
	if a.view.Sel == id {
		return
	}
	a.view.Sel = id
	a.dirty = true
	for _, f := range a.onSelect {
		f()
	}
}

// OnSelect registers fn to run after the selection changes.
func (a *App) OnSelect(fn func()) { a.onSelect = append(a.onSelect, fn) }

// OnView registers fn to run after the camera moves.
func (a *App) OnView(fn func()) { a.onView = append(a.onView, fn) }

// OnHover registers fn to run after the id under the pointer changes.
func (a *App) OnHover(fn func()) { a.onHover = append(a.onHover, fn) }

// Frame is the last frame drawn (nil before the first).
func (a *App) Frame() *layout.Frame { return a.frame }

// OnFirstFrame registers fn to run at the end of the first Draw that
// draws the map; Ebitengine sends that frame to the GPU after Draw returns.
func (a *App) OnFirstFrame(fn func()) { a.onFirstFrame = fn }

// Frames is the number of frames actually drawn since start.
func (a *App) Frames() int { return a.frames }

// FullFrames is how many times the map was drawn in full (a drawing may
// take a few frames; the others show the cache moved; see cache).
func (a *App) FullFrames() int { return a.fullFrames }

// Hover is the id under the pointer.
func (a *App) Hover() string { return a.hover }

// Layout implements ebiten.Game; Ebitengine calls LayoutF instead.
func (a *App) Layout(w, h int) (int, int) {
	dw, dh := a.LayoutF(float64(w), float64(h))
	return int(dw), int(dh)
}

// LayoutF lays the screen out in device pixels, so lines and text stay
// crisp on HiDPI screens.
func (a *App) LayoutF(w, h float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		s = 1
	}
	dw, dh := math.Ceil(w*s), math.Ceil(h*s)
	if dw != a.w || dh != a.h || s != a.ratio {
		a.w, a.h, a.ratio = dw, dh, s
		a.gestures.W, a.gestures.H, a.gestures.Ratio = dw, dh, s
		a.syncCamera()
		a.dirty = true
	}
	return dw, dh
}

func (a *App) syncCamera() {
	a.cam = view.NewCamera(a.view, geo.WebMercator, a.w, a.h, a.ratio)
}

// changed records a move of the camera: the view follows it.
func (a *App) changed(moved bool) {
	a.dirty = true
	if moved {
		a.view = a.cam.View(a.view)
		a.viewChanged()
	}
}

// viewChanged tells the listeners that the view changed.
func (a *App) viewChanged() {
	a.dirty = true
	for _, f := range a.onView {
		f()
	}
}

// Update samples the input and does what it asks for.
func (a *App) Update() error {
	if a.w == 0 {
		return nil
	}
	a.Step(a.sample())
	return nil
}

// maxStep bounds a time step: after a stall (a hidden tab, a long frame)
// a flight or a glide goes on from where it was rather than jumping.
const maxStep = 0.25

// sample reads this frame's input from Ebitengine.
func (a *App) sample() interact.Input {
	cx, cy := ebiten.CursorPosition()
	_, wy := ebiten.Wheel()
	// The time step is the time since the last update, as the clock has
	// it: flights take their time however many updates a slow browser
	// runs, and a recording keeps the steps its replay needs.
	now := time.Now()
	dt := 1 / float64(ebiten.TPS())
	if !a.lastUpdate.IsZero() {
		dt = min(now.Sub(a.lastUpdate).Seconds(), maxStep)
	}
	a.lastUpdate = now
	in := interact.Input{DT: dt, X: float64(cx), Y: float64(cy), Left: ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft), Wheel: wy}
	a.touchIDs = ebiten.AppendTouchIDs(a.touchIDs[:0])
	for _, id := range a.touchIDs {
		x, y := ebiten.TouchPosition(id)
		in.Touches = append(in.Touches, interact.Touch{ID: int(id), X: float64(x), Y: float64(y)})
	}
	for _, k := range inpututil.AppendPressedKeys(nil) {
		in.Keys = append(in.Keys, k.String())
	}
	return in
}

// Step does one frame's input: the gestures it makes move the map, unless
// a flight is under way and nothing takes the camera from it; the keys
// pressed go to OnKey's functions. (Update steps Ebitengine's input; tests
// and replays step their own.)
func (a *App) Step(in interact.Input) {
	if a.record != nil {
		a.record(in)
	}
	a.input = in
	acts := a.gestures.Step(in)
	if a.flight != nil {
		if !slices.ContainsFunc(acts, func(act interact.Action) bool { return act.Kind == interact.Stop }) {
			a.fly(time.Duration(in.DT * float64(time.Second)))
			acts = slices.DeleteFunc(acts, func(act interact.Action) bool { return act.Kind != interact.Press })
		} else {
			a.flight = nil
		}
	}
	for _, act := range acts {
		a.apply(act)
	}
}

// apply does one action: hovering and keys here, the map's moves and
// selections as interact.Move says (a click on a desktop panel is the
// panel's).
func (a *App) apply(act interact.Action) {
	switch act.Kind {
	case interact.Hover:
		a.updateHover(act.X, act.Y)
		return
	case interact.Press:
		for _, f := range a.onKey {
			f(act.Key)
		}
		return
	case interact.Click:
		if a.chrome != nil && a.chrome.click(act.X, act.Y) {
			return
		}
	}
	v, cam, moved := interact.Move(a.view, a.cam, act, a.Pick)
	if moved {
		a.cam = cam
		a.changed(true)
	}
	a.Select(v.Sel)
}

// OnKey registers fn to run with each key pressed (named as interact
// names keys), besides what the key does to the map.
func (a *App) OnKey(fn func(key string)) { a.onKey = append(a.onKey, fn) }

// ReserveKeys gives keys to someone else (a presentation's): they move
// the map no more, and only go to OnKey's functions.
func (a *App) ReserveKeys(reserved func(key string) bool) { a.gestures.Reserved = reserved }

// Record sends each frame's input, as sampled, to fn (the desktop's
// --record).
func (a *App) Record(fn func(interact.Input)) { a.record = fn }

// Pick is what the frame drawn shows at device pixels (x, y) of the
// screen now (the camera may have moved since it was drawn); "" for
// nothing.
func (a *App) Pick(x, y float64) string {
	if a.frame == nil {
		return ""
	}
	return a.frame.Pick(a.toFrame(x, y))
}

func (a *App) updateHover(x, y float64) {
	if a.pointerOut || x < 0 || y < 0 || x >= a.w || y >= a.h {
		x, y = -1, -1
	}
	if x == a.lastX && y == a.lastY && a.frame != nil {
		return
	}
	a.lastX, a.lastY = x, y
	h := ""
	if x >= 0 {
		h = a.Pick(x, y)
	}
	if a.chrome != nil {
		if a.chrome.over(x, y) {
			h = "" // over a panel, not the map
		} else if h != "" {
			a.dirty = true // the tooltip follows the pointer
		}
	}
	if h != a.hover {
		a.hover = h
		a.dirty = true // its marks are drawn over the map (see show)
		if a.frame != nil {
			a.placeLabels() // its label first, in bold
		}
		for _, f := range a.onHover {
			f()
		}
	}
}

// Draw draws the map when something changed; otherwise the screen keeps
// the last frame (the shells turn off per-frame clearing). While only the
// camera moves it shows the cache moved (see cache).
func (a *App) Draw(screen *ebiten.Image) {
	moving := a.cam != a.lastCam
	a.motion.frame(time.Now(), moving)
	if !a.needsDraw() {
		return
	}
	a.dirty, a.lastCam = false, a.cam
	a.c.unfiltered = moving && a.motion.slow
	a.update(moving)
	a.c.img2scr, a.c.frame2scr = a.placed(a.c.imgCam), a.placed(a.c.scrCam)
	if a.chrome != nil {
		a.chrome.sync()
	}
	// A moving frame (no hover marks, nothing over the map, no capture
	// waiting) is drawn in DrawFinalScreen; a pixel cleared here tells
	// Ebitengine that a frame is coming.
	a.direct = moving && a.chrome == nil && len(a.captures) == 0
	if a.direct {
		screen.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image).Clear()
	} else {
		a.show(screen, moving)
	}
	if a.chrome != nil {
		a.chrome.draw(screen)
	}
	a.frames++
	if a.frames == 1 && a.onFirstFrame != nil {
		a.onFirstFrame()
	}
	if len(a.captures) > 0 && a.c.job == nil {
		img := image.NewRGBA(screen.Bounds())
		screen.ReadPixels(img.Pix)
		for _, f := range a.captures {
			f(img)
		}
		a.captures = nil
	}
}

// DrawFinalScreen implements ebiten.FinalScreenDrawer. Ebitengine draws a
// game on an image of its own (offscreen) and copies that onto the
// screen, which in the browser is a whole-screen pass through SwiftShader
// each frame, as costly as the map's own copy of its cache (in a bare
// WebGL page, each such copy took 41 → 24 → 16 fps from 60). While the
// camera moves (direct), the map is drawn straight onto the final screen
// instead: the cache moved and its labels, which is all a moving frame
// shows. Still frames go through offscreen as Ebitengine would draw them.
func (a *App) DrawFinalScreen(screen ebiten.FinalScreen, offscreen *ebiten.Image, geoM ebiten.GeoM) {
	identity := geoM == ebiten.GeoM{} && screen.Bounds() == offscreen.Bounds()
	if a.direct && identity {
		a.showMap(screen)
		a.showLabels(screen)
		return
	}
	if a.direct { // a screen scaled to the window: no direct path
		a.show(offscreen, true)
	}
	// Ebitengine's own copy: exact at whole scales, filtered when it
	// shrinks; an upscale by a fraction (which LayoutF's device pixels
	// do not ask for) is filtered too, where Ebitengine uses a shader of
	// its own.
	op := &ebiten.DrawImageOptions{GeoM: geoM}
	if sx := geoM.Element(0, 0); sx != math.Floor(sx) {
		op.Filter = ebiten.FilterLinear
	}
	screen.DrawImage(offscreen, op)
}

// Capture calls fn with the screen as the next frame shows it once the
// drawing under way is done (the page prints it on a static host).
func (a *App) Capture(fn func(*image.RGBA)) {
	a.captures = append(a.captures, fn)
	a.dirty = true
}
