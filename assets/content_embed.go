//go:build !js

package assets

import "embed"

//go:embed content
var content embed.FS
