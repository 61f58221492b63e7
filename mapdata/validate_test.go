package mapdata_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
)

// content returns the default content with some files replaced (an empty
// string removes the file).
func content(t testing.TB, replace map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(assets.Content(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets.Content(), path)
		fsys[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range replace {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// with returns the default file name with entries appended to its array at
// key ("features" for GeoJSON).
func with(t testing.TB, name, key string, entries ...string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(assets.Content(), name)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	var list []json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(doc[key], &list); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		list = append(list, json.RawMessage(e))
	}
	doc[key], _ = json.Marshal(list)
	out, _ := json.Marshal(doc)
	return map[string]string{name: string(out)}
}

func problems(t testing.TB, fsys fs.FS) []string {
	t.Helper()
	_, err := mapdata.LoadContent(loadDefault(t).Atlas, fsys)
	var ce *mapdata.ContentError
	if err != nil && !errors.As(err, &ce) {
		t.Fatalf("Load returned %T %v, want a *ContentError", err, err)
	}
	if ce == nil {
		return nil
	}
	var out []string
	for _, p := range ce.Problems {
		out = append(out, p.String())
	}
	return out
}

const (
	article = `{"id":"article:a","title":"T","author":"A","publication":"P","date":"2025-12-16","url":"https://example.org/a","summary":"S","covers":[%s]}`
	body    = `{"id":"test-body","name":"N","description":"D","sources":["https://example.org/s"],"members":[%s]}`
	member  = `{"country":"KAZ","role":"member","since":"2009-10-03","until":null,"source":"https://example.org/m"}`
	site    = `{"type":"Feature","geometry":%s,"properties":{"id":"site:x","name":"X","kind":"city","description":"D","sources":["https://example.org/s"],"coordinates_source":"https://example.org/c","accuracy":"exact"%s}}`
	point   = `{"type":"Point","coordinates":[69.2,41.3]}`
)

func sprintf(format string, args ...string) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a, 1)
	}
	return format
}

