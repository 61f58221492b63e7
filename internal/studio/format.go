// Package studio writes an editor's content folder: every file in one
// stable, diff-friendly layout (Format), a save written atomically with the
// files it replaced kept in the folder's history (Write), and a save undone
// (Restore). The server's write API and the `silkmap history` and `silkmap
// restore` commands use it.
package studio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
)

// keyOrders are the keys of each kind of object in the order the content
// format lists them (docs/editing.md); keys not listed follow, in the
// order they came.
var keyOrders = map[string][]string{
	"articles":    {"articles"},
	"article":     {"id", "title", "author", "publication", "date", "url", "url_is_listing", "title_is_descriptive", "summary", "covers"},
	"bodies":      {"bodies"},
	"body":        {"id", "name", "short_name", "former_names", "founded", "description", "sources", "articles", "members", "meetings"},
	"former_name": {"name", "until", "source"},
	"member":      {"country", "role", "since", "until", "source", "note"},
	"event":       {"date", "name", "site", "source", "articles"},
	"corridors":   {"corridors"},
	"corridor":    {"id", "name", "kind", "status", "since", "until", "description", "sources", "articles", "events"},
	"countries":   {"countries"},
	"country":     {"id", "description", "sources", "articles", "events"},
	"collection":  {"type", "features"},
	"feature":     {"type", "geometry", "properties"},
	"geometry":    {"type", "coordinates"},
	"part":        {"corridor", "part", "name", "role", "mode", "status", "since", "source", "waypoints", "accuracy", "countries"},
	"site":        {"id", "name", "kind", "country", "description", "sources", "coordinates_source", "accuracy", "since", "until", "articles", "events"},
	"ties":        {"ties"},
	"tie":         {"id", "name", "kind", "countries", "from", "to", "since", "until", "values", "description", "sources", "articles"},
	"value":       {"amount", "unit", "since", "until", "note", "source"},
	"disputeds":   {"disputed"},
	"disputed":    {"id", "name", "administered_by", "claimed_by", "before", "since", "until", "description", "sources", "articles", "area"},
	"authority":   {"id", "name"},
	"area":        {"country", "polygon_at", "outline", "approximate", "outline_source"},
	"story":       {"title", "scenes"},
	"scene":       {"title", "caption", "view", "highlight", "article", "notes"},
	"settings":    {"deny_source_hosts"},
}

// roots are the kind of each file's top object; files not here (the
// boundaries) are written as they come.
var roots = map[string]string{
	mapdata.FileArticles:      "articles",
	mapdata.FileBodies:        "bodies",
	mapdata.FileCorridors:     "corridors",
	mapdata.FileCorridorLines: "corridorsCollection",
	mapdata.FileSites:         "sitesCollection",
	mapdata.FileCountries:     "countries",
	mapdata.FileTies:          "ties",
	mapdata.FileDisputed:      "disputeds",
	mapdata.FileStory:         "story",
	mapdata.FileSettings:      "settings",
}

// children says what kind of value a key of an object of a kind holds (an
// array's elements are of that kind).
var children = map[[2]string]string{
	{"articles", "articles"}:            "article",
	{"bodies", "bodies"}:                "body",
	{"body", "former_names"}:            "former_name",
	{"body", "members"}:                 "member",
	{"body", "meetings"}:                "event",
	{"corridors", "corridors"}:          "corridor",
	{"corridor", "events"}:              "event",
	{"countries", "countries"}:          "country",
	{"country", "events"}:               "event",
	{"site", "events"}:                  "event",
	{"story", "scenes"}:                 "scene",
	{"ties", "ties"}:                    "tie",
	{"tie", "values"}:                   "value",
	{"disputeds", "disputed"}:           "disputed",
	{"disputed", "administered_by"}:     "authority",
	{"disputed", "claimed_by"}:          "authority",
	{"disputed", "area"}:                "area",
	{"corridorsCollection", "features"}: "corridorsFeature",
	{"sitesCollection", "features"}:     "sitesFeature",
	{"corridorsFeature", "geometry"}:    "geometry",
	{"corridorsFeature", "properties"}:  "part",
	{"sitesFeature", "geometry"}:        "geometry",
	{"sitesFeature", "properties"}:      "site",
	{"geometry", "coordinates"}:         "coordinates",
}

// order is the key order of a kind of object (collections and features
// share theirs).
func order(kind string) []string {
	switch kind {
	case "corridorsCollection", "sitesCollection":
		return keyOrders["collection"]
	case "corridorsFeature", "sitesFeature":
		return keyOrders["feature"]
	}
	return keyOrders[kind]
}

