// Package tess triangulates polygons with holes by ear clipping, so that a
// renderer can fill a country with triangles that each cover only its own
// land: no stencil pass, no overdraw, and countries of any colour in one
// draw call.
//
// Holes are first joined to the outer ring by bridges (Eberly's method),
// then ears are cut from the single ring. For rings of more than a few
// dozen vertices the vertices are also kept in z-order (a Morton curve), so
// that checking an ear only visits the vertices near it. Bad rings
// (self-intersecting, degenerate) get a best effort: small local
// self-intersections are cured, and a ring that still has no ears is split
// along a valid diagonal. This is the method of Mapbox's earcut, written
// here on index arrays instead of linked objects.
package tess

import (
	"math"
	"slices"
)

// Triangulate triangulates a polygon given as flat x, y coordinates:
// the outer ring starts at vertex 0 and each hole at the vertex index in
// holes. Rings are not closed (the last vertex is not the first again).
// It returns vertex indexes, three per triangle.
func Triangulate(coords []float64, holes []int) []int {
	n := len(coords) / 2
	outerEnd := n
	if len(holes) > 0 {
		outerEnd = holes[0]
	}
	t := &tri{coords: coords, out: make([]int, 0, 3*(n+2*len(holes)))} // n-2 triangles, two more per hole bridge
	t.nodes = make([]node, 0, n+2*len(holes)+8)
	outer := t.ring(0, outerEnd, true)
	if outer < 0 || t.nodes[outer].next == t.nodes[outer].prev {
		return nil
	}
	if len(holes) > 0 {
		outer = t.eliminateHoles(holes, outer, n)
	}
	if n > 80 {
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for i := 0; i < outerEnd; i++ {
			x, y := coords[2*i], coords[2*i+1]
			minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
		}
		t.minX, t.minY = minX, minY
		if size := max(maxX-minX, maxY-minY); size > 0 {
			t.invSize = 32767 / size
		}
	}
	t.earcut(outer, 0)
	return t.out
}

const none = -1

type node struct {
	i            int     // vertex index in the input
	x, y         float64 // its coordinates
	prev, next   int     // ring order
	z            int32   // Morton code, -1 before indexing
	prevZ, nextZ int     // z order
	steiner      bool    // a one-vertex hole: never filtered out
}

type tri struct {
	coords     []float64
	nodes      []node
	out        []int
	minX, minY float64
	invSize    float64 // 0: no z-order hashing (a small polygon)
}

func (t *tri) insert(i int, last int) int {
	p := len(t.nodes)
	t.nodes = append(t.nodes, node{i: i, x: t.coords[2*i], y: t.coords[2*i+1], z: -1, prevZ: none, nextZ: none})
	if last == none {
		t.nodes[p].prev, t.nodes[p].next = p, p
	} else {
		nx := t.nodes[last].next
		t.nodes[p].next, t.nodes[p].prev = nx, last
		t.nodes[nx].prev = p
		t.nodes[last].next = p
	}
	return p
}

func (t *tri) remove(p int) {
	n := &t.nodes[p]
	t.nodes[n.next].prev = n.prev
	t.nodes[n.prev].next = n.next
	if n.prevZ != none {
		t.nodes[n.prevZ].nextZ = n.nextZ
	}
	if n.nextZ != none {
		t.nodes[n.nextZ].prevZ = n.prevZ
	}
}

// ring links vertices [start, end) into a circular list wound clockwise
// (in screen coordinates, y down: counter-clockwise on a map) when cw is
// true, the other way otherwise. It returns the last node, or none.
func (t *tri) ring(start, end int, cw bool) int {
	var sum float64
	for i, j := start, end-1; i < end; j, i = i, i+1 {
		sum += (t.coords[2*j] - t.coords[2*i]) * (t.coords[2*i+1] + t.coords[2*j+1])
	}
	last := none
	if cw == (sum > 0) {
		for i := start; i < end; i++ {
			last = t.insert(i, last)
		}
	} else {
		for i := end - 1; i >= start; i-- {
			last = t.insert(i, last)
		}
	}
	if last != none && t.equal(last, t.nodes[last].next) {
		nx := t.nodes[last].next
		t.remove(last)
		last = nx
	}
	return last
}

func (t *tri) equal(a, b int) bool {
	return t.nodes[a].x == t.nodes[b].x && t.nodes[a].y == t.nodes[b].y
}

// area is twice the signed area of triangle p, q, r (negative: an ear).
func (t *tri) area(p, q, r int) float64 {
	P, Q, R := &t.nodes[p], &t.nodes[q], &t.nodes[r]
	return (Q.y-P.y)*(R.x-Q.x) - (Q.x-P.x)*(R.y-Q.y)
}

