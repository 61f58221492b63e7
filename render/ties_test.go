package render

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/golden"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render/raster"
)

// The ties' arcs and arrowheads and the disputed areas' fills (new display
// primitives) paint the same with Ebitengine as on the CPU.
func TestRaster_matchesEbitengine_tiesAndDisputed(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	p := layout.Prepare(m, geo.WebMercator)
	d, err := NewDrawer(p)
	if err != nil {
		t.Fatal(err)
	}
	r, err := raster.New()
	if err != nil {
		t.Fatal(err)
	}
	meas, err := layout.NewFontMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []view.View{
		{Center: orb.Point{58, 41}, Zoom: 3.6, Date: "2025-12-16", Layers: []string{"ots", "csto", "ties:alliance", "ties:arms-transfer", "ties:trade", "ties:investment", "ties:recognition"}},
		{Center: orb.Point{40, 44}, Zoom: 5, Date: "2025-12-16", Sel: "disputed:crimea"},
	} {
		cam := view.NewCamera(v, geo.WebMercator, w, h, 1)
		img := ebiten.NewImage(w, h)
		f := layout.Build(p, v, cam, &style.Light)
		f.PlaceLabels(meas)
		d.Draw(img, f)
		got := image.NewRGBA(image.Rect(0, 0, w, h))
		img.ReadPixels(got.Pix)
		static, _ := r.Poster(p, view.Encode(v), w, h, 1, &style.Light)
		bad := golden.Differ(got, static, 16)
		t.Logf("view %s: %d of %d pixels differ by more than 16/255", view.Encode(v), bad, w*h)
		if limit := w * h / 1000; bad > limit {
			t.Errorf("view %s: %d pixels differ between Ebitengine and the rasteriser (allowed %d)", view.Encode(v), bad, limit)
		}
	}
}
