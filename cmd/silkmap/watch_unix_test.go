//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
)

// A running server under --watch survives each hostile file written into
// its folder: the edit is refused (or, for heavy but valid content, taken
// within the limits), the last good content keeps being served meanwhile,
// and the next good edit is picked up.
func TestWatchContent_hostile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range mapdata.ContentFiles {
		if data, err := fs.ReadFile(assets.Content(), name); err == nil {
			os.WriteFile(filepath.Join(dir, name), data, 0o644)
		}
	}
	fsys, _, _, err := load(dir, mapdata.DefaultLimits, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Options{Web: fstest.MapFS{}, Content: fsys})
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		watchContent(ctx, dir, folderStamp(dir), mapdata.DefaultLimits, srv, slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil)))
		close(done)
	}()
	defer func() { cancel(); <-done }()
	get := func(name string) string {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/content/"+name, nil))
		return rec.Body.String()
	}
	// waitLog waits for the log to say something more than n times.
	waitLog := func(what string, n int) bool {
		for range 150 { // reloads end within 10 s; polls are a second apart
			if strings.Count(logText(&logs), what) > n {
				return true
			}
			time.Sleep(100 * time.Millisecond)
		}
		return false
	}
	replace := func(name string, write func(path string) error) {
		path := filepath.Join(dir, name)
		os.Remove(path)
		if err := write(path); err != nil {
			t.Fatal(err)
		}
	}
	good := map[string]string{}
	for _, name := range []string{"articles.json", "sites.geojson", "countries.json", "corridors.geojson"} {
		good[name] = get(name)
	}
	var zig strings.Builder
	for i := 0; zig.Len() < 2<<20; i++ {
		fmt.Fprintf(&zig, "[%d,%g],", []int{-170, 170}[i%2], -60+math.Mod(float64(i)*0.01, 120))
	}
	corridor := strings.Replace(good["corridors.geojson"], `"coordinates": [`, `"coordinates": [`+zig.String(), 1)
	for _, c := range []struct {
		name, file string
		write      func(path string) error
	}{
		{"a 10 MB array of 5 million elements", "articles.json", func(p string) error {
			return os.WriteFile(p, []byte(`{"articles":[`+strings.Repeat("1,", 5_000_000)+`1]}`), 0o644)
		}},
		{"a link to /dev/zero", "sites.geojson", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{"a named pipe", "countries.json", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"a corridor zigzagging round the world", "corridors.geojson", func(p string) error {
			return os.WriteFile(p, []byte(corridor), 0o644)
		}},
		{"a duplicate key", "articles.json", func(p string) error {
			return os.WriteFile(p, []byte(strings.Replace(good["articles.json"], `"title":`, `"title": "x", "title":`, 1)), 0o644)
		}},
	} {
		refused := strings.Count(logText(&logs), "refused")
		replace(c.file, c.write)
		if !waitLog("refused", refused) {
			t.Fatalf("%s: no refusal logged:\n%s", c.name, logText(&logs))
		}
		for name, want := range good {
			if get(name) != want {
				t.Errorf("%s: %s is not the last good content", c.name, name)
			}
		}
		reloaded := strings.Count(logText(&logs), "reloaded")
		replace(c.file, func(p string) error { return os.WriteFile(p, []byte(good[c.file]), 0o644) })
		if !waitLog("reloaded", reloaded) {
			t.Fatalf("%s: the next good edit was not picked up:\n%s", c.name, logText(&logs))
		}
	}
	// Every refusal names the file and says why.
	for _, want := range []string{
		"articles.json:$: the folder's files together hold more than 4000000 JSON values",
		"sites.geojson:$: a symbolic link to /dev/zero, outside the content folder",
		"countries.json:$: a named pipe, not a plain file",
		"corridors.geojson:$: checking this content against the boundaries takes more than 4000000 steps of work",
		`articles.json:$: duplicate key "title"`,
	} {
		if !strings.Contains(logText(&logs), want) {
			t.Errorf("the log does not say %q", want)
		}
	}
}
