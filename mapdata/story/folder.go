package story

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/i18n"
)

// LoadFolder loads and checks a whole content folder, the map and then its
// story, as `silkmap check` does, within lim; boundaries are the default
// ones (see mapdata.Load). Each problem of refused content goes to w, one per line
// (FILE:LOCATION: message), followed by the content's warnings, and the
// error counts the problems under the folder's name. The warnings of
// content that loads are left in the Map's Warnings for the caller.
func LoadFolder(boundaries []byte, fsys fs.FS, name string, lim mapdata.Limits, w io.Writer) (*mapdata.Map, *Story, error) {
	m, err := mapdata.LoadWithin(boundaries, fsys, lim)
	var ce *mapdata.ContentError
	if errors.As(err, &ce) {
		for _, list := range [][]mapdata.Problem{ce.Problems, ce.Warnings} {
			for _, p := range list {
				fmt.Fprintln(w, p)
			}
		}
		return nil, nil, fmt.Errorf("%s: %d problem(s) in the content", name, len(ce.Problems))
	}
	if err != nil {
		return nil, nil, err
	}
	s, probs := Check(m, fsys)
	if len(probs) > 0 {
		for _, list := range [][]mapdata.Problem{probs, m.Warnings} {
			for _, p := range list {
				fmt.Fprintln(w, p)
			}
		}
		return nil, nil, fmt.Errorf("%s: %d problem(s) in the story", name, len(probs))
	}
	return m, s, nil
}

// Check reads and checks what a folder holds beyond the map m made from
// it: its story, and its translations (LANG.json) against m and the story.
func Check(m *mapdata.Map, fsys fs.FS) (*Story, []mapdata.Problem) {
	s, probs := Load(m, fsys)
	scenes := 0
	if s != nil {
		scenes = len(s.Scenes)
	}
	return s, append(probs, i18n.CheckFolder(m, fsys, scenes)...)
}
