// Package kageir gives the browser build's Ebitengine its shaders compiled
// ahead of time.
//
// Ebitengine compiles every shader from Kage source when it is first
// needed, three of them in a package init: that runs its Go parser and type
// checker, which in the browser is code compiled on first use and run in
// V8's baseline tier, before the first frame (about 0.3 s of it on the
// benchmark machine; docs/performance.md). The OpenGL driver then writes
// each program's GLSL, and the built-in shaders' sources are written from a
// template first. Prepare makes a private copy of the Ebitengine module the
// main module requires, in which all three come from tables made at build
// time, for Ebitengine's built-in shaders and the Kage files given:
// graphics.CompileShader looks the program up by its source, the OpenGL
// driver its GLSL ES 3.00 (WebGL 2's) by the program, and
// builtinshader.ShaderSource the source by its parameters. A table's
// program is the part of the compiled one that the browser reads (its
// uniforms, textures, unit, and which uniforms its body reads; see
// graphics.DecodeProgram), with the compiled one's GLSL. A generator run
// natively in the copy makes the tables; it checks that each decoded
// program is, in that part, the compiled one and, once the tables are in,
// that each source is found and its GLSL is the compiler's, so a build
// never ships a program or GLSL the compiler would not have made. In the
// browser (GOOS=js) the tables are all there is: a source not in them is
// an error, and so is a program without GLSL written at build time, so
// neither the Kage compiler (go/parser and its kin, and the pattern it
// compiled at start-up: shader/), nor glsl.Compile, nor text/template is
// linked into the wasm (builtinshader imports a stand-in for it there:
// template/; the compiler's and the template's package variables had kept
// regexp and text/template linked until the fifteenth pass, see
// cmd/silkmap-web's TestWasm_leavesOut); natively, where the generator
// runs, CompileShader compiles every source as before.
//
// The files copied in (graphics, opengl, builtinshader and
// shader/precompiled.go: the look-ups, the decoder and what the browser
// leaves out; template/: text/template natively, a stand-in in the
// browser; gen/main.go: the generator) carry the build tag silkmapkage,
// which keeps them out of silkmap's own packages. Two more patches save
// the canvas work silkmap does not need: its multisampling and its clear
// before each frame (see patches). Each change to
// Ebitengine's own files is one call after (or instead of) one anchor line
// (see patches), or an import put in place of another; if Ebitengine
// changes that line, the build fails and names the file.
package kageir

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed graphics/precompiled.go opengl/precompiled.go builtinshader/precompiled.go gen/main.go template/template.go template/template_js.go shader/precompiled.go
var files embed.FS

// Module is the module path of Ebitengine.
const Module = "github.com/hajimehoshi/ebiten/v2"

// Tag is the build tag a build with Prepare's go.mod needs.
const Tag = "silkmapkage"

