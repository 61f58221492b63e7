package studio

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
)

// Format keeps what a file says, and writes it the same way every time:
// the shipped content is in this layout already, and a moved site changes
// one line.
func TestFormat(t *testing.T) {
	for _, name := range mapdata.ContentFiles {
		data, err := fs.ReadFile(assets.Content(), name)
		if err != nil {
			continue
		}
		out, err := Format(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s is not in the studio's layout", name)
		}
		var a, b any
		json.Unmarshal(data, &a)
		json.Unmarshal(out, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: formatting changed what it says", name)
		}
	}
	sites, _ := fs.ReadFile(assets.Content(), mapdata.FileSites)
	sites, _ = Format(mapdata.FileSites, sites)
	moved := bytes.Replace(sites, []byte("[69.265, 34.9461]"), []byte("[69.2651234567, 34.95]"), 1)
	out, err := Format(mapdata.FileSites, moved)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	a, b := strings.Split(string(sites), "\n"), strings.Split(string(out), "\n")
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			changed = append(changed, b[i])
		}
	}
	if len(a) != len(b) || len(changed) != 1 || strings.TrimSpace(changed[0]) != `"coordinates": [69.265123, 34.95]` {
		t.Errorf("moving Bagram changed %d lines: %.300q", len(changed), changed)
	}
	if _, err := Format(mapdata.FileSites, []byte(`{"type": `)); err == nil {
		t.Error("broken JSON formatted")
	}
}

// A save keeps the files it replaces; undoing it brings them back and
// removes the files it created; the history keeps MaxHistory saves.
func TestWriteHistoryUndo(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "articles.json"), []byte("A0"), 0o644)
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	s1, err := Write(dir, map[string][]byte{"articles.json": []byte("A1"), "bodies.json": []byte("B1")}, now, 0)
	if err != nil || s1.N != 1 || !reflect.DeepEqual(s1.Files, []string{"articles.json", "bodies.json"}) || !reflect.DeepEqual(s1.Absent, []string{"bodies.json"}) {
		t.Fatalf("save %+v, %v", s1, err)
	}
	s2, err := Write(dir, map[string][]byte{"articles.json": []byte("A2")}, now.Add(time.Minute), 0)
	if err != nil || s2.N != 2 {
		t.Fatalf("save %+v, %v", s2, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "articles.json")); string(b) != "A2" {
		t.Errorf("articles.json = %q", b)
	}
	h, _ := History(dir)
	if len(h) != 2 || h[0].N != 2 || h[1].N != 1 {
		t.Errorf("history %+v", h)
	}
	undo, err := Undo(dir, 1)
	if err != nil || string(undo["articles.json"]) != "A0" || undo["bodies.json"] != nil || len(undo) != 2 {
		t.Errorf("undo of save 1: %q, %v", undo, err)
	}
	if _, err := Undo(dir, 9); err == nil {
		t.Error("undo of a save that is not there")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".silkmap-") {
			t.Errorf("a temporary file is left: %s", e.Name())
		}
	}
	for i := range MaxHistory + 5 {
		if _, err := Write(dir, map[string][]byte{"articles.json": {byte('a' + i%26)}}, now, 0); err != nil {
			t.Fatal(err)
		}
	}
	if h, _ := History(dir); len(h) != MaxHistory || h[0].N != MaxHistory+7 {
		t.Errorf("%d saves kept, newest %d", len(h), h[0].N)
	}
	if _, err := Write(dir, map[string][]byte{"../x.json": []byte("x")}, now, 0); err == nil {
		t.Error("a file that is not a content file was written")
	}
}

// Check loads the folder with the changes, in memory, as check would.
func TestCheck(t *testing.T) {
	c, err := Check(assets.Content(), map[string][]byte{mapdata.FileStory: nil}, mapdata.DefaultLimits)
	if err != nil || c.Map == nil || len(c.Problems) > 0 || c.Files[mapdata.FileStory] != nil {
		t.Fatalf("%+v, %v", c.Problems, err)
	}
	c, _ = Check(assets.Content(), map[string][]byte{mapdata.FileArticles: []byte(`{"articles": [{"id": "article:x"}]}`)}, mapdata.DefaultLimits)
	if c.Map != nil || len(c.Problems) == 0 || !strings.HasPrefix(c.Problems[0].String(), "articles.json:articles[0].title: missing") {
		t.Errorf("problems %v", c.Problems)
	}
	// A translation is checked as check checks it.
	c, _ = Check(assets.Content(), map[string][]byte{"ru.json": []byte(`{"text": {"site:nowhere": {"name": "Нигде"}}}`)}, mapdata.DefaultLimits)
	if c.Map != nil || len(c.Problems) != 1 || !strings.HasPrefix(c.Problems[0].String(), "ru.json:text.site:nowhere") {
		t.Errorf("a translation of an unknown id: problems %v", c.Problems)
	}
}
