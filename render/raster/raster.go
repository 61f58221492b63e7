// Package raster draws layout frames on the CPU into an image.RGBA, with no
// display and no GPU: snapshots, og:images and posters. It draws the same
// Frame as the Ebitengine renderer — same fills and patterns (style.
// Composite), same lines (layout.Dashes), same symbols and the same placed
// labels — so a static image matches the live map. It never imports
// Ebitengine.
package raster

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/paulmach/orb"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
)

// Renderer draws frames. It caches font faces; it is not safe for
// concurrent use (make one per goroutine).
type Renderer struct {
	*Text
	measure *layout.FontMeasurer
}

// New parses the label fonts (layout.Fonts).
func New() (*Renderer, error) { return NewFor(layout.Fonts) }

// NewFor draws with fs: a snapshot in a language other than the process's.
func NewFor(fs layout.FontSet) (*Renderer, error) {
	m, err := layout.NewFontMeasurerFor(fs)
	if err != nil {
		return nil, err
	}
	t, err := NewTextFor(fs)
	if err != nil {
		return nil, err
	}
	return &Renderer{Text: t, measure: m}, nil
}

// Text draws labels with the label fonts (package layout's), with a halo.
// The Ebitengine renderer draws its labels with it too, so text looks the
// same live and in snapshots. It caches font faces; it is not safe for
// concurrent use.
type Text struct {
	fonts [2]*opentype.Font
	faces map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

// NewText parses the label fonts (layout.Fonts).
func NewText() (*Text, error) { return NewTextFor(layout.Fonts) }

// NewTextFor parses fs.
func NewTextFor(fs layout.FontSet) (*Text, error) {
	t := &Text{faces: map[faceKey]font.Face{}}
	for i, ttf := range [][]byte{fs.Regular, fs.Bold} {
		f, err := opentype.Parse(ttf)
		if err != nil {
			return nil, err
		}
		t.fonts[i] = f
	}
	return t, nil
}

// Draw renders f, with its legend and the attribution, into a new image of
// the camera's size. Labels are placed again around the legend and the
// attribution, so none hides under them.
func (r *Renderer) Draw(f *layout.Frame) *image.RGBA {
	legend := r.legend(f)
	f.PlaceLabels(r.measure, legend.boxes()...)
	dst := r.drawMap(f)
	r.drawLegend(dst, f, legend)
	return dst
}

// drawMap draws the map of f alone: no legend, no attribution.
func (r *Renderer) drawMap(f *layout.Frame) *image.RGBA {
	w, h := int(f.Cam.W), int(f.Cam.H)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(f.Theme.Sea), image.Point{}, draw.Src)
	d := f.Display(nil, float64(w), float64(h))
	paintFills(dst, f, d)
	paintAreas(dst, f, d)
	for _, s := range d.Strokes {
		paintStroke(dst, s)
	}
	for _, s := range d.Shapes {
		fillCentres(dst, [][]orb.Point{s.Ring}, func(image.Rectangle) *image.RGBA { return nil }, s.Color)
	}
	for _, s := range d.Symbols {
		DrawSymbol(dst, s, f.Cam.Ratio)
	}
	for _, l := range d.Labels {
		r.DrawLabel(dst, l, f.Cam.Ratio)
	}
	return dst
}

// fillPolys fills closed polygons (non-zero rule, anti-aliased) with the
// image paint makes for their box on dst: the work is bounded by the box,
// not the whole image.
func fillPolys(dst *image.RGBA, polys [][]orb.Point, paint func(bb image.Rectangle) image.Image) {
	box := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, poly := range polys {
		for _, q := range poly {
			box = box.Extend(q)
		}
	}
	if box.Min[0] > box.Max[0] {
		return
	}
	bb := image.Rect(int(math.Floor(box.Min[0])), int(math.Floor(box.Min[1])), int(math.Ceil(box.Max[0]))+1, int(math.Ceil(box.Max[1]))+1).Intersect(dst.Bounds())
	if bb.Empty() {
		return
	}
	z := vector.NewRasterizer(bb.Dx(), bb.Dy())
	z.DrawOp = draw.Over
	ox, oy := float64(bb.Min.X), float64(bb.Min.Y)
	for _, poly := range polys {
		for i, q := range poly {
			if i == 0 {
				z.MoveTo(float32(q[0]-ox), float32(q[1]-oy))
			} else {
				z.LineTo(float32(q[0]-ox), float32(q[1]-oy))
			}
		}
		z.ClosePath()
	}
	z.Draw(dst, bb, paint(bb), bb.Min)
}

