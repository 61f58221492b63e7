// Package e2e runs the browser build in headless Chromium: the served page,
// the page API, clicks, keyboard focus and scrolling around the map.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/wasm/pageapi"
)

const chromium = "/usr/bin/chromium"

var (
	mapURL  string // the served map
	hostURL string // an article page on another origin that embeds it
	outDir  string // screenshots for people to look at
	prep    *layout.Prepared
	webDir  string // the bundle built for the tests
)

func TestMain(m *testing.M) {
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			fmt.Fprintln(os.Stderr, "e2e: chromium is missing on CI: make test installs it")
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "e2e: skipped, no", chromium)
		os.Exit(0)
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "silkmap-e2e")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	web := filepath.Join(tmp, "web")
	webDir = web
	build := exec.Command("go", "run", "./cmd/silkmap-web", "-o", web, "-brotli", "5")
	build.Dir = "../.."
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building the bundle:", err)
		return 1
	}
	data, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		panic(err)
	}
	prep = layout.Prepare(data, geo.WebMercator)
	srv := httptest.NewServer(server.New(server.Options{Web: os.DirFS(web), Content: assets.Content(), Map: prep}))
	defer srv.Close()
	mapURL = srv.URL + "/"
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := hostPage
		if r.URL.Path == "/embed.html" {
			page = embedPage
		}
		fmt.Fprintf(w, page, mapURL)
	}))
	defer host.Close()
	hostURL = host.URL + "/"
	outDir = os.Getenv("SILKMAP_E2E_OUT")
	return m.Run()
}

// embedPage is an article on another origin with the map in embed mode
// and a helper that drives it by postMessage.
var embedPage = `<!doctype html><html><head><meta charset="utf-8"><title>Embed</title><link rel="icon" href="data:,"></head>
<body style="font: 18px/1.6 serif; max-width: 40em; margin: 2em auto">` + paragraphs +
	`<iframe id="map" src="%s?embed=1#map=3/42/60" style="width:100%%;height:400px;border:0"></iframe>` + paragraphs + paragraphs + `
<script>
let next = 0;
const pending = {};
window.events = [];
window.addEventListener("message", (e) => {
  const d = e.data;
  if (d && d.type === "silkmap:result" && pending[d.id]) { pending[d.id](d); delete pending[d.id]; }
  if (d && d.type === "silkmap:event") window.events.push(d);
});
window.call = (method, ...args) => new Promise((resolve) => {
  const id = ++next;
  pending[id] = resolve;
  document.getElementById("map").contentWindow.postMessage({type: "silkmap:" + method, args, id}, "*");
});
</script></body></html>`

// hostPage is an article with the map in an iframe and text around it.
var hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title><link rel="icon" href="data:,"></head>
<body style="font: 18px/1.6 serif; max-width: 40em; margin: 2em auto">
<h1>An article</h1>` + paragraphs + `<iframe id="map" src="%s" style="width:100%%;height:400px;border:0"></iframe>` + paragraphs + paragraphs + `</body></html>`

var paragraphs = strings.Repeat("<p>Text of the article around the map, long enough that the page must scroll to reach its end.</p>", 12)

// browser starts headless Chromium and records console errors.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var errs []string
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				errs = append(errs, string(m.Type)+": "+m.Text)
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		<-done
	})
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if outDir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outDir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// click presses and releases the left button 300 ms apart, as a slow hand
// does: the map samples input once per frame, and software WebGL on a busy
// two-core machine can take well over 100 ms a frame.
func click(ctx context.Context, x, y float64) error {
	// Move there first and give the map a few frames to see the pointer, as
	// a hand moving to a place would.
	return chromedp.Do(ctx,
		chromedp.MouseEvent(chromedp.MouseMoved, x-5, y-5),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.MouseEvent(chromedp.MouseMoved, x, y),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
}

// quickClick is a click with no pause at all, as scripts send them.
func quickClick(ctx context.Context, x, y float64) error {
	return chromedp.Do(ctx, chromedp.MouseClickXY(x, y))
}

func TestMap_clickSelectsCountry(t *testing.T) {
	ctx, consoleErrors := browser(t)
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(mapURL)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.silkmap.ready`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("ready: %v", err)
	}
	t.Logf("first frame %v after navigation", time.Since(start))
	frames, err := chromedp.Run(ctx, chromedp.Evaluate[int](`silkmap.stats().frames`))
	if err != nil || frames < 1 {
		t.Fatalf("stats().frames = %d, %v; want at least 1", frames, err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`silkmap.getView()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"zoom", "lat", "lon", "layers", "sel", "date"} {
		if _, ok := v[k]; !ok {
			t.Errorf("getView() lacks %q: %v", k, v)
		}
	}
	if z, _ := v["zoom"].(float64); z != view.Default.Zoom {
		t.Errorf("getView().zoom = %v, want %v", v["zoom"], view.Default.Zoom)
	}
	// The keys come in the documented order, every time (a page that
	// prints the view shows the same text for the same view).
	keys, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[silkmap.getView(), silkmap.getView(), silkmap.getView()].map((v) => Object.keys(v).join()).join(' ')`))
	if want := strings.Repeat("zoom,lat,lon,layers,sel,date,article,scene ", 3); keys+" " != want {
		t.Errorf("getView() keys: %q, want %q three times", keys, "zoom,lat,lon,layers,sel,date,article,scene")
	}
	screenshot(t, ctx, "map.png")

	// Click the middle of Kazakhstan, the way scripts do: press and release
	// at once.
	cam := view.NewCamera(view.Default, geo.WebMercator, 1280, 720, 1)
	x, y := cam.LonLatToScreen(orb.Point{67, 48})
	if err := quickClick(ctx, x, y); err != nil {
		t.Fatal(err)
	}
	sel, err := chromedp.Run(ctx, chromedp.Poll[string](`silkmap.getSelection()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil || sel != "KAZ" {
		t.Errorf("after clicking Kazakhstan getSelection() = %q, %v; want KAZ", sel, err)
	}
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.getView().sel`))
	if got != "KAZ" {
		t.Errorf("getView().sel = %q, want KAZ", got)
	}
	// The map reports the hover over Kazakhstan after the click (no move
	// came before it): the card says what a tooltip would, so none shows.
	still(t, ctx)
	if tip, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const t = document.querySelector('#tooltip'); return t.hidden ? '' : t.textContent; })()`)); tip != "" {
		t.Errorf("with Kazakhstan's card open, a tooltip shows %q", tip)
	}
	screenshot(t, ctx, "map-selected.png")

	// The page API.
	ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select("site:bagram")`))
	unknown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select("site:atlantis")`))
	if !ok || unknown {
		t.Errorf("select(site:bagram) = %v, select(site:atlantis) = %v; want true, false", ok, unknown)
	}
	// The tab's title names the selection, and only the page once it is cleared.
	const page = "silkmap — Turkic states, the CSTO, Central Asia and the Middle Corridor"
	if title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`)); title != "Bagram Airbase · "+page {
		t.Errorf("title with Bagram selected: %q", title)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select("")`))
	if title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`)); title != page {
		t.Errorf("title with nothing selected: %q, want %q", title, page)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// Hovering a country tints it over the map's image in the next frames,
// without drawing the map again.
func TestMap_hoverDrawsNoMap(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL)
	// Wait for the drawings after start-up to end: the coarse first image
	// and its exact redraw (spread over frames), then no more frames.
	type stats struct{ Frames, FullFrames int }
	var last stats
	for i := 0; ; i++ {
		time.Sleep(300 * time.Millisecond)
		s, err := chromedp.Run(ctx, chromedp.Evaluate[stats](`silkmap.stats()`))
		if err != nil {
			t.Fatal(err)
		}
		if s.FullFrames >= 2 && s == last {
			break
		}
		if i == 50 {
			t.Fatalf("the map does not come to rest after start-up: %+v", s)
		}
		last = s
	}
	full := last.FullFrames
	cam := view.NewCamera(view.Default, geo.WebMercator, 1280, 720, 1)
	x, y := cam.LonLatToScreen(orb.Point{57, 30}) // southern Iran: plain land, no label
	pixel := func() color.RGBA {
		b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return color.RGBAModel.Convert(img.At(int(x), int(y))).(color.RGBA)
	}
	near := func(a, b color.RGBA) bool {
		d := func(p, q uint8) bool { return int(p)-int(q) <= 4 && int(q)-int(p) <= 4 }
		return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
	}
	th := style.Light
	if got := pixel(); !near(got, th.Land) {
		t.Fatalf("Iran before hover = %v, want %v", got, th.Land)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.on('hover', (id) => { window.hovered = id; }), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y)); err != nil {
		t.Fatal(err)
	}
	if id, err := chromedp.Run(ctx, chromedp.Poll[string](`window.hovered`, chromedp.WithPollingTimeout(10*time.Second))); err != nil || id != "IRN" {
		t.Fatalf("hover event: %q, %v; want IRN", id, err)
	}
	time.Sleep(500 * time.Millisecond)
	if got := pixel(); !near(got, th.LandHover) {
		t.Errorf("hovered Iran = %v, want %v", got, th.LandHover)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`silkmap.stats().fullFrames`)); n != full {
		t.Errorf("hover drew the map %d more times, want none", n-full)
	}
	screenshot(t, ctx, "map-hover.png")
}

