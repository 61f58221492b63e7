package mapdata

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/tidwall/gjson"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/geojson"
	"github.com/silkmap/silkmap/mapdata/internal/jsonlimit"
	"github.com/silkmap/silkmap/mapdata/topojson"
)

// Content folder files. All are optional, but a folder needs at least one.
const (
	FileArticles      = "articles.json"
	FileBodies        = "bodies.json"
	FileCorridors     = "corridors.json"
	FileCorridorLines = "corridors.geojson"
	FileSites         = "sites.geojson"
	FileCountries     = "countries.json"
	FileBoundaries    = "boundaries.topojson" // replaces the embedded boundaries
	FileStory         = "story.json"          // read by package story
	// FileSettings holds the folder's own settings for checking it:
	// {"deny_source_hosts": ["mirror.example", ...]}.
	FileSettings = "silkmap.json"
	// FileIndex lists the files a served content folder has, so the browser
	// fetches only those: {"files": ["articles.json", ...]}.
	FileIndex = "index.json"
	// FilePreparedBoundaries is FileBoundaries in the prepared binary form
	// (atlas.EncodeBinary), which a server offers in its place: never a
	// folder's own file.
	FilePreparedBoundaries = "boundaries.atlas"
)

// ContentFiles are the files a content folder may hold.
var ContentFiles = []string{FileArticles, FileBodies, FileCorridors, FileCorridorLines, FileSites, FileCountries, FileTies, FileDisputed, FileBoundaries, FileStory, FileSettings}

// ContentIndex returns the FileIndex document for a content folder. With
// prepared, its boundaries are listed in the prepared form
// (FilePreparedBoundaries) that the folder's host offers in their place.
func ContentIndex(fsys fs.FS, prepared bool) []byte {
	var present []string
	for _, name := range ContentFiles {
		if _, err := fs.Stat(fsys, name); err == nil {
			if name == FileBoundaries && prepared {
				name = FilePreparedBoundaries
			}
			present = append(present, name)
		}
	}
	b, _ := json.Marshal(struct {
		Files []string `json:"files"`
	}{present})
	return b
}

// maxDepth bounds the nesting of a content file's JSON.
const maxDepth = 32

// Problem is one thing wrong with the content, printed by `silkmap check` as
// FILE:PATH: MESSAGE. A warning is printed FILE:PATH: warning: MESSAGE; it
// does not refuse the content.
type Problem struct {
	File    string `json:"file"`
	Path    string `json:"location"`
	Message string `json:"message"`
	Warning bool   `json:"-"`
}

func (p Problem) String() string {
	if p.Warning {
		return p.File + ":" + p.Path + ": warning: " + p.Message
	}
	return p.File + ":" + p.Path + ": " + p.Message
}

// MaxReported is how many problems, and separately how many warnings, are
// reported for one file; the rest are counted in one last line
// (FILE:$: and N more problems). A hostile file can hold millions.
const MaxReported = 100

// ContentError is returned by Load when the content has problems; it lists
// them all, and the warnings found beside them.
type ContentError struct {
	Problems, Warnings []Problem
}

func (e *ContentError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "mapdata: content has problems:\n" + strings.Join(lines, "\n")
}

// Load reads and validates a content folder within DefaultLimits and builds
// the Map. boundaries is the default boundary topology, used unless the
// folder has its own boundaries.topojson. On any problem it returns a
// *ContentError listing all of them, and no Map.
func Load(boundaries []byte, content fs.FS) (*Map, error) {
	return LoadWithin(boundaries, content, DefaultLimits)
}

// LoadWithin is Load within other limits.
func LoadWithin(boundaries []byte, content fs.FS, lim Limits) (*Map, error) {
	a, err := atlas.Load(boundaries)
	if err != nil {
		l := newLoader(content, lim)
		l.file = "(embedded boundaries)"
		l.atlasError(err)
		probs, _ := l.report()
		return nil, &ContentError{Problems: probs}
	}
	return LoadContentWithin(a, content, lim)
}

// LoadContent is Load with the default boundaries already loaded, for
// callers that load content repeatedly (live reload, tests).
func LoadContent(boundaries *atlas.Atlas, content fs.FS) (*Map, error) {
	return LoadContentWithin(boundaries, content, DefaultLimits)
}

