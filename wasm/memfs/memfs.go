// Package memfs holds a content folder in memory for the browser build:
// the files the page fetched from content/, and the studio's edits to
// preview, as mapdata.LoadContent, story.Load and the language loader read
// them (Open and fs.ReadFile).
//
// It is written here rather than taken from testing/fstest's MapFS, which
// the browser build used before: importing testing/fstest linked it, with
// testing/iotest and log, into the wasm (about 45 kB of code) for a map of
// names to bytes that needs none of MapFS's directories, modes or times.
// The tests hold it to what MapFS does with the same files.
package memfs

import (
	"io"
	"io/fs"
	"path"
	"time"
)

// FS is a folder of files, by name; it has no subfolders. A name with a
// slash is a file that cannot be opened.
type FS map[string][]byte

// Open opens the file name for reading.
func (f FS) Open(name string) (fs.File, error) {
	data, ok := f[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &file{info{path.Base(name), int64(len(data))}, data}, nil
}

// ReadFile returns a copy of the file's bytes (fs.ReadFile calls it).
func (f FS) ReadFile(name string) ([]byte, error) {
	data, ok := f[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return append([]byte{}, data...), nil
}

// file is an open file: what is left to read.
type file struct {
	info
	rest []byte
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *file) Read(b []byte) (int, error) {
	if len(f.rest) == 0 {
		return 0, io.EOF
	}
	n := copy(b, f.rest)
	f.rest = f.rest[n:]
	return n, nil
}

func (f *file) Close() error { return nil }

// info describes a file as MapFS describes one made with only its bytes:
// mode 0, no time.
type info struct {
	name string
	size int64
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) Mode() fs.FileMode  { return 0 }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return false }
func (i info) Sys() any           { return nil }
