package mapdata

import (
	"strconv"
	"testing"
)

// A lookup by id takes one step whatever the catalog's size: a page's start
// looks each of thousands of sites up.
func TestFind_oneStep(t *testing.T) {
	at := map[string]int{}
	var list []*Site
	for i := range 1000 {
		s := &Site{ID: "site:s" + strconv.Itoa(i)}
		list = add(at, list, s.ID, s)
	}
	steps := 0
	key := func(s *Site) string { steps++; return s.ID }
	for i := range 1000 {
		id := "site:s" + strconv.Itoa(i)
		if got := find(at, list, id, key); got == nil || got.ID != id {
			t.Fatalf("find(%q) = %v", id, got)
		}
	}
	if find(at, list, "site:none", key) != nil {
		t.Error("found an unknown id")
	}
	if steps > 1000 {
		t.Errorf("1001 lookups took %d steps, want at most one each", steps)
	}
}
