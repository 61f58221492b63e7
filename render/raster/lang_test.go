//go:build !js

package raster

import (
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/assets/fonts"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
)

// Snapshots in Russian and Turkish: country names, the content's names as
// its translation gives them, the legend's words and the attribution, in
// the language's font.
func TestSnapshot_languages(t *testing.T) {
	translation := map[string]string{
		"ru": `{"text":{"ots":{"short_name":"ОТГ"},"csto":{"short_name":"ОДКБ"},"cac":{"short_name":"ЦАС"},"site:tashkent":{"name":"Ташкент"},"site:astana":{"name":"Астана"},"corridor:middle-corridor":{"name":"Средний коридор"}}}`,
		"tr": `{"text":{"ots":{"short_name":"TDT"},"csto":{"short_name":"KGAÖ"},"cac":{"short_name":"OAT"},"site:tashkent":{"name":"Taşkent"},"site:astana":{"name":"Astana"},"corridor:middle-corridor":{"name":"Orta Koridor"}}}`,
	}
	for _, lang := range []string{"ru", "tr"} {
		t.Run(lang, func(t *testing.T) {
			m, err := mapdata.Load(assets.Boundaries, fixture.Content())
			if err != nil {
				t.Fatal(err)
			}
			loc, err := i18n.Load(lang)
			if err != nil {
				t.Fatal(err)
			}
			c, probs := i18n.ParseContent(m, lang, lang+".json", []byte(translation[lang]), 0)
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			i18n.Apply(m, loc, c)
			regular, bold := fonts.For(lang)
			r, err := NewFor(layout.FontSet{Regular: regular, Bold: bold})
			if err != nil {
				t.Fatal(err)
			}
			got, warn := r.Snapshot(layout.Prepare(m, geo.WebMercator), "map=4.2/42/63&date=2025-12-16", 1200, 630, 1, &style.Light)
			if len(warn) > 0 {
				t.Fatalf("view warnings: %v", warn)
			}
			checkGolden(t, "central-asia-"+lang, got)
		})
	}
}
