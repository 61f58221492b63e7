//go:build unix

package contentdir

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/silkmap/silkmap/mapdata"
)

// FuzzLoadFolder builds a content folder from the fuzzer's bytes — each
// content file a plain file, a link inside or out of the folder, a named
// pipe, a folder, or data repeated to be huge or deep — and loads it with
// small limits. Whatever the folder holds, loading ends, nothing panics,
// and every problem names one of the content files (or "." for the folder).
func FuzzLoadFolder(f *testing.F) {
	f.Add([]byte{0, 0, 1, 2, 3, 4, 5, 6}, []byte(`{"articles":[]}`))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 0, 0}, []byte(`{"bodies":[{"id":"x","members":[`))
	f.Add([]byte{6, 6, 6, 6, 6, 6, 6, 6}, []byte(`[`))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0}, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[69,41]},"properties":{"id":"site:x"}}]}`))
	f.Fuzz(func(t *testing.T, kinds []byte, data []byte) {
		dir := t.TempDir()
		outside := t.TempDir()
		os.WriteFile(filepath.Join(outside, "x.json"), data, 0o644)
		for i, name := range mapdata.ContentFiles {
			if i >= len(kinds) {
				break
			}
			path := filepath.Join(dir, name)
			switch kinds[i] % 8 {
			case 0:
				os.WriteFile(path, data, 0o644)
			case 1:
				os.WriteFile(filepath.Join(dir, "src-"+name), data, 0o644)
				os.Symlink("src-"+name, path)
			case 2:
				os.Symlink(filepath.Join(outside, "x.json"), path)
			case 3:
				syscall.Mkfifo(path, 0o644)
			case 4:
				os.Mkdir(path, 0o755)
			case 5: // huge: past the file limit below
				os.WriteFile(path, bytes.Repeat(append(data, ' '), 1+(64<<10)/(len(data)+1)), 0o644)
			case 6: // deep
				os.WriteFile(path, []byte(strings.Repeat("[", 1000)+string(data)+strings.Repeat("]", 1000)), 0o644)
			case 7: // absent
			}
		}
		lim := mapdata.Limits{FileBytes: 64 << 10, FolderBytes: 256 << 10, Values: 20_000, Work: 50_000}
		var out bytes.Buffer
		_, _, _, err := Load(dir, lim, &out)
		if err == nil {
			return
		}
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if line == "" {
				continue
			}
			file, _, _ := strings.Cut(line, ":")
			if !isContentFile(file) {
				t.Errorf("problem %q names no content file (error %v)", line, err)
			}
		}
	})
}

func isContentFile(name string) bool {
	if name == "." {
		return true
	}
	for _, n := range mapdata.ContentFiles {
		if n == name {
			return true
		}
	}
	return false
}
