package atlas

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/tess"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// The prepared binary form of a boundary topology (a .atlas file) holds
// what a TopoJSON file holds — the quantized arcs, delta-encoded as
// varints, and each country's id, name and arc references — and, for the
// Web Mercator projection and a set of zoom bands, the vertices each level
// of detail keeps, and where each country's name goes (see LabelSpot).
// Loading it skips JSON parsing, simplification and the search for label
// spots, which dominate start-up in the browser. The coarsest level's fill
// triangles are stored too, per country, and decoded when a country is
// first drawn: the first view and every world view are drawn from that
// level without triangulating it. It is made at build time
// (make data) from the TopoJSON asset, which stays the source of truth;
// LoadBinary gives the same Atlas as Load, and Prepare the same levels and
// label spots.

const binaryMagic = "SILKMAP-ATLAS-3\n"

// simplified is the precomputed simplification of every arc — for each
// band, the indexes of the vertices each arc keeps — and the label spots
// found on those levels.
type simplified struct {
	proj  geo.Projection
	bands []float64
	kept  [][][]int32 // [band][arc] → vertex indexes
	spots []LabelSpot // per country
	tris  *triangles  // the first band's fill triangles
}

// triangles holds a level's fill triangles as stored, per country, and
// decodes a country's when it is first asked for.
type triangles struct {
	data  [][]byte // per country, its triangles as stored
	once  []sync.Once
	polys [][][]int // per country and polygon; nil when the bytes are bad
}

// newTriangles holds the stored triangles of each country (data, in the
// countries' order).
func newTriangles(data [][]byte) *triangles {
	return &triangles{data: data, once: make([]sync.Once, len(data)), polys: make([][][]int, len(data))}
}

// of returns the triangles of polygon pi of country ci, which has n
// vertices at the level; ok is false when they are not usable.
func (t *triangles) of(ci, pi, n int) (tris []int, ok bool) {
	t.once[ci].Do(func() {
		r := reader{data: t.data[ci]}
		var polys [][]int
		for r.err == nil && r.pos < len(r.data) {
			p := make([]int, 3*r.count(3))
			prev := 0
			for k := range p {
				prev += int(r.int())
				p[k] = prev
			}
			polys = append(polys, p)
		}
		if r.err == nil {
			t.polys[ci] = polys
		}
	})
	if pi >= len(t.polys[ci]) {
		return nil, false
	}
	tris = t.polys[ci][pi]
	for _, v := range tris {
		if v < 0 || v >= n {
			return nil, false
		}
	}
	return tris, true
}

// EncodeTopoJSON is EncodeBinary of a TopoJSON file, for Web Mercator at
// DefaultBands: the form the browser loads.
func EncodeTopoJSON(data []byte) ([]byte, error) {
	t, err := topojson.Decode(data)
	if err != nil {
		return nil, err
	}
	return EncodeBinary(t, geo.WebMercator, DefaultBands)
}

// EncodeBinary writes t, a quantized topology that FromTopology accepts,
// in the prepared binary form, with the levels of detail of proj (which
// must be geo.WebMercator) at bands.
func EncodeBinary(t *topojson.Topology, proj geo.Projection, bands []float64) ([]byte, error) {
	if t.Transform == nil {
		return nil, errors.New("atlas: the binary form needs a quantized topology (with a transform)")
	}
	if proj != geo.WebMercator {
		return nil, errors.New("atlas: the binary form holds Web Mercator levels only")
	}
	a, err := FromTopology(t)
	if err != nil {
		return nil, err
	}
	var w writer
	w.buf.WriteString(binaryMagic)
	tr := *t.Transform
	for _, f := range []float64{tr.Scale[0], tr.Scale[1], tr.Translate[0], tr.Translate[1]} {
		w.float(f)
	}
	w.uint(len(t.Arcs))
	for _, arc := range t.Arcs {
		w.uint(len(arc))
		var px, py int64
		for _, p := range arc {
			x, y := tr.Quantize(p)
			if tr.Apply(float64(x), float64(y)) != p {
				return nil, fmt.Errorf("atlas: position %v is not on the topology's quantization grid", p)
			}
			w.int(x - px)
			w.int(y - py)
			px, py = x, y
		}
	}
	w.uint(len(a.Countries))
	for _, c := range a.Countries {
		w.str(c.ID)
		w.str(c.Name)
		w.uint(len(c.Polygons))
		for _, poly := range c.Polygons {
			w.uint(len(poly))
			for _, refs := range poly {
				w.uint(len(refs))
				for _, r := range refs {
					w.int(int64(r))
				}
			}
		}
	}
	projected := a.project(proj)
	w.uint(len(bands))
	for _, z := range bands {
		w.float(z)
		for i, arc := range projected {
			kept := simplify(arc, tolerance(z))
			if len(kept) == 0 {
				return nil, fmt.Errorf("atlas: arc %d: nothing kept", i)
			}
			w.uint(len(kept))
			prev := int32(0)
			for _, k := range kept {
				w.uint(int(k - prev))
				prev = k
			}
		}
	}
	lod := a.Prepare(proj, bands)
	for ci := range a.Countries {
		s := lod.LabelSpot(ci)
		for _, f := range []float64{s.Anchor[0], s.Anchor[1], s.Width, s.Area} {
			w.float(f)
		}
	}
	lv := lod.Level(0)
	for _, c := range a.Countries {
		var cw writer // a country's triangles, behind their length
		for _, poly := range c.Polygons {
			coords, holes := lv.Flatten(poly)
			tris := tess.Triangulate(coords, holes)
			cw.uint(len(tris) / 3)
			prev := 0
			for _, v := range tris {
				cw.int(int64(v - prev))
				prev = v
			}
		}
		w.uint(cw.buf.Len())
		w.buf.Write(cw.buf.Bytes())
	}
	return w.buf.Bytes(), nil
}