// On a phone-sized screen the panels stack without covering one another:
// every tool of the toolbar is reachable, the controls start compact, and
// the controls, the feature card and the toolbar do not overlap.
func TestMap_narrowScreenKeepsToolsReachable(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800)); err != nil {
		t.Fatal(err)
	}
	ready(t, ctx, mapURL)
	// The lists start closed: the controls leave most of the screen to the map.
	bottom, err := chromedp.Run(ctx, chromedp.Poll[float64](`(() => { const r = document.querySelector('.controls').getBoundingClientRect(); return r.height > 0 && r.bottom; })()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil || bottom > 320 {
		t.Errorf("the controls reach down to %.0f px of 800 (%v); want 40%% of it at most", bottom, err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.show('KAZ')`)); err != nil || !ok {
		t.Fatalf("show: %v, %v", ok, err)
	}
	problems, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
  const info = document.querySelector('#info');
  if (info.hidden) return false;
  const out = [];
  const shown = (el) => el.getClientRects().length > 0;
  for (const el of document.querySelectorAll('.toolbar button, .toolbar a')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!el.contains(hit)) out.push(el.textContent + ' is covered by ' + (hit ? hit.tagName + '.' + hit.className : 'nothing'));
  }
  const boxes = ['.toolbar', '.controls', '#info'].map((q) => [q, document.querySelector(q).getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [p, a] = boxes[i], [q, b] = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(p + ' overlaps ' + q);
  }
  return out;
})()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	// With the card open the card is a sheet across the bottom, the
	// controls fold to the search field, and the map frames Kazakhstan in
	// the band between them.
	controls, card := boxOf(t, ctx, ".controls"), boxOf(t, ctx, "#info")
	if card.Min[0] > 9 || card.Max[0] < 381 {
		t.Errorf("the card spans %.0f..%.0f px of 390; want the width of the screen", card.Min[0], card.Max[0])
	}
	if band := card.Min[1] - controls.Max[1]; band < 0.35*800 {
		t.Errorf("the map keeps %.0f px between the controls (bottom %.0f) and the card (top %.0f); want 35%% of the screen", band, controls.Max[1], card.Min[1])
	}
	eventually(t, func() (bool, string) {
		kaz, _ := onScreen(t, ctx, "KAZ")
		controls, card := boxOf(t, ctx, ".controls"), boxOf(t, ctx, "#info")
		return kaz.Min[1] >= controls.Max[1] && kaz.Max[1] <= card.Min[1] && kaz.Min[0] >= 0 && kaz.Max[0] <= 390 && still(t, ctx),
			fmt.Sprintf("Kazakhstan is at %v on screen, outside the band %.0f..%.0f px between the controls and the card, or the map is still moving", kaz, controls.Max[1], card.Min[1])
	})
	screenshot(t, ctx, "map-narrow.png")
	// Closing the card brings the controls back.
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select('')`))
	if h, err := chromedp.Run(ctx, chromedp.Poll[float64](`(() => { const t = document.querySelector('.timeline'); return t.getClientRects().length ? t.getBoundingClientRect().height : null; })()`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("the timeline did not come back after the card closed (%v): %v", h, err)
	}
}

// On a phone a tap low on the screen opens the card over the place tapped;
// the map then glides that place up into view.
func TestMap_tapUnderSheetRevealsPlace(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800)); err != nil {
		t.Fatal(err)
	}
	ready(t, ctx, mapURL+"#map=4/58/68")
	place := orb.Point{68, 48} // in Kazakhstan
	cam := view.NewCamera(view.View{Center: orb.Point{68, 58}, Zoom: 4}, geo.WebMercator, 390, 800, 1)
	x, y := cam.LonLatToScreen(place)
	if y < 560 {
		t.Fatalf("the test's place is at y = %.0f; it should be low, where the card opens", y)
	}
	if err := click(ctx, x, y); err != nil {
		t.Fatal(err)
	}
	if sel, err := chromedp.Run(ctx, chromedp.Poll[string](`!document.querySelector('#info').hidden && silkmap.getSelection()`, chromedp.WithPollingTimeout(10*time.Second))); err != nil || sel != "KAZ" {
		t.Fatalf("the tap selected %q (%v); want KAZ with its card open", sel, err)
	}
	eventually(t, func() (bool, string) {
		_, v := onScreen(t, ctx, "KAZ")
		_, y := view.NewCamera(v, geo.WebMercator, 390, 800, 1).LonLatToScreen(place)
		controls, card := boxOf(t, ctx, ".controls"), boxOf(t, ctx, "#info")
		return y >= controls.Max[1] && y <= card.Min[1] && v.Zoom == 4,
			fmt.Sprintf("the tapped place is at y = %.0f at zoom %v; want it between the controls (%.0f) and the card (%.0f), at zoom 4", y, v.Zoom, controls.Max[1], card.Min[1])
	})
	screenshot(t, ctx, "tap-reveal.png")
}

// The pointer moving off the map onto a panel ends the hover: no tooltip
// rides along over the panel, and the map's hover mark goes.
func TestMap_hoverEndsOverPanels(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL)
	chromedp.Run(ctx, chromedp.Evaluate[any](`window.hovers = []; silkmap.on('hover', (id) => window.hovers.push(id))`))
	cam := view.NewCamera(view.Default, geo.WebMercator, 1280, 720, 1)
	x, y := cam.LonLatToScreen(orb.Point{67, 47}) // Kazakhstan
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x-4, y-4), chromedp.MouseEvent(chromedp.MouseMoved, x, y)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.hovers.at(-1) === 'KAZ' && !document.querySelector('#tooltip').hidden || null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no hover over Kazakhstan: %v", err)
	}
	if tip := boxOf(t, ctx, "#tooltip"); math.Abs(tip.Min[0]-x-14) > 1 || math.Abs(tip.Min[1]-y-16) > 1 {
		t.Errorf("the tooltip's corner is at %v, want it just below and right of the pointer at (%.0f, %.0f)", tip.Min, x, y)
	}
	// Over to the controls panel, in steps as a hand moves: the last point
	// on the map is land just beside the panel, the next one on the panel.
	edge := boxOf(t, ctx, ".controls").Max[0]
	for _, px := range []float64{x - (x-edge)/3, x - 2*(x-edge)/3, edge + 6, edge - 30, edge - 60} {
		if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, px, y), chromedp.Sleep(80*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[map[string]any](`(() => { const tip = document.querySelector('#tooltip'); return window.hovers.at(-1) === null && tip.hidden ? {tip: tip.hidden} : null; })()`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		h, _ := chromedp.Run(ctx, chromedp.Evaluate[[]any](`window.hovers`))
		tip, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const t = document.querySelector('#tooltip'); return t.hidden ? 'hidden' : t.textContent; })()`))
		t.Errorf("over the controls the hover goes on: hover events %v, tooltip %q (%v, %v)", h, tip, got, err)
	}
}

