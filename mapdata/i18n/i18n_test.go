//go:build !js

package i18n_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/assets/fonts"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/panel"
)

func readFile(t *testing.T, lang string) i18n.File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("lang", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var f i18n.File
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// usedKeys finds the strings the code translates: w.T/F/N("…") in Go,
// t('…') and n('…') in the page's scripts, and the text and labels of
// index.html (which the loader translates as they are).
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	goCall := regexp.MustCompile(`\b(?:w|Words\(\))\.[TFN]\("((?:[^"\\]|\\.)*)"`)
	goConst := regexp.MustCompile(`(?m)^\s*(?:listingLink|articleLink|listingCaveat|sourceLinkText|Attribution)\s*=\s*"((?:[^"\\]|\\.)*)"`)
	jsCall := regexp.MustCompile(`\b(?:t|shell\.n)\('((?:[^'\\]|\\.)*)'`)
	for _, dir := range []string{"../panel", "../layout", "../../render", "../../wasm/pageapi", "../../render/raster"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, _ := os.ReadFile(f)
			for _, re := range []*regexp.Regexp{goCall, goConst} {
				for _, m := range re.FindAllStringSubmatch(string(b), -1) {
					keys[strings.ReplaceAll(m[1], `\"`, `"`)] = f
				}
			}
		}
	}
	for _, f := range []string{"../../wasm/web/ui.js", "../../wasm/web/loader.js"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range jsCall.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = f
		}
	}
	b, err := os.ReadFile("../../wasm/web/index.html")
	if err != nil {
		t.Fatal(err)
	}
	html := regexp.MustCompile(`(?s)<script.*?</script>|<noscript>|</noscript>`).ReplaceAllString(string(b), "")
	html = strings.ReplaceAll(html, `{{$title}}`, "silkmap — Turkic states, the CSTO, Central Asia and the Middle Corridor")
	html = regexp.MustCompile(`(?s)\{\{.*?\}\}`).ReplaceAllString(html, "")
	letter := regexp.MustCompile(`\pL`)
	for _, re := range []*regexp.Regexp{regexp.MustCompile(`>([^<>]+)<`), regexp.MustCompile(`(?:aria-label|placeholder|title|alt)="([^"]+)"`), regexp.MustCompile(`name="description" content="([^"]+)"`)} {
		for _, m := range re.FindAllStringSubmatch(html, -1) {
			k := strings.TrimSpace(m[1])
			if letter.MatchString(k) && k != "Natural Earth" && k != "silkmap" {
				keys[k] = "index.html"
			}
		}
	}
	// The words of data: roles, kinds of entity, the default content's
	// kinds of site and corridor and the statuses.
	for _, r := range mapdata.Roles {
		keys[r] = "mapdata.Roles"
		keys[r+"s"] = "mapdata.Roles"
	}
	for _, k := range []string{"country", "body", "corridor", "site", "article", "Country", "Organisation", "Corridor", "Site", "Article", "Sites", "Tie", "Disputed area"} {
		keys[k] = "kinds"
	}
	m := defaultMap(t)
	for _, s := range m.Sites {
		keys[mapdata.SlugWords(s.Kind)] = "sites.geojson"
	}
	for _, c := range m.Corridors {
		keys[mapdata.SlugWords(c.Status)] = "corridors.json"
	}
	for _, k := range mapdata.TieKinds {
		keys[mapdata.SlugWords(k)] = "mapdata.TieKinds"
	}
	return keys
}

