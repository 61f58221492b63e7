package mapdata

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// link records every relation between entities in both directions, so that
// show can list what is linked to anything, and works out which countries
// each corridor crosses. It runs once, on first use.
func (m *Map) link() {
	m.links = map[string]map[string]bool{}
	add := func(a string, bs ...string) {
		for _, b := range bs {
			if a == "" || b == "" || a == b {
				continue
			}
			for _, pair := range [2][2]string{{a, b}, {b, a}} {
				if m.links[pair[0]] == nil {
					m.links[pair[0]] = map[string]bool{}
				}
				m.links[pair[0]][pair[1]] = true
			}
		}
	}
	events := func(owner string, evs []Event) {
		for _, e := range evs {
			add(owner, e.Site)
			add(owner, e.Articles...)
			add(e.Site, e.Articles...)
		}
	}
	for _, a := range m.Articles {
		add(a.ID, a.Covers...)
	}
	for _, b := range m.Bodies {
		add(b.ID, b.Articles...)
		for _, mem := range b.Members {
			add(b.ID, mem.Country)
		}
		events(b.ID, b.Meetings)
	}
	m.crosses = map[string][]string{}
	for _, c := range m.Corridors {
		add(c.ID, c.Articles...)
		events(c.ID, c.Events)
		for _, p := range c.Parts {
			countries := p.Countries
			if countries == nil {
				countries = m.countriesAlong(p.Line)
			}
			for _, id := range countries {
				if !slices.Contains(m.crosses[c.ID], id) {
					m.crosses[c.ID] = append(m.crosses[c.ID], id)
				}
			}
		}
		add(c.ID, m.crosses[c.ID]...)
	}
	for _, s := range m.Sites {
		add(s.ID, s.Country)
		add(s.ID, s.Articles...)
		events(s.ID, s.Events)
	}
	for _, t := range m.Ties {
		add(t.ID, t.Countries...)
		add(t.ID, t.Articles...)
	}
	for _, d := range m.Disputed {
		add(d.ID, d.Country, d.Before, d.AdministeredBy.ID)
		for _, c := range d.ClaimedBy {
			add(d.ID, c.ID)
		}
		add(d.ID, d.Articles...)
	}
	for _, n := range m.Notes {
		add(n.ID, n.Articles...)
		events(n.ID, n.Events)
	}
}

// sampleStep is the spacing, in degrees, of the points at which a corridor
// line is tested against the boundaries (about 5 km).
const sampleStep = 0.05

// steps is how many samples a segment from a to b is tested at.
func steps(a, b orb.Point) int {
	return int(math.Ceil(math.Hypot(b[0]-a[0], b[1]-a[1]) / sampleStep))
}

// samples is how many points countriesAlong tests on line: the work it
// costs, which the loader counts against Limits.Work.
func samples(line orb.LineString) int {
	n := 1
	for i := 1; i < len(line); i++ {
		n += steps(line[i-1], line[i])
	}
	return n
}

// countriesAlong lists the countries a line passes through, in order.
func (m *Map) countriesAlong(line orb.LineString) []string {
	var out []string
	visit := func(p orb.Point) {
		if c := m.Atlas.At(p); c != nil && !slices.Contains(out, c.ID) {
			out = append(out, c.ID)
		}
	}
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		steps := steps(a, b)
		for k := 0; k < steps; k++ {
			t := float64(k) / float64(steps)
			visit(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
	}
	if len(line) > 0 {
		visit(line[len(line)-1])
	}
	return out
}

// Derive works out now what the map otherwise works out on first use (the
// links between entities and the countries each corridor crosses), so that
// a server does it once per load, before the load is served, and never
// while a request waits. Its work was counted against Limits.Work when the
// content was loaded.
func (m *Map) Derive() { m.linked.Do(m.link) }

// Linked returns the ids linked to id, sorted.
func (m *Map) Linked(id string) []string {
	m.linked.Do(m.link)
	out := make([]string, 0, len(m.links[id]))
	for k := range m.links[id] {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Crosses returns the countries a corridor's lines pass through, in the
// order its parts meet them.
func (m *Map) Crosses(corridorID string) []string {
	m.linked.Do(m.link)
	return m.crosses[corridorID]
}
