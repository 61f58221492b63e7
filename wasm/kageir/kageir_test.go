package kageir_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/silkmap/silkmap/wasm/kageir"
)

// The shaders of package render, as cmd/silkmap-web passes them.
var renderShaders = []string{"render/pattern.kage", "render/stroke.kage"}

func TestPrepare(t *testing.T) {
	dir := t.TempDir()
	modfile, err := kageir.Prepare("../..", dir, renderShaders)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(modfile)
	if err != nil {
		t.Fatal(err)
	}
	// The copy is named by a path relative to the module's root, the same
	// for every build of the same sources (a release builds to the same
	// bytes), and a second Prepare uses it again.
	_, rel, ok := strings.Cut(string(mod), "replace "+kageir.Module+" => ./")
	rel = strings.TrimSpace(rel)
	copies := []string{filepath.Join("../..", rel)}
	if !ok || !strings.HasPrefix(rel, kageir.CopyDir+"/ebiten-v") {
		t.Fatalf("go.mod:\n%s", mod)
	}
	again, err := kageir.Prepare("../..", t.TempDir(), renderShaders)
	if err != nil {
		t.Fatal(err)
	}
	if mod2, _ := os.ReadFile(again); string(mod2) != string(mod) {
		t.Errorf("a second Prepare's go.mod differs:\n%s", mod2)
	}
	if _, err := os.Stat(strings.TrimSuffix(modfile, ".mod") + ".sum"); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(copies[0], "examples")); err == nil {
		t.Error("the copy has Ebitengine's examples")
	}
	// Ebitengine's 14 built-in shaders and ours; Prepare has checked that
	// each decodes to the compiled program as the browser reads it, is
	// found by its source and has glsl.Compile's GLSL.
	b, err := os.ReadFile(filepath.Join(copies[0], "internal", "graphics", "precompiled_programs.go"))
	if err != nil {
		t.Fatal(err)
	}
	if n, want := strings.Count(string(b), "{hash:"), 14+len(renderShaders); n != want {
		t.Errorf("%d programs, want %d", n, want)
	}
	if n := strings.Count(string(b), "fragment: "); n != 14+len(renderShaders) {
		t.Errorf("%d programs with their GLSL, want %d", n, 14+len(renderShaders))
	}
	b, err = os.ReadFile(filepath.Join(copies[0], "internal", "builtinshader", "precompiled_sources.go"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "{filter:"); n != 12 {
		t.Errorf("%d built-in sources, want 12", n)
	}
	for file, call := range map[string]string{
		"graphics/shader.go":              "Precompiled(fragmentSrc)",
		"graphicsdriver/opengl/shader.go": "compileGLSL(s.ir",
		"builtinshader/shader.go":         "sourceWritten(filter, address, useColorM)",
	} {
		b, err := os.ReadFile(filepath.Join(copies[0], "internal", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), call) {
			t.Errorf("%s does not call %s", file, call)
		}
	}
}

func TestPrepare_badShader(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.kage")
	if err := os.WriteFile(bad, []byte("//kage:unit pixels\n\npackage main\n\nfunc Fragment() vec4 {\n\treturn undefinedThing\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := kageir.Prepare("../..", dir, []string{bad})
	if err == nil || !strings.Contains(err.Error(), "bad.kage") || !strings.Contains(err.Error(), "undefinedThing") {
		t.Fatalf("err = %v, want one naming the file and the identifier", err)
	}
}

func TestPatch(t *testing.T) {
	const src = "package graphics\n\nfunc CompileShader(fragmentSrc []byte) (*shaderir.Program, error) {\n\tsrc, err := complete(fragmentSrc)\n}\n"
	const anchor = "func CompileShader(fragmentSrc []byte) (*shaderir.Program, error) {\n"
	got, err := kageir.Patch(src, anchor, "\tlookUp()\n", false)
	if err != nil {
		t.Fatal(err)
	}
	if want := "package graphics\n\nfunc CompileShader(fragmentSrc []byte) (*shaderir.Program, error) {\n\tlookUp()\n\tsrc, err := complete(fragmentSrc)\n}\n"; got != want {
		t.Errorf("after: got\n%s\nwant\n%s", got, want)
	}
	got, err = kageir.Patch(src, "\tsrc, err := complete(fragmentSrc)\n", "\tsrc, err := other(fragmentSrc)\n", true)
	if err != nil {
		t.Fatal(err)
	}
	if want := "package graphics\n\nfunc CompileShader(fragmentSrc []byte) (*shaderir.Program, error) {\n\tsrc, err := other(fragmentSrc)\n}\n"; got != want {
		t.Errorf("instead: got\n%s\nwant\n%s", got, want)
	}
	for _, changed := range []string{
		"package graphics\n\nfunc CompileShader(src []byte) (*shaderir.Program, error) {\n}\n",
		src + src,
	} {
		if _, err := kageir.Patch(changed, anchor, "\tlookUp()\n", false); err == nil || !strings.Contains(err.Error(), "Ebitengine changed") {
			t.Errorf("Patch(%q): err = %v", changed, err)
		}
	}
}
