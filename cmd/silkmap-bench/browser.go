package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

// motion is how long the scripted camera path lasts.
const motion = 10 * time.Second

// byteCounter counts the bytes a handler sends (after compression).
type byteCounter struct {
	h http.Handler
	n atomic.Int64
}

func count(h http.Handler) *byteCounter { return &byteCounter{h: h} }

// warmPath is a blank page on every renderer's origin (see measure).
const warmPath = "/_bench_warm"

func (c *byteCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == warmPath {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><title>warm</title><p>warm</p>")
		return
	}
	c.h.ServeHTTP(&countingWriter{ResponseWriter: w, n: &c.n}, r)
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	return n, err
}

// posterTime resolves to when the poster (<img elementtiming="poster">)
// was on screen, in ms since navigation, or 0 when the page has none.
// Element Timing hands over a buffered entry some time after observe()
// (the main thread is busy while a map starts).
const posterTime = `Promise.race([
    new Promise((resolve) => new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'poster') resolve(e.renderTime || e.loadTime);
    }).observe({type: 'element', buffered: true})),
    new Promise((resolve) => setTimeout(() => resolve(0), 3000)),
  ])`

// script waits for the first map frame, then drives the camera from
// Istanbul to Almaty while zooming 3 → 5 → 3, one step per animation
// frame, and reports what it saw, with when the poster
// (<img elementtiming="poster">) was painted.
const script = `(async () => {
  const start = performance.now();
  const first = await window.bench.ready;
  // The first frame as a page using the public API sees it: once ready
  // has resolved (after the page's own handlers of it) and a frame of the
  // map has been drawn.
  while (window.bench.frames() < 1) await new Promise((r) => requestAnimationFrame(r));
  const api = performance.now();
  const poster = await ` + posterTime + `;
  await new Promise((r) => setTimeout(r, 1000));
  const at = (t) => [28.98 + (76.89 - 28.98) * t, 41.01 + (43.24 - 41.01) * t, 3 + 2 * Math.sin(Math.PI * t)];
  window.bench.jump(...at(0));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const f0 = window.bench.frames();
  const intervals = [];
  const elapsed = await new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    const tick = (now) => {
      intervals.push(now - last);
      last = now;
      const t = (now - start) / %d;
      if (t >= 1) { resolve(now - start); return; }
      window.bench.jump(...at(t));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const frames = window.bench.frames() - f0;
  const full = window.silkmap && window.silkmap.stats ? window.silkmap.stats().fullFrames : 0;
  intervals.sort((a, b) => a - b);
  const stats = window.silkmap && window.silkmap.stats ? window.silkmap.stats() : {};
  return {
    first, api, late: start > first, poster, fps: 1000 * frames / elapsed,
    p95: intervals[Math.min(intervals.length - 1, Math.floor(0.95 * intervals.length))],
    heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: stats.wasmMemory || 0, full, ticks: intervals.length,
  };
})()`

// detailScript moves silkmap's camera, at rest after the motion, to the
// Fergana valley at zoom 8 and resolves to the ms until stats().detail
// says the 1:10m boundaries are drawn (-1 when not within 5 s), with how
// many 1:10m files the page had fetched before (the first load and the
// motion should fetch none).
const detailScript = `(async () => {
  const fetched = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/detail/')).length;
  window.silkmap.setView({lon: 71.2, lat: 40.3, zoom: 8});
  const start = performance.now();
  while (window.silkmap.stats().detail !== '10m') {
    if (performance.now() - start > 5000) return [-1, fetched];
    await new Promise((r) => setTimeout(r, 10));
  }
  return [performance.now() - start, fetched];
})()`

// silkmapDriver builds window.bench on the page API. It is evaluated once
// the page has loaded (injecting a script into new documents through the
// DevTools protocol delays the page's parsing by about a second here), so
// the time of the first frame comes from the page's own User Timing mark.
const silkmapDriver = `window.bench = {
  ready: window.silkmap.ready.then(() => performance.getEntriesByName('silkmap:first-frame')[0].startTime),
  jump: (lon, lat, zoom) => window.silkmap.setView({lon, lat, zoom}),
  frames: () => window.silkmap.stats().frames,
};`

// warmed resolves once the warm page has painted its first contentful
// frame.
const warmed = `new Promise((resolve) => new PerformanceObserver((list) => {
  if (list.getEntriesByName('first-contentful-paint').length) resolve(true);
}).observe({type: 'paint', buffered: true}))`

