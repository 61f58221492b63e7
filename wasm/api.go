//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render"
)

// api is window.silkmap, which the loader creates with its ready promise;
// the wasm side adds the methods once the map is running. (Go on wasm is
// single-threaded and never preempts, so a call from JavaScript cannot run
// in the middle of a frame.)
type api struct {
	obj js.Value
}

func newAPI() *api {
	obj := js.Global().Get("silkmap")
	if obj.IsUndefined() || obj.IsNull() {
		obj = js.Global().Get("Object").New()
		js.Global().Set("silkmap", obj)
	}
	return &api{obj: obj}
}

// fail reports a start-up error to the page: ready rejects.
func (a *api) fail(err error) {
	js.Global().Get("console").Call("error", "silkmap: "+err.Error())
	if f := a.obj.Get("_reject"); f.Type() == js.TypeFunction {
		f.Invoke(err.Error())
	}
}

func (a *api) attach(app *render.App, prep *layout.Prepared, st *story.Story) {
	m := prep.Map
	set := func(name string, fn func(args []js.Value) any) {
		a.obj.Set(name, js.FuncOf(func(this js.Value, args []js.Value) any { return fn(args) }))
	}
	set("getView", func([]js.Value) any { return viewJS(app.View()) })
	set("getSelection", func([]js.Value) any {
		if s := app.View().Sel; s != "" {
			return s
		}
		return nil
	})
	set("select", func(args []js.Value) any {
		id := ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			id = args[0].String()
		}
		if id != "" && m.Kind(id) == "" {
			return false
		}
		app.Select(id)
		return true
	})
	layers := view.LayerIDs(m)
	set("setView", func(args []js.Value) any {
		if len(args) == 0 {
			return false
		}
		v, warnings := mergeView(app.View(), args[0], m, layers)
		for _, w := range warnings {
			consoleWarn("silkmap: setView: " + w)
		}
		app.SetView(v)
		return len(warnings) == 0
	})
	set("setLayers", func(args []js.Value) any {
		if len(args) == 0 || !js.Global().Get("Array").Call("isArray", args[0]).Bool() {
			return false
		}
		v := app.View()
		v.Layers = []string{}
		ok := true
		for i := range args[0].Length() {
			id := args[0].Index(i)
			if id.Type() != js.TypeString || !slices.Contains(layers, id.String()) {
				consoleWarn("silkmap: setLayers: unknown layer " + id.String())
				ok = false
				continue
			}
			v.Layers = append(v.Layers, id.String())
		}
		app.SetView(v)
		return ok
	})
	set("getFragment", func([]js.Value) any { return view.Encode(app.View()) })
	// _reserve is the shell's list of the boxes its panels cover, in CSS
	// pixels: [[x0, y0, x1, y1], ...].
	set("_reserve", func(args []js.Value) any {
		if len(args) == 0 || !isArray(args[0]) {
			return nil
		}
		var boxes []orb.Bound
		r := pixelRatio()
		for i := range args[0].Length() {
			if b, ok := box(args[0].Index(i), r); ok {
				boxes = append(boxes, b)
			}
		}
		app.SetReserved(boxes)
		return nil
	})
	// _pointerOver is the shell's report that the pointer came over the map
	// (true) or left it (false).
	set("_pointerOver", func(args []js.Value) any {
		app.SetPointerOver(len(args) > 0 && args[0].Truthy())
		return nil
	})
	// _click is the shell's report of a click at CSS pixels (x, y).
	set("_click", func(args []js.Value) any {
		if x, y, ok := point(args); ok {
			r := pixelRatio()
			app.ClickAt(x*r, y*r, len(args) > 2 && args[2].Truthy())
		}
		return nil
	})
	str := func(args []js.Value, i int) string {
		if len(args) > i && args[i].Type() == js.TypeString {
			return args[i].String()
		}
		return ""
	}
	set("getInfo", func(args []js.Value) any {
		id := str(args, 0)
		if id == "" {
			id = app.View().Sel
		}
		in, ok := panel.NewInfo(m, id, app.View().Date)
		if !ok {
			return nil
		}
		return toJS(in)
	})
	set("getTooltip", func(args []js.Value) any {
		t, ok := panel.NewTooltip(m, str(args, 0), app.View().Date)
		if !ok {
			return nil
		}
		return toJS(t)
	})
	set("search", func(args []js.Value) any { return toJS(panel.Search(m, str(args, 0), 8)) })
	set("getTimeline", func([]js.Value) any { return toJS(panel.Timeline(m)) })
	// The days the timeline's Play steps through, and a step from the
	// view's day (1 on, -1 back; "" is today).
	steps := panel.DateSteps(m)
	set("_dateSteps", func([]js.Value) any { return toJS(steps) })
	set("_stepDate", func(args []js.Value) any {
		dir := 1
		if len(args) > 0 && args[0].Type() == js.TypeNumber && args[0].Float() < 0 {
			dir = -1
		}
		return string(panel.StepDate(steps, app.View().Date, dir))
	})
	set("getStory", func([]js.Value) any {
		if st == nil {
			return nil
		}
		type scene struct {
			Title    string `json:"title"`
			Caption  string `json:"caption"`
			Fragment string `json:"fragment"`
		}
		out := struct {
			Title  string  `json:"title"`
			Scenes []scene `json:"scenes"`
		}{Title: st.Title}
		for _, sc := range st.Scenes {
			out.Scenes = append(out.Scenes, scene{sc.Title, sc.Caption, view.Encode(sc.View)})
		}
		return toJS(out)
	})
	set("playScene", func(args []js.Value) any {
		if st == nil || len(args) == 0 || args[0].Type() != js.TypeNumber {
			return false
		}
		n := args[0].Int()
		if n < 1 || n > len(st.Scenes) {
			return false
		}
		sc := st.Scenes[n-1]
		app.SetHighlight(sc.Highlight)
		app.Select(sc.View.Sel) // the card opens or closes first: the free area is measured as the scene will have it
		w, h, area := a.screen()
		app.FlyTo(view.FitScene(sc.View, prep.LOD.Projection, w, h, area))
		return true
	})
	set("getContents", func([]js.Value) any { return toJS(panel.Contents(m, app.View().Date)) })
	set("getArticles", func([]js.Value) any {
		var out []panel.ArticleRow
		for _, a := range m.Articles {
			out = append(out, panel.ArticleRowOf(a))
		}
		return toJS(out)
	})
	set("getLegend", func([]js.Value) any {
		if f := app.Frame(); f != nil {
			return toJS(legendJS(f.Legend()))
		}
		return toJS([]legendEntry{})
	})
	set("getLayers", func([]js.Value) any {
		out := make([]any, 0, len(layers))
		for _, id := range layers {
			// A kind of site is one of a group of layers (the page shows
			// them under one checkbox).
			name, group := panel.Name(m, id), ""
			switch {
			case strings.HasPrefix(id, "sites:"):
				name, group = mapdata.SlugTitle(strings.TrimPrefix(id, "sites:")), "Sites"
			case m.Body(id) != nil && m.Body(id).ShortName != "":
				name = m.Body(id).ShortName + " — " + name
			case strings.Contains(name, " ("):
				name = name[:strings.Index(name, " (")]
			}
			out = append(out, object("id", id, "name", name, "on", app.View().Shows(id), "group", nullable(group)))
		}
		return out
	})
	// show selects id (or reads the article) and flies to frame it in the
	// part of the screen the page's panels leave free, measured once the
	// selection's card is open.
	set("show", func(args []js.Value) any {
		id := str(args, 0)
		kind := m.Kind(id)
		if kind == "" {
			return false
		}
		v := app.View()
		if kind == mapdata.KindArticle {
			v.Article = id
		} else {
			app.Select(id)
			v.Sel = id
		}
		if b, ok := prep.Bound(id, v.Date); ok {
			w, h, area := a.screen()
			v = view.Fit(v, b, prep.LOD.Projection, w, h, area, 7)
		}
		app.FlyTo(v)
		return true
	})
	// _reveal is the shell's report that a card opened over the place the
	// reader tapped, at CSS pixels (x, y): the map glides it into view.
	set("_reveal", func(args []js.Value) any {
		x, y, ok := point(args)
		if !ok {
			return nil
		}
		w, h, area := a.screen()
		if v, moved := view.Reveal(app.View(), prep.LOD.Projection, w, h, area, x, y); moved {
			app.FlyTo(v)
		}
		return nil
	})
	set("stats", func([]js.Value) any {
		st := object("frames", app.Frames(), "fullFrames", app.FullFrames())
		// The loader hands over the instance's memory (wasm_exec.js keeps it private).
		if mem := a.obj.Get("_memory"); mem.Type() == js.TypeObject {
			st.Set("wasmMemory", mem.Get("buffer").Get("byteLength").Int())
		}
		return st
	})
	app.OnSelect(func() { a.emit("select", nullable(app.View().Sel)) })
	app.OnView(func() { a.emit("view", viewJS(app.View())) })
	app.OnHover(func() { a.emit("hover", nullable(app.Hover())) })
}

