package style

import (
	"image/color"
	"math"
	"testing"
)

// The bodies' member patterns stay distinguishable with any three switched
// on together: in a greyscale image and under a deuteranopia simulation
// (Machado, Oliveira and Fernandes 2009, severity 1), taking any one of the
// three away changes a share of the pixels of their overlap, and any two
// bodies' swatches differ.
func TestBodies_readable(t *testing.T) {
	bodies := []string{"ots", "csto", "cac", "sco", "caco", "c5plus1", "eaeu"}
	const n = 56 // a swatch of n×n pixels
	render := func(ids ...string) []color.RGBA {
		var pats []Pattern
		for _, id := range ids {
			pats = append(pats, Light.Body(id).Member)
		}
		out := make([]color.RGBA, 0, n*n)
		for y := range n {
			for x := range n {
				out = append(out, Composite(Light.Land, pats, float64(x)+0.5, float64(y)+0.5))
			}
		}
		return out
	}
	grey := func(c color.RGBA) float64 { return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B) }
	deutan := func(c color.RGBA) [3]float64 {
		r, g, b := float64(c.R), float64(c.G), float64(c.B)
		return [3]float64{0.367322*r + 0.860646*g - 0.227968*b, 0.280085*r + 0.672501*g + 0.047413*b, -0.011820*r + 0.042940*g + 0.968881*b}
	}
	// differ is the share of pixels where a and b differ by at least 12/255
	// in grey, and in the simulation's worst channel.
	differ := func(a, b []color.RGBA) (g, d float64) {
		for i := range a {
			if math.Abs(grey(a[i])-grey(b[i])) >= 12 {
				g++
			}
			da, db := deutan(a[i]), deutan(b[i])
			if max(math.Abs(da[0]-db[0]), math.Abs(da[1]-db[1]), math.Abs(da[2]-db[2])) >= 12 {
				d++
			}
		}
		return g / float64(len(a)), d / float64(len(a))
	}
	const minShare = 0.08
	for i := range bodies {
		for j := i + 1; j < len(bodies); j++ {
			if g, d := differ(render(bodies[i]), render(bodies[j])); g < minShare || d < minShare {
				t.Errorf("%s and %s: swatches differ on %.0f%% of pixels in grey, %.0f%% for deuteranopia; want %.0f%%", bodies[i], bodies[j], 100*g, 100*d, 100*minShare)
			}
			for k := j + 1; k < len(bodies); k++ {
				three := []string{bodies[i], bodies[j], bodies[k]}
				all := render(three...)
				for drop := range three {
					var rest []string
					for x, id := range three {
						if x != drop {
							rest = append(rest, id)
						}
					}
					if g, d := differ(all, render(rest...)); g < minShare || d < minShare {
						t.Errorf("%v: %s shows on %.0f%% of pixels in grey, %.0f%% for deuteranopia; want %.0f%%", three, three[drop], 100*g, 100*d, 100*minShare)
					}
				}
			}
		}
	}
}
