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
	"slices"
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

// Unit is a part of a country that Natural Earth's 1:10m data draws as an
// admin-0 unit of its own, without an ISO code: it is kept in its
// sovereign's geometry (a country's "units" property names its polygons),
// so that a point there names the same country at 1:50m and 1:10m.
type Unit struct {
	Name     string `json:"name"`
	Note     string `json:"note"`
	Polygons []int  `json:"polygons"` // indexes into the country's polygons
}

// sovereigns gives each such unit its sovereign and the note a point there
// answers with.
var sovereigns = map[string]struct{ code, name, note string }{
	"Baikonur":                {"KAZ", "Baikonur", "leased to Russia until 2050 (the Baikonur Cosmodrome and the town)"},
	"USNB Guantanamo Bay":     {"CUB", "Guantánamo Bay", "leased to the United States (a naval base)"},
	"Dhekelia":                {"GBR", "Dhekelia", "a British Sovereign Base Area on Cyprus"},
	"Akrotiri":                {"GBR", "Akrotiri", "a British Sovereign Base Area on Cyprus"},
	"Cyprus U.N. Buffer Zone": {"CYP", "the UN buffer zone", "between the Republic of Cyprus and Northern Cyprus, patrolled by UNFICYP"},
	"Coral Sea Is.":           {"AUS", "Coral Sea Islands", "an Australian external territory"},
	"Clipperton I.":           {"FRA", "Clipperton Island", "a French overseas possession"},
	"Bajo Nuevo Bank":         {"COL", "Bajo Nuevo Bank", "administered by Colombia; also claimed by Jamaica, Nicaragua and the United States"},
	"Serranilla Bank":         {"COL", "Serranilla Bank", "administered by Colombia; also claimed by Honduras, Nicaragua and the United States"},
}

// unheld are units with no sovereign to answer as: reefs whose parts
// several states hold or claim. They are left out (sea), as at 1:50m.
var unheld = map[string]bool{"Spratly Is.": true, "Scarborough Reef": true}

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

// Convert reads world-atlas's countries topology (countries-50m.json or
// countries-10m.json) and returns the boundary asset: one
// GeometryCollection "countries" whose geometries have id = ISO alpha-3 and
// properties {"name", "ne_name"} (and "units", see Unit); antimeridian and polar-cap rings
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
	var held []topojson.Geometry // units kept in their sovereign's geometry
	for i, g := range countries.Geometries {
		g.Polygons = dropDegenerate(t, g.Polygons)
		neName := g.Properties.Get("name").String()
		if len(g.Polygons) == 0 {
			continue // the Vatican at 1:10m: smaller than a quantum
		}
		if _, ok := sovereigns[neName]; ok || unheld[neName] {
			if !unheld[neName] {
				held = append(held, g)
			}
			continue
		}
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
		g.ID = code
		g.Properties = props(neName, nil)
		out = append(out, g)
	}
	if err := keepUnits(out, held); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	t.Objects = map[string]topojson.Geometry{"countries": {Type: "GeometryCollection", Geometries: out}}
	if err := CutAntimeridian(t); err != nil {
		return nil, err
	}
	// Cutting can leave slivers too; units name polygons by index.
	for k, g := range t.Objects["countries"].Geometries {
		n := len(g.Polygons)
		g.Polygons = dropDegenerate(t, g.Polygons)
		if len(g.Polygons) != n && g.Properties.Get("units").Exists() {
			return nil, fmt.Errorf("naturalearth: %s: a polygon collapsed when cut at the antimeridian, and the country has units", describe(g))
		}
		t.Objects["countries"].Geometries[k] = g
	}
	orient(t)
	return topojson.Encode(t.Pruned(), *t.Transform)
}

// dropDegenerate leaves out the rings that quantization collapsed to fewer
// than four positions (1:10m has a few islets and holes so), and polygons
// whose exterior ring is such, after taking the spikes out of every ring.
func dropDegenerate(t *topojson.Topology, polys [][][]int) [][][]int {
	var out [][][]int
	for _, p := range polys {
		for k, r := range p {
			p[k] = dropSpikes(r)
		}
		if len(p) == 0 || len(t.Line(p[0])) < 4 {
			continue
		}
		out = append(out, slices.DeleteFunc(p, func(r []int) bool { return len(t.Line(r)) < 4 }))
	}
	return out
}

// dropSpikes removes from a ring's arc references each arc followed by
// itself reversed (at 1:10m the Dead Sea's shore has a spike one quantum
// long, walked out and back by Jordan and the West Bank): the walk there
// and back encloses nothing, and would have the arc bound three countries.
func dropSpikes(refs []int) []int {
	out := make([]int, 0, len(refs))
	for _, r := range refs {
		if n := len(out); n > 0 && out[n-1] == ^r {
			out = out[:n-1]
		} else {
			out = append(out, r)
		}
	}
	for len(out) > 1 && out[0] == ^out[len(out)-1] {
		out = out[1 : len(out)-1]
	}
	return out
}

// props is a country's properties: its proper name, Natural Earth's, and
// the units it holds.
func props(neName string, units []Unit) gjson.Result {
	name := neName
	if p, ok := properNames[neName]; ok {
		name = p
	}
	b, _ := json.Marshal(struct {
		Name   string `json:"name"`
		NEName string `json:"ne_name"`
		Units  []Unit `json:"units,omitempty"`
	}{name, neName, units})
	return gjson.ParseBytes(b)
}

// keepUnits adds each held unit's polygons to its sovereign's geometry in
// countries, naming them in the sovereign's "units".
func keepUnits(countries []topojson.Geometry, held []topojson.Geometry) error {
	units := map[string][]Unit{}
	for _, u := range held {
		sov := sovereigns[u.Properties.Get("name").String()]
		k := slices.IndexFunc(countries, func(g topojson.Geometry) bool { return g.ID == sov.code })
		if k < 0 {
			return fmt.Errorf("naturalearth: %s: no sovereign %s", describe(u), sov.code)
		}
		g := &countries[k]
		unit := Unit{Name: sov.name, Note: sov.note}
		for _, p := range u.Polygons {
			unit.Polygons = append(unit.Polygons, len(g.Polygons))
			g.Polygons = append(g.Polygons, p)
		}
		g.Type = "MultiPolygon"
		units[g.ID] = append(units[g.ID], unit)
	}
	for k, g := range countries {
		if us := units[g.ID]; us != nil {
			countries[k].Properties = props(g.Properties.Get("ne_name").String(), us)
		}
	}
	return nil
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
