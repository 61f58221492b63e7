package atlas

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/tess"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

const assetAtlas = "../../assets/boundaries/countries.atlas"

// worldTopology is the committed 1:50m topology.
func worldTopology(t *testing.T) *topojson.Topology {
	t.Helper()
	src, err := os.ReadFile("../../assets/boundaries/countries.topojson")
	if err != nil {
		t.Fatal(err)
	}
	topo, err := topojson.Decode(src)
	if err != nil {
		t.Fatal(err)
	}
	return topo
}

// The committed binary asset is what EncodeBinary makes of the committed
// topology: the two cannot drift apart (make data writes both).
func TestBinaryAssetUpToDate(t *testing.T) {
	want, err := EncodeBinary(worldTopology(t), geo.WebMercator, DefaultBands)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(assetAtlas)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale (%d bytes, encoder makes %d): run make data", assetAtlas, len(got), len(want))
	}
}

// LoadBinary gives the same atlas as Load, and its stored levels of detail
// are the ones Prepare computes, and so are the label spots.
func TestLoadBinary_sameAsTopology(t *testing.T) {
	want := loadWorld(t)
	data, err := os.ReadFile(assetAtlas)
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Countries, want.Countries) {
		t.Error("countries differ")
	}
	if !reflect.DeepEqual(got.Arcs, want.Arcs) {
		t.Error("arcs differ")
	}
	if !reflect.DeepEqual(built(got.index()), built(want.index())) {
		t.Error("lookup indexes differ")
	}
	if got.pre == nil || !got.pre.matches(geo.WebMercator, DefaultBands) {
		t.Fatal("the binary atlas does not carry the default levels of detail")
	}
	for _, bands := range [][]float64{DefaultBands, {4}} { // other bands are simplified as usual
		gl, wl := got.Prepare(geo.WebMercator, bands), want.Prepare(geo.WebMercator, bands)
		for i := range wl.Len() {
			g, w := gl.Level(i), wl.Level(i)
			if !reflect.DeepEqual(geometry(g), geometry(w)) {
				t.Errorf("bands %v: level %d differs", bands, i)
			}
			// The coarsest level's stored triangles are what
			// triangulating it gives.
			if i == 0 && (g.stored != nil) != slices.Equal(bands, DefaultBands) {
				t.Errorf("bands %v: level 0 has stored triangles: %v", bands, g.stored != nil)
			}
			for ci, c := range want.Countries {
				for pi := range c.Polygons {
					gc, gt := g.Fill(ci, pi)
					wc, wt := w.Fill(ci, pi)
					if !slices.Equal(gc, wc) || !slices.Equal(gt, wt) {
						t.Fatalf("bands %v: level %d: %s polygon %d: fill differs", bands, i, c.ID, pi)
					}
				}
			}
		}
		for ci, c := range want.Countries {
			if g, w := gl.LabelSpot(ci), wl.LabelSpot(ci); g != w {
				t.Errorf("bands %v: %s: label spot %+v, want %+v", bands, c.ID, g, w)
			}
		}
	}
}

// Truncated and corrupted files fail with an error; none panics.
func TestLoadBinary_corrupt(t *testing.T) {
	data, err := os.ReadFile(assetAtlas)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadBinary([]byte("{}")); err == nil {
		t.Error("a JSON file was accepted")
	}
	for _, n := range []int{len(binaryMagic), len(binaryMagic) + 7, len(binaryMagic) + 40, len(data) / 3, len(data) - 1} {
		if _, err := LoadBinary(data[:n]); err == nil {
			t.Errorf("truncated at %d bytes: accepted", n)
		}
	}
	if _, err := LoadBinary(append(bytes.Clone(data), 0)); err == nil {
		t.Error("trailing data accepted")
	}
	for i := len(binaryMagic); i < len(data); i += len(data) / 97 {
		bad := bytes.Clone(data)
		bad[i] ^= 0xff
		// Must not panic; some flips still decode to a valid atlas, and
		// the stored triangles are only decoded when drawn.
		if a, err := LoadBinary(bad); err == nil {
			fillAll(a.Prepare(geo.WebMercator, DefaultBands).Level(0))
		}
	}
}

// fillAll asks level lv for the fill of every polygon.
func fillAll(lv *Level) {
	for ci, c := range lv.atlas.Countries {
		for pi := range c.Polygons {
			lv.Fill(ci, pi)
		}
	}
}

