package mapdata_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/story"
)

// The bad-content corpus: each folder of testdata/bad holds one broken
// content file and, in want.txt, what the problem report must say. Every
// one is refused with that message; none panics.
func TestBadContentCorpus(t *testing.T) {
	dirs, err := filepath.Glob("testdata/bad/*")
	if err != nil || len(dirs) < 30 {
		t.Fatalf("%d corpus folders (%v), want at least 30", len(dirs), err)
	}
	def := loadDefault(t).Atlas
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			fsys := os.DirFS(dir)
			var got []string
			m, err := mapdata.LoadContent(def, fsys)
			var ce *mapdata.ContentError
			switch {
			case errors.As(err, &ce):
				for _, p := range ce.Problems {
					got = append(got, p.String())
				}
			case err != nil:
				t.Fatalf("error %v is not a ContentError", err)
			default:
				_, probs := story.Load(m, fsys)
				for _, p := range probs {
					got = append(got, p.String())
				}
			}
			if w := strings.TrimSpace(string(want)); !strings.Contains(strings.Join(got, "\n"), w) {
				t.Errorf("problems %q do not say %q", got, w)
			}
		})
	}
}

// The warnings corpus: each folder of testdata/warn holds content that
// loads, with a warning that want.txt says.
func TestWarnCorpus(t *testing.T) {
	dirs, err := filepath.Glob("testdata/warn/*")
	if err != nil || len(dirs) < 7 {
		t.Fatalf("%d corpus folders (%v), want at least 7", len(dirs), err)
	}
	def := loadDefault(t).Atlas
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			m, err := mapdata.LoadContent(def, os.DirFS(dir))
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			var got []string
			for _, w := range m.Warnings {
				got = append(got, w.String())
			}
			if w := strings.TrimSpace(string(want)); !strings.Contains(strings.Join(got, "\n"), w) {
				t.Errorf("warnings %q do not say %q", got, w)
			}
		})
	}
}

// A file with thousands of problems reports MaxReported of them and one
// line counting the rest; its warnings are capped the same way.
func TestLoad_problemsCapped(t *testing.T) {
	var arts []string
	for i := range 3 * mapdata.MaxReported {
		arts = append(arts, fmt.Sprintf(`{"id":"article:a%d","title":"T","author":"A","publication":"P","date":"2025-12-16","url":"http://example.org/%d","summary":"S","covers":["NOPE"]}`, i, i))
	}
	fsys := fstest.MapFS{"articles.json": {Data: []byte(`{"articles":[` + strings.Join(arts, ",") + `]}`)}}
	_, err := mapdata.LoadContent(loadDefault(t).Atlas, fsys)
	var ce *mapdata.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("error = %v", err)
	}
	for _, c := range []struct {
		list []mapdata.Problem
		last string
	}{
		{ce.Problems, "articles.json:$: and 200 more problems"},
		{ce.Warnings, "articles.json:$: warning: and 200 more warnings"},
	} {
		if len(c.list) != mapdata.MaxReported+1 || c.list[len(c.list)-1].String() != c.last {
			t.Errorf("%d reported, last %v; want %d, last %q", len(c.list), c.list[len(c.list)-1], mapdata.MaxReported+1, c.last)
		}
	}
}

// A file is measured by the bytes read from it, never by what Stat says:
// one that claims to be empty and never ends (a symlink to /dev/zero, a
// file growing while it is read) is refused after reading just past the
// limit, and the folder's files together have a limit of their own.
func TestLoad_boundedReads(t *testing.T) {
	def := loadDefault(t).Atlas
	lim := mapdata.Limits{FileBytes: 1 << 20, FolderBytes: 3 << 20, Values: 1 << 20, Work: 1 << 20}
	endless := &zeroFS{name: "bodies.json"}
	_, err := mapdata.LoadContentWithin(def, endless, lim)
	if err == nil || !strings.Contains(err.Error(), "bodies.json:$: file is more than 1048576 bytes, the limit for one file") {
		t.Errorf("error = %v", err)
	}
	if endless.read > lim.FileBytes+64<<10 {
		t.Errorf("read %d bytes of an endless file; the limit is %d", endless.read, lim.FileBytes)
	}
	// Four files of 0.9 MB each: each within the file limit, together over
	// the folder's.
	big := `{"articles": [], "pad": "` + strings.Repeat("x", 900<<10) + `"}`
	fsys := fstest.MapFS{}
	for _, name := range []string{"articles.json", "bodies.json", "corridors.json", "countries.json"} {
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(big, "articles", strings.TrimSuffix(name, ".json"), 1))}
	}
	_, err = mapdata.LoadContentWithin(def, fsys, lim)
	if err == nil || !strings.Contains(err.Error(), "the folder's files together are more than 3145728 bytes") {
		t.Errorf("error = %v", err)
	}
}

// zeroFS holds one file that says it is empty and reads as endless zeros.
type zeroFS struct {
	name string
	read int64
}

func (z *zeroFS) Open(name string) (fs.File, error) {
	if name != z.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return zeroFile{z}, nil
}

type zeroFile struct{ z *zeroFS }

func (f zeroFile) Stat() (fs.FileInfo, error) { return fstest.MapFS{"f": {}}.Stat("f") }
func (f zeroFile) Close() error               { return nil }
func (f zeroFile) Read(p []byte) (int, error) {
	clear(p)
	f.z.read += int64(len(p))
	return len(p), nil
}
