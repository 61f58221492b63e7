//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"
	"time"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/regions"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render"
)

// The camera is looked at every restStep; once it has stayed put for
// restSteps of them (150 ms), it has stopped, or slowed to a crawl, and
// the detail it needs is fetched.
const (
	restStep  = 50 * time.Millisecond
	restSteps = 3
)

// detailBudget is the bytes of region files kept (see regions.Set): a
// third of the world's detail, about 10 MB once decoded.
const detailBudget = 1 << 20

// loadDetail fetches the 1:10m boundaries by region (package regions)
// whenever the camera comes to rest at layout.DetailZoom or closer, and
// gives the map on screen (shown: the studio's preview replaces it) those
// it has; the map draws them at its next frame. It runs from the first
// frame on, never below that zoom, and never for a map that brings its
// own boundaries. A fetch that fails leaves the map at 1:50m there (the
// console says so once) until the next rest tries again.
func loadDetail(app *render.App, shown func() *layout.Prepared) {
	shell := js.Global().Get("silkmapShell")
	index := shell.Get("detail")
	if index.Type() != js.TypeString || index.String() == "" {
		return
	}
	var (
		ix         regions.Index
		set        *regions.Set
		last, done view.Camera
		still      int              // steps the camera has stayed at last
		on         *layout.Prepared // the map last given the detail
		warned     bool
	)
	failed := func(err error) bool {
		if err != nil && !warned {
			warned = true
			consoleWarn("silkmap: the 1:10m detail did not load (" + err.Error() + "); the map stays at 1:50m there until the next stop")
		}
		return err != nil
	}
	for {
		time.Sleep(restStep)
		cam, p := app.Camera(), shown()
		if still++; cam != last {
			last, still = cam, 0
		}
		if still < restSteps || cam == done || cam.Zoom() < layout.DetailZoom || p.Map.OwnBoundaries {
			continue
		}
		done = cam
		if set == nil {
			files, err := await(shell.Call("fetchAll", []any{index}))
			if failed(err) || failed(json.Unmarshal(bytesOf(files.Index(0)), &ix)) {
				continue
			}
			set = regions.NewSet(&ix, detailBudget)
		}
		var names []any
		missing := set.Missing(cam.Bound())
		for _, i := range missing {
			names = append(names, ix.Files[i].Name)
		}
		if len(names) > 0 {
			files, err := await(shell.Call("fetchAll", names))
			if failed(err) {
				continue
			}
			for k, i := range missing {
				set.Add(i, bytesOf(files.Index(k)))
			}
		} else if p == on {
			continue
		}
		if g, complete, err := set.Detail(); !failed(err) && g != nil {
			p.SetDetail(g, complete)
			on = p
		}
	}
}
