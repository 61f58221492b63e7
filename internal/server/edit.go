package server

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/silkmap/silkmap/mapdata"
)

// Edit turns on the studio's write API (silkmap serve --edit): GET and PUT
// on /api/content/FILE, PUT on /api/content for several files at once,
// server-sent events on /api/events, and the studio's page at /edit.
type Edit struct {
	// Token authorises writes: Authorization: Bearer TOKEN. Cookies never
	// do, so a page elsewhere cannot make an editor's browser write.
	Token string
	// Folder reads and saves the content folder.
	Folder Folder
	// Limits are the content's (see mapdata.Limits): a body with one file
	// may be FileBytes long, one with several FolderBytes.
	Limits mapdata.Limits
}

// Folder is the content folder the write API changes.
type Folder interface {
	// Read returns the folder's content files as they are now.
	Read() (fs.FS, error)
	// ReadFile returns one of them as it is now (fs.ErrNotExist when the
	// folder lacks it).
	ReadFile(name string) ([]byte, error)
	// Save checks the folder base with changes made (a nil file removes
	// it) as `silkmap check` does and, when it passes, writes the changes
	// (in the studio's layout) and returns the state to serve and the
	// warnings; when it does not, the problems, and nothing is written.
	Save(base fs.FS, changes map[string][]byte) (st State, warnings, problems []mapdata.Problem, err error)
}

// Token lockout: this many failed tokens from one address within
// lockoutWindow lock that address out for the rest of the window.
const (
	maxFailures   = 5
	lockoutWindow = time.Minute
)

// editor is the write API's state.
type editor struct {
	Edit
	save     sync.Mutex // one save at a time: a precondition holds until its write
	mu       sync.Mutex
	failures map[string][]time.Time // by client address
	events   *events
}

func newEditor(e *Edit) *editor {
	if e.Limits.FileBytes <= 0 || e.Limits.FolderBytes <= 0 {
		e.Limits = mapdata.DefaultLimits
	}
	return &editor{Edit: *e, failures: map[string][]time.Time{}, events: newEvents()}
}

// problemList is ps as the API sends it: a list, empty rather than null.
func problemList(ps []mapdata.Problem) []mapdata.Problem { return append([]mapdata.Problem{}, ps...) }

// refuse answers an API request with an error status and says why, in
// JSON, and logs the refusal.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, msg string, extra map[string]any) {
	body := map[string]any{"error": msg}
	for k, v := range extra {
		body[k] = v
	}
	if s.Log != nil {
		s.Log.Warn("write refused", "status", status, "path", r.URL.Path, "remote", clientAddr(r), "error", msg)
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// lockedOut reports how long the request's address is still locked out
// after repeated failed tokens (0: not).
func (e *editor) lockedOut(r *http.Request, now time.Time) time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	fails := slices.DeleteFunc(e.failures[clientAddr(r)], func(t time.Time) bool { return now.Sub(t) > lockoutWindow })
	e.failures[clientAddr(r)] = fails
	if len(fails) < maxFailures {
		return 0
	}
	return lockoutWindow - now.Sub(fails[0])
}

// authorised checks the request's bearer token, in constant time, and
// counts a failure against its address.
func (e *editor) authorised(r *http.Request, now time.Time) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ok && subtle.ConstantTimeCompare([]byte(got), []byte(e.Token)) == 1 {
		return true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.failures) > 10000 { // bounded: forget everyone's old failures
		clear(e.failures)
	}
	e.failures[clientAddr(r)] = append(e.failures[clientAddr(r)], now)
	return false
}

