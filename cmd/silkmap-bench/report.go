package main

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Budgets of issue #7 that the browser benchmark checks.
const (
	maxFirstFrame = 1000.0 // ms
	maxPoster     = 150.0  // ms
	maxTransfer   = 3.0e6  // bytes, brotli, wasm and data and poster together
	maxStart      = 150e6  // ns, native start-up (BenchmarkStart)
	maxIdleFrame  = 2e6    // ns, native game-loop work when nothing changes (BenchmarkFrame_idle)
)

type report struct {
	text string
	pass bool
}

func buildReport(rs []*renderer, results map[string][]result, refused, rounds int, native string) report {
	var b strings.Builder
	fmt.Fprintf(&b, "# Browser benchmark\n\n")
	fmt.Fprintf(&b, "Made by `make bench` (cmd/silkmap-bench) on %s: headless Chromium with SwiftShader WebGL, %d cores, 1280x720, loopback. ",
		time.Now().UTC().Format("2006-01-02"), runtime.NumCPU())
	fmt.Fprintf(&b, "Each renderer draws the same 1:50m boundaries, corridors and sites: silkmap as the explorer does, with membership patterns, labels and site symbols; MapLibre and Leaflet with plain fills, lines and circles (labels in MapLibre would need glyph files from a server). The camera goes from Istanbul to Almaty in %v while zooming 3 → 5 → 3, one step per animation frame. A control page holding only silkmap's poster image is opened in the same rounds: the floor under the poster budget. ", motion)
	fmt.Fprintf(&b, "Medians of %d interleaved rounds (%d refused because the machine was busy). Frame rates are CPU-bound here (WebGL runs on the CPU): compare ratios, not absolute numbers.\n\n", rounds, refused)
	b.WriteString("| renderer | transfer (brotli) | first frame | poster | fps | p95 frame | JS heap | wasm memory |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	med := map[string]result{}
	floor := median(results[posterPage], func(x result) float64 { return x.Poster })
	for _, r := range rs {
		res := results[r.name]
		if len(res) == 0 || r.name == posterPage {
			continue
		}
		m := result{
			Transfer:   int64(median(res, func(x result) float64 { return float64(x.Transfer) })),
			FirstFrame: median(res, func(x result) float64 { return x.FirstFrame }),
			Poster:     median(res, func(x result) float64 { return x.Poster }),
			FPS:        median(res, func(x result) float64 { return x.FPS }),
			P95:        median(res, func(x result) float64 { return x.P95 }),
			JSHeap:     median(res, func(x result) float64 { return x.JSHeap }),
			Wasm:       median(res, func(x result) float64 { return x.Wasm }),
		}
		med[r.name] = m
		poster := "—"
		if m.Poster > 0 {
			poster = fmt.Sprintf("%.0f ms", m.Poster)
		}
		wasm := "—"
		if m.Wasm > 0 {
			wasm = fmt.Sprintf("%.1f MB", m.Wasm)
		}
		fmt.Fprintf(&b, "| %s | %.2f MB | %.0f ms | %s | %.1f | %.1f ms | %.1f MB | %s |\n",
			r.name, float64(m.Transfer)/1e6, m.FirstFrame, poster, m.FPS, m.P95, m.JSHeap, wasm)
	}
	ml, haveML := med["maplibre"]
	if haveML {
		b.WriteString("\nRatios to MapLibre (transfer, first frame and p95: lower is better; fps: higher is better):\n\n")
		b.WriteString("| renderer | transfer | first frame | fps | p95 frame |\n|---|---|---|---|---|\n")
		for _, r := range rs {
			m, ok := med[r.name]
			if !ok {
				continue
			}
			fmt.Fprintf(&b, "| %s | %.2f | %.2f | %.2f | %.2f |\n", r.name,
				float64(m.Transfer)/float64(ml.Transfer), m.FirstFrame/ml.FirstFrame, m.FPS/ml.FPS, m.P95/ml.P95)
		}
	}
	pass := true
	check := func(ok bool, what string) {
		mark := "pass"
		if !ok {
			mark, pass = "FAIL", false
		}
		fmt.Fprintf(&b, "- %s: %s\n", mark, what)
	}
	sm, haveSM := med["silkmap"]
	if haveSM {
		b.WriteString("\nBudgets (silkmap):\n\n")
		if haveML {
			check(sm.FPS >= ml.FPS, fmt.Sprintf("fps %.1f ≥ MapLibre's %.1f", sm.FPS, ml.FPS))
			check(sm.P95 <= ml.P95, fmt.Sprintf("p95 frame %.1f ms ≤ MapLibre's %.1f ms", sm.P95, ml.P95))
			check(sm.FirstFrame <= ml.FirstFrame, fmt.Sprintf("first frame %.0f ms ≤ MapLibre's %.0f ms", sm.FirstFrame, ml.FirstFrame))
		}
		check(sm.FirstFrame <= maxFirstFrame, fmt.Sprintf("first frame %.0f ms ≤ %.0f ms", sm.FirstFrame, maxFirstFrame))
		posterNote := ""
		if floor > 0 {
			posterNote = fmt.Sprintf(" (a page holding nothing but the poster image: %.0f ms in this browser)", floor)
		}
		check(sm.Poster > 0 && sm.Poster <= maxPoster, fmt.Sprintf("poster on screen at %.0f ms ≤ %.0f ms%s", sm.Poster, maxPoster, posterNote))
		check(float64(sm.Transfer) <= maxTransfer, fmt.Sprintf("first-load transfer %.2f MB ≤ %.1f MB", float64(sm.Transfer)/1e6, maxTransfer/1e6))
	}
	if native != "" {
		b.WriteString("\nNative budgets (Go benchmarks; the desktop build, under Xvfb with Mesa's software GL):\n\n")
		start, okStart := goMetric(native, "BenchmarkStart", "ns/op")
		check(okStart && start <= maxStart, fmt.Sprintf("start-up (bytes to the first frame's layout) %.0f ms ≤ %.0f ms", start/1e6, maxStart/1e6))
		idle, okIdle := goMetric(native, "BenchmarkFrame_idle", "ns/op")
		check(okIdle && idle <= maxIdleFrame, fmt.Sprintf("game-loop CPU per frame when nothing changes %.1f µs ≤ %.0f ms", idle/1e3, maxIdleFrame/1e6))
		frames, okFrames := goMetric(native, "BenchmarkFrame_idle", "frames/op")
		check(okFrames && frames == 0, fmt.Sprintf("frames drawn while idle: %g per loop, want 0", frames))
		b.WriteString("\nThe Go benchmarks of this run:\n\n```\n")
		for _, line := range strings.Split(native, "\n") {
			if strings.HasPrefix(line, "Benchmark") {
				b.WriteString(line + "\n")
			}
		}
		b.WriteString("```\n")
	}
	return report{text: b.String(), pass: pass}
}

// goMetric finds a benchmark's value for a unit in go test -bench output.
func goMetric(out, name, unit string) (float64, bool) {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || (f[0] != name && !strings.HasPrefix(f[0], name+"-")) {
			continue
		}
		for i := 2; i < len(f); i++ {
			if f[i] == unit {
				v, err := strconv.ParseFloat(f[i-1], 64)
				return v, err == nil
			}
		}
	}
	return 0, false
}
