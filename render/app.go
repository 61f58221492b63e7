package render

import (
	"math"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// Tuning of the navigation feel.
const (
	dragThreshold = 4.0                    // CSS px a press may move and still be a click
	doubleClick   = 350 * time.Millisecond // longest gap between the clicks of a double-click
	inertiaDecay  = 5.0                    // per second: how fast a flung map slows down
	inertiaMin    = 0.5                    // CSS px per frame below which the glide stops
	keyPan        = 80.0                   // CSS px an arrow key moves the map
	wheelZoom     = 1.0 / 3                // zoom levels per wheel notch
)

// App is the map as an ebiten.Game: it keeps the view, turns input into
// actions, and draws only when something changed.
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
	lastCam view.Camera // the camera of the last frame
	c       cache
	gen     int // see contentKey

	// pointer state
	pressed                   bool
	pressX, pressY            float64
	lastX, lastY              float64
	dragging                  bool
	vx, vy                    float64 // glide velocity, device px per frame
	lastClick                 time.Time
	lastClickX                float64
	lastClickY                float64
	touchIDs                  []ebiten.TouchID
	pinchDist                 float64
	pinchMidX                 float64
	pinchMidY                 float64
	touchMoved                bool
	touchStartX               float64
	touchStartY               float64
	panels                    *panels     // desktop only: panels drawn by Ebitengine
	overlay                   *overlay    // desktop only: the legend over a corner
	days                      *days       // desktop only: the timeline's days (see StepDate), made on first use
	externalClicks            bool        // the shell reports clicks (see ClickAt)
	pointerOut                bool        // the shell says the pointer is off the map (see SetPointerOver)
	highlight                 []string    // ids to stand out besides the selection
	reserved                  []orb.Bound // screen boxes the shell covers: labels keep out
	flight                    *view.Flight
	flightStart               time.Time
	now                       func() time.Time // the clock flights run on
	frames, fullFrames        int
	onSelect, onView, onHover []func()
	onFirstFrame              func()
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
	return &App{prep: p, theme: &style.Light, measure: m, drawer: d, view: view.Clamp(v), ratio: 1, dirty: true, now: time.Now}, nil
}

// View returns the current view.
func (a *App) View() view.View { return a.view }

