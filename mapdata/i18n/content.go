package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/internal/jsonlimit"
)

// Content is a content folder's text in one language (LANG.json beside
// the content files, docs/editing.md):
//
//	{"text": {ID: {FIELD: "…"}}, "story": {"title": "…", "scenes": {"N": {"title", "caption", "notes"}}}}
//
// The content's own text is English; what a translation leaves out stays
// English (the page marks it with lang="en").
type Content struct {
	Lang string
	Text map[string]map[string]string `json:"text"`
	// Story translates story.json: its title and scenes by number (from 1).
	Story struct {
		Title  string                       `json:"title"`
		Scenes map[string]map[string]string `json:"scenes"`
	} `json:"story"`
}

// Fields lists the fields each kind of entity may translate.
var Fields = map[string][]string{
	mapdata.KindCountry:  {"name", "description"},
	mapdata.KindBody:     {"name", "short_name", "description"},
	mapdata.KindCorridor: {"name", "description"},
	mapdata.KindSite:     {"name", "description"},
	mapdata.KindArticle:  {"title", "summary"},
	mapdata.KindTie:      {"name", "description"},
	mapdata.KindDisputed: {"name", "description"},
}

var sceneFields = []string{"title", "caption", "notes"}

var contentLimits = jsonlimit.Limits{MaxBytes: 4 << 20, MaxDepth: 8}

// ParseContent reads the translation file of lang (data, named file in
// problems) against m, whose story has scenes scenes: unknown ids, fields
// and scenes, empty text and markup are problems. Content with problems is
// nil.
func ParseContent(m *mapdata.Map, lang, file string, data []byte, scenes int) (*Content, []mapdata.Problem) {
	var probs []mapdata.Problem
	bad := func(path, format string, args ...any) {
		probs = append(probs, mapdata.Problem{File: file, Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if err := contentLimits.Check(data); err != nil {
		bad("$", "%v", err)
		return nil, probs
	}
	var c Content
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		bad("$", "%v", err)
		return nil, probs
	}
	c.Lang = lang
	text := func(path, s string) {
		switch {
		case strings.TrimSpace(s) == "":
			bad(path, "empty text: leave the field out to keep the English")
		case mapdata.HasMarkup(s):
			bad(path, "text is plain text, not markup")
		}
	}
	for _, id := range slices.Sorted(maps.Keys(c.Text)) {
		kind := m.Kind(id)
		if kind == "" {
			bad("text."+id, "unknown id %q", id)
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(c.Text[id])) {
			if !slices.Contains(Fields[kind], f) {
				bad("text."+id+"."+f, "a %s translates %s, not %q", kind, strings.Join(Fields[kind], ", "), f)
				continue
			}
			text("text."+id+"."+f, c.Text[id][f])
		}
	}
	if c.Story.Title != "" {
		text("story.title", c.Story.Title)
	}
	for _, k := range slices.Sorted(maps.Keys(c.Story.Scenes)) {
		n, err := strconv.Atoi(k)
		if err != nil || n < 1 || n > scenes || strconv.Itoa(n) != k {
			bad("story.scenes."+k, "no scene %q (the story has %d)", k, scenes)
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(c.Story.Scenes[k])) {
			if !slices.Contains(sceneFields, f) {
				bad("story.scenes."+k+"."+f, "a scene translates %s, not %q", strings.Join(sceneFields, ", "), f)
				continue
			}
			text("story.scenes."+k+"."+f, c.Story.Scenes[k][f])
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return &c, nil
}

// CheckFolder checks every translation file of a content folder against
// m, whose story has scenes scenes (what `silkmap check` runs).
func CheckFolder(m *mapdata.Map, fsys fs.FS, scenes int) []mapdata.Problem {
	var probs []mapdata.Problem
	for _, file := range mapdata.TranslationFiles {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			continue
		}
		_, p := ParseContent(m, strings.TrimSuffix(file, ".json"), file, data, scenes)
		probs = append(probs, p...)
	}
	return probs
}

// Apply makes m speak loc: its words, country names and the content's
// text as c translates it (c may be nil: names only). It changes m in
// place; load a Map per language.
func Apply(m *mapdata.Map, loc *Locale, c *Content) {
	if loc.Lang() == "en" {
		return
	}
	names := map[string]string{}
	for id, n := range loc.Countries() {
		names[id] = n
	}
	if c != nil {
		for id, fields := range c.Text {
			if m.Kind(id) == mapdata.KindCountry && fields["name"] != "" {
				names[id] = fields["name"]
			}
		}
	}
	for id := range names {
		m.MarkTranslated(id, "name")
	}
	m.SetLanguage(loc.Words(), names)
	if c == nil {
		return
	}
	set := func(id, field string, dst *string) {
		if s := c.Text[id][field]; s != "" {
			*dst = s
			m.MarkTranslated(id, field)
		}
	}
	for _, b := range m.Bodies {
		set(b.ID, "name", &b.Name)
		set(b.ID, "short_name", &b.ShortName)
		set(b.ID, "description", &b.Description)
	}
	for _, x := range m.Corridors {
		set(x.ID, "name", &x.Name)
		set(x.ID, "description", &x.Description)
	}
	for _, s := range m.Sites {
		set(s.ID, "name", &s.Name)
		set(s.ID, "description", &s.Description)
	}
	for _, a := range m.Articles {
		set(a.ID, "title", &a.Title)
		set(a.ID, "summary", &a.Summary)
	}
	for _, t := range m.Ties {
		set(t.ID, "name", &t.Name)
		set(t.ID, "description", &t.Description)
	}
	for _, d := range m.Disputed {
		set(d.ID, "name", &d.Name)
		set(d.ID, "description", &d.Description)
	}
	for id, n := range m.Notes {
		set(id, "description", &n.Description)
	}
}

// Scene translates scene n's (from 1) title, caption and notes in place;
// false for each left in English.
func (c *Content) Scene(n int, title, caption, notes *string) {
	if c == nil {
		return
	}
	sc := c.Story.Scenes[strconv.Itoa(n)]
	for f, dst := range map[string]*string{"title": title, "caption": caption, "notes": notes} {
		if s := sc[f]; s != "" {
			*dst = s
		}
	}
}

// StoryTitle is the story's title translated, or title.
func (c *Content) StoryTitle(title string) string {
	if c == nil || c.Story.Title == "" {
		return title
	}
	return c.Story.Title
}
