// Command silkmap-web builds the browser bundle: the wasm map, the Go wasm
// support script from the Go root, the shell page and loader, posters of
// the default view in each theme, the content, the 1:10m detail by country
// (detail/) and the third-party notices (notices.txt),
// with content-hashed names and brotli and gzip copies beside each file.
// Any static web server or CDN can host the result.
//
//	silkmap-web [-o build/web] [-brotli 11] [-url https://example.org/map/] [-content DIR]
//
// With -content, the bundle carries an editor's content folder instead of
// the embedded default, and its posters show the map of that content.
//
// With -url, the page carries link-preview tags (og:url, og:image: the
// poster) for that address, for a static host; without it, silkmap serve
// writes them per request, for the view each link shows.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/assets/fonts"
	"github.com/silkmap/silkmap/internal/contentdir"
	"github.com/silkmap/silkmap/internal/notices"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/regions"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/render/raster"
	"github.com/silkmap/silkmap/wasm/kageir"
	"github.com/silkmap/silkmap/wasm/pageapi"
	"github.com/silkmap/silkmap/wasm/web"
)

func main() {
	out := flag.String("o", "build/web", "output folder (replaced)")
	quality := flag.Int("brotli", 11, "brotli quality, 0-11 (11 is smallest and slowest)")
	public := flag.String("url", "", "the http(s) address the page will be published at, for link previews on a static host")
	contentDir := flag.String("content", "", "content folder to bundle, and draw the posters from, instead of the embedded default")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	pub, err := publicURL(*public)
	if err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-web: -url:", err)
		os.Exit(2)
	}
	// The content is checked before anything is built or replaced.
	lim, err := contentdir.LimitsFromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-web:", err)
		os.Exit(2)
	}
	content, m, _, err := contentdir.Load(*contentDir, lim, os.Stderr)
	if errors.Is(err, contentdir.ErrFolder) {
		fmt.Fprintln(os.Stderr, "silkmap-web: -content:", err)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-web:", err)
		os.Exit(1)
	}
	if err := build(*out, *quality, pub, content, m); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-web:", err)
		os.Exit(1)
	}
}

