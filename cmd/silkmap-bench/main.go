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
// It then generates content folders of 10, 30 and 160 times today's size
// (package gencontent: today's content with random sites and corridors in
// the region; 160 times is 5,000 sites and 300 corridors), measures silkmap
// and MapLibre on each and reports how they grow, with a plot.
//
//	silkmap-bench [-web build/web] [-npm build/npm/node_modules] [-go build/bench-go.txt] [-rounds 5] [-scale 10,30,160] [-scale-rounds 3] [-o docs/bench.md]
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/gencontent"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

func main() {
	web := flag.String("web", "build/web", "the silkmap web bundle (make web)")
	npm := flag.String("npm", "build/npm/node_modules", "node_modules holding maplibre-gl and leaflet")
	rounds := flag.Int("rounds", 5, "interleaved rounds; each renderer is measured once per round")
	out := flag.String("o", "docs/bench.md", "the report (Markdown); the growth plot goes beside it, in img/")
	only := flag.String("only", "", "measure only this renderer (silkmap, maplibre, leaflet or "+posterPage+")")
	maxBusy := flag.Float64("max-busy", 0.25, "refuse a round when other processes keep more than this share of the CPUs busy")
	goBench := flag.String("go", "", "output of the Go benchmarks, for the native budgets")
	scales := flag.String("scale", "10,30,160", "sizes of generated content, in times today's, at which silkmap and MapLibre are measured again (none: \"\")")
	scaleRounds := flag.Int("scale-rounds", 3, "interleaved rounds at each generated size")
	detailScale := flag.Int("detail-scale", 160, "a generated size measured again with the 1:10m boundaries as the folder's own, drawn at every zoom (0: none)")
	flag.Parse()
	var sizes []int
	for _, f := range strings.FieldsFunc(*scales, func(r rune) bool { return r == ',' }) {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k <= 1 {
			fmt.Fprintf(os.Stderr, "silkmap-bench: -scale: %q is not a size above 1\n", f)
			os.Exit(2)
		}
		sizes = append(sizes, k)
	}
	if err := run(*web, *npm, *goBench, *rounds, *scaleRounds, sizes, *detailScale, *out, *only, *maxBusy); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-bench:", err)
		os.Exit(1)
	}
}

// renderer is one page under test.
type renderer struct {
	name, url string
	counter   *byteCounter
	detail    bool // measure the 1:10m detail after the motion (silkmap, today's content)
}

// A content of size k (times today's) adds to today's content the sites and
// corridors that make 5,000 sites and 300 corridors at k = 160.
func generated(k int, detail string) gencontent.Options {
	opt := gencontent.Options{Sites: 5000 * k / 160, Corridors: 300 * k / 160, Seed: 1}
	if detail == layout.DetailFine {
		opt.Boundaries = assets.Detail
	}
	return opt
}

func run(web, npm, goBench string, rounds, scaleRounds int, sizes []int, detailScale int, out, only string, maxBusy float64) error {
	if _, err := os.Stat(web + "/index.html"); err != nil {
		return fmt.Errorf("no web bundle in %s: run make web first", web)
	}
	bare, err := posterOnly(web)
	if err != nil {
		return err
	}
	today, m, err := servers(web, npm, assets.Content())
	if err != nil {
		return err
	}
	today = append(today, named{posterPage, bare})
	rs, stop, err := start(today, only)
	if err != nil {
		return err
	}
	defer stop()
	for _, r := range rs {
		r.detail = r.name == "silkmap"
	}
	results, refused, err := measureRounds(rs, rounds, maxBusy, "")
	if err != nil {
		return err
	}
	growth := []size{{k: 1, detail: layout.DetailBase, sites: len(m.Sites), corridors: len(m.Corridors)}}
	if only == "" {
		for _, k := range sizes {
			s, err := measureSize(web, npm, k, layout.DetailBase, scaleRounds, maxBusy)
			if err != nil {
				return err
			}
			growth = append(growth, s)
		}
		if detailScale > 0 {
			s, err := measureSize(web, npm, detailScale, layout.DetailFine, scaleRounds, maxBusy)
			if err != nil {
				return err
			}
			growth = append(growth, s)
		}
	}
	var native []byte
	if goBench != "" {
		if native, err = os.ReadFile(goBench); err != nil {
			return err
		}
	}
	report := buildReport(rs, results, refused, rounds, growth, scaleRounds, string(native))
	fmt.Print(report.text)
	plot := filepath.Join(filepath.Dir(out), growthPlot)
	if err := os.MkdirAll(filepath.Dir(plot), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(report.text), 0o644); err != nil {
		return err
	}
	if len(growth) > 1 {
		if err := os.WriteFile(plot, growthSVG(slices.DeleteFunc(withToday(growth, report.medians), func(g size) bool { return g.detail == layout.DetailFine })), 0o644); err != nil {
			return err
		}
	}
	if !report.pass {
		return errors.New("some budgets are not met (see the report)")
	}
	return nil
}

// named is a page under test before it is served.
type named struct {
	name string
	h    http.Handler
}

// servers makes the three renderers' sites for one content folder, and
// returns its map.
func servers(web, npm string, content fs.FS) ([]named, *mapdata.Map, error) {
	m, err := mapdata.Load(assets.Boundaries, content)
	if err != nil {
		return nil, nil, err
	}
	ml, lf, err := competitors(m, npm, content)
	if err != nil {
		return nil, nil, err
	}
	sm := server.New(server.Options{Web: os.DirFS(web), Content: content, Map: layout.Prepare(m, geo.WebMercator)})
	return []named{{"silkmap", sm}, {"maplibre", ml}, {"leaflet", lf}}, m, nil
}

