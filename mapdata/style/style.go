// Package style is the one place the map's look is defined: colours, line
// widths, fill patterns and type sizes, read by every renderer (Ebitengine
// in the browser and on the desktop, the CPU rasteriser for snapshots).
//
// Widths and sizes are in CSS pixels; renderers multiply by the device
// pixel ratio. The palette is Okabe–Ito, chosen to stay distinct under the
// common forms of colour blindness, and every body is also told apart by
// its pattern (tint, hatch direction), so colour is never the only cue.
package style

import (
	"image/color"
	"math"
)

// PatternKind is how a body's membership is painted over a country.
type PatternKind uint8

const (
	Tint       PatternKind = iota // a translucent fill
	Hatch45                       // lines rising to the right: ////
	Hatch135                      // lines falling to the right: \\\\
	Dots                          // a grid of dots
	Horizontal                    // horizontal lines: ====
	Vertical                      // vertical lines: ||||
)

// Pattern paints one membership over a country's fill.
type Pattern struct {
	Kind    PatternKind
	Color   color.RGBA
	Spacing float64 // CSS px between lines or dots
	Width   float64 // CSS px line width or dot diameter
}

// BodyStyle is how a body's members are drawn, by role.
type BodyStyle struct {
	Member, Observer, Frozen Pattern // Frozen serves "frozen" and "suspended"
	Partner                  Pattern // dialogue partners and a format's outside party; the observer's when unset
}

// For returns the pattern for a role.
func (b BodyStyle) For(role string) Pattern {
	switch role {
	case "observer":
		return b.Observer
	case "partner":
		if b.Partner.Width == 0 {
			return b.Observer
		}
		return b.Partner
	case "frozen", "suspended":
		return b.Frozen
	}
	return b.Member
}

// LineStyle is a stroked line.
type LineStyle struct {
	Color       color.RGBA
	Width       float64 // CSS px
	Dash        float64 // dash and gap length in CSS px; 0 for solid
	Casing      color.RGBA
	CasingWidth float64 // drawn under the line, 0 for none
}

// Theme is a complete look.
type Theme struct {
	Name                               string
	Sea, Land, LandHover, LandSelected color.RGBA
	Coast, Border                      LineStyle
	Selection, Hover, Article          LineStyle // outlines of the selected, hovered and read-about countries
	Bodies                             map[string]BodyStyle
	OtherBody                          BodyStyle // for bodies an editor adds
	Corridors                          map[string]LineStyle
	Ties                               map[string]LineStyle // by tie kind; every tie has a white casing
	OtherTie                           LineStyle
	// Disputed is the fill of a disputed area; the administering state's
	// memberships show over it at DisputedFade of their opacity, and its
	// edge is drawn DisputedEdge (dashed; dotted where the outline is
	// approximate).
	Disputed                            color.RGBA
	DisputedFade                        float64
	DisputedEdge                        LineStyle
	OtherCorridor                       LineStyle
	Planned                             float64 // dash length for parts not yet operating
	Sites                               map[string]color.RGBA
	OtherSite                           color.RGBA
	SiteSize                            float64 // CSS px symbol size
	Text, Halo, Muted                   color.RGBA
	Panel, PanelBorder, Link            color.RGBA // the desktop's panels and the presenter's caption
	CountryLabel, SiteLabel, SmallLabel float64    // CSS px type sizes
}

// hoverAlpha is the opacity of the hover tint.
const hoverAlpha = 0.25

// HoverTint is the translucent colour (premultiplied) laid over the
// country under the pointer: over plain land it gives LandHover, and the
// membership patterns show through it.
func (t *Theme) HoverTint() color.RGBA {
	ch := func(hover, land uint8) uint8 {
		v := float64(hover) - (1-hoverAlpha)*float64(land)
		return uint8(math.Round(math.Min(math.Max(v, 0), 255*hoverAlpha)))
	}
	return color.RGBA{ch(t.LandHover.R, t.Land.R), ch(t.LandHover.G, t.Land.G), ch(t.LandHover.B, t.Land.B), uint8(math.Round(255 * hoverAlpha))}
}

