package mapdata

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// deniedSourceHosts are hosts whose pages are mirrors, scraped copies or
// test servers of other sites: a source there may not say what the original
// says, or may vanish. A host matches an entry equal to it or ending in "."
// and the entry. A content folder's silkmap.json may add to the list
// (deny_source_hosts), never take from it.
var deniedSourceHosts = []string{
	"azureedge.net",                  // CDN endpoints serving copies of other sites
	"clateway.com",                   // republishes news pages
	"perceptiode.com",                // republishes news pages
	"uwidata.com",                    // aggregates and copies news pages
	"wikiup.org",                     // Wikipedia mirror
	"wikiwand.com",                   // Wikipedia reader: cite Wikipedia itself
	"wikizero.com",                   // Wikipedia mirror
	"wiki2.org",                      // Wikipedia mirror
	"translate.goog",                 // machine-translated proxies of other sites
	"webcache.googleusercontent.com", // search engine caches
	"imgtest.mir24.tv",               // a test server of mir24.tv
}

// settings are a content folder's own settings (FileSettings).
type settings struct {
	denyHosts []string
}

func (l *loader) settingsFile(v gjson.Result) {
	if !v.IsObject() {
		l.fail("$", "not a JSON object")
		return
	}
	v.ForEach(func(k, _ gjson.Result) bool {
		if k.String() != "deny_source_hosts" {
			l.fail(k.String(), "unknown setting %q: the settings are deny_source_hosts", k.String())
		}
		return true
	})
	n := node{l, v, ""}
	n.list("deny_source_hosts", false, func(e node) {
		h := e.v.String()
		if e.v.Type != gjson.String || !isHostName(h) {
			l.fail(e.path, "%s is not a host name such as mirror.example (no scheme, path or capitals)", e.v.Raw)
			return
		}
		l.settings.denyHosts = append(l.settings.denyHosts, h)
	})
}

// isHostName reports whether s is a lower-case DNS name: labels of letters,
// digits and inner hyphens, joined by dots.
func isHostName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := range len(label) {
			if c := label[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				return false
			}
		}
	}
	return true
}

// deniedHost returns the deny-list entry that host falls under, or "".
func (l *loader) deniedHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, list := range [][]string{deniedSourceHosts, l.settings.denyHosts} {
		for _, d := range list {
			if host == d || strings.HasSuffix(host, "."+d) {
				return d
			}
		}
	}
	return ""
}

// linkWarnings warns about a source link (already known to be a valid
// http(s) URL) that readers should not be sent to as it is.
func (l *loader) linkWarnings(path, link string) {
	u, err := url.Parse(link)
	if err != nil {
		return
	}
	if d := l.deniedHost(u.Hostname()); d != "" {
		l.warn(path, "%s is on the deny list of source hosts (%s: mirrors, copies and test servers): cite the primary or encyclopaedic page instead", u.Hostname(), d)
	}
	if u.Scheme != "https" {
		l.warn(path, "%q is not https: give the https address where the site serves one", link)
	}
}

// articleLinkWarnings warns about an article's link that is a listing, or
// that another article already gives: the catalog's links must each open
// the article they name.
func (l *loader) articleLinkWarnings(n node, a *Article) {
	_, p := n.at("url")
	if a.URL == "" {
		return
	}
	if a.URLIsListing {
		l.warn(p, "%s links a listing, not the article itself: replace it with the article's own address when it is known", a.ID)
		return
	}
	key := strings.TrimSuffix(a.URL, "/")
	if prev, ok := l.links[key]; ok {
		l.warn(p, "%s has the same link as %s: each article needs its own address", a.ID, prev)
		return
	}
	l.links[key] = a.ID + " (" + p + ")"
}

// PlaceToleranceKm is how far a site may lie outside the country it
// declares, or a land corridor's point in the sea, before `check` refuses it
// rather than warns. Natural Earth's 1:50m boundaries are generalised for
// maps of that scale, where 0.2 mm (a drawn line) is 10 km: their coasts
// and borders move by a few kilometres (the Fergana valley's enclaves by
// about 5 km; ports such as Aktau's fall just off the coast). A point
// further off than that is in the wrong place, not on a coarse line.
const PlaceToleranceKm = 10

