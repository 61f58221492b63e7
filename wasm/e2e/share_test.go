package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// shared clicks Share and returns what it put on the clipboard.
func shared(t *testing.T, ctx context.Context) string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
  let copied = null;
  navigator.clipboard.writeText = (s) => { copied = s; return Promise.resolve(); };
  document.querySelector(".share").click();
  for (let i = 0; i < 50 && copied === null; i++) await new Promise((r) => setTimeout(r, 20));
  return copied;
})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// On a page silkmap serve serves, Share copies BASE/?v=VIEW, whose page
// previews the view; the page that link opens keeps no ?v= in its address,
// and shares its own view. On a static host Share copies the # form.
func TestShare_servedAndStatic(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"#map=4/42/60")
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView({zoom: 6, lat: 34.9, lon: 69.3, sel: "site:bagram", date: "2021-06-01"})`))
	frag, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.getFragment()`))
	link := shared(t, ctx)
	if want := mapURL + "?v=" + url.QueryEscape(frag); link != want && link != strings.ReplaceAll(want, "+", "%20") {
		t.Errorf("Share on a served page copied %q, want %q", link, want)
	}
	// The link's page previews the view.
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{`<meta property="og:title" content="Bagram Airbase — silkmap">`, `<meta property="og:image" content="` + strings.TrimSuffix(mapURL, "/") + `/snapshot.png?view=` + url.QueryEscape(frag), `og:image:alt`, `og:description`, `twitter:card`} {
		if !strings.Contains(page, want) {
			t.Errorf("the shared link's page lacks %s", want)
		}
	}
	// Opened, the link's ?v= leaves the address; the view stays.
	ready(t, ctx, link)
	addr, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.search, location.hash.slice(1), silkmap.getFragment()]`))
	if len(addr) != 3 || addr[0] != "" || addr[1] != frag || addr[2] != frag {
		t.Errorf("opened from ?v=: search, hash, view = %q; want \"\", %q, %q", addr, frag, frag)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView({zoom: 5, lat: 41, lon: 64, sel: "UZB", date: null})`))
	frag2, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.getFragment()`))
	if link := shared(t, ctx); !strings.HasSuffix(link, "?v="+strings.ReplaceAll(url.QueryEscape(frag2), "+", "%20")) || strings.Count(link, "v=") != 1 {
		t.Errorf("Share after moving on a page opened from ?v= copied %q, want the new view %q", link, frag2)
	}

	// A static host (no silkmap-snapshots tag): the # form, no ?v=.
	static := httptest.NewServer(http.FileServer(http.Dir(webDir)))
	defer static.Close()
	ready(t, ctx, static.URL+"/?v="+url.QueryEscape("map=5/41/64&sel=UZB"))
	if link := shared(t, ctx); link != static.URL+"/#map=5/41/64&sel=UZB" {
		t.Errorf("Share on a static host, opened from ?v=, copied %q, want %q", link, static.URL+"/#map=5/41/64&sel=UZB")
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