func rgba(r, g, b, a uint8) color.RGBA {
	// Premultiply, as image/color and Ebitengine expect.
	return color.RGBA{uint8(uint16(r) * uint16(a) / 255), uint8(uint16(g) * uint16(a) / 255), uint8(uint16(b) * uint16(a) / 255), a}
}

// Okabe–Ito colours.
var (
	white     = rgba(0xFF, 0xFF, 0xFF, 0xFF)
	skyBlue   = rgba(0x56, 0xB4, 0xE9, 0xFF)
	green     = rgba(0x00, 0x9E, 0x73, 0xFF)
	blue      = rgba(0x00, 0x72, 0xB2, 0xFF)
	vermilion = rgba(0xD5, 0x5E, 0x00, 0xFF)
	purple    = rgba(0xCC, 0x79, 0xA7, 0xFF)
	orange    = rgba(0xE6, 0x9F, 0x00, 0xFF)
	black     = rgba(0x1A, 0x1A, 0x1A, 0xFF)
	grey      = rgba(0x6E, 0x6E, 0x6E, 0xFF)
)

// Light is the default theme.
var Light = Theme{
	Name:         "light",
	Sea:          rgba(0xC6, 0xDB, 0xE8, 0xFF),
	Land:         rgba(0xF4, 0xF1, 0xEA, 0xFF),
	LandHover:    rgba(0xE6, 0xE0, 0xD2, 0xFF),
	LandSelected: rgba(0xFF, 0xFF, 0xFF, 0xFF),
	Coast:        LineStyle{Color: rgba(0x5A, 0x80, 0xA0, 0xFF), Width: 1},
	Border:       LineStyle{Color: rgba(0x6E, 0x64, 0x58, 0xFF), Width: 1.1},
	Selection:    LineStyle{Color: rgba(0x1A, 0x1A, 0x1A, 0xFF), Width: 2.4},
	Hover:        LineStyle{Color: rgba(0x44, 0x44, 0x44, 0xFF), Width: 1.4},
	Article:      LineStyle{Color: rgba(0x00, 0x4A, 0x80, 0xFF), Width: 2},
	Bodies: map[string]BodyStyle{
		"ots": {
			Member:   Pattern{Kind: Tint, Color: rgba(0xF0, 0xE4, 0x42, 0x99)},
			Observer: Pattern{Kind: Dots, Color: rgba(0xB5, 0xA5, 0x00, 0xFF), Spacing: 7, Width: 2.6},
			Frozen:   Pattern{Kind: Dots, Color: grey, Spacing: 7, Width: 2.2},
		},
		"csto": {
			Member:   Pattern{Kind: Hatch45, Color: vermilion, Spacing: 7, Width: 1.4},
			Observer: Pattern{Kind: Hatch45, Color: vermilion, Spacing: 14, Width: 1},
			Frozen:   Pattern{Kind: Hatch45, Color: grey, Spacing: 10, Width: 1.2},
		},
		"cac": {
			Member:   Pattern{Kind: Hatch135, Color: green, Spacing: 7, Width: 1.4},
			Observer: Pattern{Kind: Hatch135, Color: green, Spacing: 14, Width: 1},
			Frozen:   Pattern{Kind: Hatch135, Color: grey, Spacing: 10, Width: 1.2},
		},
		// The bodies hidden by default: each with its own direction of lines
		// (or dots), so that any three switched on together stay apart in
		// grey and to a colour-blind reader (tested).
		"sco": {
			Member:   Pattern{Kind: Horizontal, Color: blue, Spacing: 7, Width: 1.4},
			Observer: Pattern{Kind: Horizontal, Color: blue, Spacing: 14, Width: 1},
			Partner:  Pattern{Kind: Horizontal, Color: blue, Spacing: 21, Width: 0.8},
			Frozen:   Pattern{Kind: Horizontal, Color: grey, Spacing: 10, Width: 1.2},
		},
		"eaeu": {
			Member:   Pattern{Kind: Vertical, Color: purple, Spacing: 7, Width: 1.6},
			Observer: Pattern{Kind: Vertical, Color: purple, Spacing: 14, Width: 1},
			Frozen:   Pattern{Kind: Vertical, Color: grey, Spacing: 10, Width: 1.2},
		},
		"caco": {
			Member:   Pattern{Kind: Dots, Color: orange, Spacing: 10, Width: 4},
			Observer: Pattern{Kind: Dots, Color: orange, Spacing: 16, Width: 3},
			Frozen:   Pattern{Kind: Dots, Color: grey, Spacing: 12, Width: 3},
		},
		"c5plus1": {
			Member:  Pattern{Kind: Dots, Color: black, Spacing: 8, Width: 2.6},
			Partner: Pattern{Kind: Dots, Color: black, Spacing: 16, Width: 2.2},
			Frozen:  Pattern{Kind: Dots, Color: grey, Spacing: 12, Width: 1.6},
		},
	},
	OtherBody: BodyStyle{
		Member:   Pattern{Kind: Dots, Color: purple, Spacing: 6, Width: 2},
		Observer: Pattern{Kind: Dots, Color: purple, Spacing: 12, Width: 2},
		Frozen:   Pattern{Kind: Dots, Color: grey, Spacing: 10, Width: 2},
	},
	Corridors: map[string]LineStyle{
		"corridor:middle-corridor": {Color: blue, Width: 3, Casing: white, CasingWidth: 1.2},
		"corridor:tripp":           {Color: purple, Width: 3.5, Casing: white, CasingWidth: 1.2},
		"corridor:cku-railway":     {Color: skyBlue, Width: 2.5, Casing: white, CasingWidth: 1.2},
	},
	OtherCorridor: LineStyle{Color: rgba(0x80, 0x50, 0x20, 0xFF), Width: 2.5},
	// Ties: security ties in blues, reds and purple, money in greens and
	// sky blue, diplomacy in greys; the dash tells kinds of one colour apart.
	Ties: map[string]LineStyle{
		"alliance":          {Color: blue, Width: 2.6, Casing: white, CasingWidth: 1},
		"partnership":       {Color: blue, Width: 2, Dash: 7, Casing: white, CasingWidth: 1},
		"defence-agreement": {Color: vermilion, Width: 2.4, Casing: white, CasingWidth: 1},
		"defence-industry":  {Color: vermilion, Width: 2, Dash: 7, Casing: white, CasingWidth: 1},
		"intelligence":      {Color: purple, Width: 2, Dash: 4, Casing: white, CasingWidth: 1},
		"arms-transfer":     {Color: orange, Width: 2.4, Casing: white, CasingWidth: 1},
		"training":          {Color: green, Width: 2, Dash: 5, Casing: white, CasingWidth: 1},
		"trade":             {Color: skyBlue, Width: 2, Casing: white, CasingWidth: 1},
		"investment":        {Color: green, Width: 2.4, Casing: white, CasingWidth: 1},
		"commercial":        {Color: skyBlue, Width: 2, Dash: 7, Casing: white, CasingWidth: 1},
		"accord":            {Color: grey, Width: 2, Dash: 7, Casing: white, CasingWidth: 1},
		"recognition":       {Color: black, Width: 2, Dash: 3, Casing: white, CasingWidth: 1},
	},
	OtherTie:     LineStyle{Color: grey, Width: 2, Casing: white, CasingWidth: 1},
	Disputed:     rgba(0xDD, 0xD8, 0xCF, 0xFF),
	DisputedFade: 0.4,
	DisputedEdge: LineStyle{Color: rgba(0x3A, 0x3A, 0x3A, 0xFF), Width: 1.4, Dash: 5},
	Planned:      6,
	Sites: map[string]color.RGBA{
		"summit-venue":      rgba(0x1A, 0x1A, 0x1A, 0xFF),
		"airbase":           rgba(0xE6, 0x9F, 0x00, 0xFF),
		"mine":              rgba(0x8C, 0x5A, 0x2B, 0xFF),
		"nuclear-test-site": rgba(0xB0, 0x00, 0x30, 0xFF),
		"institution":       green,
		"port":              rgba(0x1F, 0x4E, 0x79, 0xFF),
		"border-crossing":   grey,
	},
	OtherSite:    rgba(0x33, 0x33, 0x33, 0xFF),
	SiteSize:     9,
	Text:         rgba(0x1E, 0x1E, 0x1E, 0xFF),
	Halo:         rgba(0xFF, 0xFF, 0xFF, 0xE0),
	Muted:        rgba(0x55, 0x55, 0x55, 0xFF),
	Panel:        white,
	PanelBorder:  rgba(0x8A, 0x8A, 0x8A, 0xFF),
	Link:         rgba(0x00, 0x52, 0x7F, 0xFF),
	CountryLabel: 13,
	SiteLabel:    12,
	SmallLabel:   11,
}

