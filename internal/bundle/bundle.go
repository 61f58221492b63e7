// Package bundle holds the web bundle (made by cmd/silkmap-web: the page,
// the wasm, the posters, the default content) built into the silkmap
// binary, so that `silkmap serve` needs no other file.
//
// The bundle is a build product, so it is never written into the source
// tree: make build (and make dist) build with go build -overlay, whose
// file (see Overlay) puts the bundle's files into this package's web
// folder for go:embed. A plain go build embeds only the placeholder that
// keeps the pattern valid, and FS then reports no bundle.
package bundle

import (
	"embed"
	"encoding/json"
	"io/fs"
	"path/filepath"
)

//go:embed web
var files embed.FS

// placeholder stands in for the bundle in the web folder.
const placeholder = "NO-BUNDLE.txt"

// FS returns the embedded bundle, or nil when the binary was built without
// one.
func FS() fs.FS {
	web, err := fs.Sub(files, "web")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	if _, err := fs.Stat(web, "index.html"); err != nil {
		return nil
	}
	return web
}

// Overlay returns a go build -overlay file that builds the bundle in
// webDir into this package, whose source folder is pkgDir: each of the
// bundle's files is put into the web folder, and the placeholder taken
// out.
func Overlay(pkgDir, webDir string) ([]byte, error) {
	pkgDir, err := filepath.Abs(pkgDir)
	if err != nil {
		return nil, err
	}
	replace := map[string]string{filepath.Join(pkgDir, "web", placeholder): ""} // "" deletes it
	err = filepath.WalkDir(webDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(webDir, path)
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(path)
		replace[filepath.Join(pkgDir, "web", rel)] = abs
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, ok := replace[filepath.Join(pkgDir, "web", "index.html")]; !ok {
		return nil, &fs.PathError{Op: "bundle", Path: filepath.Join(webDir, "index.html"), Err: fs.ErrNotExist}
	}
	return json.Marshal(struct{ Replace map[string]string }{replace})
}
