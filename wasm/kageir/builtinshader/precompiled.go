//go:build silkmapkage

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as
// internal/builtinshader/precompiled.go.

package builtinshader

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
// parameters, or nil.
func sourceWritten(filter Filter, address Address, useColorM bool) []byte {
	for _, s := range precompiledSources {
		if s.filter == filter && s.address == address && s.useColorM == useColorM {
			return []byte(s.src)
		}
	}
	return nil
}
