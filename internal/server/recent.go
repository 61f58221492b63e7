package server

import (
	"slices"
	"sync"
)

// recent keeps the latest bodies (snapshot renders, compressed content)
// within a number of them and of bytes, the oldest going first, so that a
// burst of large ones cannot hold the server's memory. It is safe for
// concurrent use.
type recent struct {
	mu                    sync.Mutex
	maxN, maxBytes, bytes int
	keys                  []string // oldest first
	m                     map[string][]byte
}

func newRecent(maxN, maxBytes int) *recent {
	return &recent{maxN: maxN, maxBytes: maxBytes, m: map[string][]byte{}}
}

func (c *recent) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	return b, ok
}

// reset drops everything kept.
func (c *recent) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keys, c.m, c.bytes = nil, map[string][]byte{}, 0
}

// put keeps b under key (anew, if two renders of it raced), unless b alone
// is over a quarter of the bytes allowed.
func (c *recent) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(b) > c.maxBytes/4 {
		return
	}
	if old, ok := c.m[key]; ok {
		c.bytes -= len(old)
		c.keys = slices.DeleteFunc(c.keys, func(k string) bool { return k == key })
	}
	for len(c.keys) > 0 && (len(c.keys) >= c.maxN || c.bytes+len(b) > c.maxBytes) {
		c.bytes -= len(c.m[c.keys[0]])
		delete(c.m, c.keys[0])
		c.keys = c.keys[1:]
	}
	c.m[key] = b
	c.keys = append(c.keys, key)
	c.bytes += len(b)
}
