package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// Size limits of a snapshot, in pixels.
const (
	MinSide = 16
	MaxSide = 4096
)

// ParseSize reads "WIDTHxHEIGHT".
func ParseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("size %q is not WIDTHxHEIGHT", s)
	}
	if w < MinSide || h < MinSide || w > MaxSide || h > MaxSide {
		return 0, 0, fmt.Errorf("size %dx%d is outside %d..%d pixels a side", w, h, MinSide, MaxSide)
	}
	return w, h, nil
}

// Snapshot renders the view a fragment describes (see view.Decode) as a
// w×h CSS-pixel map in theme th: the image is w·ratio × h·ratio pixels, so
// ratio 2 shows the same place twice as sharp, as a HiDPI screen would.
// The warnings say which parts of the fragment were ignored.
func (r *Renderer) Snapshot(p *layout.Prepared, fragment string, w, h int, ratio float64, th *style.Theme) (*image.RGBA, []string) {
	f, warn := r.frame(p, fragment, w, h, ratio, th)
	return r.Draw(f), warn
}

// Poster renders the map alone (no legend, no attribution) in theme th, as the live
// map's first frame will show it: the page shows it while the map loads.
func (r *Renderer) Poster(p *layout.Prepared, fragment string, w, h int, ratio float64, th *style.Theme) (*image.RGBA, []string) {
	f, warn := r.frame(p, fragment, w, h, ratio, th)
	f.PlaceLabels(r.measure)
	return r.drawMap(f), warn
}

// PosterJPEG is Poster as JPEG: what pages show while the map loads, built
// with the bundle or rendered by silkmap serve for a link (at ratio 1), and
// what a page prints (at a higher ratio, in a finer quality).
func (r *Renderer) PosterJPEG(p *layout.Prepared, fragment string, w, h int, ratio float64, th *style.Theme) ([]byte, []string, error) {
	img, warn := r.Poster(p, fragment, w, h, ratio, th)
	var b bytes.Buffer
	q := 70
	if ratio > 1 {
		q = 90
	}
	err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q})
	return b.Bytes(), warn, err
}

func (r *Renderer) frame(p *layout.Prepared, fragment string, w, h int, ratio float64, th *style.Theme) (*layout.Frame, []string) {
	v, warn := view.Decode(fragment, view.Default, p.Map, view.LayerIDs(p.Map))
	cam := view.NewCamera(v, p.LOD.Projection, math.Round(float64(w)*ratio), math.Round(float64(h)*ratio), ratio)
	return layout.Build(p, v, cam, th), warn
}
