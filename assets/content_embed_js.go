//go:build js

package assets

import "embed"

// The browser build leaves out the content's translations (LANG.json, two
// letters): it fetches the one of the reader's language with the served
// content, so that English readers download none of them.
//
//go:embed content/[a-z][a-z][a-z]*.json content/*.geojson
var content embed.FS
