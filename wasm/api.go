//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
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

func (a *api) attach(app *render.App, m *mapdata.Map) {
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
	set("setView", func(args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeObject {
			return false
		}
		v := app.View()
		o := args[0]
		num := func(k string, dst *float64) {
			if x := o.Get(k); x.Type() == js.TypeNumber {
				*dst = x.Float()
			}
		}
		num("zoom", &v.Zoom)
		num("lat", &v.Center[1])
		num("lon", &v.Center[0])
		app.SetView(v)
		return true
	})
	set("stats", func([]js.Value) any {
		return map[string]any{"frames": app.Frames()}
	})
	app.OnSelect(func() { a.emit("select", app.View().Sel) })
	app.OnFirstFrame(func() {
		if f := a.obj.Get("_resolve"); f.Type() == js.TypeFunction {
			f.Invoke()
		}
	})
}

// emit calls the page's listeners through the loader's dispatcher.
func (a *api) emit(event string, value any) {
	if f := a.obj.Get("_emit"); f.Type() == js.TypeFunction {
		f.Invoke(event, value)
	}
}

func viewJS(v view.View) map[string]any {
	var layers, sel, date any
	if v.Layers != nil {
		l := make([]any, len(v.Layers))
		for i, id := range v.Layers {
			l[i] = id
		}
		layers = l
	}
	if v.Sel != "" {
		sel = v.Sel
	}
	if v.Date != "" {
		date = string(v.Date)
	}
	return map[string]any{
		"zoom": geo.Round(v.Zoom, 2), "lat": geo.Round(v.Center[1], 4), "lon": geo.Round(v.Center[0], 4),
		"layers": layers, "sel": sel, "date": date,
	}
}