// Stored triangles that do not fit the polygon are not used: the polygon
// is triangulated instead.
func TestLevel_Fill_badStoredTriangles(t *testing.T) {
	data, err := EncodeBinary(smallTopology(t), geo.WebMercator, DefaultBands)
	if err != nil {
		t.Fatal(err)
	}
	// The file ends with the last country's triangles; its last index
	// moves 63 vertices on, past the square's four.
	data[len(data)-1] = 0x7e
	a, err := LoadBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	lv := a.Prepare(geo.WebMercator, DefaultBands).Level(0)
	last := len(a.Countries) - 1
	if _, ok := lv.stored.of(last, 0, 4); ok {
		t.Fatal("the damaged triangles were accepted")
	}
	coords, tris := lv.Fill(last, 0)
	want := tess.Triangulate(lv.Flatten(a.Countries[last].Polygons[0]))
	if len(coords) != 8 || !slices.Equal(tris, want) || len(want) != 6 {
		t.Errorf("Fill = %v, %v; want the square's 4 vertices and its triangulation %v", coords, tris, want)
	}
}

// smallTopology is two squares sharing an edge.
func smallTopology(tb testing.TB) *topojson.Topology {
	tb.Helper()
	small := `{"type":"Topology","transform":{"scale":[0.01,0.01],"translate":[-180,-90]},` +
		`"objects":{"countries":{"type":"GeometryCollection","geometries":[` +
		`{"type":"Polygon","id":"AAA","properties":{"name":"A"},"arcs":[[0,1]]},` +
		`{"type":"Polygon","id":"BBB","properties":{"name":"B"},"arcs":[[-1,2]]}]}},` +
		`"arcs":[[[18000,9000],[0,100]],[[18000,9100],[-100,0],[0,-100],[100,0]],[[18000,9000],[100,0],[0,100],[-100,0]]]}`
	topo, err := topojson.Decode([]byte(small))
	if err != nil {
		tb.Fatal(err)
	}
	return topo
}

func FuzzLoadBinary(f *testing.F) {
	seed, err := EncodeBinary(smallTopology(f), geo.WebMercator, DefaultBands)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add([]byte(binaryMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := LoadBinary(data)
		if err == nil {
			lod := a.Prepare(geo.WebMercator, DefaultBands)
			for i := range lod.Len() {
				lod.Level(i)
			}
			fillAll(lod.Level(0))
		}
	})
}

func BenchmarkLoadBinary(b *testing.B) {
	data, err := os.ReadFile(assetAtlas)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		a, err := LoadBinary(data)
		if err != nil {
			b.Fatal(err)
		}
		lod := a.Prepare(geo.WebMercator, DefaultBands)
		for i := range lod.Len() {
			lod.Level(i)
		}
	}
}

// built stitches every polygon of ix (they are otherwise built on first use).
func built(ix *index) *index {
	for pi := range ix.polys {
		ix.ringsOf(int32(pi))
	}
	return ix
}

// geometry is a level without the links to its atlas.
func geometry(lv *Level) Level {
	return Level{MaxZoom: lv.MaxZoom, Tolerance: lv.Tolerance, Arcs: lv.Arcs, Strokes: lv.Strokes}
}

// subset is the countries of t that keep accepts, with the arcs they use.
func subset(t *topojson.Topology, keep func(id string) bool) *topojson.Topology {
	c := t.Objects["countries"]
	c.Geometries = slices.DeleteFunc(slices.Clone(c.Geometries), func(g topojson.Geometry) bool { return !keep(g.ID) })
	return (&topojson.Topology{Transform: t.Transform, Arcs: t.Arcs, Objects: map[string]topojson.Geometry{"countries": c}}).Pruned()
}