// LoadPrepared is LoadContent for a folder whose own boundaries come
// prepared, own (FilePreparedBoundaries, made by a server from the
// folder's FileBoundaries, which content then lacks).
func LoadPrepared(own *atlas.Atlas, content fs.FS) (*Map, error) {
	m, err := LoadContent(own, content)
	if err == nil {
		m.OwnBoundaries = true
	}
	return m, err
}

// LoadContentWithin is LoadContent within other limits.
func LoadContentWithin(boundaries *atlas.Atlas, content fs.FS, lim Limits) (*Map, error) {
	l := newLoader(content, lim)
	l.loadAtlas(boundaries)
	if root, ok := l.read(FileSettings); ok {
		l.settingsFile(root)
	}
	found := 0
	for _, f := range []struct {
		name string
		read func(gjson.Result)
	}{
		{FileArticles, l.articles},
		{FileBodies, l.bodies},
		{FileCorridors, l.corridors},
		{FileCorridorLines, l.corridorLines},
		{FileSites, l.sites},
		{FileCountries, l.countries},
		{FileTies, l.ties},
		{FileDisputed, l.disputed},
	} {
		root, ok := l.read(f.name)
		if ok {
			found++
			l.file = f.name
			f.read(root)
		}
	}
	if found == 0 && len(l.probs) == 0 {
		l.file = "."
		l.fail("", "no content files: expected some of %s, %s, %s, %s, %s, %s, %s, %s", FileArticles, FileBodies, FileCorridors, FileCorridorLines, FileSites, FileCountries, FileTies, FileDisputed)
	}
	l.resolve()
	probs, warns := l.report()
	if len(probs) > 0 {
		return nil, &ContentError{probs, warns}
	}
	l.m.Warnings = warns
	return l.m, nil
}

func newLoader(fsys fs.FS, lim Limits) *loader {
	return &loader{fsys: fsys, lim: lim, bytesLeft: lim.FolderBytes, valuesLeft: lim.Values, m: &Map{
		Notes: map[string]*CountryNote{},
		kinds: map[string]string{},
		at:    map[string]int{},
	}, reported: map[moreKey]int{}, more: map[moreKey]int{}, links: map[string]string{}}
}

type loader struct {
	fsys fs.FS
	lim  Limits
	// bytesLeft, valuesLeft and work count down what the folder may still
	// read, hold and cost (see Limits).
	bytesLeft  int64
	valuesLeft int64
	work       int64
	m          *Map
	file       string // the file being read, for problems
	probs      []Problem
	refs       []reference
	settings   settings
	links      map[string]string // article link -> where it was first given
	// reported and more count, per file and kind (problem or warning),
	// what was recorded and what was found past MaxReported.
	reported, more map[moreKey]int
}

type moreKey struct {
	file    string
	warning bool
}

// reference is an id used somewhere, checked once every file is read.
type reference struct {
	file, path, id string
	kinds          []string
}

// fail records a problem at path; "" means the whole file and is written "$".
func (l *loader) fail(path, format string, args ...any) {
	l.add(false, path, format, args...)
}

// warn records a warning at path.
func (l *loader) warn(path, format string, args ...any) {
	l.add(true, path, format, args...)
}

func (l *loader) add(warning bool, path, format string, args ...any) {
	k := moreKey{l.file, warning}
	if l.full(warning) {
		l.more[k]++
		return
	}
	l.reported[k]++
	if path == "" {
		path = "$"
	}
	l.probs = append(l.probs, Problem{l.file, path, fmt.Sprintf(format, args...), warning})
}

// full reports whether the current file has had its MaxReported problems
// (or warnings) already: a check may then skip the work of a message.
func (l *loader) full(warning bool) bool {
	return l.reported[moreKey{l.file, warning}] >= MaxReported
}