// serveAPIContent is /api/content/FILE (one file) and /api/content (PUT:
// several at once). Refusals, first match wins: 403 without --edit; 405
// for a method other than GET, HEAD and PUT; 400 for a name that is not a
// content file or a body that is not JSON; 429 while the address is
// locked out after repeated failed tokens; 401 without the token; 413 for
// a body over the limit; 428 without a precondition (If-Match, or
// If-None-Match: * to create); 412 when it no longer holds; 422 with the
// problems when the result would not pass check.
func (s *Server) serveAPIContent(w http.ResponseWriter, r *http.Request) {
	e := s.editor
	if e == nil {
		s.refuse(w, r, http.StatusForbidden, "editing is off: this server runs without --edit", nil)
		return
	}
	name, one := strings.CutPrefix(r.URL.Path, "/api/content/")
	switch {
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		if !one {
			w.Header().Set("Allow", "PUT")
			s.refuse(w, r, http.StatusMethodNotAllowed, "GET a file: /api/content/FILE", nil)
			return
		}
	case r.Method != http.MethodPut:
		w.Header().Set("Allow", "GET, HEAD, PUT")
		s.refuse(w, r, http.StatusMethodNotAllowed, r.Method+" is not allowed: GET or PUT", nil)
		return
	}
	if one && (!slices.Contains(mapdata.ContentFiles, name) || name == "") {
		s.refuse(w, r, http.StatusBadRequest, fmt.Sprintf("%q is not a content file (%s)", name, strings.Join(mapdata.ContentFiles, ", ")), nil)
		return
	}
	if r.Method != http.MethodPut {
		s.getContentFile(w, r, name)
		return
	}
	limit := e.Limits.FileBytes
	if !one {
		limit = e.Limits.FolderBytes
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		s.refuse(w, r, http.StatusBadRequest, "reading the body: "+err.Error(), nil)
		return
	}
	tooBig := int64(len(body)) > limit
	if !tooBig && !json.Valid(body) {
		s.refuse(w, r, http.StatusBadRequest, "the body is not JSON", nil)
		return
	}
	// Several files: {"files": {NAME: content}, "if_match": {NAME: ETAG}}.
	var many struct {
		Files   map[string]json.RawMessage `json:"files"`
		IfMatch map[string]*string         `json:"if_match"`
	}
	if !one && !tooBig {
		if err := json.Unmarshal(body, &many); err != nil || len(many.Files) == 0 {
			s.refuse(w, r, http.StatusBadRequest, `the body is not {"files": {NAME: content, …}, "if_match": {NAME: ETAG, …}}`, nil)
			return
		}
		for n := range many.Files {
			if !slices.Contains(mapdata.ContentFiles, n) {
				s.refuse(w, r, http.StatusBadRequest, fmt.Sprintf("%q is not a content file", n), nil)
				return
			}
		}
	}
	now := time.Now()
	if d := e.lockedOut(r, now); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())+1))
		s.refuse(w, r, http.StatusTooManyRequests, "too many failed tokens from this address: try again later", nil)
		return
	}
	if !e.authorised(r, now) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="silkmap studio"`)
		s.refuse(w, r, http.StatusUnauthorized, "a write needs Authorization: Bearer TOKEN", nil)
		return
	}
	if tooBig {
		s.refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is more than %d bytes", limit), nil)
		return
	}
	// What each file must be before the write: its ETag, or absent ("").
	want := map[string]string{}
	changes := map[string][]byte{}
	if one {
		switch {
		case r.Header.Get("If-Match") != "":
			want[name] = r.Header.Get("If-Match")
		case r.Header.Get("If-None-Match") == "*":
			want[name] = ""
		default:
			s.refuse(w, r, http.StatusPreconditionRequired, "a write needs If-Match: ETAG (from GET), or If-None-Match: * to create the file", nil)
			return
		}
		changes[name] = body
	} else {
		for n, content := range many.Files {
			m, ok := many.IfMatch[n]
			if !ok {
				s.refuse(w, r, http.StatusPreconditionRequired, fmt.Sprintf("if_match has no entry for %s: its ETag, or null to create it", n), nil)
				return
			}
			want[n] = ""
			if m != nil {
				want[n] = *m
			}
			if string(content) != "null" {
				changes[n] = content
			} else {
				changes[n] = nil
			}
		}
	}
	e.save.Lock()
	defer e.save.Unlock()
	base, err := e.Folder.Read()
	if err != nil {
		s.refuse(w, r, http.StatusInternalServerError, "reading the content folder: "+err.Error(), nil)
		return
	}
	for n, tag := range want {
		cur, err := fs.ReadFile(base, n)
		switch {
		case errors.Is(err, fs.ErrNotExist) && tag == "":
		case err == nil && tag == ETag(cur):
		case err == nil && tag == "":
			s.refuse(w, r, http.StatusPreconditionFailed, n+" exists already", map[string]any{"file": n, "version": ETag(cur)})
			return
		case err == nil:
			s.refuse(w, r, http.StatusPreconditionFailed, n+" has changed since it was read: someone saved first", map[string]any{"file": n, "version": ETag(cur)})
			return
		default:
			s.refuse(w, r, http.StatusPreconditionFailed, n+" is not there any more", map[string]any{"file": n, "version": nil})
			return
		}
	}
	st, warnings, problems, err := e.Folder.Save(base, changes)
	if err != nil {
		s.refuse(w, r, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	if len(problems) > 0 {
		s.refuse(w, r, http.StatusUnprocessableEntity, "the content would not pass check: nothing was written", map[string]any{"problems": problemList(problems)})
		return
	}
	s.Swap(st)
	versions := map[string]any{}
	for n := range changes {
		if data, err := fs.ReadFile(st.Content, n); err == nil {
			versions[n] = ETag(data)
		} else {
			versions[n] = nil
		}
	}
	if s.Log != nil {
		s.Log.Info("content saved", "files", strings.Join(slices.Sorted(maps.Keys(changes)), ","), "remote", clientAddr(r))
	}
	status := http.StatusOK
	if one && want[name] == "" {
		status = http.StatusCreated
	}
	if one {
		writeJSON(w, status, map[string]any{"version": versions[name], "warnings": problemList(warnings)})
		return
	}
	writeJSON(w, status, map[string]any{"versions": versions, "warnings": problemList(warnings)})
}

// getContentFile answers GET /api/content/FILE: the file as the folder has
// it now, with the ETag /content/FILE sends for it.
func (s *Server) getContentFile(w http.ResponseWriter, r *http.Request, name string) {
	data, err := s.editor.Folder.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		s.refuse(w, r, http.StatusNotFound, "the content folder has no "+name, nil)
		return
	}
	if err != nil {
		s.refuse(w, r, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	w.Header().Set("ETag", ETag(data))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// events sends each change of the content to the studio's tabs
// (server-sent events on /api/events), so that another tab knows at once
// that what it shows is stale.
type events struct {
	mu   sync.Mutex
	subs map[chan string]bool
}

// maxSubscribers bounds the tabs listening at once.
const maxSubscribers = 64

func newEvents() *events { return &events{subs: map[chan string]bool{}} }

func (ev *events) publish(data string) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	for c := range ev.subs {
		select {
		case c <- data:
		default: // a slow tab misses a notice, not the next
		}
	}
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if s.editor == nil {
		s.refuse(w, r, http.StatusForbidden, "editing is off: this server runs without --edit", nil)
		return
	}
	if !getOrHead(w, r) {
		return
	}
	ev := s.editor.events
	c := make(chan string, 4)
	ev.mu.Lock()
	if len(ev.subs) >= maxSubscribers {
		ev.mu.Unlock()
		w.Header().Set("Retry-After", "10")
		s.refuse(w, r, http.StatusServiceUnavailable, "too many tabs listening", nil)
		return
	}
	ev.subs[c] = true
	ev.mu.Unlock()
	defer func() {
		ev.mu.Lock()
		delete(ev.subs, c)
		ev.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	rc := http.NewResponseController(w)
	send := func(s string) bool {
		rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		_, err := io.WriteString(w, s)
		return err == nil && rc.Flush() == nil
	}
	if !send("retry: 2000\nevent: hello\ndata: {\"version\":\"" + s.current().version + "\"}\n\n") {
		return
	}
	heartbeat := time.NewTicker(25 * time.Second)
	defer heartbeat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case data := <-c:
			if !send("event: content\ndata: " + data + "\n\n") {
				return
			}
		case <-heartbeat.C:
			if !send(": still here\n\n") {
				return
			}
		}
	}
}
