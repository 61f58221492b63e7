package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/style"
)

// The competitors draw the same things silkmap draws by default: every
// country filled by its memberships today, coasts and borders, the
// corridors and the sites. They get the boundaries at full 1:50m detail
// as GeoJSON (MapLibre tiles and simplifies it in its workers, Leaflet
// simplifies per zoom), and no labels: MapLibre would need a glyph server.

// countriesGeoJSON writes every country of m with a flat fill colour: the
// light theme's land, blended with the colour of each body it belongs to.
func countriesGeoJSON(m *mapdata.Map) ([]byte, error) {
	th := style.ThemeNamed("light")
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   struct {
			Type        string           `json:"type"`
			Coordinates orb.MultiPolygon `json:"coordinates"`
		} `json:"geometry"`
	}
	var features []feature
	today := mapdata.Today()
	for i := range m.Atlas.Countries {
		c := &m.Atlas.Countries[i]
		fill := th.Land
		for _, s := range m.MembershipsOn(c.ID, today) {
			fill = blend(fill, th.Body(s.Body).For(s.Role).Color, 0.35)
		}
		f := feature{Type: "Feature", Properties: map[string]string{"id": c.ID, "fill": fmt.Sprintf("#%02x%02x%02x", fill.R, fill.G, fill.B)}}
		f.Geometry.Type, f.Geometry.Coordinates = "MultiPolygon", m.Atlas.Geometry(c)
		features = append(features, f)
	}
	return json.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
}

func blend(a, b color.RGBA, k float64) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-k) + float64(y)*k + 0.5) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
}

// corridorStyles gives each corridor's colour and width from the theme.
func corridorStyles(m *mapdata.Map) map[string]any {
	th := style.ThemeNamed("light")
	out := map[string]any{}
	for _, c := range m.Corridors {
		ls := th.Corridor(c.ID)
		out[c.ID] = map[string]any{"color": fmt.Sprintf("#%02x%02x%02x", ls.Color.R, ls.Color.G, ls.Color.B), "width": ls.Width}
	}
	return out
}

// competitor is a static site for one library: its page, its library
// files and the data, every file brotli-compressed once up front.
type competitor struct {
	files map[string][]byte // name → raw
	br    map[string][]byte // name → brotli
}

func newCompetitor(page string, lib map[string]string, data map[string][]byte) (*competitor, error) {
	c := &competitor{files: map[string][]byte{"index.html": []byte(page)}, br: map[string][]byte{}}
	for name, file := range lib {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%w (make bench installs the npm packages)", err)
		}
		c.files[name] = b
	}
	for name, b := range data {
		c.files[name] = b
	}
	for name, b := range c.files {
		var buf bytes.Buffer
		w := brotli.NewWriterLevel(&buf, 11)
		w.Write(b)
		if err := w.Close(); err != nil {
			return nil, err
		}
		c.br[name] = buf.Bytes()
	}
	return c, nil
}

var types = map[string]string{
	".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
	".css": "text/css", ".json": "application/json", ".geojson": "application/geo+json",
}

func (c *competitor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	raw, ok := c.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", types[path.Ext(name)])
	w.Header().Set("Cache-Control", "no-store")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
		w.Header().Set("Content-Encoding", "br")
		w.Write(c.br[name])
		return
	}
	w.Write(raw)
}

