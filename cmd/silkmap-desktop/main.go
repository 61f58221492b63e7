// Command silkmap-desktop runs the map explorer in a desktop window: the
// same map and interaction as the browser build, offline from one binary.
//
//	silkmap-desktop [--content DIR] [--fullscreen] [--theme light|dark|projector] [--lang en|ru|tr]
//	silkmap-desktop --present [STORY] [--content DIR] [--theme …]
//	silkmap-desktop --version
//
// F1 shows the help (every key, and the credits with a link to the third-party notices), F11 toggles fullscreen, T the theme, G the legend; [ and ] step the day
// the memberships are shown for through the timeline. --present plays a story
// (the content folder's story.json, or the file STORY) fullscreen: →,
// PageDown and space go forward, ←/PageUp back, Home/End, a number then
// Enter jumps; B blacks the screen, S shows the speaker notes, L a
// spotlight on the pointer.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/silkmap/silkmap/assets/fonts"
	"github.com/silkmap/silkmap/internal/contentdir"
	"github.com/silkmap/silkmap/internal/detail"
	"github.com/silkmap/silkmap/internal/version"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/interact"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render"
	"github.com/silkmap/silkmap/render/legend"
)

func main() {
	content := flag.String("content", "", "content folder to use instead of the embedded default")
	fullscreen := flag.Bool("fullscreen", false, "start fullscreen (F11 toggles)")
	present := flag.Bool("present", false, "play a story fullscreen: the content's story.json, or the file given after the flags")
	theme := flag.String("theme", "light", "light, dark or projector (T cycles)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	lang := flag.String("lang", "en", "the language of the map, its panels and the story: "+strings.Join(i18n.Langs(), ", "))
	record := flag.String("record", "", "record the session's input to FILE as JSON lines, with the view at each F9 and at the end (see package interact)")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.String("silkmap-desktop"))
		return
	}
	if style.ThemeNamed(*theme) == nil || flag.NArg() > 1 || (flag.NArg() == 1 && !*present) {
		flag.Usage()
		os.Exit(2)
	}
	if !slices.Contains(i18n.Langs(), *lang) {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*content, *fullscreen, *present, flag.Arg(0), style.ThemeNamed(*theme), *record, *lang); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-desktop:", err)
		os.Exit(1)
	}
}

// window adds the window's own keys to a game: F1 the help (Esc closes
// it too), F11 fullscreen, and F9 a mark in a recording.
type window struct {
	ebiten.Game
	desk *render.Desktop
	rec  *recording
}

func (w window) Update() error {
	if inpututil.IsKeyJustPressed(ebiten.KeyF11) {
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF1) || (w.desk.HelpShown() && inpututil.IsKeyJustPressed(ebiten.KeyEscape)) {
		w.desk.ToggleHelp()
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF9) && w.rec != nil {
		w.rec.mark(w.desk.App)
	}
	return w.Game.Update()
}

// LayoutF passes the app's device-pixel layout through.
func (w window) LayoutF(ow, oh float64) (float64, float64) { return w.desk.LayoutF(ow, oh) }

func run(dir string, fullscreen, present bool, storyPath string, theme *style.Theme, record, lang string) error {
	lim, err := contentdir.LimitsFromEnv()
	if err != nil {
		return err
	}
	fsys, m, folderStory, err := contentdir.Load(dir, lim, os.Stderr)
	if err != nil {
		return err
	}
	// The language: the map's words and names, the content's translation
	// and that language's font for everything drawn.
	if _, err := story.Translate(m, folderStory, fsys, lang); err != nil {
		return err
	}
	regular, bold := fonts.For(lang)
	layout.Fonts = layout.FontSet{Regular: regular, Bold: bold}
	prep := layout.Prepare(m, geo.WebMercator)
	// The 1:10m detail loads beside the first frames; the map draws it
	// once it is there and the view is zoomed in.
	go detail.Add(prep)
	app, err := render.NewApp(prep, view.Default)
	if err != nil {
		return err
	}
	app.SetTheme(theme)
	// The legend: bottom left, or top right in a presentation, whose
	// caption has the bottom.
	key, err := legend.New()
	if err != nil {
		return err
	}
	desk := render.NewDesktop(app)
	desk.SetOverlay(key, present)
	var game ebiten.Game = desk
	where := panel.OnDesktop
	if present {
		where = panel.Presenting
		s, err := loadStory(m, folderStory, storyPath)
		if err != nil {
			return err
		}
		game = render.NewPresenter(desk, s) // it handles the map's keys too
		fullscreen = true
	} else {
		desk.EnablePanels(openURL)
		app.OnKey(func(k string) { desk.Do(interact.MapKeys[k]) })
	}
	desk.EnableHelp(where, showNotices)
	ebiten.SetWindowTitle("silkmap")
	ebiten.SetWindowSize(1280, 800)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(fullscreen)
	ebiten.SetScreenClearedEveryFrame(false)
	var rec *recording
	if record != "" {
		f, err := os.Create(record)
		if err != nil {
			return err
		}
		defer f.Close()
		rec = &recording{w: f, present: present}
		app.Record(func(in interact.Input) { rec.frame(app, in) })
	}
	if err := ebiten.RunGame(window{game, desk, rec}); err != nil {
		return err
	}
	if rec != nil {
		return rec.end(app)
	}
	return nil
}

// recording writes the session to a file (--record): a header when the
// first frame has its screen, then every frame's input, and the view at
// each F9 and at the end.
type recording struct {
	w       io.Writer
	present bool
	r       *interact.Recorder
	marks   int
	err     error
}

func (rec *recording) frame(app *render.App, in interact.Input) {
	if rec.r == nil && rec.err == nil {
		w, h, ratio := app.Screen()
		rec.r, rec.err = interact.NewRecorder(rec.w, interact.Header{W: w, H: h, Ratio: ratio, View: view.Encode(app.View()), Present: rec.present})
	}
	if rec.err == nil {
		rec.err = rec.r.Frame(in)
	}
}

func (rec *recording) mark(app *render.App) {
	if rec.r != nil && rec.err == nil {
		rec.marks++
		rec.err = rec.r.Mark("f9-"+strconv.Itoa(rec.marks), app.View())
	}
}

// end marks the view the session ended on and writes the file out.
func (rec *recording) end(app *render.App) error {
	if rec.r == nil || rec.err != nil {
		return rec.err
	}
	if err := rec.r.Mark("end", app.View()); err != nil {
		return err
	}
	return rec.r.Flush()
}

// loadStory reads the story to present: the file at path, or the content
// folder's (already checked).
func loadStory(m *mapdata.Map, folderStory *story.Story, path string) (*story.Story, error) {
	s := folderStory
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var probs []mapdata.Problem
		s, probs = story.Load(m, fstest.MapFS{story.File: {Data: data}})
		for _, p := range probs {
			fmt.Fprintln(os.Stderr, p)
		}
		if len(probs) > 0 {
			return nil, fmt.Errorf("%s: %d problem(s) in the story", path, len(probs))
		}
	}
	if s == nil {
		return nil, errors.New("no story to present: the content folder has no story.json")
	}
	return s, nil
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

// noticesFile is the third-party notices' name beside the binary: the
// release archive and make desktop put them there.
const noticesFile = "THIRD_PARTY_NOTICES.txt"

// showNotices opens the notices beside the binary in the system's viewer
// for text (the help's link).
func showNotices() {
	exe, err := os.Executable()
	if err == nil {
		path := filepath.Join(filepath.Dir(exe), noticesFile)
		if _, err = os.Stat(path); err == nil {
			openURL(path)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "silkmap-desktop: no", noticesFile, "beside the binary:", err)
}
