// Package render draws layout frames with Ebitengine and turns pointer,
// wheel, touch and key input into view actions. The browser build and the
// desktop binary both run its App; all geography and styling decisions are
// made by package layout, so this package only draws.
package render

import (
	_ "embed"
	"image"
	"image/color"
	"iter"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/render/raster"
)

//go:embed pattern.kage
var patternKage []byte

//go:embed stroke.kage
var strokeKage []byte

// Drawer draws frames. It keeps each country's fill geometry, built once
// per level of detail in world coordinates, and only maps it to the screen
// per frame. A Drawer must be used from the game loop's goroutine.
type Drawer struct {
	prep    *layout.Prepared
	pattern *ebiten.Shader
	stroke  *ebiten.Shader
	white   *ebiten.Image
	text    *raster.Text
	sprites map[any]*ebiten.Image // each label and symbol drawn once (see sprite)
	sheets  []*ebiten.Image       // the images the sprites made together lie in (see sheet)
	fills   map[*atlas.Level][][]fill

	// The display lists of the drawing under way and of the hover marks
	// drawn over it (which may come between its steps), kept to reuse
	// their memory.
	disp, over layout.Display

	verts []ebiten.Vertex
	idx   []uint16
}

// fill is (part of) one country's fill triangles at one level, in world
// coordinates.
type fill struct {
	world []float64 // x, y pairs, one per vertex
	idx   []uint16
	bound orb.Bound
}

// NewDrawer compiles the pattern shader and loads the label fonts.
func NewDrawer(p *layout.Prepared) (*Drawer, error) {
	sh, err := ebiten.NewShader(patternKage)
	if err != nil {
		return nil, err
	}
	st, err := ebiten.NewShader(strokeKage)
	if err != nil {
		return nil, err
	}
	t, err := raster.NewText()
	if err != nil {
		return nil, err
	}
	d := &Drawer{prep: p, pattern: sh, stroke: st, text: t, fills: map[*atlas.Level][][]fill{}, sprites: map[any]*ebiten.Image{},
		// Batches fill up to a step's worth of vertices (about twice as many indexes).
		verts: make([]ebiten.Vertex, 0, stepVertices), idx: make([]uint16, 0, 2*stepVertices)}
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	d.white = img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	return d, nil
}

// setMap draws p's map from now on: its fills are made anew.
func (d *Drawer) setMap(p *layout.Prepared) {
	d.prep = p
	clear(d.fills)
}

// stepVertices bounds the vertices of one draw call, and so of one step
// of a drawing (see Drawer.steps).
const stepVertices = 1 << 14

// Draw paints f onto dst.
func (d *Drawer) Draw(dst *ebiten.Image, f *layout.Frame) {
	for range d.steps(dst, f) {
	}
}

// steps paints f onto dst one draw call at a time: after each, the
// sequence yields the number of vertices drawn, so that its consumer can
// spread a drawing over several frames (see App.Draw). It stops drawing
// when the consumer stops.
func (d *Drawer) steps(dst *ebiten.Image, f *layout.Frame) iter.Seq[int] {
	return func(yield func(int) bool) {
		b := dst.Bounds()
		disp := f.Display(&d.disp, float64(b.Dx()), float64(b.Dy()))
		dst.Fill(f.Theme.Sea)
		if !d.layers(dst, f, disp, yield) {
			return
		}
		d.drawLabels(dst, disp.Labels, f.Cam.Ratio, false)
		yield(4 * len(disp.Labels))
	}
}

// drawOver draws f's fills, lines and symbols at once over what dst
// already shows (the marks of the hovered feature: see layout.Hovered).
func (d *Drawer) drawOver(dst *ebiten.Image, f *layout.Frame) {
	b := dst.Bounds()
	d.layers(dst, f, f.Display(&d.over, float64(b.Dx()), float64(b.Dy())), drawAll)
}

