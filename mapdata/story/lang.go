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
	c, probs := ReadTranslation(m, st, fsys, lang)
	if len(probs) > 0 {
		return nil, fmt.Errorf("story: %s", probs[0])
	}
	ApplyTranslation(m, st, loc, c)
	return loc, nil
}
