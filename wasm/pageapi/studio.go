package pageapi

import (
	"errors"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/wasm/memfs"
)

// The studio's members (its own script, edit.js, calls them on the page's
// private object): what is at a point of the map, and the map redrawn with
// the content being edited before it is saved.

// Point is what the studio needs to know of a point of the map.
type Point struct {
	Lon     float64 `json:"lon"`
	Lat     float64 `json:"lat"`
	ID      string  `json:"id"`      // what is drawn there ("" for nothing)
	Country string  `json:"country"` // the country there ("" at sea)
}

// pointAt is what is at CSS pixels (x, y): its place, the feature drawn
// there and the country; nil off the world.
func (a *API) pointAt(args Args) any {
	x, y, ok := args.point()
	if !ok {
		return nil
	}
	r := a.page.PixelRatio()
	ll := a.app.Camera().ScreenToLonLat(x*r, y*r)
	if !geo.ValidLonLat(ll) {
		return nil // off the world (or not a number)
	}
	p := Point{Lon: geo.Round(ll[0], 6), Lat: geo.Round(ll[1], 6)}
	p.ID = a.app.Pick(x*r, y*r)
	if c := a.m.Atlas.At(ll); c != nil {
		p.Country = c.ID
	}
	return p
}

// screenOf is where (lon, lat) is on the map's screen, in CSS pixels: the
// studio puts the handles of a corridor's points there.
func (a *API) screenOf(args Args) any {
	lon, lat, ok := args.point()
	if !ok || !geo.ValidLonLat(orb.Point{lon, lat}) {
		return nil
	}
	x, y := a.app.Camera().LonLatToScreen(orb.Point{lon, lat})
	r := a.page.PixelRatio()
	return [2]float64{geo.Round(x/r, 2), geo.Round(y/r, 2)}
}

// Preview is what preview answers: the problems that keep the edited
// content off the map (none when it is shown), and its warnings, as the
// write API words them.
type Preview struct {
	Problems []mapdata.Problem `json:"problems"` // {file, location, message}
	Warnings []mapdata.Problem `json:"warnings"`
}

func problems(ps []mapdata.Problem) []mapdata.Problem { return append([]mapdata.Problem{}, ps...) }

// preview shows the map with the content files given ({NAME: text}, the
// whole folder) when they pass the checks, and says what is wrong either
// way; a refused set leaves the map as it was.
func (a *API) preview(args Args) any {
	files, _ := args.at(0).(map[string]any)
	fsys := memfs.FS{}
	for name, v := range files {
		if text, ok := v.(string); ok {
			fsys[name] = []byte(text)
		}
	}
	out := Preview{Problems: problems(nil), Warnings: problems(nil)}
	m, err := mapdata.LoadContent(a.m.Atlas, fsys)
	var ce *mapdata.ContentError
	switch {
	case errors.As(err, &ce):
		out.Problems, out.Warnings = problems(ce.Problems), problems(ce.Warnings)
		return out
	case err != nil:
		out.Problems = problems([]mapdata.Problem{{File: ".", Path: "$", Message: err.Error()}})
		return out
	}
	out.Warnings = problems(m.Warnings)
	st, probs := story.Check(m, fsys)
	if len(probs) > 0 {
		out.Problems = problems(probs)
		return out
	}
	prep := layout.Prepare(m, a.prep.LOD.Projection)
	a.prep, a.m, a.story = prep, m, st
	a.layers, a.steps = view.LayerIDs(m), panel.DateSteps(m)
	a.app.SetMap(prep)
	return out
}