// SetView moves to v at once (no animation), layers, selection and date
// included.
func (a *App) SetView(v view.View) {
	a.flight = nil
	oldSel := a.view.Sel
	a.view = view.Clamp(v)
	a.vx, a.vy = 0, 0
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
	a.flight, a.flightStart = &f, a.now()
	a.vx, a.vy = 0, 0
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
	a.externalClicks = true
	a.click(x, y, shift)
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
	if b, ok := a.OverlayBox(); ok {
		keepOut = append(slices.Clip(keepOut), b)
		a.overlay.placed = b
	} else if a.overlay != nil {
		a.overlay.placed = orb.Bound{}
	}
	if b, _, ok := a.attribution(); ok {
		keepOut = append(slices.Clip(keepOut), b)
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

// fly advances the flight; the last step lands exactly on the target.
func (a *App) fly() {
	t := float64(a.now().Sub(a.flightStart)) / float64(a.flight.Duration())
	v := a.flight.At(t)
	if t >= 1 {
		a.flight = nil
	}
	a.view = v
	a.syncCamera()
	a.viewChanged()
}

// interrupted reports input that takes the camera from a flight.
func (a *App) interrupted() bool {
	_, wy := ebiten.Wheel()
	if wy != 0 || inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) || len(ebiten.AppendTouchIDs(nil)) > 0 {
		return true
	}
	for _, k := range []ebiten.Key{ebiten.KeyArrowLeft, ebiten.KeyArrowRight, ebiten.KeyArrowUp, ebiten.KeyArrowDown, ebiten.KeyEqual, ebiten.KeyMinus} {
		if inpututil.IsKeyJustPressed(k) {
			return true
		}
	}
	return false
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

// Update turns input into actions.
func (a *App) Update() error {
	if a.w == 0 {
		return nil
	}
	if a.flight != nil {
		if !a.interrupted() {
			a.fly()
			return nil
		}
		a.flight = nil
	}
	a.handleKeys()
	a.handleWheel()
	if !a.handleTouches() {
		a.handleMouse()
	}
	if !a.pressed && (a.vx != 0 || a.vy != 0) {
		a.cam = a.cam.PanBy(a.vx, a.vy)
		decay := math.Exp(-inertiaDecay / float64(ebiten.TPS()))
		a.vx, a.vy = a.vx*decay, a.vy*decay
		if math.Hypot(a.vx, a.vy) < inertiaMin*a.ratio {
			a.vx, a.vy = 0, 0
		}
		a.changed(true)
	}
	return nil
}

func (a *App) handleKeys() {
	step := keyPan * a.ratio
	pans := map[ebiten.Key][2]float64{
		ebiten.KeyArrowLeft: {step, 0}, ebiten.KeyArrowRight: {-step, 0},
		ebiten.KeyArrowUp: {0, step}, ebiten.KeyArrowDown: {0, -step},
	}
	for k, d := range pans {
		if inpututil.IsKeyJustPressed(k) || inpututil.KeyPressDuration(k) > 15 {
			a.cam = a.cam.PanBy(d[0], d[1])
			a.changed(true)
		}
	}
	zoom := 0.0
	for _, k := range []ebiten.Key{ebiten.KeyEqual, ebiten.KeyNumpadAdd} {
		if inpututil.IsKeyJustPressed(k) {
			zoom = 1
		}
	}
	for _, k := range []ebiten.Key{ebiten.KeyMinus, ebiten.KeyNumpadSubtract} {
		if inpututil.IsKeyJustPressed(k) {
			zoom = -1
		}
	}
	if zoom != 0 {
		// Around the pointer when it is over the map, else the centre.
		cx, cy := ebiten.CursorPosition()
		x, y := float64(cx), float64(cy)
		if x <= 0 || y <= 0 || x >= a.w || y >= a.h {
			x, y = a.w/2, a.h/2
		}
		a.cam = a.cam.ZoomAt(zoom, x, y)
		a.changed(true)
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyEscape) {
		a.Select("")
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter) {
		a.Select(a.pick(a.w/2, a.h/2)) // what is at the centre, where the arrows brought it
	}
}

func (a *App) handleWheel() {
	_, wy := ebiten.Wheel()
	if wy == 0 {
		return
	}
	x, y := ebiten.CursorPosition()
	dz := math.Max(-1, math.Min(1, wy*wheelZoom))
	a.cam = a.cam.ZoomAt(dz, float64(x), float64(y))
	a.vx, a.vy = 0, 0
	a.changed(true)
}

func (a *App) handleMouse() {
	cx, cy := ebiten.CursorPosition()
	x, y := float64(cx), float64(cy)
	switch {
	case inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft):
		a.pressed, a.dragging = true, false
		a.pressX, a.pressY, a.lastX, a.lastY = x, y, x, y
		a.vx, a.vy = 0, 0
	case a.pressed && ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft):
		if !a.dragging && math.Hypot(x-a.pressX, y-a.pressY) > dragThreshold*a.ratio {
			a.dragging = true
		}
		if a.dragging && (x != a.lastX || y != a.lastY) {
			dx, dy := x-a.lastX, y-a.lastY
			a.cam = a.cam.PanBy(dx, dy)
			a.vx, a.vy = 0.6*dx+0.4*a.vx, 0.6*dy+0.4*a.vy
			a.changed(true)
		} else if a.dragging {
			a.vx, a.vy = a.vx*0.5, a.vy*0.5 // held still: no fling
		}
		a.lastX, a.lastY = x, y
	case a.pressed:
		a.pressed = false
		if !a.dragging {
			a.vx, a.vy = 0, 0
			if !a.externalClicks {
				a.click(x, y, ebiten.IsKeyPressed(ebiten.KeyShift))
			}
		}
	default:
		a.updateHover(x, y)
	}
}