// firstFrame tells the page the map is up.
func (a *api) firstFrame() {
	if f := a.obj.Get("_resolve"); f.Type() == js.TypeFunction {
		f.Invoke()
	}
}

// screen is the page's size in CSS pixels and the part of it that its
// panels leave free (empty when the page does not say: the whole screen).
func (a *api) screen() (w, h float64, free orb.Bound) {
	w, _ = number(js.Global().Get("innerWidth"))
	h, _ = number(js.Global().Get("innerHeight"))
	if f := a.obj.Get("_freeArea"); f.Type() == js.TypeFunction {
		free, _ = box(invoke(f), 1)
	}
	return w, h, free
}

// invoke calls a page function; what it throws comes back as undefined
// (syscall/js would panic with it).
func invoke(f js.Value) (v js.Value) {
	defer func() {
		if e := recover(); e != nil {
			js.Global().Get("console").Call("warn", fmt.Sprint("silkmap: ", e))
			v = js.Undefined()
		}
	}()
	return f.Invoke()
}

// pixelRatio is the page's device pixels per CSS pixel.
func pixelRatio() float64 {
	if r, ok := number(js.Global().Get("devicePixelRatio")); ok && r > 0 {
		return r
	}
	return 1
}

func isArray(v js.Value) bool { return js.Global().Get("Array").Call("isArray", v).Bool() }

