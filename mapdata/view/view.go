// Package view holds the map's view state — where the camera is, which
// layers are on, what is selected, which date the memberships are drawn
// for — and the camera maths and actions that change it. It is pure Go: the
// renderers, the shells, deep links and tests all share it.
package view

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
)

// Zoom limits, on MapLibre's 512-pixel scale. Below MinZoom the world is
// smaller than a laptop screen; past MaxZoom the 1:50m boundaries show
// their generalisation.
const (
	MinZoom = 1.0
	MaxZoom = 11.0
)

// View is the state a link, a story scene or the page API describes.
type View struct {
	Center  orb.Point    // lon, lat
	Zoom    float64      // MapLibre scale: the world is 512·2^Zoom CSS pixels wide
	Layers  []string     // ids of the layers shown; nil means the defaults
	Sel     string       // selected id, "" for none
	Date    mapdata.Date // memberships as of this day; "" means today
	Article string       // the article being read, "" for none
	Scene   int          // story scene, from 1; 0 for none
}

// Default is the view a reader first sees: Turkey to western China.
var Default = View{Center: orb.Point{60, 42}, Zoom: 3.2}

// Camera maps world coordinates (see package geo) to screen pixels for a
// view on a screen of W×H device pixels at a device pixel ratio.
type Camera struct {
	Center orb.Point // world coordinates of the screen centre
	Scale  float64   // device pixels per world unit
	W, H   float64
	Ratio  float64 // device pixels per CSS pixel
	Proj   geo.Projection
}

// NewCamera places v on a screen.
func NewCamera(v View, proj geo.Projection, w, h, ratio float64) Camera {
	if ratio <= 0 {
		ratio = 1
	}
	return Camera{
		Center: proj.Project(v.Center),
		Scale:  geo.TileSize * math.Exp2(v.Zoom) * ratio,
		W:      w, H: h, Ratio: ratio, Proj: proj,
	}
}

// WorldToScreen maps world coordinates to device pixels.
func (c Camera) WorldToScreen(p orb.Point) (float64, float64) {
	return (p[0]-c.Center[0])*c.Scale + c.W/2, (p[1]-c.Center[1])*c.Scale + c.H/2
}

// ScreenToWorld maps device pixels to world coordinates.
func (c Camera) ScreenToWorld(x, y float64) orb.Point {
	return orb.Point{(x-c.W/2)/c.Scale + c.Center[0], (y-c.H/2)/c.Scale + c.Center[1]}
}

// ScreenToLonLat maps device pixels to lon/lat.
func (c Camera) ScreenToLonLat(x, y float64) orb.Point {
	return c.Proj.Unproject(c.ScreenToWorld(x, y))
}

// LonLatToScreen maps lon/lat to device pixels.
func (c Camera) LonLatToScreen(p orb.Point) (float64, float64) {
	return c.WorldToScreen(c.Proj.Project(p))
}

