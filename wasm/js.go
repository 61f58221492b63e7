//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
)

// servedContent waits for the content files the loader fetched while the
// wasm was downloading (silkmapShell.content: a promise of [name,
// ArrayBuffer] pairs, empty when the server offers no content folder).
func servedContent() (map[string][]byte, error) {
	p := js.Global().Get("silkmapShell").Get("content")
	if p.Type() != js.TypeObject {
		return nil, nil
	}
	list, err := await(p)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for i := range list.Length() {
		pair := list.Index(i)
		files[pair.Index(0).String()] = bytesOf(pair.Index(1))
	}
	return files, nil
}

// await waits for a promise and returns what it resolved to.
func await(p js.Value) (js.Value, error) {
	if p.Type() != js.TypeObject {
		return js.Undefined(), errors.New("not fetched")
	}
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{v: args[0]}
		return nil
	})
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	r := <-done
	return r.v, r.err
}

// bytesOf copies an ArrayBuffer into Go.
func bytesOf(buf js.Value) []byte {
	arr := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, arr.Length())
	js.CopyBytesToGo(b, arr)
	return b
}

func consoleWarn(msg string) { js.Global().Get("console").Call("warn", msg) }

// afterTask runs fn in a later task of the page's event loop.
func afterTask(fn func()) {
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		fn()
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
}

// pageTheme is the theme the loader chose (silkmapShell.theme), or "".
func pageTheme() string {
	if t := js.Global().Get("silkmapShell").Get("theme"); t.Type() == js.TypeString {
		return t.String()
	}
	return ""
}

// initialFragment is the view the page was opened with: the URL fragment,
// or else the ?v= query parameter that shared links carry for servers.
func initialFragment() string {
	loc := js.Global().Get("location")
	if h := loc.Get("hash").String(); len(h) > 1 {
		return h
	}
	q := js.Global().Get("URLSearchParams").New(loc.Get("search"))
	if v := q.Call("get", "v"); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

// sizeCanvas gives Ebitengine's canvas (made by its package init, 16×16)
// the size Ebitengine sets on its first frame, the page's size in device
// pixels, before the WebGL context is made. A WebGL canvas whose size
// changes reallocates its drawing buffer and waits for the GPU process to
// do it (about 36 ms of the first frame here); set to the size it has, it
// keeps it.
func sizeCanvas() {
	doc := js.Global().Get("document")
	canvas, body := doc.Call("querySelector", "body > canvas"), doc.Get("body")
	if canvas.IsNull() || body.IsNull() {
		return
	}
	f := js.Global().Get("devicePixelRatio").Float() // as Ebitengine's DeviceScaleFactor
	if f == 0 {
		f = 1
	}
	canvas.Set("width", int(body.Get("clientWidth").Float()*f))
	canvas.Set("height", int(body.Get("clientHeight").Float()*f))
}
