package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
)

// contentFlag adds --content to a command.
func contentFlag(set *flag.FlagSet) *string {
	return set.String("content", "", "content folder to use instead of the embedded default")
}

// contentFS opens dir, or the embedded content when dir is empty.
func contentFS(dir string) (fs.FS, error) {
	if dir == "" {
		return assets.Content(), nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	return os.DirFS(dir), nil
}

// loadMap loads the map with dir's content; on content problems it prints
// them, one per line, to w.
func loadMap(dir string, w io.Writer) (*mapdata.Map, error) {
	fsys, err := contentFS(dir)
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
	return m, err
}

func describeDir(dir string) string {
	if dir == "" {
		return "embedded content"
	}
	return dir
}
