package geojson

import (
	"cmp"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"

	"github.com/paulmach/orb"
)

// SelfIntersection reports a pair of edges of a closed ring that touch or
// cross, by edge index with i < j (edge i runs from position i to i+1; the
// first and last edges are adjacent). Adjacent edges may share their vertex
// and nothing more: a spike, where an edge folds back over the one before
// it, is reported as that adjacent pair. Any other reported pair is not
// adjacent.
//
// The last position is taken to be the first (the reader refuses open rings
// before asking), and coordinates must be finite.
//
// It is a Shamos–Hoey sweep, O(n log n) however the edges overlap, because
// content is untrusted: a comb of 300,000 positions whose edges all overlap
// in longitude must not take minutes. It stops at the first touch found.
func SelfIntersection(ring orb.Ring) (int, int, bool) {
	n := len(ring) - 1 // edges, and distinct positions
	if n < 3 {
		return 0, 0, false
	}
	s := &sweep{pts: ring[:n]}
	if i, j, ok := s.spike(); ok || n == 3 {
		return i, j, ok // a triangle's edges are all adjacent
	}
	return s.run()
}

// sweep is the state of one SelfIntersection. Edges are kept in a treap
// ordered bottom to top along a sweep line that passes the positions in
// lexicographic order (x, then y), as if turned by an infinitesimal angle so
// that vertical edges need no special case.
type sweep struct {
	pts  orb.Ring // positions, without the closing one
	lo   []orb.Point
	hi   []orb.Point // each edge's lexicographically smaller and larger end
	tree treap
}

// edge returns the ends of edge e.
func (s *sweep) edge(e int) (orb.Point, orb.Point) {
	return s.pts[e], s.pts[(e+1)%len(s.pts)]
}

func (s *sweep) adjacent(i, j int) bool {
	d := max(i, j) - min(i, j)
	return d == 1 || d == len(s.pts)-1
}

// touch reports whether non-adjacent edges i and j touch; adjacent ones
// always share a vertex, and spike has already checked they share no more.
func (s *sweep) touch(i, j int) bool {
	if s.adjacent(i, j) {
		return false
	}
	p1, p2 := s.edge(i)
	q1, q2 := s.edge(j)
	return segmentsTouch(p1, p2, q1, q2)
}

// spike finds two adjacent edges that overlap: collinear, and going the same
// way from their shared vertex.
func (s *sweep) spike() (int, int, bool) {
	n := len(s.pts)
	for k, b := range s.pts {
		prev := (k + n - 1) % n
		a, c := s.pts[prev], s.pts[(k+1)%n]
		if d := lexCmp(a, b); d != 0 && d == lexCmp(c, b) && orient(a, b, c) == 0 {
			return min(prev, k), max(prev, k), true
		}
	}
	return 0, 0, false
}

// run sweeps the edges of a ring of at least four edges without spikes.
func (s *sweep) run() (int, int, bool) {
	n := len(s.pts)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return lexCmp(s.pts[a], s.pts[b]) })
	// Edges touch at a position the ring passes twice. With that ruled
	// out, every position is one vertex, where just its two edges meet,
	// which the sweep below relies on.
	for k := 1; k < n; k++ {
		if s.pts[order[k-1]] == s.pts[order[k]] {
			i, j := int(min(order[k-1], order[k])), int(max(order[k-1], order[k]))
			switch {
			case j == i+1: // edge i has no length: the edges either side touch
				return min((i+n-1)%n, j), max((i+n-1)%n, j), true
			case i == 0 && j == n-1: // so has the closing edge
				return 0, n - 2, true
			}
			return i, j, true
		}
	}
	s.lo, s.hi = make([]orb.Point, n), make([]orb.Point, n)
	for e := range n {
		a, b := s.edge(e)
		if lexCmp(a, b) > 0 {
			a, b = b, a
		}
		s.lo[e], s.hi[e] = a, b
	}
	s.tree.init(n)
	for _, k := range order {
		// The edges ending at this vertex leave before those starting here
		// come in, so the two never meet in the tree.
		p := s.pts[k]
		ends := [2]int{(int(k) + n - 1) % n, int(k)}
		for _, e := range ends {
			if s.hi[e] == p {
				below, above := s.tree.remove(int32(e))
				if below >= 0 && above >= 0 && s.touch(int(below), int(above)) {
					return min(int(below), int(above)), max(int(below), int(above)), true
				}
			}
		}
		for _, e := range ends {
			if s.lo[e] != p {
				continue
			}
			q := s.hi[e]
			// Edges through p compare 0 and stop the insertion: p touches
			// them inside, and they form one run of the order, so the
			// search cannot pass them by.
			on := s.tree.insert(int32(e), func(o int32) float64 {
				d := orient(s.lo[o], s.hi[o], p)
				if d == 0 && s.lo[o] == p { // the other edge starting here
					d = orient(p, s.hi[o], q)
				}
				return d
			})
			if on >= 0 {
				return min(int(on), e), max(int(on), e), true
			}
			for _, o := range s.tree.neighbours(int32(e)) {
				if o >= 0 && s.touch(int(o), e) {
					return min(int(o), e), max(int(o), e), true
				}
			}
		}
	}
	return 0, 0, false
}