// Body returns the style for a body id.
func (t *Theme) Body(id string) BodyStyle {
	if b, ok := t.Bodies[id]; ok {
		return b
	}
	return t.OtherBody
}

// Corridor returns the line style for a corridor id.
func (t *Theme) Corridor(id string) LineStyle {
	if c, ok := t.Corridors[id]; ok {
		return c
	}
	return t.OtherCorridor
}

// Tie returns the line style for a tie kind.
func (t *Theme) Tie(kind string) LineStyle {
	if c, ok := t.Ties[kind]; ok {
		return c
	}
	return t.OtherTie
}

// Faded is p at a fraction k of its opacity.
func (p Pattern) Faded(k float64) Pattern {
	c := p.Color
	f := func(v uint8) uint8 { return uint8(math.Round(float64(v) * k)) }
	p.Color = color.RGBA{f(c.R), f(c.G), f(c.B), f(c.A)}
	return p
}

// Site returns the symbol colour for a site kind.
func (t *Theme) Site(kind string) color.RGBA {
	if c, ok := t.Sites[kind]; ok {
		return c
	}
	return t.OtherSite
}

// Coverage is how much of the pixel centred at (x, y) a pattern covers, in
// [0, 1]. The Ebitengine fill shader (render/pattern.kage) computes the same.
func (p Pattern) Coverage(x, y float64) float64 {
	if p.Kind == Tint {
		return 1
	}
	s := math.Max(p.Spacing, 1)
	var d float64
	switch p.Kind {
	case Hatch45, Hatch135, Horizontal, Vertical:
		u := (x + y) / math.Sqrt2
		switch p.Kind {
		case Hatch135:
			u = (x - y) / math.Sqrt2
		case Horizontal:
			u = y
		case Vertical:
			u = x
		}
		m := u - s*math.Floor(u/s)
		d = math.Min(m, s-m)
	default:
		qx, qy := x-s*math.Floor(x/s)-s/2, y-s*math.Floor(y/s)-s/2
		d = math.Hypot(qx, qy)
	}
	return math.Min(math.Max(p.Width/2-d+0.5, 0), 1)
}

