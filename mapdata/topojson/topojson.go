// Package topojson decodes and encodes TopoJSON topologies
// (https://github.com/topojson/topojson-specification) into orb geometry.
//
// A Topology keeps the shared arcs: a border between two countries is one arc
// that both polygons reference, so callers can draw each border once and tell
// coasts (arcs used by one polygon) from land borders (arcs used by two).
//
// Input is untrusted: Decode checks size and nesting depth before parsing,
// validates the JSON, and reports every structural problem with a JSON path.
// Nothing in this package panics on bad input.
package topojson

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/internal/jsonlimit"
)

// Limits bounds the input Decode accepts. The Natural Earth 1:10m topology is
// about 3.7 MB; 64 MB leaves room for richer editor data.
var Limits = jsonlimit.Limits{MaxBytes: 64 << 20, MaxDepth: 32}

// Transform is the quantization transform of a topology: a position
// [x, y] in integers maps to [x*Scale[0]+Translate[0], y*Scale[1]+Translate[1]].
type Transform struct {
	Scale     [2]float64
	Translate [2]float64
}

// Apply maps a quantized position to coordinates.
func (t Transform) Apply(x, y float64) orb.Point {
	return orb.Point{x*t.Scale[0] + t.Translate[0], y*t.Scale[1] + t.Translate[1]}
}

// Quantize maps a coordinate to its nearest quantized position.
func (t Transform) Quantize(p orb.Point) (int64, int64) {
	return int64(math.Round((p[0] - t.Translate[0]) / t.Scale[0])),
		int64(math.Round((p[1] - t.Translate[1]) / t.Scale[1]))
}

// Topology is a decoded TopoJSON topology. Arcs hold absolute coordinates
// (delta decoding and the transform are already applied).
type Topology struct {
	BBox      orb.Bound // zero when the file gives none
	Transform *Transform
	Arcs      []orb.LineString
	Objects   map[string]Geometry
}

// Geometry is one TopoJSON geometry object. Which fields are set depends on
// Type: Polygons for Polygon (one entry) and MultiPolygon, Lines for
// LineString (one entry) and MultiLineString, Points for Point and
// MultiPoint, Geometries for GeometryCollection. Arc references follow
// TopoJSON: a negative index ^i means arc i reversed.
type Geometry struct {
	Type       string
	ID         string
	Properties gjson.Result // the raw "properties" member, if any
	Polygons   [][][]int
	Lines      [][]int
	Points     []orb.Point
	Geometries []Geometry
}

// Decode parses a TopoJSON document.
func Decode(data []byte) (*Topology, error) {
	if err := Limits.Check(data); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	if !gjson.ValidBytes(data) {
		return nil, errors.New("topojson: not valid JSON")
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return nil, errors.New("topojson: $: not a JSON object")
	}
	if typ := root.Get("type").String(); typ != "Topology" {
		return nil, fmt.Errorf("topojson: type: got %q, want \"Topology\"", typ)
	}
	d := decoder{t: &Topology{Objects: map[string]Geometry{}}}
	if tr := root.Get("transform"); tr.Exists() {
		d.t.Transform = d.transform(tr)
	}
	if bb := root.Get("bbox"); bb.Exists() {
		v := d.numbers(bb, "bbox", 4)
		if len(v) == 4 {
			d.t.BBox = orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
		}
	}
	d.arcs(root.Get("arcs"))
	objs := root.Get("objects")
	if !objs.IsObject() {
		d.fail("objects", "missing or not an object")
	} else {
		objs.ForEach(func(k, v gjson.Result) bool {
			d.t.Objects[k.String()] = d.geometry(v, "objects."+k.String(), 0)
			return len(d.errs) < maxErrors
		})
	}
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	return d.t, nil
}

const maxErrors = 20

type decoder struct {
	t    *Topology
	errs []error
}

func (d *decoder) fail(path, format string, args ...any) {
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, fmt.Errorf("topojson: %s: %s", path, fmt.Sprintf(format, args...)))
	}
}

