package raster

import (
	"image"
	"image/color"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/layout"
)

// This file paints a layout.Display as a GPU does: a pixel belongs to a
// filled shape when its centre is inside it (no anti-aliasing: the strokes
// drawn over every coast and border smooth the edges), and a stroke's quad
// covers the pixels whose centres are inside it, each by layout.Coverage
// of its distance from the line, blended over what is there. The
// Ebitengine renderer draws the same primitives with triangles and a
// shader, so the two agree but for rounding.

// paintFills fills each country of d with its colour and patterns.
func paintFills(dst *image.RGBA, f *layout.Frame, d *layout.Display) {
	px, py := f.PatternOrigin()
	for _, cp := range d.Fills {
		var rings [][]orb.Point
		for _, poly := range f.G.Atlas.Countries[cp.Index].Polygons {
			for _, refs := range poly {
				ring := f.Level.Ring(refs)
				if len(ring) < 4 {
					continue
				}
				pts := make([]orb.Point, len(ring))
				for i, q := range ring {
					pts[i][0], pts[i][1] = f.Cam.WorldToScreen(q)
				}
				rings = append(rings, pts)
			}
		}
		fillCentres(dst, rings, func(bb image.Rectangle) *image.RGBA {
			if len(cp.Patterns) == 0 {
				return nil
			}
			return patterned(bb, cp.Fill, cp.Patterns, px, py)
		}, cp.Fill)
	}
}

// paintAreas fills the disputed areas of d with their colour and the
// faded patterns, as the countries are filled.
func paintAreas(dst *image.RGBA, f *layout.Frame, d *layout.Display) {
	px, py := f.PatternOrigin()
	for _, a := range d.Areas {
		fillCentres(dst, a.Rings, func(bb image.Rectangle) *image.RGBA {
			if len(a.Patterns) == 0 {
				return nil
			}
			return patterned(bb, a.Fill, a.Patterns, px, py)
		}, a.Fill)
	}
}

// edge is a polygon edge for the scanline fill, from lower y to higher,
// with the winding it adds.
type edge struct {
	x0, y0, x1, y1 float64
	dir            int
	last           int // the last row whose centre it spans
}

// fillCentres fills the pixels of dst whose centres are inside rings
// (non-zero rule) with the pixels of the image paint makes for their box,
// or with c where paint gives nil, blended over dst.
func fillCentres(dst *image.RGBA, rings [][]orb.Point, paint func(bb image.Rectangle) *image.RGBA, c color.RGBA) {
	box := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, ring := range rings {
		for _, q := range ring {
			box = box.Extend(q)
		}
	}
	if box.Min[0] > box.Max[0] {
		return
	}
	bb := image.Rect(int(math.Floor(box.Min[0])), int(math.Floor(box.Min[1])), int(math.Ceil(box.Max[0]))+1, int(math.Ceil(box.Max[1]))+1).Intersect(dst.Rect)
	if bb.Empty() {
		return
	}
	// Edges by the first row whose centre they span.
	rows := make([][]edge, bb.Dy())
	for _, ring := range rings {
		for i := 1; i < len(ring); i++ {
			p, q := ring[i-1], ring[i]
			e := edge{x0: p[0], y0: p[1], x1: q[0], y1: q[1], dir: 1}
			if e.y0 > e.y1 {
				e.x0, e.y0, e.x1, e.y1, e.dir = q[0], q[1], p[0], p[1], -1
			}
			// Rows whose centre y+0.5 is in [y0, y1).
			first := max(int(math.Ceil(e.y0-0.5)), bb.Min.Y)
			e.last = min(int(math.Ceil(e.y1-0.5))-1, bb.Max.Y-1)
			if first > e.last {
				continue
			}
			rows[first-bb.Min.Y] = append(rows[first-bb.Min.Y], e)
		}
	}
	src := paint(bb)
	type crossing struct {
		x   float64
		dir int
	}
	var active []edge
	var xs []crossing
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		active = slices.DeleteFunc(active, func(e edge) bool { return e.last < y })
		active = append(active, rows[y-bb.Min.Y]...)
		if len(active) == 0 {
			continue
		}
		cy := float64(y) + 0.5
		xs = xs[:0]
		for _, e := range active {
			xs = append(xs, crossing{e.x0 + (cy-e.y0)*(e.x1-e.x0)/(e.y1-e.y0), e.dir})
		}
		slices.SortFunc(xs, func(a, b crossing) int {
			switch {
			case a.x < b.x:
				return -1
			case a.x > b.x:
				return 1
			}
			return 0
		})
		wind := 0
		for i, x := range xs {
			wind += x.dir
			if wind == 0 || i+1 == len(xs) {
				continue
			}
			// Pixels whose centre x+0.5 is in [x.x, next.x).
			from := max(int(math.Ceil(x.x-0.5)), bb.Min.X)
			to := min(int(math.Ceil(xs[i+1].x-0.5)), bb.Max.X)
			row := dst.Pix[dst.PixOffset(dst.Rect.Min.X, y):]
			for px := from; px < to; px++ {
				s := c
				if src != nil {
					k := src.PixOffset(px, y)
					s = color.RGBA{src.Pix[k], src.Pix[k+1], src.Pix[k+2], src.Pix[k+3]}
				}
				over(row[4*(px-dst.Rect.Min.X):], s, 1)
			}
		}
	}
}

