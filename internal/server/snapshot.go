package server

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io/fs"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/silkmap/silkmap/assets/fonts"
	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/render/raster"
	"github.com/silkmap/silkmap/wasm/web"
)

// snapshots renders /snapshot.png?view=FRAGMENT&size=WxH&lang=LANG&theme=THEME&scale=N
// (the map with its legend, scale bar and attribution, for link previews)
// and /poster.jpg with the same parameters (the map alone, as the live
// map's first frame shows it: the page shows it while the map loads, and
// prints it at scale 2). Renders run at most one per core, so
// a burst of them cannot starve the rest of the server; recent results are
// kept, by the content's version as well as the request, so that a render
// of replaced content can never be served for the new.
type snapshots struct {
	state     func() *State
	translate func(content fs.FS, lang string) (*layout.Prepared, error) // or nil: English only
	langs     []string                                                   // the languages snapshots are drawn in
	slots     chan map[string]*raster.Renderer                           // a renderer per language, made on first use
	cache     *recent

	mu         sync.Mutex
	translated map[string]*layout.Prepared // the map in other languages, by content version and language
}

const (
	snapshotCacheSize  = 64
	snapshotCacheBytes = 64 << 20         // a 4096x4096 PNG of the map is ~10 MB
	snapshotWait       = 10 * time.Second // longest wait for a free slot
)

func newSnapshots(state func() *State, translate func(fs.FS, string) (*layout.Prepared, error)) *snapshots {
	langs := []string{"en"}
	if translate != nil {
		langs = i18n.Langs()
	}
	s := &snapshots{state: state, translate: translate, langs: langs, slots: make(chan map[string]*raster.Renderer, runtime.NumCPU()), cache: newRecent(snapshotCacheSize, snapshotCacheBytes)}
	for range cap(s.slots) {
		s.slots <- map[string]*raster.Renderer{}
	}
	return s
}

// kind is what a snapshot route renders.
type kind struct {
	poster      bool   // the map alone (raster.Poster), else raster.Snapshot
	size        string // the default size
	contentType string
}

var (
	snapshotPNG = kind{size: "1200x630", contentType: "image/png"}
	posterJPEG  = kind{poster: true, size: fmt.Sprintf("%dx%d", web.PosterWidth, web.PosterHeight), contentType: "image/jpeg"}
)

// serve returns the handler of a snapshot route.
func (s *snapshots) serve(k kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !getOrHead(w, r) {
			return
		}
		st := s.state()
		if !st.ready() {
			notReady(w)
			return
		}
		if st.Map == nil {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		size := q.Get("size")
		if size == "" {
			size = k.size
		}
		width, height, err := raster.ParseSize(size)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		lang := q.Get("lang")
		if lang == "" {
			lang = "en"
		}
		if !slices.Contains(s.langs, lang) {
			http.Error(w, fmt.Sprintf("lang %q: the map speaks %s", lang, strings.Join(s.langs, ", ")), http.StatusBadRequest)
			return
		}
		theme := q.Get("theme")
		if theme == "" {
			theme = style.Light.Name
		}
		if style.ThemeNamed(theme) == nil {
			http.Error(w, fmt.Sprintf("theme %q: the map has %s", theme, strings.Join(themeNames(), ", ")), http.StatusBadRequest)
			return
		}
		scale := 1
		if v := q.Get("scale"); v != "" {
			scale, err = strconv.Atoi(v)
			if err != nil || scale < 1 || scale > 3 || width*scale > raster.MaxSide || height*scale > raster.MaxSide {
				http.Error(w, fmt.Sprintf("scale %q: 1, 2 or 3, within %d pixels a side", v, raster.MaxSide), http.StatusBadRequest)
				return
			}
		}
		b, err := s.render(r.Context(), st, k, shot{size: size, view: q.Get("view"), lang: lang, theme: theme, w: width, h: height, scale: scale})
		if err != nil {
			w.Header().Set("Retry-After", "5")
			http.Error(w, "busy rendering snapshots; try again", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", k.contentType)
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
	}
}

// warm draws now the poster that the page of st's default view will ask
// for when st is content other than the bundle's (see State.stale), so that
// no reader waits for it after a load: the server calls it before it serves
// st.
func (s *snapshots) warm(st *State) {
	if st.stale && st.Map != nil {
		s.render(context.Background(), st, posterJPEG, shot{size: posterJPEG.size, lang: "en", theme: style.Light.Name, w: web.PosterWidth, h: web.PosterHeight, scale: 1})
	}
}

// shot is what a request asks to be drawn: the size as asked and in
// pixels, the view, the language, the theme and the pixel ratio.
type shot struct {
	size, view, lang, theme string
	w, h, scale             int
}

// cacheKey is what a render is kept by.
func cacheKey(st *State, k kind, q shot) string {
	return st.version + "|" + k.contentType + "|" + q.size + "|" + q.lang + "|" + q.theme + "|" + strconv.Itoa(q.scale) + "|" + q.view
}

// themeNames is the names of the map's themes.
func themeNames() []string {
	var names []string
	for _, t := range style.Themes {
		names = append(names, t.Name)
	}
	return names
}

// mapIn is st's map in lang, made on first use and kept for st's version.
func (s *snapshots) mapIn(st *State, lang string) (*layout.Prepared, error) {
	if lang == "en" {
		return st.Map, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := st.version + "|" + lang
	if p := s.translated[key]; p != nil {
		return p, nil
	}
	p, err := s.translate(st.Content, lang)
	if err != nil {
		return nil, err
	}
	for k := range s.translated { // only the content served now is kept
		if !strings.HasPrefix(k, st.version+"|") {
			delete(s.translated, k)
		}
	}
	if s.translated == nil {
		s.translated = map[string]*layout.Prepared{}
	}
	s.translated[key] = p
	return p, nil
}

func (s *snapshots) render(ctx context.Context, st *State, k kind, q shot) ([]byte, error) {
	key := cacheKey(st, k, q)
	if b, ok := s.cache.get(key); ok {
		return b, nil
	}
	ctx, cancel := context.WithTimeout(ctx, snapshotWait)
	defer cancel()
	var slot map[string]*raster.Renderer
	select {
	case slot = <-s.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { s.slots <- slot }()
	prep, err := s.mapIn(st, q.lang)
	if err != nil {
		return nil, err
	}
	rr := slot[q.lang]
	if rr == nil {
		r, b := fonts.For(q.lang)
		if rr, err = raster.NewFor(layout.FontSet{Regular: r, Bold: b}); err != nil {
			return nil, err
		}
		slot[q.lang] = rr
	}
	th := style.ThemeNamed(q.theme)
	var out []byte
	if k.poster {
		out, _, err = rr.PosterJPEG(prep, q.view, q.w, q.h, float64(q.scale), th)
	} else {
		img, _ := rr.Snapshot(prep, q.view, q.w, q.h, float64(q.scale), th)
		var buf bytes.Buffer
		err = png.Encode(&buf, img)
		out = buf.Bytes()
	}
	if err != nil {
		return nil, err
	}
	s.cache.put(key, out)
	return out, nil
}