func lexCmp(a, b orb.Point) int {
	if c := cmp.Compare(a[0], b[0]); c != 0 {
		return c
	}
	return cmp.Compare(a[1], b[1])
}

// orientBound is Shewchuk's error bound for the floating-point orientation
// determinant: past it, the computed sign is the true one.
const orientBound = (3 + 16*0x1p-53) * 0x1p-53

// orient returns a number with the exact sign of the orientation of a, b, c:
// positive when c is left of the line from a to b, zero when on it. The
// sweep is only right when its predicate is exact: a sign rounded the wrong
// way could misplace an edge and let a crossing through, or disagree with
// segmentsTouch. Rounding can only matter near zero, so only there is more
// work done: Kahan's determinant with fused multiply-adds when the
// differences are exact, as they are for collinear content such as
// rectangles, and exact rational arithmetic otherwise.
func orient(a, b, c orb.Point) float64 {
	l := (b[0] - a[0]) * (c[1] - a[1])
	r := (b[1] - a[1]) * (c[0] - a[0])
	if det := l - r; math.Abs(det) > orientBound*(math.Abs(l)+math.Abs(r)) {
		return det
	}
	dx1, ok1 := exactSub(b[0], a[0])
	dy2, ok2 := exactSub(c[1], a[1])
	dy1, ok3 := exactSub(b[1], a[1])
	dx2, ok4 := exactSub(c[0], a[0])
	// A rounded difference has the exact sign, and is zero only when the
	// exact one is: when a product has a zero factor, signs are enough.
	switch {
	case dx1 == 0 || dy2 == 0:
		return -sign(dy1) * sign(dx2)
	case dy1 == 0 || dx2 == 0:
		return sign(dx1) * sign(dy2)
	case ok1 && ok2 && ok3 && ok4:
		// Kahan's dx1*dy2 - dy1*dx2 is within 2 units in the last place
		// of the exact value (Jeannerod, Louvet and Muller, 2013), so its
		// sign is exact.
		w := dy1 * dx2
		e := math.FMA(-dy1, dx2, w)
		return math.FMA(dx1, dy2, -w) + e
	}
	var v [6]big.Rat
	for i, f := range [6]float64{a[0], a[1], b[0], b[1], c[0], c[1]} {
		if v[i].SetFloat64(f) == nil {
			return 0 // NaN or infinite, which the reader refuses
		}
	}
	var rdx1, rdy1, rdx2, rdy2 big.Rat
	rdx1.Sub(&v[2], &v[0])
	rdy2.Sub(&v[5], &v[1])
	rdy1.Sub(&v[3], &v[1])
	rdx2.Sub(&v[4], &v[0])
	return float64(rdx1.Mul(&rdx1, &rdy2).Cmp(rdy1.Mul(&rdy1, &rdx2)))
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// exactSub returns x-y and whether it is exact (Knuth's TwoSum error is
// zero) and of a size whose products neither underflow nor overflow, which
// Kahan's bound assumes.
func exactSub(x, y float64) (float64, bool) {
	d := x - y
	xv := d + y
	if (x-xv)+(-y-(d-xv)) != 0 {
		return d, false
	}
	m := math.Abs(d)
	return d, m == 0 || (m >= 0x1p-400 && m <= 0x1p500)
}

func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

func segmentsTouch(p1, p2, q1, q2 orb.Point) bool {
	d1, d2 := orient(q1, q2, p1), orient(q1, q2, p2)
	d3, d4 := orient(p1, p2, q1), orient(p1, p2, q2)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2)) ||
		(d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2))
}

