package naturalearth

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// topology makes a "countries" object with one single-ring polygon per ring.
func topology(arcs []orb.LineString, rings ...[]int) *topojson.Topology {
	var gs []topojson.Geometry
	for i, r := range rings {
		gs = append(gs, topojson.Geometry{Type: "Polygon", ID: string(rune('A' + i)), Polygons: [][][]int{{r}}})
	}
	return &topojson.Topology{Arcs: arcs, Objects: map[string]topojson.Geometry{
		"countries": {Type: "GeometryCollection", Geometries: gs},
	}}
}

func rings(t *topojson.Topology, g int) []orb.LineString {
	var out []orb.LineString
	for _, p := range t.Objects["countries"].Geometries[g].Polygons {
		for _, r := range p {
			out = append(out, t.Line(r))
		}
	}
	return out
}

func noJumps(t *testing.T, r orb.LineString) {
	t.Helper()
	for i := 1; i < len(r); i++ {
		if math.Abs(r[i][0]-r[i-1][0]) > 180 && math.Abs(r[i][1]) < polarCapLat {
			t.Errorf("ring still jumps across the meridian: %v -> %v", r[i-1], r[i])
		}
	}
	if r[0] != r[len(r)-1] {
		t.Errorf("ring not closed: %v", r)
	}
}

func TestCutAntimeridian_twoCrossings(t *testing.T) {
	// A box from 170°E to 170°W, drawn as one ring, as on a sphere.
	topo := topology([]orb.LineString{{{170, 60}, {-170, 60}, {-170, 70}, {170, 70}, {170, 60}}}, []int{0})
	if err := CutAntimeridian(topo); err != nil {
		t.Fatal(err)
	}
	g := topo.Objects["countries"].Geometries[0]
	if g.Type != "MultiPolygon" || len(g.Polygons) != 2 {
		t.Fatalf("got %s with %d polygons, want a MultiPolygon of 2", g.Type, len(g.Polygons))
	}
	var east, west orb.Bound
	for _, r := range rings(topo, 0) {
		noJumps(t, r)
		if r.Bound().Min[0] >= 0 {
			east = r.Bound()
		} else {
			west = r.Bound()
		}
	}
	if east.Min[0] != 170 || east.Max[0] != 180 || west.Min[0] != -180 || west.Max[0] != -170 {
		t.Errorf("halves span %v and %v, want [170,180] and [-180,-170]", east, west)
	}
	if east.Min[1] != 60 || east.Max[1] != 70 {
		t.Errorf("east half spans latitudes %v, want 60..70", east)
	}
}

func TestCutAntimeridian_interpolatesCrossing(t *testing.T) {
	// The edge from 179°E,0° to 179°W,2° crosses the meridian at latitude 1°.
	topo := topology([]orb.LineString{{{179, 0}, {-179, 2}, {-179, 3}, {179, 3}, {179, 0}}}, []int{0})
	if err := CutAntimeridian(topo); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rings(topo, 0) {
		for _, p := range r {
			found = found || (p == orb.Point{180, 1})
		}
	}
	if !found {
		t.Errorf("no vertex at [180 1] in %v", rings(topo, 0))
	}
}

func TestCutAntimeridian_sharedArcStaysShared(t *testing.T) {
	// Country A crosses the meridian; B shares A's western edge (arc 1).
	arcs := []orb.LineString{
		{{170, 60}, {-170, 60}, {-170, 70}, {170, 70}}, // A's crossing part
		{{170, 70}, {170, 60}},                         // shared with B
		{{170, 60}, {160, 60}, {160, 70}, {170, 70}},   // B's rest
	}
	topo := topology(arcs, []int{0, 1}, []int{2, ^1})
	if err := CutAntimeridian(topo); err != nil {
		t.Fatal(err)
	}
	uses := 0
	for _, g := range topo.Objects["countries"].Geometries {
		for _, p := range g.Polygons {
			for _, r := range p {
				for _, ref := range r {
					if i, _ := topojson.ArcIndex(ref); i == 1 {
						uses++
					}
				}
			}
		}
	}
	if uses != 2 {
		t.Errorf("arc 1 referenced %d times after the cut, want 2", uses)
	}
	if !topo.Arcs[1].Equal(arcs[1]) {
		t.Errorf("shared arc changed: %v", topo.Arcs[1])
	}
}

func TestCutAntimeridian_polarCap(t *testing.T) {
	// As world-atlas draws Antarctica: a polygon whose exterior is a ring on
	// the pole and whose hole is the coast running round it.
	capRing := orb.LineString{{-180, -89.999}, {90, -89.999}, {0, -89.999}, {-90, -89.999}, {-180, -89.999}}
	coast := orb.LineString{{-180, -70}, {-90, -65}, {0, -70}, {90, -65}, {179, -70}, {-180, -70}}
	topo := &topojson.Topology{Arcs: []orb.LineString{capRing, coast}, Objects: map[string]topojson.Geometry{
		"countries": {Type: "GeometryCollection", Geometries: []topojson.Geometry{{Type: "Polygon", ID: "ATA", Polygons: [][][]int{{{0}, {1}}}}}},
	}}
	if err := CutAntimeridian(topo); err != nil {
		t.Fatal(err)
	}
	rs := rings(topo, 0)
	if len(rs) != 1 {
		t.Fatalf("got %d rings, want 1 exterior", len(rs))
	}
	noJumps(t, rs[0])
	b := rs[0].Bound()
	if b.Min != (orb.Point{-180, -90}) || b.Max != (orb.Point{180, -65}) {
		t.Errorf("Antarctica spans %v, want [-180,-90]..[180,-65]", b)
	}
}