// The world cut into three binary files and loaded together is the world:
// the same countries and shapes, every border once with its two
// countries, and the stored levels, label spots and triangles.
func TestLoadBinary_parts(t *testing.T) {
	topo := worldTopology(t)
	var parts [][]byte
	for _, r := range [][2]string{{"A", "I"}, {"I", "R"}, {"R", "ZZZ"}} {
		data, err := EncodeBinary(subset(topo, func(id string) bool { return id >= r[0] && id < r[1] }), geo.WebMercator, DefaultBands)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, data)
	}
	got, err := LoadBinary(parts...)
	if err != nil {
		t.Fatal(err)
	}
	want := loadWorld(t)
	if len(got.Countries) != len(want.Countries) || len(got.Arcs) != len(want.Arcs) {
		t.Fatalf("%d countries and %d arcs, want %d and %d", len(got.Countries), len(got.Arcs), len(want.Countries), len(want.Arcs))
	}
	if got.pre == nil || !got.pre.matches(geo.WebMercator, DefaultBands) {
		t.Fatal("the stored levels of detail were not kept")
	}
	// Each arc's countries, by id, as the world has them.
	sides := func(a *Atlas) map[string][2]string {
		out := map[string][2]string{}
		id := func(i int) string {
			if i < 0 {
				return ""
			}
			return a.Countries[i].ID
		}
		for _, arc := range a.Arcs {
			out[fmt.Sprint(arc.Points)] = [2]string{min(id(arc.Left), id(arc.Right)), max(id(arc.Left), id(arc.Right))}
		}
		return out
	}
	if !reflect.DeepEqual(sides(got), sides(want)) {
		t.Error("the arcs' countries differ")
	}
	gl, wl := got.Prepare(geo.WebMercator, DefaultBands), want.Prepare(geo.WebMercator, DefaultBands)
	for _, c := range want.Countries {
		gi, wi := got.Index(c.ID), want.Index(c.ID)
		if gc := got.Countries[gi]; gc.Name != c.Name || gc.Bound != c.Bound || !reflect.DeepEqual(got.Geometry(&gc), want.Geometry(&c)) {
			t.Errorf("%s differs", c.ID)
			continue
		}
		if g, w := gl.LabelSpot(gi), wl.LabelSpot(wi); g != w {
			t.Errorf("%s: label spot %+v, want %+v", c.ID, g, w)
		}
		for i := range wl.Len() {
			for pi, poly := range c.Polygons {
				for ri, refs := range poly {
					if g, w := gl.Level(i).Ring(got.Countries[gi].Polygons[pi][ri]), wl.Level(i).Ring(refs); !g.Equal(w) {
						t.Fatalf("%s: level %d, polygon %d, ring %d differs", c.ID, i, pi, ri)
					}
				}
				gc, gt := gl.Level(i).Fill(gi, pi)
				wc, wt := wl.Level(i).Fill(wi, pi)
				if !slices.Equal(gc, wc) || !slices.Equal(gt, wt) {
					t.Fatalf("%s: level %d: polygon %d: fill differs", c.ID, i, pi)
				}
			}
		}
	}
	if gl.Level(0).stored == nil {
		t.Error("the coarsest level lost its stored triangles")
	}
}

// Two neighbours loaded together share their border again: one arc,
// between both. Files with other levels of detail are refused.
func TestLoadBinary_border(t *testing.T) {
	const two = `{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},"objects":{"countries":{"type":"GeometryCollection","geometries":[
		{"type":"Polygon","id":"AAA","properties":{"name":"A"},"arcs":[[0,1]]},
		{"type":"Polygon","id":"BBB","properties":{"name":"B"},"arcs":[[2,-1]]}]}},
		"arcs":[[[1,0],[0,1]],[[1,1],[-1,0],[0,-1],[1,0]],[[1,0],[1,0],[0,1],[-1,0]]]}`
	topo, err := topojson.Decode([]byte(two))
	if err != nil {
		t.Fatal(err)
	}
	file := func(id string, bands []float64) []byte {
		data, err := EncodeBinary(subset(topo, func(c string) bool { return c == id }), geo.WebMercator, bands)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	a, err := LoadBinary(file("AAA", DefaultBands), file("BBB", DefaultBands))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Arcs) != 3 {
		t.Fatalf("%d arcs, want 3", len(a.Arcs))
	}
	if border := a.Arcs[0]; border.Left != 0 || border.Right != 1 {
		t.Errorf("the border bounds %d and %d, want 0 and 1", border.Left, border.Right)
	}
	if c := a.At(orb.Point{1.5, 0.5}); c == nil || c.ID != "BBB" || c.Name != "B" {
		t.Errorf("in B: %v", c)
	}
	for _, bands := range [][]float64{{2, 4}, {2, 3.5, 5, 6.5, 9}} {
		if _, err := LoadBinary(file("AAA", DefaultBands), file("BBB", bands)); err == nil {
			t.Errorf("loaded with a file of bands %v", bands)
		}
	}
	if _, err := LoadBinary(file("AAA", DefaultBands), file("AAA", DefaultBands)); err == nil {
		t.Error("loaded a country twice")
	}
}
