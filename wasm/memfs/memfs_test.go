package memfs_test

import (
	"bytes"
	"errors"
	"io/fs"
	"reflect"
	"testing"
	"testing/fstest"
	"testing/iotest"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/wasm/memfs"
)

// both holds the same files as a memfs.FS and as the fstest.MapFS the
// browser build used before.
func both(files map[string]string) (memfs.FS, fstest.MapFS) {
	m, ref := memfs.FS{}, fstest.MapFS{}
	for name, text := range files {
		m[name] = []byte(text)
		ref[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m, ref
}

func TestFS_likeMapFS(t *testing.T) {
	m, ref := both(map[string]string{
		"sites.json": `{"a": 1}`,
		"empty.json": "",
		"big.json":   string(bytes.Repeat([]byte("0123456789"), 1000)),
	})
	for _, name := range []string{"sites.json", "empty.json", "big.json", "missing.json", "", "/sites.json", "./sites.json", "sites.json/"} {
		got, gotErr := fs.ReadFile(m, name)
		want, wantErr := fs.ReadFile(ref, name)
		if !bytes.Equal(got, want) || (gotErr == nil) != (wantErr == nil) || errors.Is(gotErr, fs.ErrNotExist) != errors.Is(wantErr, fs.ErrNotExist) {
			t.Errorf("ReadFile(%q) = %q, %v; MapFS: %q, %v", name, got, gotErr, want, wantErr)
		}
		f, gotErr := m.Open(name)
		_, wantErr = ref.Open(name)
		if (gotErr == nil) != (wantErr == nil) || errors.Is(gotErr, fs.ErrNotExist) != errors.Is(wantErr, fs.ErrNotExist) {
			t.Errorf("Open(%q): %v; MapFS: %v", name, gotErr, wantErr)
		}
		if gotErr != nil {
			var pe *fs.PathError
			if !errors.As(gotErr, &pe) || pe.Op != "open" || pe.Path != name {
				t.Errorf("Open(%q): %#v, want a PathError naming the file", name, gotErr)
			}
			continue
		}
		gotInfo, err := f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		wantInfo, _ := fs.Stat(ref, name)
		if gotInfo.Name() != wantInfo.Name() || gotInfo.Size() != wantInfo.Size() || gotInfo.Mode() != wantInfo.Mode() ||
			!gotInfo.ModTime().Equal(wantInfo.ModTime()) || gotInfo.IsDir() != wantInfo.IsDir() || gotInfo.Sys() != nil {
			t.Errorf("Stat(%q) = %v %d %v %v %v; MapFS: %v %d %v %v %v", name,
				gotInfo.Name(), gotInfo.Size(), gotInfo.Mode(), gotInfo.ModTime(), gotInfo.IsDir(),
				wantInfo.Name(), wantInfo.Size(), wantInfo.Mode(), wantInfo.ModTime(), wantInfo.IsDir())
		}
		if err := iotest.TestReader(f, want); err != nil {
			t.Errorf("reading %q: %v", name, err)
		}
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	}
	// ReadFile's bytes are the caller's.
	b, _ := m.ReadFile("sites.json")
	b[0] = 'x'
	if again, _ := m.ReadFile("sites.json"); string(again) != `{"a": 1}` {
		t.Errorf("ReadFile after changing a copy: %q", again)
	}
}

// The built-in content loads from a memfs.FS as from a MapFS.
func TestFS_loadsContent(t *testing.T) {
	def, err := atlas.LoadBinary(assets.Atlas)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, name := range mapdata.ContentFiles {
		if data, err := fs.ReadFile(assets.Content(), name); err == nil {
			files[name] = string(data)
		}
	}
	if len(files) < 3 {
		t.Fatalf("the built-in content has %d files", len(files))
	}
	m, ref := both(files)
	got, err := mapdata.LoadContent(def, m)
	if err != nil {
		t.Fatal(err)
	}
	want, err := mapdata.LoadContent(def, ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sites) == 0 || !reflect.DeepEqual(got.Sites, want.Sites) || !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("sites or warnings differ: %d sites, %v; MapFS: %d sites, %v", len(got.Sites), got.Warnings, len(want.Sites), want.Warnings)
	}
	gotStory, gotProbs := story.Load(got, m)
	wantStory, wantProbs := story.Load(want, ref)
	if (gotStory == nil) != (wantStory == nil) || len(gotProbs) != len(wantProbs) ||
		(gotStory != nil && len(gotStory.Scenes) != len(wantStory.Scenes)) {
		t.Errorf("story: %v, %v; MapFS: %v, %v", gotStory, gotProbs, wantStory, wantProbs)
	}
	// A file too large for the limits fails the same way.
	lim := mapdata.DefaultLimits
	lim.FileBytes = 10
	_, gotErr := mapdata.LoadContentWithin(def, m, lim)
	_, wantErr := mapdata.LoadContentWithin(def, ref, lim)
	if gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error() {
		t.Errorf("within 10 bytes a file: %v; MapFS: %v", gotErr, wantErr)
	}
}
