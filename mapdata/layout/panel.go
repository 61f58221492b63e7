package layout

import (
	"strings"

	"github.com/silkmap/silkmap/mapdata/panel"
)

// RunStyle is how a run of panel text looks.
type RunStyle uint8

// Run styles.
const (
	RunText RunStyle = iota
	RunMuted
	RunLink // underlined; opens URL or shows ID
)

// PanelRun is a run of text placed in the desktop's info panel: its box
// relative to the panel's top-left corner.
type PanelRun struct {
	Text       string
	X, Y, W, H float64
	Size       float64
	Bold       bool
	Style      RunStyle
	URL, ID    string
}

// PanelSizes are the info panel's text sizes and spacing, in device pixels.
type PanelSizes struct {
	Kind, Name, Body, Small float64 // the kind label, the name, the text, bylines
	Pad                     float64 // inside the panel's edges
	Gap                     float64 // before a section's heading
}

// LayPanel lays out info panel in for a panel width pixels wide, as the
// browser's DOM flows it: the kind and the name, then each section's
// heading and items, each item's spans flowing word by word onto lines. It
// returns the runs and the height of the whole panel; the desktop draws as
// many as fit on its screen.
func LayPanel(in panel.Info, m Measurer, width float64, sz PanelSizes) ([]PanelRun, float64) {
	l := panelFlow{m: m, left: sz.Pad, right: width - sz.Pad, y: sz.Pad}
	l.para([]panel.Span{{Text: in.KindLabel, Muted: true}}, sz.Kind, false)
	l.para([]panel.Span{{Text: in.Name, Bold: true}}, sz.Name, false)
	for _, sec := range in.Sections {
		if sec.Heading != "" {
			l.y += sz.Gap
			l.para([]panel.Span{{Text: sec.Heading, Bold: true}}, sz.Body, false)
		} else {
			l.y += sz.Gap / 2
		}
		for _, it := range sec.Items {
			size := sz.Body
			if it.Class == "byline" {
				size = sz.Small
			}
			l.para(it.Spans, size, it.Muted)
		}
	}
	return l.runs, l.y + sz.Pad
}

// panelFlow places runs line by line.
type panelFlow struct {
	m           Measurer
	left, right float64
	y           float64
	runs        []PanelRun
}

// para flows spans as one paragraph from the left edge: each span's words
// join a run until one does not fit on the line, which then breaks.
func (l *panelFlow) para(spans []panel.Span, size float64, muted bool) {
	lh := LineHeight(size)
	x := l.left
	for _, sp := range spans {
		style := RunText
		switch {
		case sp.URL != "" || sp.ID != "":
			style = RunLink
		case sp.Muted || muted:
			style = RunMuted
		}
		run := PanelRun{X: x, Y: l.y, H: lh, Size: size, Bold: sp.Bold, Style: style, URL: sp.URL, ID: sp.ID}
		flush := func() {
			if strings.TrimSpace(run.Text) != "" {
				run.Text = strings.TrimRight(run.Text, " ")
				run.W, _ = l.m.Measure(run.Text, size, sp.Bold)
				l.runs = append(l.runs, run)
			}
		}
		for _, word := range words(sp.Text) {
			w, _ := l.m.Measure(word, size, sp.Bold)
			if x+w > l.right && x > l.left && strings.TrimSpace(word) != "" {
				flush()
				l.y += lh
				x = l.left
				run = PanelRun{X: x, Y: l.y, H: lh, Size: size, Bold: sp.Bold, Style: style, URL: sp.URL, ID: sp.ID}
				word = strings.TrimLeft(word, " ")
				w, _ = l.m.Measure(word, size, sp.Bold)
			}
			run.Text += word
			x += w
		}
		flush()
	}
	l.y += lh
}

// words splits text after each run of spaces, keeping them: "a b  c" is
// "a ", "b  ", "c".
func words(text string) []string {
	var out []string
	for text != "" {
		i := strings.IndexByte(text, ' ')
		if i < 0 {
			return append(out, text)
		}
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		out = append(out, text[:j])
		text = text[j:]
	}
	return out
}
