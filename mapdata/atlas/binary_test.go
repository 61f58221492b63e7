package atlas

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

const assetAtlas = "../../assets/boundaries/countries.atlas"

// The committed binary asset is what EncodeBinary makes of the committed
// topology: the two cannot drift apart (make data writes both).
func TestBinaryAssetUpToDate(t *testing.T) {
	src, err := os.ReadFile("../../assets/boundaries/countries.topojson")
	if err != nil {
		t.Fatal(err)
	}
	topo, err := topojson.Decode(src)
	if err != nil {
		t.Fatal(err)
	}
	want, err := EncodeBinary(topo, geo.WebMercator, DefaultBands)
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
			if !reflect.DeepEqual(gl.Level(i), wl.Level(i)) {
				t.Errorf("bands %v: level %d differs", bands, i)
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
		LoadBinary(bad) // must not panic; some flips still decode to a valid atlas
	}
}

func FuzzLoadBinary(f *testing.F) {
	small := `{"type":"Topology","transform":{"scale":[0.01,0.01],"translate":[-180,-90]},` +
		`"objects":{"countries":{"type":"GeometryCollection","geometries":[` +
		`{"type":"Polygon","id":"AAA","properties":{"name":"A"},"arcs":[[0,1]]},` +
		`{"type":"Polygon","id":"BBB","properties":{"name":"B"},"arcs":[[-1,2]]}]}},` +
		`"arcs":[[[18000,9000],[0,100]],[[18000,9100],[-100,0],[0,-100],[100,0]],[[18000,9000],[100,0],[0,100],[-100,0]]]}`
	topo, err := topojson.Decode([]byte(small))
	if err != nil {
		f.Fatal(err)
	}
	seed, err := EncodeBinary(topo, geo.WebMercator, DefaultBands)
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
