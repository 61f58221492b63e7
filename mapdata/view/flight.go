package view

import (
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
)

// Flight is a smooth zoom-and-pan from one view to another, after van Wijk
// and Nuij, "Smooth and efficient zooming and panning" (2003): the camera
// rises as it travels so that the path is as short as it can feel. Only
// centre and zoom fly; the rest of the target view applies at once.
type Flight struct {
	from, to   View
	proj       geo.Projection
	c0, c1     orb.Point // centres, world coordinates
	w0, w1     float64   // visible widths, world units
	u1, r0, s  float64
	pureZoom   bool
	dur        time.Duration
	screenCSSW float64
}

// rho trades zooming against panning; MapLibre uses the same value.
const rho = 1.42

// Flight durations: long enough to follow, short enough not to wait for.
const (
	minFlight = time.Second
	maxFlight = 2 * time.Second
)

// NewFlight plans a flight for a screen w CSS pixels wide.
func NewFlight(from, to View, proj geo.Projection, w float64) Flight {
	f := Flight{from: from, to: to, proj: proj, screenCSSW: w}
	f.c0, f.c1 = proj.Project(from.Center), proj.Project(to.Center)
	f.w0 = w / (geo.TileSize * math.Exp2(from.Zoom))
	f.w1 = w / (geo.TileSize * math.Exp2(to.Zoom))
	f.u1 = math.Hypot(f.c1[0]-f.c0[0], f.c1[1]-f.c0[1])
	if f.u1 < 1e-9 {
		f.pureZoom = true
		f.s = math.Abs(math.Log(f.w1/f.w0)) / rho
	} else {
		b := func(i int) float64 {
			sign, w := 1.0, f.w0
			if i == 1 {
				sign, w = -1, f.w1
			}
			return (f.w1*f.w1 - f.w0*f.w0 + sign*rho*rho*rho*rho*f.u1*f.u1) / (2 * w * rho * rho * f.u1)
		}
		r := func(i int) float64 { bi := b(i); return math.Log(math.Sqrt(bi*bi+1) - bi) }
		f.r0 = r(0)
		f.s = (r(1) - f.r0) / rho
	}
	// About a second per unit of the path's length, within limits.
	f.dur = time.Duration(math.Min(math.Max(f.s/1.2, minFlight.Seconds()), maxFlight.Seconds()) * float64(time.Second))
	if math.IsNaN(f.s) || f.s == 0 {
		f.dur = 0
	}
	return f
}

// Duration is how long the flight takes.
func (f Flight) Duration() time.Duration { return f.dur }

// At is the view a fraction t (0..1) of the way through the flight, eased
// at both ends. At(1) is exactly the target view.
func (f Flight) At(t float64) View {
	if t >= 1 || f.dur == 0 {
		return f.to
	}
	t = math.Max(t, 0)
	t = t * t * (3 - 2*t) // smoothstep: no jolt at start or end
	s := t * f.s
	var u, w float64
	if f.pureZoom {
		k := 1.0
		if f.w1 < f.w0 {
			k = -1
		}
		u, w = 0, f.w0*math.Exp(k*rho*s)
	} else {
		u = f.w0 / (rho * rho) * (math.Cosh(f.r0)*math.Tanh(rho*s+f.r0) - math.Sinh(f.r0))
		w = f.w0 * math.Cosh(f.r0) / math.Cosh(rho*s+f.r0)
	}
	v := f.from
	frac := 0.0
	if f.u1 > 0 {
		frac = u / f.u1
	}
	c := orb.Point{f.c0[0] + (f.c1[0]-f.c0[0])*frac, f.c0[1] + (f.c1[1]-f.c0[1])*frac}
	v.Center = f.proj.Unproject(c)
	if f.pureZoom {
		v.Center = f.to.Center
	}
	v.Zoom = math.Log2(f.screenCSSW / (w * geo.TileSize))
	return Clamp(v)
}
