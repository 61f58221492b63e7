package mapdata_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
)

// Every tie the articles name is in the shipped content, of its kind,
// between its countries, dated, sourced and linked to its article.
func TestTies_shipped(t *testing.T) {
	m := loadDefault(t)
	tests := []struct {
		id, kind  string
		countries []string
		directed  bool
		since     mapdata.Date
		article   string
	}{
		{"tie:shusha-declaration", "alliance", []string{"TUR", "AZE"}, false, "2021-06-15", "article:turkic-security-cooperation"},
		{"tie:turkiye-kazakhstan-defence-industry", "defence-industry", []string{"TUR", "KAZ"}, false, "2020", "article:turkic-security-cooperation"},
		{"tie:turkiye-kazakhstan-intelligence", "intelligence", []string{"TUR", "KAZ"}, false, "2022-05-10", "article:turkic-security-cooperation"},
		{"tie:turkiye-kazakhstan-partnership", "partnership", []string{"TUR", "KAZ"}, false, "2022-05-10", "article:turkic-security-cooperation"},
		{"tie:anka-kazakhstan", "arms-transfer", []string{"TUR", "KAZ"}, true, "2022-05-11", "article:turkic-security-cooperation"},
		{"tie:turkiye-uzbekistan-military-agreement", "defence-agreement", []string{"TUR", "UZB"}, false, "2022-03-29", "article:turkic-security-cooperation"},
		{"tie:tb2-kyrgyzstan", "arms-transfer", []string{"TUR", "KGZ"}, true, "2021-10", "article:turkic-security-cooperation"},
		{"tie:tb2-turkmenistan", "arms-transfer", []string{"TUR", "TKM"}, true, "2021-09", "article:turkic-security-cooperation"},
		{"tie:kazakhstan-uzbekistan-alliance", "alliance", []string{"KAZ", "UZB"}, false, "2021-12-06", "article:turkic-security-cooperation"},
		{"tie:azerbaijan-kazakhstan-alliance", "alliance", []string{"AZE", "KAZ"}, false, "2022-08-24", "article:turkic-security-cooperation"},
		{"tie:azerbaijan-uzbekistan-alliance", "alliance", []string{"AZE", "UZB"}, false, "2024-08-23", "article:turkic-security-cooperation"},
		{"tie:ots-defence-industry", "defence-industry", []string{"TUR", "AZE", "KAZ", "KGZ", "UZB"}, false, "2025-07-23", "article:turkic-security-cooperation"},
		{"tie:uzbekistan-us-investment", "investment", []string{"UZB", "USA"}, true, "2025-11-06", "article:us-central-asia-summit-china"},
		{"tie:kazakhstan-us-agreements", "commercial", []string{"KAZ", "USA"}, false, "2025-11-06", "article:us-central-asia-summit-china"},
		{"tie:kazakhstan-abraham-accords", "accord", []string{"KAZ", "ISR", "USA"}, false, "2025-11-06", "article:us-central-asia-summit-china"},
		{"tie:china-kazakhstan-trade", "trade", []string{"CHN", "KAZ"}, false, "2024-01", "article:us-central-asia-summit-china"},
		{"tie:china-kyrgyzstan-trade", "trade", []string{"CHN", "KGZ"}, false, "2024-01", "article:us-central-asia-summit-china"},
		{"tie:kazakhstan-afghanistan-trade", "trade", []string{"KAZ", "AFG"}, false, "2023", "article:bagram-dilemma"},
		{"tie:uzbekistan-afghanistan-trade", "trade", []string{"UZB", "AFG"}, false, "2024", "article:bagram-dilemma"},
		{"tie:china-mes-aynak", "investment", []string{"CHN", "AFG"}, true, "2008", "article:bagram-dilemma"},
		{"tie:russia-recognises-taliban", "recognition", []string{"RUS", "AFG"}, true, "2025-07-03", "article:bagram-dilemma"},
		{"tie:us-tajik-border-training", "training", []string{"USA", "TJK"}, true, "2002", "article:bagram-dilemma"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			tie := m.Tie(tt.id)
			if tie == nil {
				t.Fatalf("no tie %s", tt.id)
			}
			if tie.Kind != tt.kind || !slices.Equal(tie.Countries, tt.countries) || tie.Directed() != tt.directed || tie.Since != tt.since {
				t.Errorf("%s: %s %v directed %v since %s; want %s %v %v %s", tt.id, tie.Kind, tie.Countries, tie.Directed(), tie.Since, tt.kind, tt.countries, tt.directed, tt.since)
			}
			if len(tie.Sources) == 0 || !slices.Contains(tie.Articles, tt.article) {
				t.Errorf("%s: sources %v, articles %v; want sources and %s", tt.id, tie.Sources, tie.Articles, tt.article)
			}
		})
	}
	if len(m.Ties) != len(tests) {
		t.Errorf("%d ties shipped, the test knows %d", len(m.Ties), len(tests))
	}
	// The figures of Avdaliani's article, for January–October.
	for id, want := range map[string][2]float64{"tie:china-kazakhstan-trade": {36.5, 39.8}, "tie:china-kyrgyzstan-trade": {17.4, 23.6}} {
		tie := m.Tie(id)
		if v := tie.ValueOn("2024-12-01"); v == nil || v.Amount != want[0] || v.Unit != "bn USD" || v.Since != "2024-01" || v.Until != "2024-11" {
			t.Errorf("%s in 2024: %+v, want %v bn USD for January–October", id, v, want[0])
		}
		if v := tie.ValueOn("2025-12-16"); v == nil || v.Amount != want[1] || v.Label() != strings.TrimRight(strings.TrimRight(jsonNum(want[1]), "0"), ".")+" bn USD" {
			t.Errorf("%s in 2025: %+v, want %v bn USD", id, v, want[1])
		}
	}
}

