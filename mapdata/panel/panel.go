// Package panel computes what the reader's panels say — the info panel of
// the selection, the hover tooltip, search results, the timeline — from the
// catalog and the view, in pure Go. The browser renders it as DOM, the
// desktop draws it; both say the same.
package panel

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/silkmap/silkmap/mapdata"
)

// Info is the info panel for one entity.
type Info struct {
	ID          string       `json:"id"`
	Kind        string       `json:"kind"`
	KindLabel   string       `json:"kindLabel"` // "Country", "Organisation", …
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Byline      string       `json:"byline,omitempty"` // articles: author, publication, date
	Rows        []Row        `json:"rows"`             // memberships (as of the view's date first)
	Events      []Event      `json:"events"`
	Articles    []ArticleRow `json:"articles"`
	Sources     []string     `json:"sources"`
	Linked      []LinkRow    `json:"linked"`
	URL         string       `json:"url,omitempty"` // an article's own link
	URLListing  bool         `json:"urlIsListing,omitempty"`
}

// Row is one membership period, phrased for reading.
type Row struct {
	Body    string `json:"body"`    // body id
	Country string `json:"country"` // country id
	Label   string `json:"label"`   // "OTS: member" or "Kazakhstan: member"
	Dates   string `json:"dates"`   // "since 2009-10-03" or "1994-04-20 – 1999-04-20"
	Role    string `json:"role"`
	Current bool   `json:"current"` // in force on the view's date
	Source  string `json:"source"`
	Note    string `json:"note,omitempty"`
}

