package geojson

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"
)

func TestSelfIntersection(t *testing.T) {
	for _, tt := range []struct {
		name string
		ring orb.Ring
		want bool
	}{
		{"square", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, false},
		{"bow tie", orb.Ring{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}, true},
		{"concave", orb.Ring{{0, 0}, {4, 0}, {4, 4}, {2, 1}, {0, 4}, {0, 0}}, false},
		{"touching vertex", orb.Ring{{0, 0}, {4, 0}, {2, 2}, {4, 4}, {0, 4}, {2, 2}, {0, 0}}, true},
		{"spike back over itself", orb.Ring{{0, 0}, {4, 0}, {4, 4}, {4, 2}, {0, 4}, {0, 0}}, true},
		{"triangle", orb.Ring{{0, 0}, {1, 0}, {0, 1}, {0, 0}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, got := SelfIntersection(tt.ring); got != tt.want {
				t.Errorf("SelfIntersection = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReadFeatureCollection(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[69.2,41.3]},"properties":{"id":"a"}},
	 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[200,0]},"properties":{}},
	 {"type":"Feature","geometry":null,"properties":{}},
	 {"type":"Feature","geometry":{"type":"Point","coordinates":[1]},"properties":[]}
	]}`
	feats, probs := ReadFeatureCollection(gjson.Parse(in), "Point", "Polygon")
	if len(feats) != 6 || feats[0].Geometry != (orb.Point{69.2, 41.3}) || feats[0].Properties.Get("id").String() != "a" {
		t.Fatalf("features = %+v", feats)
	}
	if _, ok := feats[2].Geometry.(orb.Polygon); !ok {
		t.Errorf("polygon decoded as %T", feats[2].Geometry)
	}
	want := []string{
		`features[1].geometry.type: geometry type "LineString" is not allowed here`,
		`features[3].geometry.coordinates: position [200, 0] is out of range`,
		`features[4].geometry: missing or not a geometry object`,
		`features[5].properties: missing or not an object`,
		`features[5].geometry.coordinates: a position needs longitude and latitude`,
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Path+": "+p.Message)
	}
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("problems lack %q; got:\n%s", w, joined)
		}
	}
	if feats[3].Geometry != nil {
		t.Error("an invalid geometry was returned")
	}
}

func FuzzReadFeatureCollection(f *testing.F) {
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,0]]]},"properties":{}}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		if !gjson.Valid(s) {
			return
		}
		ReadFeatureCollection(gjson.Parse(s), "Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
	})
}
