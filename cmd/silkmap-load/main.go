// Command silkmap-load is the server's load test (make loadtest). It serves
// a built bundle (make web) in-process on loopback and sends it requests
// open-loop: at a fixed rate, each at its intended time whether or not the
// ones before it have been answered, and each request's latency is taken
// from that intended time, so a server that falls behind is charged for
// the queue it builds (a closed loop of clients would wait with it and hide
// it). The main stream asks for the page, the content, oEmbed and shared
// views' pages (`?v=`); alongside it, a slow stream asks for snapshots of
// views no one asked for before, which miss the cache and are rendered,
// and is reported on its own. Targets for the main stream: no errors and
// p99 under 100 ms at 500 requests a second for 30 s. Traffic goes to
// 127.0.0.1 only, and stops by itself.
//
//	silkmap-load [-web build/web] [-duration 30s] [-rate 500] [-snapshots 4]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

// Targets of the main stream.
const (
	targetP99 = 100 * time.Millisecond
	// maxInFlight bounds the requests outstanding at once; a request that
	// would pass it is not sent and counts as an error (the server has
	// fallen far behind).
	maxInFlight = 4096
)

func main() {
	web := flag.String("web", "build/web", "the bundle to serve")
	duration := flag.Duration("duration", 30*time.Second, "how long to load the server")
	rate := flag.Float64("rate", 500, "requests a second of the main stream (page, content, oEmbed, ?v= pages)")
	snaps := flag.Float64("snapshots", 4, "requests a second of snapshots that miss the cache, alongside")
	flag.Parse()
	if err := run(*web, *duration, *rate, *snaps); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-load:", err)
		os.Exit(1)
	}
}

func run(web string, duration time.Duration, rate, snapRate float64) error {
	if _, err := os.Stat(web + "/index.html"); err != nil {
		return fmt.Errorf("%v (make web first)", err)
	}
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		return err
	}
	prep := layout.Prepare(m, geo.WebMercator)
	prep.Warm()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server.New(server.Options{Web: os.DirFS(web), Content: assets.Content(), Map: prep})}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	base := "http://" + ln.Addr().String()

	view := "map=5/41.3/69.3&sel=site:tashkent"
	paths := []string{
		"/",
		"/content/index.json",
		"/content/articles.json",
		"/content/sites.geojson",
		"/content/bodies.json",
		"/?v=" + url.QueryEscape(view),
		"/oembed?format=json&url=" + url.QueryEscape(base+"/?v="+url.QueryEscape(view)),
	}
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 256, DisableCompression: true},
		Timeout:   10 * time.Second,
	}
	var wg sync.WaitGroup
	var main, snaps stream
	wg.Add(2)
	go func() {
		defer wg.Done()
		main.run(client, rate, duration, func(i int) string { return base + paths[i%len(paths)] })
	}()
	go func() {
		defer wg.Done()
		// Views no one asked for: each a new place, so each is drawn.
		snaps.run(client, snapRate, duration, func(i int) string {
			v := fmt.Sprintf("map=4/%.3f/%.3f", 35+float64(i%97)*0.1, 50+float64(i/97)*0.37+float64(i%7)*0.01)
			return base + "/snapshot.png?size=1200x630&view=" + url.QueryEscape(v)
		})
	}()
	wg.Wait()

	fmt.Printf("open loop, %v, from the intended send time\n\n", duration)
	fmt.Printf("| stream | rate | requests | errors | p50 | p99 | max |\n|---|---|---|---|---|---|---|\n")
	main.report(fmt.Sprintf("page, content, oEmbed, ?v= (%d paths)", len(paths)), rate)
	snaps.report("snapshots missing the cache (1200x630)", snapRate)
	if main.errs > 0 || main.pct(0.99) > targetP99 || snaps.errs > 0 {
		return fmt.Errorf("targets missed: want 0 errors and p99 < %v at %.0f req/s, and no snapshot errors", targetP99, rate)
	}
	fmt.Printf("\ntargets met: 0 errors, p99 < %v at %.0f req/s\n", targetP99, rate)
	return nil
}

// stream is one open-loop stream of requests and what came of them.
type stream struct {
	mu   sync.Mutex
	lat  []time.Duration
	errs int
}

// run sends GET url(i) for i = 0, 1, … at rate a second for d, each at its
// intended time, and waits for the answers.
func (s *stream) run(client *http.Client, rate float64, d time.Duration, url func(int) string) {
	if rate <= 0 {
		return
	}
	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now()
	inFlight := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	for i := 0; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.Sub(start) >= d {
			break
		}
		time.Sleep(time.Until(due))
		select {
		case inFlight <- struct{}{}:
		default:
			s.record(0, false)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-inFlight }()
			ok := get(client, url(i))
			s.record(time.Since(due), ok)
		}()
	}
	wg.Wait()
}

func get(client *http.Client, u string) bool {
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err == nil && resp.StatusCode == http.StatusOK
}

func (s *stream) record(lat time.Duration, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !ok {
		s.errs++
		return
	}
	s.lat = append(s.lat, lat)
}

func (s *stream) pct(p float64) time.Duration {
	if len(s.lat) == 0 {
		return 0
	}
	slices.Sort(s.lat)
	return s.lat[min(len(s.lat)-1, int(float64(len(s.lat))*p))]
}

func (s *stream) report(name string, rate float64) {
	r := func(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }
	fmt.Printf("| %s | %.0f/s | %d | %d | %v | %v | %v |\n", name, rate, len(s.lat)+s.errs, s.errs, r(s.pct(0.5)), r(s.pct(0.99)), r(s.pct(1)))
}
