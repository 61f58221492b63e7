package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/silkmap/silkmap/internal/studio"
)

// history lists saves newest first; restore puts a save's files back when
// the result passes the checks, as a save of its own, and writes nothing
// when it would not.
func TestHistoryRestore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mine")
	if code, _, errOut := runCmd("init", dir); code != 0 {
		t.Fatal(errOut)
	}
	articles := filepath.Join(dir, "articles.json")
	before, _ := os.ReadFile(articles)
	edited := bytes.Replace(before, []byte("Cornell follows"), []byte("Cornell traces"), 1)
	if _, err := studio.Write(dir, map[string][]byte{"articles.json": edited}, time.Now(), 0); err != nil {
		t.Fatal(err)
	}
	// A save that breaks the folder, once written by hand (a studio never
	// writes one): undoing save 2 would put the broken file back.
	if _, err := studio.Write(dir, map[string][]byte{"articles.json": []byte(`{"articles": [`)}, time.Now(), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := studio.Write(dir, map[string][]byte{"articles.json": edited}, time.Now(), 0); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd("history", dir)
	line := regexp.MustCompile(`^(\d+)  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  articles\.json$`)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !line.MatchString(lines[0]) || !strings.HasPrefix(lines[0], "3  ") || !strings.HasPrefix(lines[2], "1  ") {
		t.Fatalf("history: exit %d\n%s", code, out)
	}
	// Undoing save 3 would bring back the broken file: refused, nothing written.
	code, out, errOut := runCmd("restore", dir, "3")
	if now, _ := os.ReadFile(articles); code != 1 || !bytes.Equal(now, edited) || !strings.Contains(out, "articles.json:$: invalid JSON") || !strings.Contains(errOut, "nothing restored") {
		t.Errorf("restore 3: exit %d, %s %s", code, out, errOut)
	}
	code, out, errOut = runCmd("restore", dir, "1")
	if now, _ := os.ReadFile(articles); code != 0 || !bytes.Equal(now, before) || !strings.Contains(out, "recorded as save 4") {
		t.Errorf("restore 1: exit %d, %s %s", code, out, errOut)
	}
	if _, out, _ := runCmd("history", dir); !strings.HasPrefix(out, "4  ") {
		t.Errorf("the restore is not a save of its own:\n%s", out)
	}
	for _, args := range [][]string{{"restore", dir, "x"}, {"restore", dir}, {"history", filepath.Join(dir, "nope")}} {
		if code, _, _ := runCmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runCmd("restore", dir, "99"); code != 1 || !strings.Contains(errOut, "no save 99") {
		t.Errorf("restore 99: exit %d, %s", code, errOut)
	}
	// check ignores the history.
	if code, out, _ := runCmd("check", dir); code != 0 {
		t.Errorf("check with a history: exit %d\n%s", code, out)
	}
}

// --edit writes a folder: it needs one, and on an address beyond loopback
// an explicit --edit-allow-remote.
func TestServe_editFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--edit"},
		{"serve", "--edit", "--content", t.TempDir(), "--addr", "0.0.0.0:0"},
	} {
		if code, _, errOut := runCmd(args...); code != 2 || !strings.Contains(errOut, "--edit") {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
	}
	if !loopback("127.0.0.1:8080") || !loopback("localhost:1") || !loopback("[::1]:80") || loopback("0.0.0.0:80") || loopback(":8080") {
		t.Error("loopback() is wrong")
	}
}
