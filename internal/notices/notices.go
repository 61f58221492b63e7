// Package notices writes the third-party notices of a silkmap artefact
// (THIRD_PARTY_NOTICES.txt beside a binary, notices.txt in the web
// bundle): the licence of every module linked into it, of the Go standard
// library and runtime (and wasm_exec.js where the browser build is
// inside), and of the boundary data every artefact embeds.
//
// What is linked is asked of the go command (go list -deps for the
// artefact's packages, GOOS, GOARCH, cgo and tags), so the notices follow
// the code: a new import brings its module's licence along, and a module
// without a licence file is an error, never a silent gap. The go command
// runs in the current directory, which must be in the silkmap module, and
// the modules must be in the module cache (go mod download).
package notices

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Target is one program built into an artefact.
type Target struct {
	GOOS, GOARCH string
	CGO          bool
	Tags         []string
	Pkg          string // the main package, e.g. "./cmd/silkmap"
}

// wasmTag is the build tag the browser build is made with (kageir.Tag;
// not imported, so that this package stays free of the shader compiler).
const wasmTag = "silkmapkage"

// Bundle is the web bundle: the browser build and wasm_exec.js.
func Bundle() []Target {
	return []Target{{GOOS: "js", GOARCH: "wasm", Tags: []string{wasmTag}, Pkg: "./wasm"}}
}

// Server is the silkmap binary for goos/goarch with the web bundle inside.
func Server(goos, goarch string) []Target {
	return append([]Target{{GOOS: goos, GOARCH: goarch, Pkg: "./cmd/silkmap"}}, Bundle()...)
}

// Desktop is the desktop binary for goos/goarch. Ebitengine needs cgo on
// Linux and macOS and none on Windows.
func Desktop(goos, goarch string) []Target {
	return []Target{{GOOS: goos, GOARCH: goarch, CGO: goos != "windows", Pkg: "./cmd/silkmap-desktop"}}
}

// Module is a module linked into an artefact.
type Module struct {
	Path, Version string
	Dir           string   // its root in the module cache
	Licences      []string // licence files, relative to Dir, root first
}

// Modules lists the modules the targets link, other than silkmap itself,
// by path, with the licence files of the packages used: those at the
// module's root and any in a linked package's folder or a folder between
// (a vendored library's own licence).
func Modules(targets []Target) ([]Module, error) {
	byPath := map[string]*Module{}
	for _, t := range targets {
		pkgs, err := list(t)
		if err != nil {
			return nil, err
		}
		for _, p := range pkgs {
			if p.Module == nil || p.Module.Main {
				continue
			}
			mod := p.Module
			if mod.Replace != nil && mod.Replace.Dir != "" {
				mod = mod.Replace
			}
			m := byPath[p.Module.Path]
			if m == nil {
				m = &Module{Path: p.Module.Path, Version: p.Module.Version, Dir: mod.Dir}
				byPath[m.Path] = m
			}
			for _, f := range licenceFiles(m.Dir, p.Dir) {
				if !slices.Contains(m.Licences, f) {
					m.Licences = append(m.Licences, f)
				}
			}
		}
	}
	mods := make([]Module, 0, len(byPath))
	for _, m := range byPath {
		slices.SortFunc(m.Licences, cmpDepth)
		if len(m.Licences) == 0 {
			return nil, fmt.Errorf("notices: module %s %s has no licence file in %s", m.Path, m.Version, m.Dir)
		}
		mods = append(mods, *m)
	}
	slices.SortFunc(mods, func(a, b Module) int { return strings.Compare(a.Path, b.Path) })
	return mods, nil
}

// cmpDepth orders paths by depth, then by name: the module's own licence
// first.
func cmpDepth(a, b string) int {
	if d := strings.Count(a, "/") - strings.Count(b, "/"); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}

type listedModule struct {
	Path, Version, Dir string
	Main               bool
	Replace            *listedModule
}

type listedPackage struct {
	ImportPath, Dir string
	Module          *listedModule
}

// list runs go list -deps for a target.
func list(t Target) ([]listedPackage, error) {
	args := []string{"list", "-deps", "-json=ImportPath,Dir,Module"}
	if len(t.Tags) > 0 {
		args = append(args, "-tags", strings.Join(t.Tags, ","))
	}
	cmd := exec.Command("go", append(args, t.Pkg)...)
	cgo := "0"
	if t.CGO {
		cgo = "1"
	}
	cmd.Env = append(os.Environ(), "GOOS="+t.GOOS, "GOARCH="+t.GOARCH, "CGO_ENABLED="+cgo)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("notices: go list %s for %s/%s: %w\n%s", t.Pkg, t.GOOS, t.GOARCH, err, stderr.String())
	}
	var pkgs []listedPackage
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return pkgs, nil
		} else if err != nil {
			return nil, fmt.Errorf("notices: go list: %w", err)
		}
		pkgs = append(pkgs, p)
	}
}

// licenceFiles lists the licence files in pkgDir and each folder above it
// up to root, relative to root.
func licenceFiles(root, pkgDir string) []string {
	var found []string
	for dir := pkgDir; ; dir = filepath.Dir(dir) {
		rel, err := filepath.Rel(root, dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			return found
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Type().IsRegular() && isLicence(e.Name()) {
				found = append(found, filepath.ToSlash(filepath.Join(rel, e.Name())))
			}
		}
		if rel == "." {
			return found
		}
	}
}