func TestMap_tabLeavesCanvas(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(mapURL)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.silkmap.ready`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	if err := click(ctx, 640, 300); err != nil {
		t.Fatal(err)
	}
	tag, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.tagName`))
	if tag != "CANVAS" {
		t.Fatalf("after a click the focus is on %s, want the map's CANVAS", tag)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	tag, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.tagName`))
	if tag == "CANVAS" {
		t.Error("Tab left the focus on the map's canvas")
	}
}

func TestHostPage_scrollsAroundMap(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(hostURL)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("map").contentWindow.silkmap.ready`, chromedp.EvalAwaitPromise)); err != nil {
		// Cross-origin: the host cannot reach the frame's API; wait for the frame to load instead.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete"`)); err != nil {
			t.Fatal(err)
		}
	}
	wheel := func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = 1, 600 } // the protocol wants both
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseWheel, 640, 200, wheel)); err != nil {
		t.Fatal(err)
	}
	y, err := chromedp.Run(ctx, chromedp.Poll[float64](`window.scrollY > 0 ? window.scrollY : null`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || y <= 0 {
		t.Errorf("the article did not scroll under the wheel: scrollY = %v, %v", y, err)
	}
	screenshot(t, ctx, "host.png")
}

func ready(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	// Navigate has returned before the new document ran the loader (seen
	// once, on a page opened from another of the same path): wait for
	// window.silkmap itself first.
	const js = `new Promise((resolve) => { const f = () => (window.silkmap ? resolve(window.silkmap.ready.then(() => true)) : setTimeout(f, 10)); f(); })`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("ready: %v", err)
	}
}

// onScreen returns where id lies on the screen now (CSS pixels).
func onScreen(t *testing.T, ctx context.Context, id string) (orb.Bound, view.View) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`Object.assign(silkmap.getView(), {w: innerWidth, h: innerHeight})`))
	if err != nil {
		t.Fatal(err)
	}
	b, ok := prep.Bound(id, "")
	if !ok {
		t.Fatalf("no bound for %s", id)
	}
	f := func(k string) float64 { x, _ := v[k].(float64); return x }
	vw := view.View{Center: orb.Point{f("lon"), f("lat")}, Zoom: f("zoom")}
	cam := view.NewCamera(vw, geo.WebMercator, f("w"), f("h"), 1)
	return cam.BoundToScreen(b), vw
}

// eventually checks cond four times a second until it holds, for up to
// 15 s, and reports its last complaint if it never does: the camera glides
// to where it goes over frames whose pace depends on the machine's load.
func eventually(t *testing.T, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, complaint := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Error(complaint)
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// still reports whether the map draws no frame for half a second.
func still(t *testing.T, ctx context.Context) bool {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
  const before = silkmap.stats().frames;
  await new Promise((r) => setTimeout(r, 500));
  return silkmap.stats().frames === before;
})()`, chromedp.EvalAwaitPromise))
	return err == nil && ok
}

// boxOf is the screen box of the first element sel matches.
func boxOf(t *testing.T, ctx context.Context, sel string) orb.Bound {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()`, sel)))
	if err != nil || len(r) != 4 {
		t.Fatalf("box of %s: %v, %v", sel, r, err)
	}
	return orb.Bound{Min: orb.Point{r[0], r[1]}, Max: orb.Point{r[2], r[3]}}
}

