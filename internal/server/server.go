// Package server serves the map's web bundle and content folder: the right
// MIME types, brotli and gzip chosen by Accept-Encoding (the bundle's
// precompressed copies; the content and the page compressed here),
// immutable caching for content-hashed files and strong ETags for every
// file and page (see ETag), no directory listings, GET and HEAD only, and
// /healthz, which says whether content is being served.
package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/layout"
)

// Options configures the server.
type Options struct {
	Web     fs.FS // the bundle made by cmd/silkmap-web
	Content fs.FS // the content folder served under /content/
	// Map is the loaded map, for snapshots, page titles and oEmbed; nil
	// turns those off.
	Map *layout.Prepared
	// Translate makes the map of a content folder in another language the
	// map speaks, for snapshots' and posters' lang=; nil draws them in
	// English only.
	Translate func(content fs.FS, lang string) (*layout.Prepared, error)
	// BaseURL is the public address of the map, e.g. "https://maps.example";
	// "" takes it from each request's Host.
	BaseURL string
	// FrameAncestors are the CSP frame-ancestors sources that may embed the
	// map (space-separated); "" allows any.
	FrameAncestors string
	// Origins are the page origins whose postMessage calls the map obeys
	// (space-separated); "" allows any.
	Origins string
	// Log, when set, logs one line per request (see accessLog).
	Log *slog.Logger
	// Edit, when set, turns on the studio and its write API (see Edit).
	Edit *Edit
}

// State is the content a server serves and the map made from it. It is
// swapped whole (see Server.Swap), so a request sees one state throughout.
// A state without Content is not ready: the server answers 503 for the
// page, the content, snapshots, oEmbed and /healthz until one with content
// is swapped in (serve --watch starting on a folder that is missing or bad).
type State struct {
	Content fs.FS
	Map     *layout.Prepared

	version string // of Content (see contentVersion), "" for none
	// stale is true when the bundle's posters of the default view were
	// drawn from other content than Content (an editor's folder): the page
	// then shows one the server draws.
	stale bool
	// prepared is the folder's own boundaries in the binary form, or nil
	// (see preparer).
	prepared *prepared
}

// Server serves the web bundle, the content folder, snapshots and oEmbed.
type Server struct {
	Options
	web     fs.FS
	state   atomic.Pointer[State]
	snaps   *snapshots
	packs   *recent // compressed content and pages (see packed)
	tags    *recent // digests of files (see fileDigest)
	prep    *preparer
	editor  *editor // the write API, or nil
	handler http.Handler
}

