package web

import (
	"fmt"
	"strings"
	"testing"
)

// With a public address, the page carries link-preview tags for a static
// host (escaped); without one, it keeps the marker silkmap serve fills in.
func TestIndex_linkPreview(t *testing.T) {
	page, err := Index(Page{Poster: "poster.0123456789.jpg", URL: `https://example.org/a&b"/`})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<meta property="og:url" content="https://example.org/a&amp;b&#34;/">`,
		`<meta property="og:image" content="https://example.org/a&amp;b&#34;/poster.0123456789.jpg">`,
		`<meta property="og:image:width" content="1280">`,
		`<meta property="og:title" content="silkmap — `,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page with a URL lacks %s", want)
		}
	}
	if strings.Contains(string(page), `<meta name="silkmap:head">`) {
		t.Error("page with a URL still has the marker for per-request tags")
	}
	page, err = Index(Page{Poster: "poster.0123456789.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<meta name="silkmap:head">`) || strings.Contains(string(page), "og:") {
		t.Error("page without a URL: want the marker and no og: tags")
	}
}

// The page picks the phone poster up to its width, the tablet one on
// upright screens up to its width, and the large one past the small one's
// width, and the stylesheet's rules for screens no larger than the poster they load name
// the posters' sizes.
func TestStyle_posterScale(t *testing.T) {
	css, err := Files.ReadFile("loading.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("@media (max-width: %dpx) and (max-height: %dpx) { #silkmap-loading .poster { object-fit: none; } }", PhonePosterWidth, PhonePosterHeight),
		fmt.Sprintf("@media (max-width: %dpx) and (max-height: %dpx) { #silkmap-loading .poster { object-fit: none; } }", PosterWidth, PosterHeight),
		fmt.Sprintf("@media (min-width: %dpx) and (max-width: %dpx) and (max-height: %dpx) { #silkmap-loading .poster { object-fit: none; } }", PosterWidth+1, LargePosterWidth, LargePosterHeight),
		fmt.Sprintf("@media (min-width: %dpx) and (max-width: %dpx) and (min-height: %dpx) and (max-height: %dpx) { #silkmap-loading .poster { object-fit: none; } }", PhonePosterWidth+1, LargePosterWidth, PosterHeight+1, LargePosterHeight),
		fmt.Sprintf("@media (min-width: %dpx) and (max-width: %dpx) and (orientation: portrait) and (max-height: %dpx) { #silkmap-loading .poster { object-fit: none; } }", PhonePosterWidth+1, TabletPosterWidth, TabletPosterHeight),
	} {
		if !strings.Contains(string(css), want) {
			t.Errorf("loading.css lacks %s", want)
		}
	}
	page, err := Index(Page{Poster: "poster.0123456789.jpg", LargePoster: "poster-large.0123456789.jpg", PhonePoster: "poster-phone.0123456789.jpg", TabletPoster: "poster-tablet.0123456789.jpg",
		Dark:      Posters{Poster: "poster-dark.1.jpg", Large: "poster-large-dark.1.jpg", Phone: "poster-phone-dark.1.jpg", Tablet: "poster-tablet-dark.1.jpg"},
		Projector: Posters{Poster: "poster-projector.2.jpg", Large: "poster-large-projector.2.jpg", Phone: "poster-phone-projector.2.jpg", Tablet: "poster-tablet-projector.2.jpg"}})
	if err != nil {
		t.Fatal(err)
	}
	// Each size in each theme: the system's dark ones by media query, first;
	// the chosen theme's in data attributes of the light ones.
	for _, want := range []string{
		fmt.Sprintf(`<source class="poster-phone" media="(max-width: %dpx)" srcset="poster-phone.0123456789.jpg" data-dark="poster-phone-dark.1.jpg" data-projector="poster-phone-projector.2.jpg">`, PhonePosterWidth),
		fmt.Sprintf(`<source class="poster-large" media="(min-width: %dpx), (min-height: %dpx)" srcset="poster-large.0123456789.jpg" data-dark="poster-large-dark.1.jpg" data-projector="poster-large-projector.2.jpg">`, PosterWidth+1, PosterHeight+1),
		fmt.Sprintf(`<source class="poster-tablet" media="(min-width: %dpx) and (max-width: %dpx) and (orientation: portrait)" srcset="poster-tablet.0123456789.jpg" data-dark="poster-tablet-dark.1.jpg" data-projector="poster-tablet-projector.2.jpg">`, PhonePosterWidth+1, TabletPosterWidth),
		`<img class="poster" src="poster.0123456789.jpg" data-dark="poster-dark.1.jpg" data-projector="poster-projector.2.jpg"`,
		fmt.Sprintf(`<picture><source class="poster-dark" media="(prefers-color-scheme: dark) and (max-width: %dpx)" srcset="poster-phone-dark.1.jpg">`, PhonePosterWidth),
		fmt.Sprintf(`<source class="poster-dark" media="(prefers-color-scheme: dark) and (min-width: %dpx), (prefers-color-scheme: dark) and (min-height: %dpx)" srcset="poster-large-dark.1.jpg"><source class="poster-dark" media="(prefers-color-scheme: dark)" srcset="poster-dark.1.jpg"><source class="poster-phone"`, PosterWidth+1, PosterHeight+1),
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
}

// The bundler's list of methods replaces the loader's empty one.
func TestLoader(t *testing.T) {
	js, err := Loader([]string{"getView", "select"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `const methods = ['ready', ...["getView","select"]];`; !strings.Contains(string(js), want) {
		t.Errorf("loader.js lacks %s", want)
	}
	if strings.Contains(string(js), methodsMark) {
		t.Error("loader.js still has the empty list")
	}
}

// The bundler's name of the detail's index replaces the loader's empty one,
// on the page's private channel.
func TestWithDetail(t *testing.T) {
	js, err := Loader(nil)
	if err != nil {
		t.Fatal(err)
	}
	if js, err = WithDetail(js, "detail/index.0123456789.json"); err != nil {
		t.Fatal(err)
	}
	if want := `detail: "detail/index.0123456789.json",`; !strings.Contains(string(js), want) {
		t.Errorf("loader.js lacks %s", want)
	}
	if _, err := WithDetail(js, "again"); err == nil {
		t.Error("a loader with its detail written accepts another")
	}
}

// Until the poster is on screen the page is the poster alone: its head
// loads only the loading screen's stylesheet and the loader, which names
// the stylesheets and scripts it adds once the poster shows, in order (the
// studio's last); everything else in the body is in the template the
// loader adds then.
func TestIndex_posterFirst(t *testing.T) {
	p := Page{WasmExec: "wasm_exec.1.js", Loader: "loader.2.js", UI: "ui.3.js", LoadingCSS: "loading.4.css", CSS: "style.5.css", Wasm: "silkmap.6.wasm", Poster: "poster.7.jpg"}
	for _, c := range []struct {
		page    Page
		css, js string
	}{
		{p, "style.5.css", "wasm_exec.1.js ui.3.js"},
		{func() Page { s := p; s.EditJS, s.EditCSS = "edit.8.js", "edit.9.css"; return s }(), "style.5.css edit.9.css", "wasm_exec.1.js ui.3.js edit.8.js"},
	} {
		b, err := Index(c.page)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		head, body, ok := strings.Cut(page, "<body>")
		if !ok {
			t.Fatal("no <body>")
		}
		if got := strings.Count(head, "<link rel=\"stylesheet\""); got != 1 || !strings.Contains(head, `<link rel="stylesheet" href="loading.4.css">`) {
			t.Errorf("head links %d stylesheets, want loading.4.css alone", got)
		}
		if got := strings.Count(head, "<script"); got != 1 {
			t.Errorf("head has %d scripts, want the loader alone", got)
		}
		want := fmt.Sprintf(`<script src="loader.2.js" defer data-wasm="silkmap.6.wasm" data-css="%s" data-js="%s"></script>`, c.css, c.js)
		if !strings.Contains(head, want) {
			t.Errorf("head lacks %s", want)
		}
		before, rest, ok := strings.Cut(body, `<template id="silkmap-page">`)
		if !ok {
			t.Fatal("no template for the rest of the page")
		}
		if !strings.HasPrefix(before, "\n<div id=\"silkmap-loading\">") || !strings.Contains(before, `<img class="poster" src="poster.7.jpg"`) {
			t.Errorf("before the template, want the loading screen with the poster; got %.200q", before)
		}
		for _, tag := range []string{"<main", "<nav", "<section", "<footer", "<aside"} {
			if strings.Contains(before, tag) {
				t.Errorf("%s outside the template", tag)
			}
		}
		inside, after, _ := strings.Cut(rest, "</template>")
		if !strings.HasPrefix(inside, "\n<main id=\"map\">") || !strings.Contains(inside, `<footer class="attribution">`) {
			t.Error("the template lacks the map's landmark first or the credit line")
		}
		if strings.TrimSpace(after) != "</body>\n</html>" {
			t.Errorf("after the template: %q", after)
		}
	}
}