// Composite is the colour of a country's fill at pixel (x, y): each
// pattern painted over base in turn. The result is opaque when base is.
func Composite(base color.RGBA, pats []Pattern, x, y float64) color.RGBA {
	r, g, b, a := float64(base.R), float64(base.G), float64(base.B), float64(base.A)
	for _, p := range pats {
		c := p.Coverage(x, y)
		if c == 0 {
			continue
		}
		k := 1 - float64(p.Color.A)*c/255
		r = float64(p.Color.R)*c + r*k
		g = float64(p.Color.G)*c + g*k
		b = float64(p.Color.B)*c + b*k
		a = float64(p.Color.A)*c + a*k
	}
	return color.RGBA{uint8(r + 0.5), uint8(g + 0.5), uint8(b + 0.5), uint8(a + 0.5)}
}

// Dark is a theme for dim rooms and dark pages.
var Dark = func() Theme {
	t := Light
	t.Name = "dark"
	t.Sea = rgba(0x10, 0x1C, 0x28, 0xFF)
	t.Land = rgba(0x2B, 0x2E, 0x33, 0xFF)
	t.LandHover = rgba(0x3A, 0x3E, 0x45, 0xFF)
	t.LandSelected = rgba(0x4A, 0x4F, 0x58, 0xFF)
	t.Coast = LineStyle{Color: rgba(0x6F, 0x9C, 0xC0, 0xFF), Width: 1}
	t.Border = LineStyle{Color: rgba(0x9A, 0x94, 0x8A, 0xFF), Width: 1.1}
	t.Selection = LineStyle{Color: rgba(0xFF, 0xFF, 0xFF, 0xFF), Width: 2.4}
	t.Hover = LineStyle{Color: rgba(0xCC, 0xCC, 0xCC, 0xFF), Width: 1.4}
	t.Article = LineStyle{Color: rgba(0x56, 0xB4, 0xE9, 0xFF), Width: 2}
	t.Disputed = rgba(0x44, 0x48, 0x4F, 0xFF)
	t.DisputedEdge = LineStyle{Color: rgba(0xDD, 0xDD, 0xDD, 0xFF), Width: 1.4, Dash: 5}
	t.Text = rgba(0xF2, 0xF2, 0xF2, 0xFF)
	t.Halo = rgba(0x10, 0x10, 0x10, 0xD0)
	t.Muted = rgba(0xC8, 0xC8, 0xC8, 0xFF)
	t.Panel = rgba(0x1C, 0x1F, 0x24, 0xFF)
	t.PanelBorder = rgba(0x5A, 0x5F, 0x66, 0xFF)
	t.Link = rgba(0x56, 0xB4, 0xE9, 0xFF)
	t.Sites = map[string]color.RGBA{}
	for k, c := range Light.Sites {
		t.Sites[k] = c
	}
	t.Sites["summit-venue"] = rgba(0xF2, 0xF2, 0xF2, 0xFF)
	t.OtherSite = rgba(0xDD, 0xDD, 0xDD, 0xFF)
	return t
}()