func uniform(c color.RGBA) func(image.Rectangle) image.Image {
	return func(image.Rectangle) image.Image { return image.NewUniform(c) }
}

// patterned paints a fill and its patterns, anchored at (px, py), over
// the pixels of bb.
func patterned(bb image.Rectangle, base color.RGBA, pats []style.Pattern, px, py float64) *image.RGBA {
	img := image.NewRGBA(bb)
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		row := img.Pix[img.PixOffset(bb.Min.X, y):]
		for x := bb.Min.X; x < bb.Max.X; x++ {
			c := style.Composite(base, pats, float64(x)+0.5-px, float64(y)+0.5-py)
			i := 4 * (x - bb.Min.X)
			row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
		}
	}
	return img
}

// stroke draws a solid polyline (the legend's swatches) as the map's
// lines are drawn.
func stroke(dst *image.RGBA, pts []orb.Point, width float64, c color.RGBA) {
	var d layout.Display
	b := dst.Bounds()
	d.AddStroke(pts, width, 0, c, orb.Bound{Min: orb.Point{float64(b.Min.X), float64(b.Min.Y)}, Max: orb.Point{float64(b.Max.X), float64(b.Max.Y)}})
	for _, s := range d.Strokes {
		paintStroke(dst, s)
	}
}

func fillRing(dst *image.RGBA, ring orb.Ring, c color.RGBA) {
	fillPolys(dst, [][]orb.Point{ring}, uniform(c))
}

// DrawSymbol draws a site marker (see layout.SymbolShape) with a white rim
// that keeps it readable on any fill.
func DrawSymbol(dst *image.RGBA, s layout.Symbol, ratio float64) {
	rim := 1.5 * ratio
	if s.Highlighted {
		rim *= 1.6
	}
	r := s.Size / 2
	white := color.RGBA{255, 255, 255, 255}
	fillRing(dst, layout.SymbolShape(s.Kind, s.X, s.Y, r+rim), white)
	fillRing(dst, layout.SymbolShape(s.Kind, s.X, s.Y, r), s.Color)
	if layout.Ringed(s.Kind) {
		fillRing(dst, layout.SymbolShape("dot", s.X, s.Y, r*0.4), white)
	}
}

func (t *Text) face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	if f, ok := t.faces[k]; ok {
		return f
	}
	i := 0
	if bold {
		i = 1
	}
	f, err := opentype.NewFace(t.fonts[i], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // the embedded fonts parse; sizes come from the theme
	}
	bf := &boundsFace{Face: f, bounds: map[rune]glyphBounds{}}
	t.faces[k] = bf
	return bf
}

// boundsFace is a face that remembers each glyph's bounds. A label's box
// (font.BoundString) asks for the bounds of every glyph in it, and the font
// parses the glyph's outline for each ask: the first frame's labels spent
// more time there than in drawing their glyphs.
type boundsFace struct {
	font.Face
	bounds map[rune]glyphBounds
}

type glyphBounds struct {
	b  fixed.Rectangle26_6
	a  fixed.Int26_6
	ok bool
}

func (f *boundsFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	g, ok := f.bounds[r]
	if !ok {
		g.b, g.a, g.ok = f.Face.GlyphBounds(r)
		f.bounds[r] = g
	}
	return g.b, g.a, g.ok
}

// Width is the advance width of s at a size.
func (t *Text) Width(s string, size float64, bold bool) float64 {
	return float64(font.MeasureString(t.face(size, bold), s)) / 64
}

// drawText draws s with its box's top-left at (x, y), vertically centred in
// a box of height h, with a halo unless halo is transparent.
func (t *Text) drawText(dst *image.RGBA, s string, x, y, h, size float64, bold bool, c, halo color.RGBA, ratio float64) {
	face := t.face(size, bold)
	m := face.Metrics()
	asc, desc := float64(m.Ascent)/64, float64(m.Descent)/64
	base := y + (h-(asc+desc))/2 + asc
	if halo.A == 0 {
		d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: face, Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(base * 64)}}
		d.DrawString(s)
		return
	}
	// The glyphs are rasterised once, into a coverage mask at the text's
	// place (to the pixel; the fraction goes into the glyphs' origin); the
	// halo is that mask laid eight times around the text, shifted by its
	// radius, and the text is the mask itself.
	hr := 1.4 * ratio
	ox, oy := math.Floor(x), math.Floor(base)
	b, _ := font.BoundString(face, s)
	pad := int(math.Ceil(hr)) + 1
	r := image.Rect(b.Min.X.Floor()-pad, b.Min.Y.Floor()-pad, b.Max.X.Ceil()+pad+1, b.Max.Y.Ceil()+pad+1)
	mask := image.NewAlpha(r)
	drawGlyphs(mask, face, fixed.Point26_6{X: fixed.Int26_6((x - ox) * 64), Y: fixed.Int26_6((base - oy) * 64)}, s)
	at := image.Pt(int(ox), int(oy))
	overHalo(dst, mask, at, hr, halo)
	draw.DrawMask(dst, r.Add(at), image.NewUniform(c), image.Point{}, mask, r.Min, draw.Over)
}