// numbers reads an array of exactly n finite numbers (any length when n < 0).
func (d *decoder) numbers(r gjson.Result, path string, n int) []float64 {
	if !r.IsArray() {
		d.fail(path, "not an array")
		return nil
	}
	var out []float64
	ok := true
	i := 0
	r.ForEach(func(_, v gjson.Result) bool {
		if v.Type != gjson.Number {
			d.fail(path+"["+strconv.Itoa(i)+"]", "not a number")
			ok = false
			return false
		}
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			d.fail(path+"["+strconv.Itoa(i)+"]", "not a finite number")
			ok = false
			return false
		}
		out = append(out, f)
		i++
		return true
	})
	if !ok {
		return nil
	}
	if n >= 0 && len(out) != n {
		d.fail(path, "has %d numbers, want %d", len(out), n)
		return nil
	}
	return out
}

func (d *decoder) transform(r gjson.Result) *Transform {
	s := d.numbers(r.Get("scale"), "transform.scale", 2)
	t := d.numbers(r.Get("translate"), "transform.translate", 2)
	if s == nil || t == nil {
		return nil
	}
	if s[0] == 0 || s[1] == 0 {
		d.fail("transform.scale", "scale must not be zero")
		return nil
	}
	return &Transform{Scale: [2]float64{s[0], s[1]}, Translate: [2]float64{t[0], t[1]}}
}

func (d *decoder) arcs(r gjson.Result) {
	if !r.IsArray() {
		d.fail("arcs", "missing or not an array")
		return
	}
	tr := d.t.Transform
	r.ForEach(func(k, arc gjson.Result) bool {
		path := "arcs[" + strconv.Itoa(len(d.t.Arcs)) + "]"
		if !arc.IsArray() {
			d.fail(path, "not an array of positions")
			d.t.Arcs = append(d.t.Arcs, nil)
			return len(d.errs) < maxErrors
		}
		var ls orb.LineString
		var x, y float64
		j := 0
		arc.ForEach(func(_, pos gjson.Result) bool {
			p := d.numbers(pos, path+"["+strconv.Itoa(j)+"]", -1)
			j++
			if len(p) < 2 {
				if p != nil {
					d.fail(path+"["+strconv.Itoa(j-1)+"]", "a position needs two numbers")
				}
				return false
			}
			if tr != nil {
				x += p[0]
				y += p[1]
				ls = append(ls, tr.Apply(x, y))
			} else {
				ls = append(ls, orb.Point{p[0], p[1]})
			}
			return true
		})
		if len(ls) < 2 && len(d.errs) == 0 {
			d.fail(path, "an arc needs at least two positions")
		}
		d.t.Arcs = append(d.t.Arcs, ls)
		return len(d.errs) < maxErrors
	})
}

func (d *decoder) arcRefs(r gjson.Result, path string) []int {
	if !r.IsArray() {
		d.fail(path, "not an array of arc indexes")
		return nil
	}
	var out []int
	n := len(d.t.Arcs)
	r.ForEach(func(_, v gjson.Result) bool {
		p := path + "[" + strconv.Itoa(len(out)) + "]"
		f := v.Float()
		if v.Type != gjson.Number || f != math.Trunc(f) {
			d.fail(p, "not an integer arc index")
			return false
		}
		if f >= float64(n) || -f-1 >= float64(n) {
			d.fail(p, "arc index %s out of range (%d arcs)", v.Raw, n)
			return false
		}
		out = append(out, int(f))
		return true
	})
	if len(out) == 0 && len(d.errs) == 0 {
		d.fail(path, "no arcs")
	}
	return out
}

func (d *decoder) refList(r gjson.Result, path string) [][]int {
	if !r.IsArray() {
		d.fail(path, "not an array")
		return nil
	}
	var out [][]int
	r.ForEach(func(_, v gjson.Result) bool {
		out = append(out, d.arcRefs(v, path+"["+strconv.Itoa(len(out))+"]"))
		return len(d.errs) < maxErrors
	})
	return out
}

