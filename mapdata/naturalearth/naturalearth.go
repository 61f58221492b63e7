// Package naturalearth turns the Natural Earth admin-0 topology published by
// the npm package world-atlas (countries-50m.json) into silkmap's boundary
// asset: a TopoJSON topology whose countries carry ISO 3166-1 alpha-3 ids and
// proper names, with no ring crossing the antimeridian, so that planar code
// (projection, hit-testing, tessellation) can use it as it is.
//
// It runs at build time (`make data`), never when the map starts.
package naturalearth

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/topojson"
)

//go:embed iso-numeric-to-alpha3.json
var isoNumericJSON []byte

// byName gives codes to the units world-atlas leaves without an ISO numeric
// id, and to the one whose numeric id belongs to another unit (Ashmore and
// Cartier Is. shares Australia's 036). Codes follow Natural Earth's ADM0_A3
// except Kosovo, which takes the XKX code in common use.
var byName = map[string]string{
	"Kosovo":                  "XKX",
	"N. Cyprus":               "CYN",
	"Somaliland":              "SOL",
	"Siachen Glacier":         "KAS",
	"Indian Ocean Ter.":       "IOA",
	"Ashmore and Cartier Is.": "ATC",
}

// properNames replaces Natural Earth's abbreviated short names.
var properNames = map[string]string{
	"Antigua and Barb.":         "Antigua and Barbuda",
	"Ashmore and Cartier Is.":   "Ashmore and Cartier Islands",
	"Bosnia and Herz.":          "Bosnia and Herzegovina",
	"Br. Indian Ocean Ter.":     "British Indian Ocean Territory",
	"British Virgin Is.":        "British Virgin Islands",
	"Cayman Is.":                "Cayman Islands",
	"Central African Rep.":      "Central African Republic",
	"Congo":                     "Republic of the Congo",
	"Cook Is.":                  "Cook Islands",
	"Dem. Rep. Congo":           "Democratic Republic of the Congo",
	"Dominican Rep.":            "Dominican Republic",
	"Eq. Guinea":                "Equatorial Guinea",
	"Faeroe Is.":                "Faroe Islands",
	"Falkland Is.":              "Falkland Islands",
	"Fr. Polynesia":             "French Polynesia",
	"Fr. S. Antarctic Lands":    "French Southern and Antarctic Lands",
	"Heard I. and McDonald Is.": "Heard Island and McDonald Islands",
	"Indian Ocean Ter.":         "Australian Indian Ocean Territories",
	"Macedonia":                 "North Macedonia",
	"Marshall Is.":              "Marshall Islands",
	"N. Cyprus":                 "Northern Cyprus",
	"N. Mariana Is.":            "Northern Mariana Islands",
	"Pitcairn Is.":              "Pitcairn Islands",
	"S. Geo. and the Is.":       "South Georgia and the South Sandwich Islands",
	"S. Sudan":                  "South Sudan",
	"Solomon Is.":               "Solomon Islands",
	"St-Barthélemy":             "Saint Barthélemy",
	"St-Martin":                 "Saint Martin",
	"St. Kitts and Nevis":       "Saint Kitts and Nevis",
	"St. Pierre and Miquelon":   "Saint Pierre and Miquelon",
	"St. Vin. and Gren.":        "Saint Vincent and the Grenadines",
	"Turkey":                    "Türkiye",
	"Turks and Caicos Is.":      "Turks and Caicos Islands",
	"U.S. Virgin Is.":           "United States Virgin Islands",
	"Vatican":                   "Vatican City",
	"W. Sahara":                 "Western Sahara",
	"Wallis and Futuna Is.":     "Wallis and Futuna",
	"eSwatini":                  "Eswatini",
	"Åland":                     "Åland Islands",
}

