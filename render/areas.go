package render

import (
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/tess"
)

// drawAreas fills the disputed areas of a display list: each one's screen
// rings triangulated (they are few and small, so per drawing), with its
// colour and faded patterns through the fill shader. It reports whether to
// go on (see steps).
func (d *Drawer) drawAreas(dst *ebiten.Image, f *layout.Frame, areas []layout.AreaPaint, yield func(int) bool) bool {
	for _, a := range areas {
		var op *ebiten.DrawTrianglesShaderOptions
		if len(a.Patterns) > 0 {
			op = d.patternOptions(f, a.Patterns)
		}
		base := premul(a.Fill)
		d.verts, d.idx = d.verts[:0], d.idx[:0]
		for _, ring := range a.Rings {
			if len(ring) < 4 || len(d.verts)+len(ring) > stepVertices {
				continue
			}
			coords := make([]float64, 0, 2*len(ring))
			for _, p := range ring[:len(ring)-1] {
				coords = append(coords, p[0], p[1])
			}
			first := uint16(len(d.verts))
			for i := 0; i < len(coords); i += 2 {
				d.verts = append(d.verts, ebiten.Vertex{DstX: float32(coords[i]), DstY: float32(coords[i+1]), ColorR: base[0], ColorG: base[1], ColorB: base[2], ColorA: base[3]})
			}
			for _, j := range tess.Triangulate(coords, nil) {
				d.idx = append(d.idx, first+uint16(j))
			}
		}
		if !d.flushFill(dst, op, yield) {
			return false
		}
	}
	return true
}

// drawShapes fills the convex shapes of a display list (the ties'
// arrowheads) as fans of triangles, in one draw.
func (d *Drawer) drawShapes(dst *ebiten.Image, shapes []layout.Shape) {
	d.verts, d.idx = d.verts[:0], d.idx[:0]
	for _, s := range shapes {
		if len(s.Ring) < 4 {
			continue
		}
		c := premul(s.Color)
		first := uint16(len(d.verts))
		for _, p := range s.Ring[:len(s.Ring)-1] {
			d.verts = append(d.verts, ebiten.Vertex{DstX: float32(p[0]), DstY: float32(p[1]), SrcX: 1, SrcY: 1, ColorR: c[0], ColorG: c[1], ColorB: c[2], ColorA: c[3]})
		}
		for k := 2; k < len(s.Ring)-1; k++ {
			d.idx = append(d.idx, first, first+uint16(k-1), first+uint16(k))
		}
	}
	if len(d.idx) > 0 {
		dst.DrawTriangles(d.verts, d.idx, d.white, premultiplied)
	}
	d.verts, d.idx = d.verts[:0], d.idx[:0]
}
