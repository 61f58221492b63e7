// Package gencontent makes content folders larger than the shipped one, for
// measuring how the map scales with its content: the default content plus
// random sites in the region, each in the country it declares, and random
// corridors of one rail part each, every vertex on land. The same options
// and seed give the same folder.
package gencontent

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/atlas"
)

// Region is where generated sites and corridors lie: from Türkiye and the
// Caucasus to western China, Afghanistan to Russia's south, the shipped
// content's region.
var Region = orb.Bound{Min: orb.Point{26, 30}, Max: orb.Point{90, 56}}

// Options say what to add to the default content.
type Options struct {
	Sites     int    // random sites, spread over the countries of Region by their area there
	Corridors int    // random corridors, one rail part of 3 to 6 points each
	Seed      uint64 // the same seed gives the same folder
	// Country, when set, puts every generated site in this one country
	// (an ISO code of the boundaries), as an editor of one country would.
	Country string
	// Boundaries, when set, is written as the folder's own
	// boundaries.topojson (the 1:10m ones, assets.Detail, to draw 1:10m
	// at every zoom), and the generated sites and corridors lie on it.
	Boundaries []byte
}

// kinds are the site kinds the generated sites take in turn: the shipped
// content's, so each has its symbol and colour.
var kinds = []string{"airbase", "border-crossing", "city", "institution", "mine", "port", "summit-venue", "town"}

const source = "https://example.org/generated"

// MaxGenerated is the most sites, and the most corridors, Write adds: 20
// times the 5,000 sites of make bench's largest folder, and far more than
// a content file's size limit lets the map load.
const MaxGenerated = 100_000

// Write writes the default content with the generated sites and corridors
// added into dir, which is created when missing. Files other than sites
// and corridors (translations too) are copied as they are; the boundaries
// are opt's.
func Write(dir string, opt Options) error {
	for _, n := range []struct {
		what  string
		count int
	}{{"sites", opt.Sites}, {"corridors", opt.Corridors}} {
		if n.count < 0 || n.count > MaxGenerated {
			return fmt.Errorf("%d %s: want 0 to %d", n.count, n.what, MaxGenerated)
		}
	}
	a, err := atlas.LoadBinary(assets.Atlas)
	if opt.Boundaries != nil {
		a, err = atlas.Load(opt.Boundaries)
	}
	if err != nil {
		return err
	}
	content := assets.Content()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if opt.Boundaries != nil {
		if err := os.WriteFile(filepath.Join(dir, mapdata.FileBoundaries), opt.Boundaries, 0o644); err != nil {
			return err
		}
	}
	files, err := fs.ReadDir(content, ".")
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := fs.ReadFile(content, f.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name()), data, 0o644); err != nil {
			return err
		}
	}
	region := Region
	if opt.Country != "" {
		i := a.Index(opt.Country)
		if i < 0 {
			return fmt.Errorf("no country %q in the boundaries", opt.Country)
		}
		region = a.Countries[i].Bound
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5111c))
	land := func(country string) (orb.Point, *atlas.Country) {
		for {
			p := round(orb.Point{
				region.Min[0] + rng.Float64()*(region.Max[0]-region.Min[0]),
				region.Min[1] + rng.Float64()*(region.Max[1]-region.Min[1]),
			})
			// Keep clear of coasts: a point a coarse line could put at sea
			// is no use to a benchmark.
			if c := a.At(p); c != nil && (country == "" || c.ID == country) && a.DistanceToCoast(p, 15) > 15 {
				return p, c
			}
		}
	}
	var sites []map[string]any
	for i := range opt.Sites {
		p, c := land(opt.Country)
		sites = append(sites, map[string]any{
			"type":     "Feature",
			"geometry": map[string]any{"type": "Point", "coordinates": p},
			"properties": map[string]any{
				"id":                 "site:generated-" + strconv.Itoa(i+1),
				"name":               "Generated site " + strconv.Itoa(i+1),
				"kind":               kinds[i%len(kinds)],
				"country":            c.ID,
				"description":        "A generated site in " + c.Name + ", for measuring how the map scales with its content.",
				"sources":            []string{source},
				"coordinates_source": source,
				"accuracy":           "approx",
			},
		})
	}
	var corridors, lines []map[string]any
	for i := range opt.Corridors {
		id := "corridor:generated-" + strconv.Itoa(i+1)
		corridors = append(corridors, map[string]any{
			"id":          id,
			"name":        "Generated corridor " + strconv.Itoa(i+1),
			"kind":        "trade-route",
			"status":      "planned",
			"description": "A generated corridor, for measuring how the map scales with its content.",
			"sources":     []string{source},
		})
		line := orb.LineString{}
		p, _ := land("")
		line = append(line, p)
		for n := 3 + rng.IntN(4); len(line) < n; {
			q := round(orb.Point{p[0] + rng.Float64()*4 - 2, p[1] + rng.Float64()*3 - 1.5})
			if c := a.At(q); c != nil && a.DistanceToCoast(q, 15) > 15 {
				line, p = append(line, q), q
			}
		}
		lines = append(lines, map[string]any{
			"type":     "Feature",
			"geometry": map[string]any{"type": "LineString", "coordinates": line},
			"properties": map[string]any{
				"corridor": id, "part": "main", "name": "Generated line " + strconv.Itoa(i+1),
				"role": "main", "mode": "rail", "status": "planned", "source": source,
			},
		})
	}
	if err := appendTo(content, dir, mapdata.FileSites, "features", sites); err != nil {
		return err
	}
	if err := appendTo(content, dir, mapdata.FileCorridors, "corridors", corridors); err != nil {
		return err
	}
	return appendTo(content, dir, mapdata.FileCorridorLines, "features", lines)
}

// round keeps four decimals (about 10 m), as an editor would write them.
func round(p orb.Point) orb.Point {
	r := func(v float64) float64 { return float64(int64(v*1e4+0.5*sign(v))) / 1e4 }
	return orb.Point{r(p[0]), r(p[1])}
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// appendTo adds items to the array at key of the shipped file name and
// writes the result into dir.
func appendTo(content fs.FS, dir, name, key string, items []map[string]any) error {
	if len(items) == 0 {
		return nil
	}
	data, err := fs.ReadFile(content, name)
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	list, _ := doc[key].([]any)
	for _, it := range items {
		list = append(list, it)
	}
	doc[key] = list
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name), out, 0o644)
}
