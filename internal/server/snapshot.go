package server

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"runtime"
	"time"

	"github.com/silkmap/silkmap/render/raster"
	"github.com/silkmap/silkmap/wasm/web"
)

// snapshots renders /snapshot.png?view=FRAGMENT&size=WxH (the map with its
// legend and attribution, for link previews) and /poster.jpg with the same
// parameters (the map alone, as the live map's first frame shows it: the
// page shows it while the map loads). Renders run at most one per core, so
// a burst of them cannot starve the rest of the server; recent results are
// kept, by the content's version as well as the request, so that a render
// of replaced content can never be served for the new.
type snapshots struct {
	state func() *State
	slots chan *raster.Renderer
	cache *recent
}

const (
	snapshotCacheSize  = 64
	snapshotCacheBytes = 64 << 20         // a 4096x4096 PNG of the map is ~10 MB
	snapshotWait       = 10 * time.Second // longest wait for a free slot
)

func newSnapshots(state func() *State) *snapshots {
	s := &snapshots{state: state, slots: make(chan *raster.Renderer, runtime.NumCPU()), cache: newRecent(snapshotCacheSize, snapshotCacheBytes)}
	for range cap(s.slots) {
		s.slots <- nil // renderers are made on first use
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
		b, err := s.render(r.Context(), st, k, size, q.Get("view"), width, height)
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
		s.render(context.Background(), st, posterJPEG, posterJPEG.size, "", web.PosterWidth, web.PosterHeight)
	}
}

// cacheKey is what a render is kept by.
func cacheKey(st *State, k kind, size, view string) string {
	return st.version + "|" + k.contentType + "|" + size + "|" + view
}

func (s *snapshots) render(ctx context.Context, st *State, k kind, size, view string, w, h int) ([]byte, error) {
	key := cacheKey(st, k, size, view)
	prep := st.Map
	if b, ok := s.cache.get(key); ok {
		return b, nil
	}
	ctx, cancel := context.WithTimeout(ctx, snapshotWait)
	defer cancel()
	var rr *raster.Renderer
	select {
	case rr = <-s.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { s.slots <- rr }()
	if rr == nil {
		var err error
		if rr, err = raster.New(); err != nil {
			return nil, err
		}
	}
	var out []byte
	var err error
	if k.poster {
		out, _, err = rr.PosterJPEG(prep, view, w, h)
	} else {
		img, _ := rr.Snapshot(prep, view, w, h, 1)
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