// New makes a server.
func New(o Options) *Server {
	if o.FrameAncestors == "" {
		o.FrameAncestors = "*"
	}
	if o.Origins == "" {
		o.Origins = "*"
	}
	s := &Server{Options: o, web: o.Web}
	s.snaps = newSnapshots(s.current, o.Translate)
	s.packs = newRecent(256, 16<<20)
	s.tags = newRecent(4096, 1<<20)
	s.prep = newPreparer()
	if o.Edit != nil {
		s.editor = newEditor(o.Edit)
	}
	s.store(State{Content: o.Content, Map: o.Map})
	mux := http.NewServeMux()
	mux.HandleFunc("/api/content/", s.serveAPIContent)
	mux.HandleFunc("/api/content", s.serveAPIContent)
	mux.HandleFunc("/api/events", s.serveEvents)
	mux.HandleFunc("/edit", s.serveStudio)
	mux.HandleFunc("/content/", s.serveContent)
	mux.HandleFunc("/snapshot.png", s.snaps.serve(snapshotPNG))
	mux.HandleFunc("/poster.jpg", s.snaps.serve(posterJPEG))
	mux.HandleFunc("/oembed", s.serveOEmbed)
	mux.HandleFunc("/healthz", s.serveHealth)
	mux.HandleFunc("/", s.serveWeb)
	s.handler = s.headers(mux)
	if o.Log != nil {
		s.handler = accessLog(o.Log, s.handler)
	}
	return s
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Swap replaces the content and map being served, at once for every later
// request (live reload). Cached snapshots of the old state are dropped.
// The content served already changes nothing (the watcher reads back what
// the studio has just saved and swapped in).
func (s *Server) Swap(st State) {
	if st.Content != nil {
		if st.version = contentVersion(st.Content); st.version == s.current().version {
			return
		}
	}
	s.snaps.cache.reset()
	s.packs.reset()
	s.tags.reset()
	s.store(st)
	if s.editor != nil {
		s.editor.events.publish(`{"version":"` + s.current().version + `"}`)
	}
}

// store makes st the state served, with what the pages need to know of it
// and the poster they will show drawn first (its version may be worked
// out already).
func (s *Server) store(st State) {
	st.stale = false
	if st.Content == nil {
		st.version = ""
	} else {
		if st.version == "" {
			st.version = contentVersion(st.Content)
		}
		// A bundle holds the content its posters were drawn from.
		if s.web != nil {
			if _, err := fs.Stat(s.web, "content/"+mapdata.FileIndex); err == nil {
				bundled, _ := fs.Sub(s.web, "content")
				st.stale = contentVersion(bundled) != st.version
			}
		}
	}
	s.snaps.warm(&st)
	// Brotli, which browsers ask for, made before the first page does.
	s.prep.prepare(&st, func(p *prepared) {
		s.packed(p.key(), "br", func() ([]byte, error) { return p.data, nil })
	})
	s.state.Store(&st)
}

// versionParam is the query parameter naming the content's version in the
// address of a poster ("" when there is none). The route ignores it: it
// only makes the address change with the content, so that a browser never
// shows a poster of content since replaced. (Link previews keep their
// documented addresses: crawlers keep pictures by their own rules.)
func (st *State) versionParam() string {
	if st.version == "" {
		return ""
	}
	return "&c=" + st.version
}

// contentVersion sums up a content folder's files: it changes whenever
// one of them does.
func contentVersion(fsys fs.FS) string {
	h := sha256.New()
	for _, name := range mapdata.ContentFiles {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

func (s *Server) current() *State { return s.state.Load() }

// ready reports whether st has content to serve.
func (st *State) ready() bool { return st.Content != nil }

// notReady answers a request that needs content while there is none: a
// plain page saying so, 503, try again shortly.
func notReady(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Retry-After", "5")
	w.WriteHeader(http.StatusServiceUnavailable)
	io.WriteString(w, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>silkmap: not ready</title></head>\n"+
		"<body><p>The map&#8217;s content is not ready yet: it is being loaded or its folder needs fixing. Try again in a moment.</p></body></html>\n")
}

// serveHealth answers /healthz: 200 while content is served, 503 before
// (for load balancers, container health checks and Kubernetes probes).
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	if !getOrHead(w, r) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if !s.current().ready() {
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "content not ready\n")
		return
	}
	io.WriteString(w, "ok\n")
}

// headers sets the security headers every response carries.
func (s *Server) headers(next http.Handler) http.Handler {
	csp := "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
		"connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors " + s.FrameAncestors
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Content-Security-Policy", csp)
		next.ServeHTTP(w, r)
	})
}

// studioPage is the bundle's page of the studio: the map's page with the
// studio's script and styles, which the readers' page never loads.
const studioPage = "edit.html"

// serveStudio serves the studio at /edit on a server that edits.
func (s *Server) serveStudio(w http.ResponseWriter, r *http.Request) {
	if !getOrHead(w, r) {
		return
	}
	if s.editor == nil {
		http.NotFound(w, r)
		return
	}
	if _, err := fs.Stat(s.web, studioPage); err != nil {
		http.Error(w, "this web bundle has no studio: build it again (make web)", http.StatusNotFound)
		return
	}
	if !s.current().ready() {
		notReady(w)
		return
	}
	s.servePage(w, r, studioPage)
}

