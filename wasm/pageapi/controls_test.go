package pageapi

import (
	"strings"
	"testing"

	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// zoomBy flies a step in or out about the centre, within the zoom limits.
func TestZoomBy(t *testing.T) {
	a, app, _ := newAPI(t)
	for _, tc := range []struct {
		from, by, want float64
	}{{4, 1, 5}, {4, -1, 3}, {view.MaxZoom - 0.5, 1, view.MaxZoom}, {view.MinZoom, -1, view.MinZoom}} {
		app.v = view.View{Center: view.Default.Center, Zoom: tc.from, Sel: "KAZ"}
		call(t, a, "zoomBy", tc.by)
		v, ok := app.lastFlight()
		if !ok || v.Zoom != tc.want || v.Center != view.Default.Center || v.Sel != "KAZ" {
			t.Errorf("zoomBy(%v) from %v flies to %+v, want zoom %v about the same centre", tc.by, tc.from, v, tc.want)
		}
	}
	n := len(app.flights)
	call(t, a, "zoomBy", "one")
	if len(app.flights) != n {
		t.Error("zoomBy with no number moved the map")
	}
}

// getScale is the scale bar of the view; getKeys the page's shortcuts.
func TestScaleAndKeys(t *testing.T) {
	a, app, _ := newAPI(t)
	app.v = view.View{Center: view.Default.Center, Zoom: 5}
	if got := call(t, a, "getScale"); !strings.Contains(got, `"metric":{"label":"100 km"`) || !strings.Contains(got, `"imperial":{"label":"100 mi"`) {
		t.Errorf("getScale() = %s", got)
	}
	if got := call(t, a, "getKeys"); !strings.Contains(got, `{"keys":"?","does":"This help (Esc closes it)"}`) || strings.Contains(got, `"F1"`) {
		t.Errorf("getKeys() = %s; want the page's keys, ? among them and not F1", got)
	}
	if got := call(t, a, "zoomLimits"); got != "[1,11]" {
		t.Errorf("zoomLimits() = %s", got)
	}
}

// setTheme draws the map in a theme by name; an unknown name changes
// nothing.
func TestSetTheme(t *testing.T) {
	a, app, _ := newAPI(t)
	if got := call(t, a, "setTheme", "dark"); got != "true" || app.theme != &style.Dark {
		t.Errorf("setTheme(dark) = %s, theme %v", got, app.theme)
	}
	if got := call(t, a, "setTheme", "neon"); got != "false" || app.theme != &style.Dark {
		t.Errorf("setTheme(neon) = %s, theme %v", got, app.theme.Name)
	}
}

// capture brings the screen as a JPEG data: URL, by the "capture" event.
func TestCapture(t *testing.T) {
	a, _, _ := newAPI(t)
	var got []string
	a.Listen(func(event string, value any) {
		if event == "capture" {
			got = append(got, value.(string))
		}
	})
	call(t, a, "capture")
	if len(got) != 1 || !strings.HasPrefix(got[0], "data:image/jpeg;base64,/9j/") {
		t.Errorf("capture events: %.40q", got)
	}
}