// layers paints the display list of frame f but its labels: the fills,
// the strokes, the site symbols. It reports whether to go on (see steps).
// Between steps no vertices are left batched, so another drawing may come
// in between.
func (d *Drawer) layers(dst *ebiten.Image, f *layout.Frame, disp *layout.Display, yield func(int) bool) bool {
	if !d.drawFills(dst, f, disp.Fills, yield) {
		return false
	}
	if !d.drawAreas(dst, f, disp.Areas, yield) {
		return false
	}
	for _, s := range disp.Strokes {
		if !d.strokeQuads(dst, s, yield) {
			return false
		}
	}
	if !d.flushStroke(dst, yield) {
		return false
	}
	d.drawShapes(dst, disp.Shapes)
	reqs, at := make([]spriteReq, len(disp.Symbols)), make([]image.Point, len(disp.Symbols))
	for i, s := range disp.Symbols {
		reqs[i], at[i] = d.symbolSprite(s, f.Cam.Ratio)
	}
	d.drawSprites(dst, reqs, at)
	return yield(4 * len(disp.Symbols))
}

// countryFill returns country ci's fill triangles at level lv, building
// them on first use: a frame fills only the countries it shows.
func (d *Drawer) countryFill(lv *atlas.Level, ci int) []fill {
	fs, ok := d.fills[lv]
	if !ok {
		// Levels of a detail replaced since (a browser adds regions as
		// they arrive) are not drawn again.
		for old := range d.fills {
			if a := old.Atlas(); a != lv.Atlas() && a != d.prep.Atlas {
				delete(d.fills, old)
			}
		}
		fs = make([][]fill, len(lv.Atlas().Countries))
		d.fills[lv] = fs
	}
	if fs[ci] != nil {
		return fs[ci]
	}
	// Triangles are grouped in pieces by where they are (cells of about
	// 256 pixels at the level's deepest zoom), so that a frame zoomed in
	// on part of a large country draws only the pieces it shows. Pieces
	// also stay within Ebitengine's 16-bit indices.
	cell := math.Exp2(-math.Min(lv.MaxZoom, 10))
	var pieces []fill
	cells := map[[2]int]*fill{}
	var order [][2]int
	// slot remembers, per vertex of the polygon, the piece it was last
	// put in and where; a vertex shared with another piece is repeated.
	type slot struct {
		piece *fill
		at    uint16
	}
	var slots []slot
	for pi := range lv.Atlas().Countries[ci].Polygons {
		coords, tris := lv.Fill(ci, pi)
		slots = slices.Grow(slots[:0], len(coords)/2)[:len(coords)/2]
		clear(slots)
		var lastKey [2]int
		var p *fill
		for k := 0; k+2 < len(tris); k += 3 {
			cx := (coords[2*tris[k]] + coords[2*tris[k+1]] + coords[2*tris[k+2]]) / 3
			cy := (coords[2*tris[k]+1] + coords[2*tris[k+1]+1] + coords[2*tris[k+2]+1]) / 3
			key := [2]int{int(math.Floor(cx / cell)), int(math.Floor(cy / cell))}
			if p == nil || key != lastKey {
				p, lastKey = cells[key], key
			}
			if p == nil || len(p.world)/2+3 > ebiten.MaxVertexCount {
				if p != nil {
					pieces = append(pieces, *p)
				} else {
					order = append(order, key)
				}
				p = &fill{bound: orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}}
				cells[key] = p
			}
			for _, v := range tris[k : k+3] {
				sl := &slots[v]
				if sl.piece != p {
					sl.piece, sl.at = p, uint16(len(p.world)/2)
					q := orb.Point{coords[2*v], coords[2*v+1]}
					p.world = append(p.world, q[0], q[1])
					p.bound = p.bound.Extend(q)
				}
				p.idx = append(p.idx, sl.at)
			}
		}
	}
	for _, key := range order {
		pieces = append(pieces, *cells[key])
	}
	if pieces == nil {
		pieces = []fill{} // built, empty: collapsed at this level
	}
	fs[ci] = pieces
	return pieces
}

