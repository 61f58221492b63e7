// Package legend is the desktop's key to what the map shows (the browser
// shows its own, in the page): the snapshots' legend, drawn by the snapshot
// renderer into an image anew only when what it lists changes. The desktop
// hands it to the map as an overlay (render.App.SetOverlay); the browser
// build does not link it.
package legend

import (
	"fmt"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/render/raster"
)

// Legend makes the legend's image of a frame.
type Legend struct {
	r   *raster.Renderer
	key string
	img *ebiten.Image
}

// New parses the fonts the legend is written in.
func New() (*Legend, error) {
	r, err := raster.New()
	if err != nil {
		return nil, err
	}
	return &Legend{r: r}, nil
}

// Image returns the legend of frame f, or nil when it has nothing to
// explain or would not fit. The image stays the same while what it lists
// does.
func (l *Legend) Image(f *layout.Frame) *ebiten.Image {
	var b strings.Builder
	fmt.Fprintf(&b, "%p %g", f.Theme, f.Cam.Ratio)
	for _, e := range f.Legend() {
		b.WriteString("\x00" + e.Label)
	}
	if key := b.String(); key != l.key {
		l.key = key
		if l.img != nil {
			l.img.Deallocate()
			l.img = nil
		}
		// A legend taller than most of the window would hide the map it
		// explains: a small window goes without, as small snapshots do.
		if img := l.r.Legend(f); img != nil && float64(img.Bounds().Dy()) <= 0.6*f.Cam.H {
			l.img = ebiten.NewImageFromImage(img)
		}
	}
	return l.img
}