// publicURL checks the address given with -url and returns it ending in
// "/" (the page is that folder's index), or "" for none.
func publicURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", err
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return "", fmt.Errorf("%q is not an absolute http or https address", s)
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return "", fmt.Errorf("%q: give the page's folder, without a query, fragment or user", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

// build writes the bundle for content, whose loaded map is m, into out.
func build(out string, quality int, public string, content fs.FS, m *mapdata.Map) error {
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	wasm, err := buildWasm(".", true)
	if err != nil {
		return err
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	wasmExec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	hashed := func(name string, data []byte) string {
		sum := sha256.Sum256(data)
		ext := filepath.Ext(name)
		n := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		files[n] = data
		return n
	}
	loader, err := loaderJS()
	if err != nil {
		return err
	}
	ui, _ := web.Files.ReadFile("ui.js")
	// Every other language's words and fonts, in files of their own that
	// the loader fetches only for a reader who chooses that language.
	langs := map[string]web.Language{}
	names := i18n.Names()
	fontFiles := map[string][]string{}
	for _, lang := range i18n.Langs()[1:] {
		bundle, err := i18n.Bundle(lang)
		if err != nil {
			return err
		}
		face := fonts.Lang(lang)
		if fontFiles[face] == nil {
			regular, bold := fonts.For(lang)
			fontFiles[face] = []string{hashed(face+"-regular.ttf", regular), hashed(face+"-bold.ttf", bold)}
		}
		langs[lang] = web.Language{Name: names[lang], Bundle: hashed("lang-"+lang+".json", bundle), Fonts: fontFiles[face]}
	}
	if loader, err = web.WithLanguages(loader, langs); err != nil {
		return err
	}
	detail, err := detailFiles(hashed)
	if err != nil {
		return err
	}
	if loader, err = web.WithDetail(loader, detail); err != nil {
		return err
	}
	loadingCSS, _ := web.Files.ReadFile("loading.css")
	css, _ := web.Files.ReadFile("style.css")

	page := web.Page{
		Wasm:       hashed("silkmap.wasm", wasm),
		WasmExec:   hashed("wasm_exec.js", wasmExec),
		Loader:     hashed("loader.js", loader),
		UI:         hashed("ui.js", ui),
		LoadingCSS: hashed("loading.css", loadingCSS),
		CSS:        hashed("style.css", css),
		URL:        public,
	}
	// The default view, as the map's first frame shows it, for the page to
	// show at once while the map loads (see web.PosterWidth).
	r, err := raster.New()
	if err != nil {
		return err
	}
	prep := layout.Prepare(m, geo.WebMercator)
	var light web.Posters
	for _, t := range []struct {
		th      *style.Theme
		suffix  string
		posters *web.Posters
	}{{&style.Light, "", &light}, {&style.Dark, "-dark", &page.Dark}, {&style.Projector, "-projector", &page.Projector}} {
		for _, p := range []struct {
			name  string
			w, h  int
			field *string
		}{
			{"poster", web.PosterWidth, web.PosterHeight, &t.posters.Poster},
			{"poster-large", web.LargePosterWidth, web.LargePosterHeight, &t.posters.Large},
			{"poster-phone", web.PhonePosterWidth, web.PhonePosterHeight, &t.posters.Phone},
			{"poster-tablet", web.TabletPosterWidth, web.TabletPosterHeight, &t.posters.Tablet},
		} {
			jpg, _, err := r.PosterJPEG(prep, "", p.w, p.h, 1, t.th)
			if err != nil {
				return err
			}
			*p.field = hashed(p.name+t.suffix+".jpg", jpg)
		}
	}
	page.Poster, page.LargePoster, page.PhonePoster, page.TabletPoster = light.Poster, light.Large, light.Phone, light.Tablet
	if files["index.html"], err = web.Index(page); err != nil {
		return err
	}
	// The studio: the same page with its own script and styles (see
	// server's /edit).
	editJS, _ := web.Files.ReadFile("edit.js")
	editCSS, _ := web.Files.ReadFile("edit.css")
	studio := page
	studio.EditJS, studio.EditCSS = hashed("edit.js", editJS), hashed("edit.css", editCSS)
	if files["edit.html"], err = web.Index(studio); err != nil {
		return err
	}
	// The content, so that an editor can change a hosted map by replacing
	// these files without rebuilding (silkmap serve also reads from them
	// which content the posters show).
	for _, name := range mapdata.ContentFiles {
		data, err := fs.ReadFile(content, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		files["content/"+name] = data
	}
	// A folder's own boundaries go in the prepared form too, which the
	// page loads in their place (as silkmap serve offers them).
	prepared := false
	if raw, ok := files["content/"+mapdata.FileBoundaries]; ok {
		if data, err := atlas.EncodeTopoJSON(raw); err == nil {
			files["content/"+mapdata.FilePreparedBoundaries] = data
			prepared = true
		}
	}
	files["content/"+mapdata.FileIndex] = mapdata.ContentIndex(content, prepared)
	// The licences of what the page runs (the wasm, wasm_exec.js) and
	// shows (the boundaries): its Credits link.
	var credits bytes.Buffer
	if err := notices.Generate(&credits, "silkmap web bundle", notices.Bundle()); err != nil {
		return err
	}
	files["notices.txt"] = credits.Bytes()
	return writeAll(out, files, quality)
}

// detailFiles adds the 1:10m detail to the bundle through hashed, one file
// per country (see package regions), with the index of those files, and
// returns the index's name. The map fetches the files a view needs when
// zoomed in, never during the first load.
func detailFiles(hashed func(name string, data []byte) string) (string, error) {
	rs, err := regions.Split(assets.Detail)
	if err != nil {
		return "", err
	}
	var ix regions.Index
	for _, r := range rs {
		name := hashed("detail/"+strings.Join(r.IDs, "-")+".atlas", r.Data)
		ix.Files = append(ix.Files, regions.File{Name: name, IDs: r.IDs, Cover: r.Cover})
	}
	data, err := json.Marshal(ix)
	if err != nil {
		return "", err
	}
	return hashed("detail/index.json", data), nil
}

// loaderJS is the loader with the methods its postMessage bridge offers
// taken from the page API's table.
func loaderJS() ([]byte, error) { return web.Loader(pageapi.PostMessage()) }

// buildWasm compiles ./wasm of the main module in root for the browser,
// small (-trimpath, and -s -w when strip is set; the tests keep the names,
// to see what is linked).
func buildWasm(root string, strip bool) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "silkmap-web")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	// Ebitengine with its shaders and ours compiled ahead of time (see
	// package kageir): the browser then never runs the Kage compiler.
	shaders, err := fs.Glob(os.DirFS(root), "render/*.kage")
	if err != nil {
		return nil, err
	}
	modfile, err := kageir.Prepare(root, tmp, shaders)
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(tmp, "silkmap.wasm")
	args := []string{"build", "-modfile", modfile, "-tags", kageir.Tag, "-trimpath", "-o", bin}
	if strip {
		args = append(args, "-ldflags=-s -w")
	}
	cmd := exec.Command("go", append(args, "./wasm")...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("building the wasm: %w", err)
	}
	return os.ReadFile(bin)
}

// writeAll writes every file and, for those worth it, .br and .gz copies,
// compressing in parallel. The content folder gets none: editors replace
// its files on the host, and a host that serves precompressed copies
// would go on sending the old ones (silkmap serve compresses content
// itself; a static host should compress JSON as it sends it).
func writeAll(out string, files map[string][]byte, quality int) error {
	var wg sync.WaitGroup
	errs := make(chan error, 3*len(files))
	sem := make(chan struct{}, runtime.NumCPU())
	for name, data := range files {
		path := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		if len(data) < 256 || strings.HasSuffix(name, ".jpg") || strings.HasPrefix(name, "content/") { // JPEG is compressed already
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs <- compress(path+".gz", data, func(b *bytes.Buffer) (writeCloser, error) {
				return gzip.NewWriterLevel(b, gzip.BestCompression)
			})
			errs <- compress(path+".br", data, func(b *bytes.Buffer) (writeCloser, error) {
				return brotli.NewWriterLevel(b, quality), nil
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

type writeCloser interface {
	Write([]byte) (int, error)
	Close() error
}

func compress(path string, data []byte, newWriter func(*bytes.Buffer) (writeCloser, error)) error {
	var b bytes.Buffer
	w, err := newWriter(&b)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
