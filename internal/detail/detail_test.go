package detail

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// sokh is a point of Sokh, Uzbekistan's enclave in Kyrgyzstan, that 1:50m
// puts in Kyrgyzstan.
var sokh = orb.Point{71.115, 39.880}

// frameAt lays out the map centred on sokh at zoom, and says what is
// under sokh and which boundaries were drawn.
func frameAt(p *layout.Prepared, zoom float64) (picked, detail string) {
	v := view.Default
	v.Center, v.Zoom = sokh, zoom
	cam := view.NewCamera(v, geo.WebMercator, 1200, 630, 1)
	f := layout.Build(p, v, cam, &style.Light)
	x, y := cam.LonLatToScreen(sokh)
	return f.Pick(x, y), f.G.Detail
}

func TestAdd(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	p := Add(layout.Prepare(m, geo.WebMercator))
	for _, c := range []struct {
		zoom           float64
		picked, detail string
	}{
		{layout.DetailZoom - 0.5, "KGZ", layout.DetailBase},
		{layout.DetailZoom, "UZB", layout.DetailFine},
		{11, "UZB", layout.DetailFine},
	} {
		if picked, detail := frameAt(p, c.zoom); picked != c.picked || detail != c.detail {
			t.Errorf("zoom %g: %s at Sokh drawn at %s, want %s at %s", c.zoom, picked, detail, c.picked, c.detail)
		}
	}
}

// An editor's own boundaries are drawn at every zoom: no detail is added.
func TestAdd_ownBoundaries(t *testing.T) {
	folder := fstest.MapFS{mapdata.FileBoundaries: {Data: assets.Boundaries}}
	err := fs.WalkDir(fixture.Content(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fixture.Content(), path)
		folder[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m, err := mapdata.LoadContent(nil, folder)
	if err != nil || !m.OwnBoundaries {
		t.Fatalf("own boundaries: %v (own: %v)", err, m != nil && m.OwnBoundaries)
	}
	if picked, detail := frameAt(Add(layout.Prepare(m, geo.WebMercator)), 11); picked != "KGZ" || detail != layout.DetailBase {
		t.Errorf("zoom 11 with the folder's boundaries: %s drawn at %s, want KGZ at %s", picked, detail, layout.DetailBase)
	}
}

// Every unit 1:10m draws without an ISO code of its own answers as its
// sovereign, in that unit; the points are the units' own.
func TestAtlas_units(t *testing.T) {
	for _, c := range []struct {
		p         orb.Point
		iso, unit string
	}{
		{orb.Point{63.31, 45.62}, "KAZ", "Baikonur"},
		{orb.Point{-75.13, 19.93}, "CUB", "Guantánamo Bay"},
		{orb.Point{33.76, 35.0}, "GBR", "Dhekelia"},
		{orb.Point{32.95, 34.6}, "GBR", "Akrotiri"},
		{orb.Point{69.24, 41.30}, "UZB", ""}, // Tashkent: no unit
	} {
		c0, u := Atlas().AtUnit(c.p)
		unit := ""
		if u != nil {
			unit = u.Name
			if u.Note == "" {
				t.Errorf("%v: unit %s without a note", c.p, u.Name)
			}
		}
		if c0 == nil || c0.ID != c.iso || unit != c.unit {
			t.Errorf("%v: %v in %q, want %s in %q", c.p, c0, unit, c.iso, c.unit)
		}
	}
}
