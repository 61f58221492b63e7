package topojson

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// square is two unit squares side by side sharing arc 0 (their common edge),
// quantized with scale 1 and translate 10,20.
const square = `{"type":"Topology",
 "transform":{"scale":[1,1],"translate":[10,20]},
 "objects":{"shapes":{"type":"GeometryCollection","geometries":[
   {"type":"Polygon","id":"A","properties":{"name":"left"},"arcs":[[0,1]]},
   {"type":"Polygon","id":"B","arcs":[[2,-1]]},
   {"type":"LineString","arcs":[1]},
   {"type":"Point","coordinates":[3,4]},
   {"type":null}
 ]}},
 "arcs":[[[1,0],[0,1]],[[1,1],[-1,0],[0,-1],[1,0]],[[1,0],[1,0],[0,1],[-1,0]]]}`

func TestDecode_sharedArcs(t *testing.T) {
	topo, err := Decode([]byte(square))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := topo.Arcs[0], (orb.LineString{{11, 20}, {11, 21}}); !got.Equal(want) {
		t.Errorf("arc 0 = %v, want %v (delta decoding and transform)", got, want)
	}
	g := topo.Objects["shapes"].Geometries
	if g[0].ID != "A" || g[0].Properties.Get("name").String() != "left" {
		t.Errorf("geometry 0 id/properties = %q/%s", g[0].ID, g[0].Properties.Raw)
	}
	left := topo.Geometry(g[0]).(orb.MultiPolygon)[0][0]
	if want := (orb.Ring{{11, 20}, {11, 21}, {10, 21}, {10, 20}, {11, 20}}); !left.Equal(want) {
		t.Errorf("left ring = %v, want %v", left, want)
	}
	right := topo.Geometry(g[1]).(orb.MultiPolygon)[0][0]
	if want := (orb.Ring{{11, 20}, {12, 20}, {12, 21}, {11, 21}, {11, 20}}); !right.Equal(want) {
		t.Errorf("right ring = %v, want %v (reversed arc)", right, want)
	}
	if p := topo.Geometry(g[3]); p != (orb.Point{13, 24}) {
		t.Errorf("point = %v, want [13 24] (transform without delta)", p)
	}
	if topo.Geometry(g[4]) != nil {
		t.Errorf("null geometry decoded as %v", topo.Geometry(g[4]))
	}
}

func TestEncode_roundTrip(t *testing.T) {
	topo, err := Decode([]byte(square))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Encode(topo, *topo.Transform)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Decode(out)
	if err != nil {
		t.Fatalf("decoding encoded output: %v\n%s", err, out)
	}
	for i := range topo.Arcs {
		if !again.Arcs[i].Equal(topo.Arcs[i]) {
			t.Errorf("arc %d = %v, want %v", i, again.Arcs[i], topo.Arcs[i])
		}
	}
	for i, g := range topo.Objects["shapes"].Geometries {
		got := again.Geometry(again.Objects["shapes"].Geometries[i])
		want := topo.Geometry(g)
		if (got == nil) != (want == nil) || (got != nil && !orb.Equal(got, want)) {
			t.Errorf("geometry %d = %v, want %v", i, got, want)
		}
	}
}

