// Package jsonlimit rejects JSON input that is too large or too deeply nested
// before any parser sees it.
//
// It is a byte scan that understands only strings and brackets, so it costs one
// pass over the input and never allocates.
package jsonlimit

import (
	"fmt"
	"unicode/utf8"
)

// Limits bounds untrusted JSON input.
type Limits struct {
	MaxBytes int // largest accepted input, in bytes
	MaxDepth int // deepest accepted nesting of arrays and objects
}

// Check returns an error when data exceeds l, or is not valid UTF-8. It says
// which limit was broken and, for depth, at which byte offset.
func (l Limits) Check(data []byte) error {
	if len(data) > l.MaxBytes {
		return fmt.Errorf("file is %d bytes, more than the limit of %d", len(data), l.MaxBytes)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("file is not valid UTF-8 (at byte %d)", firstInvalidUTF8(data))
	}
	depth := 0
	inString, escaped := false, false
	for i, c := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > l.MaxDepth {
				return fmt.Errorf("nesting deeper than %d levels at byte %d", l.MaxDepth, i)
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}
