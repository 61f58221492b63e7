// Package detail gives the native apps the default boundaries' 1:10m
// detail (assets.Detail): loaded once, on first use, and shared by every
// map that uses the default boundaries.
package detail

import (
	"sync"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

// Atlas returns the 1:10m boundaries. They are embedded and tested, so a
// failure to load them is a broken build: it panics, as assets.Content does.
var Atlas = sync.OnceValue(func() *atlas.Atlas {
	a, err := atlas.Load(assets.Detail)
	if err != nil {
		panic("detail: the embedded 1:10m boundaries: " + err.Error())
	}
	return a
})

// geometry is Atlas prepared for drawing in Web Mercator, as every app draws.
var geometry = sync.OnceValue(func() *layout.Geometry {
	return layout.NewGeometry(Atlas(), geo.WebMercator, layout.DetailFine)
})

// Add gives p the 1:10m detail everywhere, drawn from layout.DetailZoom
// on, and returns p; a map that brings its own boundaries keeps them
// (nothing is loaded).
func Add(p *layout.Prepared) *layout.Prepared {
	if !p.Map.OwnBoundaries {
		p.SetDetail(geometry(), nil)
	}
	return p
}