// Pruned keeps the arcs some geometry uses, in order, and every
// geometry's shape; the topology it was made from is left as it was.
func TestPruned(t *testing.T) {
	topo, err := Decode([]byte(square))
	if err != nil {
		t.Fatal(err)
	}
	shapes := topo.Objects["shapes"]
	shapes.Geometries = shapes.Geometries[1:] // B, which uses arcs 2 and 0 reversed, and the line on arc 1
	topo.Objects["shapes"] = shapes
	shapes.Geometries[1].Lines = nil // the line gone too: arc 1 is unused
	p := topo.Pruned()
	if len(p.Arcs) != 2 || !p.Arcs[0].Equal(topo.Arcs[0]) || !p.Arcs[1].Equal(topo.Arcs[2]) {
		t.Errorf("arcs %v, want arcs 0 and 2 of %v", p.Arcs, topo.Arcs)
	}
	if got := p.Objects["shapes"].Geometries[0].Polygons; len(got) != 1 || len(got[0]) != 1 || got[0][0][0] != 1 || got[0][0][1] != ^0 {
		t.Errorf("B's references %v, want [[[1 -1]]]", got)
	}
	for i, g := range shapes.Geometries {
		if got, want := p.Geometry(p.Objects["shapes"].Geometries[i]), topo.Geometry(g); (got == nil) != (want == nil) || got != nil && !orb.Equal(got, want) {
			t.Errorf("geometry %d = %v, want %v", i, got, want)
		}
	}
	if r := shapes.Geometries[0].Polygons[0][0]; r[0] != 2 || r[1] != ^0 {
		t.Errorf("the source's references changed: %v", r)
	}
}

func TestDecode_errors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not json", `{"type":`, "not valid JSON"},
		{"not topology", `{"type":"FeatureCollection"}`, `type: got "FeatureCollection"`},
		{"arc index out of range", `{"type":"Topology","objects":{"a":{"type":"LineString","arcs":[5]}},"arcs":[[[0,0],[1,1]]]}`, "objects.a.arcs[0]: arc index 5 out of range (1 arcs)"},
		{"negative index out of range", `{"type":"Topology","objects":{"a":{"type":"LineString","arcs":[-3]}},"arcs":[[[0,0],[1,1]]]}`, "arc index -3 out of range"},
		{"fractional index", `{"type":"Topology","objects":{"a":{"type":"LineString","arcs":[0.5]}},"arcs":[[[0,0],[1,1]]]}`, "not an integer arc index"},
		{"string coordinate", `{"type":"Topology","objects":{},"arcs":[[[0,"x"],[1,1]]]}`, "arcs[0][0][1]: not a number"},
		{"infinite coordinate", `{"type":"Topology","objects":{},"arcs":[[[0,1e999],[1,1]]]}`, "not a finite number"},
		{"short arc", `{"type":"Topology","objects":{},"arcs":[[[0,0]]]}`, "arcs[0]: an arc needs at least two positions"},
		{"unknown type", `{"type":"Topology","objects":{"a":{"type":"Circle"}},"arcs":[]}`, `objects.a.type: unknown geometry type "Circle"`},
		{"zero scale", `{"type":"Topology","transform":{"scale":[0,1],"translate":[0,0]},"objects":{},"arcs":[]}`, "scale must not be zero"},
		{"missing objects", `{"type":"Topology","arcs":[]}`, "objects: missing"},
		{"too deep", `{"type":"Topology","objects":{},"arcs":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, "nesting deeper than 32"},
		{"invalid utf-8", "{\"type\":\"Topology\",\"objects\":{\"\xff\":{}},\"arcs\":[]}", "not valid UTF-8"},
		{"nested collections", `{"type":"Topology","arcs":[],"objects":{"a":` + strings.Repeat(`{"type":"GeometryCollection","geometries":[`, 10) + strings.Repeat("]}", 10) + `}}`, "nested deeper than 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(square))
	f.Add([]byte(`{"type":"Topology","objects":{"a":{"type":"MultiPolygon","arcs":[[[0]]]}},"arcs":[[[0,0],[1,0],[0,1],[-1,-1]]]}`))
	f.Add([]byte(`{"type":"Topology","objects":{"a":{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[[1,2]]}]}},"arcs":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		topo, err := Decode(data)
		if err != nil {
			return
		}
		// Everything Decode accepts must stitch and re-encode without panicking.
		for _, g := range topo.Objects {
			topo.Geometry(g)
		}
		if _, err := Encode(topo, Transform{Scale: [2]float64{1, 1}}); err != nil {
			t.Fatal(err)
		}
	})
}
