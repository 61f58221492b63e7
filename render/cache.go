package render

import (
	"image"
	"iter"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// The map is drawn in full — everything but the labels — into a cache
// image a margin larger than the screen on each side, and a frame shows
// that image moved and scaled, with the labels of the last exact drawing
// on top: a pan or a zoom costs one image copy instead of transforming and
// uploading every vertex.
//
// A new image is drawn into a second one, a few draw calls per frame (at
// most about frameVertices vertices), while the screen keeps showing the
// first: no frame pays for a whole drawing, and the vertices Ebitengine
// queues per frame stay bounded, which keeps its buffers (and the heap)
// from growing with the largest view ever shown. A drawing starts when the
// content changes, when a moving camera nears the edge of the margin or
// drifts in scale (it is then drawn at half resolution, a quarter of the
// pixels), and when the camera comes to rest on an image that is not
// exact. A drawing that changes what the map shows is always finished,
// so continuous changes cannot starve the screen; the next one starts from
// the state of that moment. A drawing that only sharpens is dropped when
// the content changes under it. Only the very first image is drawn at
// once.
type cache struct {
	img    *ebiten.Image
	imgCam view.Camera // the camera the image was drawn with (its screen is the whole image)
	res    float64     // image pixels per device pixel: 1, or moveRes
	scrCam view.Camera // the screen camera of the last exact drawing (a.frame)
	key    contentKey
	back   *ebiten.Image // the image the next drawing goes into
	job    *job          // the drawing under way
	// Where the image and the exact frame are on screen now:
	// screen = s·p + (x, y).
	img2scr, frame2scr affine
	unfiltered         bool // this frame shows the image unfiltered (see motion)
}

// job is a drawing of the cache under way, into the back image.
type job struct {
	img         *ebiten.Image
	cam, scrCam view.Camera // the image's camera, and the screen's when it started
	res         float64
	key         contentKey
	f           *layout.Frame
	mx, my      float64 // the margins, in screen pixels
	next        func() (int, bool)
	stop        func()
	sharpens    bool // the screen shows this content already, coarser or moved
}

// affine is a scale and a translation.
type affine struct{ s, x, y float64 }

const (
	cacheMargin   = 0.25    // of the screen's width and height, on each side
	redrawScale   = 1.2     // scale past which a moving camera starts a new image
	moveRes       = 0.5     // resolution of the images drawn while the camera moves
	maxTexture    = 4096    // the cache must fit a texture everywhere WebGL runs
	frameVertices = 1 << 16 // vertices a frame spends on a drawing (it ends a step past it)
	smallVertices = 1 << 14 // the same while the camera moves, or for a drawing that only sharpens
	firstImagePx  = 1       // how far off, in screen pixels, the boundaries of the first image may be
)

// contentKey is everything besides the camera that a frame depends on.
type contentKey struct {
	layers, sel, date, article string
	scene                      int
	theme                      *style.Theme
	gen                        int  // bumped by SetHighlight and Invalidate
	coarse                     bool // drawn a level of detail coarser than its zoom asks for
	w, h, ratio                float64
	geom                       *layout.Geometry // the boundaries the camera asks for (Prepared.For)
}

// sameContent reports whether k and o differ at most in the level of
// detail: an image for o only sharpens one for k.
func (k contentKey) sameContent(o contentKey) bool {
	k.coarse = o.coarse
	return k == o
}

func (a *App) contentKey() contentKey {
	v := a.view
	return contentKey{
		layers: strings.Join(v.Layers, ","), sel: v.Sel, date: string(v.Date), article: v.Article,
		scene: v.Scene, theme: a.theme, gen: a.gen, w: a.w, h: a.h, ratio: a.ratio,
		geom: a.prep.For(a.cam),
	}
}

// needsDraw reports whether the next Draw paints anything: something
// changed, a drawing is under way, the camera came to rest on an image
// that is not exact, or the image's boundaries are not those the camera
// now asks for (their detail has arrived).
func (a *App) needsDraw() bool {
	return a.dirty || a.c.job != nil || a.c.img != nil && (a.c.scrCam != a.cam || a.c.res != 1 || a.c.key.geom != a.prep.For(a.cam))
}

// placed is where something drawn for camera c lies on screen now.
func (a *App) placed(c view.Camera) affine {
	x, y := a.cam.WorldToScreen(c.ScreenToWorld(0, 0))
	return affine{a.cam.Scale / c.Scale, x, y}
}

// covers reports whether an image drawn for camera c at resolution res,
// moved and scaled to the current camera, is shown at a scale within
// maxScale (or 1/maxScale) and covers the screen with inset (a fraction
// of the margin) to spare on each side.
func (a *App) covers(c view.Camera, res, maxScale, inset float64) bool {
	t := a.placed(c)
	if q := t.s * res; q > maxScale || q < 1/maxScale {
		return false
	}
	mx, my := inset*cacheMargin*a.w, inset*cacheMargin*a.h
	return t.x <= -mx && t.y <= -my && t.x+c.W*t.s >= a.w+mx && t.y+c.H*t.s >= a.h+my
}

// update starts, advances and finishes drawings (see cache); moving says
// whether the camera moved since the last frame.
func (a *App) update(moving bool) {
	if a.c.img == nil { // the first image, at once
		a.start(1, a.contentKey())
		a.run(-1)
		return
	}
	key := a.contentKey()
	if j := a.c.job; j != nil && j.sharpens && !j.key.sameContent(key) {
		// Sharpening a picture that is no longer what the map shows (a
		// click while the map sharpens after loading or a pan): drop it.
		j.stop()
		a.c.job = nil
	}
	if a.c.job == nil {
		switch {
		case a.c.key != key:
			sharpens := a.c.key.sameContent(key)
			a.start(resFor(moving), key)
			a.c.job.sharpens = sharpens
		case moving && !a.covers(a.c.imgCam, a.c.res, redrawScale, 0.5):
			a.start(moveRes, key)
		case !moving && (a.c.scrCam != a.cam || a.c.res != 1):
			a.start(1, key)
			a.c.job.sharpens = true
		}
	}
	// A change of what a still map shows (a click, a date) is drawn in
	// large shares, to show soon. A drawing that only sharpens a still
	// screen has no hurry: a smaller share per frame keeps the page
	// answering while it goes on (in the browser, the exact image after the
	// first one took a frame of 0.7 s). While the camera moves, the same
	// small share keeps the frames even: where frames are presented
	// slowly (software GL), a frame that draws a large share comes late,
	// and those frames were the pan's slowest (docs/performance.md,
	// eighteenth pass).
	if j := a.c.job; j != nil {
		budget := frameVertices
		if moving || j.sharpens {
			budget = smallVertices
		}
		a.run(budget)
	}
	// A drawing of what the map showed when it began is followed by one of
	// what it shows now (the timeline dragged while it was drawn: the map
	// keeps up step by step, and rests on the last date).
	if a.c.job == nil && !a.c.key.sameContent(key) {
		a.dirty = true
	}
}

// resFor is the resolution of a new image.
func resFor(moving bool) float64 {
	if moving {
		return moveRes
	}
	return 1
}

// start begins a drawing of the map for the current camera and content
// key, a margin larger than the screen, at resolution res. The very first
// image has no margin: it is drawn sooner, and the first move draws one
// with margins.
func (a *App) start(res float64, key contentKey) {
	margin := cacheMargin
	if a.fullFrames == 0 {
		margin = 0
	}
	mx := math.Floor(math.Min(a.w*margin, math.Max(0, (maxTexture-a.w)/2)))
	my := math.Floor(math.Min(a.h*margin, math.Max(0, (maxTexture-a.h)/2)))
	cw, ch := int(math.Ceil((a.w+2*mx)*res)), int(math.Ceil((a.h+2*my)*res))
	img := a.c.back
	if img == nil || img.Bounds().Dx() < cw || img.Bounds().Dy() < ch {
		if img != nil {
			img.Deallocate()
		}
		img = ebiten.NewImageWithOptions(image.Rect(0, 0, cw, ch), &ebiten.NewImageOptions{Unmanaged: true})
		a.c.back = img
	}
	cam := a.cam
	cam.W, cam.H = float64(cw), float64(ch)
	cam.Scale *= res
	cam.Ratio *= res // lines and symbols keep their size on screen
	// The very first image uses the coarsest boundaries that are at most a
	// pixel off (at the default view 40% fewer vertices to triangulate):
	// it replaces the poster sooner, and is redrawn exactly at once.
	g := key.geom
	lv := g.LOD.Index(cam.Zoom())
	if a.fullFrames == 0 {
		coarse := g.LOD.Coarsest(cam.Zoom(), firstImagePx)
		key.coarse, lv = coarse < lv, coarse
	}
	f := layout.BuildAt(a.prep, g, g.LOD.Level(lv), a.view, cam, a.theme, a.highlight...)
	next, stop := iter.Pull(a.drawer.steps(img.SubImage(image.Rect(0, 0, cw, ch)).(*ebiten.Image), f))
	a.c.job = &job{img: img, cam: cam, scrCam: a.cam, res: res, key: key, f: f, mx: mx, my: my, next: next, stop: stop}
}

// run draws the job's steps until they have drawn budget vertices (all of
// them if budget < 0), and swaps the images once it is done. An exact
// image also becomes the frame of the screen: its labels are placed and
// it answers picking.
func (a *App) run(budget int) {
	j := a.c.job
	for n := 0; budget < 0 || n < budget; {
		v, ok := j.next()
		if !ok {
			j.stop()
			a.c.job = nil
			a.c.img, a.c.back = j.img, a.c.img
			a.c.imgCam, a.c.res, a.c.key = j.cam, j.res, j.key
			a.fullFrames++
			a.dirty = a.dirty || j.key.coarse
			if j.res == 1 {
				j.f.Shift(-j.mx, -j.my, j.scrCam)
				a.frame, a.c.scrCam = j.f, j.scrCam
				a.placeLabels()
			}
			return
		}
		n += v
	}
}

// show draws the cache, the marks of the hovered feature (drawn anew each
// time: hovering draws no map) and the exact frame's labels where they lie
// now (less those a zoom out has pushed into others). While the camera
// moves (moving: since the last frame) the hover marks are left out: over
// a large country they would cost every frame of a pan a fifth of its time.
func (a *App) show(screen *ebiten.Image, moving bool) {
	a.showMap(screen)
	if !moving {
		if hf := layout.Hovered(a.prep, a.frame.G, a.frame.Level, a.view, a.cam, a.theme, a.hover, a.highlight...); hf != nil {
			a.drawer.drawOver(screen, hf)
		}
	}
	a.showLabels(screen)
}

// showMap draws the cache moved and scaled to the camera. Where the image
// does not reach (the camera jumped, or outran the drawing), the screen
// shows the sea until the next image is done.
func (a *App) showMap(screen canvas) {
	t := a.c.img2scr
	if !a.covers(a.c.imgCam, a.c.res, math.Inf(1), 0) {
		screen.Fill(a.theme.Sea)
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(t.s, t.s)
	op.GeoM.Translate(t.x, t.y)
	if t.s != 1 && !a.c.unfiltered {
		op.Filter = ebiten.FilterLinear
	}
	sub := a.c.img.SubImage(image.Rect(0, 0, int(a.c.imgCam.W), int(a.c.imgCam.H))).(*ebiten.Image)
	screen.DrawImage(sub, op)
}

// showLabels draws the exact frame's labels where showMap put the frame.
func (a *App) showLabels(screen canvas) {
	l2s := a.c.frame2scr
	moved := l2s != affine{1, 0, 0}
	a.drawer.drawLabels(screen, a.frame.LabelsMoved(l2s.s, l2s.x, l2s.y), a.ratio, moved)
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
