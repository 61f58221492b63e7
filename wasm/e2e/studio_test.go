package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/internal/studio"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/view"
)

const studioToken = "studio-test-token"

// studioServer serves the map with the studio on a copy of the default
// content; it returns the server's address and the folder.
func studioServer(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range mapdata.ContentFiles {
		if data, err := fs.ReadFile(assets.Content(), name); err == nil {
			os.WriteFile(filepath.Join(dir, name), data, 0o644)
		}
	}
	folder := studio.Folder{Dir: dir, Limits: mapdata.DefaultLimits, Prepare: func(m *mapdata.Map) *layout.Prepared { return layout.Prepare(m, geo.WebMercator) }}
	files, err := folder.Read()
	if err != nil {
		t.Fatal(err)
	}
	m, err := mapdata.Load(assets.Boundaries, files)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Options{Web: os.DirFS(webDir), Content: files, Map: layout.Prepare(m, geo.WebMercator),
		Edit: &server.Edit{Token: studioToken, Folder: folder, Limits: mapdata.DefaultLimits}}))
	t.Cleanup(srv.Close)
	return srv.URL + "/", dir
}

// openStudio opens the studio in ctx and gives it the token.
func openStudio(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	ready(t, ctx, base+"edit")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector('.studio-token input') || null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no token dialog: %v", err)
	}
	js := fmt.Sprintf(`(() => { const d = document.querySelector('.studio-token'); d.querySelector('input').value = %q; d.querySelector('button').click(); return !document.querySelector('.studio-token'); })()`, studioToken)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil || !ok {
		t.Fatalf("giving the token: %v", err)
	}
}

// jsClick clicks the first element matching a selector (whose text
// contains text, when given).
func jsClick(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = [...document.querySelectorAll(%q)].find(e => e.textContent.includes(%q)); if (!e) return false; e.click(); return true; })()`, sel, text)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil || !ok {
		t.Fatalf("no %s %q to click (%v)", sel, text, err)
	}
}

// typeInto sets a studio field's value as typing does (an input event).
func typeInto(t *testing.T, ctx context.Context, label, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const l = [...document.querySelectorAll('.studio label')].find(l => l.textContent.startsWith(%q)); if (!l) return false;
		const i = document.getElementById(l.htmlFor); i.value = %q; i.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`, label, value)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil || !ok {
		t.Fatalf("no field %q (%v)", label, err)
	}
}

func studioStatus(ctx context.Context) string {
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.studio-status').textContent`))
	return s
}

