package render

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/layout"
)

// Overlay is an image the app shows over a corner of the map, labels kept
// out of it: the desktop's legend (package render/legend).
type Overlay interface {
	// Image returns the overlay for frame f, or nil for none. It is asked
	// before each frame drawn, and returns the same image while f shows the
	// same things.
	Image(f *layout.Frame) *ebiten.Image
}

// overlay is an Overlay in its corner.
type overlay struct {
	o        Overlay
	on       bool
	topRight bool // else bottom left
	img      *ebiten.Image
	frame    *layout.Frame // the frame img was asked for
	placed   orb.Bound     // the box the labels were last placed around (zero for none)
}

// SetOverlay shows o over the bottom-left corner of the map, or the
// top-right one if topRight (a presentation's caption has the bottom).
func (a *Desktop) SetOverlay(o Overlay, topRight bool) {
	a.overlay = &overlay{o: o, on: true, topRight: topRight}
	a.dirty = true
}

// ToggleOverlay shows or hides the overlay.
func (a *Desktop) ToggleOverlay() {
	if a.overlay != nil {
		a.overlay.on = !a.overlay.on
		a.overlay.frame = nil // ask again
		a.dirty = true
	}
}

// OverlayBox is where the overlay is on screen; ok is false when none
// shows.
func (a *Desktop) OverlayBox() (box orb.Bound, ok bool) {
	o := a.overlay
	if o == nil || !o.on || o.img == nil {
		return orb.Bound{}, false
	}
	b := o.img.Bounds()
	w, h, m := float64(b.Dx()), float64(b.Dy()), 8*a.ratio
	if o.topRight {
		return orb.Bound{Min: orb.Point{a.w - w - m, m}, Max: orb.Point{a.w - m, m + h}}, true
	}
	return orb.Bound{Min: orb.Point{m, a.h - h - m}, Max: orb.Point{m + w, a.h - m}}, true
}

// syncOverlay takes the overlay's image for a new exact frame (frames
// moved while the camera moves ask for none), and places the labels anew
// when its box is not the one they were placed around.
func (a *Desktop) syncOverlay() {
	o := a.overlay
	if o == nil || a.frame == nil || a.frame == o.frame {
		return
	}
	o.frame, o.img = a.frame, nil
	if o.on {
		o.img = o.o.Image(a.frame)
	}
	if box, _ := a.OverlayBox(); box != o.placed {
		a.placeLabels()
	}
}

// drawOverlay shows the overlay's image in its corner.
func (a *Desktop) drawOverlay(dst *ebiten.Image) {
	if box, ok := a.OverlayBox(); ok {
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(box.Min[0], box.Min[1])
		dst.DrawImage(a.overlay.img, op)
	}
}