func TestMap_deepLink(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"#map=5/41.3/69.3&layers=ots,cac&sel=UZB&date=2025-11-01")
	v, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`silkmap.getView()`))
	if err != nil {
		t.Fatal(err)
	}
	if v["zoom"] != 5.0 || v["lat"] != 41.3 || v["lon"] != 69.3 || v["sel"] != "UZB" || v["date"] != "2025-11-01" {
		t.Errorf("getView() after a deep link = %v", v)
	}
	if l, _ := v["layers"].([]any); len(l) != 2 || l[0] != "ots" || l[1] != "cac" {
		t.Errorf("layers = %v, want [ots cac]", v["layers"])
	}
	if title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`)); !strings.HasPrefix(title, "Uzbekistan · silkmap — ") {
		t.Errorf("title after a link selecting Uzbekistan: %q", title)
	}
	screenshot(t, ctx, "deeplink.png")

	// The URL follows the view, without adding history entries.
	before, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length`))
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView({zoom: 4, lat: 40, lon: 60})`)); !ok {
		t.Error("setView({zoom, lat, lon}) returned false")
	}
	hash, err := chromedp.Run(ctx, chromedp.Poll[string](`location.hash.startsWith("#map=4/40/60") ? location.hash : null`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("the fragment did not follow setView: %v", err)
	}
	if want := "#map=4/40/60&layers=ots,cac&sel=UZB&date=2025-11-01"; hash != want {
		t.Errorf("fragment = %q, want %q", hash, want)
	}
	after, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length`))
	if after != before {
		t.Errorf("history grew from %d to %d entries", before, after)
	}
	// setView takes a fragment string too, and merges.
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView("sel=site:bagram")`))
	v, _ = chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`silkmap.getView()`))
	if v["sel"] != "site:bagram" || v["zoom"] != 4.0 {
		t.Errorf("after setView(fragment) getView() = %v", v)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// The page shows a poster of the view while the map loads: the built one
// for the default view, one the server renders for a deep link.
func TestPage_poster(t *testing.T) {
	ctx, consoleErrors := browser(t)
	const loaded = `(() => { const p = document.querySelector(".poster"); return p.complete && p.naturalWidth > 0 ? p.currentSrc.slice(location.origin.length + 1) + " " + p.naturalWidth + "x" + p.naturalHeight : ""; })()`
	// A link to a view shows that view's picture, on a wide screen and a
	// phone too (not their posters of the default view).
	for _, tt := range []struct {
		w, h           int64
		url, src, size string
	}{
		{1280, 720, mapURL, "poster.", "1280x720"},
		{1280, 720, mapURL + "#map=5/39/69", "poster.jpg?view=map%3D5%2F39%2F69&size=1280x720", "1280x720"},
		{1280, 720, mapURL + "?v=" + url.QueryEscape("map=6/40/45"), "poster.jpg?view=map%3D6%2F40%2F45&size=1280x720", "1280x720"},
		{1440, 900, mapURL, "poster-large.", "1920x1080"},
		{1440, 900, mapURL + "#map=5/39/69", "poster.jpg?view=map%3D5%2F39%2F69&size=1440x900", "1440x900"},
		{1440, 900, mapURL + "?v=" + url.QueryEscape("map=6/40/45"), "poster.jpg?view=map%3D6%2F40%2F45&size=1280x720", "1280x720"},
		{390, 844, mapURL, "poster-phone.", "430x932"},
		{390, 844, mapURL + "#map=5/39/69", "poster.jpg?view=map%3D5%2F39%2F69&size=390x844", "390x844"},
		{820, 1180, mapURL, "poster-tablet.", "1024x1366"},
		{820, 1180, mapURL + "#map=5/39/69", "poster.jpg?view=map%3D5%2F39%2F69&size=820x1180", "820x1180"},
	} {
		// A new document, not a fragment change.
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(tt.w, tt.h), chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		ready(t, ctx, tt.url)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](loaded))
		if err != nil || !strings.HasPrefix(got, tt.src) || !strings.HasSuffix(got, " "+tt.size) {
			t.Errorf("%dx%d %s: poster %q (%v), want %s… at %s", tt.w, tt.h, tt.url, got, err, tt.src, tt.size)
		}
		// A drawn poster's address names the content's version.
		if strings.Contains(tt.src, "?view=") && !regexp.MustCompile(`&c=[0-9a-f]{10} `).MatchString(got) {
			t.Errorf("%dx%d %s: poster %q names no content version", tt.w, tt.h, tt.url, got)
		}
	}
	// A screen no larger than the poster it loads (an embed; a desktop
	// browser and a phone load their own) shows it at its own scale, about
	// its centre, and the map comes up on the poster's view there: the picture
	// is cropped, as the map is, instead of scaled.
	for _, sz := range []struct {
		w, h        int64
		poster, fit string
	}{
		{800, 500, "poster.", "none"}, {1280, 720, "poster.", "none"}, {900, 720, "poster.", "none"},
		{1024, 768, "poster-large.", "none"}, {1280, 800, "poster-large.", "none"}, {1180, 820, "poster-large.", "none"},
		{768, 1024, "poster-tablet.", "none"}, {834, 1194, "poster-tablet.", "none"}, {1024, 1366, "poster-tablet.", "none"}, {600, 1500, "poster-tablet.", "cover"},
		{390, 844, "poster-phone.", "none"}, {375, 667, "poster-phone.", "none"},
		{1440, 900, "poster-large.", "none"}, {1920, 1080, "poster-large.", "none"}, {2560, 1200, "poster-large.", "cover"},
	} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(sz.w, sz.h), chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		ready(t, ctx, mapURL+"?embed=1")
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`(() => { const p = document.querySelector(".poster"); return [p.currentSrc.split("/").pop(), getComputedStyle(p).objectFit, silkmap.getView()]; })()`))
		if err != nil || len(got) != 3 || !strings.HasPrefix(fmt.Sprint(got[0]), sz.poster) || got[1] != sz.fit {
			t.Errorf("%dx%d: poster and fit %v (%v), want %s… and %s", sz.w, sz.h, got, err, sz.poster, sz.fit)
			continue
		}
		v, _ := got[2].(map[string]any)
		lon, _ := v["lon"].(float64)
		lat, _ := v["lat"].(float64)
		if v["zoom"] != view.Default.Zoom || math.Abs(lon-view.Default.Center[0]) > 1e-4 || math.Abs(lat-view.Default.Center[1]) > 1e-4 {
			t.Errorf("%dx%d: the map came up at %v, want the poster's view %+v", sz.w, sz.h, v, view.Default)
		}
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

func TestMap_hostileFragment(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"#map=NaN/1e999/x&sel=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&date=2025-13-45&layers=ots,%00&scene=-4")
	v, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`silkmap.getView()`))
	if err != nil {
		t.Fatal(err)
	}
	if v["zoom"] != view.Default.Zoom || v["sel"] != nil || v["date"] != nil {
		t.Errorf("a hostile fragment changed the view: %v", v)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img:not(.poster)").length`)); n != 0 {
		t.Errorf("%d img elements on the page besides the poster", n)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors (bad links must only warn):\n%s", strings.Join(errs, "\n"))
	}
}

// A page script calling the API with nonsense gets false or nothing back,
// and the map keeps running (a panic in Go would stop it for good).
func TestMap_hostileAPIArguments(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL)
	calls := []string{
		`silkmap.select(42)`, `silkmap.select({})`, `silkmap.show(null)`, `silkmap.show('nope')`,
		`silkmap.setView({zoom: 'x', lat: {}, lon: []})`, `silkmap.setView(7)`, `silkmap.setLayers('ots')`,
		`silkmap.setLayers([1, null, {}])`, `silkmapShell.getInfo(5)`, `silkmapShell.getTooltip(null)`, `silkmapShell.search(undefined)`,
		`silkmapShell.playScene('x')`, `silkmapShell.click('a', {})`, `silkmapShell.click(NaN, Infinity, 'yes')`,
		`silkmapShell.reserve([[NaN, 1, 2, 3], 'x', [1, 2], [5, 5, 1, 1], null, ['1', 2, 3, 4]])`, `silkmapShell.reserve('x')`, `silkmapShell.reveal('a', null)`, `silkmapShell.reveal(1e308, -1e308)`, `silkmapShell.pointerOver({})`,
		// Arguments that throw when read, loop, or are too large to read.
		`silkmap.setView({get zoom() { throw new Error('no zoom') }})`, `silkmap.setLayers(new Proxy([], {get() { throw new Error('no') }}))`,
		`(() => { const o = {sel: 'KAZ'}; o.self = o; o.list = [o, o]; return silkmap.setView(o); })()`,
		`silkmap.setLayers(new Array(1e6).fill('ots'))`, `silkmap.setView({layers: new Array(5000)})`,
	}
	for _, c := range calls {
		chromedp.Run(ctx, chromedp.Evaluate[any](c)) // the answer does not matter; the map must survive
	}
	// Hand show a free area that is no area, or throws: it frames on the
	// whole screen.
	for _, f := range []string{`() => [NaN, 'x']`, `() => { throw new Error('no area') }`} {
		chromedp.Run(ctx, chromedp.Evaluate[any](`silkmapShell.freeArea = `+f))
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.show('site:bagram')`)); err != nil || !ok {
			t.Errorf("show after freeArea = %s: %v, %v", f, ok, err)
		}
		chromedp.Run(ctx, chromedp.Evaluate[any](`silkmapShell.reveal(10, 10)`))
	}
	f0, err := chromedp.Run(ctx, chromedp.Evaluate[int](`silkmap.stats().frames`))
	if err != nil {
		t.Fatalf("the map stopped answering: %v", err)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView({zoom: 4, lat: 40, lon: 60})`))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`silkmap.stats().frames > %d || null`, f0), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("the map draws no more frames after hostile calls: %v", err)
	}
}