// An editor places a site on the map, names it, links it to an article and
// saves: the folder has it, silkmap show knows it, and the readers' page
// shows it. An edit the checks refuse is marked at its field.
func TestStudio_placeSite(t *testing.T) {
	base, dir := studioServer(t)
	ctx, consoleErrors := browser(t)
	openStudio(t, ctx, base)
	jsClick(t, ctx, ".studio-add-site", "Add a site")
	cam := view.NewCamera(view.Default, geo.WebMercator, 1280, 720, 1)
	x, y := cam.LonLatToScreen(orb.Point{63, 47}) // in Kazakhstan, clear of the panels
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.studio-site-list').value === 'site:new-1' || null`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("no new site after a click on the map: %v", err)
	}
	country, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.studio label')].find(l => l.textContent.startsWith('Country')).nextElementSibling.value`))
	if country != "KAZ" {
		t.Errorf("the country suggested from the point is %q, want KAZ", country)
	}
	typeInto(t, ctx, "Name", "Studio test site")
	typeInto(t, ctx, "Sources", "https://en.wikipedia.org/wiki/Kazakhstan")
	jsClick(t, ctx, ".studio fieldset label", "The Rise of Security")
	// A bad edit: an unknown country is marked at its field, and a save is
	// refused with the same message.
	typeInto(t, ctx, "Country", "XYZ")
	bad := `(() => { const f = document.querySelector('.studio .field[data-path$=".properties.country"]'); const p = f && f.querySelector('.problem'); return p && f.querySelector('[aria-invalid=true]') ? p.textContent : null; })()`
	if msg, err := chromedp.Run(ctx, chromedp.Poll[string](bad, chromedp.WithPollingTimeout(5*time.Second))); err != nil || !strings.Contains(msg, `unknown ISO code "XYZ"`) {
		t.Errorf("the bad country is not marked at its field: %q %v", msg, err)
	}
	jsClick(t, ctx, ".studio-save", "Save")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.studio-status').textContent.startsWith('Not saved') || null`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("a refused save: status %q", studioStatus(ctx))
	}
	typeInto(t, ctx, "Country", "KAZ")
	time.Sleep(400 * time.Millisecond)
	screenshot(t, ctx, "studio.png")
	jsClick(t, ctx, ".studio-save", "Save")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.studio-status').textContent === 'Saved.' || null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("not saved: status %q", studioStatus(ctx))
	}
	// In the folder, as silkmap show reads it.
	out, err := exec.Command("go", "run", "../../cmd/silkmap", "show", "--json", "--content", dir, "site:new-1").Output()
	var shown struct {
		Name     string
		Location []float64
		Articles []struct{ ID string }
	}
	if err != nil || json.Unmarshal(out, &shown) != nil || shown.Name != "Studio test site" || len(shown.Articles) != 1 || shown.Articles[0].ID != "article:turkic-security-cooperation" {
		t.Errorf("silkmap show: %v %s", err, out)
	} else if shown.Location[0] < 62 || shown.Location[0] > 64 || shown.Location[1] < 46 || shown.Location[1] > 48 {
		t.Errorf("the site is at %v, not where it was placed", shown.Location)
	}
	// On the readers' page.
	ready(t, ctx, base)
	if name, err := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.select('site:new-1') && silkmapShell.getInfo().name`)); err != nil || name != "Studio test site" {
		t.Errorf("the readers' page: %q %v", name, err)
	}
	// The browser reports the refused save (422) as a failed load: the one
	// error expected.
	for _, e := range consoleErrors() {
		if !strings.Contains(e, "status of 422") {
			t.Errorf("console error: %s", e)
		}
	}
}

// Two tabs: the second hears of the first's save at once, and its own
// save of what it read before is refused as stale, with the choice to load
// the saved version or keep its own.
func TestStudio_twoTabs(t *testing.T) {
	base, _ := studioServer(t)
	first, _ := browser(t)
	openStudio(t, first, base)
	second, cancel := chromedp.NewContext(first) // a tab of the same browser
	defer cancel()
	openStudio(t, second, base)
	for _, tab := range []context.Context{first, second} {
		jsClick(t, tab, ".studio-tabs button", "Articles")
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { const s = document.querySelector('.studio-article-list'); s.value = 'article:bagram-dilemma'; s.dispatchEvent(new Event('change')); return true; })()`)); err != nil {
			t.Fatal(err)
		}
	}
	typeInto(t, second, "Title", "Edited in the second tab") // not saved yet
	typeInto(t, first, "Summary", "Edited in the first tab.")
	jsClick(t, first, ".studio-save", "Save")
	if _, err := chromedp.Run(first, chromedp.Poll[bool](`document.querySelector('.studio-status').textContent === 'Saved.' || null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the first tab did not save: %q", studioStatus(first))
	}
	if _, err := chromedp.Run(second, chromedp.Poll[bool](`document.querySelector('.studio-status').textContent.includes('saved elsewhere') || null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("the second tab was not told: %q", studioStatus(second))
	}
	jsClick(t, second, ".studio-save", "Save")
	if _, err := chromedp.Run(second, chromedp.Poll[bool](`!document.querySelector('.studio-stale').hidden || null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("a stale save was not refused: %q", studioStatus(second))
	}
}

// clickLonLat clicks the map where (lon, lat) is in the default view.
func clickLonLat(t *testing.T, ctx context.Context, lon, lat float64) {
	t.Helper()
	x, y := view.NewCamera(view.Default, geo.WebMercator, 1280, 720, 1).LonLatToScreen(orb.Point{lon, lat})
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
}

// handles returns the screen centres of the part's point handles.
func handles(t *testing.T, ctx context.Context) [][2]float64 {
	t.Helper()
	hs, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]float64](`[...document.querySelectorAll('.studio-handle')].map(h => { const r = h.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })`))
	if err != nil {
		t.Fatal(err)
	}
	return hs
}

func saved(t *testing.T, ctx context.Context) {
	t.Helper()
	jsClick(t, ctx, ".studio-save", "Save")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.studio-status').textContent === 'Saved.' || null`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("not saved: status %q; checks: %s", studioStatus(ctx), checks(ctx))
	}
}

func checks(ctx context.Context) string {
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.studio-problems').innerText`))
	return s
}

// savedParts is the number of points of each of the corridor's parts in
// dir's corridors.geojson, once silkmap check passes the folder.
func savedParts(t *testing.T, dir, id string) []int {
	t.Helper()
	if out, err := exec.Command("go", "run", "../../cmd/silkmap", "check", dir).CombinedOutput(); err != nil {
		t.Fatalf("silkmap check: %v %s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "corridors.geojson"))
	var fc struct {
		Features []struct {
			Geometry   struct{ Coordinates [][]float64 }
			Properties struct{ Corridor string }
		}
	}
	if err != nil || json.Unmarshal(data, &fc) != nil {
		t.Fatalf("corridors.geojson: %v %s", err, data)
	}
	var n []int
	for _, f := range fc.Features {
		if f.Properties.Corridor == id {
			n = append(n, len(f.Geometry.Coordinates))
		}
	}
	return n
}

// An editor draws a corridor of three points and saves it, moves one,
// inserts one and deletes one (by the keyboard), and sees it on the
// readers' page; a rail point dropped in the sea is flagged before saving.
func TestStudio_drawCorridor(t *testing.T) {
	base, dir := studioServer(t)
	ctx, consoleErrors := browser(t)
	openStudio(t, ctx, base)
	jsClick(t, ctx, ".studio-tabs button", "Corridors")
	jsClick(t, ctx, ".studio-new-corridor", "New corridor")
	for _, lon := range []float64{58, 63, 68} {
		clickLonLat(t, ctx, lon, 48)
	}
	jsClick(t, ctx, ".studio-draw", "Finish")
	if n := len(handles(t, ctx)); n != 3 {
		t.Fatalf("%d points after three clicks", n)
	}
	typeInto(t, ctx, "Sources", "https://en.wikipedia.org/wiki/Kazakhstan")
	typeInto(t, ctx, "Part source", "https://en.wikipedia.org/wiki/Kazakhstan")
	saved(t, ctx)
	if n := savedParts(t, dir, "corridor:new-1"); len(n) != 1 || n[0] != 3 {
		t.Fatalf("saved parts %v, want one of 3 points", n)
	}
	// Move the middle point south by dragging its handle.
	h := handles(t, ctx)
	if err := chromedp.Do(ctx,
		chromedp.MouseEvent(chromedp.MousePressed, h[1][0], h[1][1], chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, h[1][0], h[1][1]+30, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, h[1][0], h[1][1]+60, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseReleased, h[1][0], h[1][1]+60, chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
		t.Fatal(err)
	}
	if moved := handles(t, ctx); len(moved) != 3 || moved[1][1] < h[1][1]+50 {
		t.Errorf("the dragged handle is at %v, was %v", moved, h)
	}
	// Insert one by a click on the line a quarter of the way from the
	// first point to the second, then delete the last with the keyboard.
	h = handles(t, ctx)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(h[0][0]+(h[1][0]-h[0][0])/4, h[0][1]+(h[1][1]-h[0][1])/4)); err != nil {
		t.Fatal(err)
	}
	if n := len(handles(t, ctx)); n != 4 {
		t.Fatalf("%d points after inserting one", n)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const hs = document.querySelectorAll('.studio-handle'); hs[hs.length - 1].focus(); hs[hs.length - 1].dispatchEvent(new KeyboardEvent('keydown', {key: 'Delete', bubbles: true})); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	if n := len(handles(t, ctx)); n != 3 {
		t.Fatalf("%d points after deleting one", n)
	}
	saved(t, ctx)
	if n := savedParts(t, dir, "corridor:new-1"); len(n) != 1 || n[0] != 3 {
		t.Errorf("saved parts %v, want one of 3 points", n)
	}
	// A rail point in the Caspian is flagged at its handle before any save.
	jsClick(t, ctx, ".studio-draw", "Add points")
	clickLonLat(t, ctx, 50.5, 42.5)
	jsClick(t, ctx, ".studio-draw", "Finish")
	flag := `(() => { const f = document.querySelector('.studio-handle.flagged'); return f ? f.title : null; })()`
	if msg, err := chromedp.Run(ctx, chromedp.Poll[string](flag, chromedp.WithPollingTimeout(5*time.Second))); err != nil || !strings.Contains(msg, "lies in the sea") {
		t.Errorf("the point in the sea is not flagged: %q %v; checks: %s", msg, err, checks(ctx))
	}
	screenshot(t, ctx, "studio-corridor.png")
	// The saved corridor, on the readers' page.
	ready(t, ctx, base)
	if name, err := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.select('corridor:new-1') && silkmapShell.getInfo().name`)); err != nil || name != "New corridor 1" {
		t.Errorf("the readers' page: %q %v", name, err)
	}
	for _, e := range consoleErrors() {
		t.Errorf("console error: %s", e)
	}
}

// An editor adds a scene from the current view, moves it up, plays the
// story from it and comes back to editing where they were, and saves.
func TestStudio_story(t *testing.T) {
	base, dir := studioServer(t)
	ctx, _ := browser(t)
	openStudio(t, ctx, base)
	jsClick(t, ctx, ".studio-tabs button", "Story")
	const here = "map=4.5/40.5/58&layers=cac&date=2025-11-16"
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView("`+here+`")`)); err != nil {
		t.Fatal(err)
	}
	scenes := `[...document.querySelectorAll('.studio-scenes li > .linklike')].map(b => b.textContent)`
	before, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](scenes))
	n := len(before) + 1 // with the new scene, the last
	jsClick(t, ctx, ".studio-add-scene", "Add a scene")
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](scenes))
	if len(got) != n || got[n-1] != "New scene" {
		t.Fatalf("scenes %q", got)
	}
	typeInto(t, ctx, "Scene title", "The Community as drawn here")
	jsClick(t, ctx, ".studio-scenes li:last-child button[aria-label='Move up']", "▲")
	got, _ = chromedp.Run(ctx, chromedp.Evaluate[[]string](scenes))
	if len(got) != n || got[n-2] != "The Community as drawn here" {
		t.Fatalf("after moving up: %q", got)
	}
	where, err := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.setView("map=3/45/40") && silkmap.getFragment()`))
	if err != nil {
		t.Fatal(err)
	}
	jsClick(t, ctx, fmt.Sprintf(".studio-play[aria-label='Play from scene %d']", n-1), "▶")
	// The scene is the view's once the map has taken it (a frame later).
	want := fmt.Sprintf("%d / %d The Community as drawn here %d", n-1, n, n-1)
	playing := `(() => { const p = document.querySelector('.studio-player'); return p.hidden ? '' : p.querySelector('.studio-player-progress').textContent + ' ' + p.querySelector('h2').textContent + ' ' + silkmap.getView().scene; })()`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](playing+" === "+strconv.Quote(want)+" || null", chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](playing))
		t.Errorf("playing: %q, want %q", got, want)
	}
	screenshot(t, ctx, "studio-story.png")
	jsClick(t, ctx, ".studio-player-back", "Back to editing")
	back, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(!document.querySelector('.studio').hidden) + ' ' + silkmap.getFragment()`))
	if back != "true "+where {
		t.Errorf("back to editing: %q", back)
	}
	saved(t, ctx)
	data, _ := os.ReadFile(filepath.Join(dir, "story.json"))
	var st struct {
		Scenes []struct{ Title, View string }
	}
	if json.Unmarshal(data, &st) != nil || len(st.Scenes) != n || st.Scenes[n-2].Title != "The Community as drawn here" || st.Scenes[n-2].View != here {
		t.Errorf("the saved story: %s", data)
	}
}

// A site that articles, a body's meetings and the translations name is
// deleted in one save: every mention of it goes with it.
func TestStudio_deleteTranslatedSite(t *testing.T) {
	base, dir := studioServer(t)
	ctx, _ := browser(t)
	openStudio(t, ctx, base)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector('.studio-site-list'); s.value = 'site:istanbul'; s.dispatchEvent(new Event('change')); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	jsClick(t, ctx, ".studio button.danger", "Delete this site")
	saved(t, ctx)
	for _, name := range []string{"sites.geojson", "articles.json", "bodies.json", "story.json", "ru.json", "tr.json"} {
		if data, _ := os.ReadFile(filepath.Join(dir, name)); len(data) == 0 || strings.Contains(string(data), "site:istanbul") {
			t.Errorf("%s still names the deleted site (or is gone)", name)
		}
	}
	if out, err := exec.Command("go", "run", "../../cmd/silkmap", "check", dir).CombinedOutput(); err != nil {
		t.Errorf("silkmap check after the save: %v %s", err, out)
	}
}
