package pageapi

import (
	"encoding/json"
	"image"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// fakeApp is the map without a window: it keeps the view and records
// what it is asked to do.
type fakeApp struct {
	v                         view.View
	flights                   []view.View
	highlight                 []string
	reserved                  []orb.Bound
	over                      bool
	clicks                    [][3]any
	hover                     string
	frame                     *layout.Frame
	prep                      *layout.Prepared // a map the studio's preview set
	theme                     *style.Theme
	onSelect, onView, onHover []func()
}

func (f *fakeApp) View() view.View { return f.v }
func (f *fakeApp) SetView(v view.View) {
	f.v = v
	f.fire(f.onView)
}
func (f *fakeApp) FlyTo(v view.View) {
	f.flights = append(f.flights, v)
	f.SetView(v)
}
func (f *fakeApp) Select(id string) {
	f.v.Sel = id
	f.fire(f.onSelect)
}
func (f *fakeApp) SetHighlight(ids []string)        { f.highlight = ids }
func (f *fakeApp) SetReserved(boxes []orb.Bound)    { f.reserved = boxes }
func (f *fakeApp) SetPointerOver(over bool)         { f.over = over }
func (f *fakeApp) ClickAt(x, y float64, shift bool) { f.clicks = append(f.clicks, [3]any{x, y, shift}) }
func (f *fakeApp) Hover() string                    { return f.hover }
func (f *fakeApp) Frame() *layout.Frame             { return f.frame }
func (f *fakeApp) Pick(x, y float64) string {
	if f.frame == nil {
		return ""
	}
	return f.frame.Pick(x, y)
}
func (f *fakeApp) Frames() int               { return 12 }
func (f *fakeApp) FullFrames() int           { return 3 }
func (f *fakeApp) OnSelect(fn func())        { f.onSelect = append(f.onSelect, fn) }
func (f *fakeApp) OnView(fn func())          { f.onView = append(f.onView, fn) }
func (f *fakeApp) OnHover(fn func())         { f.onHover = append(f.onHover, fn) }
func (f *fakeApp) SetMap(p *layout.Prepared) { f.prep = p }
func (f *fakeApp) SetTheme(t *style.Theme)   { f.theme = t }
func (f *fakeApp) Capture(fn func(*image.RGBA)) {
	fn(image.NewRGBA(image.Rect(0, 0, 8, 4)))
}
func (f *fakeApp) Camera() view.Camera {
	return view.NewCamera(f.v, geo.WebMercator, 1280, 720, 1)
}
func (f *fakeApp) fire(fns []func()) {
	for _, fn := range fns {
		fn()
	}
}
func (f *fakeApp) setHover(id string) { f.hover = id; f.fire(f.onHover) }
func (f *fakeApp) lastFlight() (view.View, bool) {
	n := len(f.flights)
	if n == 0 {
		return view.View{}, false
	}
	return f.flights[n-1], true
}

// fakePage is a 1280×720 page at a device pixel ratio of 2.
type fakePage struct {
	free     any
	memory   int
	warnings []string
}

func (p *fakePage) Size() (w, h float64) { return 1280, 720 }
func (p *fakePage) FreeArea() any        { return p.free }
func (p *fakePage) PixelRatio() float64  { return 2 }
func (p *fakePage) WasmMemory() (int, bool) {
	return p.memory, p.memory > 0
}
func (p *fakePage) Warn(msg string) { p.warnings = append(p.warnings, msg) }

var loaded = sync.OnceValues(func() (*layout.Prepared, *story.Story) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		panic(err)
	}
	st, probs := story.Load(m, assets.Content())
	if len(probs) > 0 {
		panic(probs[0].String())
	}
	return layout.Prepare(m, geo.WebMercator), st
})

// newAPI is the API of the default content at the default view.
func newAPI(t *testing.T) (*API, *fakeApp, *fakePage) {
	t.Helper()
	prep, st := loaded()
	app, page := &fakeApp{v: view.Default}, &fakePage{}
	return New(app, page, prep, st), app, page
}

// call calls the table's method name and returns its result as JSON.
func call(t *testing.T, a *API, name string, args ...any) string {
	t.Helper()
	for _, m := range Methods {
		if m.Name == name {
			b, err := json.Marshal(m.Do(a, args))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return string(b)
		}
	}
	t.Fatalf("no method %s", name)
	return ""
}

