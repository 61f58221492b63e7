package main

import (
	"errors"
	"flag"
	"io"
	"io/fs"

	"github.com/silkmap/silkmap/internal/contentdir"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/story"
)

// contentFlag adds --content to a command.
func contentFlag(set *flag.FlagSet) *string {
	return set.String("content", "", "content folder to use instead of the embedded default")
}

// loadMap loads the map with dir's content within the limits of the
// environment (SILKMAP_MAX_*); on content problems it prints them, one per
// line, to w.
func loadMap(dir string, w io.Writer) (*mapdata.Map, error) {
	lim, err := contentdir.LimitsFromEnv()
	if err != nil {
		return nil, usageError{err}
	}
	_, m, _, err := load(dir, lim, w)
	return m, err
}

// load reads and checks a content folder ("" for the embedded one) within
// lim. A folder that is not there is a mistake in the command line: a usage
// error.
func load(dir string, lim mapdata.Limits, w io.Writer) (fs.FS, *mapdata.Map, *story.Story, error) {
	fsys, m, s, err := contentdir.Load(dir, lim, w)
	if errors.Is(err, contentdir.ErrFolder) {
		return nil, nil, nil, usageError{err}
	}
	return fsys, m, s, err
}
