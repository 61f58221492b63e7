//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"syscall/js"

	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/render"
	"github.com/silkmap/silkmap/wasm/pageapi"
)

// api puts the page API (package pageapi) on the page. window.silkmap,
// which the loader creates with its ready promise, gets the public
// methods; window.silkmapShell, the loader's channel to the map, gets the
// page's own. (Go on wasm is single-threaded and never preempts, so a
// call from JavaScript cannot run in the middle of a frame.)
type api struct {
	obj, shell js.Value
}

func newAPI() *api {
	global := func(name string) js.Value {
		o := js.Global().Get(name)
		if o.IsUndefined() || o.IsNull() {
			o = js.Global().Get("Object").New()
			js.Global().Set(name, o)
		}
		return o
	}
	return &api{obj: global("silkmap"), shell: global("silkmapShell")}
}

// fail reports a start-up error to the page: ready rejects.
func (a *api) fail(err error) {
	js.Global().Get("console").Call("error", "silkmap: "+err.Error())
	if f := a.shell.Get("reject"); f.Type() == js.TypeFunction {
		f.Invoke(err.Error())
	}
}

// attach adds the table's methods for app, which shows prep's map with
// st's tour, and passes its events to the page's listeners.
func (a *api) attach(app *render.App, prep *layout.Prepared, st *story.Story) *pageapi.API {
	p := pageapi.New(app, page{a.shell}, prep, st)
	for _, m := range pageapi.Methods {
		target := a.obj
		if m.Scope == pageapi.Shell {
			target = a.shell
		}
		target.Set(m.Name, js.FuncOf(func(_ js.Value, args []js.Value) any {
			in, ok := fromJSArgs(args)
			if !ok {
				return nil
			}
			return toJS(m.Do(p, in))
		}))
	}
	p.Listen(a.emit)
	return p
}

// firstFrame tells the page the map is up.
func (a *api) firstFrame() {
	if f := a.shell.Get("resolve"); f.Type() == js.TypeFunction {
		f.Invoke()
	}
}

// emit calls the page's listeners through the loader's dispatcher.
func (a *api) emit(event string, value any) {
	if f := a.shell.Get("emit"); f.Type() == js.TypeFunction {
		f.Invoke(event, toJS(value))
	}
}

// page is the page around the map, as pageapi sees it; shell is
// window.silkmapShell.
type page struct{ shell js.Value }

func (page) Size() (w, h float64) {
	w, _ = number(js.Global().Get("innerWidth"))
	h, _ = number(js.Global().Get("innerHeight"))
	return w, h
}

// FreeArea calls the function the page's panels put on the shell; what it
// throws (syscall/js would panic with it), or a value too large to read,
// counts as nothing said.
func (p page) FreeArea() (v any) {
	f := p.shell.Get("freeArea")
	if f.Type() != js.TypeFunction {
		return nil
	}
	defer func() {
		if e := recover(); e != nil {
			consoleWarn(fmt.Sprint("silkmap: ", e))
			v = nil
		}
	}()
	return newReader().read(f.Invoke(), 0)
}

func (page) PixelRatio() float64 {
	if r, ok := number(js.Global().Get("devicePixelRatio")); ok && r > 0 {
		return r
	}
	return 1
}

// WasmMemory reads the instance's memory, which the loader hands over
// (wasm_exec.js keeps it private).
func (p page) WasmMemory() (int, bool) {
	mem := p.shell.Get("memory")
	if mem.Type() != js.TypeObject {
		return 0, false
	}
	return mem.Get("buffer").Get("byteLength").Int(), true
}

func (page) Warn(msg string) { consoleWarn(msg) }

// number reads a finite number from the page.
func number(v js.Value) (float64, bool) {
	if v.Type() != js.TypeNumber {
		return 0, false
	}
	f := v.Float()
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

// An argument is read to a depth of 4 (no method takes more than an array
// of arrays, and a page's object can be a cycle) and to at most 4096
// values in all (an array a page or its parent sends can be huge).
const (
	maxDepth  = 4
	maxValues = 4096
)

// fromJSArgs reads a call's arguments as pageapi.Args; false, with a
// warning, when they cannot be read: too large, or reading them threw (a
// getter or a proxy of the page's).
func fromJSArgs(args []js.Value) (in pageapi.Args, ok bool) {
	defer func() {
		if e := recover(); e != nil {
			consoleWarn(fmt.Sprint("silkmap: arguments ignored: ", e))
			ok = false
		}
	}()
	r := newReader()
	in = make(pageapi.Args, len(args))
	for i, v := range args {
		in[i] = r.read(v, 0)
	}
	return in, true
}

// reader reads JavaScript values as JSON-like ones within a budget of
// values; past it, it panics. It reads through Reflect.get and friends
// called by Invoke: what they throw comes back as a panic, where Value.Get
// and Value.Index would let it unwind through the Go runtime and stop the
// map.
type reader struct{ budget int }

// The page's functions reader calls, looked up once: a call from the page
// is a few microseconds, and the lookups would double it.
var (
	reflectGet = js.Global().Get("Reflect").Get("get")
	isArray    = js.Global().Get("Array").Get("isArray")
	keysOf     = js.Global().Get("Object").Get("keys")
)

func newReader() *reader { return &reader{budget: maxValues} }

// read reads v as JSON.stringify would (undefined, functions and symbols
// are null, or left out of objects), except that numbers keep NaN and
// the infinities, so that pageapi can refuse them, and that past
// maxDepth everything is null.
func (r *reader) read(v js.Value, depth int) any {
	if r.budget--; r.budget < 0 {
		panic(fmt.Sprintf("more than %d values", maxValues))
	}
	switch v.Type() {
	case js.TypeBoolean:
		return v.Bool()
	case js.TypeNumber:
		return v.Float()
	case js.TypeString:
		return v.String()
	case js.TypeObject:
		if depth >= maxDepth {
			return nil
		}
		if isArray.Invoke(v).Bool() {
			n := r.length(v)
			l := make([]any, n)
			for i := range l {
				l[i] = r.read(reflectGet.Invoke(v, i), depth+1)
			}
			return l
		}
		keys := keysOf.Invoke(v)
		o := map[string]any{}
		for i := range r.length(keys) {
			k := keys.Index(i).String() // Object.keys's own array of strings
			switch x := reflectGet.Invoke(v, k); x.Type() {
			case js.TypeUndefined, js.TypeFunction, js.TypeSymbol:
			default:
				o[k] = r.read(x, depth+1)
			}
		}
		return o
	}
	return nil
}

// length is the length of an array, within the budget.
func (r *reader) length(v js.Value) int {
	n := reflectGet.Invoke(v, "length").Int()
	if n > r.budget {
		panic(fmt.Sprintf("a list of %d values is longer than %d", n, maxValues))
	}
	return n
}

// toJS turns a method's result into a JavaScript value: a string, number,
// boolean or nil as it is, anything else through JSON, which keeps the
// order of a struct's fields.
func toJS(v any) any {
	switch v := v.(type) {
	case nil, bool, string, int, float64:
		return v
	case *string:
		if v == nil {
			return nil
		}
		return *v
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}
