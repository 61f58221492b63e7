package layout

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// boxes answers as comparing with every box would, for boxes of all sizes,
// on and partly off the screen.
func TestBoxes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	box := func() orb.Bound {
		x, y := rng.Float64()*1400-60, rng.Float64()*800-40
		w, h := rng.Float64()*rng.Float64()*300, rng.Float64()*40
		return orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}
	}
	bs := newBoxes(1280, 720)
	var all []orb.Bound
	for range 2000 {
		b := box()
		want := false
		for _, o := range all {
			want = want || b.Intersects(o)
		}
		if got := bs.hits(b); got != want {
			t.Fatalf("hits(%v) = %v with %d boxes, want %v", b, got, len(all), want)
		}
		if rng.IntN(4) == 0 {
			bs.add(b)
			all = append(all, b)
		}
	}
}
