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
			warnf("%s: value %q is not valid percent-encoding", key, clip(raw))
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
				warnf("map: %q ignored: %v", clip(val), err)
				continue
			}
			v.Zoom, v.Center[1], v.Center[0] = z, lat, lon
		case "layers":
			v.Layers = []string{}
			for _, l := range strings.Split(val, ",") {
				switch {
				case l == "":
				case !slices.Contains(layers, l):
					warnf("layers: unknown layer %q ignored", clip(l))
				case !slices.Contains(v.Layers, l):
					v.Layers = append(v.Layers, l)
				}
			}
		case "sel", "article":
			switch {
			case val == "":
			case cat.Kind(val) == "":
				warnf("%s: unknown id %q ignored", key, clip(val))
			case key == "article" && cat.Kind(val) != mapdata.KindArticle:
				warnf("article: %q is not an article", clip(val))
			case key == "sel":
				v.Sel = val
			default:
				v.Article = val
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
			if err != nil || n < 1 || n > 10000 {
				warnf("scene: %q is not a scene number", clip(val))
				continue
			}
			v.Scene = n
		default:
			warnf("unknown parameter %q ignored", clip(key))
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
			return 0, 0, 0, fmt.Errorf("%q is not a number", clip(p))
		}
	}
	if f[0] < 0 || f[0] > 24 || f[1] < -90 || f[1] > 90 || f[2] < -180 || f[2] > 180 {
		return 0, 0, 0, fmt.Errorf("out of range (zoom 0..24, lat -90..90, lon -180..180)")
	}
	return f[0], f[1], f[2], nil
}

// clip shortens hostile input before it is echoed in a warning.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
