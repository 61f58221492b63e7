package main

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
)

// The browser build leaves out what it does not run; each of these was
// linked into the wasm once (docs/performance.md, the fifteenth pass), at
// the cost of a first load's bytes. The wasm is built with its function
// names (in the name section, as the linker writes them: "/", "*", "(" and
// ")" become "_"), which are looked up by prefix.
var leftOut = map[string]string{
	"text_template.":       "text/template (Ebitengine's built-in shader template; wasm/kageir/template)",
	"text_template_parse.": "text/template/parse",
	"regexp.":              "regexp (the Kage compiler's pattern and glsl.Compile's; wasm/kageir)",
	"regexp_syntax.":       "regexp/syntax",
	"testing_fstest.":      "testing/fstest (the content folder in memory; wasm/memfs)",
	"testing_iotest.":      "testing/iotest",
	"github.com_hajimehoshi_ebiten_v2_internal_shaderir_glsl.Compile": "glsl.Compile (GLSL written at build time; wasm/kageir)",
	"github.com_hajimehoshi_ebiten_v2_internal_shader.":               "the Kage compiler",
	"go_parser.": "go/parser",
}

func TestWasm_leavesOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the wasm")
	}
	wasm, err := buildWasm("../..", false)
	if err != nil {
		t.Fatal(err)
	}
	names, err := functionNames(wasm)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 1000 {
		t.Fatalf("%d function names in the wasm", len(names))
	}
	found := map[string][]string{}
	for _, name := range names {
		for prefix := range leftOut {
			// Package initialisation (init, init.0) is left where a package is
			// imported but none of its code is used.
			if strings.HasPrefix(name, prefix) && !strings.HasPrefix(name[len(prefix):], "init") {
				found[prefix] = append(found[prefix], name)
			}
		}
	}
	for prefix, fns := range found {
		t.Errorf("the wasm links %s again: %d functions, %s first", leftOut[prefix], len(fns), fns[0])
	}
}

// functionNames reads the function names from a wasm module's name
// section.
func functionNames(wasm []byte) ([]string, error) {
	if len(wasm) < 8 || string(wasm[:4]) != "\x00asm" {
		return nil, fmt.Errorf("not a wasm module")
	}
	r := reader(wasm[8:])
	for len(r) > 0 {
		id := r.byte()
		section := reader(r.bytes(int(r.uint())))
		if id != 0 || section.name() != "name" {
			continue
		}
		for len(section) > 0 {
			sub := section.byte()
			body := reader(section.bytes(int(section.uint())))
			if sub != 1 { // function names
				continue
			}
			names := make([]string, body.uint())
			for i := range names {
				body.uint() // the function's index
				names[i] = body.name()
			}
			return names, nil
		}
	}
	return nil, fmt.Errorf("no function names: built with -s?")
}

// reader reads a wasm module's encoding; a short module panics.
type reader []byte

func (r *reader) byte() byte {
	b := (*r)[0]
	*r = (*r)[1:]
	return b
}

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(*r)
	if n <= 0 {
		panic("wasm: bad LEB128")
	}
	*r = (*r)[n:]
	return v
}

func (r *reader) bytes(n int) []byte {
	b := (*r)[:n]
	*r = (*r)[n:]
	return b
}

func (r *reader) name() string { return string(r.bytes(int(r.uint()))) }
