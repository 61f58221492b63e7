package atlas

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/topojson"
)

// index answers "which country is at this point" exactly. Polygons are
// bucketed in a coarse lon/lat grid by their bounds; each ring keeps its edges
// bucketed in horizontal strips, so the even-odd ray cast at a point only
// visits the edges whose latitude span covers it.
type index struct {
	polys []indexedPolygon
	cells [gridW * gridH][]int32 // polygon indexes whose bound touches the cell
}

const (
	gridW, gridH = 72, 36 // 5° cells
)

type indexedPolygon struct {
	country int
	rings   []indexedRing // exterior first, then holes
}

type indexedRing struct {
	pts    orb.LineString
	bound  orb.Bound
	minY   float64
	scale  float64   // strips per degree of latitude
	strips [][]int32 // per strip, the index of each edge's first vertex
}

func newIndex(a *Atlas) *index {
	ix := &index{}
	for ci, c := range a.Countries {
		for _, poly := range c.Polygons {
			ip := indexedPolygon{country: ci}
			for _, refs := range poly {
				ip.rings = append(ip.rings, newRing(topojson.Stitch(a.points, refs)))
			}
			pi := int32(len(ix.polys))
			ix.polys = append(ix.polys, ip)
			b := ip.rings[0].bound
			x0, y0 := cell(b.Min)
			x1, y1 := cell(b.Max)
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					ix.cells[y*gridW+x] = append(ix.cells[y*gridW+x], pi)
				}
			}
		}
	}
	return ix
}

func cell(p orb.Point) (int, int) {
	x := int((p[0] + 180) / 360 * gridW)
	y := int((p[1] + 90) / 180 * gridH)
	return min(max(x, 0), gridW-1), min(max(y, 0), gridH-1)
}

func newRing(pts orb.LineString) indexedRing {
	r := indexedRing{pts: pts, bound: pts.Bound()}
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

func (ix *index) at(p orb.Point) int {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return -1
	}
	x, y := cell(p)
	for _, pi := range ix.cells[y*gridW+x] {
		poly := &ix.polys[pi]
		if !poly.rings[0].contains(p) {
			continue
		}
		inHole := false
		for _, h := range poly.rings[1:] {
			if h.contains(p) {
				inHole = true
				break
			}
		}
		if !inHole {
			return poly.country
		}
	}
	return -1
}
