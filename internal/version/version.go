// Package version names a silkmap build: its release, commit and the
// commit's time. make build and make dist set them with the linker
// (-ldflags -X, see the Makefile), since these machines build with
// -buildvcs=false and a release needs them in any case; a plain go build
// leaves them empty and says so, or takes the commit Go recorded itself.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"
)

// Set by the linker: -X github.com/silkmap/silkmap/internal/version.Version=0.1.0
// and likewise Commit (short hash) and Epoch (the commit's time in Unix
// seconds, as in SOURCE_DATE_EPOCH).
var (
	Version string
	Commit  string
	Epoch   string
)

// String is the one line `silkmap version` prints for program prog, e.g.
// "silkmap 0.1.0 (commit abc1234, built 2026-12-07T00:00:00Z, go1.26.8)"
// or, for a plain build, "silkmap (devel) (commit unknown, built unknown, go1.26.8)".
func String(prog string) string {
	v, commit, built := Version, Commit, "unknown"
	if v == "" {
		v = "(devel)"
	}
	if sec, err := strconv.ParseInt(Epoch, 10, 64); err == nil {
		built = time.Unix(sec, 0).UTC().Format(time.RFC3339)
	}
	if commit == "" {
		commit = "unknown"
		// A build with version control stamping on records the commit.
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, s := range info.Settings {
				switch {
				case s.Key == "vcs.revision" && len(s.Value) >= 7:
					commit = s.Value[:7]
				case s.Key == "vcs.time" && built == "unknown":
					built = s.Value
				}
			}
		}
	}
	return fmt.Sprintf("%s %s (commit %s, built %s, %s)", prog, v, commit, built, runtime.Version())
}
