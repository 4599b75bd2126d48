// Package api serves dyad's JSON API, /healthz and /metrics, and holds the
// HTTP plumbing the web UI shares: security headers, limits, access logs,
// metrics and the error-kind to status table. The routes are listed in one
// table, described by the embedded OpenAPI 3 document served at
// /api/openapi.json; a test checks that the two agree.
package api

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/export"
	"github.com/dyad-project/dyad/internal/lang"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI 3 document of the API.
func OpenAPI() []byte { return openAPI }

// DefaultMaxBody bounds a request body, in bytes.
const DefaultMaxBody = 4 << 20

// Config configures a Server.
type Config struct {
	Query   *query.Service
	Log     *slog.Logger
	Metrics *Metrics
	// Token, when non-empty, enables POST /api/documents for requests that
	// carry it as a Bearer token. Empty disables the route (403).
	Token string
	// Ingest stores one submitted document through the pipeline. Required
	// when Token is set.
	Ingest Ingester
	// Codebook checks the code, root and plover parameters; nil means the
	// embedded CAMEO codebook.
	Codebook *cameo.Codebook
	// Lang identifies the language of submitted documents; nil means the
	// embedded profiles.
	Lang *lang.Detector
	// MaxExport is the most events one export route writes; 0 means
	// DefaultMaxExport.
	MaxExport int
}

// Server answers the API routes.
type Server struct {
	cfg Config
}

// New returns a Server.
func New(cfg Config) (*Server, error) {
	if cfg.Query == nil || cfg.Log == nil || cfg.Metrics == nil {
		return nil, errors.New("api: Query, Log and Metrics are required")
	}
	if cfg.Token != "" && cfg.Ingest == nil {
		return nil, errors.New("api: a token is set but no Ingest function")
	}
	if cfg.Codebook == nil {
		cb, err := cameo.DefaultCodebook()
		if err != nil {
			return nil, fmt.Errorf("api: %w", err)
		}
		cfg.Codebook = cb
	}
	if cfg.Lang == nil {
		det, err := lang.New()
		if err != nil {
			return nil, fmt.Errorf("api: %w", err)
		}
		cfg.Lang = det
	}
	if cfg.MaxExport <= 0 {
		cfg.MaxExport = DefaultMaxExport
	}
	return &Server{cfg: cfg}, nil
}

// Route is one method and path pattern the API serves.
type Route struct {
	Method, Pattern string
}

// routes is the API's table: every route Register adds.
func (s *Server) routes() []struct {
	Route
	h http.HandlerFunc
} {
	return []struct {
		Route
		h http.HandlerFunc
	}{
		{Route{"GET", "/healthz"}, s.healthz},
		{Route{"GET", "/metrics"}, s.cfg.Metrics.ServeHTTP},
		{Route{"GET", "/api/openapi.json"}, s.openapi},
		{Route{"GET", "/api/overview"}, s.overview},
		{Route{"GET", "/api/events"}, s.events},
		{Route{"GET", ExportPath(export.CSV)}, s.exportEvents(export.CSV)},
		{Route{"GET", ExportPath(export.JSONL)}, s.exportEvents(export.JSONL)},
		{Route{"GET", ExportPath(export.GDELT)}, s.exportEvents(export.GDELT)},
		{Route{"GET", ExportPath(export.PLOVER)}, s.exportEvents(export.PLOVER)},
		{Route{"GET", "/api/dyads/{a}/{b}/series"}, s.dyadSeries},
		{Route{"GET", "/api/actors/suggest"}, s.suggestActors},
		{Route{"GET", "/api/actors/{code}"}, s.actor},
		{Route{"GET", "/api/network"}, s.network},
		{Route{"GET", "/api/places"}, s.places},
		{Route{"GET", "/api/documents/{id}"}, s.document},
		{Route{"GET", "/api/search"}, s.search},
		{Route{"POST", "/api/documents"}, s.ingest},
	}
}

// Routes lists the routes Register adds.
func (s *Server) Routes() []Route {
	var out []Route
	for _, r := range s.routes() {
		out = append(out, r.Route)
	}
	return out
}

// Register adds the API's routes to mux, plus a JSON 404 for any other
// path under /api/.
func (s *Server) Register(mux *http.ServeMux) {
	for _, r := range s.routes() {
		mux.HandleFunc(r.Method+" "+r.Pattern, r.h)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, rt := range s.routes() {
			if matchPattern(rt.Pattern, r.URL.Path) {
				allow = append(allow, rt.Method)
				if rt.Method == http.MethodGet {
					allow = append(allow, http.MethodHead)
				}
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			s.fail(w, r, fmt.Errorf("%w: %s %s; this path answers %s", ErrMethod, r.Method, r.URL.Path, strings.Join(allow, ", ")))
			return
		}
		s.fail(w, r, fmt.Errorf("%w: no API route %s %s", store.ErrNotFound, r.Method, r.URL.Path))
	})
}

// matchPattern reports whether path matches a route pattern whose {name}
// segments match any one non-empty segment.
func matchPattern(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if strings.HasPrefix(ps[i], "{") && strings.HasSuffix(ps[i], "}") {
			if xs[i] == "" {
				return false
			}
			continue
		}
		if ps[i] != xs[i] {
			return false
		}
	}
	return true
}

