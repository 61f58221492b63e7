package interact

import "github.com/silkmap/silkmap/mapdata/view"

// Move does a navigation action to a view and its camera: a pan or a zoom
// moves the camera and the view follows it (moved); a click, or Enter,
// selects what pick finds at the point (the centre, for Enter); Escape
// clears the selection. Other actions change nothing here: hovering and
// keys are the caller's.
func Move(v view.View, cam view.Camera, act Action, pick func(x, y float64) string) (view.View, view.Camera, bool) {
	switch act.Kind {
	case Pan:
		cam = cam.PanBy(act.DX, act.DY)
	case Zoom:
		cam = cam.ZoomAt(act.DZ, act.X, act.Y)
	case Click:
		v.Sel = pick(act.X, act.Y)
		return v, cam, false
	case Centre:
		v.Sel = pick(cam.W/2, cam.H/2)
		return v, cam, false
	case Clear:
		v.Sel = ""
		return v, cam, false
	default:
		return v, cam, false
	}
	return cam.View(v), cam, true
}
