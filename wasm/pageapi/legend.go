package pageapi

import (
	"fmt"
	"image/color"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
)

// LegendEntry is a line of getLegend: CSS colours, so that the page can
// draw the swatch.
type LegendEntry struct {
	Label   string  `json:"label"`
	Kind    string  `json:"kind"` // tint, hatch45, hatch135, dots, horizontal, vertical, line, symbol, note (text alone)
	Color   string  `json:"color"`
	Dash    float64 `json:"dash,omitempty"` // a line's dash and gap in CSS px; 0 for solid
	Symbol  string  `json:"symbol,omitempty"`
	Spacing float64 `json:"spacing,omitempty"`
}

var patternKinds = map[style.PatternKind]string{style.Tint: "tint", style.Hatch45: "hatch45", style.Hatch135: "hatch135", style.Dots: "dots", style.Horizontal: "horizontal", style.Vertical: "vertical"}

func legend(entries []layout.LegendEntry) []LegendEntry {
	out := []LegendEntry{}
	for _, e := range entries {
		le := LegendEntry{Label: e.Label}
		switch {
		case e.Note:
			le.Kind = "note"
		case e.Pattern != nil:
			le.Kind, le.Color, le.Spacing = patternKinds[e.Pattern.Kind], css(e.Pattern.Color), e.Pattern.Spacing
		case e.Line != nil:
			le.Kind, le.Color, le.Dash = "line", css(e.Line.Color), e.Line.Dash
		default:
			le.Kind, le.Color, le.Symbol = "symbol", css(e.Color), e.Symbol
		}
		out = append(out, le)
	}
	return out
}

// css writes a premultiplied colour as CSS rgba().
func css(c color.RGBA) string {
	if c.A == 0 {
		return "transparent"
	}
	un := func(v uint8) int { return int(v) * 255 / int(c.A) }
	return fmt.Sprintf("rgba(%d,%d,%d,%.3f)", un(c.R), un(c.G), un(c.B), float64(c.A)/255)
}
