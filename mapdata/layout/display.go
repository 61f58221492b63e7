package layout

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"
)

// Display is what a frame paints on an image of a given size, as
// screen-space primitives in paint order: after the sea, the Fills, then
// the Areas, then the Strokes (coasts and borders, the disputed areas'
// edges, then each corridor's and each tie's casing and line, then the
// outlines), then the Shapes, then the Symbols, then the Labels. Everything a
// picture depends on — the order, each line's dashes, caps, clipping and
// decimation, the quarter pixel a symbol or a label lands on — is decided
// here, once; the Ebitengine renderer and the CPU rasteriser only paint it,
// each as Paint* describes, so the live map and a snapshot agree to the
// pixel's rounding.
type Display struct {
	// Fills are the countries on screen. A fill's shape is its country's
	// polygons at the frame's level of detail (Frame.Level): a renderer
	// keys its triangulation by the two.
	Fills []CountryPaint
	// Areas are the disputed areas, filled over the countries (screen
	// rings, non-zero rule).
	Areas   []AreaPaint
	Strokes []Stroke
	// Shapes are filled convex polygons painted over the strokes: the
	// ties' arrowheads.
	Shapes  []Shape
	Symbols []Symbol
	Labels  []Label
	quads   []Quad // the strokes' quads, one buffer
}

// Stroke is a line as drawn: pieces of equal width and colour.
type Stroke struct {
	Quads []Quad
	// Core is the half-width of the line's solid core; its edges fade out
	// over the next pixel, to Core+1 (see Coverage).
	Core float64
	// Color is premultiplied, with a line thinner than a pixel (drawn one
	// pixel wide) made fainter in proportion.
	Color color.RGBA
}

// Quad is one straight piece of a stroke: the rectangle from A to B,
// Core+1 to each side of the segment A–B. A and B already include the
// square cap that closes the joins with the pieces next to it.
type Quad struct{ A, B orb.Point }

// Corners returns the quad's corners for a stroke of half-width half
// (Core+1): A's left and right, then B's left and right.
func (q Quad) Corners(half float64) [4]orb.Point {
	dx, dy := q.B[0]-q.A[0], q.B[1]-q.A[1]
	l := math.Hypot(dx, dy)
	nx, ny := -dy/l*half, dx/l*half
	return [4]orb.Point{{q.A[0] - nx, q.A[1] - ny}, {q.A[0] + nx, q.A[1] + ny}, {q.B[0] - nx, q.B[1] - ny}, {q.B[0] + nx, q.B[1] + ny}}
}

// Coverage is how much of a stroke of core half-width core covers a point
// at distance d across from its centre line: 1 in the core, falling to 0
// over the next pixel (a box filter's coverage of a straight edge).
func Coverage(d, core float64) float64 { return min(max(core+1-math.Abs(d), 0), 1) }

// Display lays out f's primitives for an image of w×h pixels, reusing the
// slices of d (which it returns).
func (f *Frame) Display(d *Display, w, h float64) *Display {
	if d == nil {
		d = &Display{}
	}
	d.Fills = append(d.Fills[:0], f.Countries...)
	d.Areas = append(d.Areas[:0], f.Areas...)
	d.Shapes = append(d.Shapes[:0], f.Arrows...)
	d.Strokes, d.quads = d.Strokes[:0], d.quads[:0]
	clip := orb.Bound{Max: orb.Point{w, h}}
	for _, l := range f.Strokes {
		d.AddStroke(l.Points, l.Style.Width, 0, l.Style.Color, clip)
	}
	for _, l := range f.Edges {
		d.AddStroke(l.Points, l.Style.Width, l.Style.Dash, l.Style.Color, clip)
	}
	for _, l := range f.Corridors {
		if l.Style.CasingWidth > 0 {
			d.AddStroke(l.Points, l.Style.Width+2*l.Style.CasingWidth, l.Style.Dash, l.Style.Casing, clip)
		}
		d.AddStroke(l.Points, l.Style.Width, l.Style.Dash, l.Style.Color, clip)
	}
	for _, l := range f.Ties {
		if l.Style.CasingWidth > 0 {
			d.AddStroke(l.Points, l.Style.Width+2*l.Style.CasingWidth, l.Style.Dash, l.Style.Casing, clip)
		}
		d.AddStroke(l.Points, l.Style.Width, l.Style.Dash, l.Style.Color, clip)
	}
	for _, l := range f.Outlines {
		d.AddStroke(l.Points, l.Style.Width, 0, l.Style.Color, clip)
	}
	d.Symbols = d.Symbols[:0]
	for _, s := range f.Sites {
		s.X, s.Y = QuarterPixel(s.X), QuarterPixel(s.Y)
		d.Symbols = append(d.Symbols, s)
	}
	d.Labels = d.Labels[:0]
	for _, l := range f.Labels {
		l.X, l.Y = QuarterPixel(l.X), QuarterPixel(l.Y)
		d.Labels = append(d.Labels, l)
	}
	return d
}

