package mapdata_test

import (
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
)

var (
	defaultOnce sync.Once
	defaultMap  *mapdata.Map
	defaultErr  error
)

// loadDefault loads the embedded boundaries and content once per test binary.
func loadDefault(tb testing.TB) *mapdata.Map {
	tb.Helper()
	defaultOnce.Do(func() { defaultMap, defaultErr = mapdata.Load(assets.Boundaries, assets.Content()) })
	if defaultErr != nil {
		tb.Fatal(defaultErr)
	}
	return defaultMap
}

func TestMembershipsOn_dated(t *testing.T) {
	m := loadDefault(t)
	tests := []struct {
		country string
		day     mapdata.Date
		want    []string // "body role"
	}{
		{"UZB", "2024-06-01", []string{"ots member", "csto suspended", "cac member"}},
		{"UZB", "2019-10-14", []string{"csto suspended", "cac member"}},
		{"UZB", "2019-10-15", []string{"ots member", "csto suspended", "cac member"}},
		{"UZB", "1995-01-01", []string{"csto member"}},
		{"UZB", "2001-01-01", nil},
		{"UZB", "2008-01-01", []string{"csto member"}},
		{"UZB", "2012-09-01", []string{"csto suspended"}},
		{"UZB", "2012-06-27", []string{"csto member"}},
		{"UZB", "2012-12-19", []string{"csto suspended"}}, // decided then, never lifted
		{"UZB", "2013-06-01", []string{"csto suspended"}},
		{"ARM", "2024-02-21", []string{"csto member"}},
		{"ARM", "2024-02-22", []string{"csto frozen"}},
		{"AZE", "2025-11-01", []string{"ots member"}},
		{"AZE", "2025-11-16", []string{"ots member", "cac member"}},
		{"AZE", "1999-04-19", []string{"csto member"}},
		{"AZE", "1999-04-20", nil},
		{"HUN", "2018-09-02", nil},
		{"HUN", "2018-09-03", []string{"ots observer"}},
		{"TKM", "2021-11-12", []string{"ots observer", "cac member"}},
		{"CYN", "2023-01-01", []string{"ots observer"}},
		{"KAZ", "2025-12-16", []string{"ots member", "csto member", "cac member"}},
		{"FRA", "2025-12-16", nil},
	}
	for _, tt := range tests {
		t.Run(tt.country+"_"+string(tt.day), func(t *testing.T) {
			var got []string
			for _, s := range m.MembershipsOn(tt.country, tt.day) {
				if slices.Contains([]string{"ots", "csto", "cac"}, s.Body) { // the others: TestBodies_new
					got = append(got, s.Body+" "+s.Role)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("MembershipsOn(%s, %s) = %v, want %v", tt.country, tt.day, got, tt.want)
			}
		})
	}
}

func TestAt(t *testing.T) {
	m := loadDefault(t)
	r := m.At(orb.Point{69.28, 41.31}, "2024-06-01")
	if r.Country == nil || r.Country.ISO != "UZB" || r.Country.Name != "Uzbekistan" {
		t.Fatalf("country = %+v, want Uzbekistan", r.Country)
	}
	if len(r.Sites) == 0 || r.Sites[0].ID != "site:tashkent" {
		t.Errorf("nearest site = %+v, want site:tashkent first", r.Sites)
	}
	sea := m.At(orb.Point{50.5, 42}, "2024-06-01")
	if sea.Country != nil || sea.Memberships == nil || len(sea.Memberships) != 0 {
		t.Errorf("at sea: country %+v, memberships %#v; want nil and an empty list", sea.Country, sea.Memberships)
	}
	// The UN centre in Almaty exists from 2025-08-03 on.
	has := func(r mapdata.AtResult, id string) bool {
		return slices.ContainsFunc(r.Sites, func(s mapdata.SiteNear) bool { return s.ID == id })
	}
	almaty := orb.Point{76.9, 43.25}
	if before := m.At(almaty, "2025-08-02"); has(before, "site:un-sdg-centre-almaty") {
		t.Error("UN centre listed the day before it was established")
	}
	after := m.At(almaty, "2025-08-03")
	if !has(after, "site:un-sdg-centre-almaty") {
		t.Error("UN centre missing on the day it was established")
	}
	for i := 1; i < len(after.Sites); i++ {
		if after.Sites[i].DistanceKm < after.Sites[i-1].DistanceKm {
			t.Errorf("sites not nearest first: %+v", after.Sites)
		}
	}
	if far := m.At(orb.Point{69.28, 41.31 + 0.5}, "2024-06-01"); has(far, "site:tashkent") {
		t.Error("Tashkent listed 55 km away, beyond the 50 km radius")
	}
}

func TestShow(t *testing.T) {
	m := loadDefault(t)
	bagram, ok := m.Show("site:bagram")
	if !ok || bagram.Kind != mapdata.KindSite || bagram.Name != "Bagram Airbase" {
		t.Fatalf("Show(site:bagram) = %+v, %v", bagram, ok)
	}
	const bagramURL = "https://www.cacianalyst.org/publications/analytical-articles.html"
	if !slices.ContainsFunc(bagram.Articles, func(a mapdata.ArticleRef) bool {
		return a.ID == "article:bagram-dilemma" && a.URL == bagramURL
	}) {
		t.Errorf("Bagram's articles = %+v, want the Bagram article with its URL", bagram.Articles)
	}
	if !slices.Contains(bagram.Linked, "AFG") || len(bagram.Sources) == 0 {
		t.Errorf("Bagram linked %v, sources %v", bagram.Linked, bagram.Sources)
	}
	mc, _ := m.Show("corridor:middle-corridor")
	for _, c := range []string{"KAZ", "AZE", "GEO", "TUR"} {
		if !slices.Contains(mc.Crosses, c) {
			t.Errorf("Middle Corridor crosses %v, want %s among them", mc.Crosses, c)
		}
	}
	if slices.Contains(mc.Crosses, "RUS") || slices.Contains(mc.Crosses, "IRN") {
		t.Errorf("Middle Corridor crosses %v: it bypasses Russia and Iran", mc.Crosses)
	}
	kaz, _ := m.Show("KAZ")
	if kaz.Kind != mapdata.KindCountry || len(kaz.Memberships) != 7 { // OTS, CSTO, CAC, SCO, CACO, C5+1, EAEU
		t.Errorf("KAZ: kind %q, %d memberships; want country with 7", kaz.Kind, len(kaz.Memberships))
	}
	for _, id := range []string{"ots", "csto", "cac", "corridor:middle-corridor"} {
		if !slices.Contains(kaz.Linked, id) {
			t.Errorf("KAZ linked %v, want %s", kaz.Linked, id)
		}
	}
	ots, _ := m.Show("ots")
	if !slices.ContainsFunc(ots.Memberships, func(s mapdata.MembershipState) bool { return s.Country == "HUN" && s.Role == "observer" }) {
		t.Errorf("OTS memberships lack Hungary as observer: %+v", ots.Memberships)
	}
	art, _ := m.Show("article:central-asian-community")
	if art.Author != "Farkhod Tolipov" || !slices.Contains(art.Linked, "cac") {
		t.Errorf("article: author %q, linked %v", art.Author, art.Linked)
	}
	if _, ok := m.Show("site:atlantis"); ok {
		t.Error("Show found an unknown id")
	}
}

// Every fact the map states carries a source: check the default content.
func TestDefaultContent_sourced(t *testing.T) {
	m := loadDefault(t)
	for _, b := range m.Bodies {
		for _, mem := range b.Members {
			if !strings.HasPrefix(mem.Source, "http") {
				t.Errorf("%s %s membership has no source", b.ID, mem.Country)
			}
		}
	}
	for _, s := range m.Sites {
		if s.CoordinatesSource == "" || len(s.Sources) == 0 {
			t.Errorf("%s lacks sources", s.ID)
		}
	}
	if len(m.Articles) != 4 {
		t.Errorf("%d articles, want the four", len(m.Articles))
	}
}

// Sites stand in the country they name (coastal ones within a few km, as
// the 1:50m coast is generalised).
func TestDefaultContent_sitesInTheirCountry(t *testing.T) {
	m := loadDefault(t)
	for _, s := range m.Sites {
		if s.Country == "" {
			continue
		}
		if p := s.Point(); !nearCountry(m, p, 0.05, s.Country) {
			t.Errorf("%s at %v is not in %s", s.ID, p, s.Country)
		}
	}
}

// nearCountry reports whether p, or a point d degrees from it along a
// meridian or a parallel, lies in one of the countries ids (the map's
// boundaries are generalised, so a place by a border may fall just over it).
func nearCountry(m *mapdata.Map, p orb.Point, d float64, ids ...string) bool {
	for _, o := range []orb.Point{{0, 0}, {d, 0}, {-d, 0}, {0, d}, {0, -d}} {
		if c := m.Atlas.At(orb.Point{p[0] + o[0], p[1] + o[1]}); c != nil && slices.Contains(ids, c.ID) {
			return true
		}
	}
	return false
}

// A corridor part that names the countries it runs through stays inside
// them at the map's boundaries (a junction on a border may touch the
// neighbour): TRIPP runs along the Araks, a few hundred metres from Iran.
func TestDefaultContent_corridorPartsInTheirCountries(t *testing.T) {
	m := loadDefault(t)
	const near = 0.002 // degrees, about 200 m
	checked := 0
	for _, c := range m.Corridors {
		for _, p := range c.Parts {
			if len(p.Countries) == 0 {
				continue
			}
			checked++
			for i := 1; i < len(p.Line); i++ {
				a, b := p.Line[i-1], p.Line[i]
				n := int(math.Ceil(math.Hypot(b[0]-a[0], b[1]-a[1]) / near))
				for k := 0; k <= n; k++ {
					f := float64(k) / float64(n)
					if q := (orb.Point{a[0] + (b[0]-a[0])*f, a[1] + (b[1]-a[1])*f}); !nearCountry(m, q, near, p.Countries...) {
						t.Errorf("%s, part %s: %v (segment %d) is outside %v", c.ID, p.Part, q, i, p.Countries)
						break
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no corridor part names its countries")
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		full bool
		ok   bool
	}{
		{"2025-11-16", true, true},
		{"2025-11", false, true},
		{"2025", false, true},
		{"2025-11", true, false},
		{"2025-02-30", true, false},
		{"2025-13", false, false},
		{"16.11.2025", false, false},
		{"", false, false},
		{"2024-02-29", true, true},
		{"2000-02-29", true, true},
		{"2100-02-29", true, false},
		{"2025-04-31", true, false},
		{"2025-12-31", true, true},
		{"2025-00", false, false},
		{"2025-11-00", true, false},
		{"2025-1-16", false, false},
		{"2025/11/16", false, false},
		{"2025-11-16 ", false, false},
		{"２０２５", false, false},
		{"20251116", false, false},
	} {
		if _, err := mapdata.ParseDate(tt.in, tt.full); (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q, %v) error = %v, want ok %v", tt.in, tt.full, err, tt.ok)
		}
	}
	if !mapdata.InForce("2025", "", "2025-01-01") || mapdata.InForce("2025-02", "", "2025-01-31") {
		t.Error("partial dates should start on their first day")
	}
	// Every day of four years, leap and not, against the time package.
	for d := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2027; d = d.AddDate(0, 0, 1) {
		s := d.Format("2006-01-02")
		if _, err := mapdata.ParseDate(s, true); err != nil {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
	if got, want := mapdata.Today(), time.Now().UTC().Format("2006-01-02"); string(got) != want {
		t.Errorf("Today() = %q, want %q", got, want)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mapdata.Load(assets.Boundaries, assets.Content()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadContent(b *testing.B) {
	a := loadDefault(b).Atlas
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mapdata.LoadContent(a, assets.Content()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHeapAfterLoad reports the live heap that the loaded boundaries,
// their levels of detail and the content hold.
func BenchmarkHeapAfterLoad(b *testing.B) {
	var keep []any
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, err := mapdata.Load(assets.Boundaries, assets.Content())
		if err != nil {
			b.Fatal(err)
		}
		lod := m.Atlas.Prepare(geo.WebMercator, atlas.DefaultBands)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-heap")
		keep = append(keep[:0], m, lod)
	}
	runtime.KeepAlive(keep)
}

// The default content passes every check: its only warnings are its two
// listing links (articles whose own address is not known), so every site
// lies in the country it declares, every land corridor on land, and every
// source is https and off the deny list.
func TestDefaultContent_onlyListingWarnings(t *testing.T) {
	m := loadDefault(t)
	var listings []string
	for _, w := range m.Warnings {
		if !strings.Contains(w.Message, "links a listing") {
			t.Errorf("warning: %v", w)
			continue
		}
		listings = append(listings, w.Path)
	}
	for _, a := range m.Articles {
		if a.URLIsListing != slices.Contains(listings, "articles["+strconv.Itoa(slices.Index(m.Articles, a))+"].url") {
			t.Errorf("%s: listing %v, warned about %v", a.ID, a.URLIsListing, listings)
		}
	}
}
