package layout_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

var (
	once sync.Once
	prep *layout.Prepared
)

func prepared(t testing.TB) *layout.Prepared {
	t.Helper()
	once.Do(func() {
		m, err := mapdata.Load(assets.Boundaries, fixture.Content())
		if err != nil {
			t.Fatal(err)
		}
		prep = layout.Prepare(m, geo.WebMercator)
	})
	return prep
}

func build(t testing.TB, v view.View) *layout.Frame {
	t.Helper()
	m, err := layout.NewFontMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	cam := view.NewCamera(v, geo.WebMercator, 1280, 720, 1)
	f := layout.Build(prepared(t), v, cam, &style.Light)
	f.PlaceLabels(m)
	return f
}

func paint(f *layout.Frame, id string) *layout.CountryPaint {
	i := f.Prepared.Map.Atlas.Index(id)
	for k := range f.Countries {
		if f.Countries[k].Index == i {
			return &f.Countries[k]
		}
	}
	return nil
}

func TestBuild_membershipPatterns(t *testing.T) {
	f := build(t, view.View{Center: orb.Point{60, 42}, Zoom: 3.2, Date: "2025-12-16"})
	for id, want := range map[string]int{"KAZ": 3, "UZB": 3, "TJK": 2, "AZE": 2, "ARM": 1, "IRN": 0, "TKM": 2} {
		p := paint(f, id)
		if p == nil {
			t.Fatalf("%s not painted", id)
		}
		if len(p.Patterns) != want {
			t.Errorf("%s has %d patterns, want %d", id, len(p.Patterns), want)
		}
	}
	// Before Azerbaijan joined the Central Asian format.
	before := build(t, view.View{Center: orb.Point{60, 42}, Zoom: 3.2, Date: "2025-11-01"})
	if n := len(paint(before, "AZE").Patterns); n != 1 {
		t.Errorf("AZE on 2025-11-01 has %d patterns, want 1 (OTS only)", n)
	}
	// Layers off: no patterns for hidden bodies.
	off := build(t, view.View{Center: orb.Point{60, 42}, Zoom: 3.2, Layers: []string{"csto"}})
	if n := len(paint(off, "KAZ").Patterns); n != 1 {
		t.Errorf("KAZ with only the CSTO layer has %d patterns, want 1", n)
	}
	if len(off.Corridors) != 0 || len(off.Sites) != 0 {
		t.Errorf("corridor and site layers off, yet %d lines and %d sites drawn", len(off.Corridors), len(off.Sites))
	}
}

func TestBuild_labelsDoNotOverlap(t *testing.T) {
	for _, z := range []float64{2, 3.2, 5, 7} {
		f := build(t, view.View{Center: orb.Point{64, 41}, Zoom: z})
		if len(f.Labels) == 0 {
			t.Fatalf("zoom %v: no labels", z)
		}
		for i, a := range f.Labels {
			if a.X < 0 || a.Y < 0 || a.X+a.W > 1280 || a.Y+a.H > 720 {
				t.Errorf("zoom %v: label %q leaves the screen", z, a.Text)
			}
			for _, b := range f.Labels[i+1:] {
				if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
					t.Errorf("zoom %v: labels %q and %q overlap", z, a.Text, b.Text)
				}
			}
		}
	}
}

