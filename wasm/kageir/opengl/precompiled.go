//go:build silkmapkage

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as
// internal/graphicsdriver/opengl/precompiled.go.

package opengl

import (
	"github.com/hajimehoshi/ebiten/v2/internal/graphics"
	"github.com/hajimehoshi/ebiten/v2/internal/shaderir"
	"github.com/hajimehoshi/ebiten/v2/internal/shaderir/glsl"
)

// compileGLSL returns the GLSL ES 3.00 (what WebGL 2 takes) written at
// build time for a program compiled then, and what compile (glsl.Compile)
// writes for any other program or version.
func compileGLSL(ir *shaderir.Program, version glsl.GLSLVersion, compile func(*shaderir.Program, glsl.GLSLVersion) (string, string)) (vertex, fragment string) {
	if version == glsl.GLSLVersionES300 {
		if vs, fs, ok := graphics.PrecompiledGLSL(ir); ok {
			return vs, fs
		}
	}
	return compile(ir, version)
}
