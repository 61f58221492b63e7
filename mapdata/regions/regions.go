// Package regions is the default boundaries' 1:10m detail as the browser
// loads it: cut into one file per country for the web bundle (Split),
// listed in an index that says where each file's land lies (Index), and
// fetched by what a resting view needs and decoded together into the
// boundaries the map draws zoomed in (Set). The native apps embed the
// whole detail instead (internal/detail).
//
// One file per country: a view of the Fergana valley at zoom 8 needs the
// six countries on and around the screen (Uzbekistan, Kyrgyzstan,
// Tajikistan, Kazakhstan, China, Afghanistan: 113 kB, 50 kB with brotli),
// and nothing else. Groups of neighbours would bring countries beyond them
// (Turkmenistan, Pakistan) with every view of one of them; the cover (see
// Cover) keeps the countries whose bounds span the world (Russia, the
// United States across the antimeridian) out of views they are not in.
package regions

import (
	"errors"
	"math"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// Grid is the number of cells along each side of the Web Mercator world
// that covers are made of: a cell is 1.4° of longitude, a fifth of a
// 1280-pixel screen's width at layout.DetailZoom. A cell's row and column
// fit a byte.
const Grid = 256

// Cover is the cells of the grid that some land of a file meets: its
// bound, finer than a rectangle. It is runs of cells along a row, from
// the world's north-west corner row by row, three bytes each: the rows
// since the last run's, the first column, and the columns after it. (In
// the index's JSON it is a base64 string, which the browser decodes at
// once.)
type Cover []byte

// each calls fn with each run of c, its row and first and last columns,
// until fn returns true.
func (c Cover) each(fn func(row, first, last int) bool) {
	row := 0
	for k := 0; k+2 < len(c); k += 3 {
		row += int(c[k])
		if fn(row, int(c[k+1]), int(c[k+1])+int(c[k+2])) {
			return
		}
	}
}

// Index lists the region files: the web bundle's detail index.
type Index struct {
	Files []File `json:"files"`
}

// File is one region file.
type File struct {
	Name  string   `json:"name"` // its path in the bundle
	IDs   []string `json:"ids"`  // the countries it holds
	Cover Cover    `json:"cover"`
}

// Region is one file of the detail, as Split makes it.
type Region struct {
	IDs   []string
	Data  []byte // a binary atlas (atlas.LoadBinary), with Web Mercator's levels of detail
	Cover Cover
}

// Split cuts the detail, a quantized boundary topology (assets.Detail),
// into one region per country: its arcs and those of its borders. Units
// without an ISO code of their own are in their sovereign's geometry
// already (see assets/boundaries/SOURCE.md), so they are in its file.
func Split(detail []byte) ([]Region, error) {
	t, err := topojson.Decode(detail)
	if err != nil {
		return nil, err
	}
	countries, ok := t.Objects["countries"]
	if !ok {
		return nil, errors.New("regions: no countries in the detail")
	}
	out := make([]Region, len(countries.Geometries))
	for i, g := range countries.Geometries {
		one := countries
		one.Geometries = []topojson.Geometry{g}
		sub := (&topojson.Topology{Transform: t.Transform, Arcs: t.Arcs, Objects: map[string]topojson.Geometry{"countries": one}}).Pruned()
		data, err := atlas.EncodeBinary(sub, geo.WebMercator, atlas.DefaultBands)
		if err != nil {
			return nil, err
		}
		a, err := atlas.FromTopology(sub)
		if err != nil {
			return nil, err
		}
		out[i] = Region{IDs: []string{g.ID}, Data: data, Cover: CoverOf(a)}
	}
	return out, nil
}

// CoverOf is the cells that a's land meets: those its arcs pass through
// (each segment's bound) and those whose centre is on its land.
func CoverOf(a *atlas.Atlas) Cover {
	var g grid
	proj := geo.WebMercator
	for _, arc := range a.Arcs {
		for k := 1; k < len(arc.Points); k++ {
			g.mark(orb.MultiPoint{proj.Project(arc.Points[k-1]), proj.Project(arc.Points[k])}.Bound())
		}
	}
	for _, c := range a.Countries {
		c0, r0, c1, r1, _ := cells(orb.MultiPoint{proj.Project(c.Bound.Min), proj.Project(c.Bound.Max)}.Bound())
		for r := r0; r <= r1; r++ {
			for col := c0; col <= c1; col++ {
				centre := proj.Unproject(orb.Point{(float64(col) + 0.5) / Grid, (float64(r) + 0.5) / Grid})
				g[r][col] = g[r][col] || a.At(centre) != nil
			}
		}
	}
	var out Cover
	last := 0
	for r := range Grid {
		for c := 0; c < Grid; c++ {
			if g[r][c] {
				first := c
				for c+1 < Grid && g[r][c+1] {
					c++
				}
				out = append(out, byte(r-last), byte(first), byte(c-first))
				last = r
			}
		}
	}
	return out
}

// grid is a set of cells, [row][column].
type grid [Grid][Grid]bool

// mark adds the cells that world bound b meets.
func (g *grid) mark(b orb.Bound) {
	c0, r0, c1, r1, ok := cells(b)
	for r := r0; ok && r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			g[r][c] = true
		}
	}
}

// add adds the cells of c.
func (g *grid) add(c Cover) {
	c.each(func(row, first, last int) bool {
		for col := first; col <= last; col++ {
			g[row][col] = true
		}
		return false
	})
}

// meets reports whether some cell of g meets world bound b.
func (g *grid) meets(b orb.Bound) bool {
	c0, r0, c1, r1, ok := cells(b)
	for r := r0; ok && r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			if g[r][c] {
				return true
			}
		}
	}
	return false
}

// cells is the range of cells that world bound b meets, clamped to the
// world; ok is false when b is off the world.
func cells(b orb.Bound) (c0, r0, c1, r1 int, ok bool) {
	at := func(v float64) int { return min(max(int(math.Floor(v*Grid)), 0), Grid-1) }
	ok = b.Max[0] >= 0 && b.Max[1] >= 0 && b.Min[0] <= 1 && b.Min[1] <= 1
	return at(b.Min[0]), at(b.Min[1]), at(b.Max[0]), at(b.Max[1]), ok
}

// Meets reports whether some cell of c meets world bound b.
func (c Cover) Meets(b orb.Bound) bool {
	c0, r0, c1, r1, ok := cells(b)
	met := false
	c.each(func(row, first, last int) bool {
		met = ok && row >= r0 && row <= r1 && first <= c1 && last >= c0
		return met
	})
	return met
}
