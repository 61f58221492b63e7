//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
)

// fetch GETs url relative to the page and returns the body and status.
func fetch(url string) ([]byte, int, error) {
	type result struct {
		data   []byte
		status int
		err    error
	}
	done := make(chan result, 1)
	var onResp, onBody, onErr js.Func
	onErr = js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	onBody = js.FuncOf(func(this js.Value, args []js.Value) any {
		arr := js.Global().Get("Uint8Array").New(args[0])
		b := make([]byte, arr.Length())
		js.CopyBytesToGo(b, arr)
		done <- result{data: b, status: 200}
		return nil
	})
	onResp = js.FuncOf(func(this js.Value, args []js.Value) any {
		resp := args[0]
		if !resp.Get("ok").Bool() {
			done <- result{status: resp.Get("status").Int()}
			return nil
		}
		resp.Call("arrayBuffer").Call("then", onBody, onErr)
		return nil
	})
	defer onResp.Release()
	defer onBody.Release()
	defer onErr.Release()
	js.Global().Call("fetch", url).Call("then", onResp, onErr)
	r := <-done
	return r.data, r.status, r.err
}

func consoleWarn(msg string) { js.Global().Get("console").Call("warn", msg) }

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