// drawGlyphs draws s into mask with its origin at dot, as a font.Drawer
// with an opaque source does, but composites each glyph itself: image/draw
// has no fast path for an *image.Alpha destination, and its general one
// (a colour conversion per pixel) was the largest part of making a label
// in the browser. The arithmetic is that general path's, so the pixels are
// the same.
func drawGlyphs(mask *image.Alpha, face font.Face, dot fixed.Point26_6, s string) {
	prev := rune(-1)
	for _, c := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, c)
		}
		dr, gm, gp, advance, _ := face.Glyph(dot, c)
		dot.X += advance
		prev = c
		g, ok := gm.(*image.Alpha)
		if !ok {
			if !dr.Empty() {
				draw.DrawMask(mask, dr, image.Opaque, image.Point{}, gm, gp, draw.Over)
			}
			continue
		}
		// The glyph's pixels that fall in the mask.
		r := dr.Intersect(mask.Rect).Intersect(g.Rect.Add(dr.Min.Sub(gp)))
		for y := r.Min.Y; y < r.Max.Y; y++ {
			src := g.Pix[g.PixOffset(r.Min.X-dr.Min.X+gp.X, y-dr.Min.Y+gp.Y):]
			dst := mask.Pix[mask.PixOffset(r.Min.X, y):]
			for i := range r.Dx() {
				ma := uint32(src[i]) * 0x101
				if ma == 0 {
					continue
				}
				da := uint32(dst[i]) * 0x101
				dst[i] = uint8((da*(0xffff-ma) + 0xffff*ma) / 0xffff >> 8)
			}
		}
	}
}

// overHalo composites colour c over dst through mask placed at at and
// shifted by hr pixels in each of the eight directions (sampled
// bilinearly), in one pass: laying the same colour eight times, each
// with coverage a_k, leaves dst·K + c·(1-K) with K = ∏(1 - alpha·a_k).
func overHalo(dst *image.RGBA, mask *image.Alpha, at image.Point, hr float64, c color.RGBA) {
	if c.A == 0 {
		return
	}
	// The mask's coverage with a border of zeros wide enough for every
	// shift, so that sampling needs no bounds checks.
	mb := mask.Rect
	reach := int(math.Ceil(hr)) + 1 // how far from the mask the halo goes
	border := 2 * reach
	gw, gh := mb.Dx()+2*border, mb.Dy()+2*border
	grid := make([]float32, gw*gh)
	for j := 0; j < mb.Dy(); j++ {
		for i := 0; i < mb.Dx(); i++ {
			grid[(j+border)*gw+i+border] = float32(mask.Pix[j*mask.Stride+i]) / 255
		}
	}
	// A destination pixel at mask position (m, n) samples the mask at
	// (m - sx, n - sy), bilinearly. That is separable: each shift's rows are
	// interpolated along x once (rows[h], for the three horizontal shifts
	// -hr, 0 and hr; the middle one is the grid), and a tap interpolates
	// between two of them, dj rows apart, with fixed weights.
	var rows [3][]float32
	for h, sx := range [3]float64{-1, 0, 1} {
		u := -sx * hr
		fl := math.Floor(u)
		di, fx := int(fl), float32(u-fl)
		if fx == 0 && di == 0 {
			rows[h] = grid
			continue
		}
		r := make([]float32, len(grid))
		for q := max(0, -di); q < min(len(grid), len(grid)-di-1); q++ {
			r[q] = grid[q+di]*(1-fx) + grid[q+di+1]*fx
		}
		rows[h] = r
	}
	type tap struct {
		row    []float32
		off    int // offset of the upper row in the grid
		w0, w1 float32
	}
	var taps [8]tap
	for k, o := range [8][2]float64{{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}} {
		v := -o[1] * hr
		dj := math.Floor(v)
		fy := float32(v - dj)
		taps[k] = tap{row: rows[int(o[0])+1], off: int(dj) * gw, w0: 1 - fy, w1: fy}
	}
	alpha := float32(c.A) / 255
	cr, cg, cb := float32(c.R)/alpha, float32(c.G)/alpha, float32(c.B)/alpha // unpremultiplied
	area := image.Rect(mb.Min.X-reach, mb.Min.Y-reach, mb.Max.X+reach, mb.Max.Y+reach).Add(at).Intersect(dst.Rect)
	// A row of the area at a time, tap by tap over the whole row (each
	// pixel's factors multiply in the same order as one pixel at a time):
	// loops over slices of the row's length need no bounds checks, which
	// in the browser cost more than the arithmetic.
	w := area.Dx()
	keep := make([]float32, w)
	for py := area.Min.Y; py < area.Max.Y; py++ {
		row := (py-at.Y-mb.Min.Y+border)*gw - at.X - mb.Min.X + border + area.Min.X
		for i := range keep {
			keep[i] = 1
		}
		for _, t := range taps {
			upper := t.row[row+t.off : row+t.off+w]
			lower := t.row[row+t.off+gw : row+t.off+gw+w]
			for i := range keep {
				keep[i] *= 1 - alpha*(upper[i]*t.w0+lower[i]*t.w1)
			}
		}
		pix := dst.Pix[dst.PixOffset(area.Min.X, py):][:4*w]
		for i, kp := range keep {
			if kp >= 1 {
				continue
			}
			p := pix[4*i : 4*i+4 : 4*i+4]
			cover := 1 - kp
			p[0] = uint8(cr*cover + float32(p[0])*kp + 0.5)
			p[1] = uint8(cg*cover + float32(p[1])*kp + 0.5)
			p[2] = uint8(cb*cover + float32(p[2])*kp + 0.5)
			p[3] = uint8(255*cover + float32(p[3])*kp + 0.5)
		}
	}
}