// While a zoom out is under way, the last exact frame's labels are shown
// at their features' moved places, at their own size: those that would
// run into one shown before them wait for the next exact frame.
func TestFrame_LabelsMoved(t *testing.T) {
	f := build(t, view.View{Center: orb.Point{64, 41}, Zoom: 5, Sel: "KAZ"})
	overlap := func(a, b layout.Label) bool {
		return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
	}
	if got := f.LabelsMoved(1, 0, 0); !slices.Equal(got, f.Labels) {
		t.Errorf("unmoved: %d labels, want the frame's %d as they are", len(got), len(f.Labels))
	}
	const s, dx, dy = 0.5, 320, 180
	at := func(l layout.Label) orb.Point { return orb.Point{dx + s*(l.X+l.W/2), dy + s*(l.Y+l.H/2)} }
	got := f.LabelsMoved(s, dx, dy)
	if len(got) == 0 || got[0].ID != "KAZ" {
		t.Fatalf("halved: the first label is not the selected KAZ's: %+v", got)
	}
	crowded := false
	for i, a := range f.Labels {
		for _, b := range f.Labels[i+1:] {
			a2, b2 := a, b
			a2.X, a2.Y = at(a)[0]-a.W/2, at(a)[1]-a.H/2
			b2.X, b2.Y = at(b)[0]-b.W/2, at(b)[1]-b.H/2
			crowded = crowded || overlap(a2, b2)
		}
	}
	if !crowded || len(got) >= len(f.Labels) {
		t.Fatalf("halved: %d of %d labels kept, crowded %v; want a view whose names collide when moved", len(got), len(f.Labels), crowded)
	}
	for i, a := range got {
		j := slices.IndexFunc(f.Labels, func(l layout.Label) bool { return l.ID == a.ID })
		if j < 0 || a.W != f.Labels[j].W || a.X+a.W/2 != at(f.Labels[j])[0] || a.Y+a.H/2 != at(f.Labels[j])[1] {
			t.Errorf("halved: label %q at %.1f,%.1f (%v wide), want its centre at %v and its size", a.Text, a.X, a.Y, a.W, at(f.Labels[j]))
		}
		for _, b := range got[i+1:] {
			if overlap(a, b) {
				t.Errorf("halved: labels %q and %q overlap", a.Text, b.Text)
			}
		}
	}
	if got := f.LabelsMoved(2, -640, -360); len(got) != len(f.Labels) {
		t.Errorf("doubled: %d labels, want all %d (names only draw apart)", len(got), len(f.Labels))
	}
}

func TestBuild_selectedLabelFirst(t *testing.T) {
	f := build(t, view.View{Center: orb.Point{69, 38}, Zoom: 4, Sel: "site:bagram"})
	i := slices.IndexFunc(f.Labels, func(l layout.Label) bool { return l.ID == "site:bagram" })
	if i < 0 || !f.Labels[i].Bold {
		t.Errorf("selected Bagram's label missing or not bold: %+v", f.Labels)
	}
	if len(f.Outlines) != 0 {
		t.Errorf("a site selection outlined %d rings", len(f.Outlines))
	}
	v := view.View{Center: orb.Point{69, 38}, Zoom: 4, Sel: "UZB"}
	g := build(t, v)
	ids := map[string]int{}
	for _, o := range g.Outlines {
		ids[o.ID]++
	}
	if ids["UZB"] == 0 || ids["KAZ"] != 0 {
		t.Errorf("outlines for %v, want the selected UZB's only", ids)
	}
}

