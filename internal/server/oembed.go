package server

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

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
// any map URL of this server: 404 for other URLs, 501 for other formats.
func (s *Server) serveOEmbed(w http.ResponseWriter, r *http.Request) {
	if !getOrHead(w, r) {
		return
	}
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		http.Error(w, "only format=json is supported", http.StatusNotImplemented)
		return
	}
	base := s.base(r)
	u, err := url.Parse(q.Get("url"))
	b, _ := url.Parse(base)
	st := s.current()
	if err != nil || st.Map == nil || !strings.EqualFold(u.Host, b.Host) || (u.Scheme != "http" && u.Scheme != "https") ||
		(u.Path != "" && u.Path != "/" && u.Path != "/index.html") {
		http.Error(w, "not a map URL of this server", http.StatusNotFound)
		return
	}
	frag := u.Fragment
	if frag == "" {
		frag = u.Query().Get("v")
	}
	m := st.Map.Map
	v, _ := view.Decode(frag, view.Default, m, view.LayerIDs(m))
	canonical := view.Encode(v)
	width := clampSize(q.Get("maxwidth"), embedWidth, embedMinWidth)
	height := clampSize(q.Get("maxheight"), embedHeight, embedMinHeight)
	title := "Map: Turkic states, the CSTO, Central Asia and the Middle Corridor"
	if e, ok := m.Show(v.Sel); ok {
		title = "Map: " + e.Name
	}
	src := base + "/?embed=1#" + canonical
	resp := oEmbedResponse{
		Type: "rich", Version: "1.0", Title: title,
		ProviderName: "silkmap", ProviderURL: base + "/",
		HTML: fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" style="border:0;max-width:100%%" title="%s" loading="lazy" allowfullscreen></iframe>`,
			html.EscapeString(src), width, height, html.EscapeString(title)),
		Width: width, Height: height,
		ThumbnailURL:   base + "/snapshot.png?view=" + url.QueryEscape(canonical) + "&size=" + strconv.Itoa(width) + "x" + strconv.Itoa(height),
		ThumbnailWidth: width, ThumbnailHeight: height,
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	json.NewEncoder(w).Encode(resp)
}

// clampSize reads a maxwidth/maxheight value: the default when absent or
// larger, never below the minimum.
func clampSize(s string, def, least int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > def {
		return def
	}
	return max(n, least)
}