// filter removes duplicate and collinear vertices between start and end.
func (t *tri) filter(start, end int) int {
	if start == none {
		return start
	}
	if end == none {
		end = start
	}
	p := start
	for {
		again := false
		n := &t.nodes[p]
		if !n.steiner && (t.equal(p, n.next) || t.area(n.prev, p, n.next) == 0) {
			prev := n.prev
			t.remove(p)
			p, end = prev, prev
			if p == t.nodes[p].next {
				break
			}
			again = true
		} else {
			p = n.next
		}
		if !again && p == end {
			break
		}
	}
	return end
}

// earcut cuts ears from the ring at ear; pass counts the fallbacks tried.
func (t *tri) earcut(ear, pass int) {
	if ear == none {
		return
	}
	if pass == 0 && t.invSize > 0 {
		t.indexCurve(ear)
	}
	stop := ear
	for t.nodes[ear].prev != t.nodes[ear].next {
		prev, next := t.nodes[ear].prev, t.nodes[ear].next
		isEar := false
		if t.invSize > 0 {
			isEar = t.isEarHashed(ear)
		} else {
			isEar = t.isEar(ear)
		}
		if isEar {
			t.out = append(t.out, t.nodes[prev].i, t.nodes[ear].i, t.nodes[next].i)
			t.remove(ear)
			// Skipping the next vertex makes fewer slivers.
			ear = t.nodes[next].next
			stop = ear
			continue
		}
		ear = next
		if ear == stop {
			switch pass {
			case 0: // filter collinear points and try again
				t.earcut(t.filter(ear, none), 1)
			case 1: // cure small self-intersections
				t.earcut(t.cure(t.filter(ear, none)), 2)
			case 2: // split the ring in two
				t.split(ear)
			}
			return
		}
	}
}

func (t *tri) isEar(ear int) bool {
	a, b, c := t.nodes[ear].prev, ear, t.nodes[ear].next
	if t.area(a, b, c) >= 0 {
		return false // reflex
	}
	for p := t.nodes[c].next; p != a; p = t.nodes[p].next {
		if t.inTriangle(a, b, c, p) && t.area(t.nodes[p].prev, p, t.nodes[p].next) >= 0 {
			return false
		}
	}
	return true
}

func (t *tri) isEarHashed(ear int) bool {
	a, b, c := t.nodes[ear].prev, ear, t.nodes[ear].next
	if t.area(a, b, c) >= 0 {
		return false
	}
	A, B, C := &t.nodes[a], &t.nodes[b], &t.nodes[c]
	minZ := t.zOrder(min(A.x, B.x, C.x), min(A.y, B.y, C.y))
	maxZ := t.zOrder(max(A.x, B.x, C.x), max(A.y, B.y, C.y))
	blocks := func(p int) bool {
		return p != a && p != c && t.inTriangle(a, b, c, p) && t.area(t.nodes[p].prev, p, t.nodes[p].next) >= 0
	}
	p, n := t.nodes[ear].prevZ, t.nodes[ear].nextZ
	for p != none && t.nodes[p].z >= minZ && n != none && t.nodes[n].z <= maxZ {
		if blocks(p) || blocks(n) {
			return false
		}
		p, n = t.nodes[p].prevZ, t.nodes[n].nextZ
	}
	for ; p != none && t.nodes[p].z >= minZ; p = t.nodes[p].prevZ {
		if blocks(p) {
			return false
		}
	}
	for ; n != none && t.nodes[n].z <= maxZ; n = t.nodes[n].nextZ {
		if blocks(n) {
			return false
		}
	}
	return true
}

// inTriangle reports whether p lies in triangle a, b, c (ear-wise).
func (t *tri) inTriangle(a, b, c, p int) bool {
	A, B, C, P := &t.nodes[a], &t.nodes[b], &t.nodes[c], &t.nodes[p]
	return pointInTriangle(A.x, A.y, B.x, B.y, C.x, C.y, P.x, P.y)
}

func pointInTriangle(ax, ay, bx, by, cx, cy, px, py float64) bool {
	return (cx-px)*(ay-py) >= (ax-px)*(cy-py) &&
		(ax-px)*(by-py) >= (bx-px)*(ay-py) &&
		(bx-px)*(cy-py) >= (cx-px)*(by-py)
}

// cure cuts triangles where two edges a–p and p.next–b cross.
func (t *tri) cure(start int) int {
	p := start
	for {
		a, b := t.nodes[p].prev, t.nodes[t.nodes[p].next].next
		if !t.equal(a, b) && t.intersects(a, p, t.nodes[p].next, b) && t.locallyInside(a, b) && t.locallyInside(b, a) {
			t.out = append(t.out, t.nodes[a].i, t.nodes[p].i, t.nodes[b].i)
			t.remove(t.nodes[p].next)
			t.remove(p)
			p, start = b, b
		}
		p = t.nodes[p].next
		if p == start {
			break
		}
	}
	return t.filter(p, none)
}

