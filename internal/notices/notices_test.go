package notices

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// shipped lists the modules a target links as the go command reports them,
// independently of Modules: the list the notices must cover.
func shipped(t *testing.T, tg Target) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-tags", strings.Join(tg.Tags, ","),
		"-f", "{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}}{{end}}{{end}}", tg.Pkg)
	cgo := "0"
	if tg.CGO {
		cgo = "1"
	}
	cmd.Env = append(cmd.Environ(), "GOOS="+tg.GOOS, "GOARCH="+tg.GOARCH, "CGO_ENABLED="+cgo)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v", tg.Pkg, err)
	}
	var mods []string
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" {
			mods = append(mods, l)
		}
	}
	return mods
}

func TestGenerate_everyShippedModule(t *testing.T) {
	t.Chdir("../..") // the go command lists ./cmd/… from the module's root
	for _, tt := range []struct {
		name    string
		targets []Target
		want    []string // beside every module listed
	}{
		{"bundle", Bundle(), []string{"wasm_exec.js", "github.com/hajimehoshi/ebiten/v2 "}},
		{"server linux/amd64", Server("linux", "amd64"), []string{"wasm_exec.js", "github.com/andybalholm/brotli "}},
		{"server darwin/arm64", Server("darwin", "arm64"), []string{"wasm_exec.js"}},
		{"server windows/amd64", Server("windows", "amd64"), []string{"wasm_exec.js"}},
		{"desktop linux/amd64", Desktop("linux", "amd64"), []string{"github.com/jezek/xgb ", "github.com/ebitengine/purego "}},
		{"desktop windows/amd64", Desktop("windows", "amd64"), []string{"github.com/ebitengine/purego "}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Generate(&b, tt.name, tt.targets); err != nil {
				t.Fatal(err)
			}
			text := b.String()
			for _, tg := range tt.targets {
				for _, mod := range shipped(t, tg) {
					// Listed at the top, and a section with its licence.
					if !strings.Contains(text, "\n- "+mod+"\n") || !strings.Contains(text, "\n"+mod+"\nhttps://pkg.go.dev/") {
						t.Errorf("%s: module %s is missing", tg.Pkg, mod)
					}
				}
			}
			for _, want := range append(tt.want,
				"Copyright 2009 The Go Authors.", // the standard library's licence
				"Natural Earth data are in the public domain",
				"Copyright 2013-2019 Michael Bostock", // world-atlas, ISC
			) {
				if !strings.Contains(text, want) {
					t.Errorf("no %q in the notices", want)
				}
			}
			if strings.Contains(text, "github.com/silkmap/silkmap") {
				t.Error("silkmap itself is listed as a third party")
			}
			if wasm := strings.Contains(text, "wasm_exec.js"); wasm != (tt.targets[len(tt.targets)-1].GOOS == "js") {
				t.Errorf("wasm_exec.js named: %v, want only where the browser build is inside", wasm)
			}
		})
	}
}

func TestModules_licenceFiles(t *testing.T) {
	t.Chdir("../..")
	mods, err := Modules(Desktop("windows", "amd64"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mods {
		if !isLicence(m.Licences[0]) || strings.Contains(m.Licences[0], "/") {
			t.Errorf("%s: licence files %v, want the module's own first", m.Path, m.Licences)
		}
		if strings.HasPrefix(m.Path, "golang.org/x/") && !strings.Contains(strings.Join(m.Licences, " "), "PATENTS") {
			t.Errorf("%s: licence files %v, want its PATENTS grant too", m.Path, m.Licences)
		}
	}
}
