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