// window.silkmap holds exactly what docs/embedding.md's Page API table documents;
// the page's own channel is on window.silkmapShell.
func TestPageAPI_documentedMembers(t *testing.T) {
	readme, err := os.ReadFile("../../docs/embedding.md")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := pageapi.Documented(readme)
	if len(want) == 0 {
		t.Fatal("docs/embedding.md documents no member of window.silkmap")
	}
	slices.Sort(want)
	ctx, _ := browser(t)
	ready(t, ctx, mapURL)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Object.keys(window.silkmap).sort()`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Object.keys(window.silkmap) = %v; docs/embedding.md documents %v", got, want)
	}
	shell, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Object.keys(window.silkmapShell)`))
	if err != nil || !slices.Contains(shell, "getInfo") || !slices.Contains(shell, "freeArea") {
		t.Errorf("window.silkmapShell has %v (%v); want the page's own members, getInfo and freeArea among them", shell, err)
	}
}

// Embeds keep to the map, the card, the attribution and a legend that is
// closed until the reader opens it.
func TestEmbed_legend(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 500)); err != nil {
		t.Fatal(err)
	}
	ready(t, ctx, mapURL+"?embed=1")
	state, err := chromedp.Run(ctx, chromedp.Poll[map[string]any](`(() => {
  const d = document.querySelector('details.legend');
  const shown = (q) => document.querySelector(q).getClientRects().length > 0;
  const items = [...document.querySelectorAll('#legend-list li')].map((li) => li.textContent.trim());
  return items.length ? {controls: shown('.controls'), legend: shown('details.legend'), open: d.open, items} : null;
})()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("no legend in the embed: %v", err)
	}
	if state["controls"] != false || state["legend"] != true || state["open"] != false {
		t.Errorf("embed: controls shown %v, legend shown %v, open %v; want false, true, false", state["controls"], state["legend"], state["open"])
	}
	items, _ := state["items"].([]any)
	if !slices.Contains(items, any("OTS member")) {
		t.Errorf("the embed's legend lists %v; want OTS member among them", items)
	}
	// Opened, it stays on screen and clear of the attribution and the
	// "Open full map" link.
	if c := boxOf(t, ctx, "details.legend summary").Center(); quickClick(ctx, c[0], c[1]) != nil {
		t.Fatal("clicking the legend's summary failed")
	}
	open, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('details.legend').open || null`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || !open {
		t.Fatalf("a click on the legend's summary did not open it: %v", err)
	}
	legend := boxOf(t, ctx, "details.legend")
	if legend.Min[0] < 0 || legend.Min[1] < 0 || legend.Max[0] > 800 || legend.Max[1] > 500 {
		t.Errorf("the open legend %v leaves the 800×500 frame", legend)
	}
	for _, q := range []string{".attribution", ".toolbar .open-full"} {
		if b := boxOf(t, ctx, q); b.Intersects(legend) {
			t.Errorf("the open legend %v covers %s %v", legend, q, b)
		}
	}
	screenshot(t, ctx, "embed-legend.png")
	// In a narrow embed with the card open as a sheet, the open legend
	// still covers neither the card nor the link.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 400)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select('KAZ')`)); !ok {
		t.Fatal("select KAZ failed")
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector('#info').hidden || null`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("no card: %v", err)
	}
	legend = boxOf(t, ctx, "details.legend")
	for _, q := range []string{"#info", ".toolbar .open-full", ".attribution"} {
		if b := boxOf(t, ctx, q); b.Intersects(legend) {
			t.Errorf("390×400: the open legend %v covers %s %v", legend, q, b)
		}
	}
	screenshot(t, ctx, "embed-legend-narrow.png")
}

func TestEmbed_crossOrigin(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(hostURL+"embed.html")); err != nil {
		t.Fatal(err)
	}
	type reply struct {
		Type  string
		ID    int
		Value any
		Error string
	}
	if r, err := chromedp.Run(ctx, chromedp.Evaluate[reply](`call("ready")`, chromedp.EvalAwaitPromise)); err != nil || r.Value != true {
		t.Fatalf("ready by postMessage: %+v, %v", r, err)
	}
	// Bring the map into the viewport, then wheel over it: the article scrolls.
	chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("map").scrollIntoView({block: "center"})`))
	y0, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`))
	rect, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`(() => { const r = document.getElementById("map").getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	x, y := rect["x"], rect["y"]
	wheel := func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = 1, 300 }
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseWheel, x, y, wheel)); err != nil {
		t.Fatal(err)
	}
	y1, err := chromedp.Run(ctx, chromedp.Poll[float64](fmt.Sprintf(`window.scrollY > %v ? window.scrollY : null`, y0), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("the article did not scroll past the embedded map (scrollY %v -> %v): %v", y0, y1, err)
	}
	zoom0, _ := chromedp.Run(ctx, chromedp.Evaluate[reply](`call("getView")`, chromedp.EvalAwaitPromise))
	if v, _ := zoom0.Value.(map[string]any); v["zoom"] != 3.0 {
		t.Errorf("the wheel zoomed the inactive map: %v", zoom0.Value)
	}
	// After a click the map takes the wheel.
	rect, _ = chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`(() => { const r = document.getElementById("map").getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`))
	x, y = rect["x"], rect["y"]
	if err := click(ctx, x, y); err != nil {
		t.Fatal(err)
	}
	y2, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`))
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseWheel, x, y, wheel)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`call("getView").then(r => r.value.zoom !== 3 ? true : null)`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("after a click the wheel did not zoom the map: %v", err)
	}
	if y3, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`)); y3 != y2 {
		t.Errorf("the article scrolled (%v -> %v) while the active map took the wheel", y2, y3)
	}
	// postMessage drives the map and reports its events.
	if r, _ := chromedp.Run(ctx, chromedp.Evaluate[reply](`call("select", "site:bagram")`, chromedp.EvalAwaitPromise)); r.Value != true {
		t.Errorf("select by postMessage = %+v", r)
	}
	if r, _ := chromedp.Run(ctx, chromedp.Evaluate[reply](`call("getSelection")`, chromedp.EvalAwaitPromise)); r.Value != "site:bagram" {
		t.Errorf("getSelection by postMessage = %+v", r)
	}
	if r, _ := chromedp.Run(ctx, chromedp.Evaluate[reply](`call("setView", "map=5/40/45")`, chromedp.EvalAwaitPromise)); r.Value != true {
		t.Errorf("setView by postMessage = %+v", r)
	}
	if n, err := chromedp.Run(ctx, chromedp.Poll[int](`window.events.some(e => e.event === "select" && e.value === "site:bagram") ? window.events.length : null`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("no select event reached the parent page (%d events): %v", n, err)
	}
	// show selects and flies to frame what it names.
	if r, _ := chromedp.Run(ctx, chromedp.Evaluate[reply](`call("show", "corridor:tripp")`, chromedp.EvalAwaitPromise)); r.Value != true {
		t.Errorf("show by postMessage = %+v", r)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`call("getView").then(r => r.value.sel === "corridor:tripp" && r.value.zoom > 6 ? true : null)`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("show(corridor:tripp) by postMessage did not frame TRIPP: %v", err)
	}
	if r, _ := chromedp.Run(ctx, chromedp.Evaluate[reply](`call("show", "site:atlantis")`, chromedp.EvalAwaitPromise)); r.Value != false {
		t.Errorf("show(site:atlantis) by postMessage = %+v, want false", r)
	}
	screenshot(t, ctx, "embed.png")
}