// start serves each page (only the one named, if any) on its own origin.
func start(pages []named, only string) ([]*renderer, func(), error) {
	var rs []*renderer
	var srvs []*httptest.Server
	stop := func() {
		for _, s := range srvs {
			s.Close()
		}
	}
	for _, p := range pages {
		if only != "" && p.name != only {
			continue
		}
		c := count(p.h)
		srv := httptest.NewServer(c)
		srvs = append(srvs, srv)
		rs = append(rs, &renderer{name: p.name, url: srv.URL + "/", counter: c})
	}
	if len(rs) == 0 {
		stop()
		return nil, nil, fmt.Errorf("unknown renderer %q", only)
	}
	return rs, stop, nil
}

// measureRounds measures every renderer once a round, in an order that
// rotates each round.
func measureRounds(rs []*renderer, rounds int, maxBusy float64, label string) (map[string][]result, int, error) {
	results := map[string][]result{}
	var refused int
	for round := 1; round <= rounds; round++ {
		order := append(slices.Clone(rs[round%len(rs):]), rs[:round%len(rs)]...)
		for _, r := range order {
			res, why, ok, err := measure(r, maxBusy)
			if err != nil {
				return nil, 0, fmt.Errorf("round %d%s, %s: %w", round, label, r.name, err)
			}
			if !ok {
				fmt.Printf("round %d%s %-8s refused: %s\n", round, label, r.name, why)
				refused++
				continue
			}
			if r.name == posterPage {
				fmt.Printf("round %d%s %-8s poster %4.0f ms\n", round, label, r.name, res.Poster)
			} else {
				fmt.Printf("round %d%s %-8s %s\n", round, label, r.name, res)
			}
			results[r.name] = append(results[r.name], res)
		}
	}
	return results, refused, nil
}

// size is what silkmap and MapLibre did with a generated content of k
// times today's size.
type size struct {
	k, sites, corridors int
	detail              string // the boundaries: layout.DetailBase (the default ones) or DetailFine (the folder's own 1:10m)
	silkmap, maplibre   result // medians
	refused             int
}

// measureSize generates a content folder of k times today's size and
// measures silkmap and MapLibre on it.
func measureSize(web, npm string, k int, detail string, rounds int, maxBusy float64) (size, error) {
	dir, err := os.MkdirTemp("", "silkmap-bench-content")
	if err != nil {
		return size{}, err
	}
	defer os.RemoveAll(dir)
	opt := generated(k, detail)
	if err := gencontent.Write(dir, opt); err != nil {
		return size{}, err
	}
	content := os.DirFS(dir)
	pages, m, err := servers(web, npm, content)
	if err != nil {
		return size{}, err
	}
	rs, stop, err := start(pages[:2], "") // silkmap and MapLibre
	if err != nil {
		return size{}, err
	}
	defer stop()
	results, refused, err := measureRounds(rs, rounds, maxBusy, " ("+sizeLabel(k, detail)+")")
	if err != nil {
		return size{}, err
	}
	return size{k: k, detail: detail, sites: len(m.Sites), corridors: len(m.Corridors),
		silkmap: medians(results["silkmap"]), maplibre: medians(results["maplibre"]), refused: refused}, nil
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
	FirstFrame float64 // ms from navigation start to the first map frame, by the page's own mark
	API        float64 // ms from navigation start until the page API's ready has resolved and a frame is drawn
	Poster     float64 // ms to the poster image on screen (silkmap only; 0 if none)
	FPS        float64 // frames drawn per second during the motion
	P95        float64 // 95th percentile of the animation-frame interval, ms
	JSHeap     float64 // MB
	Wasm       float64 // MB of WebAssembly memory (silkmap only)
	// silkmap only: ms from the camera stopping over the Fergana valley to
	// 1:10m drawn (-1: not within 5 s), and the 1:10m files fetched
	// before (by the first load and the motion).
	Detail      float64
	DetailFiles int
}

func (r result) String() string {
	s := fmt.Sprintf("transfer %.2f MB  first frame %4.0f ms (API %4.0f ms)  poster %4.0f ms  fps %5.1f  p95 %5.1f ms  js heap %5.1f MB  wasm %5.1f MB",
		float64(r.Transfer)/1e6, r.FirstFrame, r.API, r.Poster, r.FPS, r.P95, r.JSHeap, r.Wasm)
	if r.Detail != 0 {
		s += fmt.Sprintf("  1:10m after %4.0f ms (%d files before)", r.Detail, r.DetailFiles)
	}
	return s
}

// medians is the median of each figure of rs.
func medians(rs []result) result {
	m := result{
		Transfer:   int64(median(rs, func(x result) float64 { return float64(x.Transfer) })),
		FirstFrame: median(rs, func(x result) float64 { return x.FirstFrame }),
		API:        median(rs, func(x result) float64 { return x.API }),
		Poster:     median(rs, func(x result) float64 { return x.Poster }),
		FPS:        median(rs, func(x result) float64 { return x.FPS }),
		P95:        median(rs, func(x result) float64 { return x.P95 }),
		JSHeap:     median(rs, func(x result) float64 { return x.JSHeap }),
		Wasm:       median(rs, func(x result) float64 { return x.Wasm }),
		Detail:     median(rs, func(x result) float64 { return x.Detail }),
	}
	for _, r := range rs { // the most any round fetched: one is one too many
		m.DetailFiles = max(m.DetailFiles, r.DetailFiles)
	}
	return m
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
