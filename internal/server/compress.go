package server

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"path"
	"time"

	"github.com/andybalholm/brotli"
)

// The web bundle comes with brotli and gzip copies of its files; the
// content folder (an editor's, or the embedded one) and the page, whose
// head is written per request, do not. They are compressed here, once per
// file or page, and kept: the default content's 66 kB of JSON goes out as
// about 15 kB, the page's 5 kB as 1.5 kB.

// minPack is the size below which a body goes out as it is: compressing
// it would save less than the headers cost.
const minPack = 512

// packable reports whether files named so are worth compressing: the
// content folder's JSON.
func packable(name string) bool {
	switch path.Ext(name) {
	case ".json", ".geojson", ".topojson":
		return true
	}
	return false
}

// encodings are the compressions served, in order of preference, with the
// suffix of the bundle's precompressed copies.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// encoding is the compression a request accepts, brotli first; "" for
// none.
func encoding(r *http.Request) string {
	for _, enc := range encodings {
		if accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			return enc.name
		}
	}
	return ""
}

// pack compresses data with enc ("br" or "gzip"). Brotli's level 5 is
// within 15% of its smallest on these files at a hundredth of the time
// (about 1 ms for the largest content file).
func pack(data []byte, enc string) []byte {
	var b bytes.Buffer
	switch enc {
	case "br":
		w := brotli.NewWriterLevel(&b, 5)
		w.Write(data)
		w.Close()
	case "gzip":
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w.Write(data)
		w.Close()
	}
	return b.Bytes()
}

// packed returns the enc copy of the body key names, made from data on
// first use and kept (s.packs: the latest first, bounded in count and
// bytes, emptied by a live reload).
func (s *Server) packed(key, enc string, data func() ([]byte, error)) ([]byte, error) {
	key = enc + "\x00" + key
	if b, ok := s.packs.get(key); ok {
		return b, nil
	}
	raw, err := data()
	if err != nil {
		return nil, err
	}
	b := pack(raw, enc)
	s.packs.put(key, b)
	return b, nil
}

// sendBytes answers r with body, made in memory and named key among the
// compressed copies kept (see packed), with dig its digest: compressed
// when the client accepts it and it is worth it, with its ETag (so that a
// matching If-None-Match is answered 304).
func (s *Server) sendBytes(w http.ResponseWriter, r *http.Request, key, dig string, body []byte) {
	enc := ""
	if e := encoding(r); e != "" && len(body) >= minPack {
		enc = e
		body, _ = s.packed(key, enc, func() ([]byte, error) { return body, nil })
		w.Header().Set("Content-Encoding", enc)
	}
	w.Header().Set("ETag", etag(dig, enc))
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// fileKey names a content file of state st: its name, size and time, so
// that an edit on disk is never answered from the cache.
func fileKey(st *State, name string, size int64, mod time.Time) string {
	return fmt.Sprintf("%p\x00%s\x00%d\x00%d", st, name, size, mod.UnixNano())
}
