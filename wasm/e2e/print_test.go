package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// printed prints the page to PDF as Chromium does for Ctrl+P, on paper w×h
// inches (portrait sizes: the page's own @page makes it landscape), and
// returns pdfinfo's and pdftotext's accounts of it.
func printed(t *testing.T, ctx context.Context, name string, w, h float64) (info, text string) {
	t.Helper()
	yes := true
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: w, PaperHeight: h, PreferCSSPageSize: &yes, PrintBackground: &yes})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(file, pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := func(cmd string, args ...string) string {
		b, err := exec.Command(cmd, args...).Output()
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		return string(b)
	}
	info, text = out("pdfinfo", file), out("pdftotext", "-layout", file, "-")
	if outDir != "" {
		os.MkdirAll(outDir, 0o755)
		exec.Command("pdftoppm", "-png", "-r", "60", "-singlefile", file, filepath.Join(outDir, name)).Run()
	}
	return info, text
}

// Printing gives one landscape page, A4 or Letter, of the view: the map,
// the selection's card, the legend, the credit and the view's link — from
// the server's picture where it draws one, from the canvas on a static
// host.
func TestPrint_onePage(t *testing.T) {
	for _, host := range []string{"served", "static"} {
		t.Run(host, func(t *testing.T) {
			ctx, consoleErrors := browser(t)
			base := mapURL
			if host == "static" {
				static := httptest.NewServer(http.FileServer(http.Dir(webDir)))
				defer static.Close()
				base = static.URL + "/"
			}
			ready(t, ctx, base+"#map=5/38/66&sel=site:bagram")
			// The toolbar's Print, with the browser's print dialog stubbed:
			// the sheet is ready (its picture loaded) when print is called.
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`(async () => {
  let printed = null;
  window.print = () => { const img = document.querySelector(".print-sheet img"); printed = [img.complete && img.naturalWidth > 0, img.getAttribute("src").slice(0, 40)]; };
  document.querySelector("button.print").click();
  for (let i = 0; i < 300 && printed === null; i++) await new Promise((r) => setTimeout(r, 50));
  return printed;
})()`, chromedp.EvalAwaitPromise))
			if err != nil || len(got) != 2 || got[0] != true {
				t.Fatalf("Print: %v, %v; want print called with the map's picture loaded", got, err)
			}
			src, _ := got[1].(string)
			if want := map[string]string{"served": "poster.jpg?view=", "static": "data:image/jpeg;base64,"}[host]; !strings.HasPrefix(src, want) {
				t.Errorf("the printed map is %q, want %s…", src, want)
			}
			if host == "served" && !strings.Contains(src+"&scale=2", "&scale=2") {
				t.Errorf("the printed map %q is not at scale 2", src)
			}
			frag, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.getFragment()`))
			for _, paper := range []struct {
				name      string
				w, h      float64
				sizeInPts string
			}{{"a4", 8.27, 11.69, `Page size: +841\.92 x 595\.92 pts \(A4\)`}, {"letter", 8.5, 11, `Page size: +792 x 612 pts \(letter\)`}} {
				info, text := printed(t, ctx, "print-"+host+"-"+paper.name, paper.w, paper.h)
				if !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) || !regexp.MustCompile(paper.sizeInPts).MatchString(info) {
					t.Errorf("%s on %s: %s; want one landscape page of %s pts", host, paper.name, info, paper.sizeInPts)
				}
				flat := strings.Join(strings.Fields(text), " ")
				for _, want := range []string{"Bagram Airbase", "Legend", "OTS member", "Middle Corridor", "Natural Earth", "Airbase", "km", "mi", map[string]string{"served": "/?v=" + strings.ReplaceAll(url.QueryEscape(frag), "+", "%20"), "static": "/#" + frag}[host]} {
					if !strings.Contains(flat, want) {
						t.Errorf("%s on %s: the page lacks %q:\n%s", host, paper.name, want, text)
					}
				}
			}
			if errs := consoleErrors(); len(errs) > 0 && host == "served" { // a static host answers the loader's poster of a link 404
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
		})
	}
}
