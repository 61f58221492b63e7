package contentdir

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/story"
)

// ErrFolder marks a content folder that is not there or not a folder: a
// mistake in the command line rather than in the content. (errors.Is finds
// it; the error's text is the mistake's own.)
var ErrFolder = errors.New("no such content folder")

type folderError struct{ error }

func (folderError) Is(target error) bool { return target == ErrFolder }

// Load reads content folder dir ("" for the embedded one) within lim and
// checks it as `silkmap check` does (story.LoadFolder): problems of reading
// and of the content go to w, one per line, and refuse the folder whole.
// It returns the files read, which are what was checked.
func Load(dir string, lim mapdata.Limits, w io.Writer) (fs.FS, *mapdata.Map, *story.Story, error) {
	name := assets.FolderName(dir)
	fsys := assets.Content()
	if dir != "" {
		files, probs, err := Read(dir, lim)
		if err != nil {
			return nil, nil, nil, folderError{err}
		}
		for _, p := range probs {
			fmt.Fprintln(w, p)
		}
		if len(probs) > 0 {
			return nil, nil, nil, fmt.Errorf("%s: %d problem(s) in the content", name, len(probs))
		}
		fsys = files
	}
	m, s, err := story.LoadFolder(assets.Boundaries, fsys, name, lim, w)
	if err != nil {
		return nil, nil, nil, err
	}
	return fsys, m, s, nil
}

// limitVars are the limits' flags and environment variables.
var limitVars = []struct {
	flag, env, usage string
	field            func(*mapdata.Limits) *int64
}{
	{"max-file-bytes", "SILKMAP_MAX_FILE_BYTES", "bytes read from one content file", func(l *mapdata.Limits) *int64 { return &l.FileBytes }},
	{"max-folder-bytes", "SILKMAP_MAX_FOLDER_BYTES", "bytes read from a content folder's files together", func(l *mapdata.Limits) *int64 { return &l.FolderBytes }},
	{"max-values", "SILKMAP_MAX_VALUES", "JSON values in a content folder's files together", func(l *mapdata.Limits) *int64 { return &l.Values }},
	{"max-work", "SILKMAP_MAX_WORK", "steps of work a load may take (a point tested against the boundaries, or 5 km of a corridor line)", func(l *mapdata.Limits) *int64 { return &l.Work }},
}

// LimitsFromEnv is mapdata.DefaultLimits with the SILKMAP_MAX_* variables
// that are set in its place.
func LimitsFromEnv() (mapdata.Limits, error) {
	lim := mapdata.DefaultLimits
	for _, v := range limitVars {
		s, ok := os.LookupEnv(v.env)
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return lim, fmt.Errorf("%s=%q: want a whole number above 0", v.env, s)
		}
		*v.field(&lim) = n
	}
	return lim, nil
}

// LimitFlags adds the limits' flags to set, with their defaults taken from
// the environment (LimitsFromEnv), and returns a function that gives the
// limits once the flags are parsed.
func LimitFlags(set *flag.FlagSet) func() (mapdata.Limits, error) {
	lim, envErr := LimitsFromEnv()
	for _, v := range limitVars {
		set.Int64Var(v.field(&lim), v.flag, *v.field(&lim), v.usage+" (or "+v.env+")")
	}
	return func() (mapdata.Limits, error) {
		if envErr != nil {
			return lim, envErr
		}
		for _, v := range limitVars {
			if *v.field(&lim) <= 0 {
				return lim, fmt.Errorf("--%s %d: want a whole number above 0", v.flag, *v.field(&lim))
			}
		}
		return lim, nil
	}
}
