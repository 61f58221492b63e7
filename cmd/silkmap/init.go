package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
)

// runInit writes the embedded content into a folder for an editor to start
// from. It never overwrites: if any of the files is already there, it
// writes none.
func runInit(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("init", flag.ContinueOnError)
	withBoundaries := flags.Bool("boundaries", false, "also write "+mapdata.FileBoundaries+" (otherwise the embedded boundaries are used)")
	pos, err := parse(flags, args, 1, "[--boundaries] DIR", stderr)
	if err != nil {
		return err
	}
	dir := pos[0]
	if dir == "" {
		flags.Usage()
		return errUsage
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	files, err := defaultFiles(*withBoundaries)
	if err != nil {
		return err
	}
	var there []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, f.name)); !errors.Is(err, fs.ErrNotExist) {
			there = append(there, f.name)
		}
	}
	if len(there) > 0 {
		return fmt.Errorf("%s already holds %s: nothing written (init never overwrites)", dir, strings.Join(there, ", "))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var names []string
	for _, f := range files {
		if err := writeNew(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
		names = append(names, f.name)
	}
	fmt.Fprintf(stdout, "wrote %s to %s\nnext: edit them (docs/editing.md has their schemas), check them with\n  silkmap check %s\nand see the map on them, reloaded as you save, with (the bundle built once by make web)\n  silkmap serve --content %s --watch\n",
		strings.Join(names, ", "), dir, dir, dir)
	return nil
}

type file struct {
	name string
	data []byte
}

// defaultFiles are the embedded content's files, with the
// boundaries if asked, in the order of mapdata.ContentFiles.
func defaultFiles(withBoundaries bool) ([]file, error) {
	var out []file
	for _, name := range mapdata.ContentFiles {
		data, err := fs.ReadFile(assets.Content(), name)
		if name == mapdata.FileBoundaries && withBoundaries {
			data, err = assets.Boundaries, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, file{name, data})
	}
	return out, nil
}

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
