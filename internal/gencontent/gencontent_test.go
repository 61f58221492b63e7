package gencontent

import (
	"os"
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