func jsonNum(f float64) string { b, _ := json.Marshal(f); return string(b) }

// show --json tie:ID and the ties of a country, as the issue has them.
func TestShow_ties(t *testing.T) {
	m := loadDefault(t)
	e, ok := m.Show("tie:anka-kazakhstan")
	if !ok || e.Kind != mapdata.KindTie || e.TieKind != "arms-transfer" || !slices.Equal(e.From, []string{"TUR"}) || !slices.Equal(e.To, []string{"KAZ"}) {
		t.Fatalf("show tie:anka-kazakhstan = %+v", e)
	}
	kaz, _ := m.Show("KAZ")
	b, _ := json.Marshal(kaz)
	var doc struct {
		Ties []struct {
			ID        string   `json:"id"`
			TieKind   string   `json:"tie_kind"`
			With      []string `json:"with"`
			Direction *string  `json:"direction"`
		} `json:"ties"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range doc.Ties {
		switch r.ID {
		case "tie:anka-kazakhstan":
			if r.Direction == nil || *r.Direction != "in" || !slices.Equal(r.With, []string{"TUR"}) {
				t.Errorf("KAZ's Anka tie = %+v, want in from TUR", r)
			}
			found++
		case "tie:china-kazakhstan-trade":
			if r.Direction != nil || r.TieKind != "trade" || !slices.Equal(r.With, []string{"CHN"}) {
				t.Errorf("KAZ's China trade = %+v, want both ways with CHN", r)
			}
			found++
		}
	}
	if found != 2 {
		t.Errorf("KAZ's ties %s lack the Anka or China trade tie", b)
	}
	fra, _ := m.Show("FRA")
	if b, _ := json.Marshal(fra); !strings.Contains(string(b), `"ties":[]`) {
		t.Errorf("FRA: %s, want an empty ties list", b)
	}
	if b, _ := json.Marshal(e); strings.Contains(string(b), `"ties"`) {
		t.Errorf("a tie's show has a ties list: %s", b)
	}
}

// The new bodies: dated members, the partner role.
func TestBodies_new(t *testing.T) {
	m := loadDefault(t)
	roles := func(country string, day mapdata.Date) []string {
		var out []string
		for _, s := range m.MembershipsOn(country, day) {
			if slices.Contains([]string{"sco", "caco", "c5plus1", "eaeu"}, s.Body) {
				out = append(out, s.Body+" "+s.Role)
			}
		}
		return out
	}
	for _, tt := range []struct {
		country string
		day     mapdata.Date
		want    []string
	}{
		{"KAZ", "2025-12-16", []string{"sco member", "c5plus1 member", "eaeu member"}},
		{"KAZ", "2003-01-01", []string{"sco member", "caco member"}},
		{"RUS", "2005-01-01", []string{"sco member", "caco member"}},
		{"RUS", "2006-01-01", []string{"sco member"}},
		{"USA", "2025-12-16", []string{"c5plus1 partner"}},
		{"USA", "2015-01-01", nil},
		{"IND", "2010-01-01", []string{"sco observer"}},
		{"IND", "2018-01-01", []string{"sco member"}},
		{"IRN", "2023-07-04", []string{"sco member"}},
		{"TUR", "2025-12-16", []string{"sco partner"}},
		{"UZB", "2025-12-16", []string{"sco member", "c5plus1 member", "eaeu observer"}},
		{"ARM", "2015-01-02", []string{"eaeu member"}},
		{"TKM", "2025-12-16", []string{"c5plus1 member"}},
	} {
		if got := roles(tt.country, tt.day); !slices.Equal(got, tt.want) {
			t.Errorf("%s on %s: %v, want %v", tt.country, tt.day, got, tt.want)
		}
	}
	for _, id := range []string{"sco", "caco", "c5plus1", "eaeu"} {
		b := m.Body(id)
		if b == nil || !b.HiddenByDefault || len(b.Sources) == 0 || m.DefaultLayer(id) {
			t.Errorf("%s: %+v; want a body hidden by default, with sources", id, b)
		}
	}
	for _, id := range []string{"ots", "csto", "cac"} {
		if !m.DefaultLayer(id) {
			t.Errorf("%s is not on by default", id)
		}
	}
}

// At in each disputed area today and before its dispute began.
func TestAt_disputed(t *testing.T) {
	m := loadDefault(t)
	for _, tt := range []struct {
		id               string
		at               orb.Point
		before           mapdata.Date
		country, earlier string // the country today and before
		admin            string // "" for an authority without a code
		claim            string
	}{
		{"disputed:crimea", orb.Point{34.1, 45.3}, "2010-01-01", "RUS", "UKR", "RUS", "UKR"},
		{"disputed:abkhazia", orb.Point{41.0, 43.0}, "1990-01-01", "GEO", "GEO", "", "GEO"},
		{"disputed:south-ossetia", orb.Point{43.97, 42.3}, "1990-01-01", "GEO", "GEO", "", "GEO"},
		{"disputed:transnistria", orb.Point{29.6, 46.85}, "1990-01-01", "MDA", "MDA", "", "MDA"},
		{"disputed:northern-cyprus", orb.Point{33.6, 35.25}, "1980-01-01", "CYN", "CYP", "CYN", "CYP"},
		{"disputed:kashmir-india", orb.Point{74.8, 34.1}, "1940-01-01", "IND", "IND", "IND", "PAK"},
		{"disputed:kashmir-pakistan", orb.Point{74.5, 35.9}, "1940-01-01", "PAK", "PAK", "PAK", "IND"},
		{"disputed:aksai-chin", orb.Point{79.5, 35.2}, "1950-01-01", "CHN", "CHN", "CHN", "IND"},
		{"disputed:siachen", orb.Point{77.0, 35.5}, "1980-01-01", "KAS", "KAS", "IND", "PAK"},
		{"disputed:kosovo", orb.Point{20.9, 42.6}, "2000-01-01", "XKX", "SRB", "XKX", "SRB"},
		{"disputed:western-sahara", orb.Point{-12, 26}, "1970-01-01", "ESH", "ESH", "MAR", ""},
	} {
		t.Run(tt.id, func(t *testing.T) {
			r := m.At(tt.at, "2025-12-16")
			if r.Disputed == nil || r.Disputed.ID != tt.id || r.Country == nil || r.Country.ISO != tt.country {
				t.Fatalf("today: country %+v, disputed %+v; want %s in %s", r.Country, r.Disputed, tt.country, tt.id)
			}
			d := r.Disputed
			if got := deref(d.AdministeredBy.ID); got != tt.admin || len(d.ClaimedBy) == 0 || deref(d.ClaimedBy[0].ID) != tt.claim || d.Source == "" || d.Until != nil {
				t.Errorf("today: %+v; want administered by %q, claimed by %q", d, tt.admin, tt.claim)
			}
			old := m.At(tt.at, tt.before)
			if old.Disputed != nil || old.Country == nil || old.Country.ISO != tt.earlier {
				t.Errorf("%s: country %+v, disputed %+v; want %s and no dispute", tt.before, old.Country, old.Disputed, tt.earlier)
			}
		})
	}
	// Nagorno-Karabakh is history: disputed in 2020, not today.
	p := orb.Point{46.75, 39.82}
	if r := m.At(p, "2020-01-01"); r.Disputed == nil || r.Disputed.ID != "disputed:nagorno-karabakh" || r.Disputed.Until == nil || *r.Disputed.Until != "2024-01-01" {
		t.Errorf("Nagorno-Karabakh in 2020: %+v", r.Disputed)
	}
	if r := m.At(p, "2025-12-16"); r.Disputed != nil || r.Country.ISO != "AZE" {
		t.Errorf("Nagorno-Karabakh today: %+v %+v, want Azerbaijan, no dispute", r.Country, r.Disputed)
	}
	// Elsewhere: null.
	if b, _ := json.Marshal(m.At(orb.Point{69.28, 41.31}, "2025-12-16")); !strings.Contains(string(b), `"disputed":null`) {
		t.Errorf("Tashkent: %s, want \"disputed\":null", b)
	}
	// The JSON shape of the issue.
	b, _ := json.Marshal(m.At(orb.Point{41.0, 43.0}, "2025-12-16").Disputed)
	for _, key := range []string{`"id":"disputed:abkhazia"`, `"administered_by":{"id":null,`, `"claimed_by":[{"id":"GEO"`, `"since":"1993-09-27"`, `"until":null`, `"source":"https://`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("Abkhazia: %s lacks %s", b, key)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