func (d *decoder) position(r gjson.Result, path string) (orb.Point, bool) {
	p := d.numbers(r, path, -1)
	if len(p) < 2 {
		if p != nil {
			d.fail(path, "a position needs two numbers")
		}
		return orb.Point{}, false
	}
	if d.t.Transform != nil {
		return d.t.Transform.Apply(p[0], p[1]), true
	}
	return orb.Point{p[0], p[1]}, true
}

// maxCollectionDepth bounds nested GeometryCollections.
const maxCollectionDepth = 8

func (d *decoder) geometry(r gjson.Result, path string, depth int) Geometry {
	var g Geometry
	if !r.IsObject() {
		d.fail(path, "not a geometry object")
		return g
	}
	g.Type = r.Get("type").String()
	if id := r.Get("id"); id.Exists() {
		g.ID = id.String()
	}
	g.Properties = r.Get("properties")
	arcs := r.Get("arcs")
	switch g.Type {
	case "Polygon":
		g.Polygons = [][][]int{d.refList(arcs, path+".arcs")}
	case "MultiPolygon":
		if !arcs.IsArray() {
			d.fail(path+".arcs", "not an array")
			break
		}
		arcs.ForEach(func(_, v gjson.Result) bool {
			g.Polygons = append(g.Polygons, d.refList(v, path+".arcs["+strconv.Itoa(len(g.Polygons))+"]"))
			return len(d.errs) < maxErrors
		})
	case "LineString":
		g.Lines = [][]int{d.arcRefs(arcs, path+".arcs")}
	case "MultiLineString":
		g.Lines = d.refList(arcs, path+".arcs")
	case "Point":
		if p, ok := d.position(r.Get("coordinates"), path+".coordinates"); ok {
			g.Points = []orb.Point{p}
		}
	case "MultiPoint":
		c := r.Get("coordinates")
		if !c.IsArray() {
			d.fail(path+".coordinates", "not an array")
			break
		}
		c.ForEach(func(_, v gjson.Result) bool {
			p, ok := d.position(v, path+".coordinates["+strconv.Itoa(len(g.Points))+"]")
			g.Points = append(g.Points, p)
			return ok
		})
	case "GeometryCollection":
		if depth >= maxCollectionDepth {
			d.fail(path, "geometry collections nested deeper than %d", maxCollectionDepth)
			break
		}
		gs := r.Get("geometries")
		if !gs.IsArray() {
			d.fail(path+".geometries", "missing or not an array")
			break
		}
		gs.ForEach(func(_, v gjson.Result) bool {
			g.Geometries = append(g.Geometries, d.geometry(v, path+".geometries["+strconv.Itoa(len(g.Geometries))+"]", depth+1))
			return len(d.errs) < maxErrors
		})
	case "":
		// A null geometry: TopoJSON allows "type": null.
		if typ := r.Get("type"); typ.Exists() && typ.Type != gjson.Null {
			d.fail(path+".type", "empty geometry type")
		}
	default:
		d.fail(path+".type", "unknown geometry type %q", g.Type)
	}
	return g
}

// Line stitches arc references into one line (see Stitch).
func (t *Topology) Line(refs []int) orb.LineString { return Stitch(t.Arcs, refs) }

// Stitch joins the referenced arcs into one line: arcs are joined end to
// start, the shared vertex kept once, and a negative reference ^i walks arc i
// backwards. The result is a new slice; arcs are not modified.
func Stitch(arcs []orb.LineString, refs []int) orb.LineString {
	n := 0
	for _, r := range refs {
		i, _ := ArcIndex(r)
		n += len(arcs[i])
	}
	out := make(orb.LineString, 0, n)
	for k, r := range refs {
		i, rev := ArcIndex(r)
		arc := arcs[i]
		start := 0
		if k > 0 {
			start = 1 // the first vertex repeats the previous arc's last
		}
		if !rev {
			out = append(out, arc[start:]...)
			continue
		}
		for j := len(arc) - 1 - start; j >= 0; j-- {
			out = append(out, arc[j])
		}
	}
	return out
}

