package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"testing/fstest"

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
	fsys, err := folder(dir)
	if err != nil {
		return nil, err
	}
	return loadFS(fsys, assets.FolderName(dir), w)
}

// loadFS loads and checks a content folder (the map, then its story).
func loadFS(fsys fs.FS, name string, w io.Writer) (*mapdata.Map, error) {
	m, _, err := story.LoadFolder(assets.Boundaries, fsys, name, w)
	return m, err
}

// folder opens content folder dir (the embedded one for ""). A folder
// that is not there is a mistake in the command line: a usage error.
func folder(dir string) (fs.FS, error) {
	fsys, err := assets.Folder(dir)
	if err != nil {
		return nil, usageError{err}
	}
	return fsys, nil
}

// maxSnapshotFile bounds each file copied into a content snapshot.
const maxSnapshotFile = 64 << 20

// snapshot copies a content folder's files into memory, so that what is
// served is exactly what was checked, whatever happens on disk next.
func snapshot(dir string) (fstest.MapFS, error) {
	fsys, err := folder(dir)
	if err != nil {
		return nil, err
	}
	out := fstest.MapFS{}
	for _, name := range mapdata.ContentFiles {
		info, err := fs.Stat(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if info.Size() > maxSnapshotFile {
			return nil, fmt.Errorf("%s: file is %d bytes, more than the limit of %d", name, info.Size(), maxSnapshotFile)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out[name] = &fstest.MapFile{Data: data, ModTime: info.ModTime()}
	}
	return out, nil
}
