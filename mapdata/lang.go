package mapdata

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words are the fixed words and formats of one language: what the panels,
// legends and snapshots say around the content's own text. Keys are the
// English text ("Memberships", "since {0}"); placeholders are {0}, {1}, ….
// Package i18n implements it for every language; a Map without one speaks
// English.
type Words interface {
	// Lang is the language's code ("en", "ru", …).
	Lang() string
	// T is the text of key in the language, or key itself (English) when
	// the language has none.
	T(key string) string
	// F is T with the placeholders {0}, {1}, … replaced by args.
	F(key string, args ...string) string
	// N is F for a count: key holds the plural forms separated by "|"
	// (English: one|other), {0} is n.
	N(key string, n int) string
	// Date writes a date (YYYY-MM-DD, YYYY-MM or YYYY) as the language does.
	Date(d Date) string
}

// English is the Words of a Map in English: keys as they are, ISO dates.
var English Words = english{}

type english struct{}

func (english) Lang() string                        { return "en" }
func (english) T(key string) string                 { return key }
func (english) F(key string, args ...string) string { return Fill(key, args...) }
func (english) N(key string, n int) string {
	return Fill(PluralForm(key, 2, EnglishPlural(n)), strconv.Itoa(n))
}
func (english) Date(d Date) string { return string(d) }

// EnglishPlural is the index of n's form among English's two (one, other).
func EnglishPlural(n int) int {
	if n == 1 {
		return 0
	}
	return 1
}

// PluralForm is form i of the "|"-separated forms in s, which should have
// want of them; the last one when it has fewer.
func PluralForm(s string, want, i int) string {
	forms := strings.Split(s, "|")
	if i >= len(forms) {
		i = len(forms) - 1
	}
	return forms[i]
}

// Fill replaces {0}, {1}, … in s with args.
func Fill(s string, args ...string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", a)
	}
	return s
}

// Words is the language the map speaks (English unless SetLanguage chose
// another).
func (m *Map) Words() Words {
	if m == nil || m.words == nil {
		return English
	}
	return m.words
}

// SetLanguage makes m speak w: its country names become names (by id;
// those missing keep the boundaries' own). Package i18n calls it, with
// SetText for the content's own text.
func (m *Map) SetLanguage(w Words, names map[string]string) {
	m.words, m.countryNames = w, names
}

// CountryName is the name of the country with this id in the map's
// language.
func (m *Map) CountryName(id string) string {
	if n, ok := m.countryNames[id]; ok {
		return n
	}
	if i := m.Atlas.Index(id); i >= 0 {
		return m.Atlas.Countries[i].Name
	}
	return ""
}

// MarkTranslated records that field ("name", "description", …) of id is
// in the map's language; InContentLanguage asks it.
func (m *Map) MarkTranslated(id, field string) {
	if m.translated == nil {
		m.translated = map[string]bool{}
	}
	m.translated[id+"\x00"+field] = true
}

// TextLang is the language field of id's text is in: "" when it is the
// map's own (English maps, and translated text), else "en", the content's
// language, for text a translation did not cover. The page marks such
// text with a lang attribute.
func (m *Map) TextLang(id, field string) string {
	if m.Words().Lang() == "en" || m.translated[id+"\x00"+field] {
		return ""
	}
	return "en"
}

// HasMarkup reports whether s holds what reads as markup (a tag or a
// character reference), which content text may not.
func HasMarkup(s string) bool {
	at, _ := markup(s)
	return at >= 0
}

// TranslationFiles are the files a content folder may hold with its text
// in another language, one per language the map speaks besides English
// (package i18n's test keeps the two lists the same).
var TranslationFiles = []string{"ru.json", "tr.json"}

// Capitalize writes s with a capital first letter as w's language does
// (Turkish: i → İ).
func Capitalize(w Words, s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	up := unicode.ToUpper(r)
	if w.Lang() == "tr" || w.Lang() == "az" {
		up = unicode.TurkishCase.ToUpper(r)
	}
	return string(up) + s[n:]
}

// The translation files are content files (read within the folder's
// limits, bundled, listed in the index, written by init).
func init() { ContentFiles = append(ContentFiles, TranslationFiles...) }