func TestPanel_selectShowsArticleLinks(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL)
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select("site:bagram")`)); !ok {
		t.Fatal("select(site:bagram) = false")
	}
	text, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const i = document.getElementById("info"); return i.hidden ? null : i.innerText; })()`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Bagram Airbase", "Central Asian States and the Bagram Dilemma", "Aleksandar Ivanović"} {
		if !strings.Contains(text, want) {
			t.Errorf("panel lacks %q:\n%s", want, text)
		}
	}
	const url = "https://www.cacianalyst.org/publications/analytical-articles.html"
	links, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#info a")].map(a => a.href + " " + a.target + " " + a.rel)`))
	if !slices.Contains(links, url+" _blank noopener noreferrer") {
		t.Errorf("panel links %v lack the article's real URL as a plain link", links)
	}
	current, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#contents [aria-current="true"]') || {}).textContent || ""`))
	if current != "Bagram Airbase" {
		t.Errorf("the contents mirror marks %q as current, want Bagram Airbase", current)
	}
	live, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("announce").textContent`))
	if !strings.Contains(live, "Bagram Airbase") {
		t.Errorf("aria-live announcement = %q", live)
	}
	screenshot(t, ctx, "panel.png")
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

func TestSearch_keyboard(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL)
	chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-input").focus()`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent("kazakh")); err != nil {
		t.Fatal(err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Poll[int](`document.querySelectorAll("#search-results li").length || null`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("no search results after typing (%d): %v", n, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	sel, err := chromedp.Run(ctx, chromedp.Poll[string](`silkmap.getSelection()`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || sel != "KAZ" {
		t.Errorf("search by keyboard selected %q, %v; want KAZ", sel, err)
	}
	// "/" from the map goes back to the search field.
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("canvas").focus(), true`))
	// (One keyDown carrying the text, as a keyboard sends it: chromedp's
	// KeyEvent adds a separate char event that no preventDefault can stop.)
	for _, p := range []input.DispatchKeyEventParams{
		{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", WindowsVirtualKeyCode: 191},
		{Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191},
	} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, p); err != nil {
			t.Fatal(err)
		}
	}
	if f, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id + "|" + document.activeElement.value`)); !strings.HasPrefix(f, "search-input|") || strings.Contains(f, "/") {
		t.Errorf("after / on the map the focus is on %q; want the search field, without a slash typed", f)
	}
	// The map flies to frame Kazakhstan between the controls on the left
	// and the card that opened on the right, not under them.
	eventually(t, func() (bool, string) {
		kaz, _ := onScreen(t, ctx, "KAZ")
		controls, card := boxOf(t, ctx, ".controls"), boxOf(t, ctx, "#info")
		gap := card.Min[0] - controls.Max[0]
		return kaz.Min[0] >= controls.Max[0] && kaz.Max[0] <= card.Min[0] && kaz.Min[1] >= 0 && kaz.Max[1] <= 720 && kaz.Max[0]-kaz.Min[0] >= 0.6*gap,
			fmt.Sprintf("Kazakhstan is at %v on screen; want it between the controls (right edge %.0f) and the card (left edge %.0f), filling 60%% of that gap", kaz, controls.Max[0], card.Min[0])
	})
	// Escape clears the selection from the panel.
	chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("info").focus()`))
	chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape))
	if sel, _ := chromedp.Run(ctx, chromedp.Poll[bool](`silkmap.getSelection() === null ? true : null`, chromedp.WithPollingTimeout(5*time.Second))); !sel {
		t.Error("Escape in the panel did not clear the selection")
	}
}

// The kinds of site are one row in the layer list, with a checkbox that
// switches them all and shows when only some are on, and their own rows
// on demand; a link's layers are shown the same way.
func TestLayers_siteKindsGrouped(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL+"#layers=ots,corridor:tripp,sites:port")
	type state struct {
		Layers, Sites, Rows          int
		KindsHidden, All, Mixed, Exp bool
		Label                        string
		View                         []string
	}
	read := func() state {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[state](`(() => {
			const g = document.querySelector("#layer-list .layer-group"), all = g.querySelector("input.group-all");
			return {
				layers: silkmapShell.getLayers().length,
				sites: silkmapShell.getLayers().filter((l) => l.id.startsWith("sites:")).length,
				rows: document.querySelectorAll("#layer-list input[name=layer]").length,
				kindsHidden: g.querySelector(".layer-group-list").hidden,
				all: all.checked, mixed: all.indeterminate,
				exp: g.querySelector(".layer-group-open").getAttribute("aria-expanded") === "true",
				label: document.getElementById(g.getAttribute("aria-labelledby")).textContent.trim(),
				view: silkmap.getView().layers,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := read()
	if st.Rows != st.Layers || st.Label != "Sites" || !st.KindsHidden || st.Exp || st.All || !st.Mixed {
		t.Fatalf("after a link with one site kind: %+v; want a closed \"Sites\" group, half on, with a row per layer", st)
	}
	click := func(sel string) {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(`+"`"+sel+"`"+`).click(), true`)); err != nil {
			t.Fatal(err)
		}
	}
	click(".layer-group-open")
	if st := read(); st.KindsHidden || !st.Exp {
		t.Errorf("the kinds' button did not open their list: %+v", st)
	}
	kinds := func(v []string) (n int) {
		for _, id := range v {
			if strings.HasPrefix(id, "sites:") {
				n++
			}
		}
		return n
	}
	// Half on: a click turns every kind on, the next every kind off.
	click("#layer-list input.group-all")
	eventually(t, func() (bool, string) {
		st := read()
		return st.All && !st.Mixed && st.Sites > 1 && kinds(st.View) == st.Sites && slices.Contains(st.View, "ots") && !slices.Contains(st.View, "csto"),
			fmt.Sprintf("after checking Sites: %+v", st)
	})
	click("#layer-list input.group-all")
	eventually(t, func() (bool, string) {
		st := read()
		return !st.All && !st.Mixed && kinds(st.View) == 0 && slices.Equal(st.View, []string{"ots", "corridor:tripp"}),
			fmt.Sprintf("after unchecking Sites: %+v", st)
	})
	click(`#layer-list input[value="sites:airbase"]`)
	eventually(t, func() (bool, string) {
		st := read()
		return st.Mixed && slices.Contains(st.View, "sites:airbase") && kinds(st.View) == 1,
			fmt.Sprintf("after checking one kind: %+v", st)
	})
	screenshot(t, ctx, "layers.png")
}

// The Embed dialog writes the snippet for the view on screen, at the size
// chosen, and links a picture of that view, which the server draws.
func TestEmbed_dialog(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"#map=5/41.3/69.3&sel=UZB")
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".embed-code").click(), true`))
	type dialog struct {
		Hidden         bool
		Snippet, Image string
		PictureHidden  bool
		Frag           string
	}
	read := func() dialog {
		d, err := chromedp.Run(ctx, chromedp.Evaluate[dialog](`(() => { const d = document.querySelector(".dialog"); return {
			hidden: d.hidden, snippet: d.querySelector("textarea").value,
			image: d.querySelector(".picture-link").href, pictureHidden: d.querySelector(".picture").hidden,
			frag: silkmap.getFragment() }; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := read()
	src := "?embed=1#" + strings.ReplaceAll(d.Frag, "&", "&amp;")
	if d.Hidden || !strings.Contains(d.Snippet, src) || !strings.Contains(d.Snippet, "aspect-ratio:16/10") {
		t.Errorf("dialog after Embed: %+v; want it open with a responsive snippet for %s", d, src)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const r = document.querySelector("input[value='800x500']"); r.click(); return true; })()`))
	if d := read(); !strings.Contains(d.Snippet, `width="800" height="500"`) || !strings.Contains(d.Snippet, src) {
		t.Errorf("snippet at 800 × 500: %s", d.Snippet)
	}
	if d.PictureHidden || !strings.HasSuffix(d.Image, "/snapshot.png?view="+url.QueryEscape(d.Frag)+"&size=1200x630") {
		t.Fatalf("picture link %q (hidden %v), want the view's snapshot at 1200x630", d.Image, d.PictureHidden)
	}
	r, err := http.Get(d.Image)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	img, err := png.Decode(r.Body)
	if err != nil || img.Bounds().Dx() != 1200 || img.Bounds().Dy() != 630 {
		t.Errorf("the picture: %v, %v; want a 1200x630 PNG", err, img)
	}
	// Escape closes the dialog.
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".dialog textarea").focus(), true`))
	chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape))
	if d := read(); !d.Hidden {
		t.Error("Escape did not close the dialog")
	}

	// Share: the view's link to the clipboard with a mouse, to the system's
	// share sheet on a touch screen (both stood in for here).
	chromedp.Run(ctx, chromedp.Evaluate[bool](`navigator.clipboard.writeText = (t) => { window.copied = t; return Promise.resolve(); };
		navigator.share = (d) => { window.shared = d; return Promise.resolve(); }; true`))
	want := mapURL + "?v=" + url.QueryEscape(d.Frag) // a served page: the link that previews the view
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".share").click(), true`))
	if got, err := chromedp.Run(ctx, chromedp.Poll[string](`window.copied || null`, chromedp.WithPollingTimeout(5*time.Second))); err != nil || got != want {
		t.Errorf("Share with a mouse copied %q (%v), want %q", got, err, want)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
		t.Fatal(err)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".share").click(), true`))
	if got, err := chromedp.Run(ctx, chromedp.Poll[string](`window.shared ? window.shared.url + " | " + window.shared.title : null`, chromedp.WithPollingTimeout(5*time.Second))); err != nil || got != want+" | Uzbekistan · silkmap — Turkic states, the CSTO, Central Asia and the Middle Corridor" {
		t.Errorf("Share on a touch screen shared %q (%v), want %q and the page's title", got, err, want)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// Play steps the timeline through its events' dates, the map following,
// and says under the slider what happened on each; Pause holds the day,
// Today ends it.
func TestTimeline_play(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL)
	date := func() string {
		d, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.getView().date || ""`))
		return d
	}
	before := boxOf(t, ctx, "#date-play")
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("date-play").click(), true`))
	first, err := chromedp.Run(ctx, chromedp.Poll[string](`silkmap.getView().date`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatalf("Play set no date: %v", err)
	}
	later, err := chromedp.Run(ctx, chromedp.Poll[string](fmt.Sprintf(`(silkmap.getView().date || "") > %q ? silkmap.getView().date : null`, first), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || !strings.HasPrefix(first, "199") {
		t.Fatalf("Play went from %q to %q (%v); want it to start in the 1990s and move on", first, later, err)
	}
	type ui struct {
		Button, Event, Label string
		EventHidden          bool
	}
	u, _ := chromedp.Run(ctx, chromedp.Evaluate[ui](`({button: document.getElementById("date-play").textContent, event: document.getElementById("date-event").textContent,
		eventHidden: document.getElementById("date-event").hidden, label: document.getElementById("date-label").textContent})`))
	if u.Button != "Pause" || u.EventHidden || u.Event == "" || u.Label < first {
		t.Errorf("while playing: %+v; want a Pause button, the day's event and the day", u)
	}
	// The button stays under the pointer as the days' events come and go.
	if during := boxOf(t, ctx, "#date-play"); during.Min != before.Min {
		t.Errorf("the Play button moved from %v to %v while playing", before.Min, during.Min)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("date-play").click(), true`))
	held := date()
	time.Sleep(2 * time.Second)
	if d := date(); d != held || d == "" {
		t.Errorf("after Pause the day went from %q to %q", held, d)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("date-play").click(), true`))
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("date-today").click(), true`))
	time.Sleep(2 * time.Second)
	if d := date(); d != "" {
		t.Errorf("Today during play left the day at %q", d)
	}
	if b, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("date-play").textContent`)); b != "Play" {
		t.Errorf("after Today the button says %q", b)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// show frames an organisation's members in force (the view's date is
// today) and a country cut by the antimeridian, not the whole world.
func TestShow_framesBodiesAndRussia(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL)
	for _, id := range []string{"ots", "RUS"} {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`silkmap.show(%q)`, id))); err != nil || !ok {
			t.Fatalf("show(%s) = %v, %v", id, ok, err)
		}
		eventually(t, func() (bool, string) {
			b, v := onScreen(t, ctx, id)
			controls, card := boxOf(t, ctx, ".controls"), boxOf(t, ctx, "#info")
			w := b.Max[0] - b.Min[0]
			return b.Min[0] >= controls.Max[0]-1 && b.Max[0] <= card.Min[0]+1 && b.Min[1] >= -1 && b.Max[1] <= 721 &&
					(w >= 0.6*(card.Min[0]-controls.Max[0]) || b.Max[1]-b.Min[1] >= 0.6*720),
				fmt.Sprintf("%s is at %v on screen at zoom %.2f; want it framed between the controls (right edge %.0f) and the card (left edge %.0f)", id, b, v.Zoom, controls.Max[0], card.Min[0])
		})
		screenshot(t, ctx, "show-"+id+".png")
	}
}

