package mapdata

import (
	"testing"
	"testing/fstest"
)

func TestContentIndex(t *testing.T) {
	fsys := fstest.MapFS{
		FileSites:          {Data: []byte("{}")},
		FileBoundaries:     {Data: []byte("{}")},
		"notes.txt":        {Data: []byte("x")},
		FileArticles:       {Data: []byte("{}")},
		"boundaries.atlas": {Data: []byte("x")}, // never a folder's own file
	}
	for _, tt := range []struct {
		prepared bool
		want     string
	}{
		{false, `{"files":["articles.json","sites.geojson","boundaries.topojson"]}`},
		{true, `{"files":["articles.json","sites.geojson","boundaries.atlas"]}`},
	} {
		if got := string(ContentIndex(fsys, tt.prepared)); got != tt.want {
			t.Errorf("ContentIndex(prepared %v) = %s, want %s", tt.prepared, got, tt.want)
		}
	}
	if got := string(ContentIndex(fstest.MapFS{FileSites: {Data: []byte("{}")}}, true)); got != `{"files":["sites.geojson"]}` {
		t.Errorf("a folder without boundaries, prepared: %s", got)
	}
}
