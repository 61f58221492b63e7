package render

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/internal/golden"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/interact"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render/legend"
	"github.com/silkmap/silkmap/render/raster"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// The tests run inside Ebitengine's game loop, as Ebitengine's own do:
// pixels can only be read once the loop runs. They need a display (Xvfb).
type testGame struct {
	m    *testing.M
	code int
}

func (g *testGame) Update() error {
	g.code = g.m.Run()
	return ebiten.Termination
}

func (g *testGame) Draw(*ebiten.Image)         {}
func (g *testGame) Layout(int, int) (int, int) { return 64, 64 }

func TestMain(m *testing.M) {
	g := &testGame{m: m}
	ebiten.SetWindowSize(64, 64)
	if err := ebiten.RunGame(g); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(g.code)
}

var testPrep *layout.Prepared

// offscreens are the images a test screen's frames are drawn on before
// they reach it (see present).
var offscreens = map[*ebiten.Image]*ebiten.Image{}

// present draws a frame of app on img, the screen, as Ebitengine does:
// Draw on an offscreen image, then DrawFinalScreen.
func present(app *App, img *ebiten.Image) {
	off := offscreens[img]
	if off == nil {
		off = ebiten.NewImage(img.Bounds().Dx(), img.Bounds().Dy())
		offscreens[img] = off
	}
	app.Draw(off)
	app.DrawFinalScreen(img, off, ebiten.GeoM{})
}

func prepared(t testing.TB) *layout.Prepared {
	t.Helper()
	if testPrep == nil {
		m, err := mapdata.Load(assets.Boundaries, fixture.Content())
		if err != nil {
			t.Fatal(err)
		}
		testPrep = layout.Prepare(m, geo.WebMercator)
	}
	return testPrep
}

const w, h = 960, 640