// click selects what is under (x, y); a second click soon after, close by,
// zooms in there (out with Shift).
func (a *App) click(x, y float64, shift bool) {
	now := time.Now()
	if now.Sub(a.lastClick) < doubleClick && math.Hypot(x-a.lastClickX, y-a.lastClickY) < 2*dragThreshold*a.ratio {
		dz := 1.0
		if shift {
			dz = -1
		}
		a.cam = a.cam.ZoomAt(dz, x, y)
		a.lastClick = time.Time{}
		a.changed(true)
		return
	}
	a.lastClick, a.lastClickX, a.lastClickY = now, x, y
	if a.panelClick(x, y) {
		return
	}
	a.Select(a.pick(x, y))
}

func (a *App) pick(x, y float64) string {
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
		h = a.pick(x, y)
	}
	if a.overPanel(x, y) {
		h = "" // over the panel, not the map
	}
	if a.panels != nil && h != "" {
		a.dirty = true // the tooltip follows the pointer
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

// handleTouches: one finger pans (a tap selects), two fingers pinch-zoom
// and pan. It reports whether touches are in use.
func (a *App) handleTouches() bool {
	a.touchIDs = ebiten.AppendTouchIDs(a.touchIDs[:0])
	justReleased := len(inpututil.AppendJustReleasedTouchIDs(nil)) > 0
	switch len(a.touchIDs) {
	case 0:
		if justReleased && !a.touchMoved && !a.externalClicks {
			a.click(a.lastX, a.lastY, false)
		}
		if justReleased {
			a.pinchDist = 0
			return true
		}
		return false
	case 1:
		tx, ty := ebiten.TouchPosition(a.touchIDs[0])
		x, y := float64(tx), float64(ty)
		if inpututil.IsTouchJustReleased(a.touchIDs[0]) || a.pinchDist > 0 || len(inpututil.AppendJustPressedTouchIDs(nil)) > 0 {
			if a.pinchDist == 0 {
				a.touchMoved = false
				a.touchStartX, a.touchStartY = x, y
			}
			a.pinchDist = 0
		} else if math.Hypot(x-a.touchStartX, y-a.touchStartY) > dragThreshold*a.ratio || a.touchMoved {
			a.touchMoved = true
			a.cam = a.cam.PanBy(x-a.lastX, y-a.lastY)
			a.changed(true)
		}
		a.lastX, a.lastY = x, y
	default:
		x0, y0 := ebiten.TouchPosition(a.touchIDs[0])
		x1, y1 := ebiten.TouchPosition(a.touchIDs[1])
		mx, my := float64(x0+x1)/2, float64(y0+y1)/2
		dist := math.Hypot(float64(x1-x0), float64(y1-y0))
		if a.pinchDist > 0 && dist > 0 {
			a.cam = a.cam.PanBy(mx-a.pinchMidX, my-a.pinchMidY)
			a.cam = a.cam.ZoomAt(math.Log2(dist/a.pinchDist), mx, my)
			a.changed(true)
		}
		a.pinchDist, a.pinchMidX, a.pinchMidY = dist, mx, my
		a.touchMoved = true
	}
	return true
}

// Draw draws the map when something changed; otherwise the screen keeps
// the last frame (the shells turn off per-frame clearing). While only the
// camera moves it shows the cache moved (see cache).
func (a *App) Draw(screen *ebiten.Image) {
	if !a.needsDraw() {
		return
	}
	moving := a.cam != a.lastCam
	a.dirty, a.lastCam = false, a.cam
	a.update(moving)
	a.syncOverlay()
	a.show(screen, moving)
	a.drawOverlay(screen)
	if a.panels != nil {
		a.drawPanels(screen)
	}
	a.frames++
	if a.frames == 1 && a.onFirstFrame != nil {
		a.onFirstFrame()
	}
}
