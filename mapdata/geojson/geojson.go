// Package geojson reads RFC 7946 GeoJSON feature collections with gjson
// straight into orb geometry, validating as it goes.
//
// It exists instead of orb/geojson, which pulls a BSON package into every
// binary (about 2.5 MB of WebAssembly). Input is untrusted: size and nesting
// depth are checked before parsing, and every problem is reported with the
// JSON path of the feature and field it concerns. Nothing here panics.
package geojson

import (
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
		r.nonEmpty(c, len(ml), cpath, "a MultiLineString needs at least one line")
		out = ml
	case "Polygon":
		out = r.polygon(c, cpath)
	case "MultiPolygon":
		var mp orb.MultiPolygon
		r.each(c, cpath, func(v gjson.Result, p string) { mp = append(mp, r.polygon(v, p)) })
		r.nonEmpty(c, len(mp), cpath, "a MultiPolygon needs at least one polygon")
		out = mp
	}
	if len(r.probs) > n {
		return nil
	}
	return out
}

// nonEmpty refuses a multi-geometry with no parts, which would otherwise
// pass as a valid geometry with no extent, and place a site at 0,0.
func (r *reader) nonEmpty(v gjson.Result, n int, path, why string) {
	if v.IsArray() && n == 0 {
		r.fail(path, "empty: %s", why)
	}
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