// report splits what was found into problems and warnings, each file's
// count of the unreported ones closing its list.
func (l *loader) report() (probs, warns []Problem) {
	for _, p := range l.probs {
		if p.Warning {
			warns = append(warns, p)
		} else {
			probs = append(probs, p)
		}
	}
	keys := slices.SortedFunc(maps.Keys(l.more), func(a, b moreKey) int { return strings.Compare(a.file, b.file) })
	for _, k := range keys {
		n := l.more[k]
		what := "problems"
		list := &probs
		if k.warning {
			what, list = "warnings", &warns
		}
		if n == 1 {
			what = what[:len(what)-1]
		}
		*list = append(*list, Problem{k.file, "$", fmt.Sprintf("and %d more %s", n, what), k.warning})
	}
	return probs, warns
}

// readBytes reads a file within the limits, counting the bytes it reads
// (a size from Stat may lie). found is false when the file is absent; data
// is nil when it is absent or unusable (problems are recorded).
func (l *loader) readBytes(name string) (data []byte, found bool) {
	l.file = name
	f, err := l.fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err != nil {
		l.fail("", "%v", err)
		return nil, true
	}
	defer f.Close()
	limit := min(l.lim.FileBytes, l.bytesLeft)
	data, err = io.ReadAll(io.LimitReader(f, limit+1))
	switch {
	case err != nil:
		l.fail("", "%v", err)
		return nil, true
	case int64(len(data)) > l.lim.FileBytes:
		l.fail("", "file is more than %d bytes, the limit for one file", l.lim.FileBytes)
		return nil, true
	case int64(len(data)) > limit:
		l.fail("", "the folder's files together are more than %d bytes, the limit for a folder", l.lim.FolderBytes)
		return nil, true
	}
	l.bytesLeft -= int64(len(data))
	return data, true
}

// read reads a file, checks its size and depth, then its JSON syntax. ok
// is false when the file is absent or unusable (problems are recorded).
func (l *loader) read(name string) (gjson.Result, bool) {
	data, _ := l.readBytes(name)
	if data == nil {
		return gjson.Result{}, false
	}
	if !l.count(data, maxDepth) {
		return gjson.Result{}, false
	}
	if !gjson.ValidBytes(data) {
		l.fail("", "invalid JSON: %s", syntaxError(data))
		return gjson.Result{}, false
	}
	return gjson.ParseBytes(data), true
}

// count checks a file's size, depth and keys, and counts its values
// against what the folder may still hold (Limits.Values), before anything
// parses it.
func (l *loader) count(data []byte, depth int) bool {
	n, err := jsonlimit.Limits{MaxBytes: int(l.lim.FileBytes), MaxDepth: depth}.Values(data)
	if err != nil {
		l.fail("", "%v", err)
		return false
	}
	if l.valuesLeft -= int64(n); l.valuesLeft < 0 {
		l.fail("", "the folder's files together hold more than %d JSON values, the limit for a folder (what content costs once parsed grows with them; this file holds %d)", l.lim.Values, n)
		return false
	}
	return true
}