// hashedName matches the bundler's content-hashed file names.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z0-9]+$`)

func (s *Server) serveWeb(w http.ResponseWriter, r *http.Request) {
	if !getOrHead(w, r) {
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || name == "index.html" {
		if !s.current().ready() {
			notReady(w)
			return
		}
		s.servePage(w, r, "index.html")
		return
	}
	if name == studioPage {
		http.NotFound(w, r) // the studio is /edit, on a server that edits
		return
	}
	cache := "no-cache" // revalidate: the page names the current hashed files
	if hashedName.MatchString(name) {
		cache = "public, max-age=31536000, immutable"
	}
	s.serveFile(w, r, s.web, nil, name, cache)
}

func (s *Server) serveContent(w http.ResponseWriter, r *http.Request) {
	if !getOrHead(w, r) {
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/content/")
	if strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	st := s.current()
	if !st.ready() {
		notReady(w)
		return
	}
	switch name {
	case mapdata.FilePreparedBoundaries:
		s.servePrepared(w, r, st)
		return
	case mapdata.FileIndex:
		index := mapdata.ContentIndex(st.Content, st.prepared.ready() != nil)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", ETag(index))
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(index))
		return
	}
	s.serveFile(w, r, st.Content, st, name, "no-cache")
}

// serveFile sends name from fsys, or its precompressed .br or .gz copy when
// the client accepts it, with its ETag (see etag). Folders are never
// listed. A file of state st's content folder (nil for the bundle) that
// has no such copy is compressed here (see packs).
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS, st *State, name, cache string) {
	if !fs.ValidPath(name) || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
		http.NotFound(w, r)
		return
	}
	info, err := fs.Stat(fsys, name)
	if err != nil || info.IsDir() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", cache)
	h.Add("Vary", "Accept-Encoding")
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".wasm":
		ctype = "application/wasm"
	case ".js":
		ctype = "text/javascript; charset=utf-8"
	case ".geojson":
		ctype = "application/geo+json"
	case ".topojson":
		ctype = "application/json"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	owner := "web"
	if st != nil {
		owner = fmt.Sprintf("%p", st)
	}
	dig, err := s.fileDigest(fsys, owner, name, info.Size(), info.ModTime())
	if err != nil {
		http.NotFound(w, r)
		return
	}
	send, sendEnc := name, ""
	for _, enc := range encodings {
		if !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			continue
		}
		if _, err := fs.Stat(fsys, name+enc.ext); err == nil {
			send, sendEnc = name+enc.ext, enc.name
			break
		}
	}
	if enc := encoding(r); send == name && st != nil && enc != "" && packable(name) && info.Size() >= minPack {
		b, err := s.packed(fileKey(st, name, info.Size(), info.ModTime()), enc, func() ([]byte, error) { return fs.ReadFile(fsys, name) })
		if err != nil {
			http.NotFound(w, r)
			return
		}
		h.Set("Content-Encoding", enc)
		h.Set("ETag", etag(dig, enc))
		http.ServeContent(w, r, "", info.ModTime(), bytes.NewReader(b))
		return
	}
	if sendEnc != "" {
		h.Set("Content-Encoding", sendEnc)
	}
	h.Set("ETag", etag(dig, sendEnc))
	f, err := fsys.Open(send)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	body, ok := f.(io.ReadSeeker)
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "read error", http.StatusInternalServerError)
			return
		}
		body = bytes.NewReader(data)
	}
	http.ServeContent(w, r, "", info.ModTime(), body)
}

// accepts reports whether an Accept-Encoding header allows enc (a q=0
// entry refuses it).
func accepts(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), enc) {
			continue
		}
		for _, f := range fields[1:] {
			if q := strings.TrimSpace(f); q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
				return false
			}
		}
		return true
	}
	return false
}

// getOrHead answers 405 to anything but GET and HEAD, and says whether to
// go on.
func getOrHead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}