// split looks for a diagonal that splits the ring in two valid rings and
// triangulates both.
func (t *tri) split(start int) {
	a := start
	for {
		for b := t.nodes[t.nodes[a].next].next; b != t.nodes[a].prev; b = t.nodes[b].next {
			if t.nodes[a].i != t.nodes[b].i && t.validDiagonal(a, b) {
				c := t.splitRing(a, b)
				a = t.filter(a, t.nodes[a].next)
				c = t.filter(c, t.nodes[c].next)
				t.earcut(a, 0)
				t.earcut(c, 0)
				return
			}
		}
		a = t.nodes[a].next
		if a == start {
			return
		}
	}
}

// eliminateHoles bridges every hole into the outer ring, left to right.
func (t *tri) eliminateHoles(holes []int, outer, n int) int {
	var queue []int
	for k, start := range holes {
		end := n
		if k+1 < len(holes) {
			end = holes[k+1]
		}
		if end-start < 1 {
			continue
		}
		list := t.ring(start, end, false)
		if list == none {
			continue
		}
		if list == t.nodes[list].next {
			t.nodes[list].steiner = true
		}
		queue = append(queue, t.leftmost(list))
	}
	slices.SortStableFunc(queue, func(a, b int) int {
		switch {
		case t.nodes[a].x < t.nodes[b].x:
			return -1
		case t.nodes[a].x > t.nodes[b].x:
			return 1
		}
		return 0
	})
	for _, h := range queue {
		if bridge := t.holeBridge(h, outer); bridge != none {
			b := t.splitRing(bridge, h)
			t.filter(b, t.nodes[b].next)
		}
		outer = t.filter(outer, t.nodes[outer].next)
	}
	return outer
}

// holeBridge finds the outer-ring vertex to join hole vertex h to: the
// nearest edge hit by a ray to the left, then the visible vertex at the
// smallest angle.
func (t *tri) holeBridge(h, outer int) int {
	hx, hy := t.nodes[h].x, t.nodes[h].y
	qx := math.Inf(-1)
	m := none
	p := outer
	for {
		P, N := &t.nodes[p], &t.nodes[t.nodes[p].next]
		if hy <= P.y && hy >= N.y && N.y != P.y {
			x := P.x + (hy-P.y)*(N.x-P.x)/(N.y-P.y)
			if x <= hx && x > qx {
				qx = x
				if x == hx {
					if hy == P.y {
						return p
					}
					if hy == N.y {
						return P.next
					}
				}
				if P.x < N.x {
					m = p
				} else {
					m = P.next
				}
			}
		}
		p = P.next
		if p == outer {
			break
		}
	}
	if m == none {
		return none
	}
	if hx == qx {
		return t.nodes[m].prev
	}
	stop, mx, my := m, t.nodes[m].x, t.nodes[m].y
	tanMin := math.Inf(1)
	for p := t.nodes[m].next; p != stop; p = t.nodes[p].next {
		P := &t.nodes[p]
		ax, cx := qx, hx
		if hy < my {
			ax, cx = hx, qx
		}
		if hx >= P.x && P.x >= mx && hx != P.x && pointInTriangle(ax, hy, mx, my, cx, hy, P.x, P.y) {
			tan := math.Abs(hy-P.y) / (hx - P.x)
			if (tan < tanMin || tan == tanMin && P.x > t.nodes[m].x) && t.locallyInside(p, h) {
				m, tanMin = p, tan
			}
		}
	}
	return m
}

func (t *tri) leftmost(start int) int {
	best := start
	for p := t.nodes[start].next; p != start; p = t.nodes[p].next {
		if P, B := &t.nodes[p], &t.nodes[best]; P.x < B.x || P.x == B.x && P.y < B.y {
			best = p
		}
	}
	return best
}

// indexCurve gives every node its Morton code and sorts the z links.
func (t *tri) indexCurve(start int) {
	p := start
	for {
		n := &t.nodes[p]
		if n.z < 0 {
			n.z = t.zOrder(n.x, n.y)
		}
		n.prevZ, n.nextZ = n.prev, n.next
		p = n.next
		if p == start {
			break
		}
	}
	t.nodes[t.nodes[p].prevZ].nextZ = none
	t.nodes[p].prevZ = none
	t.sortZ(p)
}