// Polygon stitches each ring of a polygon's arc references.
func (t *Topology) Polygon(rings [][]int) orb.Polygon {
	p := make(orb.Polygon, len(rings))
	for i, r := range rings {
		p[i] = orb.Ring(t.Line(r))
	}
	return p
}

// Geometry returns g as orb geometry: Polygon and MultiPolygon both become an
// orb.MultiPolygon, LineString and MultiLineString an orb.MultiLineString, a
// GeometryCollection an orb.Collection, and a null geometry nil.
func (t *Topology) Geometry(g Geometry) orb.Geometry {
	switch {
	case g.Polygons != nil:
		mp := make(orb.MultiPolygon, len(g.Polygons))
		for i, p := range g.Polygons {
			mp[i] = t.Polygon(p)
		}
		return mp
	case g.Lines != nil:
		ml := make(orb.MultiLineString, len(g.Lines))
		for i, l := range g.Lines {
			ml[i] = t.Line(l)
		}
		return ml
	case g.Type == "Point" && len(g.Points) == 1:
		return g.Points[0]
	case g.Points != nil:
		return orb.MultiPoint(g.Points)
	case g.Geometries != nil:
		c := make(orb.Collection, len(g.Geometries))
		for i, sub := range g.Geometries {
			c[i] = t.Geometry(sub)
		}
		return c
	}
	return nil
}

// ArcIndex returns the index of the arc that ref points to, and whether the
// reference walks it backwards.
func ArcIndex(ref int) (int, bool) {
	if ref < 0 {
		return ^ref, true
	}
	return ref, false
}

// Pruned returns t without the arcs that none of its objects' geometries
// references, with the references renumbered to match; t is left as it
// is (the result's geometries hold references of their own).
func (t *Topology) Pruned() *Topology {
	used := make([]bool, len(t.Arcs))
	for _, g := range t.Objects {
		eachRefs(g, func(refs []int) {
			for _, r := range refs {
				i, _ := ArcIndex(r)
				used[i] = true
			}
		})
	}
	to := make([]int, len(t.Arcs))
	out := &Topology{BBox: t.BBox, Transform: t.Transform, Objects: map[string]Geometry{}}
	for i, a := range t.Arcs {
		if used[i] {
			to[i] = len(out.Arcs)
			out.Arcs = append(out.Arcs, a)
		}
	}
	for name, g := range t.Objects {
		out.Objects[name] = renumbered(g, to)
	}
	return out
}

// eachRefs calls fn with the arc references of each ring and line of g.
func eachRefs(g Geometry, fn func(refs []int)) {
	for _, p := range g.Polygons {
		for _, refs := range p {
			fn(refs)
		}
	}
	for _, refs := range g.Lines {
		fn(refs)
	}
	for _, sub := range g.Geometries {
		eachRefs(sub, fn)
	}
}

// renumbered is g with each arc i it references replaced by arc to[i]
// (see renumberRefs).
func renumbered(g Geometry, to []int) Geometry {
	var polys [][][]int
	for _, p := range g.Polygons {
		polys = append(polys, renumberRefs(p, to))
	}
	g.Polygons = polys
	g.Lines = renumberRefs(g.Lines, to)
	subs := g.Geometries
	g.Geometries = nil
	for _, sub := range subs {
		g.Geometries = append(g.Geometries, renumbered(sub, to))
	}
	return g
}

// renumberRefs returns lists of arc references with each arc i they
// reference replaced by arc to[i], walked the same way, in new slices.
func renumberRefs(lists [][]int, to []int) [][]int {
	var out [][]int
	for _, refs := range lists {
		r := make([]int, len(refs))
		for k, ref := range refs {
			if i, rev := ArcIndex(ref); rev {
				r[k] = ^to[i]
			} else {
				r[k] = to[i]
			}
		}
		out = append(out, r)
	}
	return out
}

// ObjectNames returns the names of t's objects, sorted.
func (t *Topology) ObjectNames() []string {
	names := make([]string, 0, len(t.Objects))
	for k := range t.Objects {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
