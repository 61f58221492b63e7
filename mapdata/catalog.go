// Package mapdata is silkmap's data core: the boundaries (package atlas) and
// the content catalog — articles, bodies and their dated memberships,
// corridors, sites — loaded from a content folder, validated, cross-linked
// and queried. It never imports Ebitengine and needs no display.
//
// One id scheme serves every interface: countries by ISO alpha-3 in capitals
// ("KAZ"), bodies "ots", "csto", "cac", and prefixed slugs for the rest
// ("site:bagram", "corridor:middle-corridor", "article:bagram-dilemma").
package mapdata

import (
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata/atlas"
)

// Kinds of entity, as "kind" in show output.
const (
	KindCountry  = "country"
	KindBody     = "body"
	KindCorridor = "corridor"
	KindSite     = "site"
	KindArticle  = "article"
	KindTie      = "tie"
	KindDisputed = "disputed"
)

// Roles a country can hold in a body. A partner is a body's dialogue
// partner, or the outside party of a format (the United States in C5+1).
var Roles = []string{"member", "observer", "partner", "frozen", "suspended"}

// Event is a dated, sourced happening: a summit, an opening, a decision.
type Event struct {
	Date     Date     `json:"date"`
	Name     string   `json:"name"`
	Site     string   `json:"site,omitempty"`
	Source   string   `json:"source"`
	Articles []string `json:"articles,omitempty"`
}

// Article is one analysis the map links to.
type Article struct {
	ID, Title, Author, Publication string
	Date                           Date
	URL                            string
	URLIsListing                   bool // URL is a listing page, not the article's own
	TitleIsDescriptive             bool // the published title is unknown; Title describes it
	Summary                        string
	Covers                         []string // ids of what it discusses
}

// Body is an organisation or format with members.
type Body struct {
	ID, Name, ShortName string
	FormerNames         []FormerName
	Founded             Date
	Description         string
	Sources             []string
	Articles            []string
	Members             []Membership
	Meetings            []Event
	// HiddenByDefault keeps the body's layer off in a view that lists no
	// layers (the default view), as for bodies added for history or
	// context ("hidden_by_default": true).
	HiddenByDefault bool
}

// FormerName is a name a body used until a date.
type FormerName struct {
	Name   string `json:"name"`
	Until  Date   `json:"until"`
	Source string `json:"source"`
}

// Membership is one period of one country's status in a body. Until is
// exclusive; zero means still in force.
type Membership struct {
	Body    string `json:"body"`
	Country string `json:"country"`
	Role    string `json:"role"`
	Since   Date   `json:"since"`
	Until   Date   `json:"until"`
	Source  string `json:"source"`
	Note    string `json:"note,omitempty"`
}

// Corridor is a transport route made of parts (main line, branches, feeders).
type Corridor struct {
	ID, Name, Kind, Status string
	Since, Until           Date
	Description            string
	Sources, Articles      []string
	Events                 []Event
	Parts                  []CorridorPart
}

// CorridorPart is one line of a corridor.
type CorridorPart struct {
	Part, Name, Role, Mode, Status string
	Since                          Date
	Source                         string
	Line                           orb.LineString // lon/lat
	Waypoints                      []string
	// Countries the part runs through, when the content states them; else
	// they are worked out from the line and the boundaries. A line drawn
	// along a border river can stray across a generalised border.
	Countries []string
}

// SlugWords writes a kind or status ("border-crossing") as words ("border
// crossing").
func SlugWords(slug string) string { return strings.ReplaceAll(slug, "-", " ") }

// Site is a place on the map.
type Site struct {
	ID, Name, Kind, Country string
	Geometry                orb.Geometry // a Point, or a Polygon/MultiPolygon for an area
	Since, Until            Date
	Description             string
	Sources                 []string
	CoordinatesSource       string
	Accuracy                string // "exact", "city" or "approx"
	Articles                []string
	Events                  []Event
}

// Point is where the site is marked: the point itself, or the centre of an
// area's bounds.
func (s *Site) Point() orb.Point {
	if p, ok := s.Geometry.(orb.Point); ok {
		return p
	}
	return s.Geometry.Bound().Center()
}

