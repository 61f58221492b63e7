//go:build !unix

package contentdir

import "os"

// openNoBlock opens a file for reading. Outside Unix an open does not
// block on what a folder can hold (Windows' named pipes live in their own
// namespace, not in folders), and the caller checks what was opened.
func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}
