// Package geojson reads RFC 7946 GeoJSON feature collections with gjson
// straight into orb geometry, validating as it goes.
//
// It exists instead of orb/geojson, which pulls a BSON package into every
// binary (about 2.5 MB of WebAssembly). Input is untrusted: size and nesting
// depth are checked before parsing, and every problem is reported with the
// JSON path of the feature and field it concerns. Nothing here panics.
package geojson

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/geo"
)

// Feature is one feature of a collection.
type Feature struct {
	Index      int          // position in the "features" array
	Geometry   orb.Geometry // nil when the feature's geometry is invalid
	Properties gjson.Result
}

// Problem is one thing wrong with the input, at a JSON path such as
// "features[3].geometry.coordinates[2]".
type Problem struct {
	Path, Message string
}

// ReadFeatureCollection parses a FeatureCollection. It returns the features
// it could read and every problem found; a feature with a bad geometry is
// returned with a nil Geometry so callers can still check its properties.
// Only the geometry types in allowed are accepted.
func ReadFeatureCollection(root gjson.Result, allowed ...string) ([]Feature, []Problem) {
	r := &reader{allowed: allowed}
	if !root.IsObject() || root.Get("type").String() != "FeatureCollection" {
		r.fail("type", "not a GeoJSON FeatureCollection")
		return nil, r.probs
	}
	fs := root.Get("features")
	if !fs.IsArray() {
		r.fail("features", "missing or not an array")
		return nil, r.probs
	}
	var out []Feature
	i := 0
	fs.ForEach(func(_, f gjson.Result) bool {
		path := "features[" + strconv.Itoa(i) + "]"
		feat := Feature{Index: i, Properties: f.Get("properties")}
		i++
		if !f.IsObject() || f.Get("type").String() != "Feature" {
			r.fail(path+".type", "not a GeoJSON Feature")
			return true
		}
		if !feat.Properties.IsObject() {
			r.fail(path+".properties", "missing or not an object")
		}
		feat.Geometry = r.geometry(f.Get("geometry"), path+".geometry")
		out = append(out, feat)
		return true
	})
	return out, r.probs
}

type reader struct {
	allowed []string
	probs   []Problem
}

func (r *reader) fail(path, format string, args ...any) {
	r.probs = append(r.probs, Problem{path, fmt.Sprintf(format, args...)})
}

func (r *reader) geometry(g gjson.Result, path string) orb.Geometry {
	if !g.IsObject() {
		r.fail(path, "missing or not a geometry object")
		return nil
	}
	typ := g.Get("type").String()
	if !slices.Contains(r.allowed, typ) {
		r.fail(path+".type", "geometry type %q is not allowed here (allowed: %v)", typ, r.allowed)
		return nil
	}
	c := g.Get("coordinates")
	cpath := path + ".coordinates"
	n := len(r.probs)
	var out orb.Geometry
	switch typ {
	case "Point":
		out = r.position(c, cpath)
	case "LineString":
		out = r.line(c, cpath)
	case "MultiLineString":
		var ml orb.MultiLineString
		r.each(c, cpath, func(v gjson.Result, p string) { ml = append(ml, r.line(v, p)) })
		out = ml
	case "Polygon":
		out = r.polygon(c, cpath)
	case "MultiPolygon":
		var mp orb.MultiPolygon
		r.each(c, cpath, func(v gjson.Result, p string) { mp = append(mp, r.polygon(v, p)) })
		out = mp
	}
	if len(r.probs) > n {
		return nil
	}
	return out
}

// each calls fn for every element of an array, with its path.
func (r *reader) each(v gjson.Result, path string, fn func(gjson.Result, string)) {
	if !v.IsArray() {
		r.fail(path, "not an array")
		return
	}
	i := 0
	v.ForEach(func(_, e gjson.Result) bool {
		fn(e, path+"["+strconv.Itoa(i)+"]")
		i++
		return true
	})
}

func (r *reader) position(v gjson.Result, path string) orb.Point {
	var p orb.Point
	n := 0
	ok := true
	r.each(v, path, func(e gjson.Result, ep string) {
		if e.Type != gjson.Number {
			r.fail(ep, "coordinate is not a number")
			ok = false
		} else if n < 2 {
			p[n] = e.Float()
		}
		n++
	})
	switch {
	case !ok || !v.IsArray():
	case n < 2:
		r.fail(path, "a position needs longitude and latitude")
	case math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0):
		r.fail(path, "coordinate is NaN or infinite")
	case !geo.ValidLonLat(p):
		r.fail(path, "position [%g, %g] is out of range (longitude -180..180, latitude -90..90)", p[0], p[1])
	}
	return p
}

func (r *reader) line(v gjson.Result, path string) orb.LineString {
	var ls orb.LineString
	r.each(v, path, func(e gjson.Result, p string) { ls = append(ls, r.position(e, p)) })
	if v.IsArray() && len(ls) < 2 {
		r.fail(path, "a line needs at least two positions, has %d", len(ls))
	}
	return ls
}

func (r *reader) polygon(v gjson.Result, path string) orb.Polygon {
	var poly orb.Polygon
	r.each(v, path, func(e gjson.Result, p string) {
		n := len(r.probs)
		var ring orb.Ring
		r.each(e, p, func(pe gjson.Result, pp string) { ring = append(ring, r.position(pe, pp)) })
		if len(r.probs) == n {
			r.checkRing(ring, p)
		}
		poly = append(poly, ring)
	})
	if v.IsArray() && len(poly) == 0 {
		r.fail(path, "a polygon needs an exterior ring")
	}
	return poly
}

func (r *reader) checkRing(ring orb.Ring, path string) {
	switch {
	case len(ring) < 4:
		r.fail(path, "a ring needs at least 4 positions, has %d", len(ring))
	case ring[0] != ring[len(ring)-1]:
		r.fail(path, "ring is not closed: first position %v, last %v", ring[0], ring[len(ring)-1])
	default:
		if i, j, ok := SelfIntersection(ring); ok {
			r.fail(path, "ring intersects itself: edge %d (from position %d) crosses edge %d (from position %d)", i, i, j, j)
		}
	}
}

// SelfIntersection reports the first pair of non-adjacent edges of a closed
// ring that touch or cross, by edge index (edge i runs from position i to
// i+1). It sweeps edges sorted by their smallest x, so it costs
// O(n log n) plus the number of edges whose x ranges overlap.
func SelfIntersection(ring orb.Ring) (int, int, bool) {
	n := len(ring) - 1 // edges
	if n < 3 {
		return 0, 0, false
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	minX := func(i int) float64 { return math.Min(ring[i][0], ring[i+1][0]) }
	maxX := func(i int) float64 { return math.Max(ring[i][0], ring[i+1][0]) }
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(minX(a), minX(b)) })
	for k, i := range order {
		for _, j := range order[k+1:] {
			if minX(j) > maxX(i) {
				break
			}
			a, b := min(i, j), max(i, j)
			if b == a+1 || (a == 0 && b == n-1) {
				continue // neighbours share a vertex
			}
			if segmentsTouch(ring[a], ring[a+1], ring[b], ring[b+1]) {
				return a, b, true
			}
		}
	}
	return 0, 0, false
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

func segmentsTouch(p1, p2, q1, q2 orb.Point) bool {
	d1, d2 := orient(q1, q2, p1), orient(q1, q2, p2)
	d3, d4 := orient(p1, p2, q1), orient(p1, p2, q2)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2)) ||
		(d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2))
}
