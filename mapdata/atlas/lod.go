package atlas

import (
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	simplifyDP "github.com/paulmach/orb/simplify"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/tess"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// DefaultBands are the zoom levels (MapLibre scale) up to which each level of
// detail serves; past the last band the full geometry is used.
var DefaultBands = []float64{2, 3.5, 5, 6.5, 8}

// TolerancePx is the largest error, in screen pixels at a band's top zoom,
// that simplification may introduce.
const TolerancePx = 0.35

// LOD is the boundaries projected once and simplified once per zoom band.
// Each arc is simplified on its own with its end points kept, so the two
// countries that share a border keep sharing exactly the same line at every
// level. Levels are built on first use (a map starts at one zoom). An LOD
// is safe for concurrent use.
type LOD struct {
	Projection geo.Projection
	atlas      *Atlas
	bands      []float64 // the bands, then +Inf
	project    func() []orb.LineString
	levels     []lazyLevel
	spots      []lazySpot // per country
}

type lazyLevel struct {
	once sync.Once
	lv   Level
}

// Level is the boundaries at one level of detail, in world coordinates.
type Level struct {
	MaxZoom   float64
	Tolerance float64          // in world units (the world is 1 wide)
	Arcs      []orb.LineString // same indexes as Atlas.Arcs
	// Strokes holds, per arc, the runs to draw as a line: the arc without
	// the edges that only close a ring along the antimeridian or a pole.
	Strokes [][]orb.LineString

	atlas  *Atlas
	stored *triangles // fill triangles made ahead (the binary atlas's coarsest level), or nil
}

// Prepare projects and simplifies the atlas for the given zoom bands (see
// DefaultBands); each level is made when first asked for. An atlas from
// LoadBinary already holds the simplification for Web Mercator at
// DefaultBands and only projects.
func (a *Atlas) Prepare(proj geo.Projection, bands []float64) *LOD {
	all := append(slices.Clone(bands), math.Inf(1))
	return &LOD{
		Projection: proj, atlas: a, bands: all,
		project: sync.OnceValue(func() []orb.LineString { return a.project(proj) }),
		levels:  make([]lazyLevel, len(all)),
		spots:   make([]lazySpot, len(a.Countries)),
	}
}

// Len is the number of levels.
func (l *LOD) Len() int { return len(l.levels) }

// Atlas is the boundaries lv is a level of.
func (lv *Level) Atlas() *Atlas { return lv.atlas }

// Level returns level i (0 is the coarsest; the last is the full
// geometry), building it on first use.
func (l *LOD) Level(i int) *Level {
	ll := &l.levels[i]
	ll.once.Do(func() { ll.lv = l.build(i) })
	return &ll.lv
}

func (l *LOD) build(bi int) Level {
	a, z := l.atlas, l.bands[bi]
	lv := Level{MaxZoom: z, Strokes: make([][]orb.LineString, len(a.Arcs)), atlas: a}
	var kept [][]int32 // per arc, the indexes of the vertices kept; nil: all
	switch {
	case math.IsInf(z, 1):
		lv.Arcs = l.project()
	case a.pre.matches(l.Projection, l.bands[:len(l.bands)-1]):
		// Stored: project only the vertices kept, so that the first view
		// does not wait for the full geometry.
		lv.Tolerance, kept = tolerance(z), a.pre.kept[bi]
		if bi == 0 {
			lv.stored = a.pre.tris
		}
		lv.Arcs = keep(kept, func(i int, j int32) orb.Point { return l.Projection.Project(a.Arcs[i].Points[j]) })
	default:
		lv.Tolerance = tolerance(z)
		projected := l.project()
		kept = make([][]int32, len(projected))
		for i, arc := range projected {
			kept[i] = simplify(arc, lv.Tolerance)
		}
		lv.Arcs = keep(kept, func(i int, j int32) orb.Point { return projected[i][j] })
	}
	for i := range a.Arcs {
		var k []int32
		if kept != nil {
			k = kept[i]
		}
		lv.Strokes[i] = strokes(a.Arcs[i].Points, lv.Arcs[i], k)
	}
	return lv
}

// keep makes a level's arcs from the vertices kept of each arc (kept[i]
// indexes arc i's points), all in one allocation.
func keep(kept [][]int32, at func(i int, j int32) orb.Point) []orb.LineString {
	n := 0
	for _, k := range kept {
		n += len(k)
	}
	all := make(orb.LineString, n)
	arcs := make([]orb.LineString, len(kept))
	for i, k := range kept {
		arc := all[:len(k):len(k)]
		all = all[len(k):]
		for m, j := range k {
			arc[m] = at(i, j)
		}
		arcs[i] = arc
	}
	return arcs
}

// project maps every arc with proj.
func (a *Atlas) project(proj geo.Projection) []orb.LineString {
	projected := make([]orb.LineString, len(a.Arcs))
	for i, arc := range a.Arcs {
		projected[i] = make(orb.LineString, len(arc.Points))
		for j, p := range arc.Points {
			projected[i][j] = proj.Project(p)
		}
	}
	return projected
}

// tolerance is the simplification tolerance in world units for a band.
func tolerance(maxZoom float64) float64 { return TolerancePx / (geo.TileSize * math.Exp2(maxZoom)) }

// simplify runs Douglas–Peucker on a projected arc and returns the
// indexes of the vertices it keeps (the end points always are).
func simplify(arc orb.LineString, tol float64) []int32 {
	simple := simplifyDP.DouglasPeucker(tol).LineString(arc.Clone())
	kept := make([]int32, 0, len(simple))
	j := 0
	for _, p := range simple {
		for j < len(arc) && arc[j] != p {
			j++
		}
		kept = append(kept, int32(min(j, len(arc)-1)))
	}
	return kept
}

// strokes splits an arc at this level where it runs along the edge of the
// lon/lat domain. lonlat is the full arc in lon/lat; kept maps the level's
// vertices to it (nil when the level keeps every vertex).
func strokes(lonlat, level orb.LineString, kept []int32) []orb.LineString {
	var out []orb.LineString
	start := 0
	ll := func(k int) orb.Point {
		if kept != nil {
			return lonlat[kept[k]]
		}
		return lonlat[k]
	}
	for k := 1; k <= len(level); k++ {
		if k == len(level) || DomainEdge(ll(k-1), ll(k)) {
			if k-start >= 2 {
				out = append(out, level[start:k:k]) // runs share the level's points
			}
			start = k
		}
	}
	return out
}

// DomainEdge reports whether the edge from a to b (lon/lat) lies on the
// antimeridian or at a pole: an edge that closes a ring cut there, not a
// real coast or border.
func DomainEdge(a, b orb.Point) bool {
	const pole = 89.99
	return (math.Abs(a[0]) == 180 && a[0] == b[0]) || (math.Abs(a[1]) >= pole && math.Abs(b[1]) >= pole)
}

// For returns the level to draw at zoom.
func (l *LOD) For(zoom float64) *Level { return l.Level(l.Index(zoom)) }

// Index returns the index of the level to draw at zoom.
func (l *LOD) Index(zoom float64) int {
	for i, z := range l.bands {
		if zoom <= z {
			return i
		}
	}
	return len(l.bands) - 1
}

// Coarsest returns the index of the coarsest level that, drawn at zoom,
// is off by at most maxPx screen pixels (never finer than Index(zoom)
// when maxPx >= TolerancePx).
func (l *LOD) Coarsest(zoom, maxPx float64) int {
	for i, z := range l.bands {
		if TolerancePx*math.Exp2(zoom-z) <= maxPx {
			return i
		}
	}
	return len(l.bands) - 1
}

// Ring stitches a ring of arc references at this level.
func (lv *Level) Ring(refs []int) orb.LineString { return topojson.Stitch(lv.Arcs, refs) }

// Flatten gives a polygon of the atlas (rings of arc references) at this
// level as tess.Triangulate's input: flat x, y coordinates, rings not
// closed, holes starting at the vertex indexes in holes. Rings that
// collapsed at this level (fewer than three distinct vertices) are left
// out; an empty result means the whole polygon collapsed.
func (lv *Level) Flatten(poly [][]int) (coords []float64, holes []int) {
	rings := make([]orb.LineString, 0, len(poly))
	n := 0
	for k, refs := range poly {
		ring := lv.Ring(refs)
		if len(ring) < 4 {
			if k == 0 {
				return nil, nil
			}
			continue
		}
		rings = append(rings, ring)
		n += len(ring) - 1
	}
	coords = make([]float64, 0, 2*n)
	for k, ring := range rings {
		if k > 0 {
			holes = append(holes, len(coords)/2)
		}
		for _, q := range ring[:len(ring)-1] { // rings are closed; Triangulate's are not
			coords = append(coords, q[0], q[1])
		}
	}
	return coords, holes
}

// Fill is polygon pi of country ci at this level, flattened (see Flatten),
// with its triangles: three indexes into coords' vertices each. The
// coarsest level of a binary atlas, which draws the first view and every
// world view, has them made ahead; elsewhere they are triangulated here.
func (lv *Level) Fill(ci, pi int) (coords []float64, tris []int) {
	coords, holes := lv.Flatten(lv.atlas.Countries[ci].Polygons[pi])
	if lv.stored != nil {
		if t, ok := lv.stored.of(ci, pi, len(coords)/2); ok {
			return coords, t
		}
	}
	return coords, tess.Triangulate(coords, holes)
}