// docs/embedding.md's Page API table lists exactly the loader's members and the
// table's public methods, and its paragraph on postMessage exactly ready
// and those methods: a member is documented before it is added.
func TestMethods_documented(t *testing.T) {
	readme, err := os.ReadFile("../../docs/embedding.md")
	if err != nil {
		t.Fatal(err)
	}
	members, postMessage := Documented(readme)
	want := append([]string{"ready", "on", "off"}, PostMessage()...) // ready, on and off are the loader's
	if !sameSet(members, want) {
		t.Errorf("docs/embedding.md's Page API table documents %v; window.silkmap has %v", members, want)
	}
	if want := append([]string{"ready"}, PostMessage()...); !sameSet(postMessage, want) {
		t.Errorf("docs/embedding.md lists %v for postMessage; the loader offers %v", postMessage, want)
	}
	seen := map[string]bool{}
	for _, m := range Methods {
		if seen[m.Name] {
			t.Errorf("%s is in the table twice", m.Name)
		}
		seen[m.Name] = true
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// getView writes the keys in the documented order, rounded as the
// fragment is.
func TestGetView(t *testing.T) {
	a, app, _ := newAPI(t)
	for _, tt := range []struct {
		v    view.View
		want string
	}{
		{view.View{Zoom: 4.5678, Center: orb.Point{69.987654, 41.123449}},
			`{"zoom":4.57,"lat":41.1234,"lon":69.9877,"layers":null,"sel":null,"date":null,"article":null,"scene":0}`},
		{view.View{Zoom: 5, Center: orb.Point{-3.7, 40.42}, Layers: []string{}, Sel: "KAZ", Date: "2020-01-02", Article: "article:bagram-dilemma", Scene: 2},
			`{"zoom":5,"lat":40.42,"lon":-3.7,"layers":[],"sel":"KAZ","date":"2020-01-02","article":"article:bagram-dilemma","scene":2}`},
		{view.View{Zoom: 3.2, Center: orb.Point{60, 42}, Layers: []string{"ots", "csto"}},
			`{"zoom":3.2,"lat":42,"lon":60,"layers":["ots","csto"],"sel":null,"date":null,"article":null,"scene":0}`},
	} {
		app.v = tt.v
		if got := call(t, a, "getView"); got != tt.want {
			t.Errorf("getView() of %+v = %s, want %s", tt.v, got, tt.want)
		}
		// The object and the fragment say the same view.
		back, warn := view.Decode(a.getFragment(nil).(string), view.View{}, a.m, a.layers)
		if ViewOf(back).Zoom != ViewOf(tt.v).Zoom || ViewOf(back).Lat != ViewOf(tt.v).Lat || ViewOf(back).Lon != ViewOf(tt.v).Lon || len(warn) > 0 {
			t.Errorf("the fragment of %+v reads back as %+v (%v)", tt.v, back, warn)
		}
	}
}

// setView's object says what a fragment says, with the same checks: the
// same view and a warning where Decode warns.
func TestMergeObject_likeDecode(t *testing.T) {
	prep, _ := loaded()
	m, layers := prep.Map, view.LayerIDs(prep.Map)
	base := view.View{Zoom: 3.25, Center: orb.Point{60.5, 42.25}, Layers: []string{"ots"}, Sel: "UZB", Date: "2020-01-01", Scene: 1}
	for _, tt := range []struct {
		obj      string
		fragment string
	}{
		{`{}`, ``},
		{`{"zoom": 4, "lat": 40, "lon": 60}`, `map=4/40/60`},
		{`{"zoom": 5.5}`, `map=5.5/42.25/60.5`},
		{`{"lat": -10, "lon": 170}`, `map=3.25/-10/170`},
		{`{"zoom": 0.5}`, `map=0.5/42.25/60.5`}, // clamped to the least zoom
		{`{"zoom": 30, "lat": 0}`, `map=30/0/60.5`},
		{`{"lat": 95}`, `map=3.25/95/60.5`},
		{`{"lon": -181}`, `map=3.25/42.25/-181`},
		{`{"layers": ["ots", "csto", "ots", ""]}`, `layers=ots,csto,ots,`},
		{`{"layers": []}`, `layers=`},
		{`{"layers": ["nope", "cac"]}`, `layers=nope,cac`},
		{`{"layers": ["nope", ""]}`, `layers=nope,`},
		{`{"layers": [""]}`, `layers=`},
		{`{"sel": "KAZ"}`, `sel=KAZ`},
		{`{"sel": "site:bagram", "article": "article:bagram-dilemma"}`, `sel=site:bagram&article=article:bagram-dilemma`},
		{`{"sel": "nope"}`, `sel=nope`},
		{`{"sel": ""}`, `sel=`},
		{`{"article": "KAZ"}`, `article=KAZ`},
		{`{"date": "2024-06-01"}`, `date=2024-06-01`},
		{`{"date": "2024-13-01"}`, `date=2024-13-01`},
		{`{"date": "2024"}`, `date=2024`},
		{`{"date": ""}`, `date=`},
		{`{"scene": 2}`, `scene=2`},
		{`{"scene": 2.7}`, `scene=2`},
		{`{"scene": 10000}`, `scene=10000`},
		{`{"scene": 10001}`, `scene=10001`},
		{`{"zoom": 6, "lat": 39, "lon": 45, "layers": ["cac"], "sel": "AZE", "date": "2025-11-01", "scene": 3}`,
			`map=6/39/45&layers=cac&sel=AZE&date=2025-11-01&scene=3`},
	} {
		var obj map[string]any
		if err := json.Unmarshal([]byte(tt.obj), &obj); err != nil {
			t.Fatal(err)
		}
		got, gotWarn := MergeObject(base, obj, m, layers)
		want, wantWarn := view.Decode(tt.fragment, base, m, layers)
		if view.Encode(got) != view.Encode(want) || got.Zoom != want.Zoom || got.Center != want.Center || (len(gotWarn) > 0) != (len(wantWarn) > 0) {
			t.Errorf("MergeObject(%s) = %s %v; Decode(%q) = %s %v", tt.obj, view.Encode(got), gotWarn, tt.fragment, view.Encode(want), wantWarn)
		}
	}
}

// A key given a value of another type is refused, with a warning that
// names it: the view keeps what it had there.
func TestMergeObject_wrongTypes(t *testing.T) {
	prep, _ := loaded()
	m, layers := prep.Map, view.LayerIDs(prep.Map)
	base := view.View{Zoom: 3.25, Center: orb.Point{60.5, 42.25}, Layers: []string{"ots"}, Sel: "UZB", Date: "2020-01-01", Article: "article:bagram-dilemma", Scene: 1}
	for key, bad := range map[string]any{
		"zoom": "<script>", "lat": map[string]any{}, "lon": []any{}, "layers": "ots",
		"sel": 42.0, "date": true, "article": []any{"KAZ"}, "scene": "2",
	} {
		got, warn := MergeObject(base, map[string]any{key: bad}, m, layers)
		if view.Encode(got) != view.Encode(base) || got.Zoom != base.Zoom || got.Center != base.Center {
			t.Errorf("%s: %v moved the view to %s", key, bad, view.Encode(got))
		}
		if len(warn) != 1 || !strings.HasPrefix(warn[0], key+": ") || !strings.Contains(warn[0], "ignored: want") {
			t.Errorf("%s: %v warned %q, want one warning naming %s", key, bad, warn, key)
		}
	}
	// A key the view does not have, as a typo makes.
	got, warn := MergeObject(base, map[string]any{"zom": 5.0, "<b>": nil}, m, layers)
	if view.Encode(got) != view.Encode(base) || len(warn) != 2 || !strings.HasPrefix(warn[0], `"<b>" ignored: not a key of the view (zoom, lat,`) || !strings.HasPrefix(warn[1], `"zom" ignored`) {
		t.Errorf("unknown keys: %s %q", view.Encode(got), warn)
	}
	// The keys given rightly still count.
	got, warn = MergeObject(base, map[string]any{"zoom": "x", "lat": 10.0, "lon": 20.0, "sel": "KAZ"}, m, layers)
	if got.Zoom != base.Zoom || got.Center != (orb.Point{20, 10}) || got.Sel != "KAZ" || len(warn) != 1 {
		t.Errorf("a wrong zoom beside a right lat, lon and sel: %s %v", view.Encode(got), warn)
	}
}

// What a fragment cannot say: null clears, and numbers a fragment cannot
// hold are refused.
func TestMergeObject_nullAndNaN(t *testing.T) {
	prep, _ := loaded()
	m, layers := prep.Map, view.LayerIDs(prep.Map)
	base := view.View{Zoom: 3.25, Center: orb.Point{60.5, 42.25}, Layers: []string{"ots"}, Sel: "UZB", Date: "2020-01-01", Article: "article:bagram-dilemma", Scene: 1}
	got, warn := MergeObject(base, map[string]any{"layers": nil, "sel": nil, "date": nil, "article": nil, "scene": nil}, m, layers)
	if want := (view.View{Zoom: 3.25, Center: orb.Point{60.5, 42.25}}); view.Encode(got) != view.Encode(want) || got.Layers != nil || len(warn) > 0 {
		t.Errorf("nulls: %s %v, want %s", view.Encode(got), warn, view.Encode(want))
	}
	for _, scene := range []float64{0, -4, math.NaN()} {
		if got, warn := MergeObject(base, map[string]any{"scene": scene}, m, layers); got.Scene != 0 || len(warn) > 0 {
			t.Errorf("scene %v: %d %v, want 0", scene, got.Scene, warn)
		}
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, k := range []string{"zoom", "lat", "lon"} {
			obj := map[string]any{"zoom": 4.0, "lat": 10.0, "lon": 20.0}
			obj[k] = bad
			got, warn := MergeObject(base, obj, m, layers)
			if got.Center != base.Center || got.Zoom != base.Zoom || len(warn) != 1 {
				t.Errorf("%s %v: %+v %v, want the camera unmoved and a warning", k, bad, got, warn)
			}
		}
	}
}

func TestSetView(t *testing.T) {
	a, app, page := newAPI(t)
	if got := call(t, a, "setView", map[string]any{"zoom": 4.0, "lat": 40.0, "lon": 60.0, "sel": "KAZ"}); got != "true" {
		t.Errorf("setView(object) = %s", got)
	}
	if got := call(t, a, "getFragment"); got != `"map=4/40/60\u0026sel=KAZ"` {
		t.Errorf("after setView(object) the fragment is %s", got)
	}
	if got := call(t, a, "setView", "#sel=site:bagram"); got != "true" || app.v.Sel != "site:bagram" || app.v.Zoom != 4 {
		t.Errorf("setView(fragment) = %s, view %+v", got, app.v)
	}
	if got := call(t, a, "setView", map[string]any{"sel": "nope"}); got != "false" || len(page.warnings) != 1 || !strings.HasPrefix(page.warnings[0], "silkmap: setView: sel: ") {
		t.Errorf("setView({sel: nope}) = %s, warnings %q", got, page.warnings)
	}
	page.warnings = nil
	if got := call(t, a, "setView", map[string]any{"zoom": "<script>"}); got != "false" || len(page.warnings) != 1 || page.warnings[0] != `silkmap: setView: zoom: "<script>" ignored: want a number` {
		t.Errorf("setView({zoom: '<script>'}) = %s, warnings %q", got, page.warnings)
	}
	for _, args := range []Args{{}, {7.0}, {nil}, {true}} {
		page.warnings = nil
		if got := call(t, a, "setView", args...); got != "false" || len(page.warnings) != min(len(args), 1) {
			t.Errorf("setView%v = %s, warnings %q", args, got, page.warnings)
		}
	}
}

func TestSetLayers(t *testing.T) {
	a, app, page := newAPI(t)
	if got := call(t, a, "setLayers", []any{"ots", "cac"}); got != "true" || !slices.Equal(app.v.Layers, []string{"ots", "cac"}) {
		t.Errorf("setLayers([ots cac]) = %s, layers %v", got, app.v.Layers)
	}
	if got := call(t, a, "setLayers", []any{}); got != "true" || app.v.Layers == nil || len(app.v.Layers) != 0 {
		t.Errorf("setLayers([]) = %s, layers %#v", got, app.v.Layers)
	}
	if got := call(t, a, "setLayers", []any{1.0, nil, "csto", "nope"}); got != "false" || !slices.Equal(app.v.Layers, []string{"csto"}) || len(page.warnings) != 3 {
		t.Errorf("setLayers([1 null csto nope]) = %s, layers %v, warnings %q", got, app.v.Layers, page.warnings)
	}
	if got := call(t, a, "setLayers", "ots"); got != "false" || !slices.Equal(app.v.Layers, []string{"csto"}) {
		t.Errorf("setLayers(ots) = %s, layers %v", got, app.v.Layers)
	}
	// Empty ids name nothing: with no other id, every layer turns off.
	for _, tt := range []struct {
		list []any
		want []string
	}{{[]any{""}, []string{}}, {[]any{"", "ots"}, []string{"ots"}}} {
		page.warnings = nil
		if got := call(t, a, "setLayers", tt.list); got != "true" || !slices.Equal(app.v.Layers, tt.want) || app.v.Layers == nil || len(page.warnings) != 0 {
			t.Errorf("setLayers(%q) = %s, layers %#v, warnings %q", tt.list, got, app.v.Layers, page.warnings)
		}
	}
	call(t, a, "setLayers", []any{"csto"})
	// A list of no layer at all is refused whole: the layers stay.
	for _, tt := range []struct {
		list  []any
		warns int
	}{{[]any{"nope"}, 2}, {[]any{1.0, nil}, 3}, {[]any{"", "nato"}, 2}} {
		page.warnings = nil
		if got := call(t, a, "setLayers", tt.list); got != "false" || !slices.Equal(app.v.Layers, []string{"csto"}) || len(page.warnings) != tt.warns {
			t.Errorf("setLayers(%v) = %s, layers %v, warnings %q", tt.list, got, app.v.Layers, page.warnings)
		}
	}
}

func TestSelectAndShow(t *testing.T) {
	a, app, page := newAPI(t)
	for _, tt := range []struct {
		args Args
		want string
		sel  string
	}{
		{Args{"KAZ"}, "true", "KAZ"},
		{Args{"nope"}, "false", "KAZ"},
		{Args{""}, "true", ""},
		{Args{"site:bagram"}, "true", "site:bagram"},
		{Args{42.0}, "true", ""}, // not an id: clears, as ""
	} {
		if got := call(t, a, "select", tt.args...); got != tt.want || app.v.Sel != tt.sel {
			t.Errorf("select%v = %s, selection %q; want %s, %q", tt.args, got, app.v.Sel, tt.want, tt.sel)
		}
		if want, _ := json.Marshal(nullable(tt.sel)); call(t, a, "getSelection") != string(want) {
			t.Errorf("getSelection() = %s, want %s", call(t, a, "getSelection"), want)
		}
	}
	if got := call(t, a, "show", "site:atlantis"); got != "false" || len(app.flights) != 0 {
		t.Errorf("show(site:atlantis) = %s, flights %v", got, app.flights)
	}
	// show frames what it shows in the free area the page gives, or on
	// the whole screen when what it gives is no area.
	prep, _ := loaded()
	for _, free := range []any{nil, []any{400.0, 0.0, 1280.0, 720.0}, []any{math.NaN(), "x"}} {
		page.free = free
		if got := call(t, a, "show", "corridor:tripp"); got != "true" || app.v.Sel != "corridor:tripp" || app.v.Zoom < 6 {
			t.Errorf("show(corridor:tripp) with free area %v = %s, view %+v", free, got, app.v)
		}
		b, _ := prep.Bound("corridor:tripp", "")
		at := view.NewCamera(app.v, geo.WebMercator, 1280, 720, 1).BoundToScreen(b).Center()
		area := view.Area(orb.Bound{}, 1280, 720)
		if l, ok := free.([]any); ok && len(l) == 4 {
			area = orb.Bound{Min: orb.Point{400, 0}, Max: orb.Point{1280, 720}}
		}
		if c := area.Center(); math.Abs(at[0]-c[0]) > 1 || math.Abs(at[1]-c[1]) > 1 {
			t.Errorf("free area %v: TRIPP framed about %v, want %v", free, at, c)
		}
	}
	if got := call(t, a, "show", "article:bagram-dilemma"); got != "true" || app.v.Article != "article:bagram-dilemma" || app.v.Sel != "corridor:tripp" {
		t.Errorf("show(article) = %s, view %+v; want the article read and the selection kept", got, app.v)
	}
}

// The page's reports come in CSS pixels and reach the map in device
// pixels; what is not a box or a point is left out.
func TestShellReports(t *testing.T) {
	a, app, _ := newAPI(t)
	call(t, a, "reserve", []any{[]any{10.0, 20.0, 110.0, 220.0}, []any{math.NaN(), 1.0, 2.0, 3.0}, "x", []any{1.0, 2.0}, []any{5.0, 5.0, 1.0, 1.0}, nil, []any{"1", 2.0, 3.0, 4.0}})
	if want := []orb.Bound{{Min: orb.Point{20, 40}, Max: orb.Point{220, 440}}}; !slices.Equal(app.reserved, want) {
		t.Errorf("reserved %v, want %v", app.reserved, want)
	}
	call(t, a, "click", 10.0, 20.5, true)
	call(t, a, "click", "a", map[string]any{})
	call(t, a, "click", math.NaN(), math.Inf(1), "yes")
	call(t, a, "click", 1.0, 2.0, "")
	if want := [][3]any{{20.0, 41.0, true}, {2.0, 4.0, false}}; !slices.Equal(app.clicks, want) {
		t.Errorf("clicks %v, want %v", app.clicks, want)
	}
	for _, tt := range []struct {
		arg  any
		want bool
	}{{true, true}, {map[string]any{}, true}, {1.0, true}, {"x", true}, {false, false}, {0.0, false}, {math.NaN(), false}, {"", false}, {nil, false}} {
		call(t, a, "pointerOver", tt.arg)
		if app.over != tt.want {
			t.Errorf("pointerOver(%v): over %v, want %v", tt.arg, app.over, tt.want)
		}
	}
	// A tap near the edge glides the place into view; one in the middle
	// does not move the map.
	call(t, a, "reveal", 640.0, 360.0)
	call(t, a, "reveal", "a", nil)
	if len(app.flights) != 0 {
		t.Errorf("reveal in the middle flew to %v", app.flights)
	}
	call(t, a, "reveal", 5.0, 5.0)
	if _, ok := app.lastFlight(); !ok {
		t.Error("reveal at the corner did not move the map")
	}
}

func TestStats(t *testing.T) {
	a, app, page := newAPI(t)
	if got, want := call(t, a, "stats"), `{"frames":12,"fullFrames":3,"detail":"50m"}`; got != want {
		t.Errorf("stats() = %s, want %s", got, want)
	}
	page.memory = 1 << 20
	if got, want := call(t, a, "stats"), `{"frames":12,"fullFrames":3,"wasmMemory":1048576,"detail":"50m"}`; got != want {
		t.Errorf("stats() = %s, want %s", got, want)
	}
	// The detail is the last frame's.
	app.frame = &layout.Frame{G: &layout.Geometry{Detail: layout.DetailFine}}
	if got, want := call(t, a, "stats"), `{"frames":12,"fullFrames":3,"wasmMemory":1048576,"detail":"10m"}`; got != want {
		t.Errorf("stats() = %s, want %s", got, want)
	}
}

func TestPanels(t *testing.T) {
	a, app, _ := newAPI(t)
	if got := call(t, a, "getInfo"); got != "null" {
		t.Errorf("getInfo() with nothing selected = %s", got)
	}
	app.v.Sel = "KAZ"
	if got := call(t, a, "getInfo"); !strings.Contains(got, `"name":"Kazakhstan"`) {
		t.Errorf("getInfo() of KAZ = %.80s…", got)
	}
	if got := call(t, a, "getInfo", "UZB"); !strings.Contains(got, `"name":"Uzbekistan"`) {
		t.Errorf("getInfo(UZB) = %.80s…", got)
	}
	if got := call(t, a, "getTooltip", nil); got != "null" {
		t.Errorf("getTooltip(null) = %s", got)
	}
	if got := call(t, a, "search", "kaz"); !strings.Contains(got, `"KAZ"`) {
		t.Errorf("search(kaz) = %.80s…", got)
	}
	if got := call(t, a, "getLegend"); got != "[]" {
		t.Errorf("getLegend() before a frame = %s", got)
	}
	var layers []map[string]any
	if err := json.Unmarshal([]byte(call(t, a, "getLayers")), &layers); err != nil {
		t.Fatal(err)
	}
	if len(layers) != len(a.layers) || !strings.HasPrefix(call(t, a, "getLayers"), `[{"id":"ots","name":"OTS — `) {
		t.Errorf("getLayers() = %.80s…", call(t, a, "getLayers"))
	}
	for _, l := range layers {
		id := l["id"].(string)
		sites, ties := strings.HasPrefix(id, "sites:"), strings.HasPrefix(id, "ties:")
		// The ties and the bodies added for context are off by default.
		on := !ties && !slices.Contains([]string{"sco", "caco", "c5plus1", "eaeu"}, id)
		if sites != (l["group"] == "Sites") || ties != (l["group"] == "Ties") || l["on"] != on {
			t.Errorf("layer %v", l)
		}
	}
	// Play's steps, forward from the first and back from today.
	var steps []string
	if err := json.Unmarshal([]byte(call(t, a, "dateSteps")), &steps); err != nil || len(steps) < 2 {
		t.Fatalf("dateSteps() = %v, %v", steps, err)
	}
	app.v.Date = mapdata.Date(steps[0])
	if got := call(t, a, "stepDate", 1.0); got != `"`+steps[1]+`"` {
		t.Errorf("stepDate(1) from %s = %s, want %s", steps[0], got, steps[1])
	}
	app.v.Date = ""
	if got := call(t, a, "stepDate", -1.0); got != `"`+steps[len(steps)-1]+`"` {
		t.Errorf("stepDate(-1) from today = %s, want %s", got, steps[len(steps)-1])
	}
}

func TestTour(t *testing.T) {
	a, app, _ := newAPI(t)
	var tour Tour
	if err := json.Unmarshal([]byte(call(t, a, "getStory")), &tour); err != nil || len(tour.Scenes) < 2 {
		t.Fatalf("getStory() = %+v, %v", tour, err)
	}
	for _, n := range []any{0.0, float64(len(tour.Scenes) + 1), "1", math.NaN(), nil} {
		if got := call(t, a, "playScene", n); got != "false" {
			t.Errorf("playScene(%v) = %s", n, got)
		}
	}
	if got := call(t, a, "playScene", 2.0); got != "true" || app.v.Scene != 2 {
		t.Errorf("playScene(2) = %s, scene %d", got, app.v.Scene)
	}
	a.story = nil
	if got := call(t, a, "getStory"); got != "null" {
		t.Errorf("getStory() without a story = %s", got)
	}
}

func TestListen(t *testing.T) {
	a, app, _ := newAPI(t)
	var got []string
	a.Listen(func(event string, value any) {
		b, _ := json.Marshal(value)
		got = append(got, event+" "+string(b))
	})
	app.Select("KAZ")
	app.setHover("UZB")
	app.setHover("")
	app.SetView(view.View{Zoom: 4, Center: orb.Point{60, 40}})
	want := []string{
		`select "KAZ"`, `hover "UZB"`, `hover null`,
		`view {"zoom":4,"lat":40,"lon":60,"layers":null,"sel":null,"date":null,"article":null,"scene":0}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Any arguments at all: every method answers, none panics (in the
// browser a panic would stop the map for good).
func TestMethods_hostileArguments(t *testing.T) {
	a, _, page := newAPI(t)
	odd := []any{nil, true, 0.0, -1.0, 1e308, math.NaN(), math.Inf(-1), "", "KAZ", "#map=NaN/1e999/x", strings.Repeat("x", 5000),
		[]any{}, []any{nil, "ots", []any{1.0}}, []any{1.0, 2.0, 3.0, math.NaN()}, map[string]any{}, map[string]any{"zoom": math.NaN(), "layers": []any{nil}}}
	for _, m := range Methods {
		for _, x := range odd {
			for _, args := range []Args{{x}, {x, x, x}, {1.0, x}} {
				page.free = x
				if _, err := json.Marshal(m.Do(a, args)); err != nil {
					t.Errorf("%s%v: the result does not encode: %v", m.Name, args, err)
				}
			}
		}
	}
}