// measure runs one round of r in a fresh browser. It reports why it did
// not measure, with ok=false, when the machine is not quiet once the
// browser has started or the harness came too late to see the first frame.
func measure(r *renderer, maxBusy float64) (res result, why string, ok bool, err error) {
	dir, err := os.MkdirTemp("", "silkmap-bench")
	if err != nil {
		return result{}, "", false, err
	}
	defer os.RemoveAll(dir)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("enable-precise-memory-info", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTimeout()
	// Start the browser on a page of the renderer's origin first and let
	// it paint and settle, so that neither the browser's start-up nor the
	// creation of the site's renderer process nor its GPU process (1.2–1.8
	// s here; a navigation right after the first page's load event waits
	// for it about one time in three) is counted: a reader comes from a
	// page already open.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720), chromedp.Navigate(strings.TrimSuffix(r.url, "/")+warmPath)); err != nil {
		return result{}, "", false, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](warmed, chromedp.EvalAwaitPromise)); err != nil {
		return result{}, "", false, err
	}
	if busy, ok := quiet(maxBusy); !ok {
		return result{}, fmt.Sprintf("%.0f%% of the CPUs busy once the browser had started", 100*busy), false, nil
	}
	r.counter.n.Store(0)
	if err := chromedp.Do(ctx, chromedp.Navigate(r.url)); err != nil {
		return result{}, "", false, err
	}
	if r.name == posterPage {
		poster, err := chromedp.Run(ctx, chromedp.Evaluate[float64](posterTime, chromedp.EvalAwaitPromise))
		return result{Transfer: r.counter.n.Load(), Poster: poster}, "", true, err
	}
	if r.name == "silkmap" {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](silkmapDriver)); err != nil {
			return result{}, "", false, err
		}
	}
	type out struct {
		First, API, Poster, FPS, P95, Heap, Wasm, Full, Ticks float64
		Late                                                  bool
	}
	o, err := chromedp.Run(ctx, chromedp.Evaluate[out](fmt.Sprintf(script, motion.Milliseconds()), chromedp.EvalAwaitPromise))
	if err != nil {
		return result{}, "", false, err
	}
	fmt.Printf("  %s: %.0f animation frames, %.0f drawn in full in all\n", r.name, o.Ticks, o.Full)
	transfer := r.counter.n.Load() // before the detail below
	detail := []float64{0, 0}
	if r.detail && !o.Late {
		if detail, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](detailScript, chromedp.EvalAwaitPromise)); err != nil {
			return result{}, "", false, err
		}
	}
	if o.Late {
		// The harness's script ran only after the map was up: its API
		// figure is when it ran, not when the map came up.
		return result{}, fmt.Sprintf("the harness's script ran after the first frame (at %.0f ms): its API figure would be late", o.API), false, nil
	}
	return result{
		Transfer: transfer, FirstFrame: o.First, API: o.API, Poster: o.Poster, FPS: o.FPS, P95: o.P95,
		JSHeap: o.Heap / (1 << 20), Wasm: o.Wasm / (1 << 20), Detail: detail[0], DetailFiles: int(detail[1]),
	}, "", true, nil
}

// quiet reports whether the machine is quiet enough to measure: the share
// of CPU time spent outside idle over a second, checked up to five times.
func quiet(maxBusy float64) (float64, bool) {
	var busy float64
	for try := 0; try < 5; try++ {
		a, errA := cpuTimes()
		time.Sleep(time.Second)
		b, errB := cpuTimes()
		if errA != nil || errB != nil {
			return 0, true // not Linux: cannot tell, measure anyway
		}
		total, idle := b[0]-a[0], b[1]-a[1]
		if total <= 0 {
			continue
		}
		if busy = 1 - idle/total; busy <= maxBusy {
			return busy, true
		}
		time.Sleep(5 * time.Second)
	}
	return busy, false
}

// cpuTimes returns the total and idle (idle + iowait) jiffies from /proc/stat.
func cpuTimes() ([2]float64, error) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return [2]float64{}, err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line)
	if len(f) < 6 || f[0] != "cpu" {
		return [2]float64{}, fmt.Errorf("/proc/stat: unexpected first line %q", line)
	}
	var t [2]float64
	for i, s := range f[1:] {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return t, err
		}
		t[0] += v
		if i == 3 || i == 4 {
			t[1] += v
		}
	}
	return t, nil
}