func TestLoad_problems(t *testing.T) {
	articles := func(covers string) map[string]string {
		return with(t, "articles.json", "articles", sprintf(article, covers))
	}
	art := func(from, to string) map[string]string {
		return with(t, "articles.json", "articles", strings.Replace(sprintf(article, ""), from, to, 1))
	}
	bodies := func(members string) map[string]string {
		return with(t, "bodies.json", "bodies", sprintf(body, members))
	}
	sites := func(geometry, extra string) map[string]string {
		return with(t, "sites.geojson", "features", sprintf(site, geometry, extra))
	}
	siteWith := func(from, to string) map[string]string {
		return with(t, "sites.geojson", "features", strings.Replace(sprintf(site, point, ""), from, to, 1))
	}
	tests := []struct {
		name    string
		replace map[string]string
		want    string
	}{
		{"unknown article id", sites(point, `,"articles":["article:nope"]`), `sites.geojson:features[30].properties.articles[0]: unknown article id "article:nope"`},
		{"unknown body id", articles(`"ots","nato"`), `articles.json:articles[4].covers[1]: unknown country or body or corridor or site id "nato"`},
		{"unknown ISO code", bodies(strings.Replace(member, "KAZ", "XYZ", 1)), `bodies.json:bodies[7].members[0].country: unknown ISO code "XYZ"`},
		{"lower-case ISO code", bodies(strings.Replace(member, "KAZ", "kaz", 1)), `members[0].country: unknown ISO code "kaz"`},
		{"until before since", bodies(strings.Replace(member, "null", `"2001-01-01"`, 1)), `bodies.json:bodies[7].members[0].until: test-body KAZ: until 2001-01-01 is not after since 2009-10-03`},
		{"until equal to since", bodies(strings.Replace(member, "null", `"2009-10-03"`, 1)), `until 2009-10-03 is not after since 2009-10-03`},
		{"membership without since", bodies(strings.Replace(member, `"since":"2009-10-03",`, "", 1)), `members[0].since: missing`},
		{"unknown role", bodies(strings.Replace(member, `"member"`, `"associate"`, 1)), `members[0].role: "associate" is not one of member, observer, partner, frozen, suspended`},
		{"missing source", bodies(strings.Replace(member, `,"source":"https://example.org/m"`, "", 1)), `bodies.json:bodies[7].members[0].source: missing`},
		{"empty sources", siteWith(`"sources":["https://example.org/s"]`, `"sources":[]`), `sources: missing source`},
		{"non-http link", bodies(strings.Replace(member, "https://example.org/m", "javascript:alert(1)", 1)), `members[0].source: link "javascript:alert(1)" is not http(s)`},
		{"data link", siteWith("https://example.org/c", "data:text/html,hi"), `coordinates_source: link "data:text/html,hi" is not http(s)`},
		{"longitude out of range", sites(`{"type":"Point","coordinates":[190,41]}`, ""), `sites.geojson:features[30].geometry.coordinates: position [190, 41] is out of range`},
		{"latitude out of range", sites(`{"type":"Point","coordinates":[69,-91]}`, ""), `position [69, -91] is out of range`},
		{"infinite coordinate", sites(`{"type":"Point","coordinates":[69,1e999]}`, ""), `geometry.coordinates: coordinate is NaN or infinite`},
		{"NaN coordinate", map[string]string{"sites.geojson": `{"type":"FeatureCollection","features":[` + sprintf(site, `{"type":"Point","coordinates":[69,NaN]}`, "") + "]}"}, `sites.geojson:$: invalid JSON: at line 1, column`},
		{"string coordinate", sites(`{"type":"Point","coordinates":[69,"41"]}`, ""), `coordinates[1]: coordinate is not a number`},
		{"unclosed ring", sites(`{"type":"Polygon","coordinates":[[[69,41],[70,41],[70,42],[69,42]]]}`, ""), `geometry.coordinates[0]: ring is not closed`},
		{"self-intersecting ring", sites(`{"type":"Polygon","coordinates":[[[69,41],[70,42],[70,41],[69,42],[69,41]]]}`, ""), `geometry.coordinates[0]: ring intersects itself`},
		{"short ring", sites(`{"type":"Polygon","coordinates":[[[69,41],[70,42],[69,41]]]}`, ""), `a ring needs at least 4 positions`},
		{"geometry type", sites(`{"type":"LineString","coordinates":[[69,41],[70,42]]}`, ""), `geometry.type: geometry type "LineString" is not allowed here`},
		{"duplicate id", with(t, "articles.json", "articles", sprintf(article, ""), sprintf(article, "")), `articles.json:articles[5].id: duplicate id "article:a"`},
		{"id across kinds", articles(`"site:bagram","cac","AZE"`), ``},
		{"id of another kind", articles(`"article:a"`), `articles[4].covers[0]: "article:a" is an article; expected a country or body or corridor or site`},
		{"site as a member", bodies(strings.Replace(member, "KAZ", "site:bagram", 1)), `members[0].country: "site:bagram" is a site; expected a country`},
		{"bad id", art("article:a", "Article A"), `articles[4].id: "Article A" is not an article id`},
		{"HTML in text", art(`"T"`, `"<script>alert(1)</script>"`), `articles[4].title: contains markup "<script>al"`},
		{"entity in text", art(`"S"`, `"a &amp; b"`), `articles[4].summary: contains markup "&amp;`},
		{"wrong type", art(`"T"`, `42`), `articles[4].title: not a string`},
		{"bad date", art(`2025-12-16`, `16 Dec 2025`), `articles[4].date: "16 Dec 2025" is not a date`},
		{"broken JSON", map[string]string{"bodies.json": "{\"bodies\": [\n  {\"id\": \"ots\",}\n]}"}, `bodies.json:$: invalid JSON: at line 2, column`},
		{"not an object", map[string]string{"bodies.json": `[1,2]`}, `bodies.json:$: not a JSON object`},
		{"too deep", map[string]string{"articles.json": strings.Repeat("[", 100) + strings.Repeat("]", 100)}, `articles.json:$: nesting deeper than 32 levels`},
		{"invalid UTF-8", map[string]string{"articles.json": "{\"articles\":[\"\xff\"]}"}, `articles.json:$: file is not valid UTF-8 (at byte 14)`},
		{"corridor without lines", map[string]string{"corridors.geojson": `{"type":"FeatureCollection","features":[]}`}, `corridors.json:corridors[0]: corridor:middle-corridor has no lines in corridors.geojson`},
		{"line for unknown corridor", map[string]string{"corridors.json": "", "articles.json": ""}, `corridors.geojson:features[0].properties.corridor: unknown corridor id "corridor:middle-corridor"`},
		{"bad boundaries", map[string]string{"boundaries.topojson": `{"type":"Topology","objects":{},"arcs":[]}`}, `boundaries.topojson:objects.countries: missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := problems(t, content(t, tt.replace))
			if tt.want == "" {
				if len(probs) != 0 {
					t.Errorf("unexpected problems:\n%s", strings.Join(probs, "\n"))
				}
				return
			}
			for _, p := range probs {
				if strings.Contains(p, tt.want) {
					return
				}
			}
			t.Errorf("no problem contains %q; got:\n%s", tt.want, strings.Join(probs, "\n"))
		})
	}
}

func TestLoad_everyProblemAtOnce(t *testing.T) {
	replace := with(t, "articles.json", "articles", sprintf(article, `"XYZ"`))
	maps.Copy(replace, with(t, "sites.geojson", "features", sprintf(site, `{"type":"Point","coordinates":[500,0]}`, "")))
	probs := problems(t, content(t, replace))
	if len(probs) < 2 {
		t.Errorf("got %d problems, want both files' problems reported together: %v", len(probs), probs)
	}
}

func TestLoad_emptyFolder(t *testing.T) {
	probs := problems(t, fstest.MapFS{})
	if len(probs) != 1 || !strings.Contains(probs[0], "no content files") {
		t.Errorf("problems = %v, want one saying the folder has no content files", probs)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(uint8(0), []byte(`{"articles":[`+sprintf(article, `"KAZ"`)+`]}`))
	f.Add(uint8(1), []byte(`{"bodies":[`+sprintf(body, member)+`]}`))
	f.Add(uint8(4), []byte(`{"type":"FeatureCollection","features":[`+sprintf(site, `{"type":"Polygon","coordinates":[[[69,41],[70,41],[70,42],[69,41]]]}`, "")+`]}`))
	f.Add(uint8(3), []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"corridor":"corridor:tripp"}}]}`))
	files := []string{"articles.json", "bodies.json", "corridors.json", "corridors.geojson", "sites.geojson", "countries.json"}
	base := content(f, nil)
	atlas := loadDefault(f).Atlas
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[files[int(which)%len(files)]] = &fstest.MapFile{Data: data}
		m, err := mapdata.LoadContent(atlas, fsys)
		if err != nil {
			var ce *mapdata.ContentError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error %v is not a ContentError with problems", err)
			}
			return
		}
		// What loads must answer queries.
		for _, id := range []string{"KAZ", "ots", "site:bagram", "corridor:tripp"} {
			m.Show(id)
		}
	})
}
