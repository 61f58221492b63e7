package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/render/raster"
	"github.com/silkmap/silkmap/wasm/web"
)

func testServer() http.Handler {
	web := fstest.MapFS{
		"index.html":                 {Data: []byte(`<!doctype html><head><title>silkmap</title><meta name="silkmap:head"></head>page`)},
		"style.css":                  {Data: []byte("css")},
		"style.css.br":               {Data: []byte("BR-css")},
		"style.css.gz":               {Data: []byte("GZ-css")},
		"silkmap.0123456789.wasm":    {Data: []byte("\x00asm")},
		"silkmap.0123456789.wasm.gz": {Data: []byte("GZ-wasm")},
		"loader.abcdef0123.js":       {Data: []byte("js")},
		"sub/file.txt":               {Data: []byte("x")},
	}
	content := fstest.MapFS{
		"sites.geojson": {Data: []byte(`{"type":"FeatureCollection","features":[]}`)},
		"articles.json": {Data: []byte(`{"articles":[]}`)},
	}
	return New(Options{Web: web, Content: content})
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
		{"/style.css", "gzip, deflate, br", "BR-css", "br", "text/css; charset=utf-8", "no-cache"},
		{"/style.css", "gzip", "GZ-css", "gzip", "text/css; charset=utf-8", "no-cache"},
		{"/style.css", "br;q=0, gzip", "GZ-css", "gzip", "text/css; charset=utf-8", "no-cache"},
		{"/style.css", "", "css", "", "text/css; charset=utf-8", "no-cache"},
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

// The content folder and the page come with no compressed copies: the
// server makes them, for brotli first, then gzip, and keeps them until the
// content is swapped. Small files go out as they are.
func TestServe_compressesContentAndPage(t *testing.T) {
	big := func(tag string) []byte {
		return []byte(`{"articles":[` + strings.TrimSuffix(strings.Repeat(`{"id":"article:`+tag+`","title":"A title long enough to repeat"},`, 40), ",") + `]}`)
	}
	web := fstest.MapFS{"index.html": {Data: []byte(`<!doctype html><head><title>silkmap</title><meta name="silkmap:head"></head>` + strings.Repeat("<p>page</p>", 100))}}
	s := New(Options{Web: web, Content: fstest.MapFS{"articles.json": {Data: big("one")}, "tiny.json": {Data: []byte(`{}`)}}})
	decode := func(r *http.Response) string {
		t.Helper()
		var rd io.Reader = r.Body
		switch r.Header.Get("Content-Encoding") {
		case "br":
			rd = brotli.NewReader(r.Body)
		case "gzip":
			g, err := gzip.NewReader(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			rd = g
		}
		b, err := io.ReadAll(rd)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tt := range []struct{ path, accept, enc string }{
		{"/content/articles.json", "gzip, deflate, br", "br"},
		{"/content/articles.json", "gzip, deflate, br", "br"}, // from the cache
		{"/content/articles.json", "gzip", "gzip"},
		{"/content/articles.json", "br;q=0, gzip", "gzip"},
		{"/content/articles.json", "", ""},
		{"/content/tiny.json", "br", ""},
		{"/", "br", "br"},
		{"/", "gzip", "gzip"},
		{"/", "", ""},
	} {
		r := get(t, s, "GET", tt.path, tt.accept)
		if got := r.Header.Get("Content-Encoding"); got != tt.enc || !strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s (%s): Content-Encoding %q, Vary %q; want %q", tt.path, tt.accept, got, r.Header.Get("Vary"), tt.enc)
		}
		n, _ := strconv.Atoi(r.Header.Get("Content-Length"))
		got := decode(r)
		switch tt.path {
		case "/content/articles.json":
			if got != string(big("one")) {
				t.Errorf("GET %s (%s) decodes to %.60q…", tt.path, tt.accept, got)
			}
			if tt.enc != "" && n*4 > len(got) {
				t.Errorf("GET %s (%s): %d bytes for %d", tt.path, tt.accept, n, len(got))
			}
		case "/":
			if !strings.Contains(got, `<meta property="og:title" content="silkmap">`) || !strings.HasSuffix(got, "<p>page</p>") {
				t.Errorf("GET / (%s) decodes to %.200q…", tt.accept, got)
			}
		}
	}
	// A live reload serves the new file, not the old one's copy (same
	// name, same size).
	s.Swap(State{Content: fstest.MapFS{"articles.json": {Data: big("two")}}})
	if got := decode(get(t, s, "GET", "/content/articles.json", "br")); got != string(big("two")) {
		t.Errorf("after Swap: %.60q…", got)
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
		{"GET", "/style.css.br", 404}, // compressed copies only through negotiation
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

// /poster.jpg is the map alone, as raster.Poster draws it (what the live
// map's first frame shows), in JPEG.
func TestServe_poster(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	prep := layout.Prepare(m, geo.WebMercator)
	h := New(Options{Web: fstest.MapFS{}, Content: assets.Content(), Map: prep})
	const view = "map=4/41/63&sel=UZB"
	r := get(t, h, "GET", "/poster.jpg?view="+url.QueryEscape(view)+"&size=320x200", "")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("status %d, type %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	got, err := jpeg.Decode(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := raster.New()
	if err != nil {
		t.Fatal(err)
	}
	poster, _ := rr.Poster(prep, view, 320, 200, 1, &style.Light)
	snapshot, _ := rr.Snapshot(prep, view, 320, 200, 1, &style.Light)
	if b := got.Bounds(); b != poster.Bounds() {
		t.Fatalf("poster is %v, want %v", b, poster.Bounds())
	}
	// The largest difference between the mean colours of 10x10 blocks (out
	// of 255): JPEG keeps these, while a snapshot adds a legend and the
	// attribution over some of them.
	blocks := func(a, b image.Image) float64 {
		worst := 0.0
		bd := a.Bounds()
		for by := bd.Min.Y; by+10 <= bd.Max.Y; by += 10 {
			for bx := bd.Min.X; bx+10 <= bd.Max.X; bx += 10 {
				var d [3]float64
				for y := by; y < by+10; y++ {
					for x := bx; x < bx+10; x++ {
						r1, g1, b1, _ := a.At(x, y).RGBA()
						r2, g2, b2, _ := b.At(x, y).RGBA()
						d[0] += float64(r1) - float64(r2)
						d[1] += float64(g1) - float64(g2)
						d[2] += float64(b1) - float64(b2)
					}
				}
				for _, c := range d {
					worst = max(worst, math.Abs(c)/100/257)
				}
			}
		}
		return worst
	}
	toPoster, toSnapshot := blocks(got, poster), blocks(got, snapshot)
	if toPoster > 16 || toSnapshot < 40 {
		t.Errorf("blocks differ by up to %.1f from the map alone and %.1f from the snapshot with its legend; want the map alone, within JPEG's loss", toPoster, toSnapshot)
	}
	if r := get(t, h, "GET", "/poster.jpg?view=", ""); r.StatusCode != 200 {
		t.Errorf("default poster: status %d", r.StatusCode)
	} else if c, err := jpeg.DecodeConfig(r.Body); err != nil || c.Width != 1280 || c.Height != 720 {
		t.Errorf("default poster: %dx%d (%v), want 1280x720", c.Width, c.Height, err)
	}
	if r := get(t, h, "GET", "/poster.jpg?size=5x5", ""); r.StatusCode != 400 {
		t.Errorf("size=5x5: status %d, want 400", r.StatusCode)
	}
}

func TestServe_snapshot(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	h := New(Options{Web: fstest.MapFS{}, Content: assets.Content(), Map: layout.Prepare(m, geo.WebMercator)})
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

// lang= draws a snapshot in another language the map speaks, with that
// language's names and font; one the map does not speak, or any but
// English without a way to translate, is refused.
func TestServe_snapshotLang(t *testing.T) {
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	prep := layout.Prepare(m, geo.WebMercator)
	translate := func(fsys fs.FS, lang string) (*layout.Prepared, error) {
		m, st, err := story.LoadFolder(assets.Boundaries, fsys, "test", mapdata.DefaultLimits, io.Discard)
		if err != nil {
			return nil, err
		}
		if _, err := story.Translate(m, st, fsys, lang); err != nil {
			return nil, err
		}
		return layout.Prepare(m, geo.WebMercator), nil
	}
	h := New(Options{Web: fstest.MapFS{}, Content: assets.Content(), Map: prep, Translate: translate})
	const q = "/snapshot.png?view=map%3D4%2F41%2F63&size=320x200"
	draw := func(path string) image.Image {
		t.Helper()
		r := get(t, h, "GET", path, "")
		if r.StatusCode != 200 {
			t.Fatalf("%s: status %d", path, r.StatusCode)
		}
		img, err := png.Decode(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	en, en2, ru := draw(q), draw(q+"&lang=en"), draw(q+"&lang=ru")
	differ := func(a, b image.Image) int {
		n := 0
		for y := range 200 {
			for x := range 320 {
				if a.At(x, y) != b.At(x, y) {
					n++
				}
			}
		}
		return n
	}
	if n := differ(en, en2); n != 0 {
		t.Errorf("lang=en differs from no lang in %d pixels", n)
	}
	if n := differ(en, ru); n < 500 {
		t.Errorf("lang=ru differs from English in only %d pixels: its names are not drawn", n)
	}
	for _, bad := range []string{"&lang=xx", "&lang=RU"} {
		if r := get(t, h, "GET", q+bad, ""); r.StatusCode != 400 {
			t.Errorf("%s: status %d, want 400", bad, r.StatusCode)
		}
	}
	// oEmbed's picture of a link in Russian is drawn in Russian.
	var oe struct {
		ThumbnailURL string `json:"thumbnail_url"`
	}
	link := "http://example.com/?lang=ru&theme=dark#map=4/41/63"
	if err := json.NewDecoder(get(t, h, "GET", "/oembed?url="+url.QueryEscape(link), "").Body).Decode(&oe); err != nil || !strings.HasSuffix(oe.ThumbnailURL, "&lang=ru&theme=dark") {
		t.Errorf("oEmbed thumbnail of %s: %q %v", link, oe.ThumbnailURL, err)
	} else if r := get(t, h, "GET", strings.TrimPrefix(oe.ThumbnailURL, "http://example.com"), ""); r.StatusCode != 200 {
		t.Errorf("the thumbnail: status %d", r.StatusCode)
	}
	english := New(Options{Web: fstest.MapFS{}, Content: assets.Content(), Map: prep})
	if r := get(t, english, "GET", q+"&lang=ru", ""); r.StatusCode != 400 || !strings.Contains(body(r), "speaks en") {
		t.Errorf("lang=ru without Translate: status %d", r.StatusCode)
	}
}

// testPage is the shell page with posters by the bundle's names, and the
// default content's map prepared.
func testPage(t testing.TB) ([]byte, *layout.Prepared) {
	t.Helper()
	m, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	page, err := web.Index(web.Page{Poster: "poster.0123456789.jpg", LargePoster: "poster-large.0123456789.jpg", PhonePoster: "poster-phone.0123456789.jpg", TabletPoster: "poster-tablet.0123456789.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	return page, layout.Prepare(m, geo.WebMercator)
}

func mapServer(t testing.TB, o Options) http.Handler {
	t.Helper()
	page, prep := testPage(t)
	o.Web = fstest.MapFS{"index.html": {Data: page}}
	o.Content = assets.Content()
	o.Map = prep
	return New(o)
}

// The bundle's posters show the default view of the content they were
// drawn from, which the bundle carries in content/. Served with other
// content (an editor's folder), the default page shows a poster the server
// draws of it, at an address that changes with the content.
func TestServe_posterOfOtherContent(t *testing.T) {
	page, prep := testPage(t)
	// The default content's files, under prefix.
	defaults := func(prefix string) fstest.MapFS {
		out := fstest.MapFS{}
		for _, name := range mapdata.ContentFiles {
			if data, err := fs.ReadFile(assets.Content(), name); err == nil {
				out[prefix+name] = &fstest.MapFile{Data: data}
			}
		}
		return out
	}
	bundle := func(withContent bool) fstest.MapFS {
		b := fstest.MapFS{}
		if withContent {
			b = defaults("content/")
			b["content/"+mapdata.FileIndex] = &fstest.MapFile{Data: mapdata.ContentIndex(assets.Content(), false)}
		}
		b["index.html"] = &fstest.MapFile{Data: page}
		return b
	}
	edited := defaults("")
	edited["articles.json"] = &fstest.MapFile{Data: bytes.Replace(edited["articles.json"].Data, []byte("Bagram Dilemma"), []byte("Bagram Question"), 1)}
	static := `<img class="poster" src="poster.0123456789.jpg"`
	drawn := regexp.MustCompile(`<img class="poster" src="poster\.jpg\?view=&amp;size=1280x720&amp;c=([0-9a-f]{10})"`)
	for _, c := range []struct {
		name    string
		web     fs.FS
		content fs.FS
		drawn   bool
	}{
		{"the bundle's own content", bundle(true), assets.Content(), false},
		{"an editor's content", bundle(true), edited, true},
		{"a bundle without content/", bundle(false), edited, false},
	} {
		s := New(Options{Web: c.web, Content: c.content, Map: prep})
		p := body(get(t, s, "GET", "/", ""))
		if got := drawn.MatchString(p); got != c.drawn || got == strings.Contains(p, static) {
			t.Errorf("%s: poster drawn by the server %v, want %v\n%s", c.name, got, c.drawn, p)
		}
		if others := strings.Contains(p, "poster-tablet"); others == c.drawn {
			t.Errorf("%s: the bundle's other posters offered: %v, want %v", c.name, others, !c.drawn)
		}
	}
	// A swap to other content changes the poster's address.
	s := New(Options{Web: bundle(true), Content: edited, Map: prep})
	before := drawn.FindStringSubmatch(body(get(t, s, "GET", "/", "")))
	edited2 := maps.Clone(edited)
	edited2["countries.json"] = &fstest.MapFile{Data: bytes.Replace(edited["countries.json"].Data, []byte("}"), []byte(" }"), 1)}
	s.Swap(State{Content: edited2, Map: prep})
	// Its poster was drawn before the swap was served.
	if _, ok := s.snaps.cache.get(cacheKey(s.current(), posterJPEG, shot{size: posterJPEG.size, lang: "en", theme: "light", w: 1280, h: 720, scale: 1})); !ok {
		t.Error("the poster of the content swapped in is not drawn yet")
	}
	after := drawn.FindStringSubmatch(body(get(t, s, "GET", "/", "")))
	if before == nil || after == nil || before[1] == after[1] {
		t.Errorf("poster address before and after a swap: %q, %q; want two versions", before, after)
	}
	if r := get(t, s, "GET", "/poster.jpg?view=&size=1280x720&c="+after[1], ""); r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/jpeg" {
		t.Errorf("the drawn poster: status %d, %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

func TestServe_page(t *testing.T) {
	h := mapServer(t, Options{FrameAncestors: "https://news.example https://*.news.example"})
	r := get(t, h, "GET", "/?v=map%3D5%2F39%2F69%26sel%3Dsite%3Abagram", "")
	page := body(r)
	for _, want := range []string{
		`<meta property="og:title" content="Bagram Airbase — silkmap">`,
		`<meta property="og:image" content="http://example.com/snapshot.png?view=map%3D5%2F39%2F69%26sel%3Dsite%3Abagram&amp;size=1200x630">`,
		`<link rel="alternate" type="application/json+oembed" href="http://example.com/oembed?format=json&amp;url=http%3A%2F%2Fexample.com%2F%3Fv%3Dmap%253D5%252F39%252F69%2526sel%253Dsite%253Abagram"`,
		`<meta name="silkmap-origins" content="*">`,
		`<meta name="silkmap-snapshots" content="snapshot.png">`,
		`<title>Bagram Airbase · silkmap — `,
		// The poster shows the linked view, rendered by the server.
		`<img class="poster" src="poster.jpg?view=map%3D5%2F39%2F69%26sel%3Dsite%3Abagram&amp;size=1280x720&amp;c=`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s\n%s", want, page)
		}
	}
	if strings.Contains(page, "poster-large") || strings.Contains(page, "poster-phone") || strings.Contains(page, "poster-tablet") {
		t.Errorf("the page for a view still offers the default view's other posters:\n%s", page)
	}
	if got := r.Header.Get("Content-Security-Policy"); !strings.HasSuffix(got, "; frame-ancestors https://news.example https://*.news.example") || !strings.Contains(got, "script-src 'self' 'wasm-unsafe-eval'") {
		t.Errorf("CSP = %q", got)
	}
	hostile := body(get(t, h, "GET", "/?v=sel%3D%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", ""))
	if strings.Contains(hostile, "<script>") {
		t.Errorf("a hostile ?v= reached the page as markup:\n%s", hostile)
	}
	if plain := body(get(t, h, "GET", "/", "")); !strings.Contains(plain, `<img class="poster" src="poster.0123456789.jpg"`) || !strings.Contains(plain, `srcset="poster-large.0123456789.jpg"`) || !strings.Contains(plain, `srcset="poster-phone.0123456789.jpg"`) || !strings.Contains(plain, `srcset="poster-tablet.0123456789.jpg"`) {
		t.Errorf("the page without a view lost its built poster:\n%s", plain)
	}
	if got := get(t, mapServer(t, Options{}), "GET", "/", "").Header.Get("Content-Security-Policy"); !strings.HasSuffix(got, "frame-ancestors *") {
		t.Errorf("default CSP = %q, want frame-ancestors *", got)
	}
}

func TestServe_oEmbed(t *testing.T) {
	h := mapServer(t, Options{BaseURL: "https://maps.example"})
	r := get(t, h, "GET", "/oembed?format=json&maxwidth=600&maxheight=2000&url="+url.QueryEscape("https://maps.example/#map=4.5/41.2/63&sel=site:bagram"), "")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, type %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	var got map[string]any
	if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	// The spec's required fields for a rich response.
	for _, k := range []string{"type", "version", "html", "width", "height"} {
		if _, ok := got[k]; !ok {
			t.Errorf("response lacks %q: %v", k, got)
		}
	}
	if got["type"] != "rich" || got["version"] != "1.0" || got["width"] != 600.0 || got["height"] != 500.0 {
		t.Errorf("response = %v", got)
	}
	html, _ := got["html"].(string)
	if !strings.Contains(html, `src="https://maps.example/?embed=1#map=4.5/41.2/63&amp;sel=site:bagram"`) || !strings.Contains(html, `width="600" height="500"`) {
		t.Errorf("html = %s", html)
	}
	if tu, _ := got["thumbnail_url"].(string); !strings.HasPrefix(tu, "https://maps.example/snapshot.png?view=") || !strings.HasSuffix(tu, "&size=600x500") {
		t.Errorf("thumbnail_url = %v", got["thumbnail_url"])
	}
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"url=" + url.QueryEscape("https://elsewhere.example/#map=1/2/3"), 404},
		{"url=" + url.QueryEscape("https://maps.example/admin"), 404},
		{"url=" + url.QueryEscape("javascript:alert(1)"), 404},
		{"url=" + url.QueryEscape("https://maps.example/") + "&format=xml", 501},
		{"url=" + url.QueryEscape("https://maps.example/?v=map%3D3%2F40%2F60"), 200},
		{"url=" + url.QueryEscape("https://maps.example/") + "&maxwidth=199", 404}, // below the least width
		{"url=" + url.QueryEscape("https://maps.example/") + "&maxheight=149", 404},
		{"url=" + url.QueryEscape("https://maps.example/") + "&maxwidth=200&maxheight=150", 200},
	} {
		if r := get(t, h, "GET", "/oembed?"+tt.query, ""); r.StatusCode != tt.want {
			t.Errorf("oembed?%s: status %d, want %d", tt.query, r.StatusCode, tt.want)
		}
	}
}

// The oEmbed spec: a response never exceeds maxwidth and maxheight.
func TestServe_oEmbedNeverLarger(t *testing.T) {
	h := mapServer(t, Options{BaseURL: "https://maps.example"})
	for _, tt := range []struct {
		query        string
		wantW, wantH float64
	}{
		{"", 800, 500},
		{"&maxwidth=300", 300, 500},
		{"&maxwidth=300&maxheight=200", 300, 200},
		{"&maxwidth=5000&maxheight=5000", 800, 500},
		{"&maxwidth=abc", 800, 500}, // not a size: as if absent
	} {
		r := get(t, h, "GET", "/oembed?url="+url.QueryEscape("https://maps.example/")+tt.query, "")
		var got struct {
			Width, Height   float64
			ThumbnailWidth  float64 `json:"thumbnail_width"`
			ThumbnailHeight float64 `json:"thumbnail_height"`
		}
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Fatalf("%s: status %d: %v", tt.query, r.StatusCode, err)
		}
		if got.Width != tt.wantW || got.Height != tt.wantH || got.ThumbnailWidth != tt.wantW || got.ThumbnailHeight != tt.wantH {
			t.Errorf("%s: got %v, want %vx%v", tt.query, got, tt.wantW, tt.wantH)
		}
	}
}

// With --base-url under a path, the map's URLs are those under it (a proxy
// in front strips the path before the request reaches the server).
func TestServe_oEmbedBasePath(t *testing.T) {
	h := mapServer(t, Options{BaseURL: "https://example.org/map/"})
	for _, tt := range []struct {
		url  string
		want int
	}{
		{"https://example.org/map/", 200},
		{"https://example.org/map", 200},
		{"https://example.org/map/index.html#map=3/40/60", 200},
		{"https://example.org/map/?v=map%3D3%2F40%2F60", 200},
		{"https://example.org/", 404},
		{"https://example.org/other/", 404},
	} {
		r := get(t, h, "GET", "/oembed?url="+url.QueryEscape(tt.url), "")
		if r.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.url, r.StatusCode, tt.want)
			continue
		}
		if tt.want == 200 {
			if b := body(r); !strings.Contains(b, `"provider_url":"https://example.org/map/"`) || !strings.Contains(b, `src=\"https://example.org/map/?embed=1#`) {
				t.Errorf("%s: %s", tt.url, b)
			}
		}
	}
}

func TestServe_headersLogAndSwap(t *testing.T) {
	var log strings.Builder
	s := New(Options{Web: fstest.MapFS{"a.js": {Data: []byte("x")}}, Content: fstest.MapFS{"articles.json": {Data: []byte("old")}}, Log: slog.New(slog.NewJSONHandler(&log, nil))})
	for _, path := range []string{"/a.js", "/missing", "/content/articles.json"} {
		r := get(t, s, "GET", path, "")
		for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy", "Content-Security-Policy"} {
			if r.Header.Get(h) == "" {
				t.Errorf("GET %s: no %s", path, h)
			}
		}
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want 3:\n%s", len(lines), log.String())
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &e); err != nil || e["msg"] != "request" || e["path"] != "/missing" || e["status"] != 404.0 || e["method"] != "GET" {
		t.Errorf("log line %q: %v", lines[1], err)
	}
	s.Swap(State{Content: fstest.MapFS{"articles.json": {Data: []byte("new")}}})
	if got := body(get(t, s, "GET", "/content/articles.json", "")); got != "new" {
		t.Errorf("after Swap the content is %q, want new", got)
	}
}

// FuzzQueries throws arbitrary query strings at the oEmbed endpoint and the
// page (whose ?v= decides its head): any status but a 5xx, never a panic.
func FuzzQueries(f *testing.F) {
	h := mapServer(f, Options{BaseURL: "https://maps.example"})
	f.Add("url=https%3A%2F%2Fmaps.example%2F%23map%3D4%2F41%2F63&maxwidth=300&format=json")
	f.Add("url=javascript:alert(1)&maxheight=-5")
	f.Add("v=sel%3D%22%3E%3Cscript%3E&format=xml")
	f.Fuzz(func(t *testing.T, q string) {
		for _, path := range []string{"/oembed?", "/?"} {
			req := httptest.NewRequest("GET", "/", nil)
			req.URL.RawQuery = q
			req.URL.Path = strings.TrimSuffix(path, "?")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 && rec.Code != http.StatusNotImplemented {
				t.Fatalf("%s%s: status %d", path, q, rec.Code)
			}
			if path == "/?" && strings.Contains(rec.Body.String(), "<script>") {
				t.Fatalf("?%s put a script element in the page", q)
			}
		}
	})
}

// The snapshot cache keeps the latest renders within its count and bytes,
// the oldest going first; a render over a quarter of the bytes is not kept,
// and a key put twice is kept once.
func TestRecent(t *testing.T) {
	c := newRecent(10, 100)
	kept := func() string {
		var ks []string
		for _, k := range c.keys {
			if _, ok := c.get(k); ok {
				ks = append(ks, k)
			}
		}
		return strings.Join(ks, ",") + fmt.Sprintf(" %dB", c.bytes)
	}
	put := func(key string, size int, want string) {
		t.Helper()
		c.put(key, make([]byte, size))
		if got := kept(); got != want {
			t.Fatalf("after %s (%d B): %s, want %s", key, size, got, want)
		}
	}
	put("a", 20, "a 20B")
	put("b", 25, "a,b 45B")
	put("c", 25, "a,b,c 70B")
	put("d", 25, "a,b,c,d 95B")
	put("e", 10, "b,c,d,e 85B")   // the bytes: a goes
	put("big", 26, "b,c,d,e 85B") // over a quarter: not kept
	put("c", 5, "b,d,e,c 65B")    // put again: once, as the latest
	put("f", 25, "b,d,e,c,f 90B")
	put("g", 20, "d,e,c,f,g 85B") // the bytes: b goes
	if _, ok := c.get("a"); ok {
		t.Error("a is still there")
	}
	c = newRecent(2, 100)
	put("x", 1, "x 1B")
	put("y", 1, "x,y 2B")
	put("z", 1, "y,z 2B") // the count: x goes
}

// A server without a bundle (an API-only use) still starts and serves content.
func TestServe_noBundle(t *testing.T) {
	s := New(Options{Content: fstest.MapFS{"articles.json": {Data: []byte(`{"articles":[]}`)}}})
	if r := get(t, s, "GET", "/content/articles.json", ""); r.StatusCode != 200 {
		t.Errorf("content without a bundle: status %d", r.StatusCode)
	}
}

func TestServe_etags(t *testing.T) {
	h := testServer()
	for _, tt := range []struct{ path, enc string }{
		{"/style.css", ""}, {"/style.css", "br"}, {"/style.css", "gzip"},
		{"/silkmap.0123456789.wasm", "gzip"},
		{"/content/sites.geojson", ""}, {"/content/index.json", ""},
		{"/", ""},
	} {
		r := get(t, h, "GET", tt.path, tt.enc)
		tag := r.Header.Get("ETag")
		if r.StatusCode != 200 || !regexp.MustCompile(`^"[0-9a-f]{20}(-br|-gzip)?"$`).MatchString(tag) {
			t.Errorf("%s (%s): status %d, ETag %q, want a strong tag", tt.path, tt.enc, r.StatusCode, tag)
			continue
		}
		req := httptest.NewRequest("GET", tt.path, nil)
		req.Header.Set("If-None-Match", tag)
		if tt.enc != "" {
			req.Header.Set("Accept-Encoding", tt.enc)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("%s (%s) If-None-Match its tag: status %d, %d bytes, want 304 and none", tt.path, tt.enc, rec.Code, rec.Body.Len())
		}
	}
	// Each representation has a tag of its own, and the content file's
	// uncompressed one is ETag of its bytes (the write API's).
	if a, b := get(t, h, "GET", "/style.css", "br").Header.Get("ETag"), get(t, h, "GET", "/style.css", "").Header.Get("ETag"); a == b {
		t.Errorf("brotli and identity share the tag %s", a)
	}
	if got, want := get(t, h, "GET", "/content/sites.geojson", "").Header.Get("ETag"), ETag([]byte(`{"type":"FeatureCollection","features":[]}`)); got != want {
		t.Errorf("content ETag %s, want ETag(bytes) = %s", got, want)
	}
	big := testServerWith(fstest.MapFS{"articles.json": {Data: bytes.Repeat([]byte(`{"articles":[]} `), 100)}})
	br, gz := get(t, big, "GET", "/content/articles.json", "br"), get(t, big, "GET", "/content/articles.json", "gzip")
	if br.Header.Get("Content-Encoding") != "br" || br.Header.Get("ETag") == gz.Header.Get("ETag") || !strings.HasSuffix(br.Header.Get("ETag"), `-br"`) {
		t.Errorf("compressed content: %s %s, %s", br.Header.Get("Content-Encoding"), br.Header.Get("ETag"), gz.Header.Get("ETag"))
	}
}

func testServerWith(content fs.FS) http.Handler {
	return New(Options{Web: fstest.MapFS{"index.html": {Data: []byte("page")}}, Content: content})
}

func TestServe_healthAndNotReady(t *testing.T) {
	if r := get(t, testServer(), "GET", "/healthz", ""); r.StatusCode != 200 || r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("/healthz with content: %d %q, want 200 no-store", r.StatusCode, r.Header.Get("Cache-Control"))
	}
	// serve --watch on a folder that is missing or bad: no content yet.
	s := New(Options{Web: fstest.MapFS{"index.html": {Data: []byte("page")}, "a.0123456789.js": {Data: []byte("js")}}})
	for _, path := range []string{"/healthz", "/", "/index.html", "/content/articles.json", "/content/index.json", "/oembed?url=http%3A%2F%2Fexample.com%2F", "/snapshot.png", "/poster.jpg"} {
		r := get(t, s, "GET", path, "")
		if r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" && path != "/healthz" {
			t.Errorf("%s before content: status %d, Retry-After %q, want 503", path, r.StatusCode, r.Header.Get("Retry-After"))
		}
		if path == "/" && !strings.Contains(body(r), "not ready") {
			t.Errorf("the page before content does not say it is not ready")
		}
	}
	if r := get(t, s, "POST", "/healthz", ""); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz: %d", r.StatusCode)
	}
	s.Swap(State{Content: fstest.MapFS{"articles.json": {Data: []byte(`{"articles":[]}`)}}})
	for _, path := range []string{"/healthz", "/", "/content/articles.json"} {
		if r := get(t, s, "GET", path, ""); r.StatusCode != 200 {
			t.Errorf("%s after content came: status %d, want 200", path, r.StatusCode)
		}
	}
}