// The marks of the hovered feature: a tint and an outline over a country,
// a corridor widened, a site enlarged; none for the selection.
func TestHovered(t *testing.T) {
	p := prepared(t)
	v := view.View{Center: orb.Point{60, 40}, Zoom: 4, Sel: "UZB", Date: "2025-12-16"}
	cam := view.NewCamera(v, geo.WebMercator, 1280, 720, 1)
	lv := p.LOD.For(cam.Zoom())
	th := &style.Light
	kaz := layout.Hovered(p, p.Geometry, lv, v, cam, th, "KAZ")
	if kaz == nil || len(kaz.Countries) != 1 || kaz.Countries[0].Index != p.Map.Atlas.Index("KAZ") || kaz.Countries[0].Fill != th.HoverTint() || len(kaz.Countries[0].Patterns) != 0 {
		t.Fatalf("hovered KAZ: %+v, want one tint fill of KAZ", kaz)
	}
	if len(kaz.Outlines) == 0 || kaz.Outlines[0].ID != "KAZ" || kaz.Outlines[0].Style != th.Hover || len(kaz.Strokes) != 0 {
		t.Errorf("hovered KAZ: %d outlines (%+v), %d strokes; want its outline and no borders", len(kaz.Outlines), kaz.Outlines, len(kaz.Strokes))
	}
	// Over the tint, the corridors crossing Kazakhstan, as the map draws
	// them, and every site symbol, which the map draws over corridors.
	plain := layout.BuildAt(p, p.Geometry, lv, v, cam, th)
	crossing := map[string]bool{}
	for _, l := range kaz.Corridors {
		crossing[l.ID] = true
	}
	if !crossing["corridor:middle-corridor"] || crossing["corridor:tripp"] || len(kaz.Sites) != len(plain.Sites) {
		t.Errorf("hovered KAZ: corridors %v, %d of %d sites; want the Middle Corridor, not TRIPP, and all sites", crossing, len(kaz.Sites), len(plain.Sites))
	}
	if f := layout.Hovered(p, p.Geometry, lv, v, cam, th, "UZB"); f != nil {
		t.Errorf("the selected UZB hovered: %+v, want no marks", f)
	}
	width := func(f *layout.Frame, id string) (w float64) {
		for _, l := range f.Corridors {
			if l.ID == id {
				w = max(w, l.Style.Width)
			}
		}
		return w
	}
	mc := layout.Hovered(p, p.Geometry, lv, v, cam, th, "corridor:middle-corridor")
	if mc == nil || len(mc.Countries)+len(mc.Outlines)+len(mc.Sites) != 0 || width(mc, "corridor:middle-corridor") < 1.5*width(plain, "corridor:middle-corridor") {
		t.Errorf("hovered Middle Corridor: %+v, want only its parts, widened", mc)
	}
	var site layout.Symbol
	for _, s := range plain.Sites {
		if !s.Highlighted {
			site = s
			break
		}
	}
	sf := layout.Hovered(p, p.Geometry, lv, v, cam, th, site.ID)
	if sf == nil || len(sf.Sites) != 1 || sf.Sites[0].ID != site.ID || !sf.Sites[0].Highlighted || sf.Sites[0].Size <= site.Size {
		t.Errorf("hovered %s: %+v, want its symbol enlarged", site.ID, sf)
	}
	if f := layout.Hovered(p, p.Geometry, lv, v, cam, th, ""); f != nil {
		t.Errorf("nothing hovered: %+v, want no marks", f)
	}
}

func TestFrame_Pick(t *testing.T) {
	v := view.View{Center: orb.Point{66, 41}, Zoom: 5}
	f := build(t, v)
	at := func(lon, lat float64) (float64, float64) { return f.Cam.LonLatToScreen(orb.Point{lon, lat}) }
	for _, tt := range []struct {
		name     string
		lon, lat float64
		want     string
	}{
		{"Tashkent symbol", 69.279, 41.311, "site:tashkent"},
		{"Samarkand symbol", 66.960, 39.654, "site:samarkand"},
		{"open Kazakh steppe", 66, 46, "KAZ"},
		{"Uzbek desert", 63, 42, "UZB"},
		{"Aral sea remnant or Caspian", 51, 41, ""},
	} {
		x, y := at(tt.lon, tt.lat)
		if got := f.Pick(x, y); got != tt.want {
			t.Errorf("%s: Pick = %q, want %q", tt.name, got, tt.want)
		}
	}
	// A point on the Middle Corridor's Caspian ferry line, away from ports.
	x, y := at(50.4, 40.25)
	if got := f.Pick(x, y); got != "corridor:middle-corridor" {
		t.Errorf("Pick on the ferry line = %q", got)
	}
}

func BenchmarkBuild(b *testing.B) {
	m, _ := layout.NewFontMeasurer()
	p := prepared(b)
	v := view.View{Center: orb.Point{60, 42}, Zoom: 3.2}
	cam := view.NewCamera(v, geo.WebMercator, 1280, 720, 1)
	b.ReportAllocs()
	for b.Loop() {
		layout.Build(p, v, cam, &style.Light).PlaceLabels(m)
	}
}

