// Command silkmap-notices writes the third-party notices of a silkmap
// artefact (see package notices): every module linked into it with its
// licence, the Go standard library's, and the boundary data's.
//
//	silkmap-notices [-o FILE] [-goos OS] [-goarch ARCH] bundle|server|desktop
//
// The server and desktop notices are for -goos and -goarch (flags rather
// than GOOS and GOARCH, which would build this command for that system
// under go run), default this machine's; the bundle's are for the browser
// build. Run it in the silkmap checkout.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"

	"github.com/silkmap/silkmap/internal/notices"
)

func main() {
	out := flag.String("o", "-", "file to write, - for standard output")
	goos := flag.String("goos", runtime.GOOS, "the operating system of the server or desktop binary")
	goarch := flag.String("goarch", runtime.GOARCH, "the architecture of the server or desktop binary")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: silkmap-notices [-o FILE] [-goos OS] [-goarch ARCH] bundle|server|desktop")
		flag.PrintDefaults()
	}
	flag.Parse()
	var targets []notices.Target
	switch flag.Arg(0) {
	case "bundle":
		targets = notices.Bundle()
	case "server":
		targets = notices.Server(*goos, *goarch)
	case "desktop":
		targets = notices.Desktop(*goos, *goarch)
	}
	if flag.NArg() != 1 || targets == nil {
		flag.Usage()
		os.Exit(2)
	}
	var b bytes.Buffer
	name := fmt.Sprintf("silkmap %s (%s/%s)", flag.Arg(0), *goos, *goarch)
	if flag.Arg(0) == "bundle" {
		name = "silkmap web bundle"
	}
	err := notices.Generate(&b, name, targets)
	if err == nil {
		if *out == "-" {
			_, err = os.Stdout.Write(b.Bytes())
		} else {
			err = os.WriteFile(*out, b.Bytes(), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-notices:", err)
		os.Exit(1)
	}
}
