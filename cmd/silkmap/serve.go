package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	webDir := fs.String("web", "build/web", "the web bundle to serve (made by make web)")
	content := contentFlag(fs)
	baseURL := fs.String("base-url", "", "the map's public address for links, og:image and oEmbed (default: from each request's Host)")
	ancestors := fs.String("frame-ancestors", "", "space-separated CSP frame-ancestors sources allowed to embed the map (default: any)")
	origins := fs.String("origins", "", "space-separated page origins allowed to drive an embedded map by postMessage (default: any)")
	watch := fs.Bool("watch", false, "reload --content when its files change; an edit that fails the checks is refused and the last good content stays")
	if _, err := parse(fs, args, 0, "[--addr HOST:PORT] [--web DIR] [--content DIR] [--watch] [--base-url URL] [--frame-ancestors SOURCES] [--origins ORIGINS]", stderr); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*webDir, "index.html")); err != nil {
		return fmt.Errorf("%s has no index.html: build the bundle first (make web)", *webDir)
	}
	if *watch && *content == "" {
		fmt.Fprintln(stderr, "silkmap serve: --watch needs --content DIR")
		return errUsage
	}
	// Serve an in-memory copy of the content, checked first: the server
	// refuses to start on content the map would refuse.
	stamp := folderStamp(*content) // before the snapshot: an edit in between is picked up
	contentFS, err := snapshot(*content)
	if err != nil {
		return err
	}
	m, err := loadFS(contentFS, assets.FolderName(*content), stderr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger := log.New(stderr, "silkmap serve: ", log.LstdFlags)
	handler := server.New(server.Options{
		Web: os.DirFS(*webDir), Content: contentFS, Map: layout.Prepare(m, geo.WebMercator),
		BaseURL: *baseURL, FrameAncestors: *ancestors, Origins: *origins, Log: stdout,
	})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          logger,
	}
	fmt.Fprintf(stdout, "serving %s on http://%s/\n", *webDir, ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if *watch {
		go watchContent(ctx, *content, stamp, handler, logger)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Print("shutting down: finishing requests in flight")
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

// watchContent polls the content folder and swaps in each edit that passes
// the checks; an edit that fails them is logged and the last good content
// keeps being served. last is the folder's stamp when its content was read.
func watchContent(ctx context.Context, dir, last string, srv *server.Server, logger *log.Logger) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		stamp := folderStamp(dir)
		if stamp == last {
			continue
		}
		last = stamp
		fsys, err := snapshot(dir)
		if err != nil {
			logger.Printf("content edit refused: %v", err)
			continue
		}
		var problems strings.Builder
		m, err := loadFS(fsys, dir, &problems)
		if err != nil {
			logger.Printf("content edit refused, still serving the last good content: %v\n%s", err, problems.String())
			continue
		}
		srv.Swap(server.State{Content: fsys, Map: layout.Prepare(m, geo.WebMercator)})
		logger.Printf("content reloaded from %s", dir)
	}
}

// folderStamp sums up the content files' sizes and times, to notice edits.
func folderStamp(dir string) string {
	var b strings.Builder
	for _, name := range mapdata.ContentFiles {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil {
			fmt.Fprintf(&b, "%s %d %d;", name, info.Size(), info.ModTime().UnixNano())
		}
	}
	return b.String()
}
