package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersion builds the binary as make desktop does, with the release
// named through the linker, and asks it its version (under Xvfb: even
// --version needs a display, as Ebitengine starts GLFW when it loads).
func TestVersion(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "silkmap-desktop")
	const v = "github.com/silkmap/silkmap/internal/version"
	build := exec.Command("go", "build", "-o", bin,
		"-ldflags=-X "+v+".Version=0.1.0 -X "+v+".Commit=abc1234 -X "+v+".Epoch=1796601600", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "silkmap-desktop 0.1.0 (commit abc1234, built 2026-12-07T00:00:00Z, "; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start %q", got, want)
	}
}
