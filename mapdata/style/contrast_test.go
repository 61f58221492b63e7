package style

import (
	"image/color"
	"math"
	"testing"
)

// luminance is a colour's relative luminance (WCAG 2.x) from its 8-bit
// sRGB channels.
func luminance(c color.RGBA) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// overColor is premultiplied src over opaque dst.
func overColor(src, dst color.RGBA) color.RGBA {
	k := 1 - float64(src.A)/255
	f := func(s, d uint8) uint8 { return uint8(math.Round(float64(s) + float64(d)*k)) }
	return color.RGBA{f(src.R, dst.R), f(src.G, dst.G), f(src.B, dst.B), 255}
}

// Every theme's text reaches 4.5:1 (WCAG AA for normal text) where the
// canvas draws it: labels on their halo over land, sea, the hovered and
// selected land and a disputed area; the panels' text, muted text and
// links on the desktop's panels, and on the snapshots' panels (the panel
// colour at 90% over land or sea).
func TestThemes_textContrast(t *testing.T) {
	const least = 4.5
	for _, th := range Themes {
		grounds := map[string]color.RGBA{"land": th.Land, "sea": th.Sea, "hovered land": th.LandHover, "selected land": th.LandSelected, "a disputed area": th.Disputed}
		for gname, g := range grounds {
			bg := overColor(th.Halo, g)
			for name, c := range map[string]color.RGBA{"text": th.Text, "muted text": th.Muted} {
				if r := contrast(c, bg); r < least {
					t.Errorf("%s: a label's %s %v on its halo over %s (%v) is %.2f:1, want %.1f:1", th.Name, name, c, gname, bg, r, least)
				}
			}
		}
		snapshot := func(over color.RGBA) color.RGBA {
			p := th.Panel
			s := func(v uint8) uint8 { return uint8(int(v) * 230 / 255) }
			return overColor(color.RGBA{s(p.R), s(p.G), s(p.B), s(p.A)}, over)
		}
		panels := map[string]color.RGBA{"panel": th.Panel, "snapshot panel over land": snapshot(th.Land), "snapshot panel over sea": snapshot(th.Sea)}
		for pname, p := range panels {
			for name, c := range map[string]color.RGBA{"text": th.Text, "muted text": th.Muted, "link": th.Link} {
				if r := contrast(c, p); r < least {
					t.Errorf("%s: %s %v on the %s (%v) is %.2f:1, want %.1f:1", th.Name, name, c, pname, p, r, least)
				}
			}
		}
	}
}

// The formula, on WCAG's own examples.
func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		a, b color.RGBA
		want float64
	}{
		{color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}, 21},
		{color.RGBA{0x76, 0x76, 0x76, 255}, color.RGBA{255, 255, 255, 255}, 4.54},
		{color.RGBA{0x55, 0x55, 0x55, 255}, color.RGBA{255, 255, 255, 255}, 7.46},
	} {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}