// patches are the changes made to the copy: after (or instead of) one
// anchor line, a call into the files added to it, or an import changed.
var patches = []struct {
	file, anchor, code string
	replace            bool
}{
	{ // CompileShader, in the browser, looks the source up instead.
		file:   "internal/graphics/shader.go",
		anchor: "func CompileShader(fragmentSrc []byte) (*shaderir.Program, error) {\n",
		code:   "\tif onlyPrecompiled {\n\t\treturn precompiledOrError(Precompiled(fragmentSrc))\n\t}\n",
	},
	{ // The OpenGL driver takes the GLSL written at build time ...
		file:    "internal/graphicsdriver/opengl/shader.go",
		anchor:  "\tvssrc, fssrc := glsl.Compile(s.ir, s.graphics.context.glslVersion())\n",
		code:    "\tvssrc, fssrc := compileGLSL(s.ir, s.graphics.context.glslVersion())\n",
		replace: true,
	},
	{ // ... and calls glsl.Compile only from there.
		file:    "internal/graphicsdriver/opengl/shader.go",
		anchor:  "\t\"github.com/hajimehoshi/ebiten/v2/internal/shaderir/glsl\"\n",
		replace: true,
	},
	{ // In the browser the template is a stand-in (see template/).
		file:    "internal/builtinshader/shader.go",
		anchor:  "\t\"text/template\"\n",
		code:    "\ttemplate \"github.com/hajimehoshi/ebiten/v2/internal/silkmaptemplate\"\n",
		replace: true,
	},
	{ // The Kage compiler's pattern is not compiled in the browser.
		file:    "internal/shader/expr.go",
		anchor:  "var textureVariableRe = regexp.MustCompile(`\\A__t(\\d+)\\z`)\n",
		code:    "var textureVariableRe *regexp.Regexp = compiledNatively(`\\A__t(\\d+)\\z`)\n",
		replace: true,
	},
	{ // The built-in sources are not written from their template again.
		file:   "internal/builtinshader/shader.go",
		anchor: "\tif s := shaders[filter][address][c]; s != nil {\n\t\treturn s\n\t}\n",
		code:   "\tif s := sourceWritten(filter, address, useColorM); s != nil || onlyPrecompiled {\n\t\tshaders[filter][address][c] = s\n\t\treturn s\n\t}\n",
	},
	// The two below cut what SwiftShader does each frame (docs/performance.md).
	{ // The canvas is not multisampled: Ebitengine only copies finished
		// images onto it, so WebGL's default antialias:true bought nothing
		// but a 4x buffer and its resolve each frame.
		file:   "internal/graphicsdriver/opengl/graphics_js.go",
		anchor: "\tattr.Set(\"stencil\", true)\n",
		code:   "\tattr.Set(\"antialias\", false)\n",
	},
	{ // The canvas is not cleared before each frame: WebGL clears it after
		// each frame it shows (preserveDrawingBuffer is false), and every
		// frame silkmap draws covers all of it; Ebitengine's clear is a
		// whole-screen draw.
		file:    "internal/graphicsdriver/opengl/graphics.go",
		anchor:  "func (g *Graphics) NeedsClearingScreen() bool {\n\treturn true\n",
		code:    "func (g *Graphics) NeedsClearingScreen() bool {\n\treturn false\n",
		replace: true,
	},
}

// added are the files copied in: from this package's folder to the copy's.
var added = map[string]string{
	"graphics/precompiled.go":      "internal/graphics/precompiled.go",
	"opengl/precompiled.go":        "internal/graphicsdriver/opengl/precompiled.go",
	"builtinshader/precompiled.go": "internal/builtinshader/precompiled.go",
	"gen/main.go":                  "internal/silkmapkage/main.go",
	"shader/precompiled.go":        "internal/shader/precompiled.go",
	"template/template.go":         "internal/silkmaptemplate/template.go",
	"template/template_js.go":      "internal/silkmaptemplate/template_js.go",
}

// CopyDir is where, under the main module's root, Prepare keeps its copies
// of Ebitengine.
const CopyDir = "build/kageir"

// Prepare makes a copy of the Ebitengine module that the main module in
// root requires, with the programs of its built-in shaders and of
// kageFiles (relative to root unless absolute) compiled in, and writes into
// dir a go.mod (with its go.sum) that uses the copy. Build with -modfile
// set to the returned file and -tags set to Tag.
//
// The copy lives under root's CopyDir, named by a hash of all it is made
// from, and the go.mod names it by that path relative to root: the build
// info of the wasm records the replacement's path, and a release must
// build to the same bytes every time, wherever the checkout is. Builds
// running at once share the copy: each makes it in a folder of its own and
// the first to finish moves it into place.
func Prepare(root, dir string, kageFiles []string) (modfile string, err error) {
	// The module as go.mod requires it, downloaded if it is not yet.
	out, err := goRun(root, "mod", "download", "-json", Module)
	if err != nil {
		return "", fmt.Errorf("kageir: go mod download %s: %w", Module, err)
	}
	var mod struct{ Dir, Version string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return "", fmt.Errorf("kageir: go mod download %s: no module directory in %q", Module, out)
	}
	var names []string
	for _, f := range kageFiles {
		if !filepath.IsAbs(f) {
			f = filepath.Join(root, f)
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			return "", err
		}
		names = append(names, abs)
	}
	sum, err := inputsHash(mod.Version, names)
	if err != nil {
		return "", err
	}
	rel := filepath.Join(CopyDir, "ebiten-"+mod.Version+"-"+sum)
	final := filepath.Join(root, rel)
	if _, err := os.Stat(filepath.Join(final, "go.mod")); err != nil {
		if err := os.MkdirAll(filepath.Join(root, CopyDir), 0o755); err != nil {
			return "", err
		}
		work, err := os.MkdirTemp(filepath.Join(root, CopyDir), "making-")
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(work)
		if err := makeCopy(root, mod.Dir, mod.Version, work, names); err != nil {
			return "", err
		}
		if err := os.Rename(work, final); err != nil {
			if _, statErr := os.Stat(filepath.Join(final, "go.mod")); statErr != nil {
				return "", fmt.Errorf("kageir: %w", err)
			}
			// Another build put the same copy in place first.
		}
	}
	return writeModfile(root, dir, "./"+filepath.ToSlash(rel))
}