// over blends colour c (premultiplied) at coverage cov over the pixel p.
func over(p []uint8, c color.RGBA, cov float64) {
	if cov >= 1 && c.A == 255 {
		p[0], p[1], p[2], p[3] = c.R, c.G, c.B, 255
		return
	}
	a := float64(c.A) / 255 * cov
	keep := 1 - a
	p[0] = uint8(float64(c.R)*cov + float64(p[0])*keep + 0.5)
	p[1] = uint8(float64(c.G)*cov + float64(p[1])*keep + 0.5)
	p[2] = uint8(float64(c.B)*cov + float64(p[2])*keep + 0.5)
	p[3] = uint8(float64(c.A)*cov + float64(p[3])*keep + 0.5)
}

// paintStroke draws a stroke's quads: each pixel whose centre is inside a
// quad gets the stroke's colour at layout.Coverage of its distance from
// the quad's centre line. Quads are blended one after the other, as a GPU
// draws triangles, so where two overlap at a join the colour is laid
// twice.
func paintStroke(dst *image.RGBA, s layout.Stroke) {
	half := s.Core + 1
	for _, q := range s.Quads {
		dx, dy := q.B[0]-q.A[0], q.B[1]-q.A[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		ux, uy := dx/l, dy/l
		c := q.Corners(half)
		ring := [4]orb.Point{c[0], c[2], c[3], c[1]} // round the rectangle
		minY, maxY := math.Inf(1), math.Inf(-1)
		for _, p := range ring {
			minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
		}
		y0 := max(int(math.Ceil(minY-0.5)), dst.Rect.Min.Y)
		y1 := min(int(math.Ceil(maxY-0.5)), dst.Rect.Max.Y)
		for y := y0; y < y1; y++ {
			cy := float64(y) + 0.5
			// The row's span inside the convex quad.
			xl, xr := math.Inf(1), math.Inf(-1)
			for i := range 4 {
				p, r := ring[i], ring[(i+1)%4]
				if (p[1] <= cy) == (r[1] <= cy) {
					continue
				}
				x := p[0] + (cy-p[1])*(r[0]-p[0])/(r[1]-p[1])
				xl, xr = math.Min(xl, x), math.Max(xr, x)
			}
			from := max(int(math.Ceil(xl-0.5)), dst.Rect.Min.X)
			to := min(int(math.Ceil(xr-0.5)), dst.Rect.Max.X)
			row := dst.Pix[dst.PixOffset(dst.Rect.Min.X, y):]
			for x := from; x < to; x++ {
				rx, ry := float64(x)+0.5-q.A[0], cy-q.A[1]
				if cov := layout.Coverage(rx*-uy+ry*ux, s.Core); cov > 0 {
					over(row[4*(x-dst.Rect.Min.X):], s.Color, cov)
				}
			}
		}
	}
}
