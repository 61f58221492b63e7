package layout_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// Metres per CSS pixel agree with the great-circle distance between two
// screen points 100 CSS pixels apart about the centre, at any pixel ratio.
func TestMetresPerPixel(t *testing.T) {
	for _, tc := range []struct {
		v     view.View
		ratio float64
	}{
		{view.View{Center: orb.Point{0, 0}, Zoom: 1}, 1},
		{view.View{Center: orb.Point{69, 41}, Zoom: 4}, 2},
		{view.View{Center: orb.Point{60, 62}, Zoom: 7.5}, 1.5},
	} {
		cam := view.NewCamera(tc.v, geo.WebMercator, 800*tc.ratio, 600*tc.ratio, tc.ratio)
		a := cam.ScreenToLonLat(cam.W/2-50*tc.ratio, cam.H/2)
		b := cam.ScreenToLonLat(cam.W/2+50*tc.ratio, cam.H/2)
		want := geo.DistanceKm(a, b) * 1000 / 100
		if got := layout.MetresPerPixel(cam); math.Abs(got-want) > want*0.005 {
			t.Errorf("%+v at ratio %v: %.1f m/px, want %.1f", tc.v, tc.ratio, got, want)
		}
	}
}

func TestNewScale(t *testing.T) {
	for _, tc := range []struct {
		mpp                float64
		metric, imperial   string
		metricW, imperialW float64
	}{
		{1000, "100 km", "50 mi", 100, 80.47},
		{37, "3 km", "2 mi", 81.08, 86.99},
		{5, "500 m", "1000 ft", 100, 60.96},
		{78271.5, "5000 km", "3000 mi", 63.88, 61.68},
	} {
		s := layout.NewScale(tc.mpp, mapdata.English)
		if s.Metric.Label != tc.metric || s.Imperial.Label != tc.imperial ||
			math.Abs(s.Metric.Width-tc.metricW) > 0.01 || math.Abs(s.Imperial.Width-tc.imperialW) > 0.01 {
			t.Errorf("%v m/px: %+v, want %s %.2f px and %s %.2f px", tc.mpp, s, tc.metric, tc.metricW, tc.imperial, tc.imperialW)
		}
		for _, l := range []layout.ScaleLine{s.Metric, s.Imperial} {
			if l.Width > layout.MaxScaleWidth || l.Width < layout.MaxScaleWidth/5 {
				t.Errorf("%v m/px: %q is %.1f px long, want %d/5..%d", tc.mpp, l.Label, l.Width, layout.MaxScaleWidth, layout.MaxScaleWidth)
			}
			if math.Abs(l.Metres-l.Width*tc.mpp) > 1e-6*l.Metres {
				t.Errorf("%v m/px: %q: %.1f m over %.1f px", tc.mpp, l.Label, l.Metres, l.Width)
			}
		}
	}
}

// Laid out, the bar sits in its corner, the lines as long as the scale
// says at the pixel ratio, each label inside the panel.
func TestScale_Lay(t *testing.T) {
	m, err := layout.NewFontMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	s := layout.NewScale(1000, mapdata.English)
	d := s.Lay(m, &style.Light, 500, 300, 2)
	if d.Box.Max != (orb.Point{500, 300}) || d.Box.Min[0] >= d.Box.Max[0]-2*s.Metric.Width {
		t.Errorf("box %v, want its bottom right at 500,300 and wider than %v", d.Box, 2*s.Metric.Width)
	}
	if got := d.Lines[1][1][0] - d.Lines[1][0][0]; got != 2*max(s.Metric.Width, s.Imperial.Width) {
		t.Errorf("baseline %v device px long, want %v", got, 2*max(s.Metric.Width, s.Imperial.Width))
	}
	if got := d.Lines[2][0][0] - d.Lines[0][0][0]; got != 2*s.Metric.Width {
		t.Errorf("metric line %v device px long, want %v", got, 2*s.Metric.Width)
	}
	if got := d.Lines[3][0][0] - d.Lines[0][0][0]; got != 2*s.Imperial.Width {
		t.Errorf("imperial line %v device px long, want %v", got, 2*s.Imperial.Width)
	}
	for _, l := range d.Labels {
		if !d.Box.Contains(orb.Point{l.X, l.Y}) || !d.Box.Contains(orb.Point{l.X + l.W, l.Y + l.H}) {
			t.Errorf("label %q at %v,%v %vx%v outside the panel %v", l.Text, l.X, l.Y, l.W, l.H, d.Box)
		}
	}
}
