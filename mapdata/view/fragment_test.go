package view_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/view"
)

func catalog(t testing.TB) (*mapdata.Map, []string) {
	t.Helper()
	m, err := mapdata.Load(assets.Boundaries, fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	return m, view.LayerIDs(m)
}

func TestEncode_canonical(t *testing.T) {
	v := view.View{Center: orb.Point{63.0, 41.2}, Zoom: 4.5, Layers: []string{"ots", "csto"}, Sel: "site:bagram", Date: "2025-11-01"}
	if got, want := view.Encode(v), "map=4.5/41.2/63&layers=ots,csto&sel=site:bagram&date=2025-11-01"; got != want {
		t.Errorf("Encode = %q, want %q", got, want)
	}
	v = view.View{Center: orb.Point{69.123456, 41.987654}, Zoom: 5.4567, Layers: []string{}, Article: "article:bagram-dilemma", Scene: 3}
	if got, want := view.Encode(v), "map=5.46/41.9877/69.1235&layers=&article=article:bagram-dilemma&scene=3"; got != want {
		t.Errorf("Encode = %q, want %q", got, want)
	}
}

func TestDecode(t *testing.T) {
	m, layers := catalog(t)
	v, warn := view.Decode("#map=4.5/41.2/63.0&layers=ots,csto&sel=site:bagram&date=2025-11-01", view.Default, m, layers)
	want := view.View{Center: orb.Point{63, 41.2}, Zoom: 4.5, Layers: []string{"ots", "csto"}, Sel: "site:bagram", Date: "2025-11-01"}
	if !reflect.DeepEqual(v, want) || len(warn) != 0 {
		t.Errorf("Decode = %+v, %v; want %+v", v, warn, want)
	}
	none, _ := view.Decode("map=3/40/60&layers=", view.Default, m, layers)
	if none.Layers == nil || len(none.Layers) != 0 {
		t.Errorf("layers= decoded as %#v, want an empty list (no layers)", none.Layers)
	}
	def, _ := view.Decode("map=3/40/60", view.Default, m, layers)
	if def.Layers != nil {
		t.Errorf("no layers parameter decoded as %#v, want nil (defaults)", def.Layers)
	}
}

func TestDecode_hostile(t *testing.T) {
	m, layers := catalog(t)
	base := view.Default
	for _, tt := range []struct {
		in, warn string
	}{
		{"map=NaN/40/60", `"NaN" is not a number`},
		{"map=3/95/60", "out of range"},
		{"map=1e999/40/60", "is not a number"},
		{"map=3/40", "want ZOOM/LAT/LON"},
		{"sel=<script>alert(1)</script>", "unknown id"},
		{"sel=site:atlantis", `unknown id "site:atlantis"`},
		{"article=KAZ", "is not an article"},
		{"layers=ots,nato", `unknown layer "nato"`},
		{"date=2025-02-30", "not a calendar date"},
		{"date=javascript:alert(1)", "is not a date"},
		{"scene=-1", "not a scene number"},
		{"sel=%ZZ", "not valid percent-encoding"},
		{"foo=bar", `unknown parameter "foo"`},
		{"map=3/40/60&map=5/40/60", "given twice"},
		{strings.Repeat("a", view.MaxFragment+1), "longer than"},
	} {
		v, warn := view.Decode(tt.in, base, m, layers)
		if len(warn) == 0 || !strings.Contains(strings.Join(warn, "\n"), tt.warn) {
			t.Errorf("Decode(%.40q) warnings %v, want one containing %q", tt.in, warn, tt.warn)
		}
		if v.Zoom < view.MinZoom || v.Zoom > view.MaxZoom || v.Center[1] > geo.MaxLat {
			t.Errorf("Decode(%.40q) gave an out-of-range view %+v", tt.in, v)
		}
	}
	// A bad part spoils only itself.
	v, _ := view.Decode("map=NaN/1/2&sel=KAZ", base, m, layers)
	if v.Sel != "KAZ" || v.Zoom != base.Zoom {
		t.Errorf("partial decode = %+v", v)
	}
}

// A list of layers that names no layer at all leaves the layers as they
// were; one that names nothing turns them all off.
func TestDecode_layers(t *testing.T) {
	m, layers := catalog(t)
	base := view.Default
	base.Layers = []string{"ots"}
	for _, tt := range []struct {
		in    string
		want  []string
		warns int
	}{
		{"layers=csto,nope", []string{"csto"}, 1},
		{"layers=nope", []string{"ots"}, 2},
		{"layers=nope,,nato", []string{"ots"}, 3},
		{"layers=", []string{}, 0},
		{"layers=,", []string{}, 0},
	} {
		v, warn := view.Decode(tt.in, base, m, layers)
		if !slices.Equal(v.Layers, tt.want) || v.Layers == nil || len(warn) != tt.warns {
			t.Errorf("Decode(%q) layers %#v, warnings %q; want %#v, %d warnings", tt.in, v.Layers, warn, tt.want, tt.warns)
		}
	}
	// Over the default layers (nil), a refused list keeps them the
	// defaults: the fragment still leaves layers out.
	v, _ := view.Decode("layers=nato", view.Default, m, layers)
	if v.Layers != nil || strings.Contains(view.Encode(v), "layers") {
		t.Errorf("Decode(layers=nato) over the defaults: layers %#v, fragment %q", v.Layers, view.Encode(v))
	}
}

// Property: every valid view survives a round trip through its fragment.
func TestFragment_roundTrip(t *testing.T) {
	m, layers := catalog(t)
	var ids []string
	for _, c := range m.Atlas.Countries {
		ids = append(ids, c.ID)
	}
	for _, s := range m.Sites {
		ids = append(ids, s.ID)
	}
	for _, b := range m.Bodies {
		ids = append(ids, b.ID)
	}
	for _, c := range m.Corridors {
		ids = append(ids, c.ID)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		v := view.View{
			Zoom:   geo.Round(view.MinZoom+r.Float64()*(view.MaxZoom-view.MinZoom), 2),
			Center: orb.Point{geo.Round(-180+r.Float64()*360, 4), geo.Round(-85+r.Float64()*170, 4)},
		}
		if r.IntN(3) > 0 {
			v.Layers = []string{}
			for _, l := range layers {
				if r.IntN(2) == 0 {
					v.Layers = append(v.Layers, l)
				}
			}
		}
		if r.IntN(2) == 0 {
			v.Sel = ids[r.IntN(len(ids))]
		}
		if r.IntN(2) == 0 {
			v.Date = mapdata.Date(fmt.Sprintf("%04d-%02d-%02d", 1992+r.IntN(40), 1+r.IntN(12), 1+r.IntN(28)))
		}
		if r.IntN(3) == 0 {
			v.Article = m.Articles[r.IntN(len(m.Articles))].ID
		}
		if r.IntN(4) == 0 {
			v.Scene = 1 + r.IntN(20)
		}
		frag := view.Encode(v)
		got, warn := view.Decode(frag, view.Default, m, layers)
		if !reflect.DeepEqual(got, v) || len(warn) > 0 {
			t.Fatalf("case %d: %+v\n-> %q\n-> %+v (warnings %v)", i, v, frag, got, warn)
		}
	}
}

func FuzzDecode(f *testing.F) {
	m, layers := catalog(f)
	for _, s := range []string{"map=4.5/41.2/63&layers=ots,csto&sel=site:bagram&date=2025-11-01", "layers=", "scene=2&article=article:bagram-dilemma", "map=NaN/x/%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, _ := view.Decode(s, view.Default, m, layers)
		// Whatever it accepted must encode and decode to the same view.
		again, warn := view.Decode(view.Encode(v), view.Default, m, layers)
		if len(warn) > 0 {
			t.Fatalf("re-decoding %q warned %v", view.Encode(v), warn)
		}
		if view.Encode(again) != view.Encode(v) {
			t.Fatalf("%q -> %q -> %q", s, view.Encode(v), view.Encode(again))
		}
	})
}