// params parses the request's query strictly: a malformed query (a raw
// ";", a bad escape) and a parameter the route does not read are errors
// naming it, rather than parameters silently dropped or ignored.
func params(r *http.Request, allowed ...string) (url.Values, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, fmt.Errorf("%w: malformed query: %v (use & between parameters and escape ; as %%3B)", query.ErrBadFilter, err)
	}
	var unknown []string
	for k := range v {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		known := "none"
		if len(allowed) > 0 {
			known = strings.Join(allowed, ", ")
		}
		return nil, fmt.Errorf("%w: unknown parameter %s (this route reads: %s)", query.ErrBadFilter, strings.Join(unknown, ", "), known)
	}
	return v, nil
}

// filter reads the event filter of a route that also takes extra
// parameters, and checks its codes against the codebook.
func (s *Server) filter(r *http.Request, extra ...string) (store.EventFilter, url.Values, error) {
	v, err := params(r, append(query.FilterParams(), extra...)...)
	if err != nil {
		return store.EventFilter{}, nil, err
	}
	f, err := s.parseFilter(v)
	if err != nil {
		return store.EventFilter{}, nil, err
	}
	return f, v, nil
}

// parseFilter reads an event filter from parameters and checks its codes
// against the codebook.
func (s *Server) parseFilter(v url.Values) (store.EventFilter, error) {
	f, err := query.ParseEventFilter(v)
	if err != nil {
		return store.EventFilter{}, err
	}
	if err := query.CheckCodes(f, s.cfg.Codebook); err != nil {
		return store.EventFilter{}, err
	}
	return f, nil
}

// fail writes err as a JSON error with its status; server errors are
// logged with their details and shown without them.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	if status >= 500 {
		s.cfg.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, status, errorBody{Error: Message(err, status)})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if _, err := s.cfg.Query.Store().Stats(ctx); err != nil {
		s.cfg.Log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPI)
}

// intParam reads an optional integer parameter within [lo, hi].
func intParam(r *http.Request, name string, dflt, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return dflt, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%w: %s: %q is not a number from %d to %d", query.ErrBadFilter, name, v, lo, hi)
	}
	return n, nil
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	f, v, err := s.filter(r, "interval")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	iv, err := query.ParseInterval(v.Get("interval"), query.Month)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.cfg.Query.Overview(r.Context(), f, iv, 20, 20)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// eventPage is the JSON of GET /api/events.
type eventPage struct {
	Events any    `json:"events"`
	Total  int    `json:"total"`          // events of the filter with a date, as counted (see query.Service.Count)
	Next   string `json:"next,omitempty"` // cursor of the next page
	Prev   string `json:"prev,omitempty"` // cursor of the previous page
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.filter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.cfg.Query.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := eventPage{Events: page.Events, Next: page.Next, Prev: page.Prev}
	if out.Total, err = s.cfg.Query.Count(r.Context(), f); err != nil {
		s.fail(w, r, err)
		return
	}
	if page.Events == nil {
		out.Events = []struct{}{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) dyadSeries(w http.ResponseWriter, r *http.Request) {
	f, v, err := s.filter(r, "interval")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	iv, err := query.ParseInterval(v.Get("interval"), query.Month)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.cfg.Query.Dyad(r.Context(), r.PathValue("a"), r.PathValue("b"), f, iv)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (s *Server) actor(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.filter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cfg.Query.Profile(r.Context(), r.PathValue("code"), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) network(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.filter(r, "edges")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	max, err := intParam(r, "edges", 100, 1, query.MaxEdges)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := s.cfg.Query.Network(r.Context(), f, max)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.cfg.Query.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// MaxSuggestions is the most actors GET /api/actors/suggest returns.
const MaxSuggestions = 50

// suggestResult is the JSON of GET /api/actors/suggest.
type suggestResult struct {
	Query  string            `json:"q"`
	Actors []actor.Candidate `json:"actors"`
}

// suggestActors answers GET /api/actors/suggest?q=: the actors of the
// dictionary whose name, alias or code begins with q
// (query.Service.SuggestActors), at most limit (default 10).
func (s *Server) suggestActors(w http.ResponseWriter, r *http.Request) {
	v, err := params(r, "q", "limit")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := strings.TrimSpace(v.Get("q"))
	if len(q) > query.MaxParam {
		s.fail(w, r, fmt.Errorf("%w: q: longer than %d bytes", query.ErrBadFilter, query.MaxParam))
		return
	}
	limit, err := intParam(r, "limit", 10, 1, MaxSuggestions)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs := s.cfg.Query.SuggestActors(q, limit)
	if cs == nil {
		cs = []actor.Candidate{}
	}
	writeJSON(w, http.StatusOK, suggestResult{Query: q, Actors: cs})
}

// searchResult is the JSON of GET /api/search.
type searchResult struct {
	Query string `json:"q"`
	query.Results
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	v, err := params(r, "q", "limit", "after")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := v.Get("q")
	limit, err := intParam(r, "limit", 50, 1, store.MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.cfg.Query.Search(r.Context(), q, limit, v.Get("after"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, searchResult{Query: q, Results: res})
}

// authorized reports whether r carries the configured bearer token,
// compared in constant time.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) == 1
}
