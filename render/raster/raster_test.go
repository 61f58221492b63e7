package raster

import (
	"flag"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/internal/golden"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
)

var update = flag.Bool("update", false, "rewrite the golden snapshots in testdata/")

// Golden snapshots of fixed views, compared with a tolerance. Regenerate
// with go test ./render/raster -update; a failing comparison writes
// testdata/NAME-bad.png.
func TestSnapshot_golden(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, fixture.Content())
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
			got, warn := r.Snapshot(p, tt.view, tt.w, tt.h, tt.ratio, &style.Light)
			if len(warn) > 0 {
				t.Fatalf("view warnings: %v", warn)
			}
			checkGolden(t, tt.name, got)
		})
	}
}

// checkGolden compares got with testdata/NAME.png (-update writes it
// instead): within 16 levels but on one pixel in 200; a failure writes
// what was drawn to NAME-bad.png.
func checkGolden(t *testing.T, name string, got *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		write(t, path, got)
		return
	}
	if bad := golden.Differ(got, read(t, path), 16); bad > len(got.Pix)/4/200 {
		write(t, filepath.Join("testdata", name+"-bad.png"), got)
		t.Errorf("%d pixels differ from %s; wrote %s-bad.png", bad, path, name)
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
	m, err := mapdata.Load(assets.Boundaries, fixture.Content())
	if err != nil {
		b.Fatal(err)
	}
	p := layout.Prepare(m, geo.WebMercator)
	r, _ := New()
	b.ReportAllocs()
	for b.Loop() {
		r.Snapshot(p, "", 1200, 630, 1, &style.Light)
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

// drawGlyphs must draw exactly what font.Drawer draws with an opaque
// source, glyphs overlapping (kerning, a tight bold face), in part outside
// the mask, and at fractional origins.
func TestDrawGlyphs_sameAsDrawer(t *testing.T) {
	text, err := NewText()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		s    string
		size float64
		bold bool
		dot  fixed.Point26_6
	}{
		{"Kazakhstan", 12, false, fixed.Point26_6{X: 5 << 6, Y: 14 << 6}},
		{"AVAWAY Tajikistan", 15.5, true, fixed.Point26_6{X: 3<<6 + 17, Y: 16<<6 + 41}},
		{"Türkmenbaşy — Baku", 11, false, fixed.Point26_6{X: -7<<6 + 9, Y: 9 << 6}}, // starts left of the mask
		{"Mes Aynak copper mine", 13, true, fixed.Point26_6{X: 60 << 6, Y: 3 << 6}}, // runs past the right and top
	} {
		face := text.face(tc.size, tc.bold)
		want := image.NewAlpha(image.Rect(-2, -3, 120, 24))
		for i := range want.Pix { // a mask already partly covered
			want.Pix[i] = uint8(i * 7 % 97)
		}
		got := image.NewAlpha(want.Rect)
		copy(got.Pix, want.Pix)
		d := &font.Drawer{Dst: want, Src: image.Opaque, Face: face, Dot: tc.dot}
		d.DrawString(tc.s)
		drawGlyphs(got, face, tc.dot, tc.s)
		diff := 0
		for i := range got.Pix {
			if got.Pix[i] != want.Pix[i] {
				diff++
			}
		}
		if diff > 0 {
			t.Errorf("%q: %d of %d pixels differ from font.Drawer's", tc.s, diff, len(got.Pix))
		}
	}
}

// overHalo against its definition, sampled directly: eight bilinear
// samples of the mask (zero outside it) shifted by hr, the colour laid
// through each. Rounding may differ by one.
func TestOverHalo_definition(t *testing.T) {
	text, err := NewText()
	if err != nil {
		t.Fatal(err)
	}
	mask := image.NewAlpha(image.Rect(-4, -14, 90, 6))
	drawGlyphs(mask, text.face(13, true), fixed.Point26_6{X: 17, Y: 40}, "Ashgabat Ağ")
	halo := color.RGBA{200, 210, 220, 230}
	for _, hr := range []float64{1.4, 2.1, 2.8} {
		at := image.Pt(7, 19)
		got := image.NewRGBA(image.Rect(0, 0, 110, 40))
		for i := range got.Pix {
			got.Pix[i] = uint8(i * 13 % 251)
		}
		want := image.NewRGBA(got.Rect)
		copy(want.Pix, got.Pix)
		overHalo(got, mask, at, hr, halo)

		cov := func(i, j int) float64 {
			if !image.Pt(i, j).In(mask.Rect) {
				return 0
			}
			return float64(mask.AlphaAt(i, j).A) / 255
		}
		sample := func(x, y float64) float64 {
			i, j := math.Floor(x), math.Floor(y)
			fx, fy := x-i, y-j
			return cov(int(i), int(j))*(1-fx)*(1-fy) + cov(int(i)+1, int(j))*fx*(1-fy) +
				cov(int(i), int(j)+1)*(1-fx)*fy + cov(int(i)+1, int(j)+1)*fx*fy
		}
		alpha := float64(halo.A) / 255
		for py := 0; py < want.Rect.Dy(); py++ {
			for px := 0; px < want.Rect.Dx(); px++ {
				keep := 1.0
				for _, o := range [8][2]float64{{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}} {
					keep *= 1 - alpha*sample(float64(px-at.X)-o[0]*hr, float64(py-at.Y)-o[1]*hr)
				}
				p := want.Pix[want.PixOffset(px, py):]
				for ch, v := range [4]float64{float64(halo.R) / alpha, float64(halo.G) / alpha, float64(halo.B) / alpha, 255} {
					p[ch] = uint8(v*(1-keep) + float64(p[ch])*keep + 0.5)
				}
			}
		}
		if n := golden.Differ(got, want, 1); n > 0 {
			t.Errorf("hr %.1f: %d pixels differ by more than 1 from the definition", hr, n)
		}
	}
}

// A face that remembers glyph bounds gives a text's box as the font does,
// the first time and from memory.
func TestBoundsFace(t *testing.T) {
	text, err := NewText()
	if err != nil {
		t.Fatal(err)
	}
	for _, bold := range []bool{false, true} {
		f := text.face(13, bold)
		plain := f.(*boundsFace).Face
		for range 2 {
			for _, s := range []string{"Kazakhstan", "Ташкент", "Türkmenbaşy", "AVAV ff", ""} {
				gb, ga := font.BoundString(f, s)
				wb, wa := font.BoundString(plain, s)
				if gb != wb || ga != wa {
					t.Errorf("%q (bold %v): %v %v, want %v %v", s, bold, gb, ga, wb, wa)
				}
			}
		}
	}
}