type writer struct{ buf bytes.Buffer }

func (w *writer) uint(n int)  { w.buf.Write(binary.AppendUvarint(nil, uint64(n))) }
func (w *writer) int(n int64) { w.buf.Write(binary.AppendVarint(nil, n)) }
func (w *writer) float(f float64) {
	w.buf.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(f)))
}
func (w *writer) str(s string) { w.uint(len(s)); w.buf.WriteString(s) }

// LoadBinary decodes the prepared binary form (see EncodeBinary): one
// file, or several that hold different countries of one topology, as one
// atlas. The browser loads the 1:10m detail so, by region (see package
// regions): each region's file holds its countries and the arcs they use,
// so an arc that two files hold (a border between their countries) is
// kept once, and bounds both countries again. The Atlas is validated as
// Load validates a topology, and its Prepare uses the stored levels of
// detail when asked for the same projection and bands.
func LoadBinary(files ...[]byte) (*Atlas, error) {
	t := &topojson.Topology{Objects: map[string]topojson.Geometry{}}
	countries := topojson.Geometry{Type: "GeometryCollection"}
	pre := &simplified{proj: geo.WebMercator}
	var tris [][]byte
	byStart := map[orb.Point][]int{} // the arcs read, by their first point, when there are several files
	for fi, data := range files {
		if !bytes.HasPrefix(data, []byte(binaryMagic)) {
			return nil, errors.New("atlas: not a prepared boundary file")
		}
		r := reader{data: data, pos: len(binaryMagic)}
		tr := topojson.Transform{Scale: [2]float64{r.float(), r.float()}, Translate: [2]float64{r.float(), r.float()}}
		to := make([]int, r.count(2)) // the file's arcs, as the atlas's
		own := make([]bool, len(to))  // the arcs no file before held
		t.Arcs = slices.Grow(t.Arcs, len(to))
		points := slab[orb.Point]{most: len(data) / 2} // a point takes two bytes at least
		indexes := slab[int32]{most: len(data)}
		for i := range to {
			arc := orb.LineString(points.take(r.count(2)))
			var x, y float64
			for j := range arc {
				x += float64(r.int())
				y += float64(r.int())
				arc[j] = tr.Apply(x, y)
			}
			to[i], own[i] = len(t.Arcs), true
			if len(files) > 1 && len(arc) > 0 {
				held := byStart[arc[0]]
				if k := slices.IndexFunc(held, func(j int) bool { return slices.Equal(t.Arcs[j], arc) }); k >= 0 {
					to[i], own[i] = held[k], false
					continue
				}
				byStart[arc[0]] = append(held, len(t.Arcs))
			}
			t.Arcs = append(t.Arcs, arc)
		}
		n := r.count(3)
		countries.Geometries = slices.Grow(countries.Geometries, n)
		for range n {
			g := topojson.Geometry{Type: "MultiPolygon", ID: r.str()}
			name, _ := json.Marshal(r.str()) // a string always encodes
			g.Properties = gjson.ParseBytes(slices.Concat([]byte(`{"name":`), name, []byte("}")))
			g.Polygons = make([][][]int, r.count(1))
			for pi := range g.Polygons {
				g.Polygons[pi] = make([][]int, r.count(1))
				for ri := range g.Polygons[pi] {
					refs := make([]int, r.count(1))
					for k := range refs {
						ref := int(r.int())
						switch i, rev := topojson.ArcIndex(ref); {
						case i < 0 || i >= len(to):
							r.fail("arc reference %d out of range", ref)
						case rev:
							refs[k] = ^to[i]
						default:
							refs[k] = to[i]
						}
					}
					g.Polygons[pi][ri] = refs
				}
			}
			countries.Geometries = append(countries.Geometries, g)
		}
		nb := r.count(9)
		if fi > 0 && nb != len(pre.bands) {
			r.fail("%d levels of detail, the first file %d", nb, len(pre.bands))
		}
		for b := range nb {
			if z := r.float(); fi == 0 {
				pre.bands = append(pre.bands, z)
				pre.kept = append(pre.kept, make([][]int32, 0, len(to)))
			} else if b < len(pre.bands) && z != pre.bands[b] {
				r.fail("levels of detail up to zoom %g, the first file's up to %g", z, pre.bands[b])
			}
			for i := range to {
				kept := indexes.take(r.count(1))
				prev := uint64(0)
				for k := range kept {
					prev += r.uvarint()
					if prev >= uint64(len(t.Arcs[to[i]])) {
						r.fail("arc %d: kept vertex %d out of range", i, prev)
						prev = 0
					}
					kept[k] = int32(prev)
				}
				if own[i] && b < len(pre.kept) {
					pre.kept[b] = append(pre.kept[b], kept)
				}
			}
		}
		for range n {
			pre.spots = append(pre.spots, LabelSpot{Anchor: orb.Point{r.float(), r.float()}, Width: r.float(), Area: r.float()})
		}
		for range n {
			size := r.count(1)
			tris = append(tris, data[r.pos:r.pos+size])
			r.pos += size
		}
		if r.err == nil && r.pos != len(data) {
			r.fail("%d bytes of trailing data", len(data)-r.pos)
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	t.Objects["countries"] = countries
	a, err := FromTopology(t)
	if err != nil {
		return nil, err
	}
	if len(a.Countries) != len(pre.spots) {
		return nil, fmt.Errorf("atlas: %d label spots for %d countries", len(pre.spots), len(a.Countries))
	}
	pre.tris = newTriangles(tris)
	a.pre = pre
	return a, nil
}

// reader decodes the binary form; the first error sticks and later reads
// return zeros, so a truncated or hostile file fails without panicking.
type reader struct {
	data []byte
	pos  int
	err  error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("atlas: byte %d: %s", r.pos, fmt.Sprintf(format, args...))
	}
}

// uvarint and int read one number. Most numbers in the file (deltas and
// kept-vertex steps) fit in one byte: that case is read in place.
func (r *reader) uvarint() uint64 {
	if b, ok := r.oneByte(); ok {
		return uint64(b)
	}
	return varint(r, binary.Uvarint)
}

func (r *reader) int() int64 {
	if b, ok := r.oneByte(); ok {
		u := int64(b)
		return u>>1 ^ -(u & 1) // zig-zag, as binary.Varint
	}
	return varint(r, binary.Varint)
}

// oneByte reads a number that fits in its first byte; ok is false (and
// nothing is read) for a longer one, or after an error.
func (r *reader) oneByte() (b byte, ok bool) {
	if r.err != nil || r.pos >= len(r.data) || r.data[r.pos] >= 0x80 {
		return 0, false
	}
	r.pos++
	return r.data[r.pos-1], true
}

// varint reads one number with decode (binary.Uvarint or binary.Varint).
func varint[T int64 | uint64](r *reader, decode func([]byte) (T, int)) T {
	if r.err != nil {
		return 0
	}
	v, n := decode(r.data[r.pos:])
	if n <= 0 {
		r.fail("truncated or bad number")
		return 0
	}
	r.pos += n
	return v
}

// slab hands out slices cut from larger allocations: a file holds tens of
// thousands of short arcs and index lists that all live as long as the
// atlas. No allocation is larger than the file can fill (most: the items
// it can still hold), so a small file (a region of the 1:10m detail) does
// not hold a large slab.
type slab[T any] struct {
	free []T
	most int
}

func (s *slab[T]) take(n int) []T {
	if n > len(s.free) {
		s.free = make([]T, max(n, min(1<<14, s.most)))
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	s.most -= n
	return out
}

// count reads a length, which cannot exceed the bytes left divided by
// the least each item takes (so no hostile length allocates much).
func (r *reader) count(minBytes int) int {
	v := r.uvarint()
	if left := uint64(len(r.data) - r.pos); v > left/uint64(minBytes) {
		r.fail("count %d larger than the file allows", v)
		return 0
	}
	return int(v)
}

func (r *reader) float() float64 {
	if r.err != nil {
		return 0
	}
	if len(r.data)-r.pos < 8 {
		r.fail("truncated")
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(r.data[r.pos:]))
	r.pos += 8
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.fail("number is not finite")
		return 0
	}
	return f
}

func (r *reader) str() string {
	n := r.count(1)
	if r.err != nil {
		return ""
	}
	s := string(r.data[r.pos : r.pos+n])
	r.pos += n
	return s
}

// matches reports whether the stored levels serve proj at bands.
func (s *simplified) matches(proj geo.Projection, bands []float64) bool {
	return s != nil && proj == s.proj && slices.Equal(bands, s.bands)
}