// syntaxError describes where JSON is broken, as line and column.
func syntaxError(data []byte) string {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		if err == nil {
			return "not accepted by the parser"
		}
		return err.Error()
	}
	line, col := 1, 1
	for _, c := range data[:min(int(se.Offset), len(data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("at line %d, column %d: %v", line, col, se)
}

// loadAtlas takes the folder's own boundaries if it has them, else def.
func (l *loader) loadAtlas(def *atlas.Atlas) {
	l.m.Atlas = def
	if data, found := l.readBytes(FileBoundaries); found {
		var err error
		if data == nil || !l.count(data, topojson.Limits.MaxDepth) {
			l.m.Atlas = nil
			return
		}
		if l.m.Atlas, err = atlas.Load(data); err != nil {
			l.atlasError(err)
			return
		}
		l.m.OwnBoundaries = true
	}
	for _, c := range l.m.Atlas.Countries {
		l.m.kinds[c.ID] = KindCountry
	}
}

func (l *loader) atlasError(err error) {
	var ae *atlas.Error
	if !errors.As(err, &ae) {
		l.fail("", "%v", err)
		return
	}
	for _, p := range ae.Problems {
		l.fail(p.Path, "%s", p.Message)
	}
}

// node is a JSON value being read, with its path for problems.
type node struct {
	l    *loader
	v    gjson.Result
	path string
}

func (n node) at(key string) (gjson.Result, string) {
	p := key
	if n.path != "" {
		p = n.path + "." + key
	}
	return n.v.Get(gjson.Escape(key)), p
}

// list calls fn for each element of the array at key; a missing key is an
// empty list unless required.
func (n node) list(key string, required bool, fn func(node)) {
	v, p := n.at(key)
	if !v.Exists() || v.Type == gjson.Null {
		if required {
			n.l.fail(p, "missing")
		}
		return
	}
	if !v.IsArray() {
		n.l.fail(p, "not an array")
		return
	}
	i := 0
	v.ForEach(func(_, e gjson.Result) bool {
		fn(node{n.l, e, p + "[" + strconv.Itoa(i) + "]"})
		i++
		return true
	})
}

// str reads a string field: no markup, no control characters.
func (n node) str(key string, required bool) string {
	v, p := n.at(key)
	switch {
	case !v.Exists() || v.Type == gjson.Null:
		if required {
			n.l.fail(p, "missing")
		}
		return ""
	case v.Type != gjson.String:
		n.l.fail(p, "not a string")
		return ""
	}
	s := v.String()
	if required && strings.TrimSpace(s) == "" {
		n.l.fail(p, "empty")
	}
	if err := CheckText(s); err != nil {
		n.l.fail(p, "%v", err)
		return ""
	}
	return s
}

// CheckText refuses text that is not plain: markup or control characters.
func CheckText(s string) error {
	if at, end := markup(s); at >= 0 {
		return fmt.Errorf("contains markup %q: content text is plain text", s[at:min(end+8, len(s))])
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }); i >= 0 {
		return fmt.Errorf("contains a control character at byte %d", i)
	}
	return nil
}

func (n node) boolean(key string) bool {
	v, p := n.at(key)
	if v.Exists() && v.Type != gjson.True && v.Type != gjson.False {
		n.l.fail(p, "not true or false")
	}
	return v.Type == gjson.True
}

// link reads an http(s) URL.
func (n node) link(key string, required bool) string {
	s := n.str(key, required)
	if s == "" {
		return ""
	}
	_, p := n.at(key)
	if err := checkURL(s); err != nil {
		n.l.fail(p, "%v", err)
		return ""
	}
	n.l.linkWarnings(p, s)
	return s
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL", s)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("link %q is not http(s): only web links are allowed", s)
	case u.Host == "":
		return fmt.Errorf("link %q has no host", s)
	}
	return nil
}

// sources reads a non-empty array of http(s) URLs.
func (n node) sources(key string) []string {
	var out []string
	n.list(key, true, func(e node) {
		if e.v.Type != gjson.String {
			n.l.fail(e.path, "not a string")
			return
		}
		if err := checkURL(e.v.String()); err != nil {
			n.l.fail(e.path, "%v", err)
			return
		}
		n.l.linkWarnings(e.path, e.v.String())
		out = append(out, e.v.String())
	})
	if v, p := n.at(key); v.IsArray() && len(v.Array()) == 0 {
		n.l.fail(p, "missing source: give at least one URL")
	}
	return out
}

func (n node) date(key string, required, full bool) Date {
	s := n.str(key, required)
	if s == "" {
		return ""
	}
	d, err := ParseDate(s, full)
	if err != nil {
		_, p := n.at(key)
		n.l.fail(p, "%v", err)
	}
	return d
}

// span reads since/until and checks their order.
func (n node) span(full bool, what string) (Date, Date) {
	since := n.date("since", false, full)
	until := n.date("until", false, full)
	if since != "" && until != "" && until.Start() <= since.Start() {
		_, p := n.at("until")
		n.l.fail(p, "%s: until %s is not after since %s", what, until, since)
	}
	return since, until
}

// refs reads an array of ids that must name entities of the given kinds.
func (n node) refs(key string, kinds ...string) []string {
	var out []string
	n.list(key, false, func(e node) {
		if e.v.Type != gjson.String {
			n.l.fail(e.path, "not a string id")
			return
		}
		out = append(out, e.ref(kinds...))
	})
	return out
}

