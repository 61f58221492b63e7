// Package panel computes what the reader's panels say — the info panel of
// the selection, the hover tooltip, search results, the timeline — from the
// catalog and the view, in pure Go. The browser renders it as DOM, the
// desktop draws it; both say the same.
package panel

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/silkmap/silkmap/mapdata"
)

// Info is the info panel for one entity: its kind and name, then
// sections. The browser renders it as DOM and the desktop draws it (laid
// out by layout.LayPanel); neither adds or drops anything, so both say the
// same.
type Info struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	KindLabel string    `json:"kindLabel"` // "Country", "Organisation", …
	Name      string    `json:"name"`
	NameLang  string    `json:"nameLang,omitempty"` // as Span.Lang
	Sections  []Section `json:"sections"`
}

// Section is a part of the panel: a heading ("" for the part under the
// name) and its items. Class names what it lists, for the page's styles:
// about, rows, events, articles, linked, sources.
type Section struct {
	Heading string `json:"heading"`
	Class   string `json:"class"`
	Items   []Item `json:"items"`
}

// Item is one entry of a section: a paragraph of spans. Muted items are
// secondary (a membership no longer in force, a byline); a Sub item goes
// on with the entry before it (an article's byline and summary).
type Item struct {
	Spans []Span `json:"spans"`
	Class string `json:"class,omitempty"` // current, past, byline, summary
	Muted bool   `json:"muted,omitempty"`
	Sub   bool   `json:"sub,omitempty"`
}

