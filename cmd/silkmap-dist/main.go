// Command silkmap-dist builds silkmap's release: the server with the web
// bundle inside for each platform, the desktop for Linux (cgo, built here)
// and Windows (no cgo needed), each in an archive with README.md, LICENSE
// and its THIRD_PARTY_NOTICES.txt, and SHA256SUMS. It also builds the one
// server binary of make build.
//
//	silkmap-dist build -web DIR [-ldflags FLAGS] [-o build/silkmap]
//	silkmap-dist release -version V -commit C -epoch SECONDS [-o dist]
//
// Releases are reproducible: binaries are built with -trimpath, archive
// entries are sorted, dated at the commit's time (-epoch, as in
// SOURCE_DATE_EPOCH) and owned by 0, so two builds of a commit give the
// same bytes. Run it in the silkmap checkout, as make does.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/silkmap/silkmap/internal/bundle"
	"github.com/silkmap/silkmap/internal/notices"
)

const versionPkg = "github.com/silkmap/silkmap/internal/version"

// servers are the platforms the server is released for.
var servers = []struct{ goos, goarch string }{
	{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "amd64"}, {"darwin", "arm64"}, {"windows", "amd64"},
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "build":
		err = runBuild(os.Args[2:])
	case "release":
		err = runRelease(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-dist:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: silkmap-dist build -web DIR [-ldflags FLAGS] [-o FILE]\n       silkmap-dist release -version V -commit C -epoch SECONDS [-o DIR]")
	os.Exit(2)
}

// runBuild builds this machine's server with the bundle in -web inside.
func runBuild(args []string) error {
	fs := flag.NewFlagSet("build", flag.ExitOnError)
	web := fs.String("web", "", "the web bundle to build in (made by silkmap-web)")
	ldflags := fs.String("ldflags", "", "linker flags (the version, see package version)")
	out := fs.String("o", "build/silkmap", "the binary to write")
	fs.Parse(args)
	if *web == "" || fs.NArg() > 0 {
		usage()
	}
	tmp, err := os.MkdirTemp("", "silkmap-dist")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	overlay, err := writeOverlay(tmp, *web)
	if err != nil {
		return err
	}
	return goBuild(runtime.GOOS, runtime.GOARCH, false, overlay, *ldflags, *out, "./cmd/silkmap")
}

// writeOverlay writes the go build -overlay file that builds the bundle in
// web into the server (see package bundle).
func writeOverlay(dir, web string) (string, error) {
	b, err := bundle.Overlay("internal/bundle", web)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "overlay.json")
	return path, os.WriteFile(path, b, 0o644)
}

// goBuild builds pkg for goos/goarch, with the bundle when overlay is set.
func goBuild(goos, goarch string, cgo bool, overlay, ldflags, out, pkg string) error {
	args := []string{"build", "-trimpath", "-ldflags", ldflags, "-o", out}
	if overlay != "" {
		args = append(args, "-overlay", overlay)
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cgoEnv := "CGO_ENABLED=0"
	if cgo {
		cgoEnv = "CGO_ENABLED=1"
	}
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, cgoEnv)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s for %s/%s: %w", pkg, goos, goarch, err)
	}
	return nil
}

// artefact is one release archive's program.
type artefact struct {
	name, goos, goarch string // name: silkmap or silkmap-desktop
	cgo, server        bool
	targets            []notices.Target
}

