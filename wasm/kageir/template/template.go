//go:build silkmapkage && !js

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as
// internal/silkmaptemplate/template.go, and builtinshader imports this
// package under the name template instead of text/template. Natively, where
// the generator writes the built-in sources from their template, it is
// text/template.

package template

import "text/template"

type Template = template.Template

var (
	New  = template.New
	Must = template.Must
)