// Span is a run of text: plain, bold, muted, a link to open (URL) or an
// entity to show on the map (ID).
type Span struct {
	Text  string `json:"text"`
	Bold  bool   `json:"bold,omitempty"`
	Muted bool   `json:"muted,omitempty"`
	URL   string `json:"url,omitempty"`
	ID    string `json:"id,omitempty"`
	// Lang is the language of content text the map's language has no
	// translation of ("en"), which the page marks; "" for the map's own.
	Lang string `json:"lang,omitempty"`
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

var kindLabels = map[string]string{
	mapdata.KindCountry: "Country", mapdata.KindBody: "Organisation", mapdata.KindCorridor: "Corridor",
	mapdata.KindSite: "Site", mapdata.KindArticle: "Article",
}

// Caveats of listing links: where the catalog has only a publication's
// listing page for an article, the panel says so.
const (
	listingLink    = "Read it (publication listing page)"
	articleLink    = "Read the article"
	listingCaveat  = " (link: publication listing page)"
	sourceLinkText = "[source]"
)

// NewInfo builds the panel for id as of day ("" for today); false for an
// unknown id.
func NewInfo(m *mapdata.Map, id string, day mapdata.Date) (Info, bool) {
	e, ok := m.Show(id)
	if !ok {
		return Info{}, false
	}
	day = day.OrToday()
	w := m.Words()
	in := Info{ID: e.ID, Kind: e.Kind, KindLabel: w.T(kindLabels[e.Kind]), Name: e.Name, NameLang: m.TextLang(e.ID, nameField(e.Kind)), Sections: []Section{}}
	if s := m.Site(id); s != nil {
		in.KindLabel = w.F("Site: {0}", w.T(mapdata.SlugWords(s.Kind)))
	}
	add := func(heading, class string, items []Item) {
		if len(items) > 0 {
			in.Sections = append(in.Sections, Section{heading, class, items})
		}
	}

	var about []Item
	if e.Kind == mapdata.KindArticle {
		about = append(about, Item{Spans: []Span{{Text: byline(w, m.Article(id))}}, Class: "byline", Muted: true})
	}
	if e.URL != "" {
		text := articleLink
		if e.URLListing {
			text = listingLink
		}
		about = append(about, Item{Spans: []Span{{Text: w.T(text), URL: e.URL}}})
	}
	if e.Description != "" {
		field := "description"
		if e.Kind == mapdata.KindArticle {
			field = "summary"
		}
		about = append(about, Item{Spans: []Span{{Text: e.Description, Lang: m.TextLang(e.ID, field)}}})
	}
	add("", "about", about)

	// Memberships, those in force on day first.
	type row struct {
		item    Item
		current bool
	}
	var rows []row
	for _, s := range e.Memberships {
		label := shortName(m, s.Body) + ": " + w.T(s.Role)
		if e.Kind == mapdata.KindBody {
			label = m.Name(s.Country) + ": " + w.T(s.Role)
		}
		dates := w.F("since {0}", w.Date(s.Since))
		if s.Until != nil {
			dates = w.Date(s.Since) + " – " + w.Date(*s.Until)
		}
		current := mapdata.InForce(s.Since, derefDate(s.Until), day)
		it := Item{Spans: []Span{{Text: label, Bold: true}, {Text: " " + dates + " "}, {Text: w.T(sourceLinkText), URL: s.Source}}, Class: "current"}
		if s.Note != "" {
			it.Spans = append(it.Spans, Span{Text: " — " + s.Note, Muted: true, Lang: m.TextLang("", "note")})
		}
		if !current {
			it.Class, it.Muted = "past", true
		}
		rows = append(rows, row{it, current})
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if a.current != b.current {
			if a.current {
				return -1
			}
			return 1
		}
		return 0
	})
	var items []Item
	for _, r := range rows {
		items = append(items, r.item)
	}
	heading := "Memberships"
	if e.Kind == mapdata.KindBody {
		heading = "Members"
	}
	add(w.T(heading), "rows", items)
	in.Sections = append(in.Sections, tieSections(m, e, day)...) // ties.go

	items = nil
	for _, ev := range e.Events {
		items = append(items, Item{Spans: []Span{{Text: w.Date(ev.Date), Muted: true}, {Text: " " + ev.Name + " ", Lang: m.TextLang("", "event")}, {Text: w.T(sourceLinkText), URL: ev.Source}}})
	}
	add(w.T("Events"), "events", items)

	items = nil
	for _, a := range e.Articles {
		ar := ArticleRowIn(m, m.Article(a.ID))
		byline := ar.Byline
		if ar.IsListing {
			byline += w.T(listingCaveat)
		}
		items = append(items,
			Item{Spans: []Span{{Text: ar.Title, URL: ar.URL, Lang: m.TextLang(a.ID, "title")}}},
			Item{Spans: []Span{{Text: byline}}, Class: "byline", Muted: true, Sub: true},
			Item{Spans: []Span{{Text: ar.Summary, Lang: m.TextLang(a.ID, "summary")}}, Class: "summary", Sub: true})
	}
	add(w.T("Articles"), "articles", items)

	type linked struct{ id, name string }
	var links []linked
	for _, l := range e.Linked {
		if m.Kind(l) != mapdata.KindArticle {
			links = append(links, linked{l, m.Name(l)})
		}
	}
	slices.SortStableFunc(links, func(a, b linked) int { return cmp.Compare(a.name, b.name) })
	items = nil
	for _, l := range links {
		items = append(items, Item{Spans: []Span{{Text: l.name, ID: l.id, Lang: m.TextLang(l.id, nameField(m.Kind(l.id)))}}})
	}
	add(w.T("Linked on the map"), "linked", items)

	items = nil
	for _, src := range e.Sources {
		items = append(items, Item{Spans: []Span{{Text: Host(src), URL: src}}})
	}
	add(w.T("Sources"), "sources", items)
	return in, true
}

