package main

import (
	"bufio"
	"context"
	"debug/buildinfo"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/silkmap/silkmap/internal/bundle"
)

// TestServe_noBundle: a plain go build (as this test binary is) has no
// bundle inside, and serve says how to get one.
func TestServe_noBundle(t *testing.T) {
	code, _, errOut := runCmd("serve", "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(errOut, "make build") || !strings.Contains(errOut, "--web") {
		t.Errorf("exit %d, %q; want 1 and how to get a bundle", code, errOut)
	}
}

// buildWithBundle builds the web bundle and silkmap with it inside, as
// make build does, into dir; it returns the binary.
func buildWithBundle(t *testing.T, dir string) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	web := filepath.Join(dir, "web")
	cmd := exec.Command("go", "run", "./cmd/silkmap-web", "-o", web, "-brotli", "5")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the bundle: %v\n%s", err, out)
	}
	overlay, err := bundle.Overlay(filepath.Join(root, "internal", "bundle"), web)
	if err != nil {
		t.Fatal(err)
	}
	ovFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(ovFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin", "silkmap")
	const v = "github.com/silkmap/silkmap/internal/version"
	cmd = exec.Command("go", "build", "-trimpath", "-overlay", ovFile, "-o", bin,
		"-ldflags=-X "+v+".Version=0.1.0 -X "+v+".Commit=abc1234 -X "+v+".Epoch=1796601600", "./cmd/silkmap")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// serveProc is a silkmap serve process under test.
type serveProc struct {
	url  string      // its address, ending in "/"
	logs chan string // its log lines after the start-up line
	cmd  *exec.Cmd
}

// startServe runs bin serve with args in the folder dir and waits for its
// start-up line.
func startServe(t *testing.T, bin, dir string, args ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Dir = dir
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &serveProc{logs: make(chan string, 1000), cmd: cmd}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		var e struct{ Msg, URL string }
		if err := json.Unmarshal(lines.Bytes(), &e); err != nil {
			t.Fatalf("a log line that is not JSON: %q", lines.Text())
		}
		if e.Msg == "serving" {
			s.url = e.URL
			break
		}
	}
	if s.url == "" {
		t.Fatal("serve ended without its start-up line")
	}
	go func() {
		for lines.Scan() {
			select {
			case s.logs <- lines.Text():
			default:
			}
		}
	}()
	return s
}