// maxPatterns is how many membership patterns the fill shader stacks.
const maxPatterns = 4

// drawFills fills the countries with their triangles (at the frame's
// level), batched: countries with the same membership patterns (most have
// none) go into one draw call, each with its own base colour, up to
// stepVertices. It reports whether to go on (see steps).
func (d *Drawer) drawFills(dst *ebiten.Image, f *layout.Frame, fills []layout.CountryPaint, yield func(int) bool) bool {
	// Countries with the same patterns share draw calls (a map has a
	// handful of pattern sets).
	var groups [][]layout.CountryPaint
	for _, cp := range fills {
		i := slices.IndexFunc(groups, func(g []layout.CountryPaint) bool { return slices.Equal(g[0].Patterns, cp.Patterns) })
		if i < 0 {
			i = len(groups)
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], cp)
	}
	view := f.Cam.Bound()
	for _, cps := range groups {
		var op *ebiten.DrawTrianglesShaderOptions
		if len(cps[0].Patterns) > 0 {
			op = d.patternOptions(f, cps[0].Patterns)
		}
		d.verts, d.idx = d.verts[:0], d.idx[:0]
		for _, cp := range cps {
			base := premul(cp.Fill)
			for _, fl := range d.countryFill(f.Level, cp.Index) {
				if !fl.bound.Intersects(view) {
					continue
				}
				n := len(fl.world) / 2
				if len(d.verts)+n > stepVertices {
					if !d.flushFill(dst, op, yield) {
						return false
					}
				}
				first := uint16(len(d.verts))
				for i := 0; i < len(fl.world); i += 2 {
					x, y := f.Cam.WorldToScreen(orb.Point{fl.world[i], fl.world[i+1]})
					d.verts = append(d.verts, ebiten.Vertex{DstX: float32(x), DstY: float32(y), ColorR: base[0], ColorG: base[1], ColorB: base[2], ColorA: base[3]})
				}
				for _, j := range fl.idx {
					d.idx = append(d.idx, first+j)
				}
			}
		}
		if !d.flushFill(dst, op, yield) {
			return false
		}
	}
	return true
}

// premultiplied draws triangles whose vertex colours are premultiplied,
// as premul makes them (a translucent fill: the hover tint).
var premultiplied = &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}

// flushFill draws the batched fill triangles and yields their number of
// vertices.
func (d *Drawer) flushFill(dst *ebiten.Image, op *ebiten.DrawTrianglesShaderOptions, yield func(int) bool) bool {
	n := len(d.verts)
	switch {
	case len(d.idx) == 0:
	case op == nil: // plain colours: the default shader is cheaper per pixel
		for i := range d.verts {
			d.verts[i].SrcX, d.verts[i].SrcY = 1, 1
		}
		dst.DrawTriangles(d.verts, d.idx, d.white, premultiplied)
	default:
		dst.DrawTrianglesShader(d.verts, d.idx, d.pattern, op)
	}
	d.verts, d.idx = d.verts[:0], d.idx[:0]
	return n == 0 || yield(n)
}

// patternOptions are the fill shader's uniforms for a set of membership
// patterns (the base colour comes with each vertex).
func (d *Drawer) patternOptions(f *layout.Frame, pats []style.Pattern) *ebiten.DrawTrianglesShaderOptions {
	var kinds, spacings, widths [maxPatterns]float32
	colors := make([]float32, 0, 4*maxPatterns)
	n := min(len(pats), maxPatterns)
	for i := range maxPatterns {
		var p style.Pattern
		if i < n {
			p = pats[i]
		}
		kinds[i], spacings[i], widths[i] = float32(p.Kind), float32(max(p.Spacing, 1)), float32(p.Width)
		colors = append(colors, premul(p.Color)...)
	}
	ox, oy := f.PatternOrigin()
	return &ebiten.DrawTrianglesShaderOptions{
		Uniforms: map[string]any{
			"Count": float32(n), "Origin": []float32{float32(ox), float32(oy)},
			"Kinds": kinds[:], "Spacings": spacings[:], "Widths": widths[:], "Colors": colors,
		},
	}
}

