package atlas

import (
	"math"
	"sync"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// index answers "which country is at this point" exactly. Polygons are
// bucketed in a coarse lon/lat grid by their bounds; each ring keeps its edges
// bucketed in horizontal strips, so the even-odd ray cast at a point only
// visits the edges whose latitude span covers it. A polygon's rings are
// stitched and bucketed when a query first reaches it: a first view asks
// about a few countries, not the world.
type index struct {
	points []orb.LineString // the atlas's arcs, lon/lat
	polys  []indexedPolygon
	cells  [gridW * gridH][]int32 // polygon indexes whose bound touches the cell
}

const (
	gridW, gridH = 72, 36 // 5° cells
)

type indexedPolygon struct {
	country int
	polygon int     // its place among the country's polygons
	refs    [][]int // rings as arc references, exterior first
	once    sync.Once
	rings   []indexedRing // built from refs on first use
}

type indexedRing struct {
	pts    orb.LineString
	bound  orb.Bound
	minY   float64
	scale  float64   // strips per degree of latitude
	strips [][]int32 // per strip, the index of each edge's first vertex
}

func newIndex(a *Atlas) *index {
	ix := &index{points: a.points}
	n := 0
	for _, c := range a.Countries {
		n += len(c.Polygons)
	}
	ix.polys = make([]indexedPolygon, n)
	pi := int32(0)
	for ci, c := range a.Countries {
		for k, b := range a.PolygonBounds(ci) {
			ix.polys[pi].country, ix.polys[pi].polygon, ix.polys[pi].refs = ci, k, c.Polygons[k]
			x0, y0 := cell(b.Min)
			x1, y1 := cell(b.Max)
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					ix.cells[y*gridW+x] = append(ix.cells[y*gridW+x], pi)
				}
			}
			pi++
		}
	}
	return ix
}

// ringsOf returns polygon pi's rings, building them on first use.
func (ix *index) ringsOf(pi int32) []indexedRing {
	p := &ix.polys[pi]
	p.once.Do(func() {
		p.rings = make([]indexedRing, len(p.refs))
		for i, refs := range p.refs {
			p.rings[i] = newRing(topojson.Stitch(ix.points, refs))
		}
	})
	return p.rings
}

func cell(p orb.Point) (int, int) {
	x := int((p[0] + 180) / 360 * gridW)
	y := int((p[1] + 90) / 180 * gridH)
	return min(max(x, 0), gridW-1), min(max(y, 0), gridH-1)
}

func newRing(pts orb.LineString) indexedRing {
	r := indexedRing{pts: pts, bound: geo.Bound(pts)}
	n := max(1, len(pts)/8)
	h := r.bound.Max[1] - r.bound.Min[1]
	r.minY = r.bound.Min[1]
	if h > 0 {
		r.scale = float64(n) / h
	}
	r.strips = make([][]int32, n)
	for i := 0; i+1 < len(pts); i++ {
		lo, hi := r.strip(pts[i][1]), r.strip(pts[i+1][1])
		if lo > hi {
			lo, hi = hi, lo
		}
		for s := lo; s <= hi; s++ {
			r.strips[s] = append(r.strips[s], int32(i))
		}
	}
	return r
}

func (r *indexedRing) strip(y float64) int {
	return min(max(int((y-r.minY)*r.scale), 0), len(r.strips)-1)
}

// contains is the even-odd crossing test on the edges of p's strip.
func (r *indexedRing) contains(p orb.Point) bool {
	if !r.bound.Contains(p) {
		return false
	}
	in := false
	for _, e := range r.strips[r.strip(p[1])] {
		a, b := r.pts[e], r.pts[e+1]
		if (a[1] > p[1]) != (b[1] > p[1]) {
			if x := a[0] + (p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]); p[0] < x {
				in = !in
			}
		}
	}
	return in
}

// at returns the country at p and which of its polygons, or -1, -1.
func (ix *index) at(p orb.Point) (country, polygon int) {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return -1, -1
	}
	x, y := cell(p)
	for _, pi := range ix.cells[y*gridW+x] {
		rings := ix.ringsOf(pi)
		if !rings[0].contains(p) {
			continue
		}
		inHole := false
		for _, h := range rings[1:] {
			if h.contains(p) {
				inHole = true
				break
			}
		}
		if !inHole {
			return ix.polys[pi].country, ix.polys[pi].polygon
		}
	}
	return -1, -1
}