func defaultMap(t *testing.T) *mapdata.Map {
	t.Helper()
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Every string the code translates is in every language's file, and no
// file has strings the others lack.
func TestLanguages_complete(t *testing.T) {
	en := readFile(t, "en")
	for k, where := range usedKeys(t) {
		if _, ok := en.Strings[k]; !ok {
			t.Errorf("%q (%s) is missing from lang/en.json", k, where)
		}
	}
	for _, lang := range i18n.Langs() {
		f := readFile(t, lang)
		if f.Lang != lang || f.Name == "" || f.Dates.Day == "" {
			t.Errorf("lang/%s.json: lang %q, name %q, dates %+v", lang, f.Lang, f.Name, f.Dates)
		}
		for k := range en.Strings {
			if strings.TrimSpace(f.Strings[k]) == "" {
				t.Errorf("lang/%s.json: missing %q", lang, k)
			}
		}
		for k, v := range f.Strings {
			if _, ok := en.Strings[k]; !ok {
				t.Errorf("lang/%s.json: %q is not an English string the map uses", lang, k)
			}
			for _, ph := range regexp.MustCompile(`\{\d\}`).FindAllString(k, -1) {
				if !strings.Contains(v, ph) {
					t.Errorf("lang/%s.json: %q lacks %s", lang, v, ph)
				}
			}
		}
	}
	var want []string
	for _, l := range i18n.Langs()[1:] {
		want = append(want, l+".json")
	}
	if !slices.Equal(mapdata.TranslationFiles, want) {
		t.Errorf("mapdata.TranslationFiles = %v, want %v", mapdata.TranslationFiles, want)
	}
}

// A language with gaps says what it lacks in English, string by string.
func TestLocale_fallback(t *testing.T) {
	loc, err := i18n.Parse([]byte(`{"lang":"xx","plural":"ru","strings":{"Members":"Участники","{0} kind|{0} kinds":"{0} вид|{0} вида|{0} видов"}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{loc.T("Members"), "Участники"},
		{loc.T("Sources"), "Sources"},
		{loc.F("since {0}", "2020"), "since 2020"},
		{loc.N("{0} kind|{0} kinds", 1), "1 вид"},
		{loc.N("{0} kind|{0} kinds", 3), "3 вида"},
		{loc.N("{0} kind|{0} kinds", 11), "11 видов"},
		{loc.N("{0} day|{0} days", 1), "1 day"},
		{loc.N("{0} day|{0} days", 5), "5 days"},
		{loc.Date("2024-06-01"), "2024-06-01"},
		{i18n.English.T("Members"), "Members"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestLocale_dates(t *testing.T) {
	ru, err := i18n.Load("ru")
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range map[mapdata.Date]string{"2024-06-01": "01.06.2024", "2025-09": "09.2025", "1992": "1992"} {
		if got := ru.Date(d); got != want {
			t.Errorf("ru.Date(%s) = %q, want %q", d, got, want)
		}
	}
}

// The default content in Russian: country names from i18n-iso-countries
// and the project's table, the content's own translations, words around
// them, and English text marked as such.
func TestApply_russian(t *testing.T) {
	m := defaultMap(t)
	ru, err := i18n.Load("ru")
	if err != nil {
		t.Fatal(err)
	}
	data, err := assets.Content().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile("ru.json")
	if err != nil {
		t.Fatal(err)
	}
	c, probs := i18n.ParseContent(m, "ru", "ru.json", data, 12)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	i18n.Apply(m, ru, c)
	for id, want := range map[string]string{"KAZ": "Казахстан", "CYN": "Северный Кипр", "RUS": "Россия", "ots": "Организация тюркских государств", "site:bagram": "Авиабаза Баграм"} {
		if got := m.Name(id); got != want {
			t.Errorf("Name(%s) = %q, want %q", id, got, want)
		}
	}
	in, _ := panel.NewInfo(m, "ots", "2024-01-01")
	if in.KindLabel != "Организация" || in.NameLang != "" {
		t.Errorf("ots: kind %q, name lang %q", in.KindLabel, in.NameLang)
	}
	var headings []string
	for _, s := range in.Sections {
		headings = append(headings, s.Heading)
		if s.Class == "about" && s.Items[0].Spans[0].Lang != "en" {
			t.Errorf("ots's English description is not marked: %+v", s.Items[0].Spans[0])
		}
	}
	if !slices.Contains(headings, "Участники") || !slices.Contains(headings, "Источники") {
		t.Errorf("ots's headings = %q", headings)
	}
	tip, _ := panel.NewTooltip(m, "KAZ", "2024-01-01")
	if len(tip.Lines) == 0 || !strings.Contains(tip.Lines[0], "член") || !strings.Contains(tip.Lines[0], ".20") {
		t.Errorf("KAZ's tooltip = %q", tip.Lines)
	}
	if hits := panel.Search(m, "Kazakhstan", 3); len(hits) == 0 || hits[0].ID != "KAZ" {
		t.Errorf("English names are not found in Russian: %v", hits)
	}
}

func TestParseContent_problems(t *testing.T) {
	m := defaultMap(t)
	_, probs := i18n.ParseContent(m, "ru", "ru.json", []byte(`{"text":{"nato":{"name":"НАТО"},"ots":{"url":"x","name":""},"site:bagram":{"description":"<b>x</b>"}},"story":{"scenes":{"99":{"title":"x"},"1":{"speaker":"x"}}}}`), 12)
	var got []string
	for _, p := range probs {
		got = append(got, p.Path)
	}
	want := []string{"text.nato", "text.ots.name", "text.ots.url", "text.site:bagram.description", "story.scenes.1.speaker", "story.scenes.99"}
	if !slices.Equal(got, want) {
		t.Errorf("problems at %q, want %q (%v)", got, want, probs)
	}
}

// Every string of every language, and every name of the default content in
// it, has a glyph for each letter in the font that language is drawn with.
func TestFonts_coverEveryString(t *testing.T) {
	for _, lang := range i18n.Langs() {
		regular, bold := fonts.For(lang)
		var faces []*sfnt.Font
		for _, b := range [][]byte{regular, bold} {
			f, err := sfnt.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			faces = append(faces, f)
		}
		var texts []string
		loc, err := i18n.Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range readFile(t, lang).Strings {
			texts = append(texts, v)
		}
		m := defaultMap(t)
		var c *i18n.Content
		if data, err := os.ReadFile("../../assets/content/" + lang + ".json"); err == nil {
			var probs []mapdata.Problem
			if c, probs = i18n.ParseContent(m, lang, lang+".json", data, 12); len(probs) > 0 {
				t.Fatal(probs)
			}
		}
		i18n.Apply(m, loc, c)
		for _, co := range m.Atlas.Countries {
			texts = append(texts, m.CountryName(co.ID))
		}
		for _, b := range m.Bodies {
			texts = append(texts, b.Name, b.ShortName, b.Description)
		}
		for _, x := range m.Corridors {
			texts = append(texts, x.Name, x.Description)
		}
		for _, s := range m.Sites {
			texts = append(texts, s.Name, s.Description)
		}
		for _, a := range m.Articles {
			texts = append(texts, a.Title, a.Summary, a.Author)
		}
		texts = append(texts, "Қонаев ӘҒҚҢӨҰҮҺ әғқңөұүһ Ğğ İı Şş Əə") // Kazakh, Turkish and Azerbaijani letters
		var buf sfnt.Buffer
		for _, s := range texts {
			if lang == "en" && strings.Contains(s, "Қ") {
				continue // the Go fonts lack Kazakh: English draws the content's own names, which have none
			}
			for _, r := range s {
				if r == ' ' || r == '\n' {
					continue
				}
				for i, f := range faces {
					if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
						t.Errorf("%s: font %d has no glyph for %q (U+%04X) in %q", lang, i, r, r, s)
					}
				}
			}
		}
	}
}
