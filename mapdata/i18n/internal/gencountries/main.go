// Command gencountries writes the country names of package i18n
// (countries/LANG.json: the boundaries' ids to names) from npm
// i18n-iso-countries, unpacked by scripts/fetch-country-names.sh. Units the
// package has no name for (no ISO code: CYN, SOL, KAS, …) take the
// project's own table, countries/own.json, with its sources; a unit in
// neither is an error.
//
//	gencountries -pkg DIR -out mapdata/i18n/countries ru tr
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata/atlas"
)

func main() {
	pkg := flag.String("pkg", "", "the unpacked i18n-iso-countries package")
	out := flag.String("out", "mapdata/i18n/countries", "output folder (holds own.json)")
	flag.Parse()
	if err := run(*pkg, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gencountries:", err)
		os.Exit(1)
	}
}

func run(pkg, out string, langs []string) error {
	a, err := atlas.LoadBinary(assets.Atlas)
	if err != nil {
		return err
	}
	var codes [][]string
	if err := readJSON(filepath.Join(pkg, "codes.json"), &codes); err != nil {
		return err
	}
	alpha2 := map[string]string{}
	for _, c := range codes {
		alpha2[c[1]] = c[0]
	}
	var own map[string]map[string]string
	if err := readJSON(filepath.Join(out, "own.json"), &own); err != nil {
		return err
	}
	for _, lang := range langs {
		var src struct {
			Countries map[string]json.RawMessage `json:"countries"`
		}
		if err := readJSON(filepath.Join(pkg, "langs", lang+".json"), &src); err != nil {
			return err
		}
		names := map[string]string{}
		var missing []string
		for _, c := range a.Countries {
			if n := own[c.ID][lang]; n != "" {
				names[c.ID] = n
				continue
			}
			raw, ok := src.Countries[alpha2[c.ID]]
			if !ok {
				missing = append(missing, c.ID+" ("+c.Name+")")
				continue
			}
			var one string
			var many []string
			if json.Unmarshal(raw, &one) != nil {
				if err := json.Unmarshal(raw, &many); err != nil || len(many) == 0 {
					return fmt.Errorf("%s: %s: %s", lang, c.ID, raw)
				}
				one = many[0] // the package's first name is its usual one
			}
			names[c.ID] = one
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			return fmt.Errorf("%s: no name for %v: add them to own.json", lang, missing)
		}
		b, err := json.MarshalIndent(names, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, lang+".json"), append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
