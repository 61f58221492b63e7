// Package jsonlimit rejects JSON input that is too large, too deeply nested
// or ambiguous before any parser sees it.
//
// It is a byte scan that understands only strings, brackets and commas, so it
// costs one pass over the input. It allocates only to remember the keys of
// the objects open at the point it has reached.
package jsonlimit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Limits bounds untrusted JSON input.
type Limits struct {
	MaxBytes int // largest accepted input, in bytes
	MaxDepth int // deepest accepted nesting of arrays and objects
}

// Check returns an error when data exceeds l, is not valid UTF-8, or has an
// object with the same key twice. It says which limit was broken and, for
// depth, at which byte offset.
//
// Duplicate keys are refused because parsers disagree on them: gjson, which
// loads content, takes the first value, while JavaScript, Python and jq take
// the last, so a file could show one thing in an editor's preview and
// another on the map. Keys are compared by their decoded text, so "a" and
// "\u0061" are the same key.
func (l Limits) Check(data []byte) error {
	_, err := l.Values(data)
	return err
}

// Values is Check, and it also counts the values data holds (objects,
// arrays, strings other than keys, numbers, true, false and null): what
// parsing it will cost grows with them, and a loader can refuse a file
// for their number before parsing it.
func (l Limits) Values(data []byte) (int, error) {
	if len(data) > l.MaxBytes {
		return 0, fmt.Errorf("file is %d bytes, more than the limit of %d", len(data), l.MaxBytes)
	}
	if !utf8.Valid(data) {
		return 0, fmt.Errorf("file is not valid UTF-8 (at byte %d)", firstInvalidUTF8(data))
	}
	s := scan{data: data}
	values := 0
	// afterValue is true from a value's first byte to the next comma,
	// colon or bracket: a scalar's later bytes start no value.
	afterValue := false
	inString, escaped := false, false
	expectKey := false // a string starting here is an object's key
	isKey, keyEscaped, keyStart := false, false, 0
	for i, c := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped, keyEscaped = true, true
			case c == '"':
				inString = false
				if isKey {
					if err := s.addKey(key{keyStart, i, keyEscaped}); err != nil {
						return 0, err
					}
				}
			}
			continue
		}
		switch c {
		case '"':
			inString = true
			isKey, keyEscaped, keyStart = expectKey, false, i+1
			if !isKey {
				values++
			}
			expectKey, afterValue = false, true
		case '[', '{':
			if len(s.open) == l.MaxDepth {
				return 0, fmt.Errorf("nesting deeper than %d levels at byte %d", l.MaxDepth, i)
			}
			values++
			afterValue = false
			s.open = append(s.open, container{object: c == '{', keys: len(s.keys)})
			expectKey = c == '{'
		case ']', '}':
			if n := len(s.open); n > 0 { // more closers than openers: the parser says so
				s.keys = s.keys[:s.open[n-1].keys]
				s.open = s.open[:n-1]
			}
			expectKey, afterValue = false, false
		case ',':
			expectKey = len(s.open) > 0 && s.open[len(s.open)-1].object
			afterValue = false
		case ':':
			afterValue = false
		case ' ', '\t', '\n', '\r':
		default:
			if !afterValue {
				values++
			}
			expectKey, afterValue = false, true
		}
	}
	return values, nil
}

// scan holds what Check remembers of the containers open where it is.
type scan struct {
	data []byte
	open []container
	keys []key // the keys of every open object, each object's after its parent's
}

type container struct {
	object bool
	keys   int // where this object's keys start in scan.keys
	// seen maps decoded keys to where they start, once the object has too
	// many keys to compare each new one with all of them: a hostile file
	// can hold an object of a million keys.
	seen map[string]int
}

// key is where a key's text lies between its quotes, and whether it has
// escapes and so must be decoded to compare.
type key struct {
	start, end int
	escaped    bool
}

// linearKeys is how many keys an object may have before scan indexes them.
const linearKeys = 16

// addKey records k in the innermost object, or fails when it has it already.
func (s *scan) addKey(k key) error {
	if len(s.open) == 0 {
		return nil // a key outside any object: the parser refuses it
	}
	o := &s.open[len(s.open)-1]
	if o.seen != nil {
		text := s.text(k)
		if first, dup := o.seen[text]; dup {
			return s.duplicate(text, first, k.start)
		}
		o.seen[text] = k.start
		return nil
	}
	for _, prev := range s.keys[o.keys:] {
		if s.same(prev, k) {
			return s.duplicate(s.text(k), prev.start, k.start)
		}
	}
	s.keys = append(s.keys, k)
	if len(s.keys)-o.keys > linearKeys {
		o.seen = make(map[string]int, 2*linearKeys)
		for _, prev := range s.keys[o.keys:] {
			o.seen[s.text(prev)] = prev.start
		}
		s.keys = s.keys[:o.keys]
	}
	return nil
}

func (s *scan) same(a, b key) bool {
	if !a.escaped && !b.escaped {
		return bytes.Equal(s.data[a.start:a.end], s.data[b.start:b.end])
	}
	return s.text(a) == s.text(b)
}

// text is a key decoded; one the parser will refuse is left as it is.
func (s *scan) text(k key) string {
	raw := s.data[k.start:k.end]
	if k.escaped {
		var t string
		if json.Unmarshal(s.data[k.start-1:k.end+1], &t) == nil {
			return t
		}
	}
	return string(raw)
}

// maxKeyShown bounds how much of a key an error quotes.
const maxKeyShown = 60

func (s *scan) duplicate(text string, first, second int) error {
	if len(text) > maxKeyShown {
		cut := maxKeyShown
		for !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "…"
	}
	l1, c1 := s.lineColumn(first - 1)
	l2, c2 := s.lineColumn(second - 1)
	return fmt.Errorf("duplicate key %q in one object: at line %d, column %d and line %d, column %d", text, l1, c1, l2, c2)
}

// lineColumn returns the line and column, counted in characters from 1, of
// byte offset off.
func (s *scan) lineColumn(off int) (line, col int) {
	before := s.data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	if nl := bytes.LastIndexByte(before, '\n'); nl >= 0 {
		before = before[nl+1:]
	}
	return line, 1 + utf8.RuneCount(before)
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
