package story_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/view"
)

func load(t *testing.T) *mapdata.Map {
	t.Helper()
	m, err := mapdata.Load(assets.Boundaries, fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoad_default(t *testing.T) {
	m := load(t)
	s, probs := story.Load(m, fixture.Content())
	if len(probs) > 0 {
		t.Fatalf("default story problems: %v", probs)
	}
	if len(s.Scenes) < 8 {
		t.Fatalf("%d scenes, want at least 8", len(s.Scenes))
	}
	for i, sc := range s.Scenes {
		if sc.View.Scene != i+1 || sc.Caption == "" {
			t.Errorf("scene %d: %+v", i+1, sc)
		}
		// The scene's view is exactly what its fragment says.
		want, _ := view.Decode(sc.Fragment, view.Default, m, view.LayerIDs(m))
		if view.Encode(sc.View) != view.Encode(withScene(want, sc)) {
			t.Errorf("scene %d view %q, fragment %q", i+1, view.Encode(sc.View), sc.Fragment)
		}
	}
	var all string
	for _, sc := range s.Scenes {
		all += sc.Fragment + " "
	}
	for _, want := range []string{"site:gabala", "corridor:middle-corridor", "corridor:tripp", "site:bagram", "site:mes-aynak", "site:tashkent", "date=2025-11-01"} {
		if !strings.Contains(all, want) {
			t.Errorf("no scene shows %s", want)
		}
	}
}

func withScene(v view.View, sc story.Scene) view.View {
	v.Article, v.Scene = sc.View.Article, sc.View.Scene
	return v
}

func TestLoad_problems(t *testing.T) {
	m := load(t)
	for _, tt := range []struct{ in, want string }{
		{`{"title":"x","scenes":[]}`, "scenes: missing or empty"},
		{`{"title":"x","scenes":[{"title":"a","caption":"b","view":"map=NaN/1/1"}]}`, `story.json:scenes[0].view: map: "NaN/1/1" ignored`},
		{`{"title":"x","scenes":[{"title":"a","caption":"<b>x</b>","view":"map=3/40/60"}]}`, "scenes[0].caption: contains markup"},
		{`{"title":"x","scenes":[{"title":"a","caption":"b","view":"map=3/40/60","article":"article:nope"}]}`, `scenes[0].article: unknown article id "article:nope"`},
		{`{"title":"x","scenes":[{"title":"a","caption":"b","view":"map=3/40/60","highlight":["XYZ"]}]}`, `scenes[0].highlight[0]: unknown id "XYZ"`},
		{`{"title":"x","scenes":[{"caption":"b","view":"map=3/40/60"}]}`, "scenes[0].title: missing"},
		{`{`, "invalid JSON"},
	} {
		_, probs := story.Load(m, fstest.MapFS{story.File: {Data: []byte(tt.in)}})
		var got []string
		for _, p := range probs {
			got = append(got, p.String())
		}
		if !strings.Contains(strings.Join(got, "\n"), tt.want) {
			t.Errorf("Load(%s) problems %v, want %q", tt.in, got, tt.want)
		}
	}
	if s, probs := story.Load(m, fstest.MapFS{}); s != nil || probs != nil {
		t.Error("a folder without a story gave a story or problems")
	}
}

// LoadFolder checks the map and then the story, writes each problem on a
// line of its own and counts them in its error; a good folder gives both.
func TestLoadFolder(t *testing.T) {
	var out strings.Builder
	m, s, err := story.LoadFolder(assets.Boundaries, fixture.Content(), "default", mapdata.DefaultLimits, &out)
	if err != nil || m == nil || s == nil || out.Len() != 0 {
		t.Fatalf("default folder: map %v, story %v, %v, %q", m != nil, s != nil, err, out.String())
	}
	badStory := fstest.MapFS{}
	for _, name := range mapdata.ContentFiles {
		if data, err := fs.ReadFile(fixture.Content(), name); err == nil {
			badStory[name] = &fstest.MapFile{Data: data}
		}
	}
	badStory[story.File] = &fstest.MapFile{Data: []byte(`{"title":"t","scenes":[{"title":"a","caption":"b","view":"sel=XXX"}]}`)}
	for _, tt := range []struct {
		name  string
		files fs.FS
		line  string // the first problem's start
		err   string
	}{
		{"bad content", fstest.MapFS{
			"articles.json": {Data: []byte(`{"articles":[{"id":"article:x","title":"<b>x</b>"}]}`)},
		}, "articles.json:articles[0]", "mine: "},
		{"bad story", badStory, "story.json:scenes[0]", "mine: 1 problem(s) in the story"},
	} {
		out.Reset()
		m, s, err := story.LoadFolder(assets.Boundaries, tt.files, "mine", mapdata.DefaultLimits, &out)
		if m != nil || s != nil || err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("%s: map %v, story %v, error %v; want %q…", tt.name, m != nil, s != nil, err, tt.err)
		}
		var lines []string // the problems, before the warnings that follow them
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if !strings.Contains(l, ": warning: ") {
				lines = append(lines, l)
			}
		}
		if !strings.HasPrefix(lines[0], tt.line) || !strings.Contains(err.Error(), fmt.Sprintf("%d problem(s)", len(lines))) {
			t.Errorf("%s: problems %q, error %v; want one line each, the first %q…", tt.name, out.String(), err, tt.line)
		}
	}
}
