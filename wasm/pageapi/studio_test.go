package pageapi

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/style"
)

// What is at a point: its place, the country and the feature drawn there.
func TestPointAt(t *testing.T) {
	a, app, _ := newAPI(t)
	app.frame = layout.Build(a.prep, app.v, app.Camera(), &style.Light)
	got := call(t, a, "pointAt", 320.0, 180.0) // the centre, in CSS pixels at ratio 2
	if !strings.Contains(got, `"lon":60,"lat":42`) || !strings.Contains(got, `"country":"UZB"`) {
		t.Errorf("pointAt the centre = %s", got)
	}
	if got := call(t, a, "screenOf", 60.0, 42.0); got != "[320,180]" {
		t.Errorf("screenOf the centre = %s", got)
	}
	if got := call(t, a, "pointAt", "x"); got != "null" {
		t.Errorf("pointAt with no point = %s", got)
	}
}

// The preview shows edited content, or says what is wrong and keeps the
// map as it was.
func TestPreview(t *testing.T) {
	a, app, _ := newAPI(t)
	files := map[string]any{}
	for _, name := range mapdata.ContentFiles {
		if data, err := fs.ReadFile(assets.Content(), name); err == nil {
			files[name] = string(data)
		}
	}
	bad := map[string]any{}
	for k, v := range files {
		bad[k] = v
	}
	bad[mapdata.FileArticles] = `{"articles": [{"id": "article:x"}]}`
	if got := call(t, a, "preview", bad); !strings.Contains(got, `{"file":"articles.json","location":"articles[0].title","message":"missing"}`) || app.prep != nil {
		t.Errorf("a bad preview: %s (map set: %v)", got, app.prep != nil)
	}
	files[mapdata.FileSites] = strings.Replace(files[mapdata.FileSites].(string), `"Bagram Airbase"`, `"Bagram Air Base"`, 1)
	if got := call(t, a, "preview", files); !strings.Contains(got, `"problems":[]`) || app.prep == nil {
		t.Fatalf("a good preview: %s", got)
	}
	if info := call(t, a, "getInfo", "site:bagram"); !strings.Contains(info, `"name":"Bagram Air Base"`) {
		t.Errorf("after the preview the card says %s", info)
	}
}