// DrawLabel draws a placed label into dst.
func (t *Text) DrawLabel(dst *image.RGBA, l layout.Label, ratio float64) {
	t.drawText(dst, l.Text, l.X, l.Y, l.H, l.Size, l.Bold, l.Color, l.Halo, ratio)
}

// legendLayout is where the legend and the attribution go.
type legendLayout struct {
	size, lh, pad, sw float64
	attribution       orb.Bound
	box               orb.Bound // empty when the legend does not fit
	entries           []layout.LegendEntry
	scale             *layout.ScaleDrawing // above the attribution; nil when it does not fit
}

func (l legendLayout) boxes() []orb.Bound {
	boxes := []orb.Bound{l.attribution}
	if l.entries != nil {
		boxes = append(boxes, l.box)
	}
	if l.scale != nil {
		boxes = append(boxes, l.scale.Box)
	}
	return boxes
}

// key lays out the key to what frame f shows, its box at the origin
// (entries nil when there is nothing to explain).
func (r *Renderer) key(f *layout.Frame) legendLayout {
	ratio := f.Cam.Ratio
	l := legendLayout{size: f.Theme.SmallLabel * ratio, pad: 6 * ratio, sw: 22 * ratio}
	l.lh = layout.LineHeight(l.size)
	entries := f.Legend()
	tw := 0.0
	for _, e := range entries {
		ew, _ := r.measure.Measure(e.Label, l.size, false)
		tw = math.Max(tw, ew)
	}
	if len(entries) > 0 {
		l.entries = entries
		l.box = orb.Bound{Max: orb.Point{l.pad*3 + l.sw + tw, l.pad*2 + l.lh*float64(len(entries))}}
	}
	return l
}

// legend lays out the key in the bottom-left corner, the attribution in
// the bottom-right and the scale bar above it.
func (r *Renderer) legend(f *layout.Frame) legendLayout {
	w, h := f.Cam.W, f.Cam.H
	l := r.key(f)
	aw, _ := r.measure.Measure(layout.AttributionOf(f.Prepared.Map), l.size, false)
	l.attribution = orb.Bound{Min: orb.Point{w - aw - 2*l.pad, h - l.lh - l.pad}, Max: orb.Point{w, h}}
	sc := layout.NewScale(layout.MetresPerPixel(f.Cam), f.Prepared.Map.Words()).Lay(r.measure, f.Theme, w-l.pad, l.attribution.Min[1]-l.pad/2, f.Cam.Ratio)
	if sb := sc.Box; sb.Min[0] > w/2 && sb.Min[1] > h/2 {
		l.scale = &sc // a small image goes without
	}
	bw, bh := l.box.Max[0], l.box.Max[1]
	if l.entries == nil || bw*bh > 0.12*w*h || bh > h*0.6 {
		l.entries = nil // it would hide the map: a small image goes without
		return l
	}
	l.box = orb.Bound{Min: orb.Point{l.pad, h - bh - l.pad}, Max: orb.Point{l.pad + bw, h - l.pad}}
	return l
}

