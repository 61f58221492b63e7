package server

import (
	"log/slog"
	"net/http"
	"time"
)

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

// accessLog logs one line per request to l, message "request", with the
// keys remote, method, path (with the query), status, bytes (of the body
// sent), ms (the time taken) and encoding (the Content-Encoding, when the
// body was compressed). docs/hosting.md lists them.
func accessLog(l *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: rw}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		attrs := []slog.Attr{
			slog.String("remote", r.RemoteAddr), slog.String("method", r.Method), slog.String("path", r.URL.RequestURI()),
			slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes),
			slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
		}
		if enc := rw.Header().Get("Content-Encoding"); enc != "" {
			attrs = append(attrs, slog.String("encoding", enc))
		}
		l.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}
