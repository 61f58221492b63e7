//go:build js && wasm

// Command wasm is the browser build of the map explorer. The web shell
// (package web: index.html and the loader) starts it; it fetches an
// editor's content from content/ next to the page when the server has
// one, runs the map, exposes the page API on window.silkmap, and fetches
// the 1:10m detail by region where the map rests zoomed in (detail.go).
package main

import (
	"errors"
	"io/fs"
	"runtime/debug"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render"
	"github.com/silkmap/silkmap/wasm/memfs"
)

func main() {
	// Start-up allocates a lot that it keeps: collecting on the way costs
	// more than the memory (wasm has one thread); collect normally once the
	// first frame is up.
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(256 << 20)
	api := newAPI()
	loc := language()
	m, fsys, err := loadMap()
	if err != nil {
		api.fail(err)
		return
	}
	st, probs := story.Load(m, fsys)
	for _, p := range probs {
		consoleWarn("silkmap: content/" + p.String())
	}
	translate(m, st, fsys, loc)
	start, warnings := view.Decode(initialFragment(), view.Default, m, view.LayerIDs(m))
	for _, w := range warnings {
		consoleWarn("silkmap: link: " + w)
	}
	if st != nil && start.Scene > 0 && start.Scene <= len(st.Scenes) {
		start = st.Scenes[start.Scene-1].View // a scene link shows the scene
	}
	prep := layout.Prepare(m, geo.WebMercator)
	app, err := render.NewApp(prep, start)
	if err != nil {
		api.fail(err)
		return
	}
	if t := style.ThemeNamed(pageTheme()); t != nil {
		app.SetTheme(t) // the loader's choice, before the first frame
	}
	page := api.attach(app, prep, st)
	app.OnFirstFrame(func() {
		api.firstFrame()
		go loadDetail(app, page.Prepared)
		// Collecting resumes in a task of its own: the heap is past its goal
		// by now, and a collection started here would mark inside this
		// frame's flush, before the frame reaches the screen.
		afterTask(func() {
			debug.SetGCPercent(gc)
			debug.SetMemoryLimit(limit)
		})
	})
	ebiten.SetScreenClearedEveryFrame(false)
	sizeCanvas()
	if err := ebiten.RunGame(app); err != nil {
		api.fail(err)
	}
}

// loadMap loads the content the server offers under content/, or the
// embedded content when it offers none, and returns the folder it used. Content that fails validation is
// reported on the console and the embedded content is used instead, so a
// bad edit never leaves readers with no map.
func loadMap() (*mapdata.Map, fs.FS, error) {
	def, err := atlas.LoadBinary(assets.Atlas)
	if err != nil {
		return nil, nil, err
	}
	fsys := memfs.FS{}
	files, err := servedContent()
	if err != nil {
		consoleWarn("silkmap: content/: " + err.Error())
	}
	for name, data := range files {
		if slices.Contains(mapdata.ContentFiles, name) {
			fsys[name] = data
		}
	}
	if len(fsys) > 0 {
		var m *mapdata.Map
		if data, ok := files[mapdata.FilePreparedBoundaries]; ok {
			// The folder's own boundaries, prepared by the server.
			var own *atlas.Atlas
			if own, err = atlas.LoadBinary(data); err == nil {
				m, err = mapdata.LoadPrepared(own, fsys)
			} else {
				err = errors.New("content/" + mapdata.FilePreparedBoundaries + ": " + err.Error())
			}
		} else {
			m, err = mapdata.LoadContent(def, fsys)
		}
		if err == nil {
			return m, fsys, nil
		}
		var ce *mapdata.ContentError
		if errors.As(err, &ce) {
			for _, p := range ce.Problems {
				consoleWarn("silkmap: content/" + p.String())
			}
		} else {
			consoleWarn("silkmap: " + err.Error())
		}
		consoleWarn("silkmap: the served content has problems; showing the built-in content instead")
	}
	m, err := mapdata.LoadContent(def, assets.Content())
	return m, assets.Content(), err
}