// number reads a finite number from the page.
func number(v js.Value) (float64, bool) {
	if v.Type() != js.TypeNumber {
		return 0, false
	}
	f := v.Float()
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

// point reads x and y, the first two arguments, as finite numbers.
func point(args []js.Value) (x, y float64, ok bool) {
	if len(args) < 2 {
		return 0, 0, false
	}
	x, okx := number(args[0])
	y, oky := number(args[1])
	return x, y, okx && oky
}

// box reads a screen box [left, top, right, bottom] in CSS pixels from the
// page, scaled by r; false for anything else.
func box(v js.Value, r float64) (orb.Bound, bool) {
	if !isArray(v) || v.Length() != 4 {
		return orb.Bound{}, false
	}
	var c [4]float64
	for i := range c {
		f, ok := number(v.Index(i))
		if !ok {
			return orb.Bound{}, false
		}
		c[i] = f * r
	}
	if c[2] < c[0] || c[3] < c[1] {
		return orb.Bound{}, false
	}
	return orb.Bound{Min: orb.Point{c[0], c[1]}, Max: orb.Point{c[2], c[3]}}, true
}

// toJS turns a Go value into a JavaScript one through JSON.
func toJS(v any) js.Value {
	b, err := json.Marshal(v)
	if err != nil {
		return js.Null()
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}

// legendEntry is a legend line for the page: CSS colours, so the shell can
// draw the swatch.
type legendEntry struct {
	Label   string  `json:"label"`
	Kind    string  `json:"kind"` // tint, hatch45, hatch135, dots, line, symbol
	Color   string  `json:"color"`
	Dash    bool    `json:"dash,omitempty"`
	Symbol  string  `json:"symbol,omitempty"`
	Spacing float64 `json:"spacing,omitempty"`
}

func legendJS(entries []layout.LegendEntry) []legendEntry {
	kinds := map[style.PatternKind]string{style.Tint: "tint", style.Hatch45: "hatch45", style.Hatch135: "hatch135", style.Dots: "dots"}
	out := []legendEntry{}
	for _, e := range entries {
		le := legendEntry{Label: e.Label}
		switch {
		case e.Pattern != nil:
			le.Kind, le.Color, le.Spacing = kinds[e.Pattern.Kind], css(e.Pattern.Color), e.Pattern.Spacing
		case e.Line != nil:
			le.Kind, le.Color = "line", css(e.Line.Color)
		default:
			le.Kind, le.Color, le.Symbol = "symbol", css(e.Color), e.Symbol
		}
		out = append(out, le)
	}
	return out
}

// css writes a premultiplied colour as CSS rgba().
func css(c color.RGBA) string {
	if c.A == 0 {
		return "transparent"
	}
	un := func(v uint8) int { return int(v) * 255 / int(c.A) }
	return fmt.Sprintf("rgba(%d,%d,%d,%.3f)", un(c.R), un(c.G), un(c.B), float64(c.A)/255)
}

// emit calls the page's listeners through the loader's dispatcher.
func (a *api) emit(event string, value any) {
	if f := a.obj.Get("_emit"); f.Type() == js.TypeFunction {
		f.Invoke(event, value)
	}
}

// viewJS is getView()'s object, its keys in the documented order.
func viewJS(v view.View) js.Value {
	var layers any
	if v.Layers != nil {
		l := make([]any, len(v.Layers))
		for i, id := range v.Layers {
			l[i] = id
		}
		layers = l
	}
	return object(
		"zoom", geo.Round(v.Zoom, 2), "lat", geo.Round(v.Center[1], 4), "lon", geo.Round(v.Center[0], 4),
		"layers", layers, "sel", nullable(v.Sel), "date", nullable(string(v.Date)),
		"article", nullable(v.Article), "scene", v.Scene,
	)
}

// object makes a JavaScript object from key, value pairs, keeping their
// order (a Go map would hand its keys over in random order).
func object(kv ...any) js.Value {
	o := js.Global().Get("Object").New()
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// nullable maps "" to JavaScript's null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// mergeView applies a setView argument — a fragment string, or an object
// with any of zoom, lat, lon, layers, sel, date, article, scene — over v.
// The object is turned into a fragment so that both go through the one
// codec and its checks.
func mergeView(v view.View, arg js.Value, cat view.Catalog, layers []string) (view.View, []string) {
	switch arg.Type() {
	case js.TypeString:
		return view.Decode(arg.String(), v, cat, layers)
	case js.TypeObject:
	default:
		return v, []string{"want a fragment string or an object"}
	}
	var parts []string
	num := func(k string, cur float64) string {
		if x := arg.Get(k); x.Type() == js.TypeNumber {
			return strconv.FormatFloat(x.Float(), 'f', -1, 64)
		}
		return strconv.FormatFloat(cur, 'f', -1, 64)
	}
	if arg.Get("zoom").Type() == js.TypeNumber || arg.Get("lat").Type() == js.TypeNumber || arg.Get("lon").Type() == js.TypeNumber {
		parts = append(parts, "map="+num("zoom", v.Zoom)+"/"+num("lat", v.Center[1])+"/"+num("lon", v.Center[0]))
	}
	if l := arg.Get("layers"); isArray(l) {
		var ids []string
		for i := range l.Length() {
			ids = append(ids, url.QueryEscape(l.Index(i).String()))
		}
		parts = append(parts, "layers="+strings.Join(ids, ","))
	} else if l.IsNull() {
		v.Layers = nil
	}
	for _, k := range []string{"sel", "date", "article"} {
		switch x := arg.Get(k); {
		case x.Type() == js.TypeString:
			parts = append(parts, k+"="+url.QueryEscape(x.String()))
		case x.IsNull():
			switch k {
			case "sel":
				v.Sel = ""
			case "date":
				v.Date = ""
			case "article":
				v.Article = ""
			}
		}
	}
	switch x := arg.Get("scene"); {
	case x.Type() == js.TypeNumber && x.Int() > 0:
		parts = append(parts, "scene="+strconv.Itoa(x.Int()))
	case x.Type() == js.TypeNumber || x.IsNull():
		v.Scene = 0
	}
	return view.Decode(strings.Join(parts, "&"), v, cat, layers)
}
