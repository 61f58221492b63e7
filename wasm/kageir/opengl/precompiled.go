//go:build silkmapkage

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as
// internal/graphicsdriver/opengl/precompiled.go.

package opengl

import (
	"runtime"

	"github.com/hajimehoshi/ebiten/v2/internal/graphics"
	"github.com/hajimehoshi/ebiten/v2/internal/shaderir"
	"github.com/hajimehoshi/ebiten/v2/internal/shaderir/glsl"
)

// compileGLSL returns the GLSL ES 3.00 (what WebGL 2 takes) written at
// build time for a program from the tables (graphics.Precompiled: only the
// part of it that the browser reads, so glsl.Compile could not write it),
// and what glsl.Compile writes for a program compiled natively
// (graphics.CompileShader compiles every source there). The browser has
// no other: its programs all come from the tables and WebGL 2 takes GLSL
// ES 3.00, so glsl.Compile, and the regexp package it uses, are not linked
// into the wasm.
func compileGLSL(ir *shaderir.Program, version glsl.GLSLVersion) (vertex, fragment string) {
	if version == glsl.GLSLVersionES300 {
		if vs, fs, ok := graphics.PrecompiledGLSL(ir); ok {
			return vs, fs
		}
	}
	if runtime.GOOS == "js" {
		panic("opengl: a program without GLSL written at build time (wasm/kageir)")
	}
	return glsl.Compile(ir, version)
}
