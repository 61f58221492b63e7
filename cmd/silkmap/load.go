package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/story"
)

// contentFlag adds --content to a command.
func contentFlag(set *flag.FlagSet) *string {
	return set.String("content", "", "content folder to use instead of the embedded default")
}

// loadMap loads the map with dir's content; on content problems it prints
// them, one per line, to w.
func loadMap(dir string, w io.Writer) (*mapdata.Map, error) {
	fsys, err := assets.Folder(dir)
	if err != nil {
		return nil, err
	}
	m, err := mapdata.Load(assets.Boundaries, fsys)
	var ce *mapdata.ContentError
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			fmt.Fprintln(w, p)
		}
		return nil, fmt.Errorf("%s: %d problem(s) in the content", describeDir(dir), len(ce.Problems))
	}
	if err != nil {
		return nil, err
	}
	if _, probs := story.Load(m, fsys); len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(w, p)
		}
		return nil, fmt.Errorf("%s: %d problem(s) in the story", describeDir(dir), len(probs))
	}
	return m, nil
}

func describeDir(dir string) string {
	if dir == "" {
		return "embedded content"
	}
	return dir
}
