//go:build !js

package assets

import _ "embed"

// Detail is the same boundaries at 1:10m, built by `make data` (see
// boundaries/SOURCE.md): the native apps draw it when zoomed in and
// `silkmap at` answers from it. The browser build leaves it out; the web
// bundle carries it split by region (cmd/silkmap-web).
//
//go:embed boundaries/countries-10m.topojson
var Detail []byte
