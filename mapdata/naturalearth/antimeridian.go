package naturalearth

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/topojson"
)

// polarCapLat is the latitude beyond which a ring lies on the pole itself:
// world-atlas closes Antarctica with a degenerate ring at -89.999°.
const polarCapLat = 89.99

// CutAntimeridian rewrites the "countries" object of t, whose rings were drawn
// for a sphere, so that planar code can use them:
//
//   - an arc that jumps across ±180° is split there, and each side gets a
//     vertex on the meridian at the latitude where the edge crossed it;
//   - a ring that crosses twice (Chukotka, Fiji) becomes two rings, one each
//     side, closed along the meridian;
//   - a ring that crosses once goes round a pole (Antarctica's coast): it is
//     closed along the meridian and the pole's parallel;
//   - a ring that lies on the pole (the polar cap that makes Antarctica's
//     coast a hole on the sphere) is dropped, and the ring it held as a hole
//     becomes the exterior.
//
// Closing edges lie on x = ±180 or y = ±90; renderers recognise them there
// and do not draw them as coast. Arcs not crossing the meridian are left as
// they are, so borders shared by two countries stay shared.
func CutAntimeridian(t *topojson.Topology) error {
	expand := map[int][]int{}
	n := len(t.Arcs)
	for i := 0; i < n; i++ {
		pieces := splitAtJumps(t.Arcs[i])
		if len(pieces) == 1 {
			continue
		}
		idx := make([]int, len(pieces))
		for k, p := range pieces {
			idx[k] = -1
			if len(p) >= 2 {
				idx[k] = len(t.Arcs)
				t.Arcs = append(t.Arcs, p)
			}
		}
		expand[i] = idx
	}
	countries := t.Objects["countries"]
	for gi := range countries.Geometries {
		g := &countries.Geometries[gi]
		var polys [][][]int
		for _, p := range g.Polygons {
			out, err := cutPolygon(t, p, expand)
			if err != nil {
				return fmt.Errorf("naturalearth: %s: %w", describe(*g), err)
			}
			polys = append(polys, out...)
		}
		g.Polygons = polys
		if len(polys) > 1 {
			g.Type = "MultiPolygon"
		}
	}
	return nil
}

// splitAtJumps cuts a line wherever an edge spans more than 180° of
// longitude, which on a sphere means the edge crosses the antimeridian.
func splitAtJumps(line orb.LineString) []orb.LineString {
	var out []orb.LineString
	cur := orb.LineString{}
	for i, b := range line {
		if i == 0 {
			cur = append(cur, b)
			continue
		}
		a := line[i-1]
		if math.Abs(b[0]-a[0]) <= 180 {
			cur = append(cur, b)
			continue
		}
		side := math.Copysign(1, a[0]) // the side a is on
		bx := b[0] + 360*side          // b unwrapped onto a's side
		lat := a[1]
		if d := bx - a[0]; math.Abs(d) > 1e-9 { // else the edge runs along the meridian
			lat += (side*180 - a[0]) / d * (b[1] - a[1])
		}
		if end := (orb.Point{side * 180, lat}); end != a {
			cur = append(cur, end)
		}
		out = append(out, cur)
		cur = orb.LineString{{-side * 180, lat}}
		if b != cur[0] {
			cur = append(cur, b)
		}
	}
	return append(out, cur)
}

type ringItem struct {
	ref        int
	jumpBefore bool // the ring crosses the antimeridian just before this arc
}

// expandRing replaces split arcs in a ring by their pieces and marks where the
// ring jumps across the meridian.
func expandRing(refs []int, expand map[int][]int) []ringItem {
	var items []ringItem
	pending := false
	for _, r := range refs {
		i, rev := topojson.ArcIndex(r)
		pieces, ok := expand[i]
		if !ok {
			items = append(items, ringItem{r, pending})
			pending = false
			continue
		}
		seq := slices.Clone(pieces)
		if rev {
			slices.Reverse(seq)
		}
		for k, pi := range seq {
			if k > 0 {
				pending = true
			}
			if pi < 0 {
				continue
			}
			ref := pi
			if rev {
				ref = ^pi
			}
			items = append(items, ringItem{ref, pending})
			pending = false
		}
	}
	if pending && len(items) > 0 {
		items[0].jumpBefore = true
	}
	return items
}

