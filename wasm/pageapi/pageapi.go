// Package pageapi is the map's page API as pure Go: one table, Methods, of
// the members the map adds to the page (window.silkmap, documented in
// docs/embedding.md's "Page API", and the page's own private channel), each taking
// its arguments as JSON-like values and returning a value that encodes to
// JSON. The browser build registers the table on the page, the loader's
// postMessage bridge is generated from it, and tests call it natively,
// without a browser. It never imports Ebitengine: it drives the map
// through App, which *render.App satisfies.
package pageapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/panel"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// App is the running map the API reads and drives. *render.App satisfies
// it.
type App interface {
	View() view.View
	SetView(v view.View)
	FlyTo(v view.View)
	Select(id string)
	SetHighlight(ids []string)
	SetReserved(boxes []orb.Bound) // device pixels
	SetPointerOver(over bool)
	ClickAt(x, y float64, shift bool) // device pixels
	Hover() string
	Pick(x, y float64) string // device pixels: what the frame drawn shows there
	Frame() *layout.Frame
	Frames() int
	FullFrames() int
	OnSelect(fn func())
	OnView(fn func())
	OnHover(fn func())
	Camera() view.Camera
	SetMap(p *layout.Prepared) // the studio's preview
	SetTheme(t *style.Theme)
	Capture(fn func(*image.RGBA)) // the screen, once drawn
}

// Page is what the API needs of the page around the map.
type Page interface {
	// Size is the page's size in CSS pixels.
	Size() (w, h float64)
	// FreeArea is what the page's panels say of the part of the screen
	// they leave to the map ([left, top, right, bottom] in CSS pixels) as
	// a JSON-like value, nil when they say nothing.
	FreeArea() any
	// PixelRatio is the page's device pixels per CSS pixel.
	PixelRatio() float64
	// WasmMemory is the map's memory in bytes; false when unknown.
	WasmMemory() (int, bool)
	// Warn tells the page's developer (the console) what was refused.
	Warn(msg string)
}

// API is the page API of one map. It is not safe for concurrent use; the
// browser calls it from its one thread, between frames.
type API struct {
	app    App
	page   Page
	prep   *layout.Prepared
	m      *mapdata.Map
	story  *story.Story
	layers []string       // the layers a reader can switch
	steps  []mapdata.Date // the days the timeline's Play steps through
	emit   func(event string, value any)
}

// New returns the API of app showing prep's map, with st's tour (nil for
// none), on page.
func New(app App, page Page, prep *layout.Prepared, st *story.Story) *API {
	return &API{
		app: app, page: page, prep: prep, m: prep.Map, story: st,
		layers: view.LayerIDs(prep.Map), steps: panel.DateSteps(prep.Map),
	}
}

// Scope says who a method is for.
type Scope int

const (
	// Public methods are window.silkmap's: documented in docs/embedding.md's
	// "Page API", kept stable for other pages, and callable by postMessage.
	Public Scope = iota
	// Shell methods are the page's own scripts' (the loader and ui.js)
	// and change with them: they sit on a private object and are not
	// offered by postMessage.
	Shell
)

// Method is one member of the page API.
type Method struct {
	Name  string
	Scope Scope
	Do    func(a *API, args Args) any
}

