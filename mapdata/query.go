package mapdata

import (
	"cmp"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
)

// NearbyKm is how far from a point At looks for sites.
const NearbyKm = 50

// CountryRef names a country.
type CountryRef struct {
	ISO  string `json:"iso_a3"`
	Name string `json:"name"`
	// Unit and Note name the part of the country the point is in where the
	// boundaries draw it apart (the Baikonur lease, at 1:10m), or are empty.
	Unit string `json:"unit,omitempty"`
	Note string `json:"note,omitempty"`
}

// MembershipState is a membership as At reports it: until is null while
// the status is still in force.
type MembershipState struct {
	Body    string `json:"body"`
	Country string `json:"country"`
	Role    string `json:"role"`
	Since   Date   `json:"since"`
	Until   *Date  `json:"until"`
	Source  string `json:"source"`
	Note    string `json:"note,omitempty"`
}

// SiteNear is a site and its great-circle distance from a point.
type SiteNear struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Kind       string  `json:"kind"`
	DistanceKm float64 `json:"distance_km"`
}

// AtResult answers "what is here on this day".
type AtResult struct {
	Lon         float64           `json:"lon"`
	Lat         float64           `json:"lat"`
	Date        Date              `json:"date"`
	Country     *CountryRef       `json:"country"`
	Memberships []MembershipState `json:"memberships"`
	Sites       []SiteNear        `json:"sites"`
	// Disputed is the disputed area at the point in force on the day, or
	// nil.
	Disputed *DisputedState `json:"disputed"`
}

// AuthorityRef names who administers or claims a disputed area: id is
// null for an authority without a country code.
type AuthorityRef struct {
	ID   *string `json:"id"`
	Name string  `json:"name"`
}

// DisputedState is a disputed area as At reports it.
type DisputedState struct {
	ID             string         `json:"id"`
	Name           string         `json:"name"`
	AdministeredBy AuthorityRef   `json:"administered_by"`
	ClaimedBy      []AuthorityRef `json:"claimed_by"`
	Since          Date           `json:"since"`
	Until          *Date          `json:"until"`
	Approximate    bool           `json:"approximate,omitempty"`
	Source         string         `json:"source"`
}

func authorityRef(a Authority) AuthorityRef {
	r := AuthorityRef{Name: a.Name}
	if a.ID != "" {
		id := a.ID
		r.ID = &id
	}
	return r
}

// State is d as At reports it.
func (d *DisputedArea) State() *DisputedState {
	s := &DisputedState{ID: d.ID, Name: d.Name, AdministeredBy: authorityRef(d.AdministeredBy), ClaimedBy: []AuthorityRef{}, Since: d.Since, Approximate: d.Approximate}
	for _, c := range d.ClaimedBy {
		s.ClaimedBy = append(s.ClaimedBy, authorityRef(c))
	}
	if d.Until != "" {
		u := d.Until
		s.Until = &u
	}
	if len(d.Sources) > 0 {
		s.Source = d.Sources[0]
	}
	return s
}

// At returns the country at p (lon/lat; nil over water), the memberships it
// held on day with the role it had then, and the sites that existed on day
// within NearbyKm, nearest first.
func (m *Map) At(p orb.Point, day Date) AtResult { return m.AtIn(m.Atlas, p, day) }

// AtIn is At with the country found in boundaries a: the map's own, or the
// same countries in more detail (see Map.OwnBoundaries).
func (m *Map) AtIn(a *atlas.Atlas, p orb.Point, day Date) AtResult {
	r := AtResult{Lon: p[0], Lat: p[1], Date: day, Memberships: []MembershipState{}, Sites: []SiteNear{}}
	d := m.DisputedAt(p)
	if c, u := a.AtUnit(p); c != nil {
		r.Country = &CountryRef{ISO: c.ID, Name: m.CountryName(c.ID)}
		if u != nil {
			r.Country.Unit, r.Country.Note = u.Name, u.Note
		}
		// Before its dispute began, an area the boundaries give to its
		// present holder answers the country it was part of.
		if d != nil && d.Before != "" && day < d.Since.Start() {
			r.Country = &CountryRef{ISO: d.Before, Name: m.CountryName(d.Before)}
		}
		r.Memberships = m.MembershipsOn(r.Country.ISO, day)
	}
	if d != nil && InForce(d.Since, d.Until, day) {
		r.Disputed = d.State()
	}
	for _, s := range m.Sites {
		if !InForce(s.Since, s.Until, day) {
			continue
		}
		if d := geo.DistanceKm(p, s.Point()); d <= NearbyKm {
			r.Sites = append(r.Sites, SiteNear{s.ID, s.Name, s.Kind, geo.Round(d, 1)})
		}
	}
	slices.SortStableFunc(r.Sites, func(a, b SiteNear) int { return cmp.Compare(a.DistanceKm, b.DistanceKm) })
	return r
}

