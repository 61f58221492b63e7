package atlas

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// kmPerDegree is the length of a degree of latitude (and of longitude at the
// equator) on a sphere of the Earth's mean radius, 6371 km.
const kmPerDegree = 6371 * math.Pi / 180

// edgeGrid buckets the arcs, in runs of up to runLen segments, by the cells
// of a 1° grid that each run's bound touches, so that the distance from a
// point to a country or to the coast looks only at the runs near it. Runs
// rather than single segments keep building it cheap (a content check
// that asks one distance pays for the whole grid): the 1:50m boundaries'
// 78,000 segments make 5,800 runs. It is laid out flat (offsets, then
// references) rather than with a slice per cell.
type edgeGrid struct {
	runs  []run
	start []int32 // cell c's runs are refs[start[c]:start[c+1]]
	refs  []int32 // indexes into runs
}

// run is segments seg to seg+n-1 (points seg to seg+n) of arc arc, and the
// cells its bound covers.
type run struct {
	arc, seg, n    int32
	x0, y0, x1, y1 int16
}

const (
	runLen             = 16
	gridCell           = 1 // degrees
	gridCols, gridRows = 360 / gridCell, 180 / gridCell
)

func gridCellOf(lon, lat float64) (int, int) {
	x := int((lon + 180) / gridCell)
	y := int((lat + 90) / gridCell)
	return min(max(x, 0), gridCols-1), min(max(y, 0), gridRows-1)
}

func newEdgeGrid(arcs []Arc) *edgeGrid {
	// Two passes, counting then filling, over each run's cells.
	n := 0
	for _, arc := range arcs {
		n += (len(arc.Points) + runLen - 2) / runLen
	}
	g := &edgeGrid{runs: make([]run, 0, n), start: make([]int32, gridCols*gridRows+1)}
	for ai, arc := range arcs {
		for si := 0; si+1 < len(arc.Points); si += runLen {
			pts := arc.Points[si:min(si+runLen+1, len(arc.Points))]
			lo, hi := pts[0], pts[0]
			for _, p := range pts[1:] {
				// Comparisons rather than min and max: these are runtime
				// calls on wasm.
				if p[0] < lo[0] {
					lo[0] = p[0]
				} else if p[0] > hi[0] {
					hi[0] = p[0]
				}
				if p[1] < lo[1] {
					lo[1] = p[1]
				} else if p[1] > hi[1] {
					hi[1] = p[1]
				}
			}
			x0, y0 := gridCellOf(lo[0], lo[1])
			x1, y1 := gridCellOf(hi[0], hi[1])
			g.runs = append(g.runs, run{int32(ai), int32(si), int32(len(pts) - 1), int16(x0), int16(y0), int16(x1), int16(y1)})
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
	g.refs = make([]int32, g.start[len(g.start)-1])
	fill := make([]int32, gridCols*gridRows)
	copy(fill, g.start)
	for ri, r := range g.runs {
		for y := int(r.y0); y <= int(r.y1); y++ {
			for x := int(r.x0); x <= int(r.x1); x++ {
				c := y*gridCols + x
				g.refs[fill[c]] = int32(ri)
				fill[c]++
			}
		}
	}
	return g
}

// nearest returns the distance in km from p to the closest segment of an arc
// that keep accepts, looking only within maxKm of p; +Inf when there is none
// that close. Distances are measured in the plane tangent at p (longitude
// scaled by the cosine of p's latitude), which is well within a percent of
// the great circle over the few hundred kilometres it is asked about. A
// point that is not a position (NaN, or past ±180° or ±90°) is near nothing.
func (g *edgeGrid) nearest(arcs []Arc, p orb.Point, maxKm float64, keep func(Arc) bool) float64 {
	if !(math.Abs(p[0]) <= 180 && math.Abs(p[1]) <= 90) {
		return math.Inf(1)
	}
	cos := math.Cos(p[1] * math.Pi / 180)
	dLat := maxKm / kmPerDegree
	dLon := 180.0
	if cos*kmPerDegree*180 > maxKm {
		dLon = maxKm / (kmPerDegree * cos)
	}
	// The columns wrap around the antimeridian; the rows stop at the poles.
	x0 := int(math.Floor((p[0] - dLon + 180) / gridCell))
	x1 := int(math.Floor((p[0] + dLon + 180) / gridCell))
	if x1-x0 >= gridCols {
		x0, x1 = 0, gridCols-1
	}
	_, y0 := gridCellOf(p[0], p[1]-dLat)
	_, y1 := gridCellOf(p[0], p[1]+dLat)
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
			c := y*gridCols + (x+gridCols)%gridCols
			for _, ri := range g.refs[g.start[c]:g.start[c+1]] {
				r := g.runs[ri]
				arc := arcs[r.arc]
				if !keep(arc) {
					continue
				}
				pts := arc.Points[r.seg : r.seg+r.n+1]
				ax, ay := local(pts[0])
				for _, q := range pts[1:] {
					bx, by := local(q)
					best = min(best, originToSegment(ax, ay, bx, by))
					ax, ay = bx, by
				}
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

// grid builds the grid on first use: only checks of content against the
// boundaries need it, never a drawing (though in the browser the content
// is checked before the first frame).
func (a *Atlas) grid() *edgeGrid {
	a.gridOnce.Do(func() { a.edges = newEdgeGrid(a.Arcs) })
	return a.edges
}

// gridState is embedded in Atlas: the grid and its once.
type gridState struct {
	gridOnce sync.Once
	edges    *edgeGrid
}