// render draws v into a new image and returns it with its camera.
func render(t *testing.T, v view.View) (*ebiten.Image, view.Camera) {
	t.Helper()
	p := prepared(t)
	d, err := NewDrawer(p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := layout.NewFontMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	cam := view.NewCamera(v, geo.WebMercator, w, h, 1)
	img := ebiten.NewImage(w, h)
	f := layout.Build(p, v, cam, &style.Light)
	f.PlaceLabels(m)
	d.Draw(img, f)
	return img, cam
}

func at(img *ebiten.Image, cam view.Camera, lon, lat float64) color.RGBA {
	x, y := cam.LonLatToScreen(orb.Point{lon, lat})
	return img.At(int(x), int(y)).(color.RGBA)
}

// over composites premultiplied src over dst.
func over(src, dst color.RGBA) color.RGBA {
	a := 255 - uint16(src.A)
	return color.RGBA{uint8(uint16(src.R) + uint16(dst.R)*a/255), uint8(uint16(src.G) + uint16(dst.G)*a/255), uint8(uint16(src.B) + uint16(dst.B)*a/255), 255}
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

// darker reports whether, walking east across the Iran–Afghanistan border
// at latitude lat, some pixel is darker than Iran's land by at least by in
// every channel.
func darker(img *ebiten.Image, cam view.Camera, lat float64, by int) bool {
	land := at(img, cam, 58, lat)
	for lon := 60.0; lon <= 62.0; lon += 0.01 {
		c := at(img, cam, lon, lat)
		if int(land.R)-int(c.R) >= by && int(land.G)-int(c.G) >= by && int(land.B)-int(c.B) >= by {
			return true
		}
	}
	return false
}

var eurasia = view.View{Center: orb.Point{55, 42}, Zoom: 3.4, Date: "2025-12-16"}

func TestDraw_fillsBordersAndSymbols(t *testing.T) {
	img, cam := render(t, eurasia)
	th := &style.Light
	// Central Anatolia: a member of the OTS only, so land under the OTS tint.
	want := over(th.Body("ots").Member.Color, th.Land)
	if got := at(img, cam, 34.5, 38.9); !near(got, want, 3) {
		t.Errorf("Türkiye's fill = %v, want OTS tint over land %v", got, want)
	}
	// Iran: in no body.
	if got := at(img, cam, 55, 33); !near(got, th.Land, 2) {
		t.Errorf("Iran's fill = %v, want plain land %v", got, th.Land)
	}
	if got := at(img, cam, 50, 42.5); !near(got, th.Sea, 2) {
		t.Errorf("Caspian = %v, want sea %v", got, th.Sea)
	}
	// A land border: somewhere across the Iran–Afghanistan border at 33°N
	// a pixel is clearly darker than the land on both sides.
	if !darker(img, cam, 33, 30) {
		t.Error("no border line across the Iran–Afghanistan border")
	}
	// Bagram's symbol: an airbase triangle in the airbase colour.
	if got := at(img, cam, 69.265, 34.9461); !near(got, th.Site("airbase"), 30) {
		t.Errorf("Bagram symbol = %v, want %v", got, th.Site("airbase"))
	}
}

// darkest is the smallest sum of channels walking east across the
// Iran–Afghanistan border at latitude lat.
func darkest(img *ebiten.Image, cam view.Camera, lat float64) int {
	d := 3 * 255
	for lon := 60.0; lon <= 62.0; lon += 0.01 {
		c := at(img, cam, lon, lat)
		d = min(d, int(c.R)+int(c.G)+int(c.B))
	}
	return d
}

func TestDraw_selectChangesPixels(t *testing.T) {
	plain, cam := render(t, eurasia)
	th := &style.Light
	sel := eurasia
	sel.Sel = "IRN"
	selected, _ := render(t, sel)
	if got := at(selected, cam, 55, 33); !near(got, th.LandSelected, 2) {
		t.Errorf("selected Iran = %v, want %v", got, th.LandSelected)
	}
	// The selection outline is much darker than the plain border.
	if darker(plain, cam, 33, 150) || !darker(selected, cam, 33, 150) {
		t.Error("no selection outline on Iran's eastern border, or one without selection")
	}
}

// The hovered country is tinted and outlined over the map's image at
// once: hovering draws no map; the marks are left out while the camera
// moves, and go when the pointer leaves.
func TestApp_hoverDrawsNoMap(t *testing.T) {
	app, img := eurasiaApp(t)
	settle(t, app, img)
	cam := app.Frame().Cam
	th := app.Theme()
	if got := at(img, cam, 55, 33); !near(got, th.Land, 2) {
		t.Fatalf("Iran before hover = %v, want %v", got, th.Land)
	}
	full, border := app.FullFrames(), darkest(img, cam, 33)
	x, y := cam.LonLatToScreen(orb.Point{55, 33})
	app.updateHover(x, y)
	if app.Hover() != "IRN" {
		t.Fatalf("hover at Iran is %q", app.Hover())
	}
	if n := settle(t, app, img); n != 1 || app.FullFrames() != full {
		t.Errorf("hover: %d frames, %d full drawings; want one frame and none", n, app.FullFrames()-full)
	}
	if got := at(img, cam, 55, 33); !near(got, th.LandHover, 3) {
		t.Errorf("hovered Iran = %v, want %v", got, th.LandHover)
	}
	if got := darkest(img, cam, 33); got > border-60 {
		t.Errorf("Iran's eastern border: darkest %d with hover, %d without; want an outline much darker", got, border)
	}
	if i := slices.IndexFunc(app.Frame().Labels, func(l layout.Label) bool { return l.ID == "IRN" }); i < 0 || !app.Frame().Labels[i].Bold {
		t.Error("hovered Iran's label missing or not bold")
	}
	// While the camera moves the marks are left out; at rest they are back.
	app.cam = app.cam.PanBy(3, 0)
	app.changed(true)
	present(app, img)
	if got := at(img, app.cam, 55, 33); !near(got, th.Land, 2) {
		t.Errorf("Iran while the camera moves = %v, want %v (no hover marks)", got, th.Land)
	}
	settle(t, app, img)
	if got := at(img, app.cam, 55, 33); !near(got, th.LandHover, 3) {
		t.Errorf("hovered Iran at rest again = %v, want %v", got, th.LandHover)
	}
	full = app.FullFrames()
	app.updateHover(-1, -1)
	settle(t, app, img)
	if got := at(img, cam, 55, 33); app.Hover() != "" || !near(got, th.Land, 2) || app.FullFrames() != full {
		t.Errorf("pointer gone: hover %q, Iran %v (want %v), %d full drawings", app.Hover(), got, th.Land, app.FullFrames()-full)
	}
	// Onto a panel over the map: Ebitengine goes on reporting the last
	// position it saw; the hover stays off until the pointer moves on the map.
	app.updateHover(x, y)
	app.SetPointerOver(false)
	app.updateHover(x, y)
	if app.Hover() != "" {
		t.Errorf("the pointer left the map over Iran; hover is still %q", app.Hover())
	}
	app.SetPointerOver(true)
	app.updateHover(x, y)
	if app.Hover() != "IRN" {
		t.Errorf("the pointer back on Iran: hover %q", app.Hover())
	}
}

func TestApp_drawsOnlyWhenChanged(t *testing.T) {
	app, img := eurasiaApp(t)
	// The first image is drawn with coarser boundaries, then redrawn
	// exactly; after that, an unchanged view draws nothing.
	present(app, img)
	first := app.Frame().Level
	settle(t, app, img)
	lod, zoom := app.prep.LOD, app.Frame().Cam.Zoom()
	if lod.Index(zoom) == 0 || first != lod.Level(lod.Coarsest(zoom, firstImagePx)) || app.Frame().Level != lod.For(zoom) {
		t.Error("the first image is not drawn coarser than the exact redraw after it")
	}
	n := app.Frames()
	present(app, img)
	if app.Frames() != n {
		t.Errorf("%d more frames drawn for an unchanged view, want none", app.Frames()-n)
	}
	selected := 0
	app.OnSelect(func() { selected++ })
	app.Select("KAZ")
	settle(t, app, img)
	if selected != 1 || app.View().Sel != "KAZ" || app.Frame().View.Sel != "KAZ" {
		t.Errorf("after Select: %d callbacks, sel %q, frame drawn for %q", selected, app.View().Sel, app.Frame().View.Sel)
	}
	v := app.View()
	v.Zoom = 5
	app.SetView(v)
	settle(t, app, img)
	if app.View().Zoom != 5 || app.Frame().View.Zoom != 5 {
		t.Errorf("after SetView: zoom %v, frame drawn at %v", app.View().Zoom, app.Frame().View.Zoom)
	}
	n = app.Frames()
	present(app, img)
	if app.Frames() != n {
		t.Errorf("a still map drew %d more frames", app.Frames()-n)
	}
}

// A drawing that only sharpens what a still screen shows (the exact image
// after the coarse first one) is spread over more frames than one that
// changes what the map shows, so that the page keeps answering.
func TestApp_sharpeningTakesSmallerSteps(t *testing.T) {
	app, img := eurasiaApp(t)
	present(app, img) // the first image, coarse
	sharpen := settle(t, app, img)
	app.Select("KAZ")
	change := settle(t, app, img)
	if app.Frame().View.Sel != "KAZ" {
		t.Fatal("the selection was not drawn")
	}
	if sharpen <= change || change < 1 {
		t.Errorf("sharpening took %d frames, a change of content %d; want sharpening spread over more", sharpen, change)
	}
}

// worldApp shows the world on a large screen: a new selection or date is
// more than a frame's share of drawing (see TestApp_spreadsDrawings).
func worldApp(t *testing.T) (*App, *ebiten.Image) {
	app, err := NewApp(prepared(t), view.View{Center: orb.Point{60, 35}, Zoom: 2, Date: eurasia.Date})
	if err != nil {
		t.Fatal(err)
	}
	app.LayoutF(1280, 720)
	return app, ebiten.NewImage(1280, 720)
}

// What changes while a drawing is under way is drawn too: a click while
// the map sharpened (after loading, or after a pan) selected the country
// but left the map resting on a picture without the selection, and a
// change while another was being drawn was lost the same way.
func TestApp_changeDuringDrawing(t *testing.T) {
	for _, during := range []struct {
		name  string
		begin func() (*App, *ebiten.Image)
	}{
		{"sharpening", func() (*App, *ebiten.Image) {
			app, img := eurasiaApp(t)
			present(app, img) // the first image, coarse
			present(app, img) // the exact one begins
			return app, img
		}},
		{"a change", func() (*App, *ebiten.Image) {
			app, img := worldApp(t)
			settle(t, app, img)
			v := app.View()
			v.Date = "2009-10-03"
			app.SetView(v)
			present(app, img)
			return app, img
		}},
	} {
		app, img := during.begin()
		if app.c.job == nil {
			t.Fatalf("during %s: drawn in one frame, the test shows nothing", during.name)
		}
		want := app.View()
		want.Sel, want.Layers = "KAZ", []string{"csto", "sites:city"}
		app.Select(want.Sel)
		app.SetView(want)
		// A sharpening of the old picture is dropped at once: the next
		// frame already draws the new one.
		present(app, img)
		if j := app.c.job; during.name == "sharpening" && (j != nil && j.key.sel != want.Sel || j == nil && app.Frame().View.Sel != want.Sel) {
			t.Errorf("a frame after the click, the map still sharpens the old picture")
		}
		settle(t, app, img)
		if got := app.Frame().View; got.Sel != want.Sel || !slices.Equal(got.Layers, want.Layers) || got.Date != want.Date {
			t.Errorf("changed during %s: the map rests on a frame of %+v, want %+v", during.name, got, want)
		}
	}
}

// A panel that opens over the map moves the labels out of its way without
// drawing the map again.
func TestApp_reservedMovesOnlyLabels(t *testing.T) {
	app, img := eurasiaApp(t)
	settle(t, app, img)
	if len(app.Frame().Labels) == 0 {
		t.Fatal("no labels placed")
	}
	l := app.Frame().Labels[0]
	box := orb.Bound{Min: orb.Point{l.X - 1, l.Y - 1}, Max: orb.Point{l.X + l.W + 1, l.Y + l.H + 1}}
	frames, full := app.Frames(), app.FullFrames()
	app.SetReserved([]orb.Bound{box})
	if n := settle(t, app, img); n != 1 {
		t.Errorf("%d frames after SetReserved, want 1 (the labels shown anew)", n)
	}
	if app.FullFrames() != full || app.Frames() != frames+1 {
		t.Errorf("SetReserved: %d more full drawings, %d more frames; want none and one", app.FullFrames()-full, app.Frames()-frames)
	}
	for _, m := range app.Frame().Labels {
		if (orb.Bound{Min: orb.Point{m.X, m.Y}, Max: orb.Point{m.X + m.W, m.Y + m.H}}).Intersects(box) {
			t.Errorf("label %q still overlaps the reserved box", m.Text)
		}
	}
	app.SetReserved(nil)
	settle(t, app, img)
	if got := app.Frame().Labels[0]; got.ID != l.ID || got.X != l.X || got.Y != l.Y {
		t.Errorf("with the box gone, the first label is %q at %.1f,%.1f; want %q at %.1f,%.1f again", got.ID, got.X, got.Y, l.ID, l.X, l.Y)
	}
}

// eurasiaApp is an app on the eurasia view laid out on a w×h screen, with
// an image to draw it into; nothing is drawn yet.
func eurasiaApp(t testing.TB) (*App, *ebiten.Image) {
	t.Helper()
	app, err := NewApp(prepared(t), eurasia)
	if err != nil {
		t.Fatal(err)
	}
	app.LayoutF(w, h)
	return app, ebiten.NewImage(w, h)
}

// settle draws frames until the app has nothing more to draw, and returns
// how many it drew.
func settle(t testing.TB, app *App, img *ebiten.Image) int {
	t.Helper()
	n := 0
	for ; app.needsDraw(); n++ {
		if n == 100 {
			t.Fatal("the map does not come to rest")
		}
		present(app, img)
	}
	return n
}

// finish draws frames until the drawing under way is done.
func finish(t testing.TB, app *App, img *ebiten.Image) {
	t.Helper()
	for n := 0; n == 0 || app.c.job != nil; n++ {
		if n == 100 {
			t.Fatal("the drawing does not end")
		}
		present(app, img)
	}
}

// While only the camera moves, frames show the cache moved; a new image is
// drawn at half resolution when the move outruns it, and an exact one once
// the camera is at rest; a still map draws nothing.
func TestApp_blitsWhileMoving(t *testing.T) {
	app, img := eurasiaApp(t)
	present(app, img)
	full := func() bool { return app.c.scrCam == app.cam && app.c.res == 1 && app.c.job == nil }
	if !full() || app.c.imgCam.W != w {
		t.Fatal("the first frame was not drawn in full, without margins")
	}
	// The first move needs margins: a new image, at half resolution while
	// moving, then an exact one with margins at rest.
	app.cam = app.cam.PanBy(1, 0)
	app.changed(true)
	finish(t, app, img)
	if app.c.res != moveRes || app.FullFrames() != 2 {
		t.Fatalf("the first move: resolution %v, %d full frames", app.c.res, app.FullFrames())
	}
	settle(t, app, img)
	if !full() || app.c.imgCam.W <= w || app.FullFrames() != 3 {
		t.Fatalf("at rest: exact %v, image %v wide, %d full frames", full(), app.c.imgCam.W, app.FullFrames())
	}
	frames := app.Frames()
	app.cam = app.cam.PanBy(37, -23)
	app.changed(true)
	present(app, img)
	if full() || app.c.job != nil || app.Frames() != frames+1 || app.FullFrames() != 3 {
		t.Fatalf("a small pan: exact %v, drawing %v, %d frames, %d in full; want a moved copy", full(), app.c.job != nil, app.Frames()-frames, app.FullFrames())
	}
	moved := toRGBA(img)
	want, _ := render(t, app.View())
	if bad := golden.Differ(moved, toRGBA(want), 24); bad > w*h/50 {
		t.Errorf("the moved copy differs from a full drawing in %d pixels", bad)
	}
	if id := app.Pick(w/2+37, h/2-23); id == "" || id != app.frame.Pick(w/2, h/2) {
		t.Errorf("picking through the moved copy found %q at the old centre's new place", id)
	}
	settle(t, app, img)
	if !full() || app.FullFrames() != 4 {
		t.Errorf("at rest: drawn in full %v, %d full frames; want one more", full(), app.FullFrames())
	}
	frames = app.Frames()
	present(app, img)
	if app.Frames() != frames {
		t.Errorf("a still map drew %d frames, want none", app.Frames()-frames)
	}
	app.cam = app.cam.ZoomAt(1, w/2, h/2)
	app.changed(true)
	finish(t, app, img)
	if full() || app.c.res != moveRes || app.FullFrames() != 5 {
		t.Errorf("a zoom by a factor of 2 while moving: exact %v, resolution %v; want a new image at %v", full(), app.c.res, moveRes)
	}
	settle(t, app, img)
	if !full() || app.FullFrames() != 6 {
		t.Error("at rest after the zoom: not drawn exactly")
	}
	app.Select("KAZ")
	settle(t, app, img)
	if !full() || app.frame.View.Sel != "KAZ" {
		t.Error("a new selection was not drawn in full")
	}
}

// A moving frame is drawn straight onto the final screen, as the offscreen
// path would have drawn it; a still one, or one on a screen scaled to the
// window, goes through the offscreen image.
func TestApp_movingFramesSkipTheOffscreen(t *testing.T) {
	app, img := eurasiaApp(t)
	settle(t, app, img)
	app.cam = app.cam.PanBy(40, 10).ZoomAt(0.2, w/2, h/2)
	app.changed(true)
	present(app, img)
	if !app.direct {
		t.Fatal("a moving frame went through the offscreen image")
	}
	if off := toRGBA(offscreens[img]); off.RGBAAt(w/2, h/2) == toRGBA(img).RGBAAt(w/2, h/2) {
		t.Error("the moving frame was drawn on the offscreen image too")
	}
	want := ebiten.NewImage(w, h)
	app.show(want, true)
	if bad := golden.Differ(toRGBA(img), toRGBA(want), 2); bad > 0 { // linear filtering rounds by a unit here and there
		t.Errorf("the frame drawn on the final screen differs from the offscreen one in %d pixels", bad)
	}
	// Twice the size: the frame is drawn on the offscreen and scaled.
	big := ebiten.NewImage(2*w, 2*h)
	var double ebiten.GeoM
	double.Scale(2, 2)
	app.DrawFinalScreen(big, offscreens[img], double)
	if got, wantPx := toRGBA(big).RGBAAt(w+1, h+1), toRGBA(want).RGBAAt(w/2, h/2); !near(got, wantPx, 2) {
		t.Errorf("the scaled screen's centre = %v, want %v", got, wantPx)
	}
	settle(t, app, img)
	if app.direct {
		t.Error("a still frame was drawn straight onto the final screen")
	}
}

// A drawing bigger than a frame's share is spread over frames: the screen
// keeps the old image until the new one is done, and then shows exactly
// what a drawing at once shows.
func TestApp_spreadsDrawings(t *testing.T) {
	world := view.View{Center: orb.Point{60, 35}, Zoom: 2, Date: eurasia.Date}
	app, err := NewApp(prepared(t), world)
	if err != nil {
		t.Fatal(err)
	}
	const sw, sh = 1280, 720
	app.LayoutF(sw, sh)
	img := ebiten.NewImage(sw, sh)
	present(app, img)
	before := toRGBA(img)

	// How big the drawing is, one step at a time.
	var f *layout.Frame
	app.Select("RUS")
	present(app, img)
	if app.c.job == nil {
		t.Fatal("the new selection was drawn in one frame")
	}
	f = app.c.job.f
	total, steps := 0, 0
	for n := range app.drawer.steps(ebiten.NewImage(int(f.Cam.W), int(f.Cam.H)), f) {
		if n > stepVertices+4*len(f.Labels) {
			t.Errorf("a step of %d vertices, more than %d", n, stepVertices)
		}
		total += n
		steps++
	}
	if total <= frameVertices {
		t.Fatalf("the drawing has %d vertices, no more than one frame's share (%d): the test shows nothing", total, frameVertices)
	}
	if bad := golden.Differ(toRGBA(img), before, 0); bad > 0 {
		t.Errorf("%d pixels changed while the new image was drawn", bad)
	}
	frames := 1 + settle(t, app, img)
	if most := total/frameVertices + 1; frames > most {
		t.Errorf("%d vertices in %d steps took %d frames, want at most %d", total, steps, frames, most)
	}
	if app.Frame().View.Sel != "RUS" {
		t.Fatalf("the screen shows the frame of %q", app.Frame().View.Sel)
	}
	want := ebiten.NewImage(sw, sh)
	app.drawer.Draw(want, app.Frame()) // the exact frame, labels and all, at once
	if bad := golden.Differ(toRGBA(img), toRGBA(want), 8); bad > sw*sh/200 {
		t.Errorf("the spread drawing differs from one at once in %d pixels", bad)
	}
}

// While the camera moves, a new image is drawn in small shares: where
// frames are presented slowly (software GL), a frame that drew a large
// share came late, and those were the pan's slowest frames.
func TestApp_movingDrawingsTakeSmallShares(t *testing.T) {
	app, img := eurasiaApp(t)
	settle(t, app, img)
	move := func() {
		app.cam = app.cam.PanBy(60, 0)
		app.changed(true)
		present(app, img)
	}
	for i := 0; app.c.job == nil; i++ {
		if i == 50 {
			t.Fatal("no drawing under way after 50 moving frames: each was drawn within its frame")
		}
		move()
	}
	j := app.c.job
	total := 0
	for n := range app.drawer.steps(ebiten.NewImage(int(j.f.Cam.W), int(j.f.Cam.H)), j.f) {
		total += n
	}
	frames := 1
	for app.c.job == j {
		move()
		frames++
	}
	if least := total / (smallVertices + stepVertices); frames < least {
		t.Errorf("a moving drawing of %d vertices took %d frames, want at least %d", total, frames, least)
	}
}

// Golden images of fixed views, compared with a tolerance. Regenerate with
// go test ./render -update (under Xvfb); a failing comparison writes
// testdata/NAME-bad.png beside the golden.
func TestDraw_golden(t *testing.T) {
	for name, v := range map[string]view.View{
		"eurasia":   eurasia,
		"caucasus":  {Center: orb.Point{45.5, 40.5}, Zoom: 6, Date: "2025-12-16", Sel: "corridor:tripp"},
		"fergana":   {Center: orb.Point{71, 40.4}, Zoom: 7.5, Date: "2025-12-16"},
		"before-az": {Center: orb.Point{60, 42}, Zoom: 3.2, Date: "2025-11-01"},
	} {
		t.Run(name, func(t *testing.T) {
			img, _ := render(t, v)
			got := image.NewRGBA(image.Rect(0, 0, w, h))
			img.ReadPixels(got.Pix)
			path := filepath.Join("testdata", name+".png")
			if *update {
				writePNG(t, path, got)
				return
			}
			want := readPNG(t, path)
			if bad := golden.Differ(got, want, 24); bad > w*h/200 {
				writePNG(t, filepath.Join("testdata", name+"-bad.png"), got)
				t.Errorf("%d pixels differ from %s (allowed %d); wrote %s-bad.png", bad, path, w*h/200, name)
			}
		})
	}
}

func readPNG(t *testing.T, path string) *image.RGBA {
	t.Helper()
	img, err := golden.Read(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update under Xvfb to create it)", err)
	}
	return img
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := golden.Write(path, img); err != nil {
		t.Fatal(err)
	}
}

// The CPU rasteriser (snapshots) paints the same display list as
// Ebitengine: the map alone (a poster) agrees with the live map to within
// 16/255 on all but 0.1% of the pixels.
func TestRaster_matchesEbitengine(t *testing.T) {
	r, err := raster.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []view.View{eurasia, {Center: orb.Point{45.5, 40.5}, Zoom: 6, Sel: "ARM", Date: "2025-12-16"}} {
		live, _ := render(t, v)
		got := image.NewRGBA(image.Rect(0, 0, w, h))
		live.ReadPixels(got.Pix)
		static, _ := r.Poster(prepared(t), view.Encode(v), w, h, 1, &style.Light)
		bad := golden.Differ(got, static, 16)
		t.Logf("view %+v: %d of %d pixels differ by more than 16/255", v, bad, w*h)
		if limit := w * h / 1000; bad > limit { // measured: 5 and 0
			writePNG(t, filepath.Join("testdata", "raster-bad.png"), static)
			t.Errorf("view %+v: %d pixels differ between Ebitengine and the rasteriser (allowed %d)", v, bad, limit)
		}
	}
}

// On the desktop the info panel is drawn by Ebitengine from the same panel
// data as the browser's DOM, and its links open through the shell.
func TestApp_desktopPanel(t *testing.T) {
	app, err := NewApp(prepared(t), eurasia)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDesktop(app)
	var opened []string
	d.EnablePanels(func(url string) { opened = append(opened, url) })
	app.LayoutF(w, h)
	img := ebiten.NewImage(w, h)
	app.Select("site:bagram")
	present(app, img)
	box := d.PanelBox()
	if box.IsEmpty() || box.Max[0]-box.Min[0] < 200 {
		t.Fatalf("panel box = %v", box)
	}
	if c := img.At(int(box.Min[0])+3, int(box.Min[1])+3).(color.RGBA); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("panel background = %v, want white", c)
	}
	dark := 0
	for y := int(box.Min[1]); y < int(box.Max[1]); y++ {
		for x := int(box.Min[0]) + 4; x < int(box.Max[0])-4; x++ {
			if c := img.At(x, y).(color.RGBA); c.R < 80 && c.G < 80 && c.B < 80 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("only %d dark (text) pixels in the panel", dark)
	}
	app.SetTheme(&style.Dark) // the panel follows the theme
	settle(t, app, img)
	if c := img.At(int(box.Min[0])+3, int(box.Min[1])+3).(color.RGBA); c != style.Dark.Panel {
		t.Errorf("panel background in the dark theme = %v, want %v", c, style.Dark.Panel)
	}
	app.SetTheme(&style.Light)
	settle(t, app, img)
	const url = "https://www.cacianalyst.org/publications/analytical-articles.html"
	links := d.PanelLinks()
	i := slices.Index(links, url)
	if i < 0 {
		t.Fatalf("panel links %v lack the article", links)
	}
	b := d.panels.links[i].box
	if !d.panelClick(b.Center()[0], b.Center()[1]) || len(opened) != 1 || opened[0] != url {
		t.Errorf("clicking the article link opened %v", opened)
	}
	c := d.panels.close
	d.panelClick(c.Center()[0], c.Center()[1])
	if app.View().Sel != "" {
		t.Errorf("the close button left the selection at %q", app.View().Sel)
	}
	// With no panel, the corner belongs to the map.
	settle(t, app, img)
	if d.panelClick(0, 0) {
		t.Error("with the panel closed, a click at 0,0 went to it")
	}
	// The data's credit sits in the bottom-right corner, clear of labels.
	attr, _, ok := d.attribution()
	if !ok || attr.Max[0] != w || attr.Max[1] != h || attr.Max[0]-attr.Min[0] < 150 {
		t.Fatalf("attribution at %v (%v), want a line in the bottom-right corner", attr, ok)
	}
	if c := img.At(int(attr.Min[0])+1, int(attr.Min[1])+1).(color.RGBA); c != style.Light.Panel {
		t.Errorf("attribution background = %v, want %v", c, style.Light.Panel)
	}
	for _, l := range app.Frame().Labels {
		if (orb.Bound{Min: orb.Point{l.X, l.Y}, Max: orb.Point{l.X + l.W, l.Y + l.H}}).Intersects(attr) {
			t.Errorf("label %q lies under the attribution", l.Text)
		}
	}
}

// The desktop's legend, as an overlay: what the map shows, in a corner,
// labels clear of it; it follows the view and the theme, and G
// (ToggleOverlay) hides it.
func TestApp_desktopLegend(t *testing.T) {
	newLegend := func() *legend.Legend {
		l, err := legend.New()
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	app, img := eurasiaApp(t)
	d := NewDesktop(app)
	d.SetOverlay(newLegend(), false)
	settle(t, app, img)
	box, ok := d.OverlayBox()
	if !ok || box.Min[0] != 8 || box.Max[1] != h-8 || box.Max[0]-box.Min[0] < 100 || box.Max[1]-box.Min[1] < 100 {
		t.Fatalf("legend box %v, want one in the bottom-left corner", box)
	}
	ink := func(b orb.Bound) (n int) {
		for y := int(b.Min[1]); y < int(b.Max[1]); y++ {
			for x := int(b.Min[0]); x < int(b.Max[0]); x++ {
				if c := img.At(x, y).(color.RGBA); c.R < 80 && c.G < 80 && c.B < 80 {
					n++
				}
			}
		}
		return n
	}
	if c := img.At(int(box.Min[0])+2, int(box.Min[1])+2).(color.RGBA); c.R < 225 || c.G < 225 || c.B < 225 {
		t.Errorf("legend panel = %v, want nearly white", c)
	}
	if n := ink(box); n < 300 {
		t.Errorf("only %d dark (text) pixels in the legend", n)
	}
	for _, l := range app.Frame().Labels {
		if (orb.Bound{Min: orb.Point{l.X, l.Y}, Max: orb.Point{l.X + l.W, l.Y + l.H}}).Intersects(box) {
			t.Errorf("label %q lies under the legend", l.Text)
		}
	}
	shown := toRGBA(img)

	// Over the Atlantic with only the CSTO on, there is nothing to explain.
	app.SetView(view.View{Center: orb.Point{-40, 35}, Zoom: 4, Layers: []string{"csto"}})
	settle(t, app, img)
	if b, ok := d.OverlayBox(); ok {
		t.Errorf("legend over the Atlantic at %v, want none", b)
	}
	app.SetView(eurasia)
	settle(t, app, img)
	if got := toRGBA(img); !bytes.Equal(got.Pix, shown.Pix) {
		t.Error("back on the same view, the screen differs")
	}

	d.ToggleOverlay()
	settle(t, app, img)
	if b, ok := d.OverlayBox(); ok || bytes.Equal(toRGBA(img).Pix, shown.Pix) {
		t.Errorf("after ToggleOverlay: box %v; want none, and the corner showing the map", b)
	}
	d.ToggleOverlay()
	app.SetTheme(&style.Dark) // the panel follows the theme
	settle(t, app, img)
	box, _ = d.OverlayBox()
	if c := img.At(int(box.Min[0])+2, int(box.Min[1])+2).(color.RGBA); c.R > 60 || c.G > 60 || c.B > 60 {
		t.Errorf("legend panel in the dark theme = %v, want dark", c)
	}

	// In a presentation the legend takes the top-right corner.
	presApp, img2 := eurasiaApp(t)
	pres := NewDesktop(presApp)
	pres.SetOverlay(newLegend(), true)
	settle(t, presApp, img2)
	if b, ok := pres.OverlayBox(); !ok || b.Min[1] != 8 || b.Max[0] != w-8 {
		t.Errorf("presentation legend box %v, want the top-right corner", b)
	}

	// A window too small for it goes without.
	smallApp, err := NewApp(prepared(t), eurasia)
	if err != nil {
		t.Fatal(err)
	}
	small := NewDesktop(smallApp)
	small.LayoutF(400, 300)
	small.SetOverlay(newLegend(), false)
	settle(t, smallApp, ebiten.NewImage(400, 300))
	if b, ok := small.OverlayBox(); ok {
		t.Errorf("legend in a 400x300 window at %v, want none", b)
	}
}

// [ and ] step the map's day through the timeline; on the desktop a box at
// the top names the day while it is not today. A presentation leaves a
// scene's own day to its caption and names a day the speaker stepped to.
func TestApp_stepDate(t *testing.T) {
	app, img := eurasiaApp(t)
	d := NewDesktop(app)
	d.EnablePanels(func(string) {})
	today := eurasia
	today.Date = ""
	app.SetView(today)
	settle(t, app, img)
	top := func() color.RGBA { return img.At(w/2, 12).(color.RGBA) }
	mapTop := top()
	steps := panel.DateSteps(prepared(t).Map)
	d.StepDate(-1)
	settle(t, app, img)
	if got := app.View().Date; got != steps[len(steps)-1] {
		t.Errorf("a step back from today: %q, want the last step %q", got, steps[len(steps)-1])
	}
	if c := top(); c != style.Light.Panel {
		t.Errorf("top centre with a past day = %v, want the box's %v", c, style.Light.Panel)
	}
	d.StepDate(-1)
	if got := app.View().Date; got != steps[len(steps)-2] {
		t.Errorf("two steps back: %q, want %q", got, steps[len(steps)-2])
	}
	d.StepDate(1)
	d.StepDate(1)
	settle(t, app, img)
	if got := app.View().Date; got != "" || top() != mapTop {
		t.Errorf("back to today: day %q, top centre %v; want no day and the map (%v)", got, top(), mapTop)
	}

	p := prepared(t)
	s, _ := story.Load(p.Map, fixture.Content())
	papp, err := NewApp(p, view.Default)
	if err != nil {
		t.Fatal(err)
	}
	papp.LayoutF(w, h)
	pr := NewPresenter(NewDesktop(papp), s)
	pr.Do(interact.Next) // scene 2 has a day of its own
	land(papp)
	pimg := ebiten.NewImage(w, h)
	for papp.needsDraw() {
		pr.Draw(pimg)
	}
	if papp.View().Date == "" || pimg.At(w/2, 12).(color.RGBA) == style.Light.Panel {
		t.Fatalf("scene 2 (day %q): a box at the top, want the caption alone to say it", papp.View().Date)
	}
	pr.Do(interact.Later)
	for papp.needsDraw() {
		pr.Draw(pimg)
	}
	if c := pimg.At(w/2, 12).(color.RGBA); c != style.Light.Panel {
		t.Errorf("after ] in a scene: top centre %v, want the box naming the day", c)
	}
}

func TestApp_flyToLandsOnTarget(t *testing.T) {
	app, err := NewApp(prepared(t), eurasia)
	if err != nil {
		t.Fatal(err)
	}
	app.LayoutF(w, h)
	target := view.View{Center: orb.Point{76.9, 43.24}, Zoom: 6, Sel: "site:almaty", Date: eurasia.Date}
	app.FlyTo(target)
	if !app.Flying() || app.View().Sel != "site:almaty" {
		t.Fatalf("flying %v, sel %q", app.Flying(), app.View().Sel)
	}
	app.fly(time.Second / 10)
	if !app.Flying() || app.View().Sel != "site:almaty" {
		t.Fatalf("on the way: flying %v, sel %q; want site:almaty", app.Flying(), app.View().Sel)
	}
	land(app)
	if got := app.View(); got.Center != target.Center || got.Zoom != target.Zoom {
		t.Errorf("landed at %+v, want exactly %+v", got, target)
	}
	// A flight moves the camera only: a selection cleared on the way
	// (Escape, a click) stays cleared when it lands.
	back := eurasia
	back.Sel = "KAZ"
	app.FlyTo(back)
	app.fly(time.Second / 10)
	app.Select("")
	land(app)
	if got := app.View(); got.Sel != "" || got.Center != back.Center || got.Zoom != back.Zoom {
		t.Errorf("landed at %+v; want eurasia's camera with no selection", got)
	}
}

// land runs a flight to its end, 60 steps a second.
func land(app *App) {
	for i := 0; app.Flying() && i < 1000; i++ {
		app.fly(time.Second / 60)
	}
}

// The presenter steps through the default story: after each step the
// flight lands exactly on the scene's view, and the screen matches its
// golden image.
func TestPresenter_scenes(t *testing.T) {
	p := prepared(t)
	s, probs := story.Load(p.Map, fixture.Content())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	app, err := NewApp(p, view.Default)
	if err != nil {
		t.Fatal(err)
	}
	const sw, sh = 800, 450
	app.LayoutF(sw, sh)
	pr := NewPresenter(NewDesktop(app), s)
	img := ebiten.NewImage(sw, sh)
	for i, sc := range s.Scenes {
		if i > 0 {
			pr.Do(interact.Next)
			land(app)
		}
		if pr.Scene() != i {
			t.Fatalf("at scene %d, want %d", pr.Scene(), i)
		}
		if got := app.View(); !reflect.DeepEqual(got, sc.View) || view.Encode(got) != view.Encode(sc.View) {
			t.Errorf("scene %d: view %+v, want exactly %+v", i+1, got, sc.View)
		}
		app.Invalidate()
		for n := 0; app.needsDraw(); n++ {
			if n == 100 {
				t.Fatal("the presenter does not come to rest")
			}
			pr.Draw(img)
		}
		got := toRGBA(img)
		path := filepath.Join("testdata", fmt.Sprintf("scene-%02d.png", i+1))
		if *update {
			writePNG(t, path, got)
			continue
		}
		if bad := golden.Differ(got, readPNG(t, path), 24); bad > sw*sh/100 {
			writePNG(t, strings.TrimSuffix(path, ".png")+"-bad.png", got)
			t.Errorf("scene %d: %d pixels differ from %s", i+1, bad, path)
		}
	}
	pr.Do(interact.First)
	land(app)
	pr.Show.Press("Digit5")
	pr.Do(interact.Jump)
	land(app)
	if pr.Scene() != 4 || view.Encode(app.View()) != view.Encode(s.Scenes[4].View) {
		t.Errorf("5 Enter went to scene %d", pr.Scene()+1)
	}
	pr.Do(interact.Last)
	pr.Do(interact.Next)
	if pr.Scene() != len(s.Scenes)-1 {
		t.Errorf("Next past the end moved to %d", pr.Scene())
	}
	pr.Do(interact.Black)
	app.Invalidate()
	pr.Draw(img)
	if c := img.At(sw/2, sh/2).(color.RGBA); c != (color.RGBA{0, 0, 0, 255}) {
		t.Errorf("B left %v on screen, want black", c)
	}
}

func toRGBA(img *ebiten.Image) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	img.ReadPixels(out.Pix)
	return out
}

// benchApp is an app at the default view, drawn once at 1280x720
// offscreen.
func benchApp(b *testing.B) (*App, *ebiten.Image) {
	app, err := NewApp(prepared(b), view.Default)
	if err != nil {
		b.Fatal(err)
	}
	app.LayoutF(1280, 720)
	img := ebiten.NewImage(1280, 720)
	present(app, img)
	return app, img
}

// readBack reads one pixel of img, so that the GPU's work is in the time.
func readBack(img *ebiten.Image) {
	img.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image).ReadPixels(make([]byte, 4))
}

