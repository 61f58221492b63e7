package jsonlimit

import (
	"fmt"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	l := Limits{MaxBytes: 1000, MaxDepth: 3}
	for _, tt := range []struct {
		in, want string
	}{
		{`{"a":[[1]]}`, ""},
		{`{"a":[[[1]]]}`, "nesting deeper than 3 levels at byte 7"},
		{`{"a":"[[[[[[["}`, ""}, // brackets in strings do not count
		{`{"a":"\"[[[[[["}`, ""},
		{strings.Repeat(" ", 1001), "1001 bytes, more than the limit of 1000"},
		{"{\"a\":\"\xc3\x28\"}", "not valid UTF-8 (at byte 6)"},

		{`{"a":1,"b":2,"a":3}`, `duplicate key "a" in one object: at line 1, column 2 and line 1, column 14`},
		{"{\n  \"name\": 1,\n  \"x\": {\"name\": 2},\n  \"name\": 3\n}", `duplicate key "name" in one object: at line 2, column 3 and line 4, column 3`},
		{`{"é":1, "é":2}`, `duplicate key "é" in one object: at line 1, column 2 and line 1, column 9`}, // columns count characters
		{`{"a":1,"\u0061":2}`, `duplicate key "a" in one object`},                                       // decoded, not raw
		{`{"a\"":1,"a\u0022":2}`, `duplicate key "a\"" in one object`},
		{`{"a":{"a":{"a":1}}}`, ""}, // one key per object
		{`[{"a":1},{"a":2}]`, ""},   // the same key in sibling objects
		{`{"a":{"b":1},"b":2}`, ""}, // a child's key is not its parent's
		{`{"a":"b","b":"a"}`, ""},   // values are not keys
		{`{"a":["a","a"]}`, ""},
		{`{"ab":1,"a":2,"b":3}`, ""},
		{`{"":1,"":2}`, `duplicate key ""`},
	} {
		err := l.Check([]byte(tt.in))
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Check(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// Objects with many keys are checked through a map, not by comparing each
// key with all before it, so a file of one huge object costs one pass.
func TestCheckManyKeys(t *testing.T) {
	l := Limits{MaxBytes: 1 << 30, MaxDepth: 4}
	var b strings.Builder
	b.WriteString(`{"inner":{"x":1,"x2":2},`)
	for i := range 200_000 {
		fmt.Fprintf(&b, "\"k%d\":{\"k%d\":1},\n", i, i)
	}
	ok := b.String() + `"last":0}`
	if err := l.Check([]byte(ok)); err != nil {
		t.Fatalf("distinct keys: %v", err)
	}
	dup := b.String() + `"k\u0031234":0}`
	want := `duplicate key "k1234" in one object: at line 1235, column 1 and line 200001, column 1`
	if err := l.Check([]byte(dup)); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	long := `{"` + strings.Repeat("é", 100) + `":1,"` + strings.Repeat("é", 100) + `":2}`
	if err := l.Check([]byte(long)); err == nil || !strings.Contains(err.Error(), `"`+strings.Repeat("é", 30)+`…"`) {
		t.Errorf("long key: got %v, want it cut to 30 characters", err)
	}
}

func BenchmarkCheck(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[`)
	for i := range 20_000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"type":"Polygon","arcs":[[%d,%d,%d]],"id":"C%d","properties":{"name":"Country %d"}}`, i, i+1, i+2, i, i)
	}
	sb.WriteString(`]}}}`)
	data := []byte(sb.String())
	l := Limits{MaxBytes: 64 << 20, MaxDepth: 32}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := l.Check(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestValues(t *testing.T) {
	lim := Limits{MaxBytes: 1 << 20, MaxDepth: 8}
	for in, want := range map[string]int{
		`1`:                                1,
		`"a"`:                              1,
		`[]`:                               1,
		`[1, 2, 3]`:                        4,
		`[-1.5e3,true,false,null]`:         5,
		`{"a": 1, "b": [1, "x"], "c": {}}`: 6,
		`{"k\"ey": "v,:["}`:                2,
		`[[0,0],[1,1],[2,2]]`:              10,
	} {
		if got, err := lim.Values([]byte(in)); err != nil || got != want {
			t.Errorf("Values(%s) = %d, %v; want %d", in, got, err, want)
		}
	}
}
