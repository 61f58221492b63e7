package main

import "testing"

func TestPublicURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"https://example.org/map": "https://example.org/map/",
		"https://example.org":     "https://example.org/",
		"http://example.org/m/":   "http://example.org/m/",
	} {
		if got, err := publicURL(in); err != nil || got != want {
			t.Errorf("publicURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"example.org/map", "/map/", "ftp://example.org/", "https://example.org/?v=x", "https://example.org/#map=3", "https://me@example.org/", "https://"} {
		if got, err := publicURL(in); err == nil {
			t.Errorf("publicURL(%q) = %q; want an error", in, got)
		}
	}
}