func runRelease(args []string) error {
	fs := flag.NewFlagSet("release", flag.ExitOnError)
	version := fs.String("version", "", "the release, e.g. 0.1.0")
	commit := fs.String("commit", "", "the commit's short hash")
	epoch := fs.String("epoch", "", "the commit's time in Unix seconds (SOURCE_DATE_EPOCH)")
	out := fs.String("o", "dist", "the folder to write (replaced)")
	fs.Parse(args)
	sec, err := strconv.ParseInt(*epoch, 10, 64)
	if *version == "" || *commit == "" || err != nil || fs.NArg() > 0 {
		usage()
	}
	date := time.Unix(sec, 0).UTC()
	ldflags := fmt.Sprintf("-s -w -X %[1]s.Version=%[2]s -X %[1]s.Commit=%[3]s -X %[1]s.Epoch=%[4]d", versionPkg, *version, *commit, sec)

	arts := []artefact{}
	for _, p := range servers {
		arts = append(arts, artefact{"silkmap", p.goos, p.goarch, false, true, notices.Server(p.goos, p.goarch)})
	}
	// The Linux desktop needs cgo and this machine's X11 headers; Windows
	// needs no cgo; macOS needs cgo and a Mac (README).
	if runtime.GOOS == "linux" && runtime.GOARCH == "amd64" {
		arts = append(arts, artefact{"silkmap-desktop", "linux", "amd64", true, false, notices.Desktop("linux", "amd64")})
	}
	arts = append(arts, artefact{"silkmap-desktop", "windows", "amd64", false, false, notices.Desktop("windows", "amd64")})

	tmp, err := os.MkdirTemp("", "silkmap-dist")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	web := filepath.Join(tmp, "web")
	cmd := exec.Command("go", "run", "./cmd/silkmap-web", "-o", web)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the web bundle: %w", err)
	}
	overlay, err := writeOverlay(tmp, web)
	if err != nil {
		return err
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return err
	}
	licence, err := os.ReadFile("LICENSE")
	if err != nil {
		return err
	}
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	sums := map[string]string{}
	for _, a := range arts {
		exe := a.name
		if a.goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(tmp, a.name+"_"+a.goos+"_"+a.goarch, exe)
		ov := ""
		if a.server {
			ov = overlay
		}
		pkg := "./cmd/" + a.name
		if err := goBuild(a.goos, a.goarch, a.cgo, ov, ldflags, bin, pkg); err != nil {
			return err
		}
		var text bytes.Buffer
		if err := notices.Generate(&text, fmt.Sprintf("%s %s (%s/%s)", a.name, *version, a.goos, a.goarch), a.targets); err != nil {
			return err
		}
		if err := checkNotices(bin, text.String()); err != nil {
			return err
		}
		program, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		top := fmt.Sprintf("%s_%s_%s_%s", a.name, *version, a.goos, a.goarch)
		files := []entry{
			{top + "/" + exe, program, 0o755},
			{top + "/LICENSE", licence, 0o644},
			{top + "/README.md", readme, 0o644},
			{top + "/THIRD_PARTY_NOTICES.txt", text.Bytes(), 0o644},
		}
		name := top + ".tar.gz"
		var archive []byte
		if a.goos == "windows" {
			name = top + ".zip"
			archive, err = zipArchive(top, files, date)
		} else {
			archive, err = tarArchive(top, files, date)
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(*out, name), archive, 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(archive)
		sums[name] = hex.EncodeToString(sum[:])
		fmt.Fprintln(os.Stderr, "wrote", filepath.Join(*out, name))
	}
	var list strings.Builder
	for _, name := range slices.Sorted(maps.Keys(sums)) {
		fmt.Fprintf(&list, "%s  %s\n", sums[name], name) // sha256sum's format
	}
	return os.WriteFile(filepath.Join(*out, "SHA256SUMS"), []byte(list.String()), 0o644)
}

// checkNotices fails when a module the binary records as linked (what go
// version -m lists) is missing from its notices.
func checkNotices(bin, text string) error {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return err
	}
	var missing []string
	for _, d := range info.Deps {
		if !strings.Contains(text, "\n- "+d.Path+" "+d.Version+"\n") {
			missing = append(missing, d.Path+" "+d.Version)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s links modules its notices miss: %s", bin, strings.Join(missing, ", "))
	}
	return nil
}

// entry is a file in an archive.
type entry struct {
	name string
	data []byte
	mode fs.FileMode
}

// tarArchive is a gzipped tar of the folder top holding files: entries in
// order, dated date, owned by 0, the gzip header naming no file or time.
func tarArchive(top string, files []entry, date time.Time) ([]byte, error) {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	tw := tar.NewWriter(zw)
	hdr := func(name string, mode fs.FileMode, size int64, typ byte) *tar.Header {
		return &tar.Header{Name: name, Mode: int64(mode), Size: size, Typeflag: typ, ModTime: date, Format: tar.FormatPAX,
			Uid: 0, Gid: 0, Uname: "", Gname: ""}
	}
	if err := tw.WriteHeader(hdr(top+"/", 0o755, 0, tar.TypeDir)); err != nil {
		return nil, err
	}
	for _, f := range sorted(files) {
		if err := tw.WriteHeader(hdr(f.name, f.mode, int64(len(f.data)), tar.TypeReg)); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := errors.Join(tw.Close(), zw.Close()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// zipArchive is a zip of the folder top holding files, as tarArchive.
func zipArchive(top string, files []entry, date time.Time) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	dir := &zip.FileHeader{Name: top + "/", Method: zip.Store, Modified: date}
	dir.SetMode(fs.ModeDir | 0o755)
	if _, err := zw.CreateHeader(dir); err != nil {
		return nil, err
	}
	for _, f := range sorted(files) {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: date}
		h.SetMode(f.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func sorted(files []entry) []entry {
	s := slices.Clone(files)
	slices.SortFunc(s, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return s
}
