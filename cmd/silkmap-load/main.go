// Command silkmap-load is the server's load test (make loadtest): it serves
// a built bundle (make web) in-process on loopback, drives it with
// concurrent clients asking for the page, the wasm (brotli) and the
// content, and reports throughput, errors and latency percentiles against
// the targets: at least 2,000 requests a second for 30 s, no errors, p99
// under 50 ms. Traffic goes to 127.0.0.1 only, and stops by itself.
//
//	silkmap-load [-web build/web] [-duration 30s] [-clients 32]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
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

func main() {
	web := flag.String("web", "build/web", "the bundle to serve")
	duration := flag.Duration("duration", 30*time.Second, "how long to load the server")
	clients := flag.Int("clients", 32, "concurrent clients")
	flag.Parse()
	if err := run(*web, *duration, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-load:", err)
		os.Exit(1)
	}
}

func run(web string, duration time.Duration, clients int) error {
	entries, err := os.ReadDir(web)
	if err != nil {
		return fmt.Errorf("%v (make web first)", err)
	}
	paths := []string{"/", "/content/articles.json", "/content/sites.geojson", "/content/index.json"}
	for _, e := range entries {
		if n := e.Name(); len(n) > 5 && n[len(n)-5:] == ".wasm" {
			paths = append(paths, "/"+n)
		}
	}
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server.New(server.Options{Web: os.DirFS(web), Content: assets.Content(), Map: layout.Prepare(m, geo.WebMercator)})}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	base := "http://" + ln.Addr().String()

	transport := &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	deadline := time.Now().Add(duration)
	var mu sync.Mutex
	var lat []time.Duration
	errs, bytes := 0, int64(0)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			myErrs, myBytes := 0, int64(0)
			for i := c; time.Now().Before(deadline); i++ {
				req, _ := http.NewRequest("GET", base+paths[i%len(paths)], nil)
				req.Header.Set("Accept-Encoding", "br, gzip")
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					myErrs++
					continue
				}
				n, err := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					myErrs++
				}
				myBytes += n
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += myErrs
			bytes += myBytes
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(float64(len(lat))*p))]
	}
	rps := float64(len(lat)) / duration.Seconds()
	fmt.Printf("| requests | req/s | errors | p50 | p99 | max | MB sent |\n|---|---|---|---|---|---|---|\n")
	fmt.Printf("| %d | %.0f | %d | %v | %v | %v | %.0f |\n", len(lat), rps, errs, pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond), float64(bytes)/(1<<20))
	fmt.Printf("paths: %v, %d clients, %v\n", paths, clients, duration)
	if rps < 2000 || errs > 0 || pct(0.99) > 50*time.Millisecond {
		return fmt.Errorf("targets missed: want ≥ 2000 req/s, 0 errors, p99 < 50 ms")
	}
	fmt.Println("targets met: ≥ 2000 req/s, 0 errors, p99 < 50 ms")
	return nil
}