// Frame benchmarks draw a frame after each step and read a pixel back.
func benchmarkFrames(b *testing.B, step func(app *App, i int)) {
	app, img := benchApp(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		step(app, i)
		present(app, img)
		readBack(img)
		i++
	}
	b.ReportMetric(float64(app.FullFrames())/float64(i+1), "full/frame")
}

// BenchmarkFrame_full: the content changes, and the map is drawn anew
// (over as many frames as it takes; see cache).
func BenchmarkFrame_full(b *testing.B) {
	app, img := benchApp(b)
	b.ReportAllocs()
	for b.Loop() {
		app.Invalidate()
		for app.needsDraw() {
			present(app, img)
		}
		readBack(img)
	}
	b.ReportMetric(float64(app.Frames()-1)/float64(b.N), "frames/op")
}

// BenchmarkFrame_pan: a steady pan of 3 px a frame, as a drag does.
func BenchmarkFrame_pan(b *testing.B) {
	benchmarkFrames(b, func(app *App, i int) {
		app.cam = app.cam.PanBy(3*math.Cos(float64(i)/50), 3*math.Sin(float64(i)/50))
		app.changed(true)
	})
}

// BenchmarkFrame_idle: the game loop's work when nothing changes (Update
// and Draw, no read-back). Budget: 2 ms of CPU, and no frame drawn.
func BenchmarkFrame_idle(b *testing.B) {
	app, img := benchApp(b)
	app.Update()
	for app.needsDraw() { // whatever the first update changed (the hover) is drawn
		present(app, img)
	}
	start := app.Frames()
	b.ReportAllocs()
	for b.Loop() {
		app.Update()
		present(app, img)
	}
	b.ReportMetric(float64(app.Frames()-start)/float64(b.N), "frames/op")
}