// An automated accessibility audit (axe-core, installed by make deps): no
// serious or critical violations, with the panel open; with axe's
// target-size rule on, which is what Lighthouse's target-size audit runs
// (every control at least 24 px, or that far from the next).
func TestAccessibility_axe(t *testing.T) {
	axe, err := os.ReadFile("../../build/npm/node_modules/axe-core/axe.min.js")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core missing (make deps installs it): %v", err)
		}
		t.Skip("axe-core not installed; run make deps")
	}
	// The full page, an embed with its legend open, and a phone: each with
	// a card open.
	// And in each theme: chosen by ?theme=, and the system's dark one.
	for _, page := range []struct {
		name, path string
		w, h       int64
		systemDark bool
	}{
		{"page", "", 1280, 720, false},
		{"embed", "?embed=1", 800, 500, false},
		{"phone", "", 390, 800, false},
		{"dark", "?theme=dark", 1280, 720, false},
		{"projector", "?theme=projector", 1280, 720, false},
		{"system-dark", "", 1280, 720, true},
		{"system-dark-phone", "", 390, 800, true},
	} {
		t.Run(page.name, func(t *testing.T) {
			ctx, _ := browser(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(page.w, page.h)); err != nil {
				t.Fatal(err)
			}
			if page.systemDark {
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
					t.Fatal(err)
				}
			}
			ready(t, ctx, mapURL+page.path)
			chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select("KAZ")`))
			chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("info").hidden ? null : true`))
			chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("details.legend").open = true`))
			// The site kinds' own list, too (on a phone the layers start closed).
			chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("details.layers").open = true; document.querySelector(".layer-group-open").click(); true`))
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
				t.Fatal(err)
			}
			type violation struct {
				ID, Impact, Help string
				Nodes            []struct{ HTML string }
			}
			vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"], rules: {"target-size": {enabled: true}}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => ({html: n.html}))})))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("axe %s (%s): %s %v", v.ID, v.Impact, v.Help, v.Nodes)
				} else {
					t.Logf("axe %s (%s): %s", v.ID, v.Impact, v.Help)
				}
			}
		})
	}
}

