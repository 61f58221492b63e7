package layout

import (
	"image/color"
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// MaxScaleWidth is the longest a scale bar's line may be, in CSS pixels.
const MaxScaleWidth = 100

// Scale is a view's scale bar: a metric and an imperial line, each the
// longest round distance (1, 2, 3 or 5 times a power of ten) that fits in
// MaxScaleWidth CSS pixels at the centre of the screen. The page shows it
// as DOM (getScale), the desktop and snapshots draw it (Scale.Lay).
type Scale struct {
	Metric   ScaleLine `json:"metric"`
	Imperial ScaleLine `json:"imperial"`
}

// ScaleLine is one line of a scale bar.
type ScaleLine struct {
	Label  string  `json:"label"`  // "500 km", "300 mi", in the map's language
	Width  float64 `json:"width"`  // CSS pixels
	Metres float64 `json:"metres"` // the distance the line stands for
}

// MetresPerPixel is the ground distance one CSS pixel spans at the centre
// of cam's screen, along the parallel (Web Mercator: the equator's length
// times the cosine of the latitude, over the world's width in pixels).
func MetresPerPixel(cam view.Camera) float64 {
	lat := cam.Proj.Unproject(cam.Center)[1]
	return 2 * math.Pi * orb.EarthRadius * math.Cos(lat*math.Pi/180) / (cam.Scale / cam.Ratio)
}

// NewScale is the scale bar for a map whose CSS pixel spans mpp metres at
// the centre, labelled in w's language.
func NewScale(mpp float64, w mapdata.Words) Scale {
	const foot, mile = 0.3048, 1609.344
	most := mpp * MaxScaleWidth
	var s Scale
	if d := roundDown(most); d >= 1000 {
		s.Metric = ScaleLine{w.F("{0} km", strconv.Itoa(int(d/1000))), d / mpp, d}
	} else {
		s.Metric = ScaleLine{w.F("{0} m", strconv.Itoa(int(d))), d / mpp, d}
	}
	if most >= mile {
		n := roundDown(most / mile)
		s.Imperial = ScaleLine{w.N("{0} mi|{0} mi", int(n)), n * mile / mpp, n * mile}
	} else {
		n := roundDown(most / foot)
		s.Imperial = ScaleLine{w.N("{0} ft|{0} ft", int(n)), n * foot / mpp, n * foot}
	}
	return s
}

// roundDown is the largest of 1, 2, 3 and 5 times a power of ten that is
// at most x (x ≥ 1).
func roundDown(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{5, 3, 2} {
		if x >= f*p {
			return f * p
		}
	}
	return p
}

// ScaleDrawing is a scale bar laid out for a painter, in device pixels: the
// box of its panel (which the painter fills with its panel colour), the
// lines (each a polyline of LineWidth in Color) and the labels.
type ScaleDrawing struct {
	Box       orb.Bound
	Lines     [][]orb.Point
	LineWidth float64
	Color     color.RGBA
	Labels    []Label
}

// Lay lays the scale bar out with its bottom-right corner at (right,
// bottom), device pixels at ratio, in theme th: one baseline, the metric
// line's ends ticked up with its label above, the imperial line's ticked
// down with its label below.
func (s Scale) Lay(m Measurer, th *style.Theme, right, bottom, ratio float64) ScaleDrawing {
	size := th.SmallLabel * ratio
	lh := LineHeight(size)
	pad := 4 * ratio
	wm, wi := s.Metric.Width*ratio, s.Imperial.Width*ratio
	tm, _ := m.Measure(s.Metric.Label, size, false)
	ti, _ := m.Measure(s.Imperial.Label, size, false)
	inner := max(wm, wi, tm+3*ratio, ti+3*ratio)
	gap := ratio // between a label and the baseline
	box := orb.Bound{Min: orb.Point{right - inner - 2*pad, bottom - 2*lh - 2*gap - 2*pad}, Max: orb.Point{right, bottom}}
	x0, base := box.Min[0]+pad, box.Min[1]+pad+lh+gap
	tick := lh * 0.8
	return ScaleDrawing{
		Box: box, Color: th.Text, LineWidth: 1.5 * ratio,
		Lines: [][]orb.Point{
			{{x0, base - tick}, {x0, base + tick}},
			{{x0, base}, {x0 + max(wm, wi), base}},
			{{x0 + wm, base - tick}, {x0 + wm, base}},
			{{x0 + wi, base}, {x0 + wi, base + tick}},
		},
		Labels: []Label{
			{Text: s.Metric.Label, X: x0 + 3*ratio, Y: base - lh - gap, W: tm, H: lh, Size: size, Color: th.Text},
			{Text: s.Imperial.Label, X: x0 + 3*ratio, Y: base + gap, W: ti, H: lh, Size: size, Color: th.Text},
		},
	}
}