// MembershipsOn lists the statuses country held on day, in body order.
func (m *Map) MembershipsOn(country string, day Date) []MembershipState {
	out := []MembershipState{}
	for _, b := range m.Bodies {
		for _, mem := range b.Members {
			if mem.Country == country && InForce(mem.Since, mem.Until, day) {
				out = append(out, mem.state())
			}
		}
	}
	return out
}

func (mem Membership) state() MembershipState {
	s := MembershipState{Body: mem.Body, Country: mem.Country, Role: mem.Role, Since: mem.Since, Source: mem.Source, Note: mem.Note}
	if mem.Until != "" {
		u := mem.Until
		s.Until = &u
	}
	return s
}

// ArticleRef is how other entities cite an article.
type ArticleRef struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	IsListing bool   `json:"url_is_listing,omitempty"`
}

// Entity is everything the map knows about one id, as `silkmap show`,
// the info panel and the page API present it.
type Entity struct {
	ID          string       `json:"id"`
	Kind        string       `json:"kind"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Sources     []string     `json:"sources"`
	Articles    []ArticleRef `json:"articles"`
	Linked      []string     `json:"linked"`

	// Countries: every status held over time. Bodies: every member's.
	Memberships []MembershipState `json:"memberships,omitempty"`
	Events      []Event           `json:"events,omitempty"`
	// Sites: where they are (lon, lat).
	Location *orb.Point `json:"location,omitempty"`
	// Corridors: the countries crossed and the lines.
	Crosses []string      `json:"crosses,omitempty"`
	Parts   []PartSummary `json:"parts,omitempty"`
	// Countries: the ties they are part of.
	// (A pointer, so that a country with none says [] and other kinds
	// leave it out.)
	Ties *[]TieRef `json:"ties,omitempty"`
	// Ties: the tie's own kind, its countries (from and to when it runs
	// one way), its dates and figures.
	TieKind   string     `json:"tie_kind,omitempty"`
	Countries []string   `json:"countries,omitempty"`
	From      []string   `json:"from,omitempty"`
	To        []string   `json:"to,omitempty"`
	Since     Date       `json:"since,omitempty"`
	Until     *Date      `json:"until,omitempty"`
	Values    []TieValue `json:"values,omitempty"`
	// Disputed areas: who administers and who claims it.
	Disputed *DisputedState `json:"disputed,omitempty"`
	// Articles: byline and what it covers.
	Author      string `json:"author,omitempty"`
	Publication string `json:"publication,omitempty"`
	Date        Date   `json:"date,omitempty"`
	URL         string `json:"url,omitempty"`
	URLListing  bool   `json:"url_is_listing,omitempty"`
}

// TieRef is a tie as a country's ties list it: with whom, and which way
// ("out" from the country, "in" to it, null for a tie both ways).
type TieRef struct {
	ID        string   `json:"id"`
	TieKind   string   `json:"tie_kind"`
	With      []string `json:"with"`
	Direction *string  `json:"direction"`
}

// TiesOf lists the ties country is part of, in file order.
func (m *Map) TiesOf(country string) []TieRef {
	out := []TieRef{}
	for _, t := range m.Ties {
		if !slices.Contains(t.Countries, country) {
			continue
		}
		r := TieRef{ID: t.ID, TieKind: t.Kind, With: []string{}}
		var dir string
		switch {
		case slices.Contains(t.From, country):
			dir, r.With = "out", append(r.With, t.To...)
		case slices.Contains(t.To, country):
			dir, r.With = "in", append(r.With, t.From...)
		default:
			for _, c := range t.Countries {
				if c != country {
					r.With = append(r.With, c)
				}
			}
		}
		if dir != "" {
			r.Direction = &dir
		}
		out = append(out, r)
	}
	return out
}

// PartSummary describes one line of a corridor.
type PartSummary struct {
	Part   string `json:"part"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	Mode   string `json:"mode"`
	Status string `json:"status"`
	Since  Date   `json:"since,omitempty"`
	Source string `json:"source"`
}