// sortZ merge-sorts the z links (Tatham's list merge sort).
func (t *tri) sortZ(list int) {
	inSize := 1
	for {
		p := list
		list = none
		tail := none
		merges := 0
		for p != none {
			merges++
			q, pSize := p, 0
			for range inSize {
				pSize++
				q = t.nodes[q].nextZ
				if q == none {
					break
				}
			}
			qSize := inSize
			for pSize > 0 || qSize > 0 && q != none {
				var e int
				if pSize != 0 && (qSize == 0 || q == none || t.nodes[p].z <= t.nodes[q].z) {
					e, p = p, t.nodes[p].nextZ
					pSize--
				} else {
					e, q = q, t.nodes[q].nextZ
					qSize--
				}
				if tail != none {
					t.nodes[tail].nextZ = e
				} else {
					list = e
				}
				t.nodes[e].prevZ = tail
				tail = e
			}
			p = q
		}
		t.nodes[tail].nextZ = none
		if merges <= 1 {
			return
		}
		inSize *= 2
	}
}

// zOrder interleaves the bits of x and y scaled to 15 bits.
func (t *tri) zOrder(x, y float64) int32 {
	spread := func(v uint32) uint32 {
		v = (v | v<<8) & 0x00FF00FF
		v = (v | v<<4) & 0x0F0F0F0F
		v = (v | v<<2) & 0x33333333
		return (v | v<<1) & 0x55555555
	}
	ix := uint32(max(0, min(32767, (x-t.minX)*t.invSize)))
	iy := uint32(max(0, min(32767, (y-t.minY)*t.invSize)))
	return int32(spread(ix) | spread(iy)<<1)
}

func (t *tri) validDiagonal(a, b int) bool {
	A, B := &t.nodes[a], &t.nodes[b]
	return t.nodes[A.next].i != B.i && t.nodes[A.prev].i != B.i && !t.crossesRing(a, b) &&
		t.locallyInside(a, b) && t.locallyInside(b, a) && t.middleInside(a, b)
}

func (t *tri) intersects(p1, q1, p2, q2 int) bool {
	if t.equal(p1, p2) && t.equal(q1, q2) || t.equal(p1, q2) && t.equal(p2, q1) {
		return true
	}
	return (t.area(p1, q1, p2) > 0) != (t.area(p1, q1, q2) > 0) &&
		(t.area(p2, q2, p1) > 0) != (t.area(p2, q2, q1) > 0)
}

// crossesRing reports whether diagonal a–b crosses an edge of the ring.
func (t *tri) crossesRing(a, b int) bool {
	ai, bi := t.nodes[a].i, t.nodes[b].i
	p := a
	for {
		P := &t.nodes[p]
		ni := t.nodes[P.next].i
		if P.i != ai && ni != ai && P.i != bi && ni != bi && t.intersects(p, P.next, a, b) {
			return true
		}
		p = P.next
		if p == a {
			return false
		}
	}
}

func (t *tri) locallyInside(a, b int) bool {
	A := &t.nodes[a]
	if t.area(A.prev, a, A.next) < 0 {
		return t.area(a, b, A.next) >= 0 && t.area(a, A.prev, b) >= 0
	}
	return t.area(a, b, A.prev) < 0 || t.area(a, A.next, b) < 0
}

func (t *tri) middleInside(a, b int) bool {
	px, py := (t.nodes[a].x+t.nodes[b].x)/2, (t.nodes[a].y+t.nodes[b].y)/2
	inside := false
	p := a
	for {
		P, N := &t.nodes[p], &t.nodes[t.nodes[p].next]
		if (P.y > py) != (N.y > py) && N.y != P.y && px < (N.x-P.x)*(py-P.y)/(N.y-P.y)+P.x {
			inside = !inside
		}
		p = P.next
		if p == a {
			return inside
		}
	}
}

// splitRing joins a and b by a two-way bridge: a hole into the outer
// ring, or one ring into two. It returns the copy of b on the other side.
func (t *tri) splitRing(a, b int) int {
	a2 := len(t.nodes)
	t.nodes = append(t.nodes, node{i: t.nodes[a].i, x: t.nodes[a].x, y: t.nodes[a].y, z: -1, prevZ: none, nextZ: none})
	b2 := len(t.nodes)
	t.nodes = append(t.nodes, node{i: t.nodes[b].i, x: t.nodes[b].x, y: t.nodes[b].y, z: -1, prevZ: none, nextZ: none})
	an, bp := t.nodes[a].next, t.nodes[b].prev
	t.nodes[a].next, t.nodes[b].prev = b, a
	t.nodes[a2].next, t.nodes[an].prev = an, a2
	t.nodes[b2].next, t.nodes[a2].prev = a2, b2
	t.nodes[bp].next, t.nodes[b2].prev = b2, bp
	return b2
}
