package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/bundle"
	"github.com/silkmap/silkmap/internal/contentdir"
	"github.com/silkmap/silkmap/internal/detail"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/internal/studio"
	"github.com/silkmap/silkmap/internal/version"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
)

// noBundle says how to get a web bundle to a binary built without one.
const noBundle = "this silkmap has no web bundle inside (a plain go build): build it with make build, " +
	"or make the bundle with make web and serve it with --web build/web"

func runServe(args []string, _, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	webDir := fs.String("web", "", "a web bundle to serve (made by make web) instead of the one inside the binary")
	content := contentFlag(fs)
	baseURL := fs.String("base-url", "", "the map's public address for links, og:image and oEmbed (default: from each request's Host)")
	ancestors := fs.String("frame-ancestors", "", "space-separated CSP frame-ancestors sources allowed to embed the map (default: any)")
	origins := fs.String("origins", "", "space-separated page origins allowed to drive an embedded map by postMessage (default: any)")
	watch := fs.Bool("watch", false, "reload --content when its files change; an edit that fails the checks is refused and the last good content stays")
	edit := fs.Bool("edit", false, "turn on the studio (/edit) and its write API for --content DIR (implies --watch); writes need the token in SILKMAP_EDIT_TOKEN, or one printed at start")
	editRemote := fs.Bool("edit-allow-remote", false, "allow --edit on an address beyond loopback (put TLS in front)")
	limits := contentdir.LimitFlags(fs)
	if _, err := parse(fs, args, 0, "[--addr HOST:PORT] [--web DIR] [--content DIR] [--watch] [--edit [--edit-allow-remote]] [--base-url URL] [--frame-ancestors SOURCES] [--origins ORIGINS] [--max-file-bytes N] [--max-folder-bytes N] [--max-values N] [--max-work N]", stderr); err != nil {
		return err
	}
	if *edit {
		if *content == "" {
			fmt.Fprintln(stderr, "silkmap serve: --edit needs --content DIR: the folder it writes")
			return errUsage
		}
		if !loopback(*addr) && !*editRemote {
			fmt.Fprintf(stderr, "silkmap serve: --edit on %s, beyond loopback, needs --edit-allow-remote (and TLS in front)\n", *addr)
			return errUsage
		}
		*watch = true
	}
	lim, err := limits()
	if err != nil {
		return usageError{err}
	}
	web, webName := bundle.FS(), "embedded bundle"
	if *webDir != "" {
		if _, err := os.Stat(filepath.Join(*webDir, "index.html")); err != nil {
			return fmt.Errorf("%s has no index.html: build the bundle first (make web)", *webDir)
		}
		web, webName = os.DirFS(*webDir), *webDir
	}
	if web == nil {
		return errors.New(noBundle)
	}
	if *watch && *content == "" {
		fmt.Fprintln(stderr, "silkmap serve: --watch needs --content DIR")
		return errUsage
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	// Serve an in-memory copy of the content, checked first: the server
	// refuses to start on content the map would refuse. With --watch it
	// starts anyway, not ready (/healthz answers 503), until an edit makes
	// the folder good: a container may start before its volume is filled.
	stamp := folderStamp(*content) // before reading: an edit in between is picked up
	var problems strings.Builder
	contentFS, m, _, err := load(*content, lim, &problems)
	var st server.State
	switch {
	case err == nil:
		st = server.State{Content: contentFS, Map: prepare(m)}
	case *watch:
		logger.Warn("content not ready, waiting for an edit", "content", *content, "error", fmt.Sprintf("%v\n%s", err, problems.String()))
	default:
		io.WriteString(stderr, problems.String())
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	var editing *server.Edit
	if *edit {
		token, generated := os.Getenv("SILKMAP_EDIT_TOKEN"), false
		if token == "" {
			token, generated = newToken(), true
		}
		editing = &server.Edit{Token: token, Folder: studio.Folder{Dir: *content, Limits: lim, Prepare: prepare}, Limits: lim}
		url := "http://" + ln.Addr().String() + "/edit"
		if generated {
			logger.Info("editing on: open the studio and give it the token", "studio", url, "token", token)
		} else {
			logger.Info("editing on: open the studio and give it the token from SILKMAP_EDIT_TOKEN", "studio", url)
		}
		if !loopback(*addr) {
			logger.Warn("editing is open beyond loopback: put TLS in front, or the token travels in the clear", "addr", *addr)
		}
	}
	handler := server.New(server.Options{
		Web: web, Content: st.Content, Map: st.Map, Translate: translator(*content, lim),
		BaseURL: *baseURL, FrameAncestors: *ancestors, Origins: *origins, Log: logger, Edit: editing,
	})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	logger.Info("serving", "url", "http://"+ln.Addr().String()+"/", "web", webName, "content", assets.FolderName(*content),
		"ready", st.Content != nil, "version", version.String("silkmap"))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if *watch {
		go watchContent(ctx, *content, stamp, lim, handler, logger)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loopback reports whether addr listens on the loopback interface only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newToken is a random token for the write API: 24 bytes, base64url.
func newToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// prepare makes a loaded map ready to serve: projected, with the 1:10m
// detail that snapshots zoomed in draw, and with what requests would
// otherwise work out on first use worked out now.
func prepare(m *mapdata.Map) *layout.Prepared {
	p := detail.Add(layout.Prepare(m, geo.WebMercator))
	p.Warm()
	return p
}

// translator makes the map of a version of folder dir's content in another
// language, as snapshots and posters with lang= draw it.
func translator(dir string, lim mapdata.Limits) func(fs.FS, string) (*layout.Prepared, error) {
	return func(fsys fs.FS, lang string) (*layout.Prepared, error) {
		m, st, err := story.LoadFolder(assets.Boundaries, fsys, assets.FolderName(dir), lim, io.Discard)
		if err != nil {
			return nil, err
		}
		if _, err := story.Translate(m, st, fsys, lang); err != nil {
			return nil, err
		}
		return prepare(m), nil
	}
}

// reloadTimeout bounds one reload attempt. The limits bound what a load
// may read and compute, so this is only a backstop against a machine too
// busy to finish one: an attempt past it is refused, and the next edit is
// tried once it has ended.
const reloadTimeout = 10 * time.Second

// watchContent polls the content folder and swaps in each edit that passes
// the checks; an edit that fails them is logged and the last good content
// keeps being served. last is the folder's stamp when its content was read.
// Every attempt ends, accepted or refused, within reloadTimeout.
func watchContent(ctx context.Context, dir, last string, lim mapdata.Limits, srv *server.Server, logger *slog.Logger) {
	type result struct {
		state server.State
		err   error
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var running chan result // the attempt under way, or nil
	var timeout <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-timeout:
			logger.Warn("content edit refused, still serving the last good content", "content", dir, "error", fmt.Sprintf("checking it took more than %v", reloadTimeout))
			timeout = nil
			continue
		case r := <-running:
			running = nil
			switch {
			case timeout == nil: // refused already
			case r.err != nil:
				logger.Warn("content edit refused, still serving the last good content", "content", dir, "error", r.err.Error())
			default:
				srv.Swap(r.state)
				logger.Info("content reloaded", "content", dir)
			}
			timeout = nil
			continue
		case <-tick.C:
		}
		stamp := folderStamp(dir)
		if stamp == last || running != nil {
			continue
		}
		last = stamp
		running, timeout = make(chan result, 1), time.After(reloadTimeout)
		go func(done chan<- result) {
			var problems strings.Builder
			fsys, m, _, err := load(dir, lim, &problems)
			if err != nil {
				done <- result{err: fmt.Errorf("%v\n%s", err, problems.String())}
				return
			}
			done <- result{state: server.State{Content: fsys, Map: prepare(m)}}
		}(running)
	}
}

// folderStamp sums up the content files' sizes and times, to notice edits
// (a stat opens nothing, so a named pipe or a device cannot block it).
func folderStamp(dir string) string {
	var b strings.Builder
	for _, name := range mapdata.ContentFiles {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil {
			fmt.Fprintf(&b, "%s %d %d;", name, info.Size(), info.ModTime().UnixNano())
		}
	}
	return b.String()
}