// Convert reads world-atlas's countries topology and returns the boundary
// asset: one GeometryCollection "countries" whose geometries have id = ISO
// alpha-3 and properties {"name", "ne_name"}; antimeridian and polar-cap rings
// repaired (see CutAntimeridian); exterior rings counter-clockwise and holes
// clockwise (RFC 7946); unused arcs dropped; the source's quantization kept.
func Convert(src []byte) ([]byte, error) {
	t, err := topojson.Decode(src)
	if err != nil {
		return nil, err
	}
	if t.Transform == nil {
		return nil, fmt.Errorf("naturalearth: the source topology is not quantized")
	}
	countries, ok := t.Objects["countries"]
	if !ok || countries.Type != "GeometryCollection" {
		return nil, fmt.Errorf("naturalearth: no GeometryCollection named \"countries\"")
	}
	codes := map[string]string{}
	if err := json.Unmarshal(isoNumericJSON, &codes); err != nil {
		return nil, fmt.Errorf("naturalearth: code table: %w", err)
	}
	seen := map[string]string{}
	out := make([]topojson.Geometry, 0, len(countries.Geometries))
	for i, g := range countries.Geometries {
		neName := g.Properties.Get("name").String()
		code, ok := byName[neName]
		if !ok {
			code, ok = codes[g.ID]
		}
		if !ok {
			return nil, fmt.Errorf("naturalearth: countries[%d] (%q, id %q): no ISO alpha-3 code", i, neName, g.ID)
		}
		if prev, dup := seen[code]; dup {
			return nil, fmt.Errorf("naturalearth: countries[%d] (%q): code %s already used by %q", i, neName, code, prev)
		}
		seen[code] = neName
		name := neName
		if p, ok := properNames[neName]; ok {
			name = p
		}
		props, _ := json.Marshal(struct {
			Name   string `json:"name"`
			NEName string `json:"ne_name"`
		}{name, neName})
		g.ID = code
		g.Properties = gjson.ParseBytes(props)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	t.Objects = map[string]topojson.Geometry{"countries": {Type: "GeometryCollection", Geometries: out}}
	if err := CutAntimeridian(t); err != nil {
		return nil, err
	}
	orient(t)
	pruneArcs(t)
	return topojson.Encode(t, *t.Transform)
}

// pruneArcs drops arcs no geometry references and renumbers the rest.
func pruneArcs(t *topojson.Topology) {
	used := make([]bool, len(t.Arcs))
	eachRing(t, func(refs []int) {
		for _, r := range refs {
			i, _ := topojson.ArcIndex(r)
			used[i] = true
		}
	})
	renum := make([]int, len(t.Arcs))
	var arcs = t.Arcs[:0]
	for i, a := range t.Arcs {
		if used[i] {
			renum[i] = len(arcs)
			arcs = append(arcs, a)
		}
	}
	t.Arcs = arcs
	eachRing(t, func(refs []int) {
		for k, r := range refs {
			i, rev := topojson.ArcIndex(r)
			if rev {
				refs[k] = ^renum[i]
			} else {
				refs[k] = renum[i]
			}
		}
	})
}

// eachRing calls fn with every ring's arc references in the countries
// object; fn may rewrite the references in place.
func eachRing(t *topojson.Topology, fn func(refs []int)) {
	for _, g := range t.Objects["countries"].Geometries {
		for _, p := range g.Polygons {
			for _, r := range p {
				fn(r)
			}
		}
	}
}

// orient makes exterior rings counter-clockwise and holes clockwise, by
// reversing the ring's walk over its arcs; arcs themselves stay as they are,
// so shared borders stay shared.
func orient(t *topojson.Topology) {
	for _, g := range t.Objects["countries"].Geometries {
		for _, p := range g.Polygons {
			for k, refs := range p {
				area := signedArea(t.Line(refs))
				if (k == 0) != (area > 0) {
					p[k] = reverseRefs(refs)
				}
			}
		}
	}
}

func reverseRefs(refs []int) []int {
	out := make([]int, len(refs))
	for i, r := range refs {
		out[len(refs)-1-i] = ^r
	}
	return out
}

// describe names a geometry in error messages.
func describe(g topojson.Geometry) string {
	return strconv.Quote(g.ID) + " (" + g.Properties.Get("name").String() + ")"
}
