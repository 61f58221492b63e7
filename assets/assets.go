// Package assets embeds silkmap's default data: the Natural Earth boundaries
// (see boundaries/SOURCE.md) and the default content folder (content/).
package assets

import (
	_ "embed"
	"io/fs"
)

// Boundaries is the boundary topology built by `make data`.
//
//go:embed boundaries/countries.topojson
var Boundaries []byte

// Atlas is the same boundaries in prepared binary form (atlas.LoadBinary),
// with their levels of detail: the browser build starts from it.
//
//go:embed boundaries/countries.atlas
var Atlas []byte

// content is the default content folder (content_embed.go,
// content_embed_js.go).
// Content returns the default content folder.
func Content() fs.FS {
	sub, err := fs.Sub(content, "content")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	return sub
}

// FolderName names content folder dir in messages ("embedded content"
// for "").
func FolderName(dir string) string {
	if dir == "" {
		return "embedded content"
	}
	return dir
}
