package panel

import (
	"strings"

	"github.com/silkmap/silkmap/mapdata"
)

func init() {
	kindLabels[mapdata.KindTie] = "Tie"
	kindLabels[mapdata.KindDisputed] = "Disputed area"
}

// tieSections are the panel's parts about ties and disputed areas: a
// country's Ties (with whom, what, since when, the source) and the
// disputed areas it holds or claims; a tie's countries and figures; a
// disputed area's status.
func tieSections(m *mapdata.Map, e mapdata.Entity, day mapdata.Date) []Section {
	w := m.Words()
	names := func(ids []string) string {
		var s []string
		for _, c := range ids {
			s = append(s, m.Name(c))
		}
		return strings.Join(s, ", ")
	}
	var out []Section
	add := func(heading, class string, items []Item) {
		if len(items) > 0 {
			out = append(out, Section{Heading: heading, Class: class, Items: items})
		}
	}
	switch e.Kind {
	case mapdata.KindCountry:
		var items []Item
		for _, r := range *e.Ties {
			t := m.Tie(r.ID)
			what := w.T(mapdata.SlugWords(t.Kind))
			others := names(r.With)
			switch {
			case r.Direction != nil && *r.Direction == "out":
				what = w.F("{0} to {1}", what, others)
			case r.Direction != nil:
				what = w.F("{0} from {1}", what, others)
			default:
				what = w.F("{0} with {1}", what, others)
			}
			it := Item{Spans: []Span{{Text: t.Name, ID: t.ID, Bold: true, Lang: m.TextLang(t.ID, "name")}, {Text: " — " + what + ", " + w.F("since {0}", w.Date(t.Since)) + " "}, {Text: w.T(sourceLinkText), URL: t.Sources[0]}}, Class: "current"}
			if !mapdata.InForce(t.Since, t.Until, day) {
				it.Class, it.Muted = "past", true
			}
			items = append(items, it)
		}
		add(w.T("Ties"), "rows", items)
		items = nil
		for _, d := range m.Disputed {
			holds := d.AdministeredBy.ID == e.ID
			claims := false
			for _, c := range d.ClaimedBy {
				claims = claims || c.ID == e.ID
			}
			if holds || claims || d.Country == e.ID || d.Before == e.ID {
				it := Item{Spans: []Span{{Text: d.Name, ID: d.ID, Bold: true, Lang: m.TextLang(d.ID, "name")}, {Text: " — " + DisputedLine(m, d)}}}
				if !mapdata.InForce(d.Since, d.Until, day) {
					it.Muted = true
				}
				items = append(items, it)
			}
		}
		add(w.T("Disputed areas"), "rows", items)
	case mapdata.KindTie:
		t := m.Tie(e.ID)
		var items []Item
		dates := w.F("since {0}", w.Date(t.Since))
		if t.Until != "" {
			dates = w.Date(t.Since) + " – " + w.Date(t.Until)
		}
		kind := mapdata.Capitalize(w, w.T(mapdata.SlugWords(t.Kind)))
		if t.Directed() {
			items = append(items, Item{Spans: []Span{{Text: kind + ": ", Bold: true}, {Text: w.F("from {0} to {1}", names(t.From), names(t.To)) + ", " + dates}}})
		} else {
			items = append(items, Item{Spans: []Span{{Text: kind + ": ", Bold: true}, {Text: names(t.Countries) + ", " + dates}}})
		}
		for _, v := range t.Values {
			it := Item{Spans: []Span{{Text: v.Label(), Bold: true}, {Text: " " + v.Note + " ", Lang: m.TextLang("", "note")}, {Text: w.T(sourceLinkText), URL: v.Source}}, Class: "current"}
			if cur := t.ValueOn(day); cur == nil || cur.Since != v.Since {
				it.Class, it.Muted = "past", true
			}
			items = append(items, it)
		}
		add(w.T("Tie"), "rows", items)
	case mapdata.KindDisputed:
		d := m.DisputedArea(e.ID)
		items := []Item{{Spans: []Span{{Text: DisputedLine(m, d)}}}}
		if d.Approximate {
			items = append(items, Item{Spans: []Span{{Text: w.T("The outline is approximate, drawn from points") + " ", Muted: true}, {Text: w.T(sourceLinkText), URL: d.OutlineSource}}, Muted: true})
		}
		add(w.T("Status"), "rows", items)
	}
	return out
}

// DisputedLine says who holds a disputed area and who claims it:
// "administered by Russia since 2014-03-18, claimed by Ukraine".
func DisputedLine(m *mapdata.Map, d *mapdata.DisputedArea) string {
	who := func(a mapdata.Authority) string {
		if a.ID != "" {
			return m.Name(a.ID)
		}
		return a.Name
	}
	var claims []string
	for _, c := range d.ClaimedBy {
		claims = append(claims, who(c))
	}
	w := m.Words()
	claimed := claims[0]
	for _, c := range claims[1:] {
		claimed = w.F("{0} and {1}", claimed, c)
	}
	if d.Until != "" {
		return w.F("administered by {0} from {1} until {2}, claimed by {3}", who(d.AdministeredBy), w.Date(d.Since), w.Date(d.Until), claimed)
	}
	return w.F("administered by {0} since {1}, claimed by {2}", who(d.AdministeredBy), w.Date(d.Since), claimed)
}

// tieTooltip is the tooltip's lines for a tie or a disputed area.
func tieTooltip(m *mapdata.Map, id string, day mapdata.Date) []string {
	w := m.Words()
	switch m.Kind(id) {
	case mapdata.KindTie:
		t := m.Tie(id)
		line := w.T(mapdata.SlugWords(t.Kind)) + " " + w.F("since {0}", w.Date(t.Since))
		if v := t.ValueOn(day); v != nil {
			line += "; " + v.Label() + " (" + v.Note + ")"
		}
		return []string{line}
	case mapdata.KindDisputed:
		d := m.DisputedArea(id)
		lines := []string{w.F("Disputed: {0}", DisputedLine(m, d))}
		if d.Approximate {
			lines = append(lines, w.T("outline approximate"))
		}
		return lines
	}
	return nil
}

// tieMarks are the timeline's marks of ties (from their date) and
// disputes (their start and end).
func tieMarks(m *mapdata.Map) []Mark {
	w := m.Words()
	var out []Mark
	for _, t := range m.Ties {
		out = append(out, Mark{string(t.Since), t.Name, t.ID})
	}
	for _, d := range m.Disputed {
		out = append(out, Mark{string(d.Since), w.F("{0}: dispute begins", d.Name), d.ID})
		if d.Until != "" {
			out = append(out, Mark{string(d.Until), w.F("{0}: dispute ends", d.Name), d.ID})
		}
	}
	return out
}

// Exact reports whether a search hit's id or name is what q says, but for
// case and accents ("turkiye" is Türkiye): a command that suggests ids
// then names that one alone.
func Exact(r Result, q string) bool {
	q = strings.Join(strings.Fields(fold(q)), " ")
	return fold(r.ID) == q || fold(r.Name) == q
}
