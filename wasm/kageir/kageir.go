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
// builtinshader.ShaderSource the source by its parameters. A generator run
// natively in the copy makes the tables; it checks that each decoded
// program is the compiled one (the same encoding and the same GLSL) and,
// once the tables are in, that each source is found, so a build never ships
// a program the compiler would not have made. Sources not in the tables are
// compiled as before.
//
// The files copied in (graphics, opengl and builtinshader/precompiled.go:
// the look-ups and the decoder; gen/main.go: the generator) carry the
// build tag silkmapkage, which keeps them out of silkmap's own packages.
// Each change to Ebitengine's own files is one call after (or instead of)
// one anchor line (see patches); if Ebitengine changes that line, the build
// fails and names the file.
package kageir

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed graphics/precompiled.go opengl/precompiled.go builtinshader/precompiled.go gen/main.go
var files embed.FS

// Module is the module path of Ebitengine.
const Module = "github.com/hajimehoshi/ebiten/v2"

// Tag is the build tag a build with Prepare's go.mod needs.
const Tag = "silkmapkage"

// patches are the changes made to the copy: after (or instead of) one
// anchor line in each file, a call into the files added to it.
var patches = []struct {
	file, anchor, code string
	replace            bool
}{
	{ // CompileShader looks the source up first.
		file:   "internal/graphics/shader.go",
		anchor: "func CompileShader(fragmentSrc []byte) (*shaderir.Program, error) {\n",
		code:   "\tif ir := Precompiled(fragmentSrc); ir != nil {\n\t\treturn ir, nil\n\t}\n",
	},
	{ // The OpenGL driver takes the GLSL written at build time.
		file:    "internal/graphicsdriver/opengl/shader.go",
		anchor:  "\tvssrc, fssrc := glsl.Compile(s.ir, s.graphics.context.glslVersion())\n",
		code:    "\tvssrc, fssrc := compileGLSL(s.ir, s.graphics.context.glslVersion(), glsl.Compile)\n",
		replace: true,
	},
	{ // The built-in sources are not written from their template again.
		file:   "internal/builtinshader/shader.go",
		anchor: "\tif s := shaders[filter][address][c]; s != nil {\n\t\treturn s\n\t}\n",
		code:   "\tif s := sourceWritten(filter, address, useColorM); s != nil {\n\t\tshaders[filter][address][c] = s\n\t\treturn s\n\t}\n",
	},
}

// added are the files copied in: from this package's folder to the copy's.
var added = map[string]string{
	"graphics/precompiled.go":      "internal/graphics/precompiled.go",
	"opengl/precompiled.go":        "internal/graphicsdriver/opengl/precompiled.go",
	"builtinshader/precompiled.go": "internal/builtinshader/precompiled.go",
	"gen/main.go":                  "internal/silkmapkage/main.go",
}

// Prepare writes, under dir, a copy of the Ebitengine module that the main
// module in root requires, with the programs of its built-in shaders and of
// kageFiles (relative to root unless absolute) compiled in, and a go.mod
// (with its go.sum) that uses the copy.
// Build with -modfile set to the returned file and -tags set to Tag.
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
	ebiten, err := filepath.Abs(filepath.Join(dir, "ebiten-"+mod.Version))
	if err != nil {
		return "", err
	}
	if err := copyModule(mod.Dir, ebiten); err != nil {
		return "", fmt.Errorf("kageir: copying %s: %w", Module, err)
	}
	for _, p := range patches {
		name := filepath.Join(ebiten, filepath.FromSlash(p.file))
		src, err := os.ReadFile(name)
		if err != nil {
			return "", fmt.Errorf("kageir: %w", err)
		}
		patched, err := Patch(string(src), p.anchor, p.code, p.replace)
		if err != nil {
			return "", fmt.Errorf("kageir: %s@%s %s: %w", Module, mod.Version, p.file, err)
		}
		if err := os.WriteFile(name, []byte(patched), 0o644); err != nil {
			return "", err
		}
	}
	for from, to := range added {
		b, _ := files.ReadFile(from)
		to = filepath.Join(ebiten, filepath.FromSlash(to))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			return "", err
		}
	}

	// The go.mod of the build: the main module's, with the copy for Ebitengine.
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("kageir: %w", err)
	}
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", fmt.Errorf("kageir: %w", err)
	}
	modfile = filepath.Join(dir, "ebiten.mod")
	gomod = fmt.Appendf(gomod, "\nreplace %s => %s\n", Module, ebiten)
	if err := os.WriteFile(modfile, gomod, 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(strings.TrimSuffix(modfile, ".mod")+".sum", gosum, 0o644); err != nil {
		return "", err
	}

	// The generator, then its check of the look-up once the programs are in.
	gen := []string{"run", "-modfile", modfile, "-tags", Tag, Module + "/internal/silkmapkage"}
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
	if _, err := goRun(root, slices.Concat(gen, []string{"-o", filepath.Join(ebiten, "internal")}, names)...); err != nil {
		return "", fmt.Errorf("kageir: compiling the shaders: %w", err)
	}
	if _, err := goRun(root, slices.Concat(gen, []string{"-check"}, names)...); err != nil {
		return "", fmt.Errorf("kageir: checking the compiled shaders: %w", err)
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
