package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/internal/studio"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

const token = "s3cret-token"

// editing starts a server with the write API on a copy of the default
// content in a temporary folder.
func editing(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range mapdata.ContentFiles {
		if data, err := fs.ReadFile(assets.Content(), name); err == nil {
			os.WriteFile(filepath.Join(dir, name), data, 0o644)
		}
	}
	folder := studio.Folder{Dir: dir, Limits: mapdata.DefaultLimits, Prepare: func(m *mapdata.Map) *layout.Prepared { return layout.Prepare(m, geo.WebMercator) }}
	files, err := folder.Read()
	if err != nil {
		t.Fatal(err)
	}
	m, err := mapdata.Load(assets.Boundaries, files)
	if err != nil {
		t.Fatal(err)
	}
	web := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>silkmap</title><!--head-->")}, "edit.html": {Data: []byte("<!doctype html><title>studio</title><!--head-->")}}
	s := server.New(server.Options{Web: web, Content: files, Map: layout.Prepare(m, geo.WebMercator),
		Edit: &server.Edit{Token: token, Folder: folder, Limits: mapdata.DefaultLimits}})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, dir
}

func do(t *testing.T, method, url, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// Every status of the write API, in the order the checks are made.
func TestEdit_statuses(t *testing.T) {
	ts, dir := editing(t)
	api := ts.URL + "/api/content/"
	resp, articles := do(t, "GET", api+"articles.json", "")
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || etag == "" {
		t.Fatalf("GET: %d, ETag %q", resp.StatusCode, etag)
	}
	// The same ETag /content/FILE sends (uncompressed).
	if r, _ := do(t, "GET", ts.URL+"/content/articles.json", "", "Accept-Encoding", "identity"); r.Header.Get("ETag") != etag {
		t.Errorf("/content/articles.json sends ETag %q, the API %q", r.Header.Get("ETag"), etag)
	}
	edited := strings.Replace(articles, "Cornell follows", "Cornell traces", 1)
	auth := []string{"Authorization", "Bearer " + token, "If-Match", etag}
	for _, c := range []struct {
		name         string
		method, path string
		body         string
		header       []string
		status       int
		want         string
	}{
		{"missing file", "GET", "story2.json", "", nil, 400, "not a content file"},
		{"absent file", "GET", "silkmap.json", "", nil, 404, ""},
		{"other method", "DELETE", "articles.json", "", auth, 405, ""},
		{"a path", "PUT", "content/articles.json", edited, auth, 400, "not a content file"},
		{"not JSON", "PUT", "articles.json", "{", auth, 400, "not JSON"},
		{"no token", "PUT", "articles.json", edited, []string{"If-Match", etag}, 401, ""},
		{"a cookie is no token", "PUT", "articles.json", edited, []string{"Cookie", "token=" + token, "If-Match", etag}, 401, ""},
		{"too big", "PUT", "articles.json", `"` + strings.Repeat("x", int(mapdata.DefaultLimits.FileBytes)) + `"`, auth, 413, ""},
		{"no precondition", "PUT", "articles.json", edited, []string{"Authorization", "Bearer " + token}, 428, ""},
		{"stale", "PUT", "articles.json", edited, []string{"Authorization", "Bearer " + token, "If-Match", `"0000"`}, 412, "someone saved first"},
		{"would not pass check", "PUT", "articles.json", `{"articles": [{"id": "article:x"}]}`, auth, 422, `"location":"articles[0].title"`},
		{"saved", "PUT", "articles.json", edited, auth, 200, `"version":`},
		{"created", "PUT", "silkmap.json", `{"deny_source_hosts": ["mirror.example"]}`, []string{"Authorization", "Bearer " + token, "If-None-Match", "*"}, 201, `"warnings":[`},
		{"create what exists", "PUT", "silkmap.json", `{"deny_source_hosts": []}`, []string{"Authorization", "Bearer " + token, "If-None-Match", "*"}, 412, "exists already"},
	} {
		resp, body := do(t, c.method, api+c.path, c.body, c.header...)
		if resp.StatusCode != c.status || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d %s; want %d and %q", c.name, resp.StatusCode, body, c.status, c.want)
		}
	}
	// The save reached the folder, formatted, and is what is served.
	disk, _ := os.ReadFile(filepath.Join(dir, "articles.json"))
	formatted, _ := studio.Format("articles.json", []byte(edited))
	if !bytes.Equal(disk, formatted) {
		t.Error("the folder does not hold the save")
	}
	if _, served := do(t, "GET", ts.URL+"/content/articles.json", "", "Accept-Encoding", "identity"); served != string(formatted) {
		t.Error("the readers' content is not the save")
	}
	if h, _ := studio.History(dir); len(h) != 2 {
		t.Errorf("history %+v, want the two saves", h)
	}
	// Repeated wrong tokens lock the address out for a while.
	var last *http.Response
	for range 6 {
		last, _ = do(t, "PUT", api+"articles.json", edited, "Authorization", "Bearer wrong", "If-Match", etag)
	}
	if last.StatusCode != 429 || last.Header.Get("Retry-After") == "" {
		t.Errorf("after repeated wrong tokens: %d, Retry-After %q", last.StatusCode, last.Header.Get("Retry-After"))
	}
	// No other origin may write: a preflight gets no CORS approval.
	r, _ := do(t, "OPTIONS", api+"articles.json", "", "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "PUT")
	if r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a preflight from elsewhere was approved: %v", r.Header)
	}
}