func TestCutAntimeridian_tooManyCrossings(t *testing.T) {
	zigzag := orb.LineString{{170, 0}, {-170, 1}, {170, 2}, {-170, 3}, {170, 4}, {170, 0}}
	err := CutAntimeridian(topology([]orb.LineString{zigzag}, []int{0}))
	if err == nil || !strings.Contains(err.Error(), "crosses the antimeridian 4 times") {
		t.Errorf("error = %v, want a complaint about 4 crossings", err)
	}
}

func TestConvert_codesNamesAndOrientation(t *testing.T) {
	src := `{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},
	 "objects":{"countries":{"type":"GeometryCollection","geometries":[
	  {"type":"Polygon","id":"792","properties":{"name":"Turkey"},"arcs":[[0]]},
	  {"type":"Polygon","properties":{"name":"Kosovo"},"arcs":[[1]]}]}},
	 "arcs":[[[0,0],[0,1],[1,0],[0,-1],[-1,0]],[[5,5],[1,0],[0,1],[-1,0],[0,-1]],[[9,9],[1,1]]]}`
	out, err := Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	topo, err := topojson.Decode(out)
	if err != nil {
		t.Fatal(err)
	}
	gs := topo.Objects["countries"].Geometries
	if gs[0].ID != "TUR" || gs[0].Properties.Get("name").String() != "Türkiye" || gs[0].Properties.Get("ne_name").String() != "Turkey" {
		t.Errorf("first country = %s %s", gs[0].ID, gs[0].Properties.Raw)
	}
	if gs[1].ID != "XKX" {
		t.Errorf("second country id = %q, want XKX", gs[1].ID)
	}
	for _, g := range gs {
		if a := signedArea(topo.Line(g.Polygons[0][0])); a <= 0 {
			t.Errorf("%s exterior area %v, want counter-clockwise (> 0)", g.ID, a)
		}
	}
	if len(topo.Arcs) != 2 {
		t.Errorf("%d arcs kept, want 2 (the unused one dropped)", len(topo.Arcs))
	}
	if !gjson.ValidBytes(out) {
		t.Error("output is not valid JSON")
	}
}

func TestConvert_unknownCode(t *testing.T) {
	src := `{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},
	 "objects":{"countries":{"type":"GeometryCollection","geometries":[
	  {"type":"Polygon","id":"999","properties":{"name":"Atlantis"},"arcs":[[0]]}]}},
	 "arcs":[[[0,0],[0,1],[1,0],[0,-1],[-1,0]]]}`
	_, err := Convert([]byte(src))
	if err == nil || !strings.Contains(err.Error(), `"Atlantis", id "999"`) {
		t.Errorf("error = %v, want it to name Atlantis and 999", err)
	}
}

// 1:10m's own cases: a unit without an ISO code kept in its sovereign with
// a note (Baikonur in Kazakhstan, filling a hole), a reef with no
// sovereign left out, a spike walked out and back taken out of a ring, and
// a country smaller than a quantum (the Vatican) left out.
func TestConvert_tenMetre(t *testing.T) {
	src := `{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},"objects":{"countries":{"type":"GeometryCollection","geometries":[
		{"type":"Polygon","id":"398","properties":{"name":"Kazakhstan"},"arcs":[[0],[-2]]},
		{"type":"Polygon","properties":{"name":"Baikonur"},"arcs":[[1]]},
		{"type":"Polygon","properties":{"name":"Spratly Is."},"arcs":[[2]]},
		{"type":"Polygon","id":"400","properties":{"name":"Jordan"},"arcs":[[3,4,-5]]},
		{"type":"Polygon","id":"336","properties":{"name":"Vatican"},"arcs":[[5]]}]}},
		"arcs":[[[0,0],[4,0],[0,4],[-4,0],[0,-4]],[[1,1],[1,0],[0,1],[-1,0],[0,-1]],[[10,10],[1,0],[0,1],[-1,0],[0,-1]],
			[[20,20],[2,0],[0,2],[-2,0],[0,-2]],[[20,20],[-1,0]],[[30,30],[1,0],[-1,0]]]}`
	out, err := Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a, err := atlas.Load(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var ids []string
	for _, c := range a.Countries {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, " ") != "JOR KAZ" {
		t.Errorf("countries %v, want JOR KAZ", ids)
	}
	c, u := a.AtUnit(orb.Point{1.5, 1.5})
	if c == nil || c.ID != "KAZ" || u == nil || u.Name != "Baikonur" || !strings.Contains(u.Note, "leased to Russia") {
		t.Errorf("in Baikonur: %v, %+v", c, u)
	}
	if c, u := a.AtUnit(orb.Point{3, 3}); c == nil || c.ID != "KAZ" || u != nil {
		t.Errorf("in Kazakhstan: %v, %+v", c, u)
	}
	if jor, _ := a.Country("JOR"); len(jor.Polygons) != 1 || len(jor.Polygons[0][0]) != 1 {
		t.Errorf("Jordan's ring: %v, want the square alone", jor.Polygons)
	}
}