// BenchmarkFrame_zoom: a steady zoom in and out (0.02 a frame), as a
// flight or a pinch does; redraws happen at half resolution.
func BenchmarkFrame_zoom(b *testing.B) {
	benchmarkFrames(b, func(app *App, i int) {
		app.cam = app.cam.ZoomAt(0.02*math.Cos(float64(i)/40), 640, 360)
		app.changed(true)
	})
}

// The spotlight dims the screen outside a circle around the pointer, by
// the same amount everywhere (its bands do not overlap, so no pixel is
// dimmed twice), and leaves the circle as it was.
func TestPresenter_spotlight(t *testing.T) {
	p := prepared(t)
	s, _ := story.Load(p.Map, fixture.Content())
	app, err := NewApp(p, view.Default)
	if err != nil {
		t.Fatal(err)
	}
	const sw, sh = 800, 600 // the caption band at the bottom stays below the circle
	app.LayoutF(sw, sh)
	pr := NewPresenter(NewDesktop(app), s)
	img := ebiten.NewImage(sw, sh)
	draw := func() *image.RGBA {
		app.Invalidate()
		for n := 0; app.needsDraw() && n < 100; n++ {
			pr.Draw(img)
		}
		return toRGBA(img)
	}
	before := draw()
	pr.Do(interact.Spotlight)
	pr.spot = orb.Point{400, 225} // the pointer; the circle's radius is 140
	after := draw()
	const keep = 1 - 150.0/255 // black at alpha 150 over the map
	for _, q := range [][2]int{
		{400, 225}, {470, 300}, {300, 150}, // inside
		{10, 10}, {700, 60}, {259, 150}, {260, 150}, {300, 84}, {300, 85}, {300, 364}, {300, 365}, {541, 225}, {545, 330}, // outside
	} {
		b, a := before.RGBAAt(q[0], q[1]), after.RGBAAt(q[0], q[1])
		d := math.Hypot(float64(q[0])+0.5-400, float64(q[1])+0.5-225)
		want := b
		if d > 141 {
			want = color.RGBA{uint8(float64(b.R)*keep + 0.5), uint8(float64(b.G)*keep + 0.5), uint8(float64(b.B)*keep + 0.5), 255}
		} else if d > 139 {
			continue // the circle's edge
		}
		if golden.Differ(&image.RGBA{Pix: []uint8{a.R, a.G, a.B, a.A}, Stride: 4, Rect: image.Rect(0, 0, 1, 1)},
			&image.RGBA{Pix: []uint8{want.R, want.G, want.B, want.A}, Stride: 4, Rect: image.Rect(0, 0, 1, 1)}, 2) > 0 {
			t.Errorf("pixel %v (%.0f px from the pointer): %v, want %v (was %v)", q, d, a, want, b)
		}
	}
}

