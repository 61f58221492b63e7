//go:build unix

package contentdir

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading without blocking, as opening a named
// pipe with no writer would, and without following a symbolic link that
// took the file's place since it was looked at.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
}