// Several files at once, all or none: deleting a site that an article
// covers needs the article changed too.
func TestEdit_manyFiles(t *testing.T) {
	ts, dir := editing(t)
	get := func(name string) (string, string) {
		r, b := do(t, "GET", ts.URL+"/api/content/"+name, "")
		return b, r.Header.Get("ETag")
	}
	sites, sitesTag := get("sites.geojson")
	articles, articlesTag := get("articles.json")
	bodies, bodiesTag := get("bodies.json")
	const gone = "site:istanbul"
	var fc map[string]any
	json.Unmarshal([]byte(sites), &fc)
	var kept []any
	for _, f := range fc["features"].([]any) {
		if f.(map[string]any)["properties"].(map[string]any)["id"] != gone {
			kept = append(kept, f)
		}
	}
	fc["features"] = kept
	noSite, _ := json.Marshal(fc)
	// scrub drops the site from a file: from lists of ids, as an event's
	// place, and as what a translation translates.
	var scrub func(v any) any
	scrub = func(v any) any {
		switch v := v.(type) {
		case []any:
			out := []any{}
			for _, e := range v {
				if e != gone {
					out = append(out, scrub(e))
				}
			}
			return out
		case map[string]any:
			for k, e := range v {
				if k == "site" && e == gone || k == gone {
					delete(v, k)
				} else {
					v[k] = scrub(e)
				}
			}
		}
		return v
	}
	without := func(file string) string {
		var v any
		json.Unmarshal([]byte(file), &v)
		b, _ := json.Marshal(scrub(v))
		return string(b)
	}
	put := func(files map[string]string, match map[string]any) (*http.Response, string) {
		body := map[string]any{"files": map[string]json.RawMessage{}, "if_match": match}
		for n, c := range files {
			body["files"].(map[string]json.RawMessage)[n] = json.RawMessage(c)
		}
		b, _ := json.Marshal(body)
		return do(t, "PUT", ts.URL+"/api/content", string(b), "Authorization", "Bearer "+token)
	}
	resp, body := put(map[string]string{"sites.geojson": string(noSite)}, map[string]any{"sites.geojson": sitesTag})
	if resp.StatusCode != 422 || !strings.Contains(body, `unknown country or body or corridor or site id \"site:istanbul\"`) {
		t.Fatalf("the site alone: %d %s", resp.StatusCode, body)
	}
	if disk, _ := os.ReadFile(filepath.Join(dir, "sites.geojson")); string(disk) != sites {
		t.Fatal("a refused save wrote")
	}
	ru, ruTag := get("ru.json")
	tr, trTag := get("tr.json")
	resp, body = put(map[string]string{"sites.geojson": string(noSite), "articles.json": without(articles), "bodies.json": without(bodies), "ru.json": without(ru), "tr.json": without(tr)},
		map[string]any{"sites.geojson": sitesTag, "articles.json": articlesTag, "bodies.json": bodiesTag, "ru.json": ruTag, "tr.json": trTag})
	if resp.StatusCode != 200 || !strings.Contains(body, `"versions"`) {
		t.Fatalf("the five files: %d %s", resp.StatusCode, body)
	}
	if h, _ := studio.History(dir); len(h) != 1 || len(h[0].Files) != 5 {
		t.Errorf("history %+v, want one save of five files", h)
	}
	if resp, _ := put(map[string]string{"articles.json": without(articles)}, map[string]any{}); resp.StatusCode != 428 {
		t.Errorf("no if_match: %d", resp.StatusCode)
	}
}

// Without --edit there is no API and no studio; with it, other tabs hear
// of each save at once.
func TestEdit_offAndEvents(t *testing.T) {
	off := httptest.NewServer(server.New(server.Options{Web: fstest.MapFS{"index.html": {Data: []byte("x")}}, Content: assets.Content()}))
	defer off.Close()
	for _, p := range []string{"/api/content/articles.json", "/api/content", "/api/events"} {
		if r, _ := do(t, "GET", off.URL+p, ""); r.StatusCode != 403 {
			t.Errorf("%s without --edit: %d", p, r.StatusCode)
		}
	}
	if r, _ := do(t, "GET", off.URL+"/edit", ""); r.StatusCode != 404 {
		t.Errorf("/edit without --edit: %d", r.StatusCode)
	}
	ts, _ := editing(t)
	if r, body := do(t, "GET", ts.URL+"/edit", ""); r.StatusCode != 200 || !strings.Contains(body, "studio") {
		t.Errorf("/edit: %d %s", r.StatusCode, body)
	}
	if r, _ := do(t, "GET", ts.URL+"/edit.html", ""); r.StatusCode != 404 {
		t.Errorf("/edit.html: %d", r.StatusCode)
	}
	resp, err := http.Get(ts.URL + "/api/events")
	if err != nil || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %v %v", err, resp.Header)
	}
	defer resp.Body.Close()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	r, articles := do(t, "GET", ts.URL+"/api/content/articles.json", "")
	do(t, "PUT", ts.URL+"/api/content/articles.json", strings.Replace(articles, "Cornell follows", "Cornell traces", 1), "Authorization", "Bearer "+token, "If-Match", r.Header.Get("ETag"))
	timeout := time.After(5 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the stream ended")
			}
			if l == "event: content" {
				return
			}
		case <-timeout:
			t.Fatal("no content event after a save")
		}
	}
}
