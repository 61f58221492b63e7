//go:build !js

package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// The language files and country names, embedded in native programs only:
// the browser build fetches the bundle of the language chosen (Bundle),
// so that English readers load none of them.
//
//go:embed lang/*.json countries/*.json
var files embed.FS

// Langs are the languages with a file, English first.
func Langs() []string {
	entries, _ := fs.ReadDir(files, "lang")
	out := []string{"en"}
	for _, e := range entries {
		if l := strings.TrimSuffix(e.Name(), ".json"); l != "en" {
			out = append(out, l)
		}
	}
	slices.Sort(out[1:])
	return out
}

// Load returns the locale of lang, with its country names; English for
// "en" or "".
func Load(lang string) (*Locale, error) {
	if lang == "" || lang == "en" {
		return English, nil
	}
	b, err := Bundle(lang)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Bundle is lang's file with its country names, as one JSON document: what
// the page fetches when a reader chooses lang.
func Bundle(lang string) ([]byte, error) {
	if !ValidLang(lang) {
		return nil, fmt.Errorf("i18n: %q is not a language code", lang)
	}
	b, err := files.ReadFile("lang/" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("i18n: no language %q (have %s)", lang, strings.Join(Langs(), ", "))
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("i18n: lang/%s.json: %w", lang, err)
	}
	if c, err := files.ReadFile("countries/" + lang + ".json"); err == nil {
		if err := json.Unmarshal(c, &f.Countries); err != nil {
			return nil, fmt.Errorf("i18n: countries/%s.json: %w", lang, err)
		}
	}
	return json.Marshal(f)
}

// Names lists each language's name in itself, by code, for choosers.
func Names() map[string]string {
	out := map[string]string{}
	for _, l := range Langs() {
		b, _ := files.ReadFile("lang/" + l + ".json")
		var f File
		if json.Unmarshal(b, &f) == nil {
			out[l] = f.Name
		}
	}
	return out
}
