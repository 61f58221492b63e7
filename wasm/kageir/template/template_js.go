//go:build silkmapkage && js

// This file is not part of silkmap's packages: package kageir copies it into
// the build's private copy of Ebitengine, as
// internal/silkmaptemplate/template_js.go.

// Package template stands in for text/template in the browser's
// builtinshader, which takes every source from the table written at build
// time there and never executes its template. Importing text/template at
// all linked its parser and built-in functions into the wasm (its package
// initialisation refers to them all, and builtinshader parsed the template
// at start-up): about 440 kB of code for nothing. The three calls
// builtinshader makes need no more than this.
package template

import (
	"errors"
	"io"
)

// Template is a template that is never parsed.
type Template struct{}

// New returns a template; the name is not kept.
func New(string) *Template { return &Template{} }

// Parse does nothing: nothing is written from the template.
func (t *Template) Parse(string) (*Template, error) { return t, nil }

// Execute fails: there is no template to execute.
func (*Template) Execute(io.Writer, any) error {
	return errors.New("builtinshader: no template in the browser build (wasm/kageir)")
}

// Must returns t.
func Must(t *Template, err error) *Template {
	if err != nil {
		panic(err)
	}
	return t
}
