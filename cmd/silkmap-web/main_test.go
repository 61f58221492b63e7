package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/silkmap/silkmap/internal/detail"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/regions"
	"github.com/silkmap/silkmap/wasm/pageapi"
)

// The bundle's files get brotli and gzip copies, but not the content
// folder's, which editors replace on the host.
func TestWriteAll(t *testing.T) {
	out := t.TempDir()
	if err := os.Mkdir(filepath.Join(out, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	text := []byte(strings.Repeat("a line of text ", 40))
	if err := writeAll(out, map[string][]byte{"style.css": text, "content/sites.geojson": text, "poster.jpg": text}, 1); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"style.css": true, "style.css.br": true, "style.css.gz": true,
		"content/sites.geojson": true, "content/sites.geojson.br": false, "content/sites.geojson.gz": false,
		"poster.jpg": true, "poster.jpg.br": false,
	} {
		if _, err := os.Stat(filepath.Join(out, name)); (err == nil) != want {
			t.Errorf("%s: written %v, want %v", name, err == nil, want)
		}
	}
}

func TestPublicURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"https://example.org/map": "https://example.org/map/",
		"https://example.org":     "https://example.org/",
		"http://example.org/m/":   "http://example.org/m/",
	} {
		if got, err := publicURL(in); err != nil || got != want {
			t.Errorf("publicURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"example.org/map", "/map/", "ftp://example.org/", "https://example.org/?v=x", "https://example.org/#map=3", "https://me@example.org/", "https://"} {
		if got, err := publicURL(in); err == nil {
			t.Errorf("publicURL(%q) = %q; want an error", in, got)
		}
	}
}

// The bundle's loader offers by postMessage ready and the public methods
// of the page API's table, no more, no fewer.
func TestLoaderJS_postMessage(t *testing.T) {
	js, err := loaderJS()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const methods = \['ready', \.\.\.(\[.*\])\];`).FindSubmatch(js)
	if m == nil {
		t.Fatal("the loader has no list of methods")
	}
	var got []string
	if err := json.Unmarshal(m[1], &got); err != nil {
		t.Fatalf("the loader's list %s: %v", m[1], err)
	}
	var want []string
	for _, m := range pageapi.Methods {
		if m.Scope == pageapi.Public {
			want = append(want, m.Name)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the loader offers %v by postMessage; the table's public methods are %v", got, want)
	}
}

// The 1:10m detail goes into the bundle as one file per country, each
// named by its content's hash and listed once in the index with its
// countries: every country of the detail, each in one file that decodes.
func TestDetailFiles(t *testing.T) {
	files := map[string][]byte{}
	hashed := func(name string, data []byte) string {
		n := strings.TrimSuffix(name, filepath.Ext(name)) + fmt.Sprintf(".%010x", len(files)) + filepath.Ext(name)
		files[n] = data
		return n
	}
	name, err := detailFiles(hashed)
	if err != nil {
		t.Fatal(err)
	}
	var ix regions.Index
	if err := json.Unmarshal(files[name], &ix); err != nil || !strings.HasPrefix(name, "detail/index.") {
		t.Fatalf("index %s: %v", name, err)
	}
	ids := map[string]bool{}
	for _, f := range ix.Files {
		a, err := atlas.LoadBinary(files[f.Name])
		if err != nil || !regexp.MustCompile(`^detail/[A-Z]{3}\.[0-9a-f]{10}\.atlas$`).MatchString(f.Name) {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for i, c := range a.Countries {
			if ids[c.ID] || f.IDs[i] != c.ID {
				t.Errorf("%s: %s listed as %v, or in another file too", f.Name, c.ID, f.IDs)
			}
			ids[c.ID] = true
		}
	}
	if len(files) != len(ix.Files)+1 || len(ids) != len(detail.Atlas().Countries) {
		t.Errorf("%d files for %d in the index; %d countries, the detail has %d", len(files), len(ix.Files), len(ids), len(detail.Atlas().Countries))
	}
}
