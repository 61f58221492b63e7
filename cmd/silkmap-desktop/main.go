// Command silkmap-desktop runs the map explorer in a desktop window: the
// same map and interaction as the browser build, offline from one binary.
//
//	silkmap-desktop [--content DIR] [--fullscreen]
//
// F11 toggles fullscreen.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render"
)

func main() {
	content := flag.String("content", "", "content folder to use instead of the embedded default")
	fullscreen := flag.Bool("fullscreen", false, "start fullscreen (F11 toggles)")
	flag.Parse()
	if err := run(*content, *fullscreen); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-desktop:", err)
		os.Exit(1)
	}
}

// desktop adds the window's own keys to the map app.
type desktop struct{ *render.App }

func (d desktop) Update() error {
	if inpututil.IsKeyJustPressed(ebiten.KeyF11) {
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	}
	return d.App.Update()
}

func run(dir string, fullscreen bool) error {
	fsys, err := assets.Folder(dir)
	if err != nil {
		return err
	}
	m, err := mapdata.Load(assets.Boundaries, fsys)
	var ce *mapdata.ContentError
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			fmt.Fprintln(os.Stderr, p)
		}
	}
	if err != nil {
		return err
	}
	app, err := render.NewApp(layout.Prepare(m, geo.WebMercator), view.Default)
	if err != nil {
		return err
	}
	app.EnablePanels(openURL)
	ebiten.SetWindowTitle("silkmap")
	ebiten.SetWindowSize(1280, 800)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(fullscreen)
	ebiten.SetScreenClearedEveryFrame(false)
	return ebiten.RunGame(desktop{app})
}

// openURL opens a link in the system's browser.
func openURL(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-desktop: opening", url+":", err)
		return
	}
	go cmd.Wait() // reap it
}
