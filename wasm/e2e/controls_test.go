package e2e

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
)

// The zoom buttons zoom by one step about the centre, by pointer and by
// keyboard; the fullscreen button toggles fullscreen; the buttons are at
// least 24 px, and 44 px on a touch screen.
func TestControls_zoomAndFullscreen(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"#map=4/42/60")
	zoomIs := func(want float64) {
		t.Helper()
		eventually(t, func() (bool, string) {
			v, _ := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`(({zoom, lat, lon}) => ({zoom, lat, lon}))(silkmap.getView())`))
			return v["zoom"] == want && v["lat"] == 42 && v["lon"] == 60, "view " + strconv.FormatFloat(v["zoom"], 'f', -1, 64) + "/" + strconv.FormatFloat(v["lat"], 'f', -1, 64) + "/" + strconv.FormatFloat(v["lon"], 'f', -1, 64) + ", want zoom " + strconv.FormatFloat(want, 'f', -1, 64) + " at 42/60"
		})
	}
	for _, sel := range []string{`button[aria-label="Zoom in"]`, `button[aria-label="Zoom out"]`, `button[aria-label="Fullscreen"]`} {
		b := boxOf(t, ctx, sel)
		if w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]; w < 24 || h < 24 {
			t.Errorf("%s is %.0fx%.0f px, want at least 24x24", sel, w, h)
		}
	}
	in := boxOf(t, ctx, `button[aria-label="Zoom in"]`).Center()
	if err := click(ctx, in[0], in[1]); err != nil {
		t.Fatal(err)
	}
	zoomIs(5)
	// By keyboard: the button takes the focus and Enter presses it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('button[aria-label="Zoom out"]').focus()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	zoomIs(4)

	full := boxOf(t, ctx, `button[aria-label="Fullscreen"]`).Center()
	isFull := func(want bool) {
		t.Helper()
		eventually(t, func() (bool, string) {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[String(!!document.fullscreenElement), document.querySelector(".fullscreen").getAttribute("aria-pressed")]`))
			w := strconv.FormatBool(want)
			return len(got) == 2 && got[0] == w && got[1] == w, "fullscreen, aria-pressed: " + strings.Join(got, ", ") + "; want " + w
		})
	}
	if err := click(ctx, full[0], full[1]); err != nil {
		t.Fatal(err)
	}
	isFull(true)
	screenshot(t, ctx, "fullscreen.png")
	full = boxOf(t, ctx, `button[aria-label="Fullscreen"]`).Center()
	if err := click(ctx, full[0], full[1]); err != nil {
		t.Fatal(err)
	}
	isFull(false)

	// On a touch screen: 44 px.
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
		t.Fatal(err)
	}
	if coarse, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(pointer: coarse)").matches`)); !coarse {
		t.Fatal("touch emulation does not make the pointer coarse")
	}
	for _, sel := range []string{`button[aria-label="Zoom in"]`, `button[aria-label="Zoom out"]`, `button[aria-label="Fullscreen"]`} {
		b := boxOf(t, ctx, sel)
		if w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]; w < 44 || h < 44 {
			t.Errorf("on a touch screen %s is %.0fx%.0f px, want at least 44x44", sel, w, h)
		}
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// In an embed smaller than 400x300 the buttons fold into one, which opens
// them.
func TestControls_foldInSmallEmbed(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 280)); err != nil {
		t.Fatal(err)
	}
	ready(t, ctx, mapURL+"?embed=1#map=3/42/60")
	shown := func() string {
		s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[".map-more", ".zoom-in", ".zoom-out", ".fullscreen"].map((s) => document.querySelector(s).getClientRects().length > 0 ? "1" : "0").join("")`))
		return s
	}
	if got := shown(); got != "1000" {
		t.Errorf("a 360x280 embed shows (fold, in, out, full) %s, want 1000", got)
	}
	more := boxOf(t, ctx, ".map-more").Center()
	if err := click(ctx, more[0], more[1]); err != nil {
		t.Fatal(err)
	}
	if got := shown(); got != "1111" {
		t.Errorf("opened, the fold shows %s, want 1111", got)
	}
	screenshot(t, ctx, "embed-small-controls.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 500)); err != nil {
		t.Fatal(err)
	}
	if got := shown(); got != "0111" {
		t.Errorf("an 800x500 embed shows %s, want 0111", got)
	}
}

var scaleLabel = regexp.MustCompile(`^(\d+) (km|m|mi|ft)$`)

// The scale bar's text is in the page, and each line is as long as its
// distance at the centre of the map, within 2%, as measured between the
// places under its two ends.
func TestControls_scaleBar(t *testing.T) {
	ctx, _ := browser(t)
	for _, frag := range []string{"#map=3.2/42/60", "#map=6.5/55/40", "#map=9/10/10"} {
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // a new page, not a new fragment
			t.Fatal(err)
		}
		ready(t, ctx, mapURL+frag)
		type line struct {
			Text  string
			Width float64
		}
		lines, err := chromedp.Run(ctx, chromedp.Evaluate[[]line](`[...document.querySelectorAll(".scale-line")].map((e) => ({text: e.textContent, width: e.getBoundingClientRect().width}))`))
		if err != nil || len(lines) != 2 {
			t.Fatalf("%s: scale lines %v, %v", frag, lines, err)
		}
		for _, l := range lines {
			m := scaleLabel.FindStringSubmatch(l.Text)
			if m == nil {
				t.Errorf("%s: scale line says %q", frag, l.Text)
				continue
			}
			n, _ := strconv.ParseFloat(m[1], 64)
			metres := n * map[string]float64{"km": 1000, "m": 1, "mi": 1609.344, "ft": 0.3048}[m[2]]
			ends, err := chromedp.Run(ctx, chromedp.Evaluate[[]map[string]float64](`((w) => [silkmapShell.pointAt(innerWidth / 2 - w / 2, innerHeight / 2), silkmapShell.pointAt(innerWidth / 2 + w / 2, innerHeight / 2)].map(({lon, lat}) => ({lon, lat})))(`+strconv.FormatFloat(l.Width, 'f', -1, 64)+`)`))
			if err != nil || len(ends) != 2 {
				t.Fatalf("pointAt: %v, %v", ends, err)
			}
			got := geo.DistanceKm(orb.Point{ends[0]["lon"], ends[0]["lat"]}, orb.Point{ends[1]["lon"], ends[1]["lat"]}) * 1000
			if math.Abs(got-metres) > 0.02*metres {
				t.Errorf("%s: the line %q is %.1f px long, %.0f m on the map at the centre; want %.0f m within 2%%", frag, l.Text, l.Width, got, metres)
			}
		}
	}
	screenshot(t, ctx, "scale.png")
}

// ? opens the help, a dialog listing the keys, with the focus on its
// Close button; Escape closes it and gives the focus back.
func TestControls_help(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("canvas").focus()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("?")); err != nil {
		t.Fatal(err)
	}
	type dialog struct {
		Shown  bool
		Role   string
		Name   string
		Focus  string
		Keys   []string
		Modal  string
		Inside bool
	}
	d, err := chromedp.Run(ctx, chromedp.Evaluate[dialog](`(() => {
  const d = document.querySelector(".help-dialog");
  return {shown: !d.hidden && d.getClientRects().length > 0, role: d.getAttribute("role"), modal: d.getAttribute("aria-modal"),
    name: document.getElementById(d.getAttribute("aria-labelledby")).textContent, focus: document.activeElement.textContent,
    keys: [...d.querySelectorAll("th")].map((e) => e.textContent), inside: d.contains(document.activeElement)};
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !d.Shown || d.Role != "dialog" || d.Modal != "true" || d.Name != "Keyboard shortcuts" || !d.Inside || d.Focus != "Close" {
		t.Errorf("after ?: %+v; want a modal dialog named Keyboard shortcuts, focus on Close", d)
	}
	for _, k := range []string{"/", "?", "Esc", "Enter", "Tab"} {
		if !strings.Contains(strings.Join(d.Keys, "\n")+"\n", k+"\n") {
			t.Errorf("the help lists %q, without %q", d.Keys, k)
		}
	}
	screenshot(t, ctx, "help.png")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	back, _ := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[document.querySelector(".help-dialog").hidden, document.activeElement.tagName, silkmap.getSelection()]`))
	if len(back) != 3 || back[0] != true || back[1] != "CANVAS" {
		t.Errorf("after Escape: hidden, focus = %v; want true, CANVAS", back)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
