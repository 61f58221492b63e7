package story

import (
	"io/fs"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/i18n"
)

// ReadTranslation reads the content folder fsys's translation file of
// lang (lang.json), checked against m and st (when not nil): nil and no
// problems when the folder has none.
func ReadTranslation(m *mapdata.Map, st *Story, fsys fs.FS, lang string) (*i18n.Content, []mapdata.Problem) {
	name := lang + ".json"
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil
	}
	scenes := 0
	if st != nil {
		scenes = len(st.Scenes)
	}
	return i18n.ParseContent(m, lang, name, data, scenes)
}

// ApplyTranslation makes m (and st, when not nil) speak loc, with the
// content's translation c (nil: the names of the boundaries only).
func ApplyTranslation(m *mapdata.Map, st *Story, loc *i18n.Locale, c *i18n.Content) {
	i18n.Apply(m, loc, c)
	if st == nil {
		return
	}
	st.Title = c.StoryTitle(st.Title)
	for i := range st.Scenes {
		sc := &st.Scenes[i]
		c.Scene(i+1, &sc.Title, &sc.Caption, &sc.Notes)
	}
}
