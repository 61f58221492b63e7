package atlas

import (
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

var (
	worldOnce sync.Once
	world     *Atlas
	worldErr  error
)

// loadWorld loads the committed boundary asset once per test binary.
func loadWorld(tb testing.TB) *Atlas {
	tb.Helper()
	worldOnce.Do(func() {
		data, err := os.ReadFile("../../assets/boundaries/countries.topojson")
		if err != nil {
			worldErr = err
			return
		}
		world, worldErr = Load(data)
	})
	if worldErr != nil {
		tb.Fatal(worldErr)
	}
	return world
}

func TestAt_knownPlaces(t *testing.T) {
	a := loadWorld(t)
	tests := []struct {
		name string
		p    orb.Point // lon, lat
		want string    // "" at sea
	}{
		{"Sokh, Uzbek exclave in Kyrgyzstan", orb.Point{71.13, 39.96}, "UZB"},
		{"Vorukh, Tajik exclave in Kyrgyzstan", orb.Point{70.58, 39.85}, "TJK"},
		{"Kyrgyz land between the exclaves", orb.Point{71.0, 39.98}, "KGZ"},
		{"Batken", orb.Point{70.82, 40.06}, "KGZ"},
		{"Nakhchivan city", orb.Point{45.412, 39.209}, "AZE"},
		{"Ordubad, Nakhchivan", orb.Point{46.023, 38.905}, "AZE"},
		{"Meghri", orb.Point{46.245, 38.903}, "ARM"},
		{"Kaliningrad", orb.Point{20.51, 54.71}, "RUS"},
		{"Baikonur", orb.Point{63.31, 45.62}, "KAZ"},
		{"Tashkent", orb.Point{69.279, 41.311}, "UZB"},
		{"Bagram", orb.Point{69.265, 34.9461}, "AFG"},
		{"Lesotho, a hole in South Africa", orb.Point{27.48, -29.31}, "LSO"},
		{"Bloemfontein, around that hole", orb.Point{26.21, -29.12}, "ZAF"},
		{"Chukotka east of 180°", orb.Point{-173, 66}, "RUS"},
		{"Fiji east of 180°", orb.Point{-179.95, -16.85}, "FJI"},
		{"Antarctic interior", orb.Point{0, -80}, "ATA"},
		{"Northern Cyprus", orb.Point{33.36, 35.19}, "CYN"},
		{"Kosovo", orb.Point{21.17, 42.66}, "XKX"},
		{"Caspian Sea", orb.Point{50.5, 42}, ""},
		{"Black Sea", orb.Point{34, 43}, ""},
		{"Gulf of Guinea", orb.Point{0, 0}, ""},
		{"Pacific at the antimeridian", orb.Point{180, 0}, ""},
		{"NaN", orb.Point{math.NaN(), 40}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if c := a.At(tt.p); c != nil {
				got = c.ID
			}
			if got != tt.want {
				t.Errorf("At(%v) = %q, want %q", tt.p, got, tt.want)
			}
		})
	}
}

func TestLoad_namesAndArcs(t *testing.T) {
	a := loadWorld(t)
	for id, want := range map[string]string{"TUR": "Türkiye", "BIH": "Bosnia and Herzegovina", "KAZ": "Kazakhstan"} {
		if c, ok := a.Country(id); !ok || c.Name != want {
			t.Errorf("Country(%s) = %v, want name %q", id, c, want)
		}
	}
	arm, _ := a.Country("ARM")
	aze, _ := a.Country("AZE")
	armI, azeI := arm.index(a), aze.index(a)
	var shared, armCoast int
	for _, arc := range a.Arcs {
		if (arc.Left == armI && arc.Right == azeI) || (arc.Left == azeI && arc.Right == armI) {
			shared++
		}
		if arc.Coast() && arc.Left == armI {
			armCoast++
		}
	}
	if shared == 0 {
		t.Error("no arc is shared by Armenia and Azerbaijan")
	}
	if armCoast != 0 {
		t.Errorf("landlocked Armenia has %d coast arcs", armCoast)
	}
	if len(a.Countries) < 240 {
		t.Errorf("%d countries loaded, want all 241", len(a.Countries))
	}
}

func (c *Country) index(a *Atlas) int { return a.byID[c.ID] }