// QuarterPixel rounds a position to a quarter pixel: symbols and labels
// are drawn from images made per fraction of a pixel, and a quarter keeps
// them within an eighth of a pixel of where they belong.
func QuarterPixel(v float64) float64 { return math.Round(v*4) / 4 }

// AddStroke appends the stroke of a screen polyline of the given width (in
// pixels), dashed (dash > 0: equal dashes and gaps) and coloured c, as
// quads: points closer than 0.75 px to the last one kept are dropped (at
// low zooms dense coasts have many per pixel, which draw nothing more),
// and pieces are clipped to clip widened by the line's width.
func (d *Display) AddStroke(pts []orb.Point, width, dash float64, c color.RGBA, clip orb.Bound) {
	// A line thinner than a pixel is drawn one pixel wide and fainter.
	core, fade := math.Max(width, 1)/2-0.5, math.Min(width, 1)
	if fade < 1 {
		c = color.RGBA{uint8(float64(c.R)*fade + 0.5), uint8(float64(c.G)*fade + 0.5), uint8(float64(c.B)*fade + 0.5), uint8(float64(c.A)*fade + 0.5)}
	}
	margin := width + 2
	view := orb.Bound{Min: orb.Point{clip.Min[0] - margin, clip.Min[1] - margin}, Max: orb.Point{clip.Max[0] + margin, clip.Max[1] + margin}}
	ext := core + 0.5 // square caps close the joins
	start := len(d.quads)
	Dashes(decimate(pts, 0.75), dash, func(p, q orb.Point) {
		p, q, ok := clipSegment(view, p, q)
		if !ok {
			return
		}
		dx, dy := q[0]-p[0], q[1]-p[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			return
		}
		ux, uy := dx/l*ext, dy/l*ext
		d.quads = append(d.quads, Quad{A: orb.Point{p[0] - ux, p[1] - uy}, B: orb.Point{q[0] + ux, q[1] + uy}})
	})
	if len(d.quads) > start {
		d.Strokes = append(d.Strokes, Stroke{Quads: d.quads[start:len(d.quads):len(d.quads)], Core: core, Color: c})
	}
}

// decimate drops the points of a screen polyline that are closer than
// minPx pixels to the last one kept (the end is always kept).
func decimate(pts []orb.Point, minPx float64) []orb.Point {
	if len(pts) < 3 {
		return pts
	}
	out := []orb.Point{pts[0]}
	for i, p := range pts[1:] {
		last := out[len(out)-1]
		if i == len(pts)-2 || math.Abs(p[0]-last[0]) >= minPx || math.Abs(p[1]-last[1]) >= minPx {
			out = append(out, p)
		}
	}
	return out
}

// clipSegment clips the segment p–q to b (Liang–Barsky); ok is false when
// nothing of it is inside.
func clipSegment(b orb.Bound, p, q orb.Point) (orb.Point, orb.Point, bool) {
	t0, t1 := 0.0, 1.0
	d := orb.Point{q[0] - p[0], q[1] - p[1]}
	for _, e := range [4][2]float64{
		{-d[0], p[0] - b.Min[0]}, {d[0], b.Max[0] - p[0]},
		{-d[1], p[1] - b.Min[1]}, {d[1], b.Max[1] - p[1]},
	} {
		pe, qe := e[0], e[1]
		if pe == 0 {
			if qe < 0 {
				return p, q, false
			}
			continue
		}
		r := qe / pe
		if pe < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
		if t0 > t1 {
			return p, q, false
		}
	}
	return Lerp(p, q, t0), Lerp(p, q, t1), true
}
