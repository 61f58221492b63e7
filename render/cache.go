package render

import (
	"image"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// The map is drawn in full — everything but the labels — into a cache
// image a margin larger than the screen on each side. While only the
// camera moves, a frame shows that image moved and scaled and draws the
// labels on top, so a pan or a zoom costs one image copy instead of
// transforming and uploading every vertex. When the move leaves the
// margin or the scale drifts past maxBlitScale, the cache is drawn again
// — at half resolution while the camera keeps moving, which costs a
// quarter of the pixels, with the labels of the last exact frame moving
// along. Anything but the camera changing, or the camera coming to rest,
// gets an exact frame, so a still map is always sharp and fully labelled.
type cache struct {
	img    *ebiten.Image
	imgCam view.Camera // the camera the image was drawn with (its screen is the whole image)
	res    float64     // image pixels per device pixel: 1, or moveRes
	scrCam view.Camera // the screen camera of the last exact frame (a.frame)
	key    contentKey
	// Where the image and the exact frame are on screen now:
	// screen = s·p + (x, y).
	img2scr, frame2scr affine
}

// affine is a scale and a translation.
type affine struct{ s, x, y float64 }

const (
	cacheMargin  = 0.25 // of the screen's width and height, on each side
	maxBlitScale = 1.3  // largest scale (or 1/scale) a cached image is shown at
	moveRes      = 0.5  // resolution of the images drawn while the camera moves
	maxTexture   = 4096 // the cache must fit a texture everywhere WebGL runs
)

// contentKey is everything besides the camera that a frame depends on.
type contentKey struct {
	layers, sel, date, article, hover string
	scene                             int
	theme                             *style.Theme
	gen                               int // bumped by SetHighlight, SetReserved, Invalidate
	w, h, ratio                       float64
}

func (a *App) contentKey() contentKey {
	v := a.view
	return contentKey{
		layers: strings.Join(v.Layers, ","), sel: v.Sel, date: string(v.Date), article: v.Article, hover: a.hover,
		scene: v.Scene, theme: a.theme, gen: a.gen, w: a.w, h: a.h, ratio: a.ratio,
	}
}

// needsDraw reports whether the next Draw paints anything: something
// changed, or the camera came to rest on a frame that is not exact.
func (a *App) needsDraw() bool {
	return a.dirty || a.c.img != nil && (a.c.scrCam != a.cam || a.c.res != 1)
}

// placed is where something drawn for camera c lies on screen now.
func (a *App) placed(c view.Camera) affine {
	x, y := a.cam.WorldToScreen(c.ScreenToWorld(0, 0))
	return affine{a.cam.Scale / c.Scale, x, y}
}

// canBlit reports whether the cache, moved and scaled, still covers the
// screen for the current camera with the same content.
func (a *App) canBlit() bool {
	if a.c.img == nil || a.frame == nil || a.c.key != a.contentKey() {
		return false
	}
	t := a.placed(a.c.imgCam)
	if q := t.s * a.c.res; q > maxBlitScale || q < 1/maxBlitScale {
		return false
	}
	return t.x <= 0 && t.y <= 0 && t.x+a.c.imgCam.W*t.s >= a.w && t.y+a.c.imgCam.H*t.s >= a.h
}

// drawCache builds the frame for a camera a margin larger than the
// screen, at resolution res, and draws it into the cache. An exact frame
// (res 1) also becomes the frame of the screen: its labels are placed
// and it answers picking. The very first frame has no margin: it is
// drawn sooner, and the first move draws one with margins.
func (a *App) drawCache(res float64) {
	margin := cacheMargin
	if a.fullFrames == 0 {
		margin = 0
	}
	mx := math.Floor(math.Min(a.w*margin, math.Max(0, (maxTexture-a.w)/2)))
	my := math.Floor(math.Min(a.h*margin, math.Max(0, (maxTexture-a.h)/2)))
	cw, ch := int(math.Ceil((a.w+2*mx)*res)), int(math.Ceil((a.h+2*my)*res))
	if a.c.img == nil || a.c.img.Bounds().Dx() < cw || a.c.img.Bounds().Dy() < ch {
		if a.c.img != nil {
			a.c.img.Deallocate()
		}
		a.c.img = ebiten.NewImageWithOptions(image.Rect(0, 0, cw, ch), &ebiten.NewImageOptions{Unmanaged: true})
	}
	cam := a.cam
	cam.W, cam.H = float64(cw), float64(ch)
	cam.Scale *= res
	cam.Ratio *= res // lines and symbols keep their size on screen
	f := layout.Build(a.prep, a.view, cam, a.theme, a.hover, a.highlight...)
	a.drawer.Draw(a.c.img.SubImage(image.Rect(0, 0, cw, ch)).(*ebiten.Image), f) // no labels yet

	a.c.imgCam, a.c.res, a.c.key = cam, res, a.contentKey()
	a.fullFrames++
	if res != 1 {
		return
	}
	f.Shift(-mx, -my, a.cam)
	f.PlaceLabels(a.measure, a.reserved...)
	a.frame, a.c.scrCam = f, a.cam
}

// show draws the cache and the exact frame's labels where they lie now.
func (a *App) show(screen *ebiten.Image) {
	a.c.img2scr, a.c.frame2scr = a.placed(a.c.imgCam), a.placed(a.c.scrCam)
	t := a.c.img2scr
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(t.s, t.s)
	op.GeoM.Translate(t.x, t.y)
	if t.s != 1 {
		op.Filter = ebiten.FilterLinear
	}
	sub := a.c.img.SubImage(image.Rect(0, 0, int(a.c.imgCam.W), int(a.c.imgCam.H))).(*ebiten.Image)
	screen.DrawImage(sub, op)
	l2s := a.c.frame2scr
	moving := l2s != affine{1, 0, 0}
	for _, l := range a.frame.Labels {
		cx, cy := l2s.x+l2s.s*(l.X+l.W/2), l2s.y+l2s.s*(l.Y+l.H/2)
		l.X, l.Y = cx-l.W/2, cy-l.H/2
		a.drawer.drawLabel(screen, l, a.ratio, moving)
	}
}

// toFrame maps a screen point to the exact frame's coordinates (they
// differ while a moved copy of the cache is on screen).
func (a *App) toFrame(x, y float64) (float64, float64) {
	t := a.c.frame2scr
	if t.s == 0 {
		return x, y
	}
	return (x - t.x) / t.s, (y - t.y) / t.s
}
