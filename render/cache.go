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
// transforming and uploading every vertex. The map is drawn in full again
// when the move leaves the margin, the scale drifts past maxBlitScale,
// anything but the camera changes, or the camera comes to rest, so a still
// map is always exact.
type cache struct {
	img    *ebiten.Image
	mx, my float64     // margin, device pixels
	cam    view.Camera // the screen camera of the last full draw
	key    contentKey
	// Where the last full frame is on screen now: screen = s·p + (ox, oy).
	s, ox, oy float64
}

const (
	cacheMargin  = 0.25 // of the screen's width and height, on each side
	maxBlitScale = 1.3  // largest scale (or 1/scale) a cached frame is shown at
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
// changed, or the camera came to rest on a frame that was only a moved
// copy of the cache.
func (a *App) needsDraw() bool { return a.dirty || a.c.img != nil && a.c.cam != a.cam }

// blitTransform is where the last full frame lies on screen for the
// current camera.
func (a *App) blitTransform() (s, ox, oy float64) {
	s = a.cam.Scale / a.c.cam.Scale
	ox, oy = a.cam.WorldToScreen(a.c.cam.ScreenToWorld(0, 0))
	return s, ox, oy
}

// canBlit reports whether the cache, moved and scaled, still covers the
// screen for the current camera with the same content.
func (a *App) canBlit() bool {
	if a.c.img == nil || a.frame == nil || a.c.key != a.contentKey() {
		return false
	}
	s, ox, oy := a.blitTransform()
	if s > maxBlitScale || s < 1/maxBlitScale {
		return false
	}
	return ox-a.c.mx*s <= 0 && oy-a.c.my*s <= 0 && ox+(a.w+a.c.mx)*s >= a.w && oy+(a.h+a.c.my)*s >= a.h
}

// drawFull builds the frame for the cache's camera, draws it into the
// cache, then shows the cache and the labels on screen.
func (a *App) drawFull(screen *ebiten.Image) {
	mx := math.Floor(math.Min(a.w*cacheMargin, math.Max(0, (maxTexture-a.w)/2)))
	my := math.Floor(math.Min(a.h*cacheMargin, math.Max(0, (maxTexture-a.h)/2)))
	cw, ch := int(a.w+2*mx), int(a.h+2*my)
	if a.c.img == nil || a.c.img.Bounds().Dx() != cw || a.c.img.Bounds().Dy() != ch {
		if a.c.img != nil {
			a.c.img.Deallocate()
		}
		a.c.img = ebiten.NewImageWithOptions(image.Rect(0, 0, cw, ch), &ebiten.NewImageOptions{Unmanaged: true})
	}
	a.c.mx, a.c.my = mx, my
	big := a.cam
	big.W, big.H = float64(cw), float64(ch)
	f := layout.Build(a.prep, a.view, big, a.theme, a.hover, a.measure, a.highlight...)
	labels := f.Labels
	f.Labels = nil
	a.drawer.Draw(a.c.img, f)
	f.Labels = labels
	f.Shift(-mx, -my, a.cam)
	f.PlaceLabels(a.measure, a.reserved...)
	a.frame = f
	a.c.cam, a.c.key = a.cam, a.contentKey()
	a.c.s, a.c.ox, a.c.oy = 1, 0, 0
	a.fullFrames++
	a.show(screen)
}

// show draws the cache and the labels where the last full frame lies now.
func (a *App) show(screen *ebiten.Image) {
	s, ox, oy := a.c.s, a.c.ox, a.c.oy
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(-a.c.mx, -a.c.my)
	op.GeoM.Scale(s, s)
	op.GeoM.Translate(ox, oy)
	if s != 1 {
		op.Filter = ebiten.FilterLinear
	}
	screen.DrawImage(a.c.img, op)
	for _, l := range a.frame.Labels {
		cx, cy := ox+s*(l.X+l.W/2), oy+s*(l.Y+l.H/2)
		l.X, l.Y = cx-l.W/2, cy-l.H/2
		a.drawer.drawLabel(screen, l, a.ratio)
	}
}

// blit shows the cache for the current camera.
func (a *App) blit(screen *ebiten.Image) {
	a.c.s, a.c.ox, a.c.oy = a.blitTransform()
	a.show(screen)
}

// toFrame maps a screen point to the last full frame's coordinates (they
// differ while a moved copy of the cache is on screen).
func (a *App) toFrame(x, y float64) (float64, float64) {
	if a.c.img == nil || a.c.s == 0 {
		return x, y
	}
	return (x - a.c.ox) / a.c.s, (y - a.c.oy) / a.c.s
}
