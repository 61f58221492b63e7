package atlas

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// DefaultBands are the zoom levels (MapLibre scale) up to which each level of
// detail serves; past the last band the full geometry is used.
var DefaultBands = []float64{2, 3.5, 5, 6.5, 8}

// TolerancePx is the largest error, in screen pixels at a band's top zoom,
// that simplification may introduce.
const TolerancePx = 0.35

// LOD is the boundaries projected once and simplified once per zoom band.
// Each arc is simplified on its own with its end points kept, so the two
// countries that share a border keep sharing exactly the same line at every
// level. An LOD is read-only and safe for concurrent use.
type LOD struct {
	Projection geo.Projection
	Levels     []Level // by increasing MaxZoom; the last has MaxZoom +Inf
}

// Level is the boundaries at one level of detail, in world coordinates.
type Level struct {
	MaxZoom   float64
	Tolerance float64          // in world units (the world is 1 wide)
	Arcs      []orb.LineString // same indexes as Atlas.Arcs
	// Strokes holds, per arc, the runs to draw as a line: the arc without
	// the edges that only close a ring along the antimeridian or a pole.
	Strokes [][]orb.LineString
}

// Prepare projects and simplifies the atlas for the given zoom bands (see
// DefaultBands).
func (a *Atlas) Prepare(proj geo.Projection, bands []float64) *LOD {
	projected := make([]orb.LineString, len(a.Arcs))
	for i, arc := range a.Arcs {
		projected[i] = make(orb.LineString, len(arc.Points))
		for j, p := range arc.Points {
			projected[i][j] = proj.Project(p)
		}
	}
	lod := &LOD{Projection: proj}
	for _, z := range append(append([]float64{}, bands...), math.Inf(1)) {
		lv := Level{MaxZoom: z, Arcs: projected}
		if !math.IsInf(z, 1) {
			lv.Tolerance = TolerancePx / (geo.TileSize * math.Exp2(z))
			lv.Arcs = make([]orb.LineString, len(projected))
			dp := simplify.DouglasPeucker(lv.Tolerance)
			for i, arc := range projected {
				lv.Arcs[i] = dp.LineString(arc.Clone())
			}
		}
		lv.Strokes = make([][]orb.LineString, len(a.Arcs))
		for i, arc := range a.Arcs {
			lv.Strokes[i] = strokes(arc.Points, projected[i], lv.Arcs[i])
		}
		lod.Levels = append(lod.Levels, lv)
	}
	return lod
}

// strokes splits a simplified arc where it runs along the edge of the
// lon/lat domain. lonlat and full are the arc before simplification, in
// lon/lat and projected; simplified keeps a subset of full's vertices.
func strokes(lonlat, full, simplified orb.LineString) []orb.LineString {
	// Map simplified vertices back to lon/lat through their position in full.
	var out []orb.LineString
	var run orb.LineString
	j := 0
	var prev orb.Point
	for k, p := range simplified {
		for j < len(full) && full[j] != p {
			j++
		}
		ll := lonlat[min(j, len(lonlat)-1)]
		if k > 0 && DomainEdge(prev, ll) {
			if len(run) >= 2 {
				out = append(out, run)
			}
			run = nil
		}
		run = append(run, p)
		prev = ll
	}
	if len(run) >= 2 {
		out = append(out, run)
	}
	return out
}

// DomainEdge reports whether the edge from a to b (lon/lat) lies on the
// antimeridian or at a pole: an edge that closes a ring cut there, not a
// real coast or border.
func DomainEdge(a, b orb.Point) bool {
	const pole = 89.99
	return (math.Abs(a[0]) == 180 && a[0] == b[0]) || (math.Abs(a[1]) >= pole && math.Abs(b[1]) >= pole)
}

// For returns the level to draw at zoom.
func (l *LOD) For(zoom float64) *Level {
	for i := range l.Levels {
		if zoom <= l.Levels[i].MaxZoom {
			return &l.Levels[i]
		}
	}
	return &l.Levels[len(l.Levels)-1]
}

// Ring stitches a ring of arc references at this level.
func (lv *Level) Ring(refs []int) orb.LineString { return topojson.Stitch(lv.Arcs, refs) }