// inputsHash sums up what a copy is made from: the module's version, this
// package's patches and files, and the Kage sources.
func inputsHash(version string, kageFiles []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", version)
	for _, p := range patches {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%v\n", p.file, p.anchor, p.code, p.replace)
	}
	for _, from := range slices.Sorted(maps.Keys(added)) {
		b, _ := files.ReadFile(from)
		fmt.Fprintf(h, "%s\x00%s\x00%d\n", from, added[from], len(b))
		h.Write(b)
	}
	for _, f := range kageFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("kageir: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\n", filepath.Base(f), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// makeCopy copies the module from modDir into ebiten, patches it, adds
// this package's files and generates the tables for kageFiles.
func makeCopy(root, modDir, version, ebiten string, kageFiles []string) error {
	if err := copyModule(modDir, ebiten); err != nil {
		return fmt.Errorf("kageir: copying %s: %w", Module, err)
	}
	for _, p := range patches {
		name := filepath.Join(ebiten, filepath.FromSlash(p.file))
		src, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("kageir: %w", err)
		}
		patched, err := Patch(string(src), p.anchor, p.code, p.replace)
		if err != nil {
			return fmt.Errorf("kageir: %s@%s %s: %w", Module, version, p.file, err)
		}
		if err := os.WriteFile(name, []byte(patched), 0o644); err != nil {
			return err
		}
	}
	for from, to := range added {
		b, _ := files.ReadFile(from)
		to = filepath.Join(ebiten, filepath.FromSlash(to))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			return err
		}
	}
	// The generator runs against the copy in its working place, through a
	// go.mod of its own.
	tmp, err := os.MkdirTemp("", "kageir-gen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	abs, err := filepath.Abs(ebiten)
	if err != nil {
		return err
	}
	modfile, err := writeModfile(root, tmp, abs)
	if err != nil {
		return err
	}
	// The generator, then its check of the look-up once the programs are in.
	gen := []string{"run", "-modfile", modfile, "-tags", Tag, Module + "/internal/silkmapkage"}
	if _, err := goRun(root, slices.Concat(gen, []string{"-o", filepath.Join(abs, "internal")}, kageFiles)...); err != nil {
		return fmt.Errorf("kageir: compiling the shaders: %w", err)
	}
	if _, err := goRun(root, slices.Concat(gen, []string{"-check"}, kageFiles)...); err != nil {
		return fmt.Errorf("kageir: checking the compiled shaders: %w", err)
	}
	return nil
}

// writeModfile writes into dir the main module's go.mod and go.sum with
// Ebitengine replaced by the copy at path, and returns the go.mod's name.
func writeModfile(root, dir, path string) (string, error) {
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("kageir: %w", err)
	}
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", fmt.Errorf("kageir: %w", err)
	}
	modfile := filepath.Join(dir, "ebiten.mod")
	gomod = fmt.Appendf(gomod, "\nreplace %s => %s\n", Module, path)
	if err := os.WriteFile(modfile, gomod, 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(strings.TrimSuffix(modfile, ".mod")+".sum", gosum, 0o644); err != nil {
		return "", err
	}
	return modfile, nil
}

// Patch returns src with code inserted after anchor (or put in its place,
// with replace), which must occur in src exactly once.
func Patch(src, anchor, code string, replace bool) (string, error) {
	if n := strings.Count(src, anchor); n != 1 {
		return "", fmt.Errorf("want one %q, found %d: Ebitengine changed; see package kageir", strings.TrimSpace(anchor), n)
	}
	if !replace {
		code = anchor + code
	}
	return strings.Replace(src, anchor, code, 1), nil
}

// copyModule copies the module in from to to, without its examples.
func copyModule(from, to string) error {
	if err := os.RemoveAll(to); err != nil {
		return err
	}
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			if rel == "examples" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
}

// goRun runs the go command in dir, for the machine it runs on (a caller
// building for the browser may have GOOS and GOARCH set), and returns its
// output; its error carries what the command printed on stderr.
func goRun(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=", "GOARCH=", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && stderr.Len() > 0 {
		err = fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, err
}
