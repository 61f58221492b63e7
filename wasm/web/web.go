// Package web is the browser shell of the map explorer: the page, its
// stylesheets and scripts, filled in by the bundler
// (cmd/silkmap-web) with the content-hashed names of the built files.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
)

//go:embed index.html loader.js ui.js loading.css style.css edit.js edit.css
var Files embed.FS

// PosterWidth and PosterHeight are the poster's size in CSS pixels (a
// common laptop viewport). A screen no larger shows it at its own scale,
// cropped about its centre, which is what the map shows there; a larger
// one that loads no poster of its own shows it scaled to cover.
const PosterWidth, PosterHeight = 1280, 720

// LargePosterWidth and LargePosterHeight are the size of the poster that
// screens wider than PosterWidth or taller than PosterHeight load instead
// (desktop browsers, 1280x800 laptops, tablets held sideways), shown the
// same way: cropped up to this size, scaled to cover past it.
const LargePosterWidth, LargePosterHeight = 1920, 1080

// PhonePosterWidth and PhonePosterHeight are the size of the poster that
// screens no wider than PhonePosterWidth load instead (phones held
// upright), shown the same way.
const PhonePosterWidth, PhonePosterHeight = 430, 932

// TabletPosterWidth and TabletPosterHeight are the size of the poster that
// upright screens wider than PhonePosterWidth and no wider than
// TabletPosterWidth load instead (tablets held upright, from the smallest
// to a 12.9-inch iPad Pro), shown the same way.
const TabletPosterWidth, TabletPosterHeight = 1024, 1366

// Posters names a theme's posters, one per size (see PosterWidth and the
// sizes after it).
type Posters struct {
	Poster, Large, Phone, Tablet string
}

// Page names the built files index.html links to.
type Page struct {
	// LoadingCSS styles the page until its poster is on screen; the loader
	// then adds CSS (and EditCSS) and the scripts, WasmExec, UI (and EditJS).
	WasmExec, Loader, UI, LoadingCSS, CSS, Wasm, Poster, LargePoster, PhonePoster, TabletPoster string
	// Dark and Projector are the posters in those themes: the dark ones
	// show where the system prefers dark, and the loader swaps in either
	// for a theme the reader chose.
	Dark, Projector Posters
	// EditJS and EditCSS are the studio's script and styles: set, the page
	// is the studio's (edit.html, served at /edit by silkmap serve --edit);
	// the readers' page (index.html) never loads them.
	EditJS, EditCSS string
	// URL is the address the page is published at (ending in "/"), for
	// the link-preview tags (og:url, og:image: the poster) of a static
	// host. Empty, the page keeps the marker where silkmap serve writes
	// them per request, for the view a link shows.
	URL string
}

// Index renders index.html for p.
func Index(p Page) ([]byte, error) {
	src, err := Files.ReadFile("index.html")
	if err != nil {
		return nil, err
	}
	t, err := template.New("index.html").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, struct {
		Page
		PosterWidth, PosterHeight int
	}{p, PosterWidth, PosterHeight})
	return b.Bytes(), err
}

// methodsMark is the empty list in loader.js that Loader fills in.
const methodsMark = "/* postMessage methods */[]"

// Loader returns loader.js with the methods a parent page may call by
// postMessage (besides ready) written over its empty list: the bundler
// passes the public methods of the page API's table (pageapi.PostMessage),
// so that the bridge offers what the map has and no more.
func Loader(methods []string) ([]byte, error) {
	src, err := Files.ReadFile("loader.js")
	if err != nil {
		return nil, err
	}
	return fill(src, methodsMark, methods)
}

// languagesMark is the empty table in loader.js that WithLanguages fills.
const languagesMark = "/* languages */{}"

// Language is what the loader fetches for a language the reader chooses:
// its bundle (words and country names) and its regular and bold fonts.
type Language struct {
	Name   string   `json:"name"`
	Bundle string   `json:"bundle"`
	Fonts  []string `json:"fonts"`
}

// WithLanguages writes the languages besides English, by code, over
// loader's empty table.
func WithLanguages(loader []byte, langs map[string]Language) ([]byte, error) {
	return fill(loader, languagesMark, langs)
}

// detailMark is the empty name in loader.js that WithDetail fills.
const detailMark = "/* detail */''"

// WithDetail writes the name of the 1:10m detail's index (see package
// regions) over loader's empty one: the map fetches it when zoomed in.
func WithDetail(loader []byte, index string) ([]byte, error) {
	return fill(loader, detailMark, index)
}

// fill writes v, as JSON, over the one mark in loader.
func fill(loader []byte, mark string, v any) ([]byte, error) {
	if bytes.Count(loader, []byte(mark)) != 1 {
		return nil, errors.New("web: loader.js has no single " + mark)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return bytes.Replace(loader, []byte(mark), b, 1), nil
}
