package server

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/wasm/web"
)

// headMarker is where index.html takes the tags that depend on the request.
const headMarker = `<meta name="silkmap:head">`

// posterSrc finds the poster in index.html, and otherPosters the ones that
// wide screens, tablets and phones load instead.
var (
	posterSrc    = regexp.MustCompile(`(<img class="poster" src=")[^"]*(")`)
	otherPosters = regexp.MustCompile(`<source class="poster-[a-z]+"[^>]*>`)
)

// servePage sends index.html with the tags a shared link needs in its head:
// a title, description and og:image (with its alt text) matching the view
// in ?v= (in the theme of ?theme=, as its poster is), the oEmbed discovery link,
// and the origins allowed to drive the map by postMessage; and the CSP that
// says who may embed it.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, file string) {
	page, err := fs.ReadFile(s.web, file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	base := s.base(r)
	frag := r.URL.Query().Get("v")
	if len(frag) > view.MaxFragment {
		frag = ""
	}
	// A theme other than the light one (?theme=dark) shows in the poster
	// and the preview's picture.
	theme := ""
	if t := r.URL.Query().Get("theme"); t != style.Light.Name && style.ThemeNamed(t) != nil {
		theme = "&theme=" + t
	}
	pageURL := base + "/"
	if frag != "" {
		pageURL += "?v=" + url.QueryEscape(frag)
	}
	title, description, alt := "silkmap", mapDescription, ""
	st := s.current()
	if st.Map != nil {
		v, _ := view.Decode(frag, view.Default, st.Map.Map, view.LayerIDs(st.Map.Map))
		if name := st.Map.Map.Name(v.Sel); name != "" {
			title = name + " — silkmap"
		}
		description, alt = preview(st.Map.Map, v)
	}
	var head strings.Builder
	meta := func(prop, content string) {
		fmt.Fprintf(&head, "<meta property=\"%s\" content=\"%s\">\n", prop, html.EscapeString(content))
	}
	meta("og:title", title)
	meta("og:description", description)
	meta("og:type", "website")
	meta("og:url", pageURL)
	if st.Map != nil {
		meta("og:image", base+"/snapshot.png?view="+url.QueryEscape(frag)+"&size=1200x630"+theme)
		meta("og:image:width", "1200")
		meta("og:image:height", "630")
		meta("og:image:alt", alt)
		fmt.Fprintf(&head, "<meta name=\"twitter:card\" content=\"summary_large_image\">\n")
		fmt.Fprintf(&head, "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"%s\" title=\"%s\">\n",
			html.EscapeString(base+"/oembed?format=json&url="+url.QueryEscape(pageURL)), html.EscapeString(title))
	}
	fmt.Fprintf(&head, "<meta name=\"silkmap-origins\" content=\"%s\">\n", html.EscapeString(s.Origins))
	if st.version != "" {
		fmt.Fprintf(&head, "<meta name=\"silkmap-content\" content=\"%s\">\n", st.version)
	}
	if st.Map != nil {
		// The page offers pictures of the view (/snapshot.png) only where a
		// server draws them.
		head.WriteString("<meta name=\"silkmap-snapshots\" content=\"snapshot.png\">\n")
	}
	page = bytes.Replace(page, []byte(headMarker), []byte(head.String()), 1)
	if (frag != "" || st.stale || theme != "") && st.Map != nil {
		// The poster shows the linked view, or the default view of content
		// other than the bundle's, or in the theme asked for: rendered once,
		// then cached.
		src := html.EscapeString("poster.jpg?view=" + url.QueryEscape(frag) + fmt.Sprintf("&size=%dx%d", web.PosterWidth, web.PosterHeight) + theme + st.versionParam())
		page = posterSrc.ReplaceAll(page, []byte("${1}"+strings.ReplaceAll(src, "$", "$$")+"${2}"))
		page = otherPosters.ReplaceAll(page, nil) // the bundle's, not this one
	}
	if title != "silkmap" {
		// The selection's name before the page's own title, as the page
		// itself writes it when the reader selects (ui.js).
		page = bytes.Replace(page, []byte("<title>"), []byte("<title>"+html.EscapeString(strings.TrimSuffix(title, " — silkmap"))+" · "), 1)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	// Compressed copies are kept by the page itself: most requests are for
	// the few pages of the default view and of shared links. The ETag is
	// the page's as written for this request (its view, its address and
	// the content's version are in it), so a reload of unchanged content
	// is answered 304; no Last-Modified: the page differs with ?v=.
	s.sendBytes(w, r, string(page), digest(page), page)
}

// base is the map's public address without a trailing slash.
func (s *Server) base(r *http.Request) string {
	if s.BaseURL != "" {
		return strings.TrimSuffix(s.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
