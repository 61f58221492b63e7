//go:build !js

package render

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/internal/detail"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/view"
)

// Detail that arrives while the map rests zoomed in (the desktop loads it
// beside the first frames, the browser by region) is drawn without any
// input, and only where it is complete; Sokh's southern edge, which 1:50m
// gives to Kyrgyzstan, is then Uzbekistan's.
func TestApp_detailArrives(t *testing.T) {
	sokh := orb.Point{71.115, 39.880}
	v := view.Default
	v.Center, v.Zoom = sokh, 9
	p := layout.Prepare(prepared(t).Map, geo.WebMercator)
	app, err := NewApp(p, v)
	if err != nil {
		t.Fatal(err)
	}
	app.LayoutF(w, h)
	img := ebiten.NewImage(w, h)
	pick := func() (string, string) {
		x, y := app.cam.LonLatToScreen(sokh)
		return app.Frame().Pick(x, y), app.Frame().G.Detail
	}
	settle(t, app, img)
	if id, d := pick(); id != "KGZ" || d != layout.DetailBase {
		t.Fatalf("before the detail: %s at %s", id, d)
	}
	g := layout.NewGeometry(detail.Atlas(), geo.WebMercator, layout.DetailFine)
	p.SetDetail(g, func(orb.Bound) bool { return false })
	if app.needsDraw() {
		t.Error("detail that does not cover the screen asks for a drawing")
	}
	p.SetDetail(g, nil)
	if n := settle(t, app, img); n == 0 {
		t.Error("the detail's arrival drew nothing")
	}
	if id, d := pick(); id != "UZB" || d != layout.DetailFine {
		t.Errorf("with the detail: %s at %s, want UZB at %s", id, d, layout.DetailFine)
	}
}