func refsOf(items []ringItem) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = it.ref
	}
	return out
}

// closeRing appends a new arc from the chain's last point through via to its
// first point, and returns the closed ring.
func closeRing(t *topojson.Topology, chain []int, via ...orb.Point) []int {
	pts := t.Line(chain)
	arc := orb.LineString{pts[len(pts)-1]}
	arc = append(arc, via...)
	arc = append(arc, pts[0])
	t.Arcs = append(t.Arcs, arc)
	return append(chain, len(t.Arcs)-1)
}

// cutRing returns the planar rings a spherical ring becomes (nil for a polar
// cap), and whether it went round a pole.
func cutRing(t *topojson.Topology, refs []int, expand map[int][]int) (rings [][]int, polar bool, err error) {
	items := expandRing(refs, expand)
	pts := t.Line(refsOf(items))
	capRing := true
	meanLat := 0.0
	for _, p := range pts {
		capRing = capRing && math.Abs(p[1]) >= polarCapLat
		meanLat += p[1] / float64(len(pts))
	}
	if capRing {
		return nil, false, nil
	}
	var jumps []int
	for i, it := range items {
		if it.jumpBefore {
			jumps = append(jumps, i)
		}
	}
	switch len(jumps) {
	case 0:
		return [][]int{refsOf(items)}, false, nil
	case 1:
		j := jumps[0]
		chain := refsOf(append(slices.Clone(items[j:]), items[:j]...))
		line := t.Line(chain)
		end, start := line[len(line)-1], line[0]
		pole := poleLat(t, meanLat)
		return [][]int{closeRing(t, chain, orb.Point{end[0], pole}, orb.Point{start[0], pole})}, true, nil
	case 2:
		a, b := jumps[0], jumps[1]
		east := refsOf(items[a:b])
		west := refsOf(append(slices.Clone(items[b:]), items[:a]...))
		return [][]int{closeRing(t, east), closeRing(t, west)}, false, nil
	}
	return nil, false, fmt.Errorf("a ring crosses the antimeridian %d times; only 1 (round a pole) or 2 are supported", len(jumps))
}

// cutPolygon applies cutRing to a polygon's rings and regroups holes under the
// exteriors they fall in.
func cutPolygon(t *topojson.Topology, p [][]int, expand map[int][]int) ([][][]int, error) {
	exts, _, err := cutRing(t, p[0], expand)
	if err != nil {
		return nil, err
	}
	var polys [][][]int
	for _, e := range exts {
		polys = append(polys, [][]int{e})
	}
	for _, h := range p[1:] {
		rings, polar, err := cutRing(t, h, expand)
		if err != nil {
			return nil, err
		}
		switch {
		case exts == nil && polar:
			// The exterior was the polar cap: the hole round the pole is the land.
			polys = append(polys, rings)
		case len(rings) == 1 && !polar:
			at := t.Line(rings[0])[0]
			home := 0
			for k, poly := range polys {
				if t.Line(poly[0]).Bound().Contains(at) {
					home = k
					break
				}
			}
			if len(polys) == 0 {
				return nil, fmt.Errorf("a hole has no exterior ring")
			}
			polys[home] = append(polys[home], rings[0])
		default:
			return nil, fmt.Errorf("a hole crosses the antimeridian")
		}
	}
	return polys, nil
}

// poleLat is the latitude of the pole on meanLat's side, moved onto the
// topology's quantization grid (inside ±90°) so that encoding keeps it valid.
func poleLat(t *topojson.Topology, meanLat float64) float64 {
	pole := math.Copysign(90, meanLat)
	if t.Transform == nil {
		return pole
	}
	s, o := t.Transform.Scale[1], t.Transform.Translate[1]
	q := math.Round((pole - o) / s)
	for math.Abs(q*s+o) > 90 {
		q -= math.Copysign(1, pole*s)
	}
	return q*s + o
}

// signedArea is the shoelace area of a closed ring in its own units:
// positive when the ring runs counter-clockwise.
func signedArea(r orb.LineString) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a / 2
}