// ref records the id in n for checking once everything is read.
func (n node) ref(kinds ...string) string {
	id := n.v.String()
	n.l.refs = append(n.l.refs, reference{n.l.file, n.path, id, kinds})
	return id
}

func (n node) refAt(key string, required bool, kinds ...string) string {
	v, p := n.at(key)
	if !v.Exists() || v.Type == gjson.Null {
		if required {
			n.l.fail(p, "missing")
		}
		return ""
	}
	if v.Type != gjson.String {
		n.l.fail(p, "not a string id")
		return ""
	}
	return node{n.l, v, p}.ref(kinds...)
}

// idPrefixes are what each kind's ids start with, before a slug.
var idPrefixes = map[string]string{KindBody: "", KindArticle: "article:", KindSite: "site:", KindCorridor: "corridor:", KindTie: "tie:", KindDisputed: "disputed:"}

// isSlug reports whether s is lower-case letters and digits in words
// joined by single hyphens: [a-z0-9]+(-[a-z0-9]+)*.
func isSlug(s string) bool {
	for i := range len(s) {
		c := s[i]
		if c == '-' {
			if i == 0 || i == len(s)-1 || s[i-1] == '-' {
				return false
			}
		} else if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// markup finds the first thing in s that reads as markup: a tag (< then a
// letter, /, ! or ?) or a character reference (& then a letter or #, then
// letters and digits, then ;), as [at, end), or -1. (Written out: content
// holds thousands of strings, and a regexp costs the browser's first
// frame its compilation as well.)
func markup(s string) (at, end int) {
	letter := func(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
	for i := 0; i < len(s)-1; i++ {
		switch c := s[i+1]; s[i] {
		case '<':
			if letter(c) || c == '/' || c == '!' || c == '?' {
				return i, i + 2
			}
		case '&':
			if !letter(c) && c != '#' {
				continue
			}
			j := i + 2
			for j < len(s) && (letter(s[j]) || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			if j < len(s) && s[j] == ';' {
				return i, j + 1
			}
		}
	}
	return -1, -1
}

// aOrAn puts "a" or "an" before a kind of entity.
func aOrAn(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// id reads and registers an entity's id.
func (n node) id(kind string) string {
	id := n.str("id", true)
	if id == "" {
		return ""
	}
	_, p := n.at("id")
	if prefix := idPrefixes[kind]; !strings.HasPrefix(id, prefix) || !isSlug(id[len(prefix):]) {
		n.l.fail(p, "%q is not %s id (^%s[a-z0-9]+(-[a-z0-9]+)*$)", id, aOrAn(kind), prefix)
		return ""
	}
	if prev, dup := n.l.m.kinds[id]; dup {
		n.l.fail(p, "duplicate id %q (already used by %s)", id, aOrAn(prev))
		return ""
	}
	n.l.m.kinds[id] = kind
	return id
}

func (n node) events(key string) []Event {
	var out []Event
	n.list(key, false, func(e node) {
		out = append(out, Event{
			Date:     e.date("date", true, false),
			Name:     e.str("name", true),
			Site:     e.refAt("site", false, KindSite),
			Source:   e.link("source", true),
			Articles: e.refs("articles", KindArticle),
		})
	})
	return out
}

func (n node) oneOf(key string, required bool, allowed ...string) string {
	s := n.str(key, required)
	if s != "" && !slices.Contains(allowed, s) {
		_, p := n.at(key)
		n.l.fail(p, "%q is not one of %s", s, strings.Join(allowed, ", "))
		return ""
	}
	return s
}

func (l *loader) root(v gjson.Result, key string, fn func(node)) {
	n := node{l, v, ""}
	if !v.IsObject() {
		l.fail("$", "not a JSON object")
		return
	}
	n.list(key, true, fn)
}

func (l *loader) articles(v gjson.Result) {
	l.root(v, "articles", func(n node) {
		a := &Article{
			ID:                 n.id(KindArticle),
			Title:              n.str("title", true),
			Author:             n.str("author", true),
			Publication:        n.str("publication", true),
			Date:               n.date("date", true, false),
			URL:                n.link("url", true),
			URLIsListing:       n.boolean("url_is_listing"),
			TitleIsDescriptive: n.boolean("title_is_descriptive"),
			Summary:            n.str("summary", true),
			Covers:             n.refs("covers", KindCountry, KindBody, KindCorridor, KindSite),
		}
		l.articleLinkWarnings(n, a)
		l.m.Articles = add(l.m.at, l.m.Articles, a.ID, a)
	})
}

func (l *loader) bodies(v gjson.Result) {
	l.root(v, "bodies", func(n node) {
		b := &Body{
			ID:          n.id(KindBody),
			Name:        n.str("name", true),
			ShortName:   n.str("short_name", false),
			Founded:     n.date("founded", false, false),
			Description: n.str("description", true),
			Sources:     n.sources("sources"),
			Articles:    n.refs("articles", KindArticle),
			Meetings:    n.events("meetings"),
		}
		b.HiddenByDefault = n.boolean("hidden_by_default")
		n.list("former_names", false, func(e node) {
			b.FormerNames = append(b.FormerNames, FormerName{e.str("name", true), e.date("until", true, false), e.link("source", true)})
		})
		n.list("members", true, func(e node) {
			m := Membership{Body: b.ID, Country: e.refAt("country", true, KindCountry), Role: e.oneOf("role", true, Roles...)}
			m.Since, m.Until = e.span(true, b.ID+" "+m.Country)
			if m.Since == "" {
				e.l.fail(e.path+".since", "missing: a membership needs the date it began")
			}
			m.Source = e.link("source", true)
			m.Note = e.str("note", false)
			b.Members = append(b.Members, m)
		})
		l.overlaps(n, b)
		l.m.Bodies = add(l.m.at, l.m.Bodies, b.ID, b)
	})
}

// overlaps refuses two periods of one country in one body that share a
// day: a country holds one role in a body at a time (an observer who
// becomes a member ends the one period where the other begins).
func (l *loader) overlaps(n node, b *Body) {
	last := map[string]int{} // country -> index of its period ending latest so far
	order := make([]int, len(b.Members))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return strings.Compare(string(b.Members[i].Since), string(b.Members[j].Since)) })
	for _, i := range order {
		m := b.Members[i]
		if m.Country == "" || m.Since == "" {
			continue
		}
		if j, ok := last[m.Country]; ok {
			prev := b.Members[j]
			if prev.Until == "" || prev.Until.Start() > m.Since {
				until := "with no end"
				if prev.Until != "" {
					until = "until " + string(prev.Until)
				}
				l.fail(n.path+".members["+strconv.Itoa(i)+"]", "%s %s: %s since %s overlaps %s since %s %s (members[%d]): a country holds one role in a body at a time",
					b.ID, m.Country, m.Role, m.Since, prev.Role, prev.Since, until, j)
			}
			if prev.Until == "" || (m.Until != "" && prev.Until.Start() >= m.Until.Start()) {
				continue // the earlier period still ends later
			}
		}
		last[m.Country] = i
	}
}

var (
	corridorStatuses = []string{"operating", "under-construction", "planned", "disused"}
	partRoles        = []string{"main", "branch", "feeder", "spur"}
	partModes        = []string{"rail", "road", "ferry", "pipeline"}
	accuracies       = []string{"exact", "city", "approx"}
)

func (l *loader) corridors(v gjson.Result) {
	l.root(v, "corridors", func(n node) {
		c := &Corridor{
			ID:          n.id(KindCorridor),
			Name:        n.str("name", true),
			Kind:        n.str("kind", true),
			Status:      n.oneOf("status", true, corridorStatuses...),
			Description: n.str("description", true),
			Sources:     n.sources("sources"),
			Articles:    n.refs("articles", KindArticle),
			Events:      n.events("events"),
		}
		c.Since, c.Until = n.span(false, c.ID)
		l.m.Corridors = add(l.m.at, l.m.Corridors, c.ID, c)
	})
}

func (l *loader) corridorLines(v gjson.Result) {
	feats, probs := geojson.ReadFeatureCollection(v, "LineString")
	for _, p := range probs {
		l.fail(p.Path, "%s", p.Message)
	}
	seen := map[string]bool{}
	for _, f := range feats {
		n := node{l, f.Properties, "features[" + strconv.Itoa(f.Index) + "].properties"}
		part := CorridorPart{
			Part:   n.str("part", true),
			Name:   n.str("name", true),
			Role:   n.oneOf("role", true, partRoles...),
			Mode:   n.oneOf("mode", true, partModes...),
			Status: n.oneOf("status", true, corridorStatuses...),
			Since:  n.date("since", false, false),
			Source: n.link("source", true),
		}
		part.Countries = n.refs("countries", KindCountry)
		cid := n.refAt("corridor", true, KindCorridor)
		n.list("waypoints", false, func(e node) {
			if e.v.Type != gjson.String {
				e.l.fail(e.path, "not a string")
			} else if err := CheckText(e.v.String()); err != nil {
				e.l.fail(e.path, "%v", err)
			} else {
				part.Waypoints = append(part.Waypoints, e.v.String())
			}
		})
		if key := cid + "/" + part.Part; seen[key] {
			_, p := n.at("part")
			l.fail(p, "duplicate part %q of %s", part.Part, cid)
		} else {
			seen[key] = true
		}
		part.Line, _ = f.Geometry.(orb.LineString)
		l.partOnLand(&part, cid, "features["+strconv.Itoa(f.Index)+"].geometry.coordinates")
		if c := l.m.Corridor(cid); c != nil {
			c.Parts = append(c.Parts, part)
		}
	}
}

func (l *loader) sites(v gjson.Result) {
	feats, probs := geojson.ReadFeatureCollection(v, "Point", "Polygon", "MultiPolygon")
	for _, p := range probs {
		l.fail(p.Path, "%s", p.Message)
	}
	for _, f := range feats {
		n := node{l, f.Properties, "features[" + strconv.Itoa(f.Index) + "].properties"}
		s := &Site{
			ID:                n.id(KindSite),
			Name:              n.str("name", true),
			Kind:              n.str("kind", true),
			Country:           n.refAt("country", false, KindCountry),
			Geometry:          f.Geometry,
			Description:       n.str("description", true),
			Sources:           n.sources("sources"),
			CoordinatesSource: n.link("coordinates_source", true),
			Accuracy:          n.oneOf("accuracy", true, accuracies...),
			Articles:          n.refs("articles", KindArticle),
			Events:            n.events("events"),
		}
		s.Since, s.Until = n.span(false, s.ID)
		if s.Geometry != nil {
			l.siteInCountry(s, "features["+strconv.Itoa(f.Index)+"].geometry")
			l.m.Sites = add(l.m.at, l.m.Sites, s.ID, s)
		}
	}
}

func (l *loader) countries(v gjson.Result) {
	l.root(v, "countries", func(n node) {
		c := &CountryNote{
			ID:          n.refAt("id", true, KindCountry),
			Description: n.str("description", true),
			Sources:     n.sources("sources"),
			Articles:    n.refs("articles", KindArticle),
			Events:      n.events("events"),
		}
		if _, dup := l.m.Notes[c.ID]; dup {
			l.fail(n.path+".id", "duplicate note for country %s", c.ID)
		}
		l.m.Notes[c.ID] = c
	})
}

// resolve checks every recorded id against what was loaded.
func (l *loader) resolve() {
	for _, r := range l.refs {
		kind, ok := l.m.kinds[r.id]
		if ok && slices.Contains(r.kinds, kind) {
			continue
		}
		l.file = r.file
		switch {
		case ok:
			l.fail(r.path, "%q is %s; expected %s", r.id, aOrAn(kind), aOrAn(strings.Join(r.kinds, " or ")))
		case len(r.kinds) == 1 && r.kinds[0] == KindCountry:
			l.fail(r.path, "unknown ISO code %q: no such country in the boundaries", r.id)
		default:
			l.fail(r.path, "unknown %s id %q", strings.Join(r.kinds, " or "), r.id)
		}
	}
	l.file = FileCorridors
	for i, c := range l.m.Corridors {
		if len(c.Parts) == 0 && c.ID != "" {
			l.fail("corridors["+strconv.Itoa(i)+"]", "%s has no lines in %s", c.ID, FileCorridorLines)
		}
	}
	l.checkTies()
	l.checkDisputed()
}
