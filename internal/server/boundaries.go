package server

import (
	"io/fs"
	"net/http"
	"sync"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
)

// A folder that brings its own boundaries (boundaries.topojson) has them
// offered to the page in the prepared binary form too
// (mapdata.FilePreparedBoundaries, as make data prepares the default
// ones): loading it skips the JSON, the simplification and the search for
// label spots, which took most of the page's start with the 1:10m
// boundaries (docs/performance.md). It is made in the background once the
// content is served, one at a time, and kept while the file stays the
// same (an edit of another file reuses it). Until it is ready, and when
// the topology has no such form (it is not quantized), the index lists
// the TopoJSON, which the page reads as before.
type prepared struct {
	source string        // digest of the TopoJSON it is made from
	done   chan struct{} // closed once data is set
	data   []byte        // the binary form; nil when there is none
	tag    string        // digest of data
}

// preparer makes the prepared boundaries of the states served.
type preparer struct {
	mu   sync.Mutex
	last *prepared     // the latest asked for
	one  chan struct{} // held while one is made
}

func newPreparer() *preparer { return &preparer{one: make(chan struct{}, 1)} }

// prepare gives st the prepared form of its folder's boundaries, made in
// the background; warm is called with it once made.
func (pr *preparer) prepare(st *State, warm func(*prepared)) {
	if st.Map == nil || !st.Map.Map.OwnBoundaries {
		return
	}
	raw, err := fs.ReadFile(st.Content, mapdata.FileBoundaries)
	if err != nil {
		return
	}
	src := digest(raw)
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if p := pr.last; p != nil && p.source == src {
		st.prepared = p
		return
	}
	p := &prepared{source: src, done: make(chan struct{})}
	pr.last, st.prepared = p, p
	go func() {
		defer close(p.done)
		pr.one <- struct{}{}
		defer func() { <-pr.one }()
		pr.mu.Lock()
		superseded := pr.last != p
		pr.mu.Unlock()
		if superseded { // the folder changed again while another was made
			return
		}
		p.data = encode(raw)
		if p.data != nil {
			p.tag = digest(p.data)
			warm(p)
		}
	}()
}

// encode is the binary form of a TopoJSON file that the content's checks
// have accepted, or nil when it has none (it is not quantized). A failure
// only leaves the page the TopoJSON, so it must not take the server down.
func encode(raw []byte) (data []byte) {
	defer func() {
		if recover() != nil {
			data = nil
		}
	}()
	data, _ = atlas.EncodeTopoJSON(raw)
	return data
}

// ready returns the prepared form once it is made; nil before, or when
// there is none.
func (p *prepared) ready() []byte {
	if p == nil {
		return nil
	}
	select {
	case <-p.done:
		return p.data
	default:
		return nil
	}
}

// servePrepared sends st's prepared boundaries, compressed when the
// client accepts it.
func (s *Server) servePrepared(w http.ResponseWriter, r *http.Request, st *State) {
	data := st.prepared.ready()
	if data == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	s.sendBytes(w, r, st.prepared.key(), st.prepared.tag, data)
}

// key names p's data among the compressed copies the server keeps.
func (p *prepared) key() string { return mapdata.FilePreparedBoundaries + "\x00" + p.tag }
