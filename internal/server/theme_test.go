package server

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/render/raster"
)

// /snapshot.png and /poster.jpg draw in the theme asked for, at the scale
// asked for; other themes and scales are refused.
func TestServe_snapshotThemeAndScale(t *testing.T) {
	h := mapServer(t, Options{})
	_, prep := testPage(t)
	const view = "map=4/41/63&sel=UZB"
	r := get(t, h, "GET", "/snapshot.png?view="+url.QueryEscape(view)+"&size=320x200&theme=dark", "")
	if r.StatusCode != 200 {
		t.Fatalf("theme=dark: status %d", r.StatusCode)
	}
	got, err := png.Decode(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := raster.New()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := rr.Snapshot(prep, view, 320, 200, 1, &style.Dark)
	if !sameImage(got, want) {
		t.Error("theme=dark: not the dark theme's snapshot")
	}
	r = get(t, h, "GET", "/poster.jpg?view="+url.QueryEscape(view)+"&size=320x200&scale=2", "")
	if r.StatusCode != 200 {
		t.Fatalf("scale=2: status %d", r.StatusCode)
	}
	if cfg, _, err := image.DecodeConfig(r.Body); err != nil || cfg.Width != 640 || cfg.Height != 400 {
		t.Errorf("scale=2 of 320x200: %dx%d, %v; want 640x400", cfg.Width, cfg.Height, err)
	}
	for _, q := range []string{"theme=neon", "theme=Dark", "scale=4", "scale=0", "scale=1.5", "size=2000x2000&scale=3"} {
		if r := get(t, h, "GET", "/snapshot.png?view=&"+q, ""); r.StatusCode != 400 {
			t.Errorf("%s: status %d, want 400", q, r.StatusCode)
		}
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if color.RGBAModel.Convert(a.At(x, y)) != color.RGBAModel.Convert(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}

// A page asked for in a theme shows the poster and the preview's picture
// in it; oEmbed carries the theme of the link's query into its iframe and
// its thumbnail.
func TestServe_pageAndOEmbedTheme(t *testing.T) {
	h := mapServer(t, Options{BaseURL: "https://maps.example"})
	page := body(get(t, h, "GET", "/?theme=dark", ""))
	if !regexp.MustCompile(`<img class="poster" src="poster\.jpg\?view=&amp;size=1280x720&amp;theme=dark`).MatchString(page) || strings.Contains(page, `class="poster-phone"`) {
		t.Errorf("?theme=dark: the poster is not the dark one:\n%s", firstMatch(page, `<picture>.*?</picture>`))
	}
	if !strings.Contains(page, `<meta property="og:image" content="https://maps.example/snapshot.png?view=&amp;size=1200x630&amp;theme=dark">`) {
		t.Errorf("?theme=dark: og:image %s", firstMatch(page, `<meta property="og:image"[^>]*>`))
	}
	if page := body(get(t, h, "GET", "/?theme=%22neon", "")); strings.Contains(page, "theme=") {
		t.Error("?theme=\"neon: an unknown theme got into the page")
	}
	link := "https://maps.example/?theme=projector&lang=tr#map=4.5/41.2/63"
	var got struct {
		HTML         string
		ThumbnailURL string `json:"thumbnail_url"`
	}
	if err := json.NewDecoder(get(t, h, "GET", "/oembed?format=json&url="+url.QueryEscape(link), "").Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.HTML, `src="https://maps.example/?embed=1&amp;lang=tr&amp;theme=projector#map=4.5/41.2/63"`) || !strings.HasSuffix(got.ThumbnailURL, "&theme=projector") {
		t.Errorf("oEmbed of %s: html %s, thumbnail %s", link, got.HTML, got.ThumbnailURL)
	}
}

// A shared link (?v=) previews its view: title, description, the picture
// of the view and what it shows, and a large card.
func TestServe_sharedLinkPreview(t *testing.T) {
	h := mapServer(t, Options{BaseURL: "https://maps.example"})
	page := body(get(t, h, "GET", "/?v="+url.QueryEscape("map=6/34.9/69.3&sel=site:bagram&date=2021-06-01"), ""))
	for _, want := range []string{
		`<meta property="og:title" content="Bagram Airbase — silkmap">`,
		`<meta property="og:description" content="Bagram Airbase: airbase. Memberships as of 2021-06-01. An interactive map of the Organization of Turkic States`,
		`<meta property="og:image" content="https://maps.example/snapshot.png?view=map%3D6%2F34.9%2F69.3%26sel%3Dsite%3Abagram%26date%3D2021-06-01&amp;size=1200x630">`,
		`<meta property="og:image:alt" content="A map of the area around 35°N, 69°E showing Organization of Turkic States, Collective Security Treaty Organization, Central Asian Community, Middle Corridor (Trans-Caspian International Transport Route), TRIPP (Trump Route for International Peace and Prosperity), China–Kyrgyzstan–Uzbekistan railway as of 2021-06-01, with Bagram Airbase selected.">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`<meta property="og:url" content="https://maps.example/?v=map%3D6%2F34.9%2F69.3%26sel%3Dsite%3Abagram%26date%3D2021-06-01">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page of a shared link lacks %s", want)
		}
	}
	if page := body(get(t, h, "GET", "/", "")); !strings.Contains(page, `<meta property="og:description" content="An interactive map`) || !strings.Contains(page, `<meta property="og:image:alt" content="A map of the region around 42°N, 60°E showing`) {
		t.Errorf("the default page's preview:\n%s", firstMatch(page, `(?s)<meta property="og:title".*twitter:card[^>]*>`))
	}
}

func firstMatch(s, re string) string { return regexp.MustCompile(re).FindString(s) }
