// Package story reads a presentation: ordered scenes, each a view of the
// map (the same fragment as deep links) with a title, a caption, the
// features to highlight, the article it draws on, and speaker notes.
package story

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/internal/jsonlimit"
	"github.com/silkmap/silkmap/mapdata/view"
)

// File is the story's name in a content folder.
const File = mapdata.FileStory

// Story is a titled sequence of scenes.
type Story struct {
	Title  string
	Scenes []Scene
}

// Scene is one step of a story.
type Scene struct {
	Title, Caption, Notes string
	Fragment              string    // as written in the file
	View                  view.View // the decoded view, highlights and article applied
	Highlight             []string
}

var limits = jsonlimit.Limits{MaxBytes: 4 << 20, MaxDepth: 16}

// Load reads story.json from a content folder and checks it against the
// map: every view must decode without warnings, every id must exist. A
// folder without a story gives (nil, nil).
func Load(m *mapdata.Map, fsys fs.FS) (*Story, []mapdata.Problem) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	fail := func(path, format string, args ...any) mapdata.Problem {
		if path == "" {
			path = "$"
		}
		return mapdata.Problem{File: File, Path: path, Message: fmt.Sprintf(format, args...)}
	}
	if err != nil {
		return nil, []mapdata.Problem{fail("", "%v", err)}
	}
	if err := limits.Check(data); err != nil {
		return nil, []mapdata.Problem{fail("", "%v", err)}
	}
	if !gjson.ValidBytes(data) {
		return nil, []mapdata.Problem{fail("", "invalid JSON")}
	}
	root := gjson.ParseBytes(data)
	var probs []mapdata.Problem
	str := func(r gjson.Result, path string, required bool) string {
		if !r.Exists() {
			if required {
				probs = append(probs, fail(path, "missing"))
			}
			return ""
		}
		if r.Type != gjson.String {
			probs = append(probs, fail(path, "not a string"))
			return ""
		}
		if err := mapdata.CheckText(r.String()); err != nil {
			probs = append(probs, fail(path, "%v", err))
			return ""
		}
		return r.String()
	}
	s := &Story{Title: str(root.Get("title"), "title", true)}
	scenes := root.Get("scenes")
	if !scenes.IsArray() || len(scenes.Array()) == 0 {
		return nil, append(probs, fail("scenes", "missing or empty: a story needs scenes"))
	}
	layers := view.LayerIDs(m)
	for i, sc := range scenes.Array() {
		p := "scenes[" + strconv.Itoa(i) + "]"
		scene := Scene{
			Title:    str(sc.Get("title"), p+".title", true),
			Caption:  str(sc.Get("caption"), p+".caption", true),
			Notes:    str(sc.Get("notes"), p+".notes", false),
			Fragment: str(sc.Get("view"), p+".view", true),
		}
		v, warn := view.Decode(scene.Fragment, view.Default, m, layers)
		for _, w := range warn {
			probs = append(probs, fail(p+".view", "%s", w))
		}
		if a := sc.Get("article"); a.Exists() {
			id := a.String()
			if m.Kind(id) != mapdata.KindArticle {
				probs = append(probs, fail(p+".article", "unknown article id %q", id))
			}
			v.Article = id
		}
		for j, h := range sc.Get("highlight").Array() {
			if m.Kind(h.String()) == "" {
				probs = append(probs, fail(p+".highlight["+strconv.Itoa(j)+"]", "unknown id %q", h.String()))
				continue
			}
			scene.Highlight = append(scene.Highlight, h.String())
		}
		v.Scene = i + 1
		scene.View = v
		s.Scenes = append(s.Scenes, scene)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return s, nil
}
