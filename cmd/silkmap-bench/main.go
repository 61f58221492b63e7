// Command silkmap-bench is the browser benchmark of make bench: it serves
// three pages that draw the same boundaries, corridors and sites at
// 1280x720 — silkmap, MapLibre GL JS and Leaflet (canvas) — opens each in
// a fresh headless Chromium, drives the same scripted camera path through
// it, and writes a table of medians with ratios to MapLibre and the
// budgets' pass/fail. A control page holding only silkmap's poster image
// shows how soon the browser can paint any picture.
//
// With -go, it also reads the output of the Go benchmarks (make bench runs
// them first) and reports the native budgets.
//
//	silkmap-bench [-web build/web] [-npm build/npm/node_modules] [-go build/bench-go.txt] [-rounds 3] [-o docs/bench.md]
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

func main() {
	web := flag.String("web", "build/web", "the silkmap web bundle (make web)")
	npm := flag.String("npm", "build/npm/node_modules", "node_modules holding maplibre-gl and leaflet")
	rounds := flag.Int("rounds", 3, "interleaved rounds; each renderer is measured once per round")
	out := flag.String("o", "docs/bench.md", "the report (Markdown)")
	only := flag.String("only", "", "measure only this renderer (silkmap, maplibre, leaflet or "+posterPage+")")
	maxBusy := flag.Float64("max-busy", 0.25, "refuse a round when other processes keep more than this share of the CPUs busy")
	goBench := flag.String("go", "", "output of the Go benchmarks, for the native budgets")
	flag.Parse()
	if err := run(*web, *npm, *goBench, *rounds, *out, *only, *maxBusy); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-bench:", err)
		os.Exit(1)
	}
}

// renderer is one page under test.
type renderer struct {
	name, url string
	counter   *byteCounter
}

func run(web, npm, goBench string, rounds int, out, only string, maxBusy float64) error {
	if _, err := os.Stat(web + "/index.html"); err != nil {
		return fmt.Errorf("no web bundle in %s: run make web first", web)
	}
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		return err
	}
	ml, lf, err := competitors(m, npm)
	if err != nil {
		return err
	}
	sm := server.New(server.Options{Web: os.DirFS(web), Content: assets.Content(), Map: layout.Prepare(m, geo.WebMercator)})
	bare, err := posterOnly(web)
	if err != nil {
		return err
	}
	var rs []*renderer
	for _, r := range []struct {
		name string
		h    *byteCounter
	}{{"silkmap", count(sm)}, {"maplibre", count(ml)}, {"leaflet", count(lf)}, {posterPage, count(bare)}} {
		if only != "" && r.name != only {
			continue
		}
		srv := httptest.NewServer(r.h)
		defer srv.Close()
		rs = append(rs, &renderer{name: r.name, url: srv.URL + "/", counter: r.h})
	}
	if len(rs) == 0 {
		return fmt.Errorf("unknown renderer %q", only)
	}
	results := map[string][]result{}
	var refused int
	for round := 1; round <= rounds; round++ {
		// Interleave: rotate the order each round.
		order := append(slices.Clone(rs[round%len(rs):]), rs[:round%len(rs)]...)
		for _, r := range order {
			res, busy, ok, err := measure(r, maxBusy)
			if err != nil {
				return fmt.Errorf("round %d, %s: %w", round, r.name, err)
			}
			if !ok {
				fmt.Printf("round %d %-8s refused: %.0f%% of the CPUs busy once the browser had started\n", round, r.name, 100*busy)
				refused++
				continue
			}
			if r.name == posterPage {
				fmt.Printf("round %d %-8s poster %4.0f ms\n", round, r.name, res.Poster)
			} else {
				fmt.Printf("round %d %-8s %s\n", round, r.name, res)
			}
			results[r.name] = append(results[r.name], res)
		}
	}
	var native []byte
	if goBench != "" {
		if native, err = os.ReadFile(goBench); err != nil {
			return err
		}
	}
	report := buildReport(rs, results, refused, rounds, string(native))
	fmt.Print(report.text)
	if err := os.WriteFile(out, []byte(report.text), 0o644); err != nil {
		return err
	}
	if !report.pass {
		return errors.New("some budgets are not met (see the report)")
	}
	return nil
}

// posterPage is the control page: silkmap's poster image and nothing else.
// It shows how soon this browser can put any picture on screen, the floor
// under silkmap's poster budget.
const posterPage = "poster-only"

// posterOnly serves the control page, with the web bundle's poster.
func posterOnly(web string) (http.Handler, error) {
	names, _ := filepath.Glob(filepath.Join(web, "poster.*.jpg"))
	if len(names) != 1 {
		return nil, fmt.Errorf("%s: want one poster.*.jpg, found %d", web, len(names))
	}
	name := filepath.Base(names[0])
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><title>poster</title><style>body{margin:0}img{position:fixed;inset:0;width:100%%;height:100%%;object-fit:cover}</style><img src="%s" alt="" elementtiming="poster" fetchpriority="high">`, name)
		case "/" + name:
			http.ServeFile(w, r, names[0])
		default:
			http.NotFound(w, r)
		}
	}), nil
}

// result is one renderer's numbers in one round.
type result struct {
	Transfer   int64   // bytes sent by the server until the end of the motion
	FirstFrame float64 // ms from navigation start to the first map frame
	Poster     float64 // ms to the poster image on screen (silkmap only; 0 if none)
	FPS        float64 // frames drawn per second during the motion
	P95        float64 // 95th percentile of the animation-frame interval, ms
	JSHeap     float64 // MB
	Wasm       float64 // MB of WebAssembly memory (silkmap only)
}

func (r result) String() string {
	return fmt.Sprintf("transfer %.2f MB  first frame %4.0f ms  poster %4.0f ms  fps %5.1f  p95 %5.1f ms  js heap %5.1f MB  wasm %5.1f MB",
		float64(r.Transfer)/1e6, r.FirstFrame, r.Poster, r.FPS, r.P95, r.JSHeap, r.Wasm)
}

func median(rs []result, f func(result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.SortFunc(v, cmp.Compare)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}