// BenchmarkStart is the native start-up, from the embedded bytes to the
// first frame's layout: the prepared atlas, the content, Prepare, and the
// default view at 1280x720 (its level of detail and label anchors are made
// on the way). Budget: 150 ms.
func BenchmarkStart(b *testing.B) {
	m, _ := layout.NewFontMeasurer()
	b.ReportAllocs()
	for b.Loop() {
		a, err := atlas.LoadBinary(assets.Atlas)
		if err != nil {
			b.Fatal(err)
		}
		md, err := mapdata.LoadContent(a, fixture.Content())
		if err != nil {
			b.Fatal(err)
		}
		p := layout.Prepare(md, geo.WebMercator)
		layout.Build(p, view.Default, view.NewCamera(view.Default, geo.WebMercator, 1280, 720, 1), &style.Light).PlaceLabels(m)
	}
}

func TestWrap(t *testing.T) {
	m, _ := layout.NewFontMeasurer()
	text := "Former Soviet and later US air base north of Kabul, in Taliban hands since August 2021."
	lines := layout.Wrap(m, text, 14, false, 200)
	if len(lines) < 2 || strings.Join(lines, " ") != text {
		t.Fatalf("Wrap = %q", lines)
	}
	for _, l := range lines {
		if w, _ := m.Measure(l, 14, false); w > 200 {
			t.Errorf("line %q is %v wide, more than 200", l, w)
		}
	}
	if got := layout.Wrap(m, "Supercalifragilistic", 14, false, 10); len(got) != 1 {
		t.Errorf("a long word gave %q", got)
	}
}

func TestPrepared_Bound(t *testing.T) {
	p := prepared(t)
	proj := geo.WebMercator
	lonlat := func(b orb.Bound) (west, east float64) {
		return proj.Unproject(b.Min)[0], proj.Unproject(b.Max)[0]
	}
	// A view's zero date is today: a body frames its members in force now,
	// as the map draws them.
	now, ok := p.Bound("ots", "")
	if today, _ := p.Bound("ots", mapdata.Today()); !ok || now != today {
		t.Errorf("Bound(ots, \"\") = %v, %v; want today's %v", now, ok, today)
	}
	if w, _ := lonlat(now); w > 30 {
		t.Errorf("OTS today starts at lon %.1f; want Türkiye's west (about 26)", w)
	}
	// Russia is cut by the antimeridian; framing it (or a body it is in)
	// must not take in the whole world.
	for _, id := range []string{"RUS", "csto"} {
		b, ok := p.Bound(id, "2025-12-16")
		w, e := lonlat(b)
		if !ok || w < 0 || e-w > 180 {
			t.Errorf("Bound(%s) spans lon %.1f to %.1f; want east of Greenwich and under half the world", id, w, e)
		}
	}
	if _, ok := p.Bound("nowhere", ""); ok {
		t.Error("Bound of an unknown id reported a place")
	}
}

