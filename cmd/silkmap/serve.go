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
	"syscall"
	"time"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/server"
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
	if _, err := parse(fs, args, 0, "[--addr HOST:PORT] [--web DIR] [--content DIR] [--base-url URL] [--frame-ancestors SOURCES] [--origins ORIGINS]", stderr); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*webDir, "index.html")); err != nil {
		return fmt.Errorf("%s has no index.html: build the bundle first (make web)", *webDir)
	}
	// Refuse to start on content the map would refuse.
	m, err := loadMap(*content, stderr)
	if err != nil {
		return err
	}
	contentFS, err := assets.Folder(*content)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger := log.New(stderr, "silkmap serve: ", log.LstdFlags)
	srv := &http.Server{
		Handler: server.New(server.Options{
			Web: os.DirFS(*webDir), Content: contentFS, Map: layout.Prepare(m, geo.WebMercator),
			BaseURL: *baseURL, FrameAncestors: *ancestors, Origins: *origins,
		}),
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
