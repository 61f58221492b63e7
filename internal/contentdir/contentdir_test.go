//go:build unix

package contentdir

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/silkmap/silkmap/mapdata"
)

// What a folder may hold in place of a content file, made at run time: each
// is refused with a message naming the file and what it is, and nothing
// blocks or reads without end.
func TestRead_refusesWhatIsNotAPlainFile(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "bodies.json"), []byte(`{"bodies":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	lim := mapdata.Limits{FileBytes: 1 << 20, FolderBytes: 1 << 21, Values: 1 << 20, Work: 1 << 20}
	for _, c := range []struct {
		name string
		make func(dir string) error
		want string
	}{
		{"a named pipe", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "countries.json"), 0o644) },
			"countries.json:$: a named pipe, not a plain file"},
		{"a link to /dev/zero", func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "sites.geojson")) },
			"sites.geojson:$: a symbolic link to /dev/zero, outside the content folder: links that leave the folder are refused"},
		{"a link leaving the folder", func(dir string) error {
			return os.Symlink(filepath.Join(outside, "bodies.json"), filepath.Join(dir, "bodies.json"))
		}, "bodies.json:$: a symbolic link to " + filepath.Join(outside, "bodies.json") + ", outside the content folder"},
		{"a link inside the folder to a named pipe", func(dir string) error {
			if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
				return err
			}
			return os.Symlink("pipe", filepath.Join(dir, "articles.json"))
		}, "articles.json:$: a named pipe, not a plain file"},
		{"a folder", func(dir string) error { return os.Mkdir(filepath.Join(dir, "story.json"), 0o755) },
			"story.json:$: a folder, not a plain file"},
		{"a dangling link", func(dir string) error { return os.Symlink("nowhere", filepath.Join(dir, "corridors.json")) },
			"corridors.json:$: a symbolic link that does not resolve"},
		{"a link in a loop", func(dir string) error { return os.Symlink("corridors.json", filepath.Join(dir, "corridors.json")) },
			"corridors.json:$: a symbolic link that does not resolve"},
		{"a file over the limit", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "bodies.json"), make([]byte, lim.FileBytes+1), 0o644)
		}, "bodies.json:$: file is more than 1048576 bytes, the limit for one file"},
		{"files over the folder's limit together", func(dir string) error {
			for _, name := range []string{"articles.json", "bodies.json", "countries.json"} {
				if err := os.WriteFile(filepath.Join(dir, name), make([]byte, lim.FileBytes-10), 0o644); err != nil {
					return err
				}
			}
			return nil
		}, "countries.json:$: the folder's files together are more than 2097152 bytes, the limit for a folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := c.make(dir); err != nil {
				t.Fatal(err)
			}
			_, probs, err := Read(dir, lim)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Errorf("problems %q do not say %q", got, c.want)
			}
		})
	}
}

// A link that stays inside the folder and names a plain file is read like
// the file itself.
func TestRead_linkInsideTheFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	data := []byte(`{"bodies": []}`)
	if err := os.WriteFile(filepath.Join(dir, "src", "b.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("src", "b.json"), filepath.Join(dir, "bodies.json")); err != nil {
		t.Fatal(err)
	}
	files, probs, err := Read(dir, mapdata.DefaultLimits)
	if err != nil || len(probs) > 0 || string(files["bodies.json"].Data) != string(data) {
		t.Errorf("files %v, problems %v, error %v", files, probs, err)
	}
}