// coordinatePlaces is how many decimals a coordinate keeps: a
// millionth of a degree is about 0.1 m.
const coordinatePlaces = 6

// Format writes a content file in the layout the studio saves: keys in the
// order of the content format, two spaces of indentation, an array of
// numbers (a position) on one line and everything else one element a
// line, coordinates to six decimals. Moving one site or one point of a
// corridor then changes only its own lines in a diff. A file the layout
// does not cover (the boundaries) comes back as it is.
func Format(name string, data []byte) ([]byte, error) {
	kind, ok := roots[name]
	if !ok {
		return data, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parse(dec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: more than one JSON value", name)
	}
	var b bytes.Buffer
	write(&b, v, kind, 0)
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// value is a parsed JSON value that keeps its object's keys in order.
type value struct {
	obj    []member // an object, when isObj
	arr    []value  // an array, when isArr
	scalar any      // json.Number, string, bool or nil
	isObj  bool
	isArr  bool
}

type member struct {
	key string
	val value
}

func parse(dec *json.Decoder) (value, error) {
	t, err := dec.Token()
	if err != nil {
		return value{}, err
	}
	switch t {
	case json.Delim('{'):
		v := value{isObj: true}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return value{}, err
			}
			key, _ := k.(string)
			mv, err := parse(dec)
			if err != nil {
				return value{}, err
			}
			v.obj = append(v.obj, member{key, mv})
		}
		_, err := dec.Token() // }
		return v, err
	case json.Delim('['):
		v := value{isArr: true, arr: []value{}}
		for dec.More() {
			ev, err := parse(dec)
			if err != nil {
				return value{}, err
			}
			v.arr = append(v.arr, ev)
		}
		_, err := dec.Token() // ]
		return v, err
	}
	return value{scalar: t}, nil
}

func write(b *bytes.Buffer, v value, kind string, depth int) {
	indent := func(d int) { b.WriteString(strings.Repeat("  ", d)) }
	switch {
	case v.isObj:
		if len(v.obj) == 0 {
			b.WriteString("{}")
			return
		}
		keys := order(kind)
		members := slices.Clone(v.obj)
		slices.SortStableFunc(members, func(x, y member) int {
			return rank(keys, x.key) - rank(keys, y.key)
		})
		b.WriteString("{\n")
		for i, m := range members {
			indent(depth + 1)
			writeString(b, m.key)
			b.WriteString(": ")
			write(b, m.val, children[[2]string{kind, m.key}], depth+1)
			if i < len(members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		indent(depth)
		b.WriteByte('}')
	case v.isArr:
		if len(v.arr) == 0 {
			b.WriteString("[]")
			return
		}
		if numbers(v.arr) {
			b.WriteByte('[')
			for i, e := range v.arr {
				if i > 0 {
					b.WriteString(", ")
				}
				writeNumber(b, e.scalar.(json.Number), kind == "coordinates")
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, e := range v.arr {
			indent(depth + 1)
			write(b, e, kind, depth+1)
			if i < len(v.arr)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		indent(depth)
		b.WriteByte(']')
	default:
		switch s := v.scalar.(type) {
		case json.Number:
			writeNumber(b, s, false)
		case string:
			writeString(b, s)
		case bool:
			b.WriteString(strconv.FormatBool(s))
		default:
			b.WriteString("null")
		}
	}
}

// rank is a key's place in an order; unlisted keys come after.
func rank(keys []string, k string) int {
	if i := slices.Index(keys, k); i >= 0 {
		return i
	}
	return len(keys)
}

func numbers(vs []value) bool {
	for _, v := range vs {
		if _, ok := v.scalar.(json.Number); !ok {
			return false
		}
	}
	return true
}

// writeNumber writes a number as it came, or a coordinate rounded to
// coordinatePlaces decimals and without trailing zeros.
func writeNumber(b *bytes.Buffer, n json.Number, coordinate bool) {
	f, err := n.Float64()
	if !coordinate || err != nil || math.IsInf(f, 0) {
		b.WriteString(n.String())
		return
	}
	b.WriteString(strconv.FormatFloat(geo.Round(f, coordinatePlaces), 'f', -1, 64))
}

// writeString writes a JSON string as encoding/json does, but keeping <,
// > and & as they are (content text is plain: the loader refuses markup).
func writeString(b *bytes.Buffer, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	b.Write(bytes.TrimRight(buf.Bytes(), "\n"))
}