// isLicence reports whether a file name is one a licence or a notice the
// licence asks to keep goes by.
func isLicence(name string) bool {
	n := strings.ToUpper(name)
	for _, p := range []string{"LICENSE", "LICENCE", "COPYING", "NOTICE", "PATENTS"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// Go is the Go toolchain's root and version, for the standard library's
// licence and wasm_exec.js.
type Go struct{ Root, Version string }

// Toolchain asks the go command for its root and version.
func Toolchain() (Go, error) {
	out, err := exec.Command("go", "env", "GOROOT", "GOVERSION").Output()
	if err != nil {
		return Go{}, fmt.Errorf("notices: go env: %w", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		return Go{}, fmt.Errorf("notices: go env GOROOT GOVERSION said %q", out)
	}
	return Go{Root: f[0], Version: f[1]}, nil
}

// Data is the boundary data every artefact embeds: where its licence and
// its provenance are kept in the repository.
type Data struct {
	WorldAtlasLicence string
	// NotoLicence and CountryNamesLicence are the licences of the fonts
	// of the languages other than English and of their country names
	// (none when empty).
	NotoLicence, CountryNamesLicence string
}

// DefaultData is Data in a silkmap checkout's root.
var DefaultData = Data{
	WorldAtlasLicence:   "assets/boundaries/LICENSE.world-atlas",
	NotoLicence:         "assets/fonts/LICENSE.noto-sans",
	CountryNamesLicence: "mapdata/i18n/countries/LICENSE.i18n-iso-countries",
}

// naturalEarth is the data's own terms, as Natural Earth states them.
const naturalEarth = `Natural Earth 1:50m Admin 0 - Countries, version 4.1.0
https://www.naturalearthdata.com/

Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.
Natural Earth data are in the public domain: "All versions of Natural Earth
raster + vector map data found on this website are in the public domain."
(https://www.naturalearthdata.com/about/terms-of-use/)
silkmap converts them (see assets/boundaries/SOURCE.md in its source).
`

// Write writes the notices of the artefact called name, made of targets
// with modules mods (see Modules), to w.
func Write(w io.Writer, name string, targets []Target, mods []Module, goTool Go, data Data) error {
	wasm := slices.ContainsFunc(targets, func(t Target) bool { return t.GOOS == "js" })
	var b bytes.Buffer
	rule := strings.Repeat("=", 78) + "\n"
	fmt.Fprintf(&b, "Third-party notices: %s\n\n", name)
	b.WriteString("silkmap is licensed under the Apache License, Version 2.0 (LICENSE). This\n" +
		"artefact also contains the following software and data, under the terms\n" +
		"reproduced below.\n\n")
	goName := "The Go standard library and runtime"
	if wasm {
		goName += ", and wasm_exec.js"
	}
	fmt.Fprintf(&b, "- %s (%s)\n", goName, goTool.Version)
	for _, m := range mods {
		fmt.Fprintf(&b, "- %s %s\n", m.Path, m.Version)
	}
	b.WriteString("- Natural Earth boundaries (public domain)\n- world-atlas 2.0.2 (ISC)\n\n")

	section := func(title string, files ...string) error {
		b.WriteString(rule)
		b.WriteString(title + "\n")
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				return fmt.Errorf("notices: %w", err)
			}
			b.WriteString(rule)
			b.Write(bytes.TrimRight(text, "\n"))
			b.WriteString("\n")
		}
		return nil
	}
	if err := section(fmt.Sprintf("%s (%s)\nhttps://go.dev/", goName, goTool.Version),
		filepath.Join(goTool.Root, "LICENSE"), filepath.Join(goTool.Root, "PATENTS")); err != nil {
		return err
	}
	for _, m := range mods {
		files := make([]string, len(m.Licences))
		for i, f := range m.Licences {
			files[i] = filepath.Join(m.Dir, filepath.FromSlash(f))
		}
		title := fmt.Sprintf("%s %s\nhttps://pkg.go.dev/%s@%s (%s)", m.Path, m.Version, m.Path, m.Version, strings.Join(m.Licences, ", "))
		if err := section(title, files...); err != nil {
			return err
		}
	}
	b.WriteString(rule)
	b.WriteString(naturalEarth)
	if err := section("world-atlas 2.0.2, the boundaries' TopoJSON packaging\nhttps://github.com/topojson/world-atlas",
		data.WorldAtlasLicence); err != nil {
		return err
	}
	if data.NotoLicence != "" {
		if err := section("Noto Sans (subset), the labels' font in languages other than English\nhttps://github.com/googlefonts/noto-fonts", data.NotoLicence); err != nil {
			return err
		}
	}
	if data.CountryNamesLicence != "" {
		if err := section("i18n-iso-countries 7.14.0, country names in languages other than English\nhttps://github.com/michaelwittig/node-i18n-iso-countries", data.CountryNamesLicence); err != nil {
			return err
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Generate lists the modules of targets and writes the notices of the
// artefact called name: Modules, Toolchain and Write in one call.
func Generate(w io.Writer, name string, targets []Target) error {
	mods, err := Modules(targets)
	if err != nil {
		return err
	}
	goTool, err := Toolchain()
	if err != nil {
		return err
	}
	return Write(w, name, targets, mods, goTool, DefaultData)
}
