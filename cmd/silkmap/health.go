package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// healthTimeout bounds a health check from start to end.
const healthTimeout = 5 * time.Second

// runHealth asks a server's /healthz whether it serves content: exit 0 on
// 200, 1 on anything else or no answer within healthTimeout. It is the
// container image's HEALTHCHECK, which has no curl.
func runHealth(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	pos, err := parse(fs, args, -1, "[URL] (default http://127.0.0.1:8080/healthz)", stderr)
	if err != nil {
		return err
	}
	target := "http://127.0.0.1:8080/healthz"
	switch len(pos) {
	case 0:
	case 1:
		target = pos[0]
	default:
		fs.Usage()
		return errUsage
	}
	if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usageError{fmt.Errorf("%q is not an http or https URL", target)}
	}
	client := &http.Client{Timeout: healthTimeout}
	resp, err := client.Get(target)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", target, resp.Status)
	}
	fmt.Fprintf(stdout, "%s: %s\n", target, resp.Status)
	return nil
}
