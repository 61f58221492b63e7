package layout

import (
	"math"

	"github.com/paulmach/orb"
)

// boxCell is the side of a cell of boxes' grid, in device pixels: about a
// label's width, so that a box is compared with those of a few cells.
const boxCell = 64

// boxes holds the boxes taken on a w×h screen (labels, site symbols,
// panels) in a grid of cells, so that whether a new box is free is
// answered by the boxes near it, not by every box placed: with thousands of
// sites on screen, comparing each label with every box made the page's
// start quadratic in the sites.
type boxes struct {
	cols, rows int
	cells      [][]orb.Bound
}

func newBoxes(w, h float64) *boxes {
	cols, rows := max(1, int(math.Ceil(w/boxCell))), max(1, int(math.Ceil(h/boxCell)))
	return &boxes{cols: cols, rows: rows, cells: make([][]orb.Bound, cols*rows)}
}

// span returns the cells b covers, clamped to the screen: what lies
// beyond it holds no label.
func (bs *boxes) span(b orb.Bound) (x0, y0, x1, y1 int) {
	clamp := func(v float64, n int) int { return min(n-1, max(0, int(math.Floor(v/boxCell)))) }
	return clamp(b.Min[0], bs.cols), clamp(b.Min[1], bs.rows), clamp(b.Max[0], bs.cols), clamp(b.Max[1], bs.rows)
}

func (bs *boxes) add(b orb.Bound) {
	x0, y0, x1, y1 := bs.span(b)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			bs.cells[y*bs.cols+x] = append(bs.cells[y*bs.cols+x], b)
		}
	}
}

// hits reports whether b intersects a box added before.
func (bs *boxes) hits(b orb.Bound) bool {
	x0, y0, x1, y1 := bs.span(b)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, o := range bs.cells[y*bs.cols+x] {
				if b.Intersects(o) {
					return true
				}
			}
		}
	}
	return false
}
