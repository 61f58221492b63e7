//go:build silkmapkage

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as
// internal/builtinshader/precompiled.go.

package builtinshader

import (
	"fmt"
	"runtime"
)

// onlyPrecompiled is true in the browser: the sources are not written
// from their template there, so the template is not linked in.
const onlyPrecompiled = runtime.GOOS == "js"

// precompiledSource is one built-in shader's source, written from the
// template at build time.
type precompiledSource struct {
	filter    Filter
	address   Address
	useColorM bool
	src       string
}

// precompiledSources is filled by the generated file's init.
var precompiledSources []precompiledSource

// sourceWritten returns the source written at build time for the
// parameters, or nil (natively; in the browser it panics, having no
// template to write one from).
func sourceWritten(filter Filter, address Address, useColorM bool) []byte {
	for _, s := range precompiledSources {
		if s.filter == filter && s.address == address && s.useColorM == useColorM {
			return []byte(s.src)
		}
	}
	if onlyPrecompiled {
		panic(fmt.Sprintf("builtinshader: no source written at build time for filter %d, address %d, colour matrix %v", filter, address, useColorM))
	}
	return nil
}
