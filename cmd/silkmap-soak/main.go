// Command silkmap-soak is the desktop soak test (make soak): a scripted
// session — pan, zoom, select, story scenes and their flights — run in a
// real window (under Xvfb in CI) for a long time, sampling the Go heap and
// the process's RSS once a minute after a warm-up (every zoom band, the
// whole world, every scene, then every variant of the script's steps). It
// fails if either grows by more than a tenth between the first and the
// last sample.
//
//	silkmap-soak [-duration 30m]
package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/interact"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render"
)

func main() {
	duration := flag.Duration("duration", 30*time.Minute, "how long to run")
	every := flag.Duration("sample", time.Minute, "how often to sample memory")
	profiles := flag.String("heapprofile", "", "if set, write a heap profile PREFIX-N.pprof at every sample")
	flag.Parse()
	if err := run(*duration, *every, *profiles); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-soak:", err)
		os.Exit(1)
	}
}

// soak drives the map one scripted step per frame.
type soak struct {
	*render.Presenter
	app   *render.App
	ids   []string
	step  int
	end   time.Time
	next  time.Time
	every time.Duration
	// warmUp are the views shown before the first sample: every zoom
	// band, the whole world from several sides, and every scene, so that
	// each level of detail's fills and the sprite cache exist, and
	// Ebitengine's vertex buffers (they keep their high-water mark; the
	// renderer bounds what a frame queues) are full size when measuring
	// starts.
	warmUp  []view.View
	prefix  string       // heap profile file prefix, or ""
	samples [][2]float64 // heap MB, RSS MB
}

func (s *soak) Update() error {
	if s.step < len(s.warmUp)*10 { // each view held for ten frames
		if s.step%10 == 0 {
			s.app.SetView(s.warmUp[s.step/10])
		}
		s.step++
		return s.Presenter.Update()
	}
	// The script's steps vary with the step count (the zoom of the jump
	// below takes 7 values, one per 600 steps): memory is sampled once
	// every variant has been seen, since Ebitengine's vertex buffers keep
	// the size of the largest frame so far.
	measuring := s.step >= len(s.warmUp)*10+7*600
	now := time.Now()
	if measuring && now.After(s.next) {
		s.sample()
		s.next = now.Add(s.every)
	}
	if now.After(s.end) {
		if measuring {
			s.sample()
		}
		return ebiten.Termination
	}
	s.step++
	v := s.app.View()
	switch s.step % 600 {
	case 0:
		s.Presenter.Do(interact.Next)
	case 150:
		s.Presenter.Do(interact.First)
	case 300:
		v.Zoom = 2 + float64(s.step%7)
		v.Center[0] = 40 + float64(s.step%50)
		s.app.SetView(v)
	case 450:
		s.app.Select(s.ids[(s.step/600)%len(s.ids)])
	default:
		if s.step%3 == 0 && !s.app.Flying() { // a slow pan, redrawing every third frame
			v.Center[0] = 40 + 30*math.Sin(float64(s.step)/200)
			s.app.SetView(v)
		}
	}
	return s.Presenter.Update()
}

func (s *soak) sample() {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s.samples = append(s.samples, [2]float64{float64(ms.HeapAlloc) / (1 << 20), rssMB()})
	last := s.samples[len(s.samples)-1]
	fmt.Printf("%s  heap %6.1f MB  rss %6.1f MB  frames %d\n", time.Now().Format("15:04:05"), last[0], last[1], s.app.Frames())
	if s.prefix != "" {
		if err := writeHeapProfile(fmt.Sprintf("%s-%d.pprof", s.prefix, len(s.samples))); err != nil {
			fmt.Fprintln(os.Stderr, "silkmap-soak:", err)
		}
	}
}

func writeHeapProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rssMB reads the resident set size from /proc (Linux).
func rssMB() float64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseFloat(f[1], 64)
	return pages * float64(os.Getpagesize()) / (1 << 20)
}

func run(duration, every time.Duration, prefix string) error {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		return err
	}
	st, probs := story.Load(m, assets.Content())
	if len(probs) > 0 || st == nil {
		return errors.New("the default story does not load")
	}
	app, err := render.NewApp(layout.Prepare(m, geo.WebMercator), view.Default)
	if err != nil {
		return err
	}
	s := &soak{Presenter: render.NewPresenter(render.NewDesktop(app), st), app: app, end: time.Now().Add(duration), every: every, prefix: prefix}
	for z := 1.0; z <= 10; z++ {
		v := view.Default
		v.Zoom = z
		s.warmUp = append(s.warmUp, v)
	}
	for _, z := range []float64{1, 1.5, 2, 2.5} {
		for _, lat := range []float64{0, 40, 70} {
			for lon := -150.0; lon <= 180; lon += 30 {
				s.warmUp = append(s.warmUp, view.View{Center: orb.Point{lon, lat}, Zoom: z})
			}
		}
	}
	for _, sc := range st.Scenes {
		s.warmUp = append(s.warmUp, sc.View)
	}
	s.ids = append(s.ids, "KAZ", "UZB", "AZE", "ARM", "TUR", "AFG")
	for _, site := range m.Sites {
		s.ids = append(s.ids, site.ID)
	}
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetScreenClearedEveryFrame(false)
	if err := ebiten.RunGame(s); err != nil {
		return err
	}
	if len(s.samples) < 2 {
		return errors.New("the run ended before the warm-up did: give it more time")
	}
	first, last := s.samples[0], s.samples[len(s.samples)-1]
	fmt.Printf("over %v: heap %.1f → %.1f MB, rss %.1f → %.1f MB\n", duration, first[0], last[0], first[1], last[1])
	if last[0] > first[0]*1.1+2 || last[1] > first[1]*1.1+10 {
		return errors.New("memory grew by more than a tenth")
	}
	return nil
}
