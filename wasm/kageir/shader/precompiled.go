//go:build silkmapkage

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as internal/shader/precompiled.go.

package shader

import (
	"regexp"
	"runtime"
)

// compiledNatively compiles a pattern the Kage compiler keeps in a
// variable, except in the browser, which runs no Kage compiler
// (graphics.CompileShader takes every program from the tables there):
// compiling it at start-up linked the regexp compiler and its Unicode
// tables into the wasm and ran them before the first frame.
func compiledNatively(expr string) *regexp.Regexp {
	if runtime.GOOS == "js" {
		return nil
	}
	return regexp.MustCompile(expr)
}