// Sprites made together lie side by side in sheets, each intact and apart
// from its neighbours, however many there are and whatever their sizes.
func TestSheet(t *testing.T) {
	d, err := NewDrawer(prepared(t))
	if err != nil {
		t.Fatal(err)
	}
	colour := func(i int) color.RGBA { return color.RGBA{uint8(i), uint8(i >> 8), 200, 255} }
	var reqs []spriteReq
	for i := range 600 {
		w, h := 10+i*37%400, 5+i*13%90
		if i == 7 {
			w = sheetWidth + 50 // wider than a sheet
		}
		reqs = append(reqs, spriteReq{key: i, w: w, h: h, paint: func(rgba *image.RGBA) {
			if rgba.Rect != image.Rect(0, 0, w, h) {
				t.Errorf("sprite %d painted in %v, want %dx%d", i, rgba.Rect, w, h)
			}
			draw.Draw(rgba, rgba.Rect, image.NewUniform(colour(i)), image.Point{}, draw.Src)
		}})
	}
	check := func(reqs []spriteReq) {
		t.Helper()
		for i, r := range reqs {
			img, ok := d.sprites[r.key]
			if !ok {
				t.Fatalf("sprite %d is not cached", i)
			}
			if b := img.Bounds(); b.Dx() != r.w || b.Dy() != r.h {
				t.Fatalf("sprite %d is %v, want %dx%d", i, b, r.w, r.h)
			}
			got := image.NewRGBA(image.Rect(0, 0, r.w, r.h))
			img.ReadPixels(got.Pix)
			for k := 0; k < len(got.Pix); k += 4 {
				if c := (color.RGBA{got.Pix[k], got.Pix[k+1], got.Pix[k+2], got.Pix[k+3]}); c != colour(i) {
					t.Fatalf("sprite %d pixel %d = %v, want %v", i, k/4, c, colour(i))
				}
			}
		}
	}
	d.sheet(reqs[:400])
	check(reqs[:400])
	// With the 400 cached, 200 more pass the cache's bound: it is emptied
	// and all 600 are made again, together.
	d.sheet(reqs)
	check(reqs)
	if len(d.sheets) < 2 {
		t.Errorf("%d sheets for %d sprites of up to 400x95", len(d.sheets), len(reqs))
	}
	for _, s := range d.sheets {
		if b := s.Bounds(); b.Dy() > sheetHeight+100 {
			t.Errorf("a sheet of %v", b)
		}
	}
	if img := d.sprite(reqs[len(reqs)-1]); img != d.sprites[reqs[len(reqs)-1].key] {
		t.Error("a cached sprite was made again")
	}
}
