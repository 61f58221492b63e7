package mapdata_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/silkmap/silkmap/mapdata"
)

// Hostile content that is within the byte limits but would cost far more
// once parsed or derived is refused before that cost is paid, with one
// message, not millions.
func TestLoad_hostileButSmall(t *testing.T) {
	def := loadDefault(t).Atlas
	corridor := `{"corridors":[{"id":"corridor:x","name":"X","kind":"route","status":"planned","description":"D","sources":["https://example.org/s"]}]}`
	// A line zigzagging round the world: 2 MB of positions 340° apart.
	var zig strings.Builder
	for i := 0; zig.Len() < 2<<20; i++ {
		if i > 0 {
			zig.WriteByte(',')
		}
		fmt.Fprintf(&zig, "[%d,%g]", []int{-170, 170}[i%2], -60+math.Mod(float64(i)*0.01, 120))
	}
	for _, c := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"a 10 MB array of 5 million elements", fstest.MapFS{
			"articles.json": {Data: []byte(`{"articles":[` + strings.Repeat("1,", 5_000_000) + `1]}`)},
		}, "articles.json:$: the folder's files together hold more than 4000000 JSON values, the limit for a folder"},
		{"a 2 MB corridor zigzagging round the world", fstest.MapFS{
			"corridors.json":    {Data: []byte(corridor)},
			"corridors.geojson": {Data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[` + zig.String() + `]},"properties":{"corridor":"corridor:x","part":"p","name":"P","role":"main","mode":"pipeline","status":"planned","source":"https://example.org/s"}}]}`)},
		}, "corridors.geojson:$: checking this content against the boundaries takes more than 4000000 steps of work"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := mapdata.LoadContent(def, c.files)
			var ce *mapdata.ContentError
			if !errors.As(err, &ce) || len(ce.Problems) > 2 || !strings.Contains(ce.Problems[0].String(), c.want) {
				t.Errorf("error = %.500v; want one problem: %q", err, c.want)
			}
		})
	}
}

// A valid ring of 300,000 points whose edges all overlap in longitude (a
// comb) is within the limits: it loads, its self-intersection check being
// a sweep, not a comparison of every pair of edges.
func TestLoad_combRing(t *testing.T) {
	const teeth = 75_000 // 4 points a tooth
	var b strings.Builder
	b.WriteString(`[[60,40]`)
	for i := range teeth {
		y := 40 + float64(i)*0.0001
		fmt.Fprintf(&b, ",[70,%.6f],[70,%.6f],[60.001,%.6f],[60.001,%.6f]", y, y+0.00005, y+0.00005, y+0.0001)
	}
	fmt.Fprintf(&b, ",[60,%.6f],[60,40]]", 40+teeth*0.0001)
	site := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[` + b.String() + `]},"properties":{"id":"site:comb","name":"Comb","kind":"area","description":"D","sources":["https://example.org/s"],"coordinates_source":"https://example.org/c","accuracy":"approx"}}]}`
	m, err := mapdata.LoadContent(loadDefault(t).Atlas, fstest.MapFS{"sites.geojson": {Data: []byte(site)}})
	if err != nil {
		t.Fatalf("%.500v", err)
	}
	if len(m.Sites) != 1 {
		t.Errorf("%d sites", len(m.Sites))
	}
}
