package topojson

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/paulmach/orb"
)

// Encode writes t as a quantized, delta-encoded TopoJSON document with the
// given transform (t.Transform is ignored). Objects are written in name order
// and geometries as they are, so decoding the output gives t back, with every
// coordinate rounded to the transform's grid.
func Encode(t *Topology, tr Transform) ([]byte, error) {
	if tr.Scale[0] == 0 || tr.Scale[1] == 0 {
		return nil, errors.New("topojson: encode: transform scale must not be zero")
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"Topology"`)
	if t.BBox != (orb.Bound{}) {
		fmt.Fprintf(&b, `,"bbox":[%s,%s,%s,%s]`, num(t.BBox.Min[0]), num(t.BBox.Min[1]), num(t.BBox.Max[0]), num(t.BBox.Max[1]))
	}
	fmt.Fprintf(&b, `,"transform":{"scale":[%s,%s],"translate":[%s,%s]}`,
		num(tr.Scale[0]), num(tr.Scale[1]), num(tr.Translate[0]), num(tr.Translate[1]))
	b.WriteString(`,"objects":{`)
	for i, name := range t.ObjectNames() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(name))
		b.WriteByte(':')
		writeGeometry(&b, t.Objects[name], tr)
	}
	b.WriteString(`},"arcs":[`)
	for i, arc := range t.Arcs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		var px, py int64
		for j, p := range arc {
			x, y := tr.Quantize(p)
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "[%d,%d]", x-px, y-py)
			px, py = x, y
		}
		b.WriteByte(']')
	}
	b.WriteString("]}\n")
	return b.Bytes(), nil
}

func writeGeometry(b *bytes.Buffer, g Geometry, tr Transform) {
	if g.Type == "" {
		b.WriteString(`{"type":null`)
	} else {
		fmt.Fprintf(b, `{"type":%s`, strconv.Quote(g.Type))
	}
	if g.ID != "" {
		fmt.Fprintf(b, `,"id":%s`, strconv.Quote(g.ID))
	}
	if g.Properties.Exists() {
		b.WriteString(`,"properties":`)
		b.WriteString(g.Properties.Raw)
	}
	switch g.Type {
	case "Polygon":
		b.WriteString(`,"arcs":`)
		writeRefs2(b, g.Polygons[0])
	case "MultiPolygon":
		b.WriteString(`,"arcs":[`)
		for i, p := range g.Polygons {
			if i > 0 {
				b.WriteByte(',')
			}
			writeRefs2(b, p)
		}
		b.WriteByte(']')
	case "LineString":
		b.WriteString(`,"arcs":`)
		writeRefs(b, g.Lines[0])
	case "MultiLineString":
		b.WriteString(`,"arcs":`)
		writeRefs2(b, g.Lines)
	case "Point", "MultiPoint":
		b.WriteString(`,"coordinates":`)
		if g.Type == "MultiPoint" {
			b.WriteByte('[')
		}
		for i, p := range g.Points {
			if i > 0 {
				b.WriteByte(',')
			}
			x, y := tr.Quantize(p)
			fmt.Fprintf(b, "[%d,%d]", x, y)
		}
		if g.Type == "MultiPoint" {
			b.WriteByte(']')
		}
	case "GeometryCollection":
		b.WriteString(`,"geometries":[`)
		for i, sub := range g.Geometries {
			if i > 0 {
				b.WriteByte(',')
			}
			writeGeometry(b, sub, tr)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
}

func writeRefs(b *bytes.Buffer, refs []int) {
	b.WriteByte('[')
	for i, r := range refs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(r))
	}
	b.WriteByte(']')
}

func writeRefs2(b *bytes.Buffer, refs [][]int) {
	b.WriteByte('[')
	for i, r := range refs {
		if i > 0 {
			b.WriteByte(',')
		}
		writeRefs(b, r)
	}
	b.WriteByte(']')
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
