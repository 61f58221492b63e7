// Package kageir gives the browser build's Ebitengine its shaders compiled
// ahead of time.
//
// Ebitengine compiles every shader from Kage source when it is first
// needed, three of them in a package init: that runs its Go parser and type
// checker, which in the browser is code compiled on first use and run in
// V8's baseline tier, before the first frame (about 0.15 s of it on the
// benchmark machine; docs/performance.md). Prepare makes a private copy of
// the Ebitengine module the main module requires, in which
// graphics.CompileShader first looks for the program among those compiled
// at build time: Ebitengine's built-in shaders and the Kage files given. A
// program generator run natively in that copy compiles them, encodes them
// and checks that each decoded program is the compiled one (the same
// encoding and the same GLSL), so a build never ships a program the
// compiler would not have made. Sources it does not know are compiled as
// before.
//
// The files copied in are graphics/precompiled.go (the decoder and the
// look-up) and gen/main.go (the generator); they carry the build tag
// silkmapkage, which keeps them out of silkmap's own packages.
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

//go:embed graphics/precompiled.go gen/main.go
var files embed.FS

// Module is the module path of Ebitengine.
const Module = "github.com/hajimehoshi/ebiten/v2"

// Tag is the build tag a build with Prepare's go.mod needs.
const Tag = "silkmapkage"

// compileShader is the first line of Ebitengine's graphics.CompileShader,
// after which the look-up goes.
const compileShader = "func CompileShader(fragmentSrc []byte) (*shaderir.Program, error) {\n"

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
	shader := filepath.Join(ebiten, "internal", "graphics", "shader.go")
	src, err := os.ReadFile(shader)
	if err != nil {
		return "", fmt.Errorf("kageir: %w", err)
	}
	patched, err := Patch(string(src))
	if err != nil {
		return "", fmt.Errorf("kageir: %s@%s internal/graphics/shader.go: %w", Module, mod.Version, err)
	}
	if err := os.WriteFile(shader, []byte(patched), 0o644); err != nil {
		return "", err
	}
	for from, to := range map[string]string{
		"graphics/precompiled.go": filepath.Join(ebiten, "internal", "graphics", "precompiled.go"),
		"gen/main.go":             filepath.Join(ebiten, "internal", "silkmapkage", "main.go"),
	} {
		b, _ := files.ReadFile(from)
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
	programs := filepath.Join(ebiten, "internal", "graphics", "precompiled_programs.go")
	if _, err := goRun(root, slices.Concat(gen, []string{"-o", programs}, names)...); err != nil {
		return "", fmt.Errorf("kageir: compiling the shaders: %w", err)
	}
	if _, err := goRun(root, slices.Concat(gen, []string{"-check"}, names)...); err != nil {
		return "", fmt.Errorf("kageir: checking the compiled shaders: %w", err)
	}
	return modfile, nil
}

// Patch returns Ebitengine's internal/graphics/shader.go with the look-up
// of precompiled programs at the start of CompileShader.
func Patch(src string) (string, error) {
	if n := strings.Count(src, compileShader); n != 1 {
		return "", fmt.Errorf("want one %q, found %d: Ebitengine changed; see package kageir", strings.TrimSpace(compileShader), n)
	}
	return strings.Replace(src, compileShader, compileShader+
		"\tif ir := Precompiled(fragmentSrc); ir != nil {\n\t\treturn ir, nil\n\t}\n", 1), nil
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
