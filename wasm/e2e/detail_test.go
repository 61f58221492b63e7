package e2e

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

// detailFetched lists the detail's files the page has fetched.
const detailFetched = `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/detail/'))`

// toFergana moves the camera over the Fergana valley at once (it stops
// there) and resolves to the milliseconds until stats() reports detail.
const toFergana = `(async () => {
  const t0 = performance.now();
  silkmap.setView({lon: %s, lat: 40.3, zoom: 8});
  while (silkmap.stats().detail !== %q) {
    if (performance.now() - t0 > 20000) return -1;
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
})()`

func fergana(t *testing.T, ctx context.Context, lon, detail string) float64 {
	t.Helper()
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(toFergana, lon, detail), chromedp.EvalAwaitPromise))
	if err != nil || ms < 0 {
		t.Fatalf("stats().detail never %q over the Fergana valley: %v", detail, err)
	}
	return ms
}

// The 1:10m boundaries come by region once the camera rests zoomed in:
// none in the first load, the Fergana valley's within a second of the
// camera stopping there (Sokh and Shakhimardan, Uzbekistan's enclaves in
// Kyrgyzstan, where they are), 1:50m again zoomed out.
func TestDetail_fergana(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL)
	time.Sleep(time.Second) // the map at rest, below the detail's zoom
	if names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](detailFetched)); err != nil || len(names) > 0 {
		t.Errorf("the first load fetched %q (%v)", names, err)
	}
	if d, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.stats().detail`)); d != "50m" {
		t.Errorf("stats().detail at the start: %q, want 50m", d)
	}
	ms := fergana(t, ctx, "71.2", "10m")
	t.Logf("1:10m on screen %.0f ms after the camera stopped", ms)
	if ms > 1000 {
		t.Errorf("1:10m came %.0f ms after the camera stopped; want 1 s at most", ms)
	}
	names, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](detailFetched))
	size, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByType('resource').filter((e) => e.name.includes('/detail/')).reduce((n, e) => n + e.transferSize, 0)`))
	t.Logf("fetched %d files, %.0f bytes: %s", len(names), size, strings.Join(names, " "))
	if len(names) != 7 {
		t.Errorf("the Fergana valley fetched %d files; want the index and six countries'", len(names))
	}
	still(t, ctx)
	screenshot(t, ctx, "detail-fergana-10m.png")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView({zoom: 6.5}), true`)); err != nil {
		t.Fatal(err)
	}
	if d, err := chromedp.Run(ctx, chromedp.Poll[string](`silkmap.stats().detail === '50m' && '50m'`, chromedp.WithPollingTimeout(10*time.Second))); err != nil || d != "50m" {
		t.Errorf("zoomed out, stats().detail = %q, %v; want 50m", d, err)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// A fetch that fails leaves the map at 1:50m, says so once, and is tried
// again at the next stop.
func TestDetail_failedFetch(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL)
	warnings := `window.warnings = [], (() => { const w = console.warn; console.warn = (...a) => { warnings.push(a.join(' ')); w(...a); }; })(), true`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](warnings)); err != nil {
		t.Fatal(err)
	}
	block := func(patterns ...*network.BlockPattern) {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns}); err != nil {
			t.Fatal(err)
		}
	}
	block(&network.BlockPattern{URLPattern: "*://*:*/detail/*", Block: true})
	for _, lon := range []string{"71.25", "71.2"} {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`silkmap.setView({lon: %s, lat: 40.3, zoom: 8}), true`, lon))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1500 * time.Millisecond)
	}
	if d, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.stats().detail`)); d != "50m" {
		t.Errorf("with the detail blocked, stats().detail = %q, want 50m", d)
	}
	warned, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`warnings.filter((w) => w.includes('1:10m'))`))
	if len(warned) != 1 {
		t.Errorf("the failed fetches warned %d times, want once: %q", len(warned), warned)
	}
	still(t, ctx)
	screenshot(t, ctx, "detail-fergana-50m.png")
	block()
	fergana(t, ctx, "71.25", "10m") // the next stop
}

// A map that brings its own boundaries loads them in the form the server
// prepares, draws them at every zoom and fetches no detail.
func TestDetail_ownBoundaries(t *testing.T) {
	content := fstest.MapFS{mapdata.FileBoundaries: {Data: assets.Boundaries}}
	for _, name := range mapdata.ContentFiles {
		if data, err := fs.ReadFile(assets.Content(), name); err == nil {
			content[name] = &fstest.MapFile{Data: data}
		}
	}
	m, err := mapdata.Load(assets.Boundaries, content)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Options{Web: os.DirFS(webDir), Content: content, Map: layout.Prepare(m, geo.WebMercator)}))
	t.Cleanup(srv.Close)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		r, err := http.Get(srv.URL + "/content/" + mapdata.FileIndex)
		if err != nil {
			t.Fatal(err)
		}
		index, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if strings.Contains(string(index), mapdata.FilePreparedBoundaries) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not offer the prepared boundaries within a minute: %s", index)
		}
	}
	ctx, _ := browser(t)
	ready(t, ctx, srv.URL+"/#map=8/40.3/71.2")
	time.Sleep(2 * time.Second)
	if names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](detailFetched)); err != nil || len(names) > 0 {
		t.Errorf("a map with its own boundaries fetched %q (%v)", names, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("/content/boundaries."))`))
	if err != nil || len(got) != 1 || !strings.HasSuffix(got[0], "/content/"+mapdata.FilePreparedBoundaries) {
		t.Errorf("the page fetched the boundaries as %q (%v), want the prepared form only", got, err)
	}
	if sel, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.select('KAZ'), silkmap.getSelection()`)); sel != "KAZ" {
		t.Errorf("the map on the prepared boundaries selected %q, want KAZ", sel)
	}
	if d, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.stats().detail`)); d != "50m" {
		t.Errorf("stats().detail = %q, want 50m", d)
	}
}
