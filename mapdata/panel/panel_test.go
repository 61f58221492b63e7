package panel_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/panel"
)

func load(t *testing.T) *mapdata.Map {
	t.Helper()
	m, err := mapdata.Load(assets.Boundaries, fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// section returns the panel's section with a heading ("" for the one
// under the name), or nil.
func section(in panel.Info, heading string) *panel.Section {
	for i := range in.Sections {
		if in.Sections[i].Heading == heading {
			return &in.Sections[i]
		}
	}
	return nil
}

// text is an item's spans joined.
func text(it panel.Item) string {
	var b strings.Builder
	for _, s := range it.Spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

func TestNewInfo(t *testing.T) {
	m := load(t)
	in, ok := panel.NewInfo(m, "site:bagram", "2025-12-16")
	if !ok || in.Name != "Bagram Airbase" || in.KindLabel != "Site: airbase" {
		t.Fatalf("Bagram info = %+v", in)
	}
	const url = "https://www.cacianalyst.org/publications/analytical-articles.html"
	arts := section(in, "Articles")
	if arts == nil || len(arts.Items) != 3 || arts.Items[0].Spans[0].URL != url || text(arts.Items[0]) != "Central Asian States and the Bagram Dilemma" ||
		text(arts.Items[1]) != "Aleksandar Ivanović, Central Asia-Caucasus Analyst, 2025-12-16 (link: publication listing page)" || !arts.Items[1].Sub || !arts.Items[1].Muted ||
		text(arts.Items[2]) == "" || !arts.Items[2].Sub {
		t.Errorf("Bagram's articles = %+v", arts)
	}
	linked := section(in, "Linked on the map")
	if linked == nil || !slices.ContainsFunc(linked.Items, func(it panel.Item) bool { return it.Spans[0].ID == "AFG" && it.Spans[0].Text == "Afghanistan" }) {
		t.Errorf("Bagram links %+v, want Afghanistan", linked)
	}
	srcs := section(in, "Sources")
	if srcs == nil || text(srcs.Items[0]) != panel.Host(srcs.Items[0].Spans[0].URL) || strings.HasPrefix(text(srcs.Items[0]), "www.") {
		t.Errorf("Bagram's sources = %+v", srcs)
	}
	if ev := section(in, "Events"); ev == nil || ev.Items[0].Spans[2].Text != "[source]" || ev.Items[0].Spans[2].URL == "" {
		t.Errorf("Bagram's events = %+v", ev)
	}
	arm, _ := panel.NewInfo(m, "ARM", "2025-12-16")
	rows := section(arm, "Memberships")
	if rows == nil || len(rows.Items) != 2 || rows.Items[0].Class != "current" || !strings.HasPrefix(text(rows.Items[0]), "CSTO: frozen since 2024-02-22 [source] — ") ||
		!strings.HasPrefix(text(rows.Items[1]), "CSTO: member 1994-04-20 – 2024-02-22") || !rows.Items[1].Muted {
		t.Errorf("Armenia's memberships = %+v", rows)
	}
	old, _ := panel.NewInfo(m, "ARM", "2020-01-01")
	if rows := section(old, "Memberships"); !strings.HasPrefix(text(rows.Items[0]), "CSTO: member") || rows.Items[0].Class != "current" {
		t.Errorf("Armenia's rows on 2020-01-01 = %+v, want the membership then first and current", rows)
	}
	// A body lists its members, under "Members".
	ots, _ := panel.NewInfo(m, "ots", "")
	if mem := section(ots, "Members"); mem == nil || !slices.ContainsFunc(mem.Items, func(it panel.Item) bool { return strings.HasPrefix(text(it), "Hungary: observer") }) {
		t.Errorf("OTS members lack Hungary: %+v", mem)
	}
	// An article's listing link says what it is.
	bagram, _ := panel.NewInfo(m, "article:bagram-dilemma", "")
	if about := section(bagram, ""); about == nil || text(about.Items[1]) != "Read it (publication listing page)" || about.Items[1].Spans[0].URL != url {
		t.Errorf("the Bagram article's head = %+v", about)
	}
	if _, ok := panel.NewInfo(m, "nowhere", ""); ok {
		t.Error("info for an unknown id")
	}
}

func TestNewTooltip(t *testing.T) {
	m := load(t)
	tt, _ := panel.NewTooltip(m, "KAZ", "2025-12-16")
	if tt.Name != "Kazakhstan" || len(tt.Lines) != 3 || !strings.HasPrefix(tt.Lines[0], "OTS member since") {
		t.Errorf("tooltip = %+v", tt)
	}
	az, _ := panel.NewTooltip(m, "AZE", "2025-11-01")
	if len(az.Lines) != 1 {
		t.Errorf("Azerbaijan on 2025-11-01 = %+v, want the OTS only", az)
	}
}

func TestSearch(t *testing.T) {
	m := load(t)
	for _, tt := range []struct {
		q, first string
	}{
		{"turkiye", "TUR"},
		{"Bagram", "site:bagram"},
		{"OTS", "ots"},
		{"turkic council", "ots"},
		{"middle corr", "corridor:middle-corridor"},
		{"tolipov", "article:central-asian-community"},
		{"kaz", "KAZ"},
		{"turkmenbasy", "site:turkmenbashi"},
		// Everyday names find countries the map names otherwise.
		{"Turkey", "TUR"},
		{"UAE", "ARE"},
		{"burma", "MMR"},
		{"kyrgyz republic", "KGZ"},
	} {
		got := panel.Search(m, tt.q, 8)
		if len(got) == 0 || got[0].ID != tt.first {
			t.Errorf("Search(%q) = %+v, want %s first", tt.q, got, tt.first)
		}
	}
	if got := panel.Search(m, "   ", 8); len(got) != 0 {
		t.Errorf("empty query found %v", got)
	}
	if got := panel.Search(m, "a", 5); len(got) != 5 {
		t.Errorf("limit: got %d results", len(got))
	}
}

func TestTimeline(t *testing.T) {
	m := load(t)
	tl := panel.Timeline(m)
	if len(tl) < 40 || tl[0].Date > tl[len(tl)-1].Date {
		t.Fatalf("timeline of %d marks, from %s to %s", len(tl), tl[0].Date, tl[len(tl)-1].Date)
	}
	if !slices.ContainsFunc(tl, func(k panel.Mark) bool {
		return k.Date == "2025-11-16" && strings.Contains(k.Name, "Azerbaijan member")
	}) {
		t.Error("the timeline lacks Azerbaijan joining the Central Asian format")
	}
}

func TestContents(t *testing.T) {
	m := load(t)
	secs := panel.Contents(m, "2025-12-16")
	if len(secs) != 5 || secs[0].Title != "Organisations" || secs[4].Title != "Articles" {
		t.Fatalf("sections %+v", secs)
	}
	ots := secs[0].Items[0]
	if ots.ID != "ots" || !strings.Contains(ots.Detail, "members: Azerbaijan, Kazakhstan, Kyrgyzstan, Türkiye, Uzbekistan") || !strings.Contains(ots.Detail, "observers: Hungary") {
		t.Errorf("OTS item = %+v", ots)
	}
	before := panel.Contents(m, "2025-11-01")
	for _, it := range before[0].Items {
		if it.ID == "cac" && strings.Contains(it.Detail, "Azerbaijan") {
			t.Errorf("Azerbaijan listed in the Central Asian format before it joined: %s", it.Detail)
		}
	}
	if len(secs[4].Items) != 4 {
		t.Errorf("%d articles in the contents", len(secs[4].Items))
	}
}

// The timeline's steps: the known days since 1992, each once, in order, up
// to today; stepping on ends at today, stepping back stays at the first.
func TestDateSteps(t *testing.T) {
	m := load(t)
	steps := panel.DateSteps(m)
	if len(steps) < 20 || steps[0] < panel.TimelineStart || steps[len(steps)-1] > mapdata.Today() {
		t.Fatalf("%d steps from %s to %s", len(steps), steps[0], steps[len(steps)-1])
	}
	for i := 1; i < len(steps); i++ {
		if steps[i] <= steps[i-1] {
			t.Errorf("steps %s then %s: want each once, in order", steps[i-1], steps[i])
		}
	}
	if !slices.Contains(steps, "2009-10-03") || slices.Contains(steps, "1964-10-16") {
		t.Errorf("steps %v: want the Nakhchivan Agreement's day and nothing before 1992", steps)
	}
	last, first := steps[len(steps)-1], steps[0]
	for _, c := range []struct {
		cur  mapdata.Date
		dir  int
		want mapdata.Date
	}{
		{"", 1, ""}, {"", -1, last}, {last, 1, ""}, {first, -1, first},
		{"2009-10-03", -1, steps[slices.Index(steps, "2009-10-03")-1]},
		{"2009-10-03", 1, steps[slices.Index(steps, "2009-10-03")+1]},
		{"2009-10-04", -1, "2009-10-03"}, // a day between steps
		{"1980-01-01", 1, first},
	} {
		if got := panel.StepDate(steps, c.cur, c.dir); got != c.want {
			t.Errorf("StepDate(%q, %d) = %q, want %q", c.cur, c.dir, got, c.want)
		}
	}
}