// On a phone a scene shows what it shows on the screen it was written for,
// zoomed out, above the tour panel; the card and the long controls make
// way for the caption.
func TestTour_phone(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800)); err != nil {
		t.Fatal(err)
	}
	ready(t, ctx, mapURL+"#scene=2") // Nakhchivan, selected
	st, probs := story.Load(prep.Map, assets.Content())
	if st == nil || len(st.Scenes) < 2 || len(probs) > 0 {
		t.Fatalf("the default story: %v", probs)
	}
	sv := st.Scenes[1].View
	ref := view.NewCamera(sv, geo.WebMercator, view.SceneW, view.SceneH, 1)
	west, east := ref.ScreenToLonLat(0, view.SceneH/2), ref.ScreenToLonLat(view.SceneW, view.SceneH/2)
	eventually(t, func() (bool, string) {
		_, v := onScreen(t, ctx, "site:nakhchivan")
		c := view.NewCamera(v, geo.WebMercator, 390, 800, 1)
		xw, _ := c.LonLatToScreen(west)
		xe, _ := c.LonLatToScreen(east)
		_, yc := c.LonLatToScreen(sv.Center)
		controls, tour := boxOf(t, ctx, ".controls"), boxOf(t, ctx, ".tour")
		return math.Abs(xw) < 2 && math.Abs(xe-390) < 2 && yc > controls.Max[1] && yc < tour.Min[1],
			fmt.Sprintf("the scene spans x %.0f..%.0f of 390 with its centre at y %.0f; want 0..390, between the controls (%.0f) and the tour panel (%.0f)", xw, xe, yc, controls.Max[1], tour.Min[1])
	})
	shown, _ := chromedp.Run(ctx, chromedp.Evaluate[map[string]bool](fmt.Sprintf(`({card: document.querySelector('#info').getClientRects().length > 0, timeline: document.querySelector('.timeline').getClientRects().length > 0, sel: silkmap.getSelection() === %q})`, sv.Sel)))
	if shown["card"] || shown["timeline"] || !shown["sel"] {
		t.Errorf("during the tour on a phone: card shown %v, timeline shown %v, %s selected %v; want false, false, true", shown["card"], shown["timeline"], sv.Sel, shown["sel"])
	}
	screenshot(t, ctx, "tour-phone.png")
	// A card the reader opens takes the tour panel's place until it closes.
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select('KAZ')`))
	shown, _ = chromedp.Run(ctx, chromedp.Evaluate[map[string]bool](`({card: document.querySelector('#info').getClientRects().length > 0, tour: document.querySelector('.tour').getClientRects().length > 0})`))
	if !shown["card"] || shown["tour"] {
		t.Errorf("a reader's selection during the tour: card shown %v, tour panel shown %v; want true, false", shown["card"], shown["tour"])
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select('')`))
	if tour, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('.tour').getClientRects().length > 0`)); !tour {
		t.Error("the tour panel did not come back when the card closed")
	}
}

func TestTour_sceneLink(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"#scene=8")
	// The scene is framed beside the panels, at its own zoom on a screen of
	// the size scenes are written for.
	eventually(t, func() (bool, string) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`silkmap.getView()`))
		return err == nil && v["scene"] == 8.0 && v["sel"] == "corridor:tripp" && v["zoom"] == 7.2,
			fmt.Sprintf("a scene link opened %v (%v), want scene 8 (TRIPP at zoom 7.2)", v, err)
	})
	title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".tour").hidden ? "" : document.querySelector(".tour-title").textContent`))
	if title != "TRIPP through Syunik" {
		t.Errorf("tour title = %q", title)
	}
	chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".tour-next").click()`))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`silkmap.getView().scene === 9 && silkmap.getView().sel === "site:bagram" ? true : null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("Next did not reach scene 9: %v", err)
	}
	// The flight lands on Bagram, beside the card, and the map then rests.
	eventually(t, func() (bool, string) {
		bagram, _ := onScreen(t, ctx, "site:bagram")
		card := boxOf(t, ctx, "#info")
		return still(t, ctx) && bagram.Min[0] > 0 && bagram.Max[0] < card.Min[0] && bagram.Min[1] > 0 && bagram.Max[1] < 720,
			fmt.Sprintf("scene 9 has Bagram at %v, want it resting on screen left of the card (from x = %.0f)", bagram, card.Min[0])
	})
	// The tour panel keeps clear of the card and the controls.
	tour, card, controls := boxOf(t, ctx, ".tour"), boxOf(t, ctx, "#info"), boxOf(t, ctx, ".controls")
	if tour.Max[0] > card.Min[0] || tour.Min[0] < controls.Max[0] || tour.Max[0]-tour.Min[0] < 400 {
		t.Errorf("the tour panel is at %v, want it at least 400 px wide between the controls (to %.0f) and the card (from %.0f)", tour, controls.Max[0], card.Min[0])
	}
	screenshot(t, ctx, "tour.png")
	// A clicker's keys step through the tour, from the map as from the panel.
	for _, k := range []struct {
		focus, key string
		want       int
	}{{"canvas", kb.PageDown, 10}, {".tour-next", kb.PageUp, 9}} {
		chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q).focus(), true`, k.focus)))
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k.key)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`silkmap.getView().scene === %d && document.querySelector(".tour-progress").textContent.startsWith("%d /") ? true : null`, k.want, k.want), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("%q with the focus on %s: not at scene %d", k.key, k.focus, k.want)
		}
	}
	// With no room for both, the caption speaks for the scene: no card.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(900, 700)); err != nil {
		t.Fatal(err)
	}
	if shown, _ := chromedp.Run(ctx, chromedp.Poll[[]bool](`(() => { const v = (s) => getComputedStyle(document.querySelector(s)).display !== "none"; return !v("#info") && v(".tour") ? [v("#info"), v(".tour")] : null; })()`, chromedp.WithPollingTimeout(5*time.Second))); len(shown) != 2 {
		t.Error("at 900 px wide during a scene, want the tour panel and no card")
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