// farKm measures a distance that is beyond the tolerance, for a message:
// each call of dist looks no further than its argument (+Inf beyond).
func farKm(dist func(maxKm float64) float64) string {
	for _, r := range []float64{100, 1000} {
		if d := dist(r); !math.IsInf(d, 1) {
			return strconv.FormatFloat(d, 'f', 1, 64) + " km"
		}
	}
	return "more than 1000 km"
}

// siteInCountry checks that a site's point lies in the country it declares.
func (l *loader) siteInCountry(s *Site, path string) {
	a := l.m.Atlas
	ci := -1
	if a != nil && s.Country != "" {
		ci = a.Index(s.Country)
	}
	if ci < 0 {
		return // no boundaries, or an unknown code (reported by resolve)
	}
	if !l.spend(1) {
		return
	}
	p := s.Point()
	d := a.DistanceToCountry(p, ci, PlaceToleranceKm)
	name := a.Countries[ci].Name + " (" + s.Country + ")"
	switch {
	case d == 0:
	case d <= PlaceToleranceKm:
		l.warn(path, "%s lies %.1f km outside %s, the country it declares: within the %d km the 1:50m boundaries may be off by, but check the point", s.ID, d, name, PlaceToleranceKm)
	case !l.full(false):
		where := "at sea"
		if c := a.At(p); c != nil {
			where = "in " + c.Name + " (" + c.ID + ")"
		}
		l.fail(path, "%s lies %s outside %s, the country it declares: the point %v is %s", s.ID,
			farKm(func(r float64) float64 { return a.DistanceToCountry(p, ci, r) }), name, p, where)
	default:
		l.fail(path, "") // counted only
	}
}

// partOnLand checks that a rail or road part runs on land and that a ferry
// part starts and ends at the coast.
func (l *loader) partOnLand(part *CorridorPart, corridor, path string) {
	a := l.m.Atlas
	if a == nil {
		return
	}
	var idx []int
	runs := "on land"
	switch part.Mode {
	case "rail", "road":
		for i := range part.Line {
			idx = append(idx, i)
		}
	case "ferry":
		if len(part.Line) > 0 {
			idx = append(idx, 0, len(part.Line)-1)
		}
		runs = "between ports on land"
	}
	// The countries the part crosses are found later from samples along
	// it (see Map.Derive), unless the part lists them.
	cost := len(idx)
	if part.Countries == nil {
		cost += samples(part.Line)
	}
	if !l.spend(cost) {
		return
	}
	for _, i := range idx {
		p := part.Line[i]
		what := "point " + strconv.Itoa(i)
		if part.Mode == "ferry" {
			what = "the end"
			if i == 0 {
				what = "the start"
			}
		}
		what += " of " + part.Mode + " part " + strconv.Quote(part.Part) + " of " + corridor
		at := path + "[" + strconv.Itoa(i) + "]"
		d := a.DistanceToLand(p, PlaceToleranceKm)
		switch {
		case d == 0 && part.Mode == "ferry" && !l.full(false):
			// On land: a ferry's end is a port, on the coast.
			if inland := a.DistanceToCoast(p, PlaceToleranceKm); math.IsInf(inland, 1) {
				l.fail(at, "%s lies inland, %s from the coast: a ferry part runs between ports", what,
					farKm(func(r float64) float64 { return a.DistanceToCoast(p, r) }))
			}
		case d == 0:
		case d <= PlaceToleranceKm:
			l.warn(at, "%s lies in the sea, %.1f km from the coast: within the %d km the 1:50m coast may be off by, but check the point", what, d, PlaceToleranceKm)
		case !l.full(false):
			l.fail(at, "%s lies in the sea, %s from the coast: a %s part runs %s", what,
				farKm(func(r float64) float64 { return a.DistanceToLand(p, r) }), part.Mode, runs)
		default:
			l.fail(at, "") // counted only
		}
	}
}

// spend counts n steps of work against Limits.Work, and refuses the load
// (once) when they go over it: false means the work must not be done.
func (l *loader) spend(n int) bool {
	if l.work > l.lim.Work {
		return false
	}
	l.work += int64(n)
	if l.work > l.lim.Work {
		l.fail("", "checking this content against the boundaries takes more than %d steps of work (a step is a point tested, or 5 km of a corridor line), the limit for a load", l.lim.Work)
		return false
	}
	return true
}