func premul(c color.RGBA) []float32 {
	return []float32{float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255, float32(c.A) / 255}
}

// strokeQuads draws a stroke's quads, each with its ends' vertices at the
// quad's corners: the stroke shader fades the edges over one pixel
// (layout.Coverage), which anti-aliases the line without Ebitengine's
// offscreen anti-aliasing pass. Quads are batched (colours go with the
// vertices, and triangles draw in order): the batch is drawn when full and
// by flushStroke. It reports whether to go on (see steps).
func (d *Drawer) strokeQuads(dst *ebiten.Image, s layout.Stroke, yield func(int) bool) bool {
	c := s.Color
	cr, cg, cb, ca := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	half := s.Core + 1
	for _, q := range s.Quads {
		if len(d.verts)+4 > stepVertices && !d.flushStroke(dst, yield) {
			return false
		}
		n := uint16(len(d.verts))
		for k, p := range q.Corners(half) {
			side := half
			if k%2 == 0 {
				side = -half
			}
			d.verts = append(d.verts, ebiten.Vertex{
				DstX: float32(p[0]), DstY: float32(p[1]), SrcX: float32(side), SrcY: float32(s.Core),
				ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca,
			})
		}
		d.idx = append(d.idx, n, n+2, n+1, n+1, n+2, n+3)
	}
	return true
}

// line draws one solid line at once (for panels and overlays).
func (d *Drawer) line(dst *ebiten.Image, pts []orb.Point, width float64, c color.RGBA) {
	b := dst.Bounds()
	var one layout.Display
	one.AddStroke(pts, width, 0, c, orb.Bound{Min: orb.Point{float64(b.Min.X), float64(b.Min.Y)}, Max: orb.Point{float64(b.Max.X), float64(b.Max.Y)}})
	for _, s := range one.Strokes {
		d.strokeQuads(dst, s, drawAll)
	}
	d.flushStroke(dst, drawAll)
}

// drawAll is the yield of drawings that are not spread over frames.
func drawAll(int) bool { return true }

// flushStroke draws the batched stroke quads and yields their number of
// vertices.
func (d *Drawer) flushStroke(dst *ebiten.Image, yield func(int) bool) bool {
	n := len(d.verts)
	if n > 0 {
		dst.DrawTrianglesShader(d.verts, d.idx, d.stroke, nil)
	}
	d.verts, d.idx = d.verts[:0], d.idx[:0]
	return n == 0 || yield(n)
}

// drawSprites draws sprites with their top-left corners at at. At the
// first one not cached, it and the rest not cached yet are made together
// (see sheet); a cached one is looked up once (labels are drawn every
// frame while the map moves).
func (d *Drawer) drawSprites(dst canvas, reqs []spriteReq, at []image.Point) {
	for i, r := range reqs {
		img, ok := d.sprites[r.key]
		if !ok {
			d.sheet(reqs[i:])
			img = d.sprites[r.key]
		}
		drawAt(dst, img, at[i])
	}
}

// canvas is what a frame is drawn on: an image, or Ebitengine's final
// screen (App.DrawFinalScreen).
type canvas interface {
	DrawImage(img *ebiten.Image, op *ebiten.DrawImageOptions)
	Fill(c color.Color)
}

// drawAt draws img with its top-left corner at at.
func drawAt(dst canvas, img *ebiten.Image, at image.Point) {
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(float64(at.X), float64(at.Y))
	dst.DrawImage(img, op)
}

