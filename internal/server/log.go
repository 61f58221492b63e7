package server

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"
)

// logEntry is one line of the access log.
type logEntry struct {
	Time     string  `json:"time"`
	Remote   string  `json:"remote"`
	Method   string  `json:"method"`
	Path     string  `json:"path"`
	Status   int     `json:"status"`
	Bytes    int64   `json:"bytes"`
	Duration float64 `json:"ms"`
	Encoding string  `json:"encoding,omitempty"`
}

type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// accessLog writes one JSON line per request to w.
func accessLog(w io.Writer, next http.Handler) http.Handler {
	var mu sync.Mutex
	enc := json.NewEncoder(w)
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: rw}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		e := logEntry{
			Time: start.UTC().Format(time.RFC3339Nano), Remote: r.RemoteAddr, Method: r.Method,
			Path: r.URL.RequestURI(), Status: rec.status, Bytes: rec.bytes,
			Duration: float64(time.Since(start).Microseconds()) / 1000, Encoding: rw.Header().Get("Content-Encoding"),
		}
		mu.Lock()
		enc.Encode(e)
		mu.Unlock()
	})
}