// competitors builds the MapLibre and Leaflet sites of m, whose content
// is content, from the npm packages under nodeModules.
func competitors(m *mapdata.Map, nodeModules string, content fs.FS) (maplibre, leaflet *competitor, err error) {
	countries, err := countriesGeoJSON(m)
	if err != nil {
		return nil, nil, err
	}
	data := map[string][]byte{"countries.geojson": countries}
	for _, name := range []string{mapdata.FileCorridorLines, mapdata.FileSites} {
		if data[name], err = fs.ReadFile(content, name); err != nil {
			return nil, nil, err
		}
	}
	styles, err := json.Marshal(corridorStyles(m))
	if err != nil {
		return nil, nil, err
	}
	th := style.ThemeNamed("light")
	hex := func(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
	page := func(tmpl string) string {
		return strings.NewReplacer(
			"{{SEA}}", hex(th.Sea), "{{COAST}}", hex(th.Coast.Color), "{{BORDER}}", hex(th.Border.Color),
			"{{CORRIDORS}}", string(styles), "{{SITE}}", hex(th.Site("airbase")), "{{DRIVER}}", driver,
		).Replace(tmpl)
	}
	ml := filepath.Join(nodeModules, "maplibre-gl", "dist")
	maplibre, err = newCompetitor(page(maplibrePage), map[string]string{
		"maplibre-gl.mjs":        filepath.Join(ml, "maplibre-gl.mjs"),
		"maplibre-gl-worker.mjs": filepath.Join(ml, "maplibre-gl-worker.mjs"),
		"maplibre-gl.css":        filepath.Join(ml, "maplibre-gl.css"),
	}, data)
	if err != nil {
		return nil, nil, err
	}
	lf := filepath.Join(nodeModules, "leaflet", "dist")
	leaflet, err = newCompetitor(page(leafletPage), map[string]string{
		"leaflet.js":  filepath.Join(lf, "leaflet.js"),
		"leaflet.css": filepath.Join(lf, "leaflet.css"),
	}, data)
	return maplibre, leaflet, err
}

// driver is the harness's side of every page: window.bench with
//   - ready: a promise of the time of the first map frame (ms since navigation),
//   - jump(lon, lat, zoom): move the camera at once, zoom in silkmap's scale,
//   - frames(): how many frames the map has drawn so far.
//
// The silkmap page gets the same object, built on window.silkmap.
const driver = `
window.bench = window.bench || {};
`

const maplibrePage = `<!doctype html><html><head><meta charset="utf-8"><title>MapLibre</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="maplibre-gl.css">
<style>html,body,#map{margin:0;width:100%;height:100%}</style></head>
<body><div id="map"></div>
<script type="module">
import {Map, setWorkerUrl} from './maplibre-gl.mjs';
setWorkerUrl(new URL('./maplibre-gl-worker.mjs', location.href).href);
{{DRIVER}}
const corridors = {{CORRIDORS}};
const corridorColor = ['match', ['get', 'corridor']];
const corridorWidth = ['match', ['get', 'corridor']];
for (const [id, s] of Object.entries(corridors)) { corridorColor.push(id, s.color); corridorWidth.push(id, s.width); }
corridorColor.push('#805020'); corridorWidth.push(2.5);
const map = new Map({
  container: 'map', center: [60, 42], zoom: 3.2, attributionControl: false, fadeDuration: 0,
  style: {
    version: 8,
    sources: {
      countries: {type: 'geojson', data: 'countries.geojson'},
      corridors: {type: 'geojson', data: 'corridors.geojson'},
      sites: {type: 'geojson', data: 'sites.geojson'},
    },
    layers: [
      {id: 'sea', type: 'background', paint: {'background-color': '{{SEA}}'}},
      {id: 'fill', type: 'fill', source: 'countries', paint: {'fill-color': ['get', 'fill']}},
      {id: 'borders', type: 'line', source: 'countries', paint: {'line-color': '{{BORDER}}', 'line-width': 1.1}},
      {id: 'casing', type: 'line', source: 'corridors', paint: {'line-color': '#ffffff', 'line-width': ['+', corridorWidth, 2.4]}},
      {id: 'corridors', type: 'line', source: 'corridors', paint: {'line-color': corridorColor, 'line-width': corridorWidth}},
      {id: 'sites', type: 'circle', source: 'sites', paint: {'circle-radius': 5, 'circle-color': '{{SITE}}', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5}},
    ],
  },
});
let frames = 0;
map.on('render', () => { frames++; });
window.bench.ready = new Promise((resolve) => map.once('load', () => resolve(performance.now())));
window.bench.jump = (lon, lat, zoom) => map.jumpTo({center: [lon, lat], zoom}); // both use 512 px tiles
window.bench.frames = () => frames;
</script></body></html>`

const leafletPage = `<!doctype html><html><head><meta charset="utf-8"><title>Leaflet</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="leaflet.css">
<style>html,body,#map{margin:0;width:100%;height:100%} #map{background:{{SEA}}}</style></head>
<body><div id="map"></div>
<script src="leaflet.js"></script>
<script>
{{DRIVER}}
const corridors = {{CORRIDORS}};
const renderer = L.canvas({padding: 0.1});
// Leaflet's zoom levels count 256 px tiles: one more than silkmap's for the same scale.
const map = L.map('map', {renderer, preferCanvas: true, zoomSnap: 0, zoomAnimation: false, fadeAnimation: false, attributionControl: false}).setView([42, 60], 4.2);
let frames = 0, drawn = false;
// The canvas renderer redraws in an animation frame after each change;
// count the frames in which it did.
const redraw = renderer._redraw;
renderer._redraw = function () { drawn = true; return redraw.apply(this, arguments); };
(function tick() { if (drawn) { frames++; drawn = false; } requestAnimationFrame(tick); })();
const get = (name) => fetch(name).then((r) => r.json());
window.bench.ready = Promise.all([get('countries.geojson'), get('corridors.geojson'), get('sites.geojson')]).then(([countries, lines, sites]) => {
  L.geoJSON(countries, {style: (f) => ({fillColor: f.properties.fill, fillOpacity: 1, color: '{{BORDER}}', weight: 1.1})}).addTo(map);
  L.geoJSON(lines, {style: (f) => { const s = corridors[f.properties.corridor] || {color: '#805020', width: 2.5}; return {color: s.color, weight: s.width}; }}).addTo(map);
  L.geoJSON(sites, {pointToLayer: (f, ll) => L.circleMarker(ll, {radius: 5, color: '#ffffff', weight: 1.5, fillColor: '{{SITE}}', fillOpacity: 1})}).addTo(map);
  // The renderer draws in the next animation frame; the frame after it is on screen.
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))));
});
window.bench.jump = (lon, lat, zoom) => map.setView([lat, lon], zoom + 1, {animate: false});
window.bench.frames = () => frames;
</script></body></html>`
