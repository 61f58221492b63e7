package server

import (
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

func testServer() http.Handler {
	web := fstest.MapFS{
		"index.html":                 {Data: []byte("<!doctype html>page")},
		"index.html.br":              {Data: []byte("BR-page")},
		"index.html.gz":              {Data: []byte("GZ-page")},
		"silkmap.0123456789.wasm":    {Data: []byte("\x00asm")},
		"silkmap.0123456789.wasm.gz": {Data: []byte("GZ-wasm")},
		"loader.abcdef0123.js":       {Data: []byte("js")},
		"sub/file.txt":               {Data: []byte("x")},
	}
	content := fstest.MapFS{
		"sites.geojson": {Data: []byte(`{"type":"FeatureCollection","features":[]}`)},
		"articles.json": {Data: []byte(`{"articles":[]}`)},
	}
	return New(web, content, nil)
}

func get(t *testing.T, h http.Handler, method, path, enc string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func TestServe_encodingAndHeaders(t *testing.T) {
	h := testServer()
	for _, tt := range []struct {
		path, enc, wantBody, wantEnc, wantType, wantCache string
	}{
		{"/", "gzip, deflate, br", "BR-page", "br", "text/html; charset=utf-8", "no-cache"},
		{"/", "gzip", "GZ-page", "gzip", "text/html; charset=utf-8", "no-cache"},
		{"/", "br;q=0, gzip", "GZ-page", "gzip", "text/html; charset=utf-8", "no-cache"},
		{"/index.html", "", "<!doctype html>page", "", "text/html; charset=utf-8", "no-cache"},
		{"/silkmap.0123456789.wasm", "br, gzip", "GZ-wasm", "gzip", "application/wasm", "public, max-age=31536000, immutable"},
		{"/silkmap.0123456789.wasm", "", "\x00asm", "", "application/wasm", "public, max-age=31536000, immutable"},
		{"/loader.abcdef0123.js", "", "js", "", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/content/sites.geojson", "", `{"type":"FeatureCollection","features":[]}`, "", "application/geo+json", "no-cache"},
		{"/content/index.json", "", `{"files":["articles.json","sites.geojson"]}`, "", "application/json", "no-cache"},
	} {
		r := get(t, h, "GET", tt.path, tt.enc)
		if r.StatusCode != 200 {
			t.Errorf("GET %s: status %d", tt.path, r.StatusCode)
			continue
		}
		if got := body(r); got != tt.wantBody {
			t.Errorf("GET %s (%s): body %q, want %q", tt.path, tt.enc, got, tt.wantBody)
		}
		if got := r.Header.Get("Content-Encoding"); got != tt.wantEnc {
			t.Errorf("GET %s (%s): Content-Encoding %q, want %q", tt.path, tt.enc, got, tt.wantEnc)
		}
		if got := r.Header.Get("Content-Type"); got != tt.wantType {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.wantType)
		}
		if got := r.Header.Get("Cache-Control"); got != tt.wantCache {
			t.Errorf("GET %s: Cache-Control %q, want %q", tt.path, got, tt.wantCache)
		}
		if tt.path != "/content/index.json" && !strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: no Vary: Accept-Encoding", tt.path)
		}
	}
}

func TestServe_refuses(t *testing.T) {
	h := testServer()
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/sub/", 404},             // no directory listing
		{"GET", "/sub", 404},              // a folder is not a file
		{"GET", "/../../etc/passwd", 404}, // no way out of the bundle
		{"GET", "/content/../index.html", 200},
		{"GET", "/content/../../etc/passwd", 404},
		{"GET", "/content/%2e%2e/%2e%2e/etc/passwd", 404},
		{"GET", "/index.html.br", 404}, // compressed copies only through negotiation
		{"GET", "/missing.js", 404},
		{"POST", "/", 405},
		{"DELETE", "/content/sites.geojson", 405},
		{"HEAD", "/", 200},
	} {
		r := get(t, h, tt.method, tt.path, "")
		if r.StatusCode == http.StatusTemporaryRedirect { // the mux cleans the path first
			r = get(t, h, tt.method, r.Header.Get("Location"), "")
		}
		if r.StatusCode != tt.want {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, r.StatusCode, tt.want)
		}
	}
}

func TestAccepts(t *testing.T) {
	for _, tt := range []struct {
		header, enc string
		want        bool
	}{
		{"gzip, br", "br", true}, {"gzip", "br", false}, {"br;q=0", "br", false},
		{"BR", "br", true}, {"br;q=0.5", "br", true}, {"", "gzip", false},
	} {
		if got := accepts(tt.header, tt.enc); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v", tt.header, tt.enc, got)
		}
	}
}

func TestServe_snapshot(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	h := New(fstest.MapFS{}, assets.Content(), layout.Prepare(m, geo.WebMercator))
	r := get(t, h, "GET", "/snapshot.png?view=map%3D4%2F41%2F63%26sel%3DUZB&size=320x200", "")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("status %d, type %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	img, err := png.Decode(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 200 {
		t.Errorf("snapshot is %v, want 320x200", b)
	}
	for _, bad := range []string{"size=10x10", "size=99999x10", "size=abc"} {
		if r := get(t, h, "GET", "/snapshot.png?"+bad, ""); r.StatusCode != 400 {
			t.Errorf("%s: status %d, want 400", bad, r.StatusCode)
		}
	}
	if r := get(t, h, "POST", "/snapshot.png", ""); r.StatusCode != 405 {
		t.Errorf("POST: status %d", r.StatusCode)
	}
}