// Methods is every member the map adds to the page. (The loader adds
// ready, on and off to window.silkmap itself: they exist before the map.)
var Methods = []Method{
	{"getView", Public, (*API).getView},
	{"getSelection", Public, (*API).getSelection},
	{"select", Public, (*API).selectID},
	{"show", Public, (*API).show},
	{"setView", Public, (*API).setView},
	{"setLayers", Public, (*API).setLayers},
	{"getFragment", Public, (*API).getFragment},
	{"stats", Public, (*API).stats},

	{"getInfo", Shell, (*API).getInfo},
	{"getTooltip", Shell, (*API).getTooltip},
	{"search", Shell, (*API).search},
	{"getContents", Shell, (*API).getContents},
	{"getArticles", Shell, (*API).getArticles},
	{"getLegend", Shell, (*API).getLegend},
	{"getLayers", Shell, (*API).getLayers},
	{"getTimeline", Shell, (*API).getTimeline},
	{"dateSteps", Shell, (*API).dateSteps},
	{"stepDate", Shell, (*API).stepDate},
	{"getStory", Shell, (*API).getStory},
	{"playScene", Shell, (*API).playScene},
	{"reserve", Shell, (*API).reserve},
	{"pointerOver", Shell, (*API).pointerOver},
	{"click", Shell, (*API).click},
	{"reveal", Shell, (*API).reveal},
	{"zoomBy", Shell, (*API).zoomBy},
	{"zoomLimits", Shell, (*API).zoomLimits},
	{"getScale", Shell, (*API).getScale},
	{"getKeys", Shell, (*API).getKeys},
	{"setTheme", Shell, (*API).setTheme},
	{"revealSelection", Shell, (*API).revealSelection},
	{"capture", Shell, (*API).capture},
	{"pointAt", Shell, (*API).pointAt},
	{"screenOf", Shell, (*API).screenOf},
	{"preview", Shell, (*API).preview},
}

// PostMessage lists the methods a parent page may call by postMessage,
// besides the loader's ready: the public ones, in the table's order.
func PostMessage() []string {
	var names []string
	for _, m := range Methods {
		if m.Scope == Public {
			names = append(names, m.Name)
		}
	}
	return names
}

// Listen calls emit with each event the page's listeners get: "select"
// with the new selection (null for none), "view" with the new view (as
// getView gives it) and "hover" with the id under the pointer (or null).
func (a *API) Listen(emit func(event string, value any)) {
	a.emit = emit
	a.app.OnSelect(func() { emit("select", nullable(a.app.View().Sel)) })
	a.app.OnView(func() { emit("view", ViewOf(a.app.View())) })
	a.app.OnHover(func() { emit("hover", nullable(a.app.Hover())) })
}

// Args are a call's arguments as JSON-like values: nil, bool, float64,
// string, []any and map[string]any, as encoding/json decodes into any,
// except that a number may be NaN or infinite (the page's numbers can).
type Args []any

// at is argument i, nil when there is none.
func (args Args) at(i int) any {
	if i < len(args) {
		return args[i]
	}
	return nil
}

// String is argument i when it is a string, or "".
func (args Args) String(i int) string {
	if i < len(args) {
		s, _ := args[i].(string)
		return s
	}
	return ""
}

// Number is argument i when it is a finite number.
func (args Args) Number(i int) (float64, bool) {
	if i < len(args) {
		return finite(args[i])
	}
	return 0, false
}

// Truthy is whether argument i is true to JavaScript.
func (args Args) Truthy(i int) bool {
	if i >= len(args) {
		return false
	}
	switch v := args[i].(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0 && !math.IsNaN(v)
	case string:
		return v != ""
	}
	return true // an array or an object
}

// point is the first two arguments, x and y, as finite numbers.
func (args Args) point() (x, y float64, ok bool) {
	x, okx := args.Number(0)
	y, oky := args.Number(1)
	return x, y, okx && oky
}

// describe writes an argument for a warning, shortened: a string as it
// is, anything else as JSON (NaN and the infinities as Go writes them).
func describe(v any) string {
	s, ok := v.(string)
	if !ok {
		b, err := json.Marshal(v)
		s = string(b)
		if err != nil {
			s = fmt.Sprint(v)
		}
	}
	return view.Clip(s)
}

func finite(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok && !math.IsNaN(f) && !math.IsInf(f, 0)
}

