//go:build silkmapkage

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as internal/graphics/precompiled.go.
// In the browser, CompileShader there looks its source up in the programs
// package kageir compiled at build time (natively, checked against the
// compiler) and decodes, of the one it finds, what the browser reads,
// instead of parsing Kage; the OpenGL driver takes their GLSL from here
// too. Natively, CompileShader compiles as before.

package graphics

import (
	"errors"
	"fmt"
	"go/constant"
	"reflect"
	"runtime"
	"sync"

	"github.com/hajimehoshi/ebiten/v2/internal/shaderir"
)

// precompiledProgram is one shader program: the hash and size of the
// fragment source given to CompileShader, the encoded part of the program
// that the browser reads (see DecodeProgram) and the GLSL ES 3.00 that
// glsl.Compile writes for the compiled program.
type precompiledProgram struct {
	hash             shaderir.SourceHash
	size             int
	data             string
	vertex, fragment string
}

// precompiledPrograms is filled by the generated file's init.
var precompiledPrograms []precompiledProgram

// decoded maps each program Precompiled returned to its entry.
var decoded = struct {
	sync.Mutex
	m map[*shaderir.Program]*precompiledProgram
}{m: map[*shaderir.Program]*precompiledProgram{}}

// onlyPrecompiled is true in the browser: CompileShader compiles nothing
// there, so the Kage compiler is not linked in.
const onlyPrecompiled = runtime.GOOS == "js"

// precompiledOrError returns ir, or an error when a source was not
// compiled at build time.
func precompiledOrError(ir *shaderir.Program) (*shaderir.Program, error) {
	if ir == nil {
		return nil, errors.New("graphics: a shader not compiled at build time (wasm/kageir): the browser build has no Kage compiler")
	}
	return ir, nil
}

// Precompiled returns the program compiled at build time from src, as the
// browser uses it (see DecodeProgram), or nil.
func Precompiled(src []byte) *shaderir.Program {
	if len(precompiledPrograms) == 0 {
		return nil
	}
	h := shaderir.CalcSourceHash(src)
	for i, p := range precompiledPrograms {
		if p.hash != h || p.size != len(src) {
			continue
		}
		ir, err := DecodeProgram(p.data)
		if err != nil {
			return nil
		}
		decoded.Lock()
		decoded.m[ir] = &precompiledPrograms[i]
		decoded.Unlock()
		return ir
	}
	return nil
}

// PrecompiledGLSL returns the GLSL ES 3.00 written at build time for a
// program Precompiled returned.
func PrecompiledGLSL(ir *shaderir.Program) (vertex, fragment string, ok bool) {
	decoded.Lock()
	p := decoded.m[ir]
	decoded.Unlock()
	if p == nil {
		return "", "", false
	}
	return p.vertex, p.fragment, true
}

var constantType = reflect.TypeFor[constant.Value]()

// DecodeProgram reads a program written by kageir's generator. It is the
// part of a compiled program that Ebitengine reads in the browser, where
// the GLSL comes from the tables too: the uniforms, textures, attributes,
// varyings, unit and source hash, and of the body only which uniforms it
// reads (FilterUniformVariables), as a vertex function of one statement per
// uniform read. Leaving the rest out spares the browser most of the
// decoding (about 36 ms of its start) and go/constant's arithmetic
// (math/big) in the wasm. The encoding: the exported fields of every struct
// in declaration order; a pointer as 0 (nil) or 1 and the value; a slice as
// 0 (nil) or its length plus one and the elements; integers as zigzag
// varints; a string as its length and bytes; a constant as 0, for none (a
// program for the browser has none).
func DecodeProgram(data string) (ir *shaderir.Program, err error) {
	r := &programReader{s: data}
	ir = &shaderir.Program{}
	r.value(reflect.ValueOf(ir).Elem())
	if r.err == nil && len(r.s) > 0 {
		r.err = fmt.Errorf("%d bytes left over", len(r.s))
	}
	if r.err != nil {
		return nil, fmt.Errorf("graphics: a precompiled shader program: %w", r.err)
	}
	return ir, nil
}

type programReader struct {
	s   string
	err error
}

func (r *programReader) uint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		if len(r.s) == 0 {
			r.fail("unexpected end")
			return 0
		}
		b := r.s[0]
		r.s = r.s[1:]
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
	r.fail("varint too long")
	return 0
}

func (r *programReader) int() int64 {
	u := r.uint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *programReader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
	r.s = ""
}

func (r *programReader) value(v reflect.Value) {
	if r.err != nil {
		return
	}
	if v.Type() == constantType {
		if r.uint() != 0 {
			r.fail("a constant (the browser's programs have none)")
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if r.uint() != 0 {
			p := reflect.New(v.Type().Elem())
			r.value(p.Elem())
			v.Set(p)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				r.value(v.Field(i))
			}
		}
	case reflect.Slice:
		n := r.uint()
		if n == 0 {
			return
		}
		if n-1 > uint64(len(r.s)) { // every element takes at least a byte
			r.fail("slice longer than the data")
			return
		}
		s := reflect.MakeSlice(v.Type(), int(n-1), int(n-1))
		for i := range s.Len() {
			r.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			r.value(v.Index(i))
		}
	case reflect.Bool:
		v.SetBool(r.uint() != 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(r.int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(r.uint())
	case reflect.String:
		n := r.uint()
		if n > uint64(len(r.s)) {
			r.fail("string longer than the data")
			return
		}
		v.SetString(r.s[:n])
		r.s = r.s[n:]
	default:
		r.fail("cannot decode a " + v.Type().String())
	}
}
