package atlas

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// kmPerDegree is the length of a degree of latitude (and of longitude at the
// equator) on a sphere of the Earth's mean radius, 6371 km.
const kmPerDegree = 6371 * math.Pi / 180

// edgeGrid buckets every segment of every arc by the cells of a 0.5° grid
// that its bound touches, so that the distance from a point to a country or
// to the coast looks only at the segments near it. It is laid out flat
// (offsets, then references): the 1:50m boundaries have about 100,000
// segments, and a slice per cell would cost more than the references.
type edgeGrid struct {
	start []int32 // cell c's segments are refs[start[c]:start[c+1]]
	refs  []segment
}

// segment is segment seg (from point seg to seg+1) of arc arc.
type segment struct{ arc, seg int32 }

const (
	gridCell           = 0.5 // degrees
	gridCols, gridRows = 360 / gridCell, 180 / gridCell
)

func gridCellOf(lon, lat float64) (int, int) {
	x := int((lon + 180) / gridCell)
	y := int((lat + 90) / gridCell)
	return min(max(x, 0), gridCols-1), min(max(y, 0), gridRows-1)
}

func newEdgeGrid(arcs []Arc) *edgeGrid {
	// Two passes, counting then filling, over each segment's cells, worked
	// out once in the first; loops rather than a callback per segment (the
	// 1:10m boundaries' 470,000 segments: 28 → 15 ms natively).
	type cells struct{ x0, y0, x1, y1 int16 }
	n := 0
	for _, arc := range arcs {
		n += max(len(arc.Points)-1, 0)
	}
	spans := make([]cells, 0, n)
	g := &edgeGrid{start: make([]int32, gridCols*gridRows+1)}
	for _, arc := range arcs {
		for si := 0; si+1 < len(arc.Points); si++ {
			p, q := arc.Points[si], arc.Points[si+1]
			x0, y0 := gridCellOf(min(p[0], q[0]), min(p[1], q[1]))
			x1, y1 := gridCellOf(max(p[0], q[0]), max(p[1], q[1]))
			spans = append(spans, cells{int16(x0), int16(y0), int16(x1), int16(y1)})
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					g.start[y*gridCols+x+1]++
				}
			}
		}
	}
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	g.refs = make([]segment, g.start[len(g.start)-1])
	fill := make([]int32, gridCols*gridRows)
	copy(fill, g.start)
	k := 0
	for ai, arc := range arcs {
		for si := 0; si+1 < len(arc.Points); si++ {
			sp := spans[k]
			k++
			for y := int(sp.y0); y <= int(sp.y1); y++ {
				for x := int(sp.x0); x <= int(sp.x1); x++ {
					c := y*gridCols + x
					g.refs[fill[c]] = segment{int32(ai), int32(si)}
					fill[c]++
				}
			}
		}
	}
	return g
}

// nearest returns the distance in km from p to the closest segment of an arc
// that keep accepts, looking only within maxKm of p; +Inf when there is none
// that close. Distances are measured in the plane tangent at p (longitude
// scaled by the cosine of p's latitude), which is well within a percent of
// the great circle over the few hundred kilometres it is asked about.
func (g *edgeGrid) nearest(arcs []Arc, p orb.Point, maxKm float64, keep func(Arc) bool) float64 {
	cos := math.Cos(p[1] * math.Pi / 180)
	dLat := maxKm / kmPerDegree
	dLon := 180.0
	if cos*kmPerDegree*180 > maxKm {
		dLon = maxKm / (kmPerDegree * cos)
	}
	x0, y0 := gridCellOf(p[0]-dLon, p[1]-dLat)
	x1, y1 := gridCellOf(p[0]+dLon, p[1]+dLat)
	local := func(q orb.Point) (float64, float64) {
		dx := q[0] - p[0]
		if dx > 180 {
			dx -= 360
		} else if dx < -180 {
			dx += 360
		}
		return dx * cos * kmPerDegree, (q[1] - p[1]) * kmPerDegree
	}
	best := math.Inf(1)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := y*gridCols + x
			for _, s := range g.refs[g.start[c]:g.start[c+1]] {
				arc := arcs[s.arc]
				if !keep(arc) {
					continue
				}
				ax, ay := local(arc.Points[s.seg])
				bx, by := local(arc.Points[s.seg+1])
				best = min(best, originToSegment(ax, ay, bx, by))
			}
		}
	}
	if best > maxKm {
		return math.Inf(1)
	}
	return best
}

// originToSegment is the distance from (0, 0) to the segment a–b.
func originToSegment(ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = min(max(-(ax*dx+ay*dy)/l, 0), 1)
	}
	return math.Hypot(ax+t*dx, ay+t*dy)
}

// DistanceToCountry returns how far p (lon/lat) lies from the territory of
// country i, in km: 0 inside it, +Inf when it is farther than maxKm.
func (a *Atlas) DistanceToCountry(p orb.Point, i int, maxKm float64) float64 {
	if ci, _ := a.index().at(p); ci == i {
		return 0
	}
	return a.grid().nearest(a.Arcs, p, maxKm, func(arc Arc) bool { return arc.Left == i || arc.Right == i })
}

// DistanceToLand returns how far p (lon/lat) lies from the nearest coast, in
// km: 0 on land, +Inf when it is farther than maxKm.
func (a *Atlas) DistanceToLand(p orb.Point, maxKm float64) float64 {
	if ci, _ := a.index().at(p); ci >= 0 {
		return 0
	}
	return a.grid().nearest(a.Arcs, p, maxKm, Arc.Coast)
}

// DistanceToCoast returns how far p (lon/lat) lies from the nearest coast,
// on land or at sea, in km: +Inf when it is farther than maxKm.
func (a *Atlas) DistanceToCoast(p orb.Point, maxKm float64) float64 {
	return a.grid().nearest(a.Arcs, p, maxKm, Arc.Coast)
}

// grid builds the segment grid on first use: only checks of content against
// the boundaries need it, never a map's first frame.
func (a *Atlas) grid() *edgeGrid {
	a.gridOnce.Do(func() { a.edges = newEdgeGrid(a.Arcs) })
	return a.edges
}

// gridState is embedded in Atlas: the segment grid and its once.
type gridState struct {
	gridOnce sync.Once
	edges    *edgeGrid
}