// Event is a dated line of the panel.
type Event struct {
	Date   string `json:"date"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

// ArticleRow is a linked article with what the reader needs to choose it.
type ArticleRow struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Summary   string `json:"summary"`
	URL       string `json:"url"`
	IsListing bool   `json:"urlIsListing"`
}

// LinkRow is another entity the panel links to.
type LinkRow struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

var kindLabels = map[string]string{
	mapdata.KindCountry: "Country", mapdata.KindBody: "Organisation", mapdata.KindCorridor: "Corridor",
	mapdata.KindSite: "Site", mapdata.KindArticle: "Article",
}

// NewInfo builds the panel for id as of day ("" for today); false for an
// unknown id.
func NewInfo(m *mapdata.Map, id string, day mapdata.Date) (Info, bool) {
	e, ok := m.Show(id)
	if !ok {
		return Info{}, false
	}
	day = day.OrToday()
	in := Info{ID: e.ID, Kind: e.Kind, KindLabel: kindLabels[e.Kind], Name: e.Name, Description: e.Description,
		Sources: e.Sources, Rows: []Row{}, Events: []Event{}, Articles: []ArticleRow{}, Linked: []LinkRow{},
		URL: e.URL, URLListing: e.URLListing}
	if e.Kind == mapdata.KindArticle {
		in.Byline = Byline(m.Article(id))
	}
	if s := m.Site(id); s != nil {
		in.KindLabel = "Site: " + mapdata.SlugWords(s.Kind)
	}
	for _, s := range e.Memberships {
		r := Row{Body: s.Body, Country: s.Country, Role: s.Role, Source: s.Source, Note: s.Note,
			Current: mapdata.InForce(s.Since, derefDate(s.Until), day)}
		if e.Kind == mapdata.KindBody {
			r.Label = Name(m, s.Country) + ": " + s.Role
		} else {
			r.Label = shortName(m, s.Body) + ": " + s.Role
		}
		r.Dates = "since " + string(s.Since)
		if s.Until != nil {
			r.Dates = string(s.Since) + " – " + string(*s.Until)
		}
		in.Rows = append(in.Rows, r)
	}
	slices.SortStableFunc(in.Rows, func(a, b Row) int {
		if a.Current != b.Current {
			if a.Current {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, ev := range e.Events {
		in.Events = append(in.Events, Event{string(ev.Date), ev.Name, ev.Source})
	}
	for _, a := range e.Articles {
		art := m.Article(a.ID)
		in.Articles = append(in.Articles, ArticleRowOf(art))
	}
	for _, l := range e.Linked {
		if k := m.Kind(l); k != mapdata.KindArticle {
			in.Linked = append(in.Linked, LinkRow{l, Name(m, l), k})
		}
	}
	slices.SortStableFunc(in.Linked, func(a, b LinkRow) int { return cmp.Compare(a.Name, b.Name) })
	return in, true
}

func derefDate(d *mapdata.Date) mapdata.Date {
	if d == nil {
		return ""
	}
	return *d
}

// Byline is "author, publication, date".
func Byline(a *mapdata.Article) string {
	return a.Author + ", " + a.Publication + ", " + string(a.Date)
}

// ArticleRowOf is an article as the panels list it.
func ArticleRowOf(a *mapdata.Article) ArticleRow {
	return ArticleRow{a.ID, a.Title, Byline(a), a.Summary, a.URL, a.URLIsListing}
}

// Name is the display name of any id ("" if unknown).
func Name(m *mapdata.Map, id string) string {
	if e, ok := m.Show(id); ok {
		return e.Name
	}
	return ""
}

func shortName(m *mapdata.Map, body string) string {
	if b := m.Body(body); b != nil && b.ShortName != "" {
		return b.ShortName
	}
	return body
}

// Tooltip is the hover text: the name, then what the country belongs to on
// day (or what the feature is).
type Tooltip struct {
	Name  string   `json:"name"`
	Lines []string `json:"lines"`
}

// NewTooltip builds the tooltip for id as of day.
func NewTooltip(m *mapdata.Map, id string, day mapdata.Date) (Tooltip, bool) {
	day = day.OrToday()
	name := Name(m, id)
	if name == "" {
		return Tooltip{}, false
	}
	t := Tooltip{Name: name, Lines: []string{}}
	switch m.Kind(id) {
	case mapdata.KindCountry:
		for _, s := range m.MembershipsOn(id, day) {
			t.Lines = append(t.Lines, shortName(m, s.Body)+" "+s.Role+" since "+string(s.Since))
		}
	case mapdata.KindSite:
		t.Lines = append(t.Lines, strings.ReplaceAll(m.Site(id).Kind, "-", " "))
	case mapdata.KindCorridor:
		c := m.Corridor(id)
		t.Lines = append(t.Lines, mapdata.SlugWords(c.Status))
	}
	return t, true
}

// Result is one search hit.
type Result struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// otherNames are names readers also search countries by: former or
// everyday English ones where the map uses the country's own choice.
var otherNames = map[string][]string{
	"TUR": {"Turkey"},
	"KGZ": {"Kyrgyz Republic", "Kirghizia"},
	"RUS": {"Russian Federation"},
	"USA": {"United States", "USA", "US", "America"},
	"GBR": {"UK", "Great Britain", "Britain"},
	"ARE": {"UAE"},
	"CZE": {"Czech Republic"},
	"MMR": {"Burma"},
	"SWZ": {"Swaziland"},
	"CIV": {"Ivory Coast"},
	"TLS": {"East Timor"},
	"CPV": {"Cape Verde"},
	"COD": {"DR Congo", "DRC"},
	"KOR": {"Republic of Korea"},
	"PRK": {"DPRK"},
}

// Search finds countries, bodies, corridors, sites and articles whose name
// (or id, or a body's short name, or a country's other name) contains
// every word of q, ignoring case
// and accents; names that start with the query come first. At most limit
// results.
func Search(m *mapdata.Map, q string, limit int) []Result {
	words := strings.Fields(fold(q))
	out := []Result{}
	if len(words) == 0 {
		return out
	}
	type hit struct {
		r     Result
		score int
	}
	var hits []hit
	consider := func(id, name, kind string, extra ...string) {
		hay := fold(strings.Join(append([]string{name, id}, extra...), " "))
		for _, w := range words {
			if !strings.Contains(hay, w) {
				return
			}
		}
		// An exact name, id or short name first, then names that start
		// with the query.
		score := 2
		q := strings.Join(words, " ")
		for _, n := range append([]string{name, id}, extra...) {
			switch fn := fold(n); {
			case fn == q:
				score = 0
			case score > 1 && strings.HasPrefix(fn, words[0]):
				score = 1
			}
		}
		hits = append(hits, hit{Result{id, name, kind}, score})
	}
	for _, c := range m.Atlas.Countries {
		consider(c.ID, c.Name, mapdata.KindCountry, otherNames[c.ID]...)
	}
	for _, b := range m.Bodies {
		names := []string{b.ShortName}
		for _, f := range b.FormerNames {
			names = append(names, f.Name)
		}
		consider(b.ID, b.Name, mapdata.KindBody, names...)
	}
	for _, c := range m.Corridors {
		consider(c.ID, c.Name, mapdata.KindCorridor)
	}
	for _, s := range m.Sites {
		consider(s.ID, s.Name, mapdata.KindSite)
	}
	for _, a := range m.Articles {
		consider(a.ID, a.Title, mapdata.KindArticle, a.Author)
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			return a.score - b.score
		}
		return cmp.Compare(a.r.Name, b.r.Name)
	})
	for i := 0; i < len(hits) && i < limit; i++ {
		out = append(out, hits[i].r)
	}
	return out
}

// fold lowercases and strips accents, so "turkiye" finds "Türkiye".
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ı':
			r = 'i'
		case 'ş':
			r = 's'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Mark is a dated event on the timeline.
type Mark struct {
	Date string `json:"date"`
	Name string `json:"name"`
	ID   string `json:"id"` // the entity it belongs to
}

// Timeline lists every dated event and membership change, oldest first, for
// the date control.
func Timeline(m *mapdata.Map) []Mark {
	var out []Mark
	for _, b := range m.Bodies {
		name := shortName(m, b.ID)
		for _, mem := range b.Members {
			out = append(out, Mark{string(mem.Since), Name(m, mem.Country) + " " + mem.Role + " of " + name, b.ID})
		}
		for _, e := range b.Meetings {
			out = append(out, Mark{string(e.Date), name + ": " + e.Name, b.ID})
		}
	}
	for _, c := range m.Corridors {
		for _, e := range c.Events {
			out = append(out, Mark{string(e.Date), e.Name, c.ID})
		}
	}
	for _, s := range m.Sites {
		for _, e := range s.Events {
			out = append(out, Mark{string(e.Date), s.Name + ": " + e.Name, s.ID})
		}
	}
	slices.SortStableFunc(out, func(a, b Mark) int { return cmp.Compare(a.Date, b.Date) })
	return out
}

// TimelineStart is the first day the timelines (the page's slider, the
// desktop's keys) reach: the bodies' history starts after 1991.
const TimelineStart mapdata.Date = "1992-01-01"

// DateSteps are the days a timeline steps through: those of the events
// and membership changes known to the day, from TimelineStart to today,
// each once, oldest first.
func DateSteps(m *mapdata.Map) []mapdata.Date {
	today := mapdata.Today()
	var out []mapdata.Date
	for _, k := range Timeline(m) {
		d := mapdata.Date(k.Date)
		if len(d) == len(TimelineStart) && d >= TimelineStart && d <= today && (len(out) == 0 || out[len(out)-1] != d) {
			out = append(out, d)
		}
	}
	return out
}

// StepDate is the day dir steps (1 on, -1 back) from day cur ("" for
// today) through DateSteps: on from the last step is today (""), back from
// today the last step, and the first step stays the first.
func StepDate(steps []mapdata.Date, cur mapdata.Date, dir int) mapdata.Date {
	if len(steps) == 0 {
		return cur
	}
	if dir > 0 {
		if cur == "" {
			return ""
		}
		for _, d := range steps {
			if d > cur {
				return d
			}
		}
		return ""
	}
	if cur == "" {
		return steps[len(steps)-1]
	}
	prev := steps[0]
	for _, d := range steps {
		if d >= cur {
			break
		}
		prev = d
	}
	return prev
}

// Section is one part of the map's contents as a screen reader reads them.
type Section struct {
	Title string `json:"title"`
	Items []Item `json:"items"`
}

// Item is one feature of the contents, with a line that says what it is.
type Item struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

// Contents lists, in a logical reading order, what the map shows on day:
// the bodies with their members, the countries in them, the corridors, the
// sites and the articles — a text mirror of the map for screen readers.
func Contents(m *mapdata.Map, day mapdata.Date) []Section {
	day = day.OrToday()
	bodies := Section{Title: "Organisations", Items: []Item{}}
	countries := Section{Title: "Countries in them", Items: []Item{}}
	var seen []string
	for _, b := range m.Bodies {
		byRole := map[string][]string{}
		for _, mem := range b.Members {
			if mapdata.InForce(mem.Since, mem.Until, day) {
				byRole[mem.Role] = append(byRole[mem.Role], Name(m, mem.Country))
			}
			if !slices.Contains(seen, mem.Country) {
				seen = append(seen, mem.Country)
			}
		}
		var parts []string
		for _, role := range mapdata.Roles {
			if names := byRole[role]; len(names) > 0 {
				parts = append(parts, role+"s: "+strings.Join(names, ", "))
			}
		}
		bodies.Items = append(bodies.Items, Item{b.ID, b.Name, strings.Join(parts, "; ")})
	}
	slices.SortFunc(seen, func(a, b string) int { return cmp.Compare(Name(m, a), Name(m, b)) })
	for _, id := range seen {
		t, _ := NewTooltip(m, id, day)
		detail := strings.Join(t.Lines, "; ")
		if detail == "" {
			detail = "in none of them on this date"
		}
		countries.Items = append(countries.Items, Item{id, t.Name, detail})
	}
	corridors := Section{Title: "Corridors", Items: []Item{}}
	for _, c := range m.Corridors {
		var through []string
		for _, id := range m.Crosses(c.ID) {
			through = append(through, Name(m, id))
		}
		corridors.Items = append(corridors.Items, Item{c.ID, c.Name, mapdata.SlugWords(c.Status) + "; through " + strings.Join(through, ", ")})
	}
	sites := Section{Title: "Sites", Items: []Item{}}
	for _, s := range m.Sites {
		if mapdata.InForce(s.Since, s.Until, day) {
			sites.Items = append(sites.Items, Item{s.ID, s.Name, mapdata.SlugWords(s.Kind) + ", " + Name(m, s.Country)})
		}
	}
	articles := Section{Title: "Articles", Items: []Item{}}
	for _, a := range m.Articles {
		articles.Items = append(articles.Items, Item{a.ID, a.Title, Byline(a)})
	}
	return []Section{bodies, countries, corridors, sites, articles}
}
