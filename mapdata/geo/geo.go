// Package geo holds the map's projection and great-circle helpers.
//
// World coordinates are the unit square of the projection: x from 0 at 180°W
// to 1 at 180°E, y from 0 at the top edge to 1 at the bottom (the MapLibre
// convention). At zoom z the world is 512·2^z pixels wide, so zoom numbers
// mean the same view as in MapLibre GL.
package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/project"
)

// TileSize is the width in pixels of the whole world at zoom 0.
const TileSize = 512

// MaxLat is the latitude where Web Mercator's square world ends.
var MaxLat = 85.0511287798066

// Projection maps lon/lat (degrees) to world coordinates and back. It is the
// one replaceable piece between geography and screens.
type Projection interface {
	Project(lonLat orb.Point) orb.Point
	Unproject(world orb.Point) orb.Point
}

// WebMercator is the spherical Web Mercator projection (EPSG:3857), through
// orb/project. Latitudes beyond ±MaxLat are clamped to the world's edge.
var WebMercator Projection = webMercator{}

type webMercator struct{}

const worldMeters = 2 * math.Pi * orb.EarthRadius

func (webMercator) Project(p orb.Point) orb.Point {
	m := project.WGS84.ToMercator(p)
	return orb.Point{m[0]/worldMeters + 0.5, 0.5 - m[1]/worldMeters}
}

func (webMercator) Unproject(w orb.Point) orb.Point {
	return project.Mercator.ToWGS84(orb.Point{(w[0] - 0.5) * worldMeters, (0.5 - w[1]) * worldMeters})
}

// DistanceKm is the great-circle (haversine) distance between two lon/lat
// points in kilometres.
func DistanceKm(a, b orb.Point) float64 {
	return geo.DistanceHaversine(a, b) / 1000
}

// ValidLonLat reports whether p is a finite longitude in [-180, 180] and
// latitude in [-90, 90].
func ValidLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// Round rounds x to a number of decimal places, halves away from zero.
func Round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// Bound is pts.Bound() by a plain loop, faster than orb's point-by-point
// Extend on the long arcs of the boundaries. Like orb, it gives the empty
// bound (Min > Max) for no points.
func Bound(pts orb.LineString) orb.Bound {
	if len(pts) == 0 {
		return orb.LineString{}.Bound()
	}
	b := orb.Bound{Min: pts[0], Max: pts[0]}
	// Comparisons, not min and max: for floats those handle NaN and -0,
	// which the loaders' points never are, and on wasm each is a call
	// (runtime.fmin64, fmax64): 11 ms of the browser's start-up.
	for _, p := range pts[1:] {
		if p[0] < b.Min[0] {
			b.Min[0] = p[0]
		} else if p[0] > b.Max[0] {
			b.Max[0] = p[0]
		}
		if p[1] < b.Min[1] {
			b.Min[1] = p[1]
		} else if p[1] > b.Max[1] {
			b.Max[1] = p[1]
		}
	}
	return b
}
