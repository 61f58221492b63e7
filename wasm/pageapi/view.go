package pageapi

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/view"
)

// View is the view as the page API writes it (getView, the view event):
// JSON with the keys in the documented order, zoom rounded to 2 decimals
// and lat/lon to 4 as view.Encode writes a fragment, so that the object
// and the link say the same. Layers is null for the defaults; sel, date
// and article are null when unset; scene is 0 outside a tour.
type View struct {
	Zoom    float64  `json:"zoom"`
	Lat     float64  `json:"lat"`
	Lon     float64  `json:"lon"`
	Layers  []string `json:"layers"`
	Sel     *string  `json:"sel"`
	Date    *string  `json:"date"`
	Article *string  `json:"article"`
	Scene   int      `json:"scene"`
}

// viewKeys are View's keys, as the page API names them (its JSON names).
var viewKeys = func() []string {
	t := reflect.TypeFor[View]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i] = t.Field(i).Tag.Get("json")
	}
	return keys
}()

// ViewOf is v's JSON form.
func ViewOf(v view.View) View {
	return View{
		Zoom: geo.Round(v.Zoom, 2), Lat: geo.Round(v.Center[1], 4), Lon: geo.Round(v.Center[0], 4),
		Layers: v.Layers, Sel: nullable(v.Sel), Date: nullable(string(v.Date)),
		Article: nullable(v.Article), Scene: v.Scene,
	}
}

// MergeObject applies setView's object form over v: any of the keys of
// View, a null clearing sel, date, article, layers (back to the defaults)
// and scene, a value of another type refused with a warning (a null zoom,
// lat or lon is no move), as is a key View does not have (a typo). It
// takes what view.Decode takes from a fragment, with the same checks and
// warnings: zoom, lat and lon are taken together (a missing one stays as
// it is) or refused together; ids are checked against cat and layers
// against layers; an empty sel or article leaves it as it is, as "sel="
// does. The result is clamped (view.Clamp).
func MergeObject(v view.View, obj map[string]any, cat view.Catalog, layers []string) (view.View, []string) {
	var warn []string
	warnf := func(format string, args ...any) { warn = append(warn, fmt.Sprintf(format, args...)) }
	var unknown []string
	for k := range obj {
		if !slices.Contains(viewKeys, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		warnf("%s ignored: not a key of the view (%s)", literal(k), strings.Join(viewKeys, ", "))
	}

	// The camera: any number given moves it, checked as the three numbers
	// of a fragment's map= are.
	number := func(k string) (float64, bool) {
		f, ok := obj[k].(float64)
		if !ok && obj[k] != nil {
			warnf("%s: %s ignored: want a number", k, literal(obj[k]))
		}
		return f, ok
	}
	zoom, zok := number("zoom")
	lat, latok := number("lat")
	lon, lonok := number("lon")
	if zok || latok || lonok {
		if !zok {
			zoom = v.Zoom
		}
		if !latok {
			lat = v.Center[1]
		}
		if !lonok {
			lon = v.Center[0]
		}
		if err := view.CheckCamera(zoom, lat, lon); err != nil {
			warnf("zoom, lat, lon: %s/%s/%s ignored: %v", num(zoom), num(lat), num(lon), err)
		} else {
			v.Zoom, v.Center[1], v.Center[0] = zoom, lat, lon
		}
	}

	switch l := obj["layers"].(type) {
	case nil:
		if _, ok := obj["layers"]; ok {
			v.Layers = nil
		}
	case []any:
		// Values that are not strings are refused here, and count as
		// naming something (see view.SetLayers).
		var ids []string
		refused := 0
		for _, id := range l {
			if s, ok := id.(string); ok {
				ids = append(ids, s)
			} else {
				warnf("layers: %s ignored: not a layer id", describe(id))
				refused++
			}
		}
		warn = append(warn, v.SetLayers(ids, refused, layers)...)
	default:
		warnf("layers: %s ignored: want an array of layer ids", literal(l))
	}

	for _, key := range []string{"sel", "date", "article"} {
		x, given := obj[key]
		if !given {
			continue
		}
		if x == nil {
			switch key {
			case "sel":
				v.Sel = ""
			case "date":
				v.Date = ""
			default:
				v.Article = ""
			}
			continue
		}
		s, ok := x.(string)
		if !ok {
			warnf("%s: %s ignored: want a string or null", key, literal(x))
			continue
		}
		if key != "date" {
			if w := v.SetRef(key, s, cat); w != "" {
				warn = append(warn, w)
			}
			continue
		}
		d, err := mapdata.ParseDate(s, true)
		if err != nil {
			warnf("date: %v", err)
			continue
		}
		v.Date = d
	}

	switch x := obj["scene"].(type) {
	case float64:
		switch {
		case !(x >= 1): // NaN too
			v.Scene = 0
		case x >= view.MaxScene+1:
			warnf("scene: %s is not a scene number", num(x))
		default:
			v.Scene = int(x)
		}
	case nil:
		if _, ok := obj["scene"]; ok {
			v.Scene = 0
		}
	default:
		warnf("scene: %s ignored: want a scene number or null", literal(x))
	}
	return view.Clamp(v), warn
}

// literal is x as JavaScript would write it, shortened (see view.Clip).
func literal(x any) string {
	if s, ok := x.(string); ok {
		return strconv.Quote(view.Clip(s))
	}
	return describe(x)
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
