//go:build !js

package story

import (
	"fmt"
	"io/fs"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/i18n"
)

// Translate makes m (and st, when not nil) speak lang, with the content
// folder fsys's translation file of lang when it has one; LoadFolder has
// checked it. It returns the locale, for the words a program draws itself.
func Translate(m *mapdata.Map, st *Story, fsys fs.FS, lang string) (*i18n.Locale, error) {
	loc, err := i18n.Load(lang)
	if err != nil || loc.Lang() == "en" {
		return loc, err
	}
	var c *i18n.Content
	if data, err := fs.ReadFile(fsys, lang+".json"); err == nil {
		scenes := 0
		if st != nil {
			scenes = len(st.Scenes)
		}
		var probs []mapdata.Problem
		if c, probs = i18n.ParseContent(m, lang, lang+".json", data, scenes); len(probs) > 0 {
			return nil, fmt.Errorf("story: %s", probs[0])
		}
	}
	i18n.Apply(m, loc, c)
	if st != nil {
		st.Title = c.StoryTitle(st.Title)
		for i := range st.Scenes {
			sc := &st.Scenes[i]
			c.Scene(i+1, &sc.Title, &sc.Caption, &sc.Notes)
		}
	}
	return loc, nil
}