// Legend draws the key to what frame f shows, as the snapshots have it,
// into an image of its own (the desktop shows it over the live map), or
// returns nil when there is nothing to explain.
func (r *Renderer) Legend(f *layout.Frame) *image.RGBA {
	l := r.key(f)
	if l.entries == nil {
		return nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(l.box.Max[0])), int(math.Ceil(l.box.Max[1]))))
	r.drawKey(dst, f, l)
	return dst
}

// panelOf is the theme's panel colour at 90%, premultiplied.
func panelOf(th *style.Theme) color.RGBA {
	p := th.Panel
	scale := func(v uint8) uint8 { return uint8(int(v) * 230 / 255) }
	return color.RGBA{scale(p.R), scale(p.G), scale(p.B), scale(p.A)}
}

func (r *Renderer) drawLegend(dst *image.RGBA, f *layout.Frame, l legendLayout) {
	a := l.attribution
	fillRect(dst, a.Min[0], a.Min[1], a.Max[0], a.Max[1], uniform(panelOf(f.Theme)))
	r.drawText(dst, layout.AttributionOf(f.Prepared.Map), a.Min[0]+l.pad, a.Min[1]+l.pad/2, l.lh, l.size, false, f.Theme.Muted, color.RGBA{}, f.Cam.Ratio)
	if l.entries != nil {
		r.drawKey(dst, f, l)
	}
	if sc := l.scale; sc != nil {
		fillRect(dst, sc.Box.Min[0], sc.Box.Min[1], sc.Box.Max[0], sc.Box.Max[1], uniform(panelOf(f.Theme)))
		for _, line := range sc.Lines {
			stroke(dst, line, sc.LineWidth, sc.Color)
		}
		for _, lb := range sc.Labels {
			r.DrawLabel(dst, lb, f.Cam.Ratio)
		}
	}
}

// drawKey draws the key laid out in l: a panel with a swatch and a label
// per entry.
func (r *Renderer) drawKey(dst *image.RGBA, f *layout.Frame, l legendLayout) {
	ratio, th := f.Cam.Ratio, f.Theme
	fillRect(dst, l.box.Min[0], l.box.Min[1], l.box.Max[0], l.box.Max[1], uniform(panelOf(th)))
	for i, e := range l.entries {
		y := l.box.Min[1] + l.pad + l.lh*float64(i)
		sx, sy := l.box.Min[0]+l.pad, y+l.lh*0.15
		switch {
		case e.Note: // a line of text alone
		case e.Pattern != nil:
			p := *e.Pattern
			p.Spacing *= ratio
			p.Width *= ratio
			fillRect(dst, sx, sy, sx+l.sw, y+l.lh*0.85, func(bb image.Rectangle) image.Image {
				return patterned(bb, th.Land, []style.Pattern{p}, 0, 0)
			})
		case e.Line != nil:
			// Dashed as on the map: kinds of one colour differ by their dash.
			layout.Dashes([]orb.Point{{sx, y + l.lh/2}, {sx + l.sw, y + l.lh/2}}, e.Line.Dash*ratio, func(p, q orb.Point) {
				if e.Line.CasingWidth > 0 {
					stroke(dst, []orb.Point{p, q}, (e.Line.Width+2*e.Line.CasingWidth)*ratio, e.Line.Casing)
				}
				stroke(dst, []orb.Point{p, q}, e.Line.Width*ratio, e.Line.Color)
			})
		default:
			DrawSymbol(dst, layout.Symbol{Kind: e.Symbol, X: sx + l.sw/2, Y: y + l.lh/2, Size: th.SiteSize * ratio, Color: e.Color}, ratio)
		}
		r.drawText(dst, e.Label, sx+l.sw+l.pad, y, l.lh, l.size, false, th.Text, color.RGBA{}, ratio)
	}
}

func fillRect(dst *image.RGBA, x0, y0, x1, y1 float64, paint func(image.Rectangle) image.Image) {
	fillPolys(dst, [][]orb.Point{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}, paint)
}
