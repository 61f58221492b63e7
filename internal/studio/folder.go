package studio

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing/fstest"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/story"
)

// HistoryDir is where, in a content folder, each save keeps the files it
// replaced: HistoryDir/N holds save N's (see Save). `silkmap check`, `init`
// and the watcher read only the content files, so they never see it.
const HistoryDir = ".silkmap/history"

// MaxHistory is how many saves the history keeps; older ones are dropped.
const MaxHistory = 100

// Save is one save in a folder's history.
type Save struct {
	N     int       `json:"n"`
	Time  time.Time `json:"time"`
	Files []string  `json:"files"` // the files it wrote (or removed)
	// Absent are those of Files the folder did not have before the save:
	// undoing it removes them.
	Absent []string `json:"absent,omitempty"`
	// Restored is the save this one undid (silkmap restore), or 0.
	Restored int `json:"restored,omitempty"`
}

// Checked is a content folder as it would be after a change: its files,
// and the map they make, or the problems that refuse them; warnings either
// way.
type Checked struct {
	Files    fstest.MapFS
	Map      *mapdata.Map
	Problems []mapdata.Problem
	Warnings []mapdata.Problem
}

// Check loads, in memory, the content files of base with changes made
// (a nil file removes it), within lim, as `silkmap check` would: nothing
// is written.
func Check(base fs.FS, changes map[string][]byte, lim mapdata.Limits) (Checked, error) {
	files := fstest.MapFS{}
	for _, name := range mapdata.ContentFiles {
		if data, ok := changes[name]; ok {
			if data != nil {
				files[name] = &fstest.MapFile{Data: data}
			}
			continue
		}
		data, err := fs.ReadFile(base, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Checked{}, err
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	c := Checked{Files: files}
	m, err := mapdata.LoadWithin(assets.Boundaries, files, lim)
	var ce *mapdata.ContentError
	switch {
	case errors.As(err, &ce):
		c.Problems, c.Warnings = ce.Problems, ce.Warnings
		return c, nil
	case err != nil:
		return c, err
	}
	c.Warnings = m.Warnings
	if _, probs := story.Check(m, files); len(probs) > 0 {
		c.Problems = probs
		return c, nil
	}
	c.Map = m
	return c, nil
}

// Write writes changes into content folder dir (a nil file removes it),
// each file through a temporary one renamed into place, after keeping in
// the history the files they replace; it returns the save. Files are
// written as given: Format them first.
func Write(dir string, changes map[string][]byte, now time.Time, restored int) (Save, error) {
	names := make([]string, 0, len(changes))
	for name := range changes {
		if !slices.Contains(mapdata.ContentFiles, name) {
			return Save{}, fmt.Errorf("%s is not a content file", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	// The new files, written aside first.
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	tempOf := map[string]string{}
	for _, name := range names {
		if changes[name] == nil {
			continue
		}
		f, err := os.CreateTemp(dir, ".silkmap-"+name+"-*")
		if err != nil {
			return Save{}, err
		}
		temps = append(temps, f.Name())
		_, err = f.Write(changes[name])
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return Save{}, err
		}
		tempOf[name] = f.Name()
	}
	// The history entry, complete before any file is replaced.
	s, err := record(dir, names, now, restored)
	if err != nil {
		return Save{}, err
	}
	for _, name := range names {
		target := filepath.Join(dir, name)
		if t, ok := tempOf[name]; ok {
			err = os.Rename(t, target)
		} else if err = os.Remove(target); errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		if err != nil {
			return s, fmt.Errorf("writing %s: %w (save %d in %s holds the files before it)", name, err, s.N, HistoryDir)
		}
	}
	prune(dir)
	return s, nil
}

// record keeps the current files of names in a new history entry.
func record(dir string, names []string, now time.Time, restored int) (Save, error) {
	hist := filepath.Join(dir, HistoryDir)
	if err := os.MkdirAll(hist, 0o755); err != nil {
		return Save{}, err
	}
	saves, err := History(dir)
	if err != nil {
		return Save{}, err
	}
	s := Save{N: 1, Time: now.UTC().Truncate(time.Second), Files: names, Restored: restored}
	if len(saves) > 0 {
		s.N = saves[0].N + 1
	}
	tmp, err := os.MkdirTemp(hist, ".making-")
	if err != nil {
		return Save{}, err
	}
	defer os.RemoveAll(tmp)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			s.Absent = append(s.Absent, name)
			continue
		}
		if err != nil {
			return Save{}, err
		}
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return Save{}, err
		}
	}
	manifest, _ := json.MarshalIndent(s, "", "  ")
	if err := os.WriteFile(filepath.Join(tmp, "save.json"), manifest, 0o644); err != nil {
		return Save{}, err
	}
	return s, os.Rename(tmp, filepath.Join(hist, strconv.Itoa(s.N)))
}

// prune drops the history beyond its MaxHistory newest saves.
func prune(dir string) {
	saves, _ := History(dir)
	for _, s := range saves[min(len(saves), MaxHistory):] {
		os.RemoveAll(filepath.Join(dir, HistoryDir, strconv.Itoa(s.N)))
	}
}

// History lists a content folder's saves, newest first.
func History(dir string) ([]Save, error) {
	entries, err := os.ReadDir(filepath.Join(dir, HistoryDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var saves []Save
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil || !e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, HistoryDir, e.Name(), "save.json"))
		if err != nil {
			continue // not complete
		}
		var s Save
		if json.Unmarshal(data, &s) == nil && strconv.Itoa(s.N) == e.Name() {
			saves = append(saves, s)
		}
	}
	slices.SortFunc(saves, func(a, b Save) int { return b.N - a.N })
	return saves, nil
}

// Undo returns the changes that put back the files of save n as they were
// before it: its kept files, and the removal of those it created.
func Undo(dir string, n int) (map[string][]byte, error) {
	saves, err := History(dir)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(saves, func(s Save) bool { return s.N == n })
	if i < 0 {
		return nil, fmt.Errorf("no save %d in %s's history", n, dir)
	}
	changes := map[string][]byte{}
	for _, name := range saves[i].Files {
		if slices.Contains(saves[i].Absent, name) {
			changes[name] = nil
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, HistoryDir, strconv.Itoa(n), name))
		if err != nil {
			return nil, err
		}
		changes[name] = data
	}
	return changes, nil
}