// BoundToScreen maps a bound in world coordinates to device pixels (the
// mapping keeps the axes' directions, so corners map to corners).
func (c Camera) BoundToScreen(b orb.Bound) orb.Bound {
	x0, y0 := c.WorldToScreen(b.Min)
	x1, y1 := c.WorldToScreen(b.Max)
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// Bound is the part of the world on screen, in world coordinates.
func (c Camera) Bound() orb.Bound {
	return orb.Bound{Min: c.ScreenToWorld(0, 0), Max: c.ScreenToWorld(c.W, c.H)}
}

// Zoom is the camera's zoom on the MapLibre scale.
func (c Camera) Zoom() float64 { return math.Log2(c.Scale / c.Ratio / geo.TileSize) }

// View returns v with the camera's centre and zoom.
func (c Camera) View(v View) View {
	v.Center = c.Proj.Unproject(c.Center)
	v.Zoom = c.Zoom()
	return v
}

// PanBy moves the map by dx, dy device pixels (the content follows the
// pointer), within limits.
func (c Camera) PanBy(dx, dy float64) Camera {
	c.Center[0] -= dx / c.Scale
	c.Center[1] -= dy / c.Scale
	return c.clamp()
}

// ZoomAt changes the zoom by dz, keeping the world point under the screen
// point (x, y) where it is.
func (c Camera) ZoomAt(dz, x, y float64) Camera {
	anchor := c.ScreenToWorld(x, y)
	z := math.Min(math.Max(c.Zoom()+dz, MinZoom), MaxZoom)
	c.Scale = geo.TileSize * math.Exp2(z) * c.Ratio
	// Put anchor back under (x, y).
	c.Center[0] = anchor[0] - (x-c.W/2)/c.Scale
	c.Center[1] = anchor[1] - (y-c.H/2)/c.Scale
	return c.clamp()
}

// clamp keeps the screen centre on the world.
func (c Camera) clamp() Camera {
	c.Center[0] = math.Min(math.Max(c.Center[0], 0), 1)
	c.Center[1] = math.Min(math.Max(c.Center[1], 0), 1)
	return c
}

// Clamp returns v with zoom and centre within limits and finite; NaN or
// infinite values fall back to the default view's.
func Clamp(v View) View {
	finite := func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
	if !finite(v.Zoom) {
		v.Zoom = Default.Zoom
	}
	if !finite(v.Center[0]) || !finite(v.Center[1]) {
		v.Center = Default.Center
	}
	v.Zoom = math.Min(math.Max(v.Zoom, MinZoom), MaxZoom)
	v.Center[0] = math.Min(math.Max(v.Center[0], -180), 180)
	v.Center[1] = math.Min(math.Max(v.Center[1], -geo.MaxLat), geo.MaxLat)
	return v
}

// Shows reports whether a layer (a body id, a corridor id, a site kind's
// layer, SiteLayer, or a tie kind's, mapdata.TieLayer) of map m is on: when
// Layers is nil, the default layers are (every one but the ties' and
// those of bodies hidden by default, see mapdata.Map.DefaultLayer).
func (v View) Shows(m *mapdata.Map, layer string) bool {
	if v.Layers == nil {
		return m == nil || m.DefaultLayer(layer)
	}
	return slices.Contains(v.Layers, layer)
}

// SiteLayer is the layer id of a site kind: "sites:airbase".
func SiteLayer(kind string) string { return "sites:" + kind }

// LayerIDs lists the layers a reader can switch: each body, each corridor,
// each kind of site, in catalog order, and each kind of tie the map has,
// in the order of mapdata.TieKinds.
func LayerIDs(m *mapdata.Map) []string {
	var ids []string
	for _, b := range m.Bodies {
		ids = append(ids, b.ID)
	}
	for _, c := range m.Corridors {
		ids = append(ids, c.ID)
	}
	kinds := map[string]bool{} // thousands of sites, a few kinds
	for _, s := range m.Sites {
		if l := SiteLayer(s.Kind); !kinds[l] {
			kinds[l] = true
			ids = append(ids, l)
		}
	}
	for _, k := range mapdata.TieKinds {
		if slices.ContainsFunc(m.Ties, func(t *mapdata.Tie) bool { return t.Kind == k }) {
			ids = append(ids, mapdata.TieLayer(k))
		}
	}
	return ids
}

// Area returns area, the part of a w×h CSS-pixel screen that the panels
// leave free (screen pixels, x right and y down), if it is a box of at least
// 80×80 pixels inside the screen, and the whole screen otherwise.
func Area(area orb.Bound, w, h float64) orb.Bound {
	if area.Min[0] >= 0 && area.Min[1] >= 0 && area.Max[0] <= w && area.Max[1] <= h &&
		area.Max[0]-area.Min[0] >= 80 && area.Max[1]-area.Min[1] >= 80 {
		return area
	}
	return orb.Bound{Max: orb.Point{w, h}}
}

// Fit returns v moved so that b (world coordinates) fills the free area of
// a w×h CSS-pixel screen (see Area) with some pixels to spare on each side
// (60, less on a small area), zoomed in no further than maxZoom (a single
// point gets maxZoom).
func Fit(v View, b orb.Bound, proj geo.Projection, w, h float64, area orb.Bound, maxZoom float64) View {
	area = Area(area, w, h)
	aw, ah := area.Max[0]-area.Min[0], area.Max[1]-area.Min[1]
	pad := math.Min(60, math.Min(aw, ah)/6)
	bw, bh := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	z := maxZoom
	if bw > 0 || bh > 0 {
		zx := math.Log2(math.Max(aw-2*pad, 1) / (bw * geo.TileSize))
		zy := math.Log2(math.Max(ah-2*pad, 1) / (bh * geo.TileSize))
		z = math.Min(math.Min(zx, zy), maxZoom)
	}
	v.Zoom = z
	c := area.Center()
	return Place(v, b.Center(), proj, w, h, c[0], c[1])
}

// Reveal returns v moved, at its zoom, so that what shows at screen point
// (x, y) comes to the middle of the free area (see Area), when the point
// is not inside it already (by a margin of 24 pixels); false when v stays.
func Reveal(v View, proj geo.Projection, w, h float64, area orb.Bound, x, y float64) (View, bool) {
	area = Area(area, w, h)
	const margin = 24
	if x >= area.Min[0]+margin && x <= area.Max[0]-margin && y >= area.Min[1]+margin && y <= area.Max[1]-margin {
		return v, false
	}
	p := NewCamera(v, proj, w, h, 1).ScreenToWorld(x, y)
	c := area.Center()
	return Place(v, p, proj, w, h, c[0], c[1]), true
}

// SceneW and SceneH are the screen, in CSS pixels, that story scenes are
// written for.
const SceneW, SceneH = 1280, 720

// FitScene returns a scene's view v for a w×h CSS-pixel screen: zoomed out
// so that a smaller screen shows what SceneW×SceneH would, and with v's
// centre in the middle of the free area (see Area).
func FitScene(v View, proj geo.Projection, w, h float64, area orb.Bound) View {
	if k := math.Min(w/SceneW, h/SceneH); k < 1 && k > 0 {
		v.Zoom += math.Log2(k)
	}
	c := Area(area, w, h).Center()
	return Place(v, proj.Project(v.Center), proj, w, h, c[0], c[1])
}

// Place returns v moved, at its zoom (clamped to the limits), so that the
// world point p shows at screen point (x, y) of a w×h CSS-pixel screen.
func Place(v View, p orb.Point, proj geo.Projection, w, h, x, y float64) View {
	v = Clamp(v)
	s := geo.TileSize * math.Exp2(v.Zoom)
	v.Center = proj.Unproject(orb.Point{p[0] - (x-w/2)/s, p[1] - (y-h/2)/s})
	return Clamp(v)
}
