package api

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds of the latency histogram, in seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Metrics counts requests and ingested documents and writes them in the
// Prometheus text format. It is safe for concurrent use.
type Metrics struct {
	mu       sync.Mutex
	requests map[reqKey]int64
	latency  map[string]*histogram // by route
	ingest   map[string]int64      // by outcome
	start    time.Time
}

type reqKey struct {
	route, method string
	status        int
}

type histogram struct {
	counts []int64 // per bucket, not cumulative
	sum    float64
	n      int64
}

// NewMetrics returns empty metrics; start is the process start time.
func NewMetrics(start time.Time) *Metrics {
	return &Metrics{requests: map[reqKey]int64{}, latency: map[string]*histogram{}, ingest: map[string]int64{}, start: start}
}

// Observe records one request.
func (m *Metrics) Observe(route, method string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, method, status}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]int64, len(latencyBuckets))}
		m.latency[route] = h
	}
	s := d.Seconds()
	for i, b := range latencyBuckets {
		if s <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += s
	h.n++
}

// Ingested records the outcome of one POSTed document: ingested,
// unchanged, superseded or failed.
func (m *Metrics) Ingested(outcome string) {
	m.mu.Lock()
	m.ingest[outcome]++
	m.mu.Unlock()
}

// label escapes a Prometheus label value.
func label(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func float(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// WriteTo writes every metric in the Prometheus text exposition format,
// sorted so that the output is stable.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP dyad_http_requests_total HTTP requests by route, method and status.\n# TYPE dyad_http_requests_total counter\n")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, c := keys[i], keys[j]
		if a.route != c.route {
			return a.route < c.route
		}
		if a.method != c.method {
			return a.method < c.method
		}
		return a.status < c.status
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "dyad_http_requests_total{route=\"%s\",method=\"%s\",status=\"%d\"} %d\n", label(k.route), label(k.method), k.status, m.requests[k])
	}
	b.WriteString("# HELP dyad_http_request_duration_seconds HTTP request latency by route.\n# TYPE dyad_http_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		h := m.latency[r]
		var cum int64
		for i, ub := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "dyad_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %d\n", label(r), float(ub), cum)
		}
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d\n", label(r), h.n)
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_sum{route=\"%s\"} %s\n", label(r), float(h.sum))
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_count{route=\"%s\"} %d\n", label(r), h.n)
	}
	b.WriteString("# HELP dyad_ingest_documents_total Documents POSTed to the API by outcome.\n# TYPE dyad_ingest_documents_total counter\n")
	for _, o := range []string{"ingested", "unchanged", "superseded", "failed"} {
		fmt.Fprintf(&b, "dyad_ingest_documents_total{outcome=\"%s\"} %d\n", o, m.ingest[o])
	}
	fmt.Fprintf(&b, "# HELP dyad_uptime_seconds Seconds since the server started.\n# TYPE dyad_uptime_seconds gauge\ndyad_uptime_seconds %s\n",
		float(time.Since(m.start).Round(time.Millisecond).Seconds()))
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// ServeHTTP serves the metrics.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = m.WriteTo(w)
}
