package studio

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/silkmap/silkmap/internal/contentdir"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/layout"
)

// Folder is an editor's content folder as the server's write API changes
// it (server.Folder): read within Limits, checked, written in the studio's
// layout with its history, and made ready to serve by Prepare.
type Folder struct {
	Dir     string
	Limits  mapdata.Limits
	Prepare func(*mapdata.Map) *layout.Prepared
}

// Read returns the folder's content files as they are on disk now.
func (f Folder) Read() (fs.FS, error) {
	files, probs, err := contentdir.Read(f.Dir, f.Limits)
	if err == nil && len(probs) > 0 {
		err = fmt.Errorf("%s: %v", f.Dir, probs)
	}
	return files, err
}

// ReadFile returns content file name as it is on disk now.
func (f Folder) ReadFile(name string) ([]byte, error) {
	return contentdir.ReadFile(f.Dir, name, f.Limits)
}

// Save writes the changes, in the studio's layout, when the folder with
// them passes the checks.
func (f Folder) Save(base fs.FS, changes map[string][]byte) (server.State, []mapdata.Problem, []mapdata.Problem, error) {
	formatted := map[string][]byte{}
	for name, data := range changes {
		if data == nil {
			formatted[name] = nil
			continue
		}
		out, err := Format(name, data)
		if err != nil {
			return server.State{}, nil, []mapdata.Problem{{File: name, Path: "$", Message: err.Error()}}, nil
		}
		formatted[name] = out
	}
	c, err := Check(base, formatted, f.Limits)
	if err != nil || len(c.Problems) > 0 {
		return server.State{}, c.Warnings, c.Problems, err
	}
	if _, err := Write(f.Dir, formatted, time.Now(), 0); err != nil {
		return server.State{}, nil, nil, err
	}
	return server.State{Content: c.Files, Map: f.Prepare(c.Map)}, c.Warnings, nil, nil
}