func TestLoad_errors(t *testing.T) {
	const arcs = `"arcs":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0,0],[1,0],[1,1]],[[0,0],[1,0],[1,1],[0,1]]]`
	tests := []struct {
		name, geometries, want string
	}{
		{"lower-case id", `{"type":"Polygon","id":"kaz","properties":{"name":"x"},"arcs":[[0]]}`, `geometries[0].id: "kaz" is not a country code`},
		{"short id", `{"type":"Polygon","id":"KZ","properties":{"name":"x"},"arcs":[[0]]}`, `geometries[0].id: "KZ" is not a country code`},
		{"long id", `{"type":"Polygon","id":"KAZA","properties":{"name":"x"},"arcs":[[0]]}`, `geometries[0].id: "KAZA" is not a country code`},
		{"digit in id", `{"type":"Polygon","id":"K4Z","properties":{"name":"x"},"arcs":[[0]]}`, `geometries[0].id: "K4Z" is not a country code`},
		{"duplicate id", `{"type":"Polygon","id":"KAZ","properties":{"name":"x"},"arcs":[[0]]},{"type":"Polygon","id":"KAZ","properties":{"name":"y"},"arcs":[[0]]}`, "geometries[1].id: duplicate id KAZ"},
		{"short ring", `{"type":"Polygon","id":"KAZ","properties":{"name":"x"},"arcs":[[1]]}`, "geometries[0].arcs[0]: KAZ: a ring needs at least 4 positions"},
		{"no name", `{"type":"Polygon","id":"KAZ","arcs":[[0]]}`, "properties.name: missing name"},
		{"line", `{"type":"LineString","id":"KAZ","properties":{"name":"x"},"arcs":[0]}`, "must be a Polygon or MultiPolygon"},
		{"no polygons", `{"type":"MultiPolygon","id":"KAZ","properties":{"name":"x"},"arcs":[]}`, "geometries[0].arcs: KAZ has no polygons"},
		{"polygon without rings", `{"type":"MultiPolygon","id":"KAZ","properties":{"name":"x"},"arcs":[[[0]],[]]}`, "geometries[0].arcs[1]: KAZ: a polygon needs an exterior ring"},
		{"unclosed ring", `{"type":"Polygon","id":"KAZ","properties":{"name":"x"},"arcs":[[2]]}`, "KAZ: ring is not closed"},
		{"unit's polygon", `{"type":"Polygon","id":"KAZ","properties":{"name":"x","units":[{"name":"u","note":"n","polygons":[1]}]},"arcs":[[0]]}`, "properties.units[0].polygons: 1 is not the index of one of the country's 1 polygons"},
		{"unit's name", `{"type":"Polygon","id":"KAZ","properties":{"name":"x","units":[{"note":"n","polygons":[0]}]},"arcs":[[0]]}`, "properties.units[0].name: a unit needs a name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[` + tt.geometries + `]}},` + arcs + `}`
			_, err := Load([]byte(src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoad_outOfRange(t *testing.T) {
	src := `{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[]}},"arcs":[[[0,0],[500,0]]]}`
	_, err := Load([]byte(src))
	if want := "arcs[0][1]: position [500 0] is not a longitude"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load error = %v, want it to contain %q", err, want)
	}
}

func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile("../../assets/boundaries/countries.topojson")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAt(b *testing.B) {
	a := loadWorld(b)
	pts := []orb.Point{{69.279, 41.311}, {50.5, 42}, {37.6, 55.75}, {71.13, 39.96}, {100, 60}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.At(pts[i%len(pts)])
		i++
	}
}

// BenchmarkAt_naive is the baseline: orb's planar test over every country.
func BenchmarkAt_naive(b *testing.B) {
	a := loadWorld(b)
	geoms := make([]orb.MultiPolygon, len(a.Countries))
	for i := range a.Countries {
		geoms[i] = a.Geometry(&a.Countries[i])
	}
	pts := []orb.Point{{69.279, 41.311}, {50.5, 42}, {37.6, 55.75}, {71.13, 39.96}, {100, 60}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pts[i%len(pts)]
		for _, g := range geoms {
			if planar.MultiPolygonContains(g, p) {
				break
			}
		}
		i++
	}
}

func TestFocus(t *testing.T) {
	a := loadWorld(t)
	tests := []struct {
		id                       string
		west, east, south, north float64 // approximate edges, ±2°
	}{
		{"RUS", 19.6, 180, 41.2, 81.9}, // Kaliningrad to the Bering Strait; not the Chukotka sliver west of -180
		{"USA", -179.2, -66.9, 18.9, 71.4},
		{"KAZ", 46.5, 87.3, 40.6, 55.4},
	}
	for _, tt := range tests {
		i := a.Index(tt.id)
		if a.Countries[i].Bound.Max[0]-a.Countries[i].Bound.Min[0] < 300 && tt.id != "KAZ" {
			t.Fatalf("%s: whole bound %v does not cross the antimeridian; the test no longer tests Focus", tt.id, a.Countries[i].Bound)
		}
		b := a.Focus(i)
		got := []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]}
		want := []float64{tt.west, tt.east, tt.south, tt.north}
		for k := range got {
			if math.Abs(got[k]-want[k]) > 2 {
				t.Errorf("Focus(%s) = %v, want about west %v, east %v, south %v, north %v", tt.id, b, tt.west, tt.east, tt.south, tt.north)
				break
			}
		}
	}
}

// A unit inside its country (a lease, as 1:10m draws Baikonur): the country
// keeps the unit's polygon, the arc between them is a border with the
// country on both sides, and a point there answers the country in the
// unit.
func TestLoad_units(t *testing.T) {
	// A square 0..4 with a hole 1..2 (arc 1, walked backwards) that the
	// unit's polygon fills.
	src := `{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[
		{"type":"MultiPolygon","id":"KAZ","properties":{"name":"Kazakhstan","units":[{"name":"Baikonur","note":"leased","polygons":[1]}]},"arcs":[[[0],[-2]],[[1]]]}]}},
		"arcs":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]}`
	a, err := Load([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if arc := a.Arcs[1]; arc.Coast() || arc.Left != 0 || arc.Right != 0 {
		t.Errorf("the unit's edge: %+v, want a border with KAZ on both sides", arc)
	}
	if a.Arcs[0].Right != -1 {
		t.Errorf("the coast: %+v", a.Arcs[0])
	}
	for _, c := range []struct {
		p    orb.Point
		unit string
	}{{orb.Point{1.5, 1.5}, "Baikonur"}, {orb.Point{3, 3}, ""}} {
		country, u := a.AtUnit(c.p)
		name := ""
		if u != nil {
			name = u.Name + ": " + u.Note
		}
		if country == nil || country.ID != "KAZ" || (c.unit == "") != (u == nil) || u != nil && name != "Baikonur: leased" {
			t.Errorf("%v: %v in %q, want KAZ in %q", c.p, country, name, c.unit)
		}
	}
}
