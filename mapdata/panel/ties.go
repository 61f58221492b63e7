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
	var out []Section
	add := func(heading, class string, items []Item) {
		if len(items) > 0 {
			out = append(out, Section{Heading: heading, Class: class, Items: items})
		}
	}
	switch e.Kind {
	case mapdata.KindCountry:
		var items []Item
		for _, r := range m.TiesOf(e.ID) {
			t := m.Tie(r.ID)
			var with []string
			for _, c := range r.With {
				with = append(with, Name(m, c))
			}
			what := mapdata.SlugWords(t.Kind)
			switch {
			case r.Direction != nil && *r.Direction == "out":
				what += " to "
			case r.Direction != nil:
				what += " from "
			default:
				what += " with "
			}
			it := Item{Spans: []Span{{Text: t.Name, ID: t.ID, Bold: true}, {Text: " — " + what + strings.Join(with, ", ") + ", since " + string(t.Since) + " "}, {Text: sourceLinkText, URL: t.Sources[0]}}, Class: "current"}
			if !mapdata.InForce(t.Since, t.Until, day) {
				it.Class, it.Muted = "past", true
			}
			items = append(items, it)
		}
		add("Ties", "rows", items)
		items = nil
		for _, d := range m.Disputed {
			holds := d.AdministeredBy.ID == e.ID
			claims := false
			for _, c := range d.ClaimedBy {
				claims = claims || c.ID == e.ID
			}
			if holds || claims || d.Country == e.ID || d.Before == e.ID {
				it := Item{Spans: []Span{{Text: d.Name, ID: d.ID, Bold: true}, {Text: " — " + DisputedLine(m, d)}}}
				if !mapdata.InForce(d.Since, d.Until, day) {
					it.Muted = true
				}
				items = append(items, it)
			}
		}
		add("Disputed areas", "rows", items)
	case mapdata.KindTie:
		t := m.Tie(e.ID)
		var items []Item
		names := func(ids []string) string {
			var s []string
			for _, c := range ids {
				s = append(s, Name(m, c))
			}
			return strings.Join(s, ", ")
		}
		dates := "since " + string(t.Since)
		if t.Until != "" {
			dates = string(t.Since) + " – " + string(t.Until)
		}
		if t.Directed() {
			items = append(items, Item{Spans: []Span{{Text: mapdata.SlugTitle(t.Kind) + " from ", Bold: true}, {Text: names(t.From)}, {Text: " to ", Bold: true}, {Text: names(t.To)}, {Text: ", " + dates}}})
		} else {
			items = append(items, Item{Spans: []Span{{Text: mapdata.SlugTitle(t.Kind) + ": ", Bold: true}, {Text: names(t.Countries) + ", " + dates}}})
		}
		for _, v := range t.Values {
			it := Item{Spans: []Span{{Text: v.Label(), Bold: true}, {Text: " " + v.Note + " "}, {Text: sourceLinkText, URL: v.Source}}, Class: "current"}
			if cur := t.ValueOn(day); cur == nil || cur.Since != v.Since {
				it.Class, it.Muted = "past", true
			}
			items = append(items, it)
		}
		add("Tie", "rows", items)
	case mapdata.KindDisputed:
		d := m.DisputedArea(e.ID)
		items := []Item{{Spans: []Span{{Text: DisputedLine(m, d)}}}}
		if d.Approximate {
			items = append(items, Item{Spans: []Span{{Text: "The outline is approximate, drawn from points ", Muted: true}, {Text: sourceLinkText, URL: d.OutlineSource}}, Muted: true})
		}
		add("Status", "rows", items)
	}
	return out
}

// DisputedLine says who holds a disputed area and who claims it:
// "administered by Russia since 2014-03-18, claimed by Ukraine".
func DisputedLine(m *mapdata.Map, d *mapdata.DisputedArea) string {
	who := func(a mapdata.Authority) string {
		if a.ID != "" {
			return Name(m, a.ID)
		}
		return a.Name
	}
	var claims []string
	for _, c := range d.ClaimedBy {
		claims = append(claims, who(c))
	}
	s := "administered by " + who(d.AdministeredBy) + " since " + string(d.Since)
	if d.Until != "" {
		s = "administered by " + who(d.AdministeredBy) + " from " + string(d.Since) + " until " + string(d.Until)
	}
	return s + ", claimed by " + strings.Join(claims, " and ")
}

// tieTooltip is the tooltip's lines for a tie or a disputed area.
func tieTooltip(m *mapdata.Map, id string, day mapdata.Date) []string {
	switch m.Kind(id) {
	case mapdata.KindTie:
		t := m.Tie(id)
		line := mapdata.SlugWords(t.Kind) + " since " + string(t.Since)
		if v := t.ValueOn(day); v != nil {
			line += "; " + v.Label() + " (" + v.Note + ")"
		}
		return []string{line}
	case mapdata.KindDisputed:
		d := m.DisputedArea(id)
		lines := []string{"Disputed: " + DisputedLine(m, d)}
		if d.Approximate {
			lines = append(lines, "outline approximate")
		}
		return lines
	}
	return nil
}

// tieMarks are the timeline's marks of ties (from their date) and
// disputes (their start and end).
func tieMarks(m *mapdata.Map) []Mark {
	var out []Mark
	for _, t := range m.Ties {
		out = append(out, Mark{string(t.Since), t.Name, t.ID})
	}
	for _, d := range m.Disputed {
		out = append(out, Mark{string(d.Since), d.Name + ": dispute begins", d.ID})
		if d.Until != "" {
			out = append(out, Mark{string(d.Until), d.Name + ": dispute ends", d.ID})
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
