package server

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// The oEmbed iframe speaks the language of the link's ?lang=, and only a
// language code gets into its address.
func TestServe_oEmbedLang(t *testing.T) {
	h := mapServer(t, Options{BaseURL: "https://maps.example"})
	for link, want := range map[string]string{
		"https://maps.example/?lang=ru#map=4.5/41.2/63":    `src="https://maps.example/?embed=1&amp;lang=ru#map=4.5/41.2/63"`,
		"https://maps.example/?lang=r%22u#map=4.5/41.2/63": `src="https://maps.example/?embed=1#map=4.5/41.2/63"`,
	} {
		r := get(t, h, "GET", "/oembed?format=json&url="+url.QueryEscape(link), "")
		var got struct{ HTML string }
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.HTML, want) {
			t.Errorf("%s: html %s, want %s", link, got.HTML, want)
		}
	}
}
