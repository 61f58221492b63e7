package raster

import (
	"flag"
	"image"
	"path/filepath"
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/golden"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

var update = flag.Bool("update", false, "rewrite the golden snapshots in testdata/")

// Golden snapshots of fixed views, compared with a tolerance. Regenerate
// with go test ./render/raster -update; a failing comparison writes
// testdata/NAME-bad.png.
func TestSnapshot_golden(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	p := layout.Prepare(m, geo.WebMercator)
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, view string
		w, h       int
		ratio      float64
	}{
		{"og-default", "date=2025-12-16", 1200, 630, 1},
		{"bagram-hidpi", "map=5.5/35/69&sel=site:bagram&date=2025-12-16", 600, 400, 2},
		{"tripp", "map=7/39.1/46.2&layers=corridor:tripp,sites:town,sites:summit-venue&sel=corridor:tripp&date=2026-02-01", 800, 500, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, warn := r.Snapshot(p, tt.view, tt.w, tt.h, tt.ratio)
			if len(warn) > 0 {
				t.Fatalf("view warnings: %v", warn)
			}
			path := filepath.Join("testdata", tt.name+".png")
			if *update {
				write(t, path, got)
				return
			}
			want := read(t, path)
			if bad := golden.Differ(got, want, 16); bad > len(got.Pix)/4/200 {
				write(t, filepath.Join("testdata", tt.name+"-bad.png"), got)
				t.Errorf("%d pixels differ from %s; wrote %s-bad.png", bad, path, tt.name)
			}
		})
	}
}

func read(t *testing.T, path string) *image.RGBA {
	t.Helper()
	img, err := golden.Read(path)
	if err != nil {
		t.Fatalf("%v (go test ./render/raster -update creates it)", err)
	}
	return img
}

func write(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := golden.Write(path, img); err != nil {
		t.Fatal(err)
	}
}

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		w, h int
		ok   bool
	}{
		{"1200x630", 1200, 630, true}, {"16X16", 16, 16, true}, {"15x100", 0, 0, false},
		{"5000x10", 0, 0, false}, {"x", 0, 0, false}, {"12x", 0, 0, false}, {"-5x-5", 0, 0, false},
	} {
		w, h, err := ParseSize(tt.in)
		if (err == nil) != tt.ok || (tt.ok && (w != tt.w || h != tt.h)) {
			t.Errorf("ParseSize(%q) = %d, %d, %v", tt.in, w, h, err)
		}
	}
}

func BenchmarkSnapshot(b *testing.B) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		b.Fatal(err)
	}
	p := layout.Prepare(m, geo.WebMercator)
	r, _ := New()
	b.ReportAllocs()
	for b.Loop() {
		r.Snapshot(p, "", 1200, 630, 1)
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1200x630", "16X16", "x", "9999999999999x1", "-0x-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, h, err := ParseSize(s)
		if err == nil && (w < MinSide || h < MinSide || w > MaxSide || h > MaxSide) {
			t.Fatalf("ParseSize(%q) accepted %dx%d", s, w, h)
		}
	})
}