// Show returns the entity with this id and everything linked to it, or
// false when no such id exists.
func (m *Map) Show(id string) (Entity, bool) {
	e := Entity{ID: id, Kind: m.kinds[id], Name: m.Name(id), Linked: m.Linked(id), Sources: []string{}}
	var own []string // articles the entity lists itself
	switch e.Kind {
	case KindCountry:
		for _, b := range m.Bodies {
			for _, mem := range b.Members {
				if mem.Country == id {
					e.Memberships = append(e.Memberships, mem.state())
					e.Sources = appendNew(e.Sources, mem.Source)
				}
			}
		}
		e.Description = m.statusLine(id)
		ties := m.TiesOf(id)
		e.Ties = &ties
		if n := m.Notes[id]; n != nil {
			e.Description = n.Description + " " + e.Description
			e.Sources = appendNew(e.Sources, n.Sources...)
			e.Events = n.Events
			own = n.Articles
		}
	case KindBody:
		b := m.Body(id)
		e.Description, own, e.Events = b.Description, b.Articles, b.Meetings
		e.Sources = appendNew(e.Sources, b.Sources...)
		for _, mem := range b.Members {
			e.Memberships = append(e.Memberships, mem.state())
		}
	case KindCorridor:
		c := m.Corridor(id)
		e.Description, own, e.Events = c.Description, c.Articles, c.Events
		e.Sources = appendNew(e.Sources, c.Sources...)
		e.Crosses = m.Crosses(id)
		for _, p := range c.Parts {
			e.Parts = append(e.Parts, PartSummary{p.Part, p.Name, p.Role, p.Mode, p.Status, p.Since, p.Source})
			e.Sources = appendNew(e.Sources, p.Source)
		}
	case KindSite:
		s := m.Site(id)
		e.Description, own, e.Events = s.Description, s.Articles, s.Events
		e.Sources = appendNew(e.Sources, s.Sources...)
		e.Sources = appendNew(e.Sources, s.CoordinatesSource)
		p := s.Point()
		e.Location = &p
	case KindTie:
		t := m.Tie(id)
		e.Description, own = t.Description, t.Articles
		e.TieKind, e.Countries, e.From, e.To, e.Since, e.Values = t.Kind, t.Countries, t.From, t.To, t.Since, t.Values
		if t.Until != "" {
			u := t.Until
			e.Until = &u
		}
		e.Sources = appendNew(e.Sources, t.Sources...)
		for _, v := range t.Values {
			e.Sources = appendNew(e.Sources, v.Source)
		}
	case KindDisputed:
		d := m.DisputedArea(id)
		e.Description, own = d.Description, d.Articles
		e.Disputed = d.State()
		e.Sources = appendNew(e.Sources, d.Sources...)
		e.Sources = appendNew(e.Sources, d.OutlineSource)
	case KindArticle:
		a := m.Article(id)
		e.Description = a.Summary
		e.Author, e.Publication, e.Date, e.URL, e.URLListing = a.Author, a.Publication, a.Date, a.URL, a.URLIsListing
		e.Sources = appendNew(e.Sources, a.URL)
	default:
		return Entity{}, false
	}
	// The articles it lists, then those linked to it: a country may be
	// linked to thousands of sites, so each id is looked at once.
	e.Articles = []ArticleRef{}
	seen := map[string]bool{id: true}
	for _, aid := range slices.Concat(own, e.Linked) {
		if a := m.Article(aid); a != nil && !seen[aid] {
			seen[aid] = true
			e.Articles = append(e.Articles, ArticleRef{a.ID, a.Title, a.URL, a.URLIsListing})
		}
	}
	return e, true
}

// statusLine says in one sentence where a country stands today.
func (m *Map) statusLine(country string) string {
	now := m.MembershipsOn(country, Today())
	if len(now) == 0 {
		return "Not in any of the map's bodies today."
	}
	parts := make([]string, len(now))
	for i, s := range now {
		name := s.Body
		if b := m.Body(s.Body); b != nil && b.ShortName != "" {
			name = b.ShortName
		}
		parts[i] = name + " " + s.Role + " since " + string(s.Since)
	}
	return "Today: " + strings.Join(parts, "; ") + "."
}

// appendNew appends the values not already in list.
func appendNew(list []string, vals ...string) []string {
	for _, v := range vals {
		if v != "" && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}