func (s *serveProc) get(t *testing.T, path, enc string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", strings.TrimSuffix(s.url, "/")+path, nil)
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// The binary make build writes serves the whole map from an empty folder:
// page, wasm, content, posters, oEmbed, snapshots, notices and /healthz.
// With --watch on a folder that is not there yet it starts unready and
// becomes ready when good content appears.
func TestBinary_embeddedBundle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the web bundle and the binary")
	}
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty")
	os.Mkdir(empty, 0o755)
	want := regexp.QuoteMeta("silkmap 0.1.0 (commit abc1234, built 2026-12-07T00:00:00Z, " + runtime.Version() + ")\n")
	// make dist-test runs this test on a release's binary, unpacked alone.
	bin := os.Getenv("SILKMAP_TEST_BINARY")
	if bin == "" {
		bin = buildWithBundle(t, tmp)
	} else {
		want = `^silkmap \S+ \(commit \w+, built \S+, go\S+\)\n$`
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !regexp.MustCompile(want).Match(out) {
		t.Errorf("version: %q, %v; want %s", out, err, want)
	}

	s := startServe(t, bin, empty)
	resp, page := s.get(t, "/", "br")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "br" || resp.Header.Get("ETag") == "" {
		t.Fatalf("page: %d %v", resp.StatusCode, resp.Header)
	}
	_, page = s.get(t, "/", "")
	hashed := func(re string) string {
		m := regexp.MustCompile(re).FindString(page)
		if m == "" {
			t.Fatalf("the page names no %s:\n%s", re, page)
		}
		return m
	}
	if !strings.Contains(page, `href="notices.txt"`) {
		t.Error("the page does not link its credits")
	}
	for _, c := range []struct{ path, enc, ctype, cache string }{
		{"/" + hashed(`silkmap\.[0-9a-f]{10}\.wasm`), "br", "application/wasm", "immutable"},
		{"/" + hashed(`wasm_exec\.[0-9a-f]{10}\.js`), "", "text/javascript; charset=utf-8", "immutable"},
		{"/" + hashed(`poster\.[0-9a-f]{10}\.jpg`), "", "image/jpeg", "immutable"},
		{"/content/articles.json", "gzip", "application/json", "no-cache"},
		{"/content/index.json", "", "application/json", "no-cache"},
		{"/notices.txt", "", "text/plain; charset=utf-8", "no-cache"},
		{"/snapshot.png?view=" + url.QueryEscape("map=4/41/63") + "&size=400x300", "", "image/png", "max-age"},
		{"/poster.jpg?view=" + url.QueryEscape("map=4/41/63"), "", "image/jpeg", "max-age"},
		{"/oembed?url=" + url.QueryEscape(s.url+"#map=4/41/63") + "&maxwidth=400", "", "application/json", "max-age"},
		{"/healthz", "", "text/plain; charset=utf-8", "no-store"},
	} {
		resp, b := s.get(t, c.path, c.enc)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.ctype || !strings.Contains(resp.Header.Get("Cache-Control"), c.cache) ||
			resp.Header.Get("Content-Encoding") != c.enc || len(b) == 0 {
			t.Errorf("%s: %d, %d bytes, %v", c.path, resp.StatusCode, len(b), resp.Header)
		}
		if c.path == "/notices.txt" && !strings.Contains(b, "Natural Earth") || strings.Contains(c.path, "oembed") && !strings.Contains(b, `"width":400`) {
			t.Errorf("%s: %.200s", c.path, b)
		}
	}
	// Every request is logged as a JSON line.
	select {
	case line := <-s.logs:
		var e struct{ Msg, Path string }
		if json.Unmarshal([]byte(line), &e); e.Msg != "request" || e.Path == "" {
			t.Errorf("access line %q", line)
		}
	case <-time.After(5 * time.Second):
		t.Error("no access line")
	}
	if code, out, errOut := runCmd("health", s.url+"healthz"); code != 0 {
		t.Errorf("health: exit %d %s %s", code, out, errOut)
	}

	// Every module linked into the binary is in its notices.
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	gen := exec.Command("go", "run", "./cmd/silkmap-notices", "server")
	gen.Dir = "../.."
	notices, err := gen.Output()
	if err != nil {
		t.Fatalf("silkmap-notices: %v", err)
	}
	for _, dep := range info.Deps {
		if !strings.Contains(string(notices), fmt.Sprintf("\n- %s %s\n", dep.Path, dep.Version)) {
			t.Errorf("module %s %s is linked but not in the server's notices", dep.Path, dep.Version)
		}
	}

	// --watch on a folder not there yet: up but not ready, until it is.
	content := filepath.Join(tmp, "later")
	w := startServe(t, bin, empty, "--content", content, "--watch")
	for _, path := range []string{"/healthz", "/"} {
		if resp, b := w.get(t, path, ""); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(b, "not ready") {
			t.Errorf("%s before content: %d %q, want 503 saying not ready", path, resp.StatusCode, b)
		}
	}
	if code, _, _ := runCmd("health", w.url+"healthz"); code != 1 {
		t.Errorf("health before content: exit %d, want 1", code)
	}
	if code, _, errOut := runCmd("init", content); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if resp, _ := w.get(t, "/healthz", ""); resp.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the content that appeared was never served")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if resp, _ := w.get(t, "/", ""); resp.StatusCode != 200 {
		t.Errorf("the page once content came: %d", resp.StatusCode)
	}
}
