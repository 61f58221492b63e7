package raster

import (
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
)

// Golden snapshots of the ties layer and of the disputed areas, drawn from
// the shipped content (the frozen fixture has neither). Regenerate with
// go test ./render/raster -update.
func TestSnapshot_goldenTiesAndDisputed(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	p := layout.Prepare(m, geo.WebMercator)
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, view string }{
		{"ties", "map=3.6/41/58&layers=ots,ties:alliance,ties:partnership,ties:defence-agreement,ties:defence-industry,ties:intelligence,ties:arms-transfer,ties:trade,ties:investment,ties:commercial,ties:recognition,ties:training&date=2025-12-16"},
		{"disputed-caucasus", "map=5/44/40&layers=ots,csto,cac&sel=disputed:abkhazia&date=2025-12-16"},
		{"disputed-kashmir", "map=5/35/76&layers=sco&date=2025-12-16"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, warn := r.Snapshot(p, tt.view, 900, 560, 1, &style.Light)
			if len(warn) > 0 {
				t.Fatalf("view warnings: %v", warn)
			}
			checkGolden(t, tt.name, got)
		})
	}
}
