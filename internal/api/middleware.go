package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// CSP is the Content-Security-Policy of every answer: nothing inline, no
// third party, no framing.
const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// statusWriter remembers the status and size of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Wrap adds to h what every answer needs: security headers, a request
// body limit of maxBody bytes, a deadline of timeout on the request's
// context (queries stop and answer 503 when it passes), recovery from panics (a 500 and a log line
// with the stack; http.ErrAbortHandler, which a handler panics with to cut
// an answer it has begun, is logged and passed on to the server), one
// structured access log line per request and the
// request metrics by route pattern (the mux's pattern, or "unmatched").
func Wrap(h http.Handler, log *slog.Logger, m *Metrics, maxBody int64, timeout time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		r = r.WithContext(ctx)
		hd := w.Header()
		hd.Set("Content-Security-Policy", CSP)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			p := recover()
			if p != nil && p != http.ErrAbortHandler {
				log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.status == 0 {
					writeJSON(sw, http.StatusInternalServerError, errorBody{Error: http.StatusText(http.StatusInternalServerError)})
				}
			}
			d := time.Since(start)
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			m.Observe(route, r.Method, status, d)
			attrs := []any{"method", r.Method, "path", r.URL.Path, "route", route, "status", status,
				"bytes", sw.bytes, "duration_ms", float64(d.Microseconds()) / 1000, "remote", r.RemoteAddr}
			if p == http.ErrAbortHandler {
				log.Info("request", append(attrs, "aborted", true)...)
				panic(p) // http.ErrAbortHandler: the server cuts the connection, the client sees a broken answer
			}
			log.Info("request", attrs...)
		}()
		h.ServeHTTP(sw, r)
	})
}
