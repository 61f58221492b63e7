package layout

import (
	"os"
	"runtime"
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/gencontent"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// TestStart_linear holds the work of a page's start — loading the content,
// preparing it, the first frame's layout and labels, and the lists the page
// builds from it (contents, timeline, layers, a country's card) — to grow
// with the number of sites, not with its square, with the sites in one
// country and over the region. With 5,000 sites in one country the start
// once took minutes: the contents named each site's country by building
// the country's whole card, its thousands of linked sites included. Work is
// counted as the bytes allocated, not timed.
func TestStart_linear(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and loads seven content folders")
	}
	a, err := atlas.LoadBinary(assets.Atlas)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := NewFontMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	work := func(sites int, country string) (bytes float64) {
		dir := t.TempDir()
		if err := gencontent.Write(dir, gencontent.Options{Sites: sites, Country: country, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m, err := mapdata.LoadContent(a, os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		p := Prepare(m, geo.WebMercator)
		f := Build(p, view.Default, view.NewCamera(view.Default, geo.WebMercator, 1280, 720, 1), &style.Light)
		f.PlaceLabels(fm)
		panel.Contents(m, "")
		panel.DateSteps(m)
		view.LayerIDs(m)
		if _, ok := m.Show("KAZ"); !ok {
			t.Fatal("no KAZ")
		}
		runtime.ReadMemStats(&after)
		if len(f.Labels) == 0 {
			t.Fatal("no labels placed")
		}
		return float64(after.TotalAlloc - before.TotalAlloc)
	}
	work(0, "") // the atlas builds what it needs on first use
	// Four times the sites: linear work grows about four times, quadratic
	// sixteen.
	for _, country := range []string{"KAZ", ""} {
		b0, b1, b4 := work(0, country), work(500, country), work(2000, country)
		where := "in one country"
		if country == "" {
			where = "over the region"
		}
		if g := (b4 - b0) / (b1 - b0); g > 6 {
			t.Errorf("bytes allocated grew %.1f times from 500 to 2000 sites %s (%.1f, %.1f, %.1f MB for 0, 500, 2000), want about 4", g, where, b0/1e6, b1/1e6, b4/1e6)
		}
	}
}