// CountryNote is what the content says about a country beyond its
// memberships.
type CountryNote struct {
	ID, Description   string
	Sources, Articles []string
	Events            []Event
}

// Map is the loaded data: boundaries and content, cross-linked.
type Map struct {
	Atlas     *atlas.Atlas
	Articles  []*Article
	Bodies    []*Body
	Corridors []*Corridor
	Sites     []*Site
	Ties      []*Tie
	Disputed  []*DisputedArea
	Notes     map[string]*CountryNote // by country id
	// OwnBoundaries is set when the content folder brings its own
	// boundaries (boundaries.topojson): they are used at every zoom, and
	// the default boundaries' 1:10m detail is not.
	OwnBoundaries bool
	// Warnings are what the checks found doubtful but not wrong enough to
	// refuse (see Problem): `silkmap check` prints them.
	Warnings []Problem

	kinds map[string]string // id -> kind, for every content id and country
	at    map[string]int    // id -> place in its kind's list (see add)
	// The links are worked out on first use (see link): the corridors'
	// countries need the boundaries' point index, which a map's first
	// frame does not.
	linked sync.Once
	links  map[string]map[string]bool // id -> linked ids, both directions
	// crosses lists, per corridor, the countries its lines pass through.
	crosses map[string][]string
	// The language the map speaks (lang.go): its words, country names and
	// which content text is translated.
	words        Words
	countryNames map[string]string
	translated   map[string]bool
}

// Kind returns the kind of the entity with this id, or "" if none.
func (m *Map) Kind(id string) string { return m.kinds[id] }

// Article returns the article with this id, or nil.
func (m *Map) Article(id string) *Article {
	return find(m.at, m.Articles, id, func(a *Article) string { return a.ID })
}

// Body returns the body with this id, or nil.
func (m *Map) Body(id string) *Body {
	return find(m.at, m.Bodies, id, func(b *Body) string { return b.ID })
}

// Corridor returns the corridor with this id, or nil.
func (m *Map) Corridor(id string) *Corridor {
	return find(m.at, m.Corridors, id, func(c *Corridor) string { return c.ID })
}

// Site returns the site with this id, or nil.
func (m *Map) Site(id string) *Site {
	return find(m.at, m.Sites, id, func(s *Site) string { return s.ID })
}

// Tie returns the tie with this id, or nil.
func (m *Map) Tie(id string) *Tie { return find(m.at, m.Ties, id, func(t *Tie) string { return t.ID }) }

// DisputedArea returns the disputed area with this id, or nil.
func (m *Map) DisputedArea(id string) *DisputedArea {
	return find(m.at, m.Disputed, id, func(d *DisputedArea) string { return d.ID })
}

// find looks an entity up by id in one step: editors bring thousands of
// sites, and a page's start looks each one up several times.
func find[T any](at map[string]int, list []T, id string, key func(T) string) T {
	if i, ok := at[id]; ok && i < len(list) && key(list[i]) == id {
		return list[i]
	}
	var zero T
	return zero
}

// add appends e, whose id is id, to list and records its place for find.
func add[T any](at map[string]int, list []T, id string, e T) []T {
	if id != "" {
		at[id] = len(list)
	}
	return append(list, e)
}

// Name returns the name of the entity with this id (an article's title) in
// the map's language, or "" if there is none.
func (m *Map) Name(id string) string {
	switch m.kinds[id] {
	case KindCountry:
		return m.CountryName(id)
	case KindBody:
		return nameOf(m.Body(id), func(b *Body) string { return b.Name })
	case KindCorridor:
		return nameOf(m.Corridor(id), func(c *Corridor) string { return c.Name })
	case KindSite:
		return nameOf(m.Site(id), func(s *Site) string { return s.Name })
	case KindTie:
		return nameOf(m.Tie(id), func(t *Tie) string { return t.Name })
	case KindDisputed:
		return nameOf(m.DisputedArea(id), func(d *DisputedArea) string { return d.Name })
	case KindArticle:
		return nameOf(m.Article(id), func(a *Article) string { return a.Title })
	}
	return ""
}

// nameOf is name(e), or "" when e is nil.
func nameOf[T any](e *T, name func(*T) string) string {
	if e == nil {
		return ""
	}
	return name(e)
}
