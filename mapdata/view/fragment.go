package view

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
)

// MaxFragment is the longest fragment Decode reads; longer input is refused
// whole, as no view needs that much.
const MaxFragment = 4096

// Catalog tells the codec which ids exist. *mapdata.Map satisfies it.
type Catalog interface {
	Kind(id string) string
}

// Encode writes v as a URL fragment (without the leading '#') in canonical
// form: parameters in the order map, layers, sel, date, article, scene;
// zoom with at most 2 decimals and lat/lon with at most 4, trailing zeros
// dropped, as MapLibre writes them. Layers are omitted when they are the
// defaults (nil); "layers=" means none.
func Encode(v View) string {
	var b strings.Builder
	b.WriteString("map=")
	b.WriteString(num(v.Zoom, 2))
	b.WriteByte('/')
	b.WriteString(num(v.Center[1], 4))
	b.WriteByte('/')
	b.WriteString(num(v.Center[0], 4))
	if v.Layers != nil {
		b.WriteString("&layers=")
		for i, l := range v.Layers {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(escape(l))
		}
	}
	for _, kv := range [][2]string{{"sel", v.Sel}, {"date", string(v.Date)}, {"article", v.Article}} {
		if kv[1] != "" {
			b.WriteString("&" + kv[0] + "=" + escape(kv[1]))
		}
	}
	if v.Scene > 0 {
		b.WriteString("&scene=" + strconv.Itoa(v.Scene))
	}
	return b.String()
}

// escape percent-encodes what a fragment parameter cannot hold, keeping the
// id scheme's ':' readable.
func escape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "%3A", ":") }

func num(x float64, places int) string {
	return strconv.FormatFloat(geo.Round(x, places), 'f', -1, 64)
}

// Decode reads a fragment (with or without '#'; a "?v=" query value works
// too) over base: what the fragment gives replaces base's, the rest is kept.
// Unknown or hostile values are skipped, each with a warning that says
// which and why; Decode never fails. Ids are checked against cat and layers
// against layers (the ids that can be switched).
func Decode(fragment string, base View, cat Catalog, layers []string) (View, []string) {
	v := base
	var warn []string
	warnf := func(format string, args ...any) { warn = append(warn, fmt.Sprintf(format, args...)) }
	fragment = strings.TrimPrefix(fragment, "#")
	if len(fragment) > MaxFragment {
		warnf("fragment of %d bytes ignored: longer than %d", len(fragment), MaxFragment)
		return base, warn
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(fragment, "&") {
		if part == "" {
			continue
		}
		key, raw, _ := strings.Cut(part, "=")
		val, err := url.QueryUnescape(raw)
		if err != nil {
			warnf("%s: value %q is not valid percent-encoding", key, Clip(raw))
			continue
		}
		if seen[key] {
			warnf("%s: given twice; the first is used", key)
			continue
		}
		seen[key] = true
		switch key {
		case "map":
			z, lat, lon, err := parseMap(val)
			if err != nil {
				warnf("map: %q ignored: %v", Clip(val), err)
				continue
			}
			v.Zoom, v.Center[1], v.Center[0] = z, lat, lon
		case "layers":
			warn = append(warn, v.SetLayers(strings.Split(val, ","), 0, layers)...)
		case "sel", "article":
			if w := v.SetRef(key, val, cat); w != "" {
				warn = append(warn, w)
			}
		case "date":
			d, err := mapdata.ParseDate(val, true)
			if err != nil {
				warnf("date: %v", err)
				continue
			}
			v.Date = d
		case "scene":
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 || n > MaxScene {
				warnf("scene: %q is not a scene number", Clip(val))
				continue
			}
			v.Scene = n
		default:
			warnf("unknown parameter %q ignored", Clip(key))
		}
	}
	return Clamp(v), warn
}

func parseMap(s string) (z, lat, lon float64, err error) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return 0, 0, 0, fmt.Errorf("want ZOOM/LAT/LON")
	}
	var f [3]float64
	for i, p := range parts {
		f[i], err = strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(f[i]) || math.IsInf(f[i], 0) {
			return 0, 0, 0, fmt.Errorf("%q is not a number", Clip(p))
		}
	}
	return f[0], f[1], f[2], CheckCamera(f[0], f[1], f[2])
}

// MaxScene is the highest scene number a view may give.
const MaxScene = 10000

// CheckCamera holds a zoom and a centre to what a view may give: finite
// numbers, zoom 0..24, lat -90..90, lon -180..180.
func CheckCamera(zoom, lat, lon float64) error {
	for _, f := range []float64{zoom, lat, lon} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%s is not a number", strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	if zoom < 0 || zoom > 24 || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return fmt.Errorf("out of range (zoom 0..24, lat -90..90, lon -180..180)")
	}
	return nil
}

// SetLayers shows the layers that ids name, in their order, once each,
// and returns a warning for each id that is not one of layers ("" names
// nothing); refused counts the items of the list its caller has already
// refused (values that are not strings). A list that names something but
// no layer is refused whole, with a warning: a typo, or a link to layers
// the content no longer has, leaves the layers as they are rather than
// turning every one off. A list that names nothing ("layers=", or [])
// turns every layer off.
func (v *View) SetLayers(ids []string, refused int, layers []string) []string {
	was := v.Layers
	v.Layers = []string{}
	var warn []string
	named := refused > 0
	for _, l := range ids {
		named = named || l != ""
		if w := v.addLayer(l, layers); w != "" {
			warn = append(warn, w)
		}
	}
	if named && len(v.Layers) == 0 {
		v.Layers = was
		warn = append(warn, "layers: none of them is a layer: the layers stay as they are")
	}
	return warn
}

// addLayer adds layer l to v.Layers, once, if it is one of layers, and
// returns a warning naming it if it is not; "" adds nothing.
func (v *View) addLayer(l string, layers []string) string {
	switch {
	case l == "":
	case !slices.Contains(layers, l):
		return fmt.Sprintf("layers: unknown layer %q ignored", Clip(l))
	case !slices.Contains(v.Layers, l):
		v.Layers = append(v.Layers, l)
	}
	return ""
}

// SetRef sets v's sel or article (key) to id if cat has it (an article for
// article), and returns a warning if it has not; "" leaves it as it is.
func (v *View) SetRef(key, id string, cat Catalog) string {
	switch {
	case id == "":
	case cat.Kind(id) == "":
		return fmt.Sprintf("%s: unknown id %q ignored", key, Clip(id))
	case key == "article" && cat.Kind(id) != mapdata.KindArticle:
		return fmt.Sprintf("article: %q is not an article", Clip(id))
	case key == "sel":
		v.Sel = id
	default:
		v.Article = id
	}
	return ""
}

// Clip shortens hostile input before it is echoed in a warning.
func Clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
