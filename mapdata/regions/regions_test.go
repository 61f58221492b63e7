//go:build !js

package regions

import (
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/detail"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/view"
)

// split is the detail's regions: their index (the bundle's, with the
// countries' ids for names) and their files.
var split = sync.OnceValues(func() (*Index, [][]byte) {
	rs, err := Split(assets.Detail)
	if err != nil {
		panic(err)
	}
	ix := &Index{}
	var files [][]byte
	for _, r := range rs {
		files = append(files, r.Data)
		ix.Files = append(ix.Files, File{Name: r.IDs[0], IDs: r.IDs, Cover: r.Cover})
	}
	return ix, files
})

// decode decodes each file on its own.
func decode(t *testing.T, files [][]byte) []*atlas.Atlas {
	t.Helper()
	var out []*atlas.Atlas
	for _, data := range files {
		a, err := atlas.LoadBinary(data)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// Every country of the detail is in exactly one file, which holds it
// whole: the same shape as the detail's, units included (Baikonur is in
// Kazakhstan's file); the files merged are the detail, every border once.
func TestSplit(t *testing.T) {
	ix, files := split()
	decoded := decode(t, files)
	whole := detail.Atlas()
	seen := map[string]int{}
	for fi, a := range decoded {
		var ids []string
		for _, c := range a.Countries {
			ids = append(ids, c.ID)
			seen[c.ID]++
			w, ok := whole.Country(c.ID)
			if !ok || c.Name != w.Name || c.Bound != w.Bound || !orb.Equal(a.Geometry(&c), whole.Geometry(w)) {
				t.Errorf("%s differs from the detail's", c.ID)
			}
		}
		if !slices.Equal(ids, ix.Files[fi].IDs) {
			t.Errorf("file %d holds %v, its index says %v", fi, ids, ix.Files[fi].IDs)
		}
	}
	for _, c := range whole.Countries {
		if seen[c.ID] != 1 {
			t.Errorf("%s is in %d files", c.ID, seen[c.ID])
		}
	}
	if len(seen) != len(whole.Countries) {
		t.Errorf("the files hold %d countries, the detail %d", len(seen), len(whole.Countries))
	}
	baikonur := orb.Point{63.31, 45.62}
	if c := decoded[slices.IndexFunc(ix.Files, func(f File) bool { return f.IDs[0] == "KAZ" })].At(baikonur); c == nil || c.ID != "KAZ" {
		t.Errorf("Baikonur in Kazakhstan's file: %v", c)
	}
	merged, err := atlas.LoadBinary(files...)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged.Countries) != len(whole.Countries) || len(merged.Arcs) != len(whole.Arcs) {
		t.Errorf("merged: %d countries and %d arcs, the detail %d and %d", len(merged.Countries), len(merged.Arcs), len(whole.Countries), len(whole.Arcs))
	}
}

// A file's cover holds every vertex of its land and the bound of every
// polygon, and each cell of it meets that land or its bound.
func TestSplit_covers(t *testing.T) {
	ix, files := split()
	decoded := decode(t, files)
	proj := geo.WebMercator
	for fi, a := range decoded {
		cover := ix.Files[fi].Cover
		var g grid
		g.add(cover)
		var bounds grid
		for ci := range a.Countries {
			for _, b := range a.PolygonBounds(ci) {
				bounds.mark(orb.MultiPoint{proj.Project(b.Min), proj.Project(b.Max)}.Bound())
			}
		}
		for _, arc := range a.Arcs {
			for _, p := range arc.Points {
				if w := proj.Project(p); !g.meets(orb.Bound{Min: w, Max: w}) {
					t.Fatalf("%s: the cover misses %v", ix.Files[fi].Name, p)
				}
			}
		}
		for r := range Grid {
			for c := range Grid {
				if g[r][c] && !bounds[r][c] {
					t.Fatalf("%s: cell %d, %d is off its land", ix.Files[fi].Name, r, c)
				}
			}
		}
	}
}

// A cover's runs are where they say: row 10, columns 5 to 7, and row 12,
// column 0.
func TestCover_meets(t *testing.T) {
	c := Cover{10, 5, 2, 2, 0, 0}
	cell := func(row, col float64) orb.Bound {
		p := orb.Point{(col + 0.5) / Grid, (row + 0.5) / Grid}
		return orb.Bound{Min: p, Max: p}
	}
	var g grid
	g.add(c)
	for _, x := range []struct {
		b    orb.Bound
		want bool
	}{
		{cell(10, 5), true}, {cell(10, 7), true}, {cell(12, 0), true},
		{cell(10, 8), false}, {cell(11, 6), false}, {cell(12, 1), false},
		{cell(9, 4).Union(cell(11, 5)), true},
		{orb.Bound{Min: orb.Point{-0.5, 10.5 / Grid}, Max: orb.Point{-0.1, 12.5 / Grid}}, false}, // west of the world
	} {
		if got := c.Meets(x.b); got != x.want || g.meets(x.b) != x.want {
			t.Errorf("%v: Meets %v, the grid %v; want %v", x.b, got, g.meets(x.b), x.want)
		}
	}
}

// camera is a 1280x720 screen's camera centred on lon, lat at zoom.
func camera(lon, lat, zoom float64) view.Camera {
	v := view.Default
	v.Center, v.Zoom = orb.Point{lon, lat}, zoom
	return view.NewCamera(v, geo.WebMercator, 1280, 720, 1)
}

// A view of the Fergana valley needs the files of the countries on and
// around the screen, and no other: not Russia's, whose bound reaches
// south of the screen's top across the world. Loaded, they draw the
// enclaves where they are; the screen is complete only once all are.
func TestSet(t *testing.T) {
	ix, files := split()
	fergana := camera(71.2, 40.3, 8).Bound()
	s := NewSet(ix, 1<<20)
	missing := s.Missing(fergana)
	var ids []string
	size := 0
	for _, i := range missing {
		ids = append(ids, ix.Files[i].IDs...)
		size += len(files[i])
	}
	if want := []string{"AFG", "CHN", "KAZ", "KGZ", "TJK", "UZB"}; !slices.Equal(ids, want) {
		t.Errorf("the Fergana valley needs %v, want %v", ids, want)
	}
	t.Logf("the Fergana valley: %d files, %d bytes", len(missing), size)
	if g, _, err := s.Detail(); g != nil || err != nil {
		t.Errorf("detail with nothing loaded: %v, %v", g, err)
	}
	for k, i := range missing {
		s.Add(i, files[i])
		_, complete, err := s.Detail()
		if err != nil {
			t.Fatal(err)
		}
		if last := k == len(missing)-1; complete(fergana) != last {
			t.Errorf("with %d of %d files, complete: %v", k+1, len(missing), !last)
		}
	}
	g, complete, _ := s.Detail()
	sokh := orb.Point{71.115, 39.880} // Uzbekistan's enclave, which 1:50m gives to Kyrgyzstan
	if c := g.Atlas.At(sokh); c == nil || c.ID != "UZB" {
		t.Errorf("Sokh is in %v", c)
	}
	if g.Detail != "10m" || complete(camera(37.6, 55.7, 8).Bound()) {
		t.Errorf("detail %q, complete over Moscow", g.Detail)
	}
	if len(s.Missing(camera(71.3, 40.4, 8).Bound())) != 0 {
		t.Error("a small pan needs more files")
	}
}

// Past its budget the set drops the files the last screen does not need,
// and keeps those it does however large.
func TestSet_budget(t *testing.T) {
	ix, files := split()
	s := NewSet(ix, 1)
	fergana, tbilisi := camera(71.2, 40.3, 8).Bound(), camera(44.8, 41.7, 8).Bound()
	load := func(screen orb.Bound) {
		for _, i := range s.Missing(screen) {
			s.Add(i, files[i])
		}
	}
	load(fergana)
	load(tbilisi)
	_, complete, _ := s.Detail()
	if complete(fergana) || !complete(tbilisi) {
		t.Errorf("complete over Fergana %v, over Tbilisi %v; want false, true", complete(fergana), complete(tbilisi))
	}
	s = NewSet(ix, 1<<30)
	load(fergana)
	load(tbilisi)
	if _, complete, _ := s.Detail(); !complete(fergana) || !complete(tbilisi) {
		t.Error("within the budget, a file was dropped")
	}
}
