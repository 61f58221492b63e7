package jsonlimit

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	l := Limits{MaxBytes: 100, MaxDepth: 3}
	for _, tt := range []struct {
		in, want string
	}{
		{`{"a":[[1]]}`, ""},
		{`{"a":[[[1]]]}`, "nesting deeper than 3 levels at byte 7"},
		{`{"a":"[[[[[[["}`, ""}, // brackets in strings do not count
		{`{"a":"\"[[[[[["}`, ""},
		{strings.Repeat(" ", 101), "101 bytes, more than the limit of 100"},
		{"{\"a\":\"\xc3\x28\"}", "not valid UTF-8 (at byte 6)"},
	} {
		err := l.Check([]byte(tt.in))
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Check(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}