// nullable is s, or nil (JSON's null) when s is "".
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// box reads a screen box [left, top, right, bottom] in CSS pixels, scaled
// by r; false for anything else.
func box(v any, r float64) (orb.Bound, bool) {
	l, ok := v.([]any)
	if !ok || len(l) != 4 {
		return orb.Bound{}, false
	}
	var c [4]float64
	for i := range c {
		f, ok := finite(l[i])
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

// screen is the page's size in CSS pixels and the part of it that its
// panels leave free (empty when they do not say: the whole screen).
func (a *API) screen() (w, h float64, free orb.Bound) {
	w, h = a.page.Size()
	free, _ = box(a.page.FreeArea(), 1)
	return w, h, free
}

func (a *API) getView(Args) any { return ViewOf(a.app.View()) }

func (a *API) getSelection(Args) any { return nullable(a.app.View().Sel) }

func (a *API) getFragment(Args) any { return view.Encode(a.app.View()) }

// selectID is select(id): "" (or anything but a string) clears.
func (a *API) selectID(args Args) any {
	id := args.String(0)
	if id != "" && a.m.Kind(id) == "" {
		return false
	}
	a.app.Select(id)
	return true
}

// show selects id (or reads the article) and flies to frame it in the part
// of the screen the page's panels leave free, measured once the
// selection's card is open.
func (a *API) show(args Args) any {
	id := args.String(0)
	kind := a.m.Kind(id)
	if kind == "" {
		return false
	}
	v := a.app.View()
	if kind == mapdata.KindArticle {
		v.Article = id
	} else {
		a.app.Select(id)
		v.Sel = id
	}
	if b, ok := a.prep.Bound(id, v.Date); ok {
		w, h, area := a.screen()
		v = view.Fit(v, b, a.prep.LOD.Projection, w, h, area, 7)
	}
	a.app.FlyTo(v)
	return true
}

func (a *API) setView(args Args) any {
	if len(args) == 0 {
		return false
	}
	v, warnings := a.mergeView(a.app.View(), args[0])
	for _, w := range warnings {
		a.page.Warn("silkmap: setView: " + w)
	}
	a.app.SetView(v)
	return len(warnings) == 0
}

// mergeView applies a setView argument over v: a fragment string, or an
// object (see MergeObject).
func (a *API) mergeView(v view.View, arg any) (view.View, []string) {
	switch arg := arg.(type) {
	case string:
		return view.Decode(arg, v, a.m, a.layers)
	case map[string]any:
		return MergeObject(v, arg, a.m, a.layers)
	case []any: // an object to JavaScript, with none of the keys
		return MergeObject(v, nil, a.m, a.layers)
	}
	return v, []string{"want a fragment string or an object"}
}

// setLayers shows the layers listed, in their order: it is setView with
// only a list of layers (MergeObject, view.SetLayers).
func (a *API) setLayers(args Args) any {
	list, ok := args.at(0).([]any)
	if !ok {
		return false
	}
	v, warn := MergeObject(a.app.View(), map[string]any{"layers": list}, a.m, a.layers)
	for _, w := range warn {
		a.page.Warn("silkmap: setLayers: " + strings.TrimPrefix(w, "layers: "))
	}
	a.app.SetView(v)
	return len(warn) == 0
}

// Stats is stats()'s object.
type Stats struct {
	Frames     int  `json:"frames"`
	FullFrames int  `json:"fullFrames"`
	WasmMemory *int `json:"wasmMemory,omitempty"`
	// Detail is the boundaries the last frame drew: layout.DetailBase
	// (1:50m, or an editor's own) or layout.DetailFine (1:10m).
	Detail string `json:"detail"`
}

func (a *API) stats(Args) any {
	st := Stats{Frames: a.app.Frames(), FullFrames: a.app.FullFrames(), Detail: layout.DetailBase}
	if n, ok := a.page.WasmMemory(); ok {
		st.WasmMemory = &n
	}
	if f := a.app.Frame(); f != nil {
		st.Detail = f.G.Detail
	}
	return st
}

// Prepared is the map on screen: the one New was given, or the studio's
// preview of an edit.
func (a *API) Prepared() *layout.Prepared { return a.prep }

// getInfo is the card of id, or of the selection when no id is given; nil
// when there is none.
func (a *API) getInfo(args Args) any {
	id := args.String(0)
	if id == "" {
		id = a.app.View().Sel
	}
	in, ok := panel.NewInfo(a.m, id, a.app.View().Date)
	if !ok {
		return nil
	}
	return in
}

func (a *API) getTooltip(args Args) any {
	t, ok := panel.NewTooltip(a.m, args.String(0), a.app.View().Date)
	if !ok {
		return nil
	}
	return t
}

func (a *API) search(args Args) any { return panel.Search(a.m, args.String(0), 8) }

func (a *API) getContents(Args) any { return panel.Contents(a.m, a.app.View().Date) }

func (a *API) getArticles(Args) any {
	var out []panel.ArticleRow
	for _, ar := range a.m.Articles {
		out = append(out, panel.ArticleRowIn(a.m, ar))
	}
	return out
}

func (a *API) getLegend(Args) any {
	if f := a.app.Frame(); f != nil {
		return legend(f.Legend())
	}
	return []LegendEntry{}
}

// Layer is a row of getLayers: a layer the reader can switch.
type Layer struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	On    bool    `json:"on"`
	Group *string `json:"group"` // "Sites" for the kinds of site and "Ties" for the kinds of tie, which the page shows under one checkbox each
}

func (a *API) getLayers(Args) any {
	v := a.app.View()
	w := a.m.Words()
	out := make([]Layer, 0, len(a.layers))
	for _, id := range a.layers {
		name, group := a.m.Name(id), ""
		switch {
		case strings.HasPrefix(id, "sites:"):
			name, group = mapdata.Capitalize(w, w.T(mapdata.SlugWords(strings.TrimPrefix(id, "sites:")))), w.T("Sites")
		case strings.HasPrefix(id, "ties:"):
			name, group = mapdata.Capitalize(w, w.T(mapdata.SlugWords(strings.TrimPrefix(id, "ties:")))), w.T("Ties")
		case a.m.Body(id) != nil && a.m.Body(id).ShortName != "":
			name = a.m.Body(id).ShortName + " — " + name
		case strings.Contains(name, " ("):
			name = name[:strings.Index(name, " (")]
		}
		out = append(out, Layer{id, name, v.Shows(a.m, id), nullable(group)})
	}
	return out
}

func (a *API) getTimeline(Args) any { return panel.Timeline(a.m) }

// dateSteps is the days the timeline's Play steps through.
func (a *API) dateSteps(Args) any { return a.steps }

// stepDate is the next of those days from the view's (a negative argument
// steps back); "" is today.
func (a *API) stepDate(args Args) any {
	dir := 1
	if d, ok := args.Number(0); ok && d < 0 {
		dir = -1
	}
	return string(panel.StepDate(a.steps, a.app.View().Date, dir))
}

// Scene is a scene of getStory's tour.
type Scene struct {
	Title    string `json:"title"`
	Caption  string `json:"caption"`
	Fragment string `json:"fragment"`
}

// Tour is getStory's object.
type Tour struct {
	Title  string  `json:"title"`
	Scenes []Scene `json:"scenes"`
}

func (a *API) getStory(Args) any {
	if a.story == nil {
		return nil
	}
	out := Tour{Title: a.story.Title}
	for _, sc := range a.story.Scenes {
		out.Scenes = append(out.Scenes, Scene{sc.Title, sc.Caption, view.Encode(sc.View)})
	}
	return out
}

// playScene shows scene n (from 1) of the tour, framed for the screen.
func (a *API) playScene(args Args) any {
	f, ok := args.Number(0)
	if a.story == nil || !ok || f < 1 || f >= float64(len(a.story.Scenes)+1) {
		return false
	}
	sc := a.story.Scenes[int(f)-1]
	a.app.SetHighlight(sc.Highlight)
	a.app.Select(sc.View.Sel) // the card opens or closes first: the free area is measured as the scene will have it
	w, h, area := a.screen()
	a.app.FlyTo(view.FitScene(sc.View, a.prep.LOD.Projection, w, h, area))
	return true
}

// reserve takes the boxes the page's panels cover, in CSS pixels:
// [[left, top, right, bottom], ...]; the map's labels keep out of them.
func (a *API) reserve(args Args) any {
	l, ok := args.at(0).([]any)
	if !ok {
		return nil
	}
	var boxes []orb.Bound
	r := a.page.PixelRatio()
	for _, v := range l {
		if b, ok := box(v, r); ok {
			boxes = append(boxes, b)
		}
	}
	a.app.SetReserved(boxes)
	return nil
}

// pointerOver is the page's report that the pointer came over the map
// (true) or left it (false).
func (a *API) pointerOver(args Args) any {
	a.app.SetPointerOver(args.Truthy(0))
	return nil
}

// click is the page's report of a click at CSS pixels (x, y), with Shift
// when the third argument is true.
func (a *API) click(args Args) any {
	if x, y, ok := args.point(); ok {
		r := a.page.PixelRatio()
		a.app.ClickAt(x*r, y*r, args.Truthy(2))
	}
	return nil
}

// reveal is the page's report that a card opened over the place the
// reader tapped, at CSS pixels (x, y): the map glides it into view.
func (a *API) reveal(args Args) any {
	x, y, ok := args.point()
	if !ok {
		return nil
	}
	w, h, area := a.screen()
	if v, moved := view.Reveal(a.app.View(), a.prep.LOD.Projection, w, h, area, x, y); moved {
		a.app.FlyTo(v)
	}
	return nil
}

// zoomBy is the page's zoom buttons: the map flies in (a positive
// argument) or out by that many steps about the centre of the screen.
func (a *API) zoomBy(args Args) any {
	dz, ok := args.Number(0)
	if !ok {
		return nil
	}
	v := a.app.View()
	v.Zoom += dz
	a.app.FlyTo(view.Clamp(v))
	return nil
}

// zoomLimits is the least and the greatest zoom of the map.
func (a *API) zoomLimits(Args) any { return [2]float64{view.MinZoom, view.MaxZoom} }

// revealSelection is the page's report that it opened on a link with a
// selection, whose card is now open: where the card covers the selection,
// the map moves at once so that it shows beside or above the card, as
// reveal does for a tap. True when it moved.
func (a *API) revealSelection(Args) any {
	v := a.app.View()
	b, ok := a.prep.Bound(v.Sel, v.Date)
	if v.Sel == "" || !ok {
		return false
	}
	w, h, area := a.screen()
	x, y := a.app.Camera().WorldToScreen(b.Center())
	r := a.page.PixelRatio()
	v, moved := view.Reveal(v, a.prep.LOD.Projection, w, h, area, x/r, y/r)
	if moved {
		a.app.SetView(v)
	}
	return moved
}

// capture asks for a picture of the map as the screen shows it (the page
// prints it where no server draws one): the "capture" event brings it as
// a JPEG data: URL.
func (a *API) capture(Args) any {
	a.app.Capture(func(img *image.RGBA) {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err == nil && a.emit != nil {
			a.emit("capture", "data:image/jpeg;base64,"+base64.StdEncoding.EncodeToString(b.Bytes()))
		}
	})
	return nil
}

// getScale is the scale bar of the view (layout.Scale).
func (a *API) getScale(Args) any {
	return layout.NewScale(layout.MetresPerPixel(a.app.Camera()), a.m.Words())
}

// setTheme draws the map in the theme named (light, dark, projector):
// the page's chooser, ?theme= and the system's preference; false for
// another name.
func (a *API) setTheme(args Args) any {
	t := style.ThemeNamed(args.String(0))
	if t == nil {
		return false
	}
	a.app.SetTheme(t)
	return true
}

// getKeys is the page's keyboard shortcuts, for its help dialog.
func (a *API) getKeys(Args) any { return panel.Keys(a.m.Words(), panel.OnPage) }
