// Package contentdir reads an editor's content folder from disk into
// memory, as the loader then checks it: only the content files, only
// regular files (a symbolic link only when it resolves inside the folder to
// one), opened without blocking, and with the bytes counted as they are
// read against the operator's limits. A named pipe, a device, a link to
// /dev/zero or a file that grows while it is read cannot make a reader hang
// or run out of memory.
package contentdir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/silkmap/silkmap/mapdata"
)

// Read copies the content files of folder dir into memory within lim's
// byte limits. A folder that is not there, or is not a folder, is an error;
// a content file that cannot be read safely is a problem (FILE:$: message),
// and then the folder must be refused as a whole.
func Read(dir string, lim mapdata.Limits) (fstest.MapFS, []mapdata.Problem, error) {
	root, err := rootOf(dir)
	if err != nil {
		return nil, nil, err
	}
	out := fstest.MapFS{}
	var probs []mapdata.Problem
	left := lim.FolderBytes
	for _, name := range mapdata.ContentFiles {
		data, info, err := readFile(root, name, min(lim.FileBytes, left))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case errors.Is(err, errTooBig) && left < lim.FileBytes:
			err = fmt.Errorf("the folder's files together are more than %d bytes, the limit for a folder", lim.FolderBytes)
		case errors.Is(err, errTooBig):
			err = fmt.Errorf("file is more than %d bytes, the limit for one file", lim.FileBytes)
		}
		if err != nil {
			probs = append(probs, mapdata.Problem{File: name, Path: "$", Message: err.Error()})
			continue
		}
		left -= int64(len(data))
		out[name] = &fstest.MapFile{Data: data, ModTime: info.ModTime(), Mode: 0o444}
	}
	return out, probs, nil
}

// ReadFile reads content file name of folder dir as Read does, within
// lim's limit for one file; fs.ErrNotExist when the folder lacks it.
func ReadFile(dir, name string, lim mapdata.Limits) ([]byte, error) {
	root, err := rootOf(dir)
	if err != nil {
		return nil, err
	}
	data, _, err := readFile(root, name, lim.FileBytes)
	if errors.Is(err, errTooBig) {
		err = fmt.Errorf("%s is more than %d bytes, the limit for one file", name, lim.FileBytes)
	}
	return data, err
}

// rootOf is folder dir's absolute path with its links resolved; an error
// when it is not there or not a folder.
func rootOf(dir string) (string, error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("content folder %s does not exist", dir)
	case err != nil:
		return "", err
	case !info.IsDir():
		return "", fmt.Errorf("%s is not a folder", dir)
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	return filepath.Abs(root)
}

var errTooBig = errors.New("over the limit")

// readFile reads root/name, a regular file or a link to one inside root,
// refusing it (errTooBig) past limit bytes.
func readFile(root, name string, limit int64) ([]byte, fs.FileInfo, error) {
	path := filepath.Join(root, name)
	info, err := os.Lstat(path)
	if err != nil {
		return nil, nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return nil, nil, fmt.Errorf("a symbolic link that does not resolve: %v", unwrapPath(err))
		}
		if rel, err := filepath.Rel(root, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			return nil, nil, fmt.Errorf("a symbolic link to %s, outside the content folder: links that leave the folder are refused", target)
		}
		if info, err = os.Stat(target); err != nil {
			return nil, nil, err
		}
		path = target
	}
	if err := regular(info); err != nil {
		return nil, nil, err
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, nil, unwrapPath(err)
	}
	defer f.Close()
	// What was opened may not be what was looked at a moment before.
	if info, err = f.Stat(); err != nil {
		return nil, nil, err
	}
	if err := regular(info); err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, nil, unwrapPath(err)
	}
	if int64(len(data)) > limit {
		return nil, nil, errTooBig
	}
	return data, info, nil
}

// regular refuses anything but a regular file, naming what it is.
func regular(info fs.FileInfo) error {
	m := info.Mode()
	if m.IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("%s, not a plain file: content files must be regular files", what)
}

// unwrapPath drops the absolute path from an *fs.PathError: problems name
// the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