// symbolSprite is the sprite of a site marker, made by the snapshot
// renderer (raster.DrawSymbol) and placed to a quarter pixel, and where
// its top-left corner goes. Sprites keep the markers anti-aliased without
// Ebitengine's anti-aliasing pass, whose offscreen buffer is four times
// the size of its destination.
func (d *Drawer) symbolSprite(s layout.Symbol, ratio float64) (req spriteReq, at image.Point) {
	var x, y float64
	x, s.X = quarterPixel(s.X)
	y, s.Y = quarterPixel(s.Y)
	s.ID = ""
	ext := math.Ceil(1.2*(s.Size/2+2.4*ratio)) + 1 // the largest shape with its rim, and a pixel
	key := struct {
		layout.Symbol
		ratio float64
	}{s, ratio}
	return spriteReq{key: key, w: int(2*ext) + 1, h: int(2*ext) + 1, paint: func(rgba *image.RGBA) {
		at := s
		at.X, at.Y = s.X+ext, s.Y+ext
		raster.DrawSymbol(rgba, at, ratio)
	}}, image.Pt(int(x-ext), int(y-ext))
}

// fillRects fills rectangles, which must not overlap, in one draw, without
// anti-aliasing (the panels' boxes and the spotlight's bands have straight
// edges).
func (d *Drawer) fillRects(dst *ebiten.Image, rects []orb.Bound, c color.RGBA) {
	r, g, b, a := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	vs, is := d.verts[:0], d.idx[:0]
	for _, q := range rects {
		n := uint16(len(vs))
		for _, p := range [4]orb.Point{q.Min, {q.Max[0], q.Min[1]}, q.Max, {q.Min[0], q.Max[1]}} {
			vs = append(vs, ebiten.Vertex{DstX: float32(p[0]), DstY: float32(p[1]), SrcX: 1, SrcY: 1, ColorR: r, ColorG: g, ColorB: b, ColorA: a})
		}
		is = append(is, n, n+1, n+2, n, n+2, n+3)
	}
	dst.DrawTriangles(vs, is, d.white, nil)
	d.verts, d.idx = vs[:0], is[:0]
}

// quarterPixel splits a coordinate into its pixel and the fraction of a
// pixel rounded to a quarter: sprites are made per fraction, so a sprite
// placed at the pixel lands within an eighth of a pixel of v.
func quarterPixel(v float64) (pixel, frac float64) {
	pixel = math.Floor(v)
	return pixel, math.Round((v-pixel)*4) / 4
}

// maxSprites bounds the sprite cache; it is emptied when full.
const maxSprites = 512

// spriteReq is a sprite: its cache key, its size and what paints it into a
// w×h RGBA.
type spriteReq struct {
	key   any
	w, h  int
	paint func(*image.RGBA)
}

// sprite returns the image of req, made and uploaded on first use.
func (d *Drawer) sprite(req spriteReq) *ebiten.Image {
	if img, ok := d.sprites[req.key]; ok {
		return img
	}
	d.sheet([]spriteReq{req})
	return d.sprites[req.key]
}

// sheetWidth and sheetHeight bound the images sprites are made in
// together: a row is started while the sheet is less than sheetHeight
// high (a sprite wider than a sheet gets a row of its own width).
const sheetWidth, sheetHeight = 1024, 1024

// sheet makes the sprites of reqs that are not cached yet side by side in
// one image, in rows, uploaded at once (more images when they do not fit):
// a first frame needs about a hundred labels and markers, and an image and
// an upload each cost more than painting them did (in the browser, 87
// uploads took 14–27 ms of the first frame's flush). A pixel of space
// keeps neighbours apart.
func (d *Drawer) sheet(reqs []spriteReq) {
	todo := d.uncached(reqs)
	if len(todo) == 0 {
		return
	}
	if len(d.sprites)+len(todo) > maxSprites {
		d.clearSprites()
		todo = d.uncached(reqs)
	}
	// Shelf packing: each sprite at the end of the current row, or at the
	// start of a new one, or of a new sheet.
	at := make([]image.Point, len(todo))
	first, x, y, rowH, w := 0, 0, 0, 0, 0
	for i, r := range todo {
		if x > 0 && x+r.w > sheetWidth {
			x, y, rowH = 0, y+rowH+1, 0
		}
		if x == 0 && y >= sheetHeight { // the rows so far fill a sheet
			d.upload(todo[first:i], at[first:i], w, y-1)
			first, y, w = i, 0, 0
		}
		at[i] = image.Pt(x, y)
		x += r.w + 1
		rowH = max(rowH, r.h)
		w = max(w, x)
	}
	d.upload(todo[first:], at[first:], w, y+rowH)
}