// treap is a randomized balanced binary tree of edges 0..n-1, in arrays.
// It is written here because the module has no ordered container, and the
// sweep needs one that removes and finds neighbours by node rather than by
// comparison. Priorities are random per call, so no input can be built to
// unbalance it.
type treap struct {
	root  int32
	nodes []treapNode
}

type treapNode struct {
	left, right, parent int32 // -1 for none
	prio                uint32
}

func (t *treap) init(n int) {
	t.root = -1
	t.nodes = make([]treapNode, n)
}

// insert adds x where side says: side(o) > 0 puts x after node o, < 0
// before it. When side(o) is 0, insert adds nothing and returns o;
// otherwise it returns -1.
func (t *treap) insert(x int32, side func(o int32) float64) int32 {
	t.nodes[x] = treapNode{left: -1, right: -1, parent: -1, prio: rand.Uint32()}
	if t.root < 0 {
		t.root = x
		return -1
	}
	o := t.root
	for {
		d := side(o)
		if d == 0 {
			return o
		}
		child := &t.nodes[o].left
		if d > 0 {
			child = &t.nodes[o].right
		}
		if *child < 0 {
			*child = x
			break
		}
		o = *child
	}
	t.nodes[x].parent = o
	for p := t.nodes[x].parent; p >= 0 && t.nodes[x].prio > t.nodes[p].prio; p = t.nodes[x].parent {
		t.rotateUp(x)
	}
	return -1
}

// rotateUp lifts x above its parent, keeping the order.
func (t *treap) rotateUp(x int32) {
	nx := &t.nodes[x]
	p := nx.parent
	np := &t.nodes[p]
	g := np.parent
	if np.left == x {
		np.left = nx.right
		if nx.right >= 0 {
			t.nodes[nx.right].parent = p
		}
		nx.right = p
	} else {
		np.right = nx.left
		if nx.left >= 0 {
			t.nodes[nx.left].parent = p
		}
		nx.left = p
	}
	np.parent, nx.parent = x, g
	switch {
	case g < 0:
		t.root = x
	case t.nodes[g].left == p:
		t.nodes[g].left = x
	default:
		t.nodes[g].right = x
	}
}

// remove takes x out and returns the nodes that were before and after it
// (-1 for none), which are now next to each other.
func (t *treap) remove(x int32) (int32, int32) {
	nb := t.neighbours(x)
	for {
		l, r := t.nodes[x].left, t.nodes[x].right
		switch {
		case l < 0 && r < 0:
			switch p := t.nodes[x].parent; {
			case p < 0:
				t.root = -1
			case t.nodes[p].left == x:
				t.nodes[p].left = -1
			default:
				t.nodes[p].right = -1
			}
			return nb[0], nb[1]
		case r < 0 || (l >= 0 && t.nodes[l].prio > t.nodes[r].prio):
			t.rotateUp(l)
		default:
			t.rotateUp(r)
		}
	}
}

// neighbours returns the nodes before and after x, -1 for none.
func (t *treap) neighbours(x int32) [2]int32 {
	return [2]int32{t.step(x, false), t.step(x, true)}
}

// step returns the node after x, or before it when !after.
func (t *treap) step(x int32, after bool) int32 {
	near := func(n *treapNode) int32 { // the child on the side we step to
		if after {
			return n.right
		}
		return n.left
	}
	far := func(n *treapNode) int32 {
		if after {
			return n.left
		}
		return n.right
	}
	if c := near(&t.nodes[x]); c >= 0 {
		for f := far(&t.nodes[c]); f >= 0; f = far(&t.nodes[c]) {
			c = f
		}
		return c
	}
	for p := t.nodes[x].parent; p >= 0; x, p = p, t.nodes[p].parent {
		if near(&t.nodes[p]) != x {
			return p
		}
	}
	return -1
}
