package server

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
)

// Embed sizes, in CSS pixels.
const (
	embedWidth, embedHeight       = 800, 500
	embedMinWidth, embedMinHeight = 200, 150
)

// oEmbedResponse is a "rich" oEmbed 1.0 response (https://oembed.com).
type oEmbedResponse struct {
	Type            string `json:"type"`
	Version         string `json:"version"`
	Title           string `json:"title"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
}

// serveOEmbed answers /oembed?url=…&maxwidth=…&maxheight=…&format=json for
// any map URL of this server: 404 for other URLs and when no embed of at
// least the minimum size fits within maxwidth and maxheight, 501 for other
// formats.
func (s *Server) serveOEmbed(w http.ResponseWriter, r *http.Request) {
	if !getOrHead(w, r) {
		return
	}
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		http.Error(w, "only format=json is supported", http.StatusNotImplemented)
		return
	}
	st := s.current()
	if !st.ready() {
		notReady(w)
		return
	}
	base := s.base(r)
	u, err := url.Parse(q.Get("url"))
	if err != nil || st.Map == nil || !isMapURL(u, base) {
		http.Error(w, "not a map URL of this server", http.StatusNotFound)
		return
	}
	// The oEmbed spec: a response is never larger than maxwidth and
	// maxheight; a map smaller than the minimum is of no use.
	width, okW := fitSize(q.Get("maxwidth"), embedWidth, embedMinWidth)
	height, okH := fitSize(q.Get("maxheight"), embedHeight, embedMinHeight)
	if !okW || !okH {
		http.Error(w, fmt.Sprintf("no embed of at least %dx%d fits", embedMinWidth, embedMinHeight), http.StatusNotFound)
		return
	}
	frag := u.Fragment
	if frag == "" {
		frag = u.Query().Get("v")
	}
	m := st.Map.Map
	v, _ := view.Decode(frag, view.Default, m, view.LayerIDs(m))
	canonical := view.Encode(v)
	title := "Map: Turkic states, the CSTO, Central Asia and the Middle Corridor"
	if e, ok := m.Show(v.Sel); ok {
		title = "Map: " + e.Name
	}
	// The iframe speaks the link's language and wears its theme.
	params, thumb := "?embed=1", ""
	if lang := u.Query().Get("lang"); i18n.ValidLang(lang) {
		params += "&lang=" + lang
		if slices.Contains(s.snaps.langs, lang) && lang != "en" {
			thumb += "&lang=" + lang // the picture in it too, where the server draws that language
		}
	}
	if theme := u.Query().Get("theme"); style.ThemeNamed(theme) != nil {
		params += "&theme=" + theme
		thumb += "&theme=" + theme
	}
	src := base + "/" + params + "#" + canonical
	resp := oEmbedResponse{
		Type: "rich", Version: "1.0", Title: title,
		ProviderName: "silkmap", ProviderURL: base + "/",
		HTML: fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" style="border:0;max-width:100%%" title="%s" loading="lazy" allowfullscreen></iframe>`,
			html.EscapeString(src), width, height, html.EscapeString(title)),
		Width: width, Height: height,
		ThumbnailURL:   base + "/snapshot.png?view=" + url.QueryEscape(canonical) + "&size=" + strconv.Itoa(width) + "x" + strconv.Itoa(height) + thumb,
		ThumbnailWidth: width, ThumbnailHeight: height,
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	// As long as the content may stand: titles come from it.
	w.Header().Set("Cache-Control", "public, max-age=300")
	json.NewEncoder(w).Encode(resp)
}

// isMapURL reports whether u is a page of the map published at base: same
// scheme family and host, and the path of base (a proxy in front may
// publish the map under one, e.g. https://example.org/map/) or its
// index.html. The query and fragment name the view.
func isMapURL(u *url.URL, base string) bool {
	b, err := url.Parse(base)
	if err != nil || !strings.EqualFold(u.Host, b.Host) || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	dir := strings.TrimSuffix(b.Path, "/")
	switch u.Path {
	case dir, dir + "/", dir + "/index.html":
		return true
	}
	return false
}

// fitSize reads a maxwidth or maxheight value: the default when absent,
// not a positive number or larger, else the value itself; false when that
// is below the least size the map needs.
func fitSize(s string, def, least int) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n >= def {
		return def, true
	}
	return n, n >= least
}