// Host is a link's host name without "www.", as the panel names a source.
func Host(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Hostname() == "" {
		return link
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func derefDate(d *mapdata.Date) mapdata.Date {
	if d == nil {
		return ""
	}
	return *d
}

// byline is "author, publication, date", the date written in w's language.
func byline(w mapdata.Words, a *mapdata.Article) string {
	return a.Author + ", " + a.Publication + ", " + w.Date(a.Date)
}

// ArticleRowIn is an article as the panels list it, in m's language.
func ArticleRowIn(m *mapdata.Map, a *mapdata.Article) ArticleRow {
	return ArticleRow{a.ID, a.Title, byline(m.Words(), a), a.Summary, a.URL, a.URLIsListing}
}

// nameField is the field that holds the name of an entity of kind.
func nameField(kind string) string {
	if kind == mapdata.KindArticle {
		return "title"
	}
	return "name"
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
	name := m.Name(id)
	if name == "" {
		return Tooltip{}, false
	}
	w := m.Words()
	t := Tooltip{Name: name, Lines: []string{}}
	switch m.Kind(id) {
	case mapdata.KindCountry:
		for _, s := range m.MembershipsOn(id, day) {
			t.Lines = append(t.Lines, w.F("{0} {1} since {2}", shortName(m, s.Body), w.T(s.Role), w.Date(s.Since)))
		}
	case mapdata.KindSite:
		t.Lines = append(t.Lines, w.T(mapdata.SlugWords(m.Site(id).Kind)))
	case mapdata.KindCorridor:
		c := m.Corridor(id)
		t.Lines = append(t.Lines, w.T(mapdata.SlugWords(c.Status)))
	default:
		t.Lines = append(t.Lines, tieTooltip(m, id, day)...) // ties.go
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
		// The map's language's name, and the boundaries' own (English) too.
		consider(c.ID, m.CountryName(c.ID), mapdata.KindCountry, append([]string{c.Name}, otherNames[c.ID]...)...)
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
	for _, t := range m.Ties {
		consider(t.ID, t.Name, mapdata.KindTie, mapdata.SlugWords(t.Kind))
	}
	for _, d := range m.Disputed {
		consider(d.ID, d.Name, mapdata.KindDisputed, "disputed")
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
	w := m.Words()
	for _, b := range m.Bodies {
		name := shortName(m, b.ID)
		for _, mem := range b.Members {
			out = append(out, Mark{string(mem.Since), w.F("{0} {1} of {2}", m.Name(mem.Country), w.T(mem.Role), name), b.ID})
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
	out = append(out, tieMarks(m)...) // ties.go
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

// ContentsPart is one part of the map's contents as a screen reader reads them.
type ContentsPart struct {
	Title string         `json:"title"`
	Items []ContentsItem `json:"items"`
}

// ContentsItem is one feature of the contents, with a line that says what it is.
type ContentsItem struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

// Contents lists, in a logical reading order, what the map shows on day:
// the bodies with their members, the countries in them, the corridors, the
// sites and the articles — a text mirror of the map for screen readers.
func Contents(m *mapdata.Map, day mapdata.Date) []ContentsPart {
	day = day.OrToday()
	w := m.Words()
	bodies := ContentsPart{Title: w.T("Organisations"), Items: []ContentsItem{}}
	countries := ContentsPart{Title: w.T("Countries in them"), Items: []ContentsItem{}}
	var seen []string
	for _, b := range m.Bodies {
		byRole := map[string][]string{}
		for _, mem := range b.Members {
			if mapdata.InForce(mem.Since, mem.Until, day) {
				byRole[mem.Role] = append(byRole[mem.Role], m.Name(mem.Country))
			}
			if !slices.Contains(seen, mem.Country) {
				seen = append(seen, mem.Country)
			}
		}
		var parts []string
		for _, role := range mapdata.Roles {
			if names := byRole[role]; len(names) > 0 {
				parts = append(parts, w.T(role+"s")+": "+strings.Join(names, ", "))
			}
		}
		bodies.Items = append(bodies.Items, ContentsItem{b.ID, b.Name, strings.Join(parts, "; ")})
	}
	slices.SortFunc(seen, func(a, b string) int { return cmp.Compare(m.Name(a), m.Name(b)) })
	for _, id := range seen {
		t, _ := NewTooltip(m, id, day)
		detail := strings.Join(t.Lines, "; ")
		if detail == "" {
			detail = w.T("in none of them on this date")
		}
		countries.Items = append(countries.Items, ContentsItem{id, t.Name, detail})
	}
	corridors := ContentsPart{Title: w.T("Corridors"), Items: []ContentsItem{}}
	for _, c := range m.Corridors {
		var through []string
		for _, id := range m.Crosses(c.ID) {
			through = append(through, m.Name(id))
		}
		corridors.Items = append(corridors.Items, ContentsItem{c.ID, c.Name, w.T(mapdata.SlugWords(c.Status)) + "; " + w.F("through {0}", strings.Join(through, ", "))})
	}
	sites := ContentsPart{Title: w.T("Sites"), Items: []ContentsItem{}}
	for _, s := range m.Sites {
		if mapdata.InForce(s.Since, s.Until, day) {
			sites.Items = append(sites.Items, ContentsItem{s.ID, s.Name, w.T(mapdata.SlugWords(s.Kind)) + ", " + m.Name(s.Country)})
		}
	}
	articles := ContentsPart{Title: w.T("Articles"), Items: []ContentsItem{}}
	for _, a := range m.Articles {
		articles.Items = append(articles.Items, ContentsItem{a.ID, a.Title, byline(w, a)})
	}
	return []ContentsPart{bodies, countries, corridors, sites, articles}
}
