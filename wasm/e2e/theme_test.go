package e2e

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// themeShown is what the page shows of its theme: <html data-theme>, the
// page's background and a panel's colours, the chooser's value, and the
// map's sea (a pixel of the Caspian).
type themeShown struct {
	Theme, Background, Panel, Text, Chooser string
	Sea                                     color.RGBA
}

func shownTheme(t *testing.T, ctx context.Context) themeShown {
	t.Helper()
	var s themeShown
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement.dataset.theme, getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.querySelector(".controls")).backgroundColor, getComputedStyle(document.querySelector(".controls")).color, (document.querySelector("select.theme") || {}).value]`))
	if err != nil || len(got) != 5 {
		t.Fatalf("theme: %v, %v", got, err)
	}
	s.Theme, s.Background, s.Panel, s.Text, s.Chooser = got[0], got[1], got[2], got[3], got[4]
	still(t, ctx)
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`(({zoom, lat, lon}) => ({zoom, lat, lon}))(silkmap.getView())`))
	cam := view.NewCamera(view.View{Center: orb.Point{v["lon"], v["lat"]}, Zoom: v["zoom"]}, geo.WebMercator, 1280, 720, 1)
	x, y := cam.LonLatToScreen(orb.Point{50.5, 42.5}) // the middle Caspian
	s.Sea = color.RGBAModel.Convert(img.At(int(x), int(y))).(color.RGBA)
	return s
}

func rgb(c color.RGBA) string {
	return "rgb(" + itoa(c.R) + ", " + itoa(c.G) + ", " + itoa(c.B) + ")"
}

func itoa(v uint8) string { return strconv.Itoa(int(v)) }

// The page follows the system's dark preference, ?theme=dark, and the
// chooser, which is remembered and travels in the embed snippet; the map's
// canvas and the page's panels change together.
func TestTheme_darkAndChooser(t *testing.T) {
	ctx, consoleErrors := browser(t)
	const frag = "#map=4/42/52"
	// ?theme=dark, with the system light.
	ready(t, ctx, mapURL+"?theme=dark"+frag)
	s := shownTheme(t, ctx)
	if s.Theme != "dark" || s.Background != rgb(style.Dark.Sea) || s.Text != "rgb(242, 242, 242)" || !nearColor(s.Sea, style.Dark.Sea, 2) {
		t.Errorf("?theme=dark: %+v; want the dark theme, sea %v", s, style.Dark.Sea)
	}
	poster, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".poster").currentSrc`))
	if !strings.Contains(poster, "theme=dark") {
		t.Errorf("?theme=dark: the poster was %s", poster)
	}
	screenshot(t, ctx, "theme-dark.png")

	// The system prefers dark: the page follows it, the chooser says auto.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	ready(t, ctx, mapURL+frag)
	s = shownTheme(t, ctx)
	if s.Theme != "dark" || s.Chooser != "auto" || s.Background != rgb(style.Dark.Sea) || !nearColor(s.Sea, style.Dark.Sea, 2) {
		t.Errorf("prefers-color-scheme: dark: %+v; want the dark theme, chooser auto", s)
	}
	poster, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".poster").currentSrc`))
	if !strings.Contains(poster, "theme=dark") && !strings.Contains(poster, "-dark.") {
		t.Errorf("prefers-color-scheme: dark: the poster was %s", poster)
	}
	// The reader chooses light: at once, remembered, and the snippet says so.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("select.theme"); s.value = "light"; s.dispatchEvent(new Event("change")); })()`)); err != nil {
		t.Fatal(err)
	}
	s = shownTheme(t, ctx)
	if s.Theme != "light" || s.Background != rgb(style.Light.Sea) || !nearColor(s.Sea, style.Light.Sea, 2) {
		t.Errorf("chosen light under a dark system: %+v", s)
	}
	snippet, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".embed-code").click(), document.querySelector("#embed-snippet").value`))
	if !strings.Contains(snippet, "?theme=light&amp;embed=1#map=4/42/52") {
		t.Errorf("the embed snippet with light chosen: %s", snippet)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	ready(t, ctx, mapURL+frag)
	if s = shownTheme(t, ctx); s.Theme != "light" || s.Chooser != "light" {
		t.Errorf("the next visit: %+v; want the remembered light", s)
	}
	// Back to auto: the system's dark again, and the snippet carries no theme.
	chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("select.theme"); s.value = "auto"; s.dispatchEvent(new Event("change")); })()`))
	if s = shownTheme(t, ctx); s.Theme != "dark" {
		t.Errorf("auto under a dark system: %+v", s)
	}
	snippet, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".embed-code").click(), document.querySelector("#embed-snippet").value`))
	if strings.Contains(snippet, "theme=") {
		t.Errorf("the embed snippet with auto: %s", snippet)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// nearColor reports whether a and b differ by at most tol in each channel.
func nearColor(a, b color.RGBA, tol int) bool {
	d := func(p, q uint8) bool { return int(p)-int(q) <= tol && int(q)-int(p) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}
