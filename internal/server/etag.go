package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"time"
)

// ETag is the strong entity tag silkmap serve sends with a content file
// (/content/FILE) whose bytes are data, sent uncompressed: a quoted prefix
// of their SHA-256. It depends on the bytes alone, so every replica
// serving the same file sends the same tag, and the studio's write API
// compares If-Match with it.
func ETag(data []byte) string {
	return `"` + digest(data) + `"`
}

// digest is the part of an entity tag that names the bytes.
func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:10])
}

// etag is the tag of a representation: the bytes' digest, with the
// content coding appended when they are sent compressed. A strong tag
// names one exact sequence of bytes (RFC 9110, 8.8.1 and 8.8.3), and the
// brotli, gzip and identity bodies of a file differ, so each has a tag of
// its own; the compressed bodies are deterministic (one compressor, one
// level), so the tag still depends on the file alone. With Vary:
// Accept-Encoding, a cache then never answers a conditional request for
// one coding with another's 304.
func etag(digest, enc string) string {
	if enc != "" {
		return `"` + digest + "-" + enc + `"`
	}
	return `"` + digest + `"`
}

// fileDigest is the digest of name in fsys, kept in s.tags by its name,
// size and time (a bundle's 15 MB wasm is hashed once, not per request).
func (s *Server) fileDigest(fsys fs.FS, key, name string, size int64, mod time.Time) (string, error) {
	key = fmt.Sprintf("%s\x00%s\x00%d\x00%d", key, name, size, mod.UnixNano())
	if d, ok := s.tags.get(key); ok {
		return string(d), nil
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "", err
	}
	d := digest(data)
	s.tags.put(key, []byte(d))
	return d, nil
}
