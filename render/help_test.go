package render

import (
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/style"
)

// The desktop's scale bar sits above the credit, drawn on its panel with
// the labels of the map clear of it, and says what layout.NewScale says
// of the view.
func TestApp_desktopScaleBar(t *testing.T) {
	app, err := NewApp(prepared(t), eurasia)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDesktop(app)
	d.EnablePanels(func(string) {})
	app.LayoutF(w, h)
	img := ebiten.NewImage(w, h)
	settle(t, app, img)
	attr, _, _ := d.attribution()
	sc, ok := d.scaleBar()
	if !ok || sc.Box.Max[1] > attr.Min[1] || sc.Box.Max[0] > w || sc.Box.Min[0] < w/2 {
		t.Fatalf("scale bar at %v (%v), want it above the credit %v, on the right", sc.Box, ok, attr)
	}
	want := layout.NewScale(layout.MetresPerPixel(app.Camera()), app.prep.Map.Words())
	if sc.Labels[0].Text != want.Metric.Label || sc.Labels[1].Text != want.Imperial.Label {
		t.Errorf("labels %q, %q; want %q, %q", sc.Labels[0].Text, sc.Labels[1].Text, want.Metric.Label, want.Imperial.Label)
	}
	if c := img.At(int(sc.Box.Max[0])-2, int(sc.Box.Min[1])+1).(color.RGBA); c != style.Light.Panel {
		t.Errorf("scale bar background = %v, want %v", c, style.Light.Panel)
	}
	dark := 0
	for y := int(sc.Box.Min[1]); y < int(sc.Box.Max[1]); y++ {
		for x := int(sc.Box.Min[0]); x < int(sc.Box.Max[0]); x++ {
			if c := img.At(x, y).(color.RGBA); c.R < 80 && c.G < 80 && c.B < 80 {
				dark++
			}
		}
	}
	if dark < 150 {
		t.Errorf("only %d dark pixels (lines and text) in the scale bar", dark)
	}
	for _, l := range app.Frame().Labels {
		if (orb.Bound{Min: orb.Point{l.X, l.Y}, Max: orb.Point{l.X + l.W, l.Y + l.H}}).Intersects(sc.Box) {
			t.Errorf("label %q lies under the scale bar", l.Text)
		}
	}
}

// F1's help: shown over the map, in the theme; a click on its notices
// line opens them, a click off it closes the help, and meanwhile clicks
// never reach the map.
func TestApp_desktopHelp(t *testing.T) {
	app, err := NewApp(prepared(t), eurasia)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDesktop(app)
	d.EnablePanels(func(string) {})
	notices := 0
	d.EnableHelp(panel.OnDesktop, func() { notices++ })
	app.LayoutF(w, h)
	img := ebiten.NewImage(w, h)
	settle(t, app, img)
	d.ToggleHelp()
	settle(t, app, img)
	if !d.HelpShown() || d.help.box.Right()-d.help.box.Left() < 300 || d.help.box.Top()-d.help.box.Bottom() < 250 {
		t.Fatalf("help shown %v at %v; want a large box", d.HelpShown(), d.help.box)
	}
	if c := img.At(int(d.help.box.Min[0])+4, int(d.help.box.Max[1])-4).(color.RGBA); c != style.Light.Panel {
		t.Errorf("help background = %v, want %v", c, style.Light.Panel)
	}
	// Kazakhstan lies under the help: a click there is the help's.
	c := d.help.box.Center()
	app.ClickAt(c[0], c[1], false)
	if app.View().Sel != "" || !d.HelpShown() {
		t.Errorf("a click on the help selected %q (help shown %v)", app.View().Sel, d.HelpShown())
	}
	l := d.help.link.Center()
	app.ClickAt(l[0], l[1], false)
	if notices != 1 {
		t.Errorf("a click on the notices line opened them %d times, want 1", notices)
	}
	app.ClickAt(2, 2, false)
	settle(t, app, img)
	if d.HelpShown() || app.View().Sel != "" {
		t.Errorf("after a click off the help: shown %v, selection %q; want it closed, nothing selected", d.HelpShown(), app.View().Sel)
	}
	if c := img.At(int(d.help.box.Min[0])+4, int(d.help.box.Max[1])-4).(color.RGBA); c == style.Light.Panel {
		t.Error("the help is still drawn after it closed")
	}
}
