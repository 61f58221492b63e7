// Package i18n is silkmap's languages: the words of every panel, legend and
// snapshot (lang/LANG.json, one file per language, keyed by the English
// text), country names (countries/LANG.json, from npm i18n-iso-countries,
// with the project's own table own.json for units it lacks), dates written
// as each language does, and the translations a content folder may carry
// for its own text (content.go). A language missing a string says it in
// English, string by string. The browser build parses a language bundle it
// fetched (Parse); native programs load the embedded files (Load).
package i18n

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata"
)

// Locale is one language: it implements mapdata.Words. A nil *Locale is
// English.
type Locale struct {
	File
	countries map[string]string
}

// File is a language's file (lang/LANG.json), and with Countries the
// bundle the page fetches for it.
type File struct {
	Lang string `json:"lang"`
	// Name is the language's name in itself, for the chooser.
	Name string `json:"name"`
	// Plural names the rule choosing among a count's forms: "en"
	// (one|other), "ru" (one|few|many) or "none" (one form).
	Plural string `json:"plural"`
	// Dates are patterns for a day, a month and a year: {y}, {m}, {d}
	// are the numbers (two digits for month and day).
	Dates struct {
		Day   string `json:"day"`
		Month string `json:"month"`
		Year  string `json:"year"`
	} `json:"dates"`
	// Strings are the words, by their English text. The page's are
	// among them (see PageKeys).
	Strings map[string]string `json:"strings"`
	// Countries are country names by id (only in a bundle).
	Countries map[string]string `json:"countries,omitempty"`
}

// English is the English locale: every key as it is.
var English *Locale

// Parse reads a language file or bundle.
func Parse(b []byte) (*Locale, error) {
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	if !ValidLang(f.Lang) {
		return nil, fmt.Errorf("i18n: %q is not a language code", f.Lang)
	}
	return &Locale{File: f, countries: f.Countries}, nil
}

// ValidLang reports whether s looks like a language code (two lowercase
// letters, ISO 639-1).
func ValidLang(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}

// Lang is the language's code.
func (l *Locale) Lang() string {
	if l == nil {
		return "en"
	}
	return l.File.Lang
}

// T is key in the language, or key itself when the language lacks it.
func (l *Locale) T(key string) string {
	if l != nil {
		if s, ok := l.Strings[key]; ok && s != "" {
			return s
		}
	}
	return key
}

// F is T with {0}, {1}, … replaced by args.
func (l *Locale) F(key string, args ...string) string { return mapdata.Fill(l.T(key), args...) }

// N is the form of key for the count n, with {0} replaced by n. A
// translation that lacks the key says it in English, with English's rule.
func (l *Locale) N(key string, n int) string {
	s := strconv.Itoa(n)
	if l == nil || l.Strings[key] == "" {
		return mapdata.Fill(mapdata.PluralForm(key, 2, mapdata.EnglishPlural(n)), s)
	}
	return mapdata.Fill(mapdata.PluralForm(l.Strings[key], 3, plural(l.Plural, n)), s)
}

// plural is the index of n's form under rule.
func plural(rule string, n int) int {
	switch rule {
	case "ru": // one (1, 21, …), few (2–4, 22–24, …), many
		switch {
		case n%10 == 1 && n%100 != 11:
			return 0
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return 1
		}
		return 2
	case "none":
		return 0
	}
	return mapdata.EnglishPlural(n)
}

// Date writes d (YYYY-MM-DD, YYYY-MM or YYYY) with the language's
// patterns; anything else as it is.
func (l *Locale) Date(d mapdata.Date) string {
	s := string(d)
	if l == nil {
		return s
	}
	var pat string
	switch len(s) {
	case 10:
		pat = l.Dates.Day
	case 7:
		pat = l.Dates.Month
	case 4:
		pat = l.Dates.Year
	}
	if pat == "" {
		return s
	}
	// Three ReplaceAll rather than a strings.Replacer, whose machinery the
	// browser build would carry for this one use.
	pat = strings.ReplaceAll(pat, "{y}", s[:4])
	pat = strings.ReplaceAll(pat, "{m}", s[min(5, len(s)):min(7, len(s))])
	return strings.ReplaceAll(pat, "{d}", s[min(8, len(s)):])
}

// Country is the name of country id in the language, or "" when it has
// none (English: the boundaries' own names).
func (l *Locale) Country(id string) string {
	if l == nil {
		return ""
	}
	return l.countries[id]
}

// Countries are the language's country names by id (nil for English).
func (l *Locale) Countries() map[string]string {
	if l == nil {
		return nil
	}
	return l.countries
}

// Words is l as the map's words (mapdata.English for English).
func (l *Locale) Words() mapdata.Words {
	if l == nil || l.File.Lang == "en" {
		return mapdata.English
	}
	return l
}
