package mapdata

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// The written-out checks say what the patterns they replace said, on
// every string of up to four characters from an alphabet of the
// characters that matter, and on random longer ones.
func TestMatchers(t *testing.T) {
	html := regexp.MustCompile(`<[A-Za-z/!?]|&[A-Za-z#][A-Za-z0-9]*;`)
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	date := regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	const alphabet = "<&#;/!?-aZ0 é"
	check := func(s string) {
		at, end := markup(s)
		if loc := html.FindStringIndex(s); loc == nil && at >= 0 || loc != nil && (at != loc[0] || end != loc[1]) {
			t.Errorf("markup(%q) = %d, %d; the pattern finds %v", s, at, end, loc)
		}
		if got, want := isSlug(s), slug.MatchString(s); got != want {
			t.Errorf("isSlug(%q) = %v, want %v", s, got, want)
		}
	}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for _, r := range alphabet {
			all(prefix+string(r), n-1)
		}
	}
	all("", 4)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]rune, 5+rng.IntN(20))
		for i := range b {
			b[i] = []rune(alphabet)[rng.IntN(len([]rune(alphabet)))]
		}
		check(string(b))
	}
	for _, s := range []string{"2025", "2025-11", "2025-11-16", "2025-1-16", "202a", "2025-11-1", "2025-11-16-", "-2025", "2025--11", "０１２３"} {
		if got, want := dateShape(s), date.MatchString(s); got != want {
			t.Errorf("dateShape(%q) = %v, want %v", s, got, want)
		}
	}
}
