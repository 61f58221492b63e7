package server

import (
	"math"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/view"
)

// mapDescription is what the map is, for a link preview that names no
// selection (the page's own description).
const mapDescription = "An interactive map of the Organization of Turkic States, the CSTO and the Central Asian Community, the Middle Corridor and TRIPP, linked to four Central Asia-Caucasus Analyst articles."

// preview is what a link to view v of m says of itself in its preview
// (og:description, og:image:alt): the selection with what its tooltip
// says, the article being read and the day, then the map.
func preview(m *mapdata.Map, v view.View) (description, alt string) {
	var said []string
	t, selected := panel.NewTooltip(m, v.Sel, v.Date)
	if selected {
		s := t.Name
		if len(t.Lines) > 0 {
			s += ": " + strings.Join(t.Lines, "; ")
		}
		said = append(said, s+".")
	}
	if a := m.Article(v.Article); a != nil {
		said = append(said, "What “"+a.Title+"” discusses.")
	}
	day := "today"
	if v.Date != "" {
		day = string(v.Date)
		said = append(said, "Memberships as of "+day+".")
	}
	description = strings.Join(append(said, mapDescription), " ")

	var shown []string
	for _, id := range view.LayerIDs(m) {
		if name := panel.Name(m, id); name != "" && v.Shows(m, id) && !strings.HasPrefix(id, "sites:") && !strings.HasPrefix(id, "ties:") {
			shown = append(shown, name)
		}
	}
	alt = "A map of " + place(v) + " showing " + strings.Join(shown, ", ") + " as of " + day
	if selected {
		alt += ", with " + t.Name + " selected"
	}
	return description, alt + "."
}

// place names the part of the world a view shows, roughly, from its zoom.
func place(v view.View) string {
	lon, lat := v.Center[0], v.Center[1]
	switch {
	case v.Zoom < 2.5:
		return "the world"
	case v.Zoom < 4.5:
		return "the region around " + degrees(lat, "N", "S") + ", " + degrees(lon, "E", "W")
	}
	return "the area around " + degrees(lat, "N", "S") + ", " + degrees(lon, "E", "W")
}

// degrees writes a latitude or longitude to a degree: 41°N, 69°E.
func degrees(x float64, pos, neg string) string {
	h := pos
	if x < 0 {
		h, x = neg, -x
	}
	return strconv.FormatFloat(math.Round(x), 'f', 0, 64) + "°" + h
}
