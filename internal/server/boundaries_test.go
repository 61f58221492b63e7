package server

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

// indexFiles is the file list of the content index s serves.
func indexFiles(t *testing.T, s http.Handler) []string {
	t.Helper()
	var idx struct{ Files []string }
	if err := json.Unmarshal([]byte(body(get(t, s, "GET", "/content/"+mapdata.FileIndex, ""))), &idx); err != nil {
		t.Fatal(err)
	}
	return idx.Files
}

// stateOf is the state of a content folder, loaded as serve loads it.
func stateOf(t *testing.T, content fstest.MapFS) State {
	t.Helper()
	m, err := mapdata.Load(assets.Boundaries, content)
	if err != nil {
		t.Fatal(err)
	}
	return State{Content: content, Map: layout.Prepare(m, geo.WebMercator)}
}

// A folder with its own boundaries has them offered prepared, in place of
// the TopoJSON, once made; a folder without has none.
func TestServe_preparedBoundaries(t *testing.T) {
	content := fstest.MapFS{
		mapdata.FileBoundaries: {Data: assets.Boundaries},
		mapdata.FileArticles:   {Data: []byte(`{"articles":[]}`)},
	}
	st := stateOf(t, content)
	s := New(Options{Web: fstest.MapFS{"index.html": {Data: []byte("page")}}, Content: st.Content, Map: st.Map})
	deadline := time.Now().Add(time.Minute)
	for !slices.Contains(indexFiles(t, s), mapdata.FilePreparedBoundaries) {
		if files := indexFiles(t, s); !slices.Contains(files, mapdata.FileBoundaries) {
			t.Fatalf("before the prepared boundaries are made the index lists %v, want the TopoJSON", files)
		}
		if time.Now().After(deadline) {
			t.Fatal("the prepared boundaries were not offered within a minute")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if files := indexFiles(t, s); slices.Contains(files, mapdata.FileBoundaries) {
		t.Errorf("the index lists both forms of the boundaries: %v", files)
	}
	r := get(t, s, "GET", "/content/"+mapdata.FilePreparedBoundaries, "gzip, br")
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "br" || r.Header.Get("ETag") == "" {
		t.Fatalf("GET the prepared boundaries: %d, encoding %q, ETag %q", r.StatusCode, r.Header.Get("Content-Encoding"), r.Header.Get("ETag"))
	}
	data, err := io.ReadAll(brotli.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	a, err := atlas.LoadBinary(data)
	if err != nil {
		t.Fatalf("the prepared boundaries do not load: %v", err)
	}
	if got, want := len(a.Countries), len(st.Map.Atlas.Countries); got != want {
		t.Errorf("the prepared boundaries have %d countries, the folder's %d", got, want)
	}
	req := get(t, s, "GET", "/content/"+mapdata.FilePreparedBoundaries, "")
	if req.StatusCode != 200 || req.Header.Get("Content-Encoding") != "" {
		t.Errorf("GET without compression: %d, encoding %q", req.StatusCode, req.Header.Get("Content-Encoding"))
	}
	// An edit of another file keeps them, at once.
	edited := fstest.MapFS{
		mapdata.FileBoundaries: content[mapdata.FileBoundaries],
		mapdata.FileArticles:   {Data: []byte(`{"articles": []}`)},
	}
	s.Swap(stateOf(t, edited))
	if files := indexFiles(t, s); !slices.Contains(files, mapdata.FilePreparedBoundaries) {
		t.Errorf("after an edit of another file the index lists %v", files)
	}
	// Without boundaries of its own, a folder has none prepared.
	s.Swap(stateOf(t, fstest.MapFS{mapdata.FileArticles: {Data: []byte(`{"articles":[ ]}`)}}))
	if files := indexFiles(t, s); slices.Contains(files, mapdata.FilePreparedBoundaries) {
		t.Errorf("a folder without boundaries: the index lists %v", files)
	}
	if r := get(t, s, "GET", "/content/"+mapdata.FilePreparedBoundaries, ""); r.StatusCode != http.StatusNotFound {
		t.Errorf("a folder without boundaries: GET the prepared ones: %d, want 404", r.StatusCode)
	}
}

// A topology the binary form cannot hold (not quantized) leaves the page
// the TopoJSON.
func TestEncode_unquantized(t *testing.T) {
	raw := []byte(`{"type":"Topology","arcs":[[[0,0],[1,0],[1,1],[0,0]]],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"id":"AAA","properties":{"name":"A"}}]}}}`)
	if data := encode(raw); data != nil {
		t.Errorf("an unquantized topology was prepared (%d bytes)", len(data))
	}
	if data := encode([]byte("{")); data != nil {
		t.Error("bad JSON was prepared")
	}
}
