package gencontent

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
)

// A folder generated on the 1:10m boundaries brings them as its own, and
// passes the checks on them (each site in the country it declares).
func TestWrite_ownBoundaries(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Sites: 200, Corridors: 10, Seed: 3, Boundaries: assets.Detail}); err != nil {
		t.Fatal(err)
	}
	m, err := mapdata.Load(assets.Boundaries, os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	def, err := mapdata.Load(assets.Boundaries, assets.Content())
	if err != nil {
		t.Fatal(err)
	}
	if !m.OwnBoundaries || len(m.Atlas.Arcs) <= len(def.Atlas.Arcs) {
		t.Errorf("own boundaries %v, %d arcs (the default's %d): want the 1:10m ones", m.OwnBoundaries, len(m.Atlas.Arcs), len(def.Atlas.Arcs))
	}
	if got, want := len(m.Sites), len(def.Sites)+200; got != want {
		t.Errorf("%d sites, want %d", got, want)
	}
	if got, want := len(m.Corridors), len(def.Corridors)+10; got != want {
		t.Errorf("%d corridors, want %d", got, want)
	}
}

// A count out of range is refused before anything is written.
func TestWrite_refusesCounts(t *testing.T) {
	for _, opt := range []Options{{Sites: -5}, {Corridors: -1}, {Sites: MaxGenerated + 1}, {Corridors: MaxGenerated + 1}} {
		dir := filepath.Join(t.TempDir(), "out")
		err := Write(dir, opt)
		if err == nil || !strings.Contains(err.Error(), "want 0 to") {
			t.Errorf("%+v: got %v, want a refusal naming the range", opt, err)
		}
		if _, statErr := os.Stat(dir); !os.IsNotExist(statErr) {
			t.Errorf("%+v: %s was made", opt, dir)
		}
	}
}
