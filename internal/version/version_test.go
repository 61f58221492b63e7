package version

import (
	"regexp"
	"runtime"
	"testing"
)

func TestString(t *testing.T) {
	for _, tt := range []struct {
		version, commit, epoch string
		want                   string
	}{
		{"0.1.0", "abc1234", "1796601600", "silkmap 0.1.0 (commit abc1234, built 2026-12-07T00:00:00Z, " + runtime.Version() + ")"},
		// A plain build (a test binary records no commit).
		{"", "", "", `silkmap (devel) (commit unknown, built unknown, ` + runtime.Version() + ")"},
		{"0.1.0", "abc1234", "not a time", "silkmap 0.1.0 (commit abc1234, built unknown, " + runtime.Version() + ")"},
	} {
		Version, Commit, Epoch = tt.version, tt.commit, tt.epoch
		if got := String("silkmap"); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	Version, Commit, Epoch = "", "", ""
	if !regexp.MustCompile(`^silkmap-desktop \S+ \(commit \w+, built \S+, go\S+\)$`).MatchString(String("silkmap-desktop")) {
		t.Errorf("got %q", String("silkmap-desktop"))
	}
}