// Projector is a high-contrast theme with larger type and heavier lines,
// for a washed-out image across a room.
var Projector = func() Theme {
	t := Light
	t.Name = "projector"
	t.Sea = rgba(0xA8, 0xCB, 0xE4, 0xFF)
	t.Land = rgba(0xFF, 0xFF, 0xFF, 0xFF)
	t.Coast = LineStyle{Color: rgba(0x1F, 0x4E, 0x79, 0xFF), Width: 1.6}
	t.Border = LineStyle{Color: rgba(0x33, 0x33, 0x33, 0xFF), Width: 1.8}
	t.Selection = LineStyle{Color: rgba(0x00, 0x00, 0x00, 0xFF), Width: 4}
	t.Text = rgba(0x00, 0x00, 0x00, 0xFF)
	t.Muted = rgba(0x22, 0x22, 0x22, 0xFF)
	t.CountryLabel, t.SiteLabel, t.SmallLabel = 19, 17, 15
	t.SiteSize = 13
	return t
}()

// Themes lists the themes by name, in the order T cycles through them.
var Themes = []*Theme{&Light, &Dark, &Projector}

// ThemeNamed returns the theme with a name, or nil.
func ThemeNamed(name string) *Theme {
	for _, t := range Themes {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// NextTheme is the theme after t in Themes, round again at the end (what T
// steps to).
func NextTheme(t *Theme) *Theme {
	for i, th := range Themes {
		if th == t {
			return Themes[(i+1)%len(Themes)]
		}
	}
	return Themes[0]
}