// uncached returns the requests whose sprites are not cached, once each.
func (d *Drawer) uncached(reqs []spriteReq) []spriteReq {
	var todo []spriteReq
	var seen map[any]bool
	for _, r := range reqs {
		if _, ok := d.sprites[r.key]; ok || seen[r.key] {
			continue
		}
		if seen == nil {
			seen = map[any]bool{}
		}
		seen[r.key] = true
		todo = append(todo, r)
	}
	return todo
}

// upload paints sprites into one w×h image at their places and caches
// each as a part of it.
func (d *Drawer) upload(reqs []spriteReq, at []image.Point, w, h int) {
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, r := range reqs {
		// A w×h image whose pixels are the sheet's at at[i].
		r.paint(&image.RGBA{Pix: rgba.Pix[rgba.PixOffset(at[i].X, at[i].Y):], Stride: rgba.Stride, Rect: image.Rect(0, 0, r.w, r.h)})
	}
	img := ebiten.NewImageFromImage(rgba)
	d.sheets = append(d.sheets, img)
	for i, r := range reqs {
		d.sprites[r.key] = img.SubImage(image.Rectangle{Min: at[i], Max: at[i].Add(image.Pt(r.w, r.h))}).(*ebiten.Image)
	}
}

// clearSprites empties the sprite cache.
func (d *Drawer) clearSprites() {
	for _, img := range d.sheets {
		img.Deallocate()
	}
	d.sheets = d.sheets[:0]
	clear(d.sprites)
}

// drawLabel draws a label (text with a halo, vertically centred in its
// box) from an image of it made on first use: labels are drawn every
// frame while the map moves, and rasterising their glyphs each time would
// cost more than the map. The glyphs are those of the snapshot renderer
// (raster.Text). Still frames place a label to a quarter pixel; moving
// ones (snap) to the nearest pixel, which keeps the cache small.
func (d *Drawer) drawLabel(dst *ebiten.Image, l layout.Label, ratio float64, snap bool) {
	req, at := d.labelSprite(l, ratio, snap)
	drawAt(dst, d.sprite(req), at)
}

// drawLabels draws labels as drawLabel does, their sprites made together.
func (d *Drawer) drawLabels(dst canvas, labels []layout.Label, ratio float64, snap bool) {
	reqs, at := make([]spriteReq, len(labels)), make([]image.Point, len(labels))
	for i, l := range labels {
		reqs[i], at[i] = d.labelSprite(l, ratio, snap)
	}
	d.drawSprites(dst, reqs, at)
}

// labelSprite is the sprite of a label (see drawLabel) and where its
// top-left corner goes.
func (d *Drawer) labelSprite(l layout.Label, ratio float64, snap bool) (req spriteReq, at image.Point) {
	if l.W == 0 {
		l.W = d.text.Width(l.Text, l.Size, l.Bold)
	}
	var x, y float64
	x, l.X = quarterPixel(l.X)
	y, l.Y = quarterPixel(l.Y)
	if snap {
		x, y = math.Round(x+l.X), math.Round(y+l.Y)
		l.X, l.Y = 0, 0
	}
	pad := math.Ceil(2*ratio) + 1
	return spriteReq{key: l, w: int(math.Ceil(l.W+2*pad)) + 1, h: int(math.Ceil(l.H+2*pad)) + 1, paint: func(rgba *image.RGBA) {
		at := l
		at.X, at.Y = l.X+pad, l.Y+pad
		d.text.DrawLabel(rgba, at, ratio)
	}}, image.Pt(int(x-pad), int(y-pad))
}
