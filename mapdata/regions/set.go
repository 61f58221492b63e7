package regions

import (
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

// The files are fetched for the screen and half its size again beyond
// each edge, so that a small pan after a stop needs nothing new. The
// detail is drawn where every file that meets the screen and a quarter of
// its size beyond each edge is loaded: the map draws its image that much
// larger than the screen (render's cache), and a country missing there
// would show as sea while the map is panned.
const (
	fetchMargin = 0.5
	drawMargin  = 0.25
)

// Set is the region files a page has loaded. It is not safe for
// concurrent use; the function Detail returns is.
type Set struct {
	ix     *Index
	budget int
	loaded [][]byte // by index in ix.Files; nil where not loaded
	needed []bool   // by the last screen asked about (Missing)
}

// NewSet starts a set of ix's files with none loaded. It keeps budget
// bytes of files at most, or more when one screen needs more.
func NewSet(ix *Index, budget int) *Set {
	return &Set{ix: ix, budget: budget, loaded: make([][]byte, len(ix.Files)), needed: make([]bool, len(ix.Files))}
}

// Missing lists the files (their indexes in the index) that screen, a
// world bound, needs (they meet it with its margin) and that are not
// loaded.
func (s *Set) Missing(screen orb.Bound) []int {
	var out []int
	b := grow(screen, fetchMargin)
	for i, f := range s.ix.Files {
		s.needed[i] = f.Cover.Meets(b)
		if s.needed[i] && s.loaded[i] == nil {
			out = append(out, i)
		}
	}
	return out
}

// Add keeps file i, whose bytes are data. Past the budget, every file the
// last screen does not need is dropped.
func (s *Set) Add(i int, data []byte) {
	s.loaded[i] = data
	size := 0
	for _, l := range s.loaded {
		size += len(l)
	}
	for k := range s.loaded {
		if size > s.budget && !s.needed[k] {
			s.loaded[k] = nil
		}
	}
}

// Detail decodes the files loaded, together, into the boundaries to draw
// zoomed in, and says where they are complete (see
// layout.Prepared.SetDetail): where no file that is not loaded has land
// on the screen or its margin. It is nil when none is loaded. Files that
// do not decode are dropped (fetched again when next needed).
func (s *Set) Detail() (*layout.Geometry, func(screen orb.Bound) bool, error) {
	var files [][]byte
	var missing grid
	for i, data := range s.loaded {
		if data != nil {
			files = append(files, data)
		} else {
			missing.add(s.ix.Files[i].Cover)
		}
	}
	if len(files) == 0 {
		return nil, nil, nil
	}
	a, err := atlas.LoadBinary(files...)
	if err != nil {
		clear(s.loaded)
		return nil, nil, err
	}
	complete := func(screen orb.Bound) bool { return !missing.meets(grow(screen, drawMargin)) }
	return layout.NewGeometry(a, geo.WebMercator, layout.DetailFine), complete, nil
}

// grow is b with f of its width and height added beyond each edge.
func grow(b orb.Bound, f float64) orb.Bound {
	dx, dy := (b.Max[0]-b.Min[0])*f, (b.Max[1]-b.Min[1])*f
	return orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
}