// The legend names what the frame shows, bodies by role, then corridors,
// then site kinds in order, each once and with a capital, and nothing that
// is off screen or switched off.
func TestFrame_Legend(t *testing.T) {
	labels := func(f *layout.Frame) (out []string) {
		for _, e := range f.Legend() {
			out = append(out, e.Label)
		}
		return out
	}
	got := labels(build(t, view.View{Center: orb.Point{60, 42}, Zoom: 3.2, Date: "2025-12-16"}))
	for _, want := range []string{"OTS member", "OTS observer", "CSTO member", "CSTO frozen", "Middle Corridor", "TRIPP", "Airbase", "Border crossing", "Summit venue"} {
		if !slices.Contains(got, want) {
			t.Errorf("legend %q lacks %q", got, want)
		}
	}
	first := func(pred func(string) bool) int { return slices.IndexFunc(got, pred) }
	if b, c, s := first(func(l string) bool { return strings.HasPrefix(l, "CSTO") }), slices.Index(got, "Middle Corridor"), slices.Index(got, "Airbase"); !(b < c && c < s) {
		t.Errorf("legend %q: want bodies, then corridors, then site kinds", got)
	}
	kinds := got[slices.Index(got, "Airbase"):]
	if !slices.IsSorted(kinds) || len(slices.Compact(slices.Clone(kinds))) != len(kinds) {
		t.Errorf("site kinds %q: want each once, in order", kinds)
	}
	// Over the Atlantic with only the CSTO on, nothing of it is on screen.
	if got := labels(build(t, view.View{Center: orb.Point{-40, 30}, Zoom: 4, Layers: []string{"csto"}})); len(got) != 0 {
		t.Errorf("legend over the Atlantic with only the CSTO on: %q, want none", got)
	}
}

// A country is painted where one of its polygons is on screen, not
// wherever its bound reaches: Russia's spans the world across the
// antimeridian.
func TestBuild_cullsByPolygon(t *testing.T) {
	for _, c := range []struct {
		at   orb.Point
		want bool
	}{
		{orb.Point{-40, 30}, false},   // the Atlantic: inside Russia's bound
		{orb.Point{-175, 66}, true},   // Chukotka, east of the antimeridian
		{orb.Point{20.5, 54.7}, true}, // Kaliningrad
	} {
		f := build(t, view.View{Center: c.at, Zoom: 4})
		if got := paint(f, "RUS") != nil; got != c.want {
			t.Errorf("view at %v: Russia painted %v, want %v", c.at, got, c.want)
		}
	}
}

// The desktop's info panel is laid out in pure Go from the same sections
// as the browser's: every section's heading and every link are there
// (events, sources and the listing caveat included), runs stay inside the
// panel, and lines go down the panel in order.
func TestLayPanel(t *testing.T) {
	p := prepared(t)
	m, err := layout.NewFontMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := panel.NewInfo(p.Map, "site:bagram", "2025-12-16")
	const width = 360
	runs, h := layout.LayPanel(in, m, width, layout.PanelSizes{Kind: 12, Name: 18, Body: 13, Small: 12, Pad: 12, Gap: 8})
	var all strings.Builder
	links := 0
	lastY := 0.0
	for _, r := range runs {
		if r.X < 12 || r.X+r.W > width-12+0.5 || r.Y < lastY {
			t.Errorf("run %+v outside the panel or above the one before", r)
		}
		lastY = r.Y
		all.WriteString(r.Text + " ")
		if r.Style == layout.RunLink {
			links++
			if r.URL == "" && r.ID == "" {
				t.Errorf("link %q goes nowhere", r.Text)
			}
		}
	}
	text := all.String()
	for _, want := range []string{"Site: airbase", "Bagram Airbase", "Events", "Articles", "(link: publication listing page)", "Linked on the map", "Sources", "[source]"} {
		if !strings.Contains(text, want) {
			t.Errorf("the panel lacks %q:\n%s", want, text)
		}
	}
	var want int
	for _, s := range in.Sections {
		for _, it := range s.Items {
			for _, sp := range it.Spans {
				if sp.URL != "" || sp.ID != "" {
					want++
				}
			}
		}
	}
	if links < want || h <= lastY {
		t.Errorf("%d link runs for %d links; height %v, last line at %v", links, want, h, lastY)
	}
	// A body's list is headed "Members", as in the browser.
	ots, _ := panel.NewInfo(p.Map, "ots", "")
	runs, _ = layout.LayPanel(ots, m, width, layout.PanelSizes{Kind: 12, Name: 18, Body: 13, Small: 12, Pad: 12, Gap: 8})
	if !slices.ContainsFunc(runs, func(r layout.PanelRun) bool { return r.Text == "Members" && r.Bold }) {
		t.Error(`the OTS panel has no "Members" heading`)
	}
}
