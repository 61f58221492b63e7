package layout

import (
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/silkmap/silkmap/assets/fonts"
)

// FontSet is a regular and a bold TrueType font.
type FontSet struct{ Regular, Bold []byte }

// Fonts are the typefaces renderers draw labels with unless told others:
// the Go fonts (BSD-licensed, from golang.org/x/image, in assets/fonts).
// A program drawing the map in one language other than English sets them
// to that language's (assets/fonts.For) before it makes any renderer.
var Fonts = FontSet{fonts.GoRegular, fonts.GoBold}

// FontMeasurer measures text with the label fonts' own advances and
// kerning, in pure Go.
type FontMeasurer struct {
	regular, bold *sfnt.Font
	buf           sfnt.Buffer
}

// NewFontMeasurer parses the label fonts.
func NewFontMeasurer() (*FontMeasurer, error) { return NewFontMeasurerFor(Fonts) }

// NewFontMeasurerFor parses fs.
func NewFontMeasurerFor(fs FontSet) (*FontMeasurer, error) {
	r, err := sfnt.Parse(fs.Regular)
	if err != nil {
		return nil, err
	}
	b, err := sfnt.Parse(fs.Bold)
	if err != nil {
		return nil, err
	}
	return &FontMeasurer{regular: r, bold: b}, nil
}

// LineHeight is a label box's height for a font size.
func LineHeight(size float64) float64 { return size * 1.25 }

// Measure returns the advance width of text and its line height. It is not
// safe for concurrent use.
func (fm *FontMeasurer) Measure(text string, size float64, bold bool) (float64, float64) {
	f := fm.regular
	if bold {
		f = fm.bold
	}
	ppem := fixed.Int26_6(size * 64)
	var w fixed.Int26_6
	prev, hasPrev := sfnt.GlyphIndex(0), false
	for _, r := range text {
		g, err := f.GlyphIndex(&fm.buf, r)
		if err != nil {
			continue
		}
		if hasPrev {
			if k, err := f.Kern(&fm.buf, prev, g, ppem, font.HintingNone); err == nil {
				w += k
			}
		}
		if adv, err := f.GlyphAdvance(&fm.buf, g, ppem, font.HintingNone); err == nil {
			w += adv
		}
		prev, hasPrev = g, true
	}
	return float64(w) / 64, LineHeight(size)
}

// Wrap breaks text into lines no wider than width at a font size, between
// words (a word longer than the width gets a line of its own).
func Wrap(m Measurer, text string, size float64, bold bool, width float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if w, _ := m.Measure(try, size, bold); w <= width || line == "" {
			line = try
			continue
		}
		lines = append(lines, line)
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
