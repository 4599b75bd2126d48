package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/google/go-cmp/cmp"
)

const token = "s3cret-token"

type fixture struct {
	srv     *httptest.Server
	mux     *http.ServeMux
	api     *api.Server
	ids     []string
	metrics *api.Metrics
}

// newFixture serves the query fixture with token tok (empty: ingestion
// off); opts change the rest of the configuration.
func newFixture(t *testing.T, tok string, opts ...func(*api.Config)) *fixture {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ids := querytest.Fixture(t, db)
	m := api.NewMetrics(time.Now())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// No analyzer: documents POSTed here are stored pending. The browser
	// test ingests through the full analysis.
	cfg := api.Config{Query: query.New(db), Log: log, Metrics: m, Token: tok, Ingest: api.PipelineIngester(db, nil)}
	for _, o := range opts {
		o(&cfg)
	}
	s, err := api.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	srv := httptest.NewServer(api.Wrap(mux, log, m, 1<<20, 10*time.Second))
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, mux: mux, api: s, ids: ids, metrics: m}
}

type check struct {
	Query       string            `json:"query"`
	Path        map[string]string `json:"path"`
	Status      int               `json:"status"`
	Auth        any               `json:"auth"` // true, false or a wrong token
	NoToken     bool              `json:"noToken"`
	ContentType string            `json:"contentType"`
	Body        string            `json:"body"`
	BodySize    int               `json:"bodySize"`
}

type operation struct {
	Parameters []struct {
		Name    string `json:"name"`
		In      string `json:"in"`
		Example any    `json:"example"`
	} `json:"parameters"`
	Responses map[string]json.RawMessage `json:"responses"`
	Checks    []check                    `json:"x-checks"`
}

func document(t *testing.T) map[string]map[string]operation {
	t.Helper()
	var d struct {
		OpenAPI string                          `json:"openapi"`
		Paths   map[string]map[string]operation `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &d); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(d.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", d.OpenAPI)
	}
	return d.Paths
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	f := newFixture(t, "")
	var documented, served []string
	for path, ops := range document(t) {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	for _, r := range f.api.Routes() {
		served = append(served, r.Method+" "+r.Pattern)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if diff := cmp.Diff(documented, served); diff != "" {
		t.Errorf("OpenAPI paths (-) and served routes (+) differ:\n%s", diff)
	}
	// and the mux routes each documented pattern to itself
	for _, r := range f.api.Routes() {
		req := httptest.NewRequest(r.Method, strings.NewReplacer("{a}", "RUS", "{b}", "UKR", "{code}", "RUS", "{id}", f.ids[0]).Replace(r.Pattern), nil)
		if _, pat := f.mux.Handler(req); pat != r.Method+" "+r.Pattern {
			t.Errorf("%s %s is routed to %q", r.Method, r.Pattern, pat)
		}
	}
}

// TestDocumentedChecks sends every x-check request of the OpenAPI
// document and expects the documented status; every documented status of
// every operation must be checked.
func TestDocumentedChecks(t *testing.T) {
	on, off := newFixture(t, token), newFixture(t, "")
	for path, ops := range document(t) {
		for method, op := range ops {
			if len(op.Checks) == 0 {
				t.Errorf("%s %s has no x-checks", method, path)
			}
			seen := map[string]bool{}
			for i, c := range op.Checks {
				f := on
				if c.NoToken {
					f = off
				}
				u := path
				for _, p := range op.Parameters {
					if p.In != "path" {
						continue
					}
					v, _ := p.Example.(string)
					if pv, ok := c.Path[p.Name]; ok {
						v = pv
					}
					v = strings.ReplaceAll(v, "$DOC0", f.ids[0])
					u = strings.ReplaceAll(u, "{"+p.Name+"}", v)
				}
				if c.Query != "" {
					u += "?" + c.Query
				}
				body := c.Body
				if c.BodySize > 0 {
					body = strings.Repeat("a", c.BodySize)
				}
				req, err := http.NewRequest(strings.ToUpper(method), f.srv.URL+u, strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if c.ContentType != "" {
					req.Header.Set("Content-Type", c.ContentType)
				}
				switch a := c.Auth.(type) {
				case bool:
					if a {
						req.Header.Set("Authorization", "Bearer "+token)
					}
				case string:
					req.Header.Set("Authorization", "Bearer "+a)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				name := strings.ToUpper(method) + " " + u
				if resp.StatusCode != c.Status {
					t.Errorf("check %d: %s: status %d, want %d; body %.300s", i, name, resp.StatusCode, c.Status, b)
					continue
				}
				if _, ok := op.Responses[itoa(c.Status)]; !ok {
					t.Errorf("check %d: %s: status %d is not documented", i, name, c.Status)
				}
				seen[itoa(c.Status)] = true
				if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" {
					var v map[string]any
					if err := json.Unmarshal(b, &v); err != nil {
						t.Errorf("check %d: %s: body is not a JSON object: %v", i, name, err)
					} else if c.Status >= 400 {
						if msg, _ := v["error"].(string); msg == "" {
							t.Errorf("check %d: %s: error body %s has no error", i, name, b)
						}
					}
				} else if c.Status >= 400 {
					t.Errorf("check %d: %s: error answer is %s, not JSON", i, name, resp.Header.Get("Content-Type"))
				}
			}
			for status := range op.Responses {
				if !seen[status] && status != "503" { // 503: the store is down
					t.Errorf("%s %s: documented status %s is never checked", method, path, status)
				}
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestHeadersMetricsAndErrors(t *testing.T) {
	f := newFixture(t, "")
	resp, _ := get(t, f.srv.URL+"/api/events?dyad=RUS,UKR")
	for k, want := range map[string]string{"Content-Security-Policy": api.CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	resp, b := get(t, f.srv.URL+"/api/nothing/here")
	if resp.StatusCode != 404 || !strings.Contains(string(b), `"error"`) {
		t.Errorf("unknown API path: %d %s", resp.StatusCode, b)
	}
	_, b = get(t, f.srv.URL+"/metrics")
	for _, want := range []string{
		`dyad_http_requests_total{route="GET /api/events",method="GET",status="200"} 1`,
		`dyad_http_request_duration_seconds_count{route="GET /api/events"} 1`,
		`dyad_http_requests_total{route="/api/",method="GET",status="404"} 1`,
		`dyad_ingest_documents_total{outcome="ingested"} 0`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %q:\n%s", want, b)
		}
	}
	var page struct {
		Events []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"events"`
		Total int    `json:"total"`
		Next  string `json:"next"`
		Prev  string `json:"prev"`
	}
	_, b = get(t, f.srv.URL+"/api/events?status=all&limit=2")
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	var all []string
	for {
		for _, e := range page.Events {
			all = append(all, e.ID)
		}
		if page.Next == "" {
			break
		}
		next := page.Next
		page.Events, page.Next = nil, ""
		_, b = get(t, f.srv.URL+"/api/events?status=all&limit=2&cursor="+next)
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
	}
	if len(all) != 5 || len(slices.Compact(slices.Sorted(slices.Values(all)))) != 5 {
		t.Errorf("paged through %d events, want 5: %v", len(all), all)
	}
	// Newest first, with the total, and back by prev to the first page.
	page.Events, page.Next, page.Prev = nil, "", ""
	_, b = get(t, f.srv.URL+"/api/events?status=all&limit=2&sort=newest")
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	if page.Total != 5 || len(page.Events) != 2 || page.Events[0].ID != all[4] || page.Prev != "" {
		t.Fatalf("newest first: total %d, events %+v, prev %q; want 5 events in all, %s first, no prev", page.Total, page.Events, page.Prev, all[4])
	}
	first := page.Events[0].ID
	_, b = get(t, f.srv.URL+"/api/events?status=all&limit=2&sort=newest&cursor="+page.Next)
	page.Events, page.Next, page.Prev = nil, "", ""
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 2 || page.Events[0].ID != all[2] || page.Prev == "" {
		t.Fatalf("second page newest first: %+v, prev %q", page.Events, page.Prev)
	}
	_, b = get(t, f.srv.URL+"/api/events?status=all&limit=2&sort=newest&cursor="+page.Prev)
	page.Events, page.Next, page.Prev = nil, "", ""
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 2 || page.Events[0].ID != first || page.Prev != "" {
		t.Errorf("back to the first page: %+v, prev %q", page.Events, page.Prev)
	}
}

// TestEventsCarryWhy: the event routes serialise each event's explanation
// ("why") and how its actors' countries were inferred ("inferred").
func TestEventsCarryWhy(t *testing.T) {
	f := newFixture(t, "")
	for _, path := range []string{"/api/events?dyad=RUS,UKR", "/api/documents/" + f.ids[0]} {
		resp, b := get(t, f.srv.URL+path)
		if resp.StatusCode != 200 || !strings.Contains(string(b), `"why":{"score":0.9375,"features":[{"feature":"lemma=accuse","weight":2.25}`) {
			t.Errorf("%s: %d, no why in %.400s", path, resp.StatusCode, b)
		}
	}
	var page struct {
		Events []event.Event `json:"events"`
	}
	_, b := get(t, f.srv.URL+"/api/events?dyad=RUS,UKR")
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	var whys, inferred int
	for _, e := range page.Events {
		if e.Why != nil {
			whys++
		}
		if e.Source.Inferred == "sentence: <i>Moscow</i>" {
			inferred++
		}
	}
	if len(page.Events) != 2 || whys != 2 || inferred != 1 {
		t.Errorf("%d events, %d with a why, %d with the inferred source; want 2, 2, 1", len(page.Events), whys, inferred)
	}
}

func TestIngestAndFind(t *testing.T) {
	f := newFixture(t, token)
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/documents", strings.NewReader(`{"text":"Kenya recalled its ambassador to Uganda on 9 May 2024.","title":"Recall","outlet":"API"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res api.IngestResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if resp.StatusCode != 201 || res.Outcome != "ingested" || res.ID == "" || res.Status != "pending" {
		t.Fatalf("POST: %d %+v", resp.StatusCode, res)
	}
	_, b := get(t, f.srv.URL+"/api/search?q=ambassador")
	if !strings.Contains(string(b), res.ID) || !strings.Contains(string(b), `"total":1`) {
		t.Errorf("search does not find the posted document, with its total: %s", b)
	}
	_, b = get(t, f.srv.URL+"/metrics")
	if !strings.Contains(string(b), `dyad_ingest_documents_total{outcome="ingested"} 1`) {
		t.Errorf("ingest counter not incremented:\n%s", b)
	}
}

// TestIngestChecksEveryBodyType: the size caps and the URL rule are the
// same for JSON, text/plain and HTML submissions.
func TestIngestChecksEveryBodyType(t *testing.T) {
	f := newFixture(t, token)
	post := func(ct, body string) (int, string) {
		req, _ := http.NewRequest("POST", f.srv.URL+"/api/documents", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	text := "The ministers of Chile and Peru met in Lima on Monday."
	for _, tc := range []struct{ ct, body, want string }{
		{"text/plain", "URL: javascript:alert(1)\n\n" + text, `scheme \"javascript\"`},
		{"text/plain", "URL: file:///etc/passwd\n\n" + text, `scheme \"file\"`},
		{"text/html", `<html><head><link rel="canonical" href="ftp://x.example/a"></head><body><article><p>` + text + `</p></article></body></html>`, `scheme \"ftp\"`},
		{"application/json", `{"text": "` + text + `", "url": "javascript:x"}`, `scheme \"javascript\"`},
		{"application/json", `{"text": "` + text + `", "title": "` + strings.Repeat("t", 3000) + `"}`, "title is 3000 bytes, over the cap of 2048 bytes"},
		{"text/plain", "Title: " + strings.Repeat("t", 3000) + "\n\n" + text, "title is 3000 bytes, over the cap of 2048 bytes"},
	} {
		code, body := post(tc.ct, tc.body)
		if code != 400 || !strings.Contains(body, tc.want) {
			t.Errorf("%s %.40q: %d %s, want 400 with %q", tc.ct, tc.body, code, body, tc.want)
		}
	}
}

// TestStrictRequests: wrong methods are 405 with Allow; unknown or
// malformed parameters and unknown codes are 400 naming the parameter.
func TestStrictRequests(t *testing.T) {
	f := newFixture(t, token)
	for _, m := range []string{"PUT", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(m, f.srv.URL+"/api/events", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" || !strings.Contains(string(b), "this path answers GET") {
			t.Errorf("%s /api/events: %d Allow=%q %s", m, resp.StatusCode, resp.Header.Get("Allow"), b)
		}
	}
	req, _ := http.NewRequest("DELETE", f.srv.URL+"/api/documents/abc", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("DELETE a document: %v %v", err, resp)
	}
	if resp, _ := get(t, f.srv.URL+"/api/nothing-here"); resp.StatusCode != 404 {
		t.Errorf("unknown path: %d, want 404", resp.StatusCode)
	}
	for _, tc := range []struct{ path, want string }{
		{"/api/events?acter=USA", "unknown parameter acter"},
		{"/api/events?code=999", `code: \"999\" is not a CAMEO code of the codebook`},
		{"/api/events?root=33", `root: \"33\" is not a CAMEO root`},
		{"/api/events?plover=FOO", `plover: \"FOO\" is not a PLOVER event type`},
		{"/api/events?status=negated,all", "all stands alone"},
		{"/api/events?status=rumoured", `\"rumoured\" is not one of`},
		{"/api/events?actor=USA;root=19", "malformed query"},
		{"/api/overview?edges=3", "unknown parameter edges"},
		{"/api/search?q=talks&page=2", "unknown parameter page"},
		{"/api/documents/abc?x=1", "unknown parameter x"},
		{"/api/network?interval=day", "unknown parameter interval"},
	} {
		resp, b := get(t, f.srv.URL+tc.path)
		if resp.StatusCode != 400 || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s: %d %s, want 400 with %q", tc.path, resp.StatusCode, b, tc.want)
		}
	}
	for _, ok := range []string{"/api/events?code=042&plover=CONSULT&status=all", "/api/overview?interval=week&root=19", "/api/network?edges=5", "/api/search?q=talks&limit=3"} {
		if resp, b := get(t, f.srv.URL+ok); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", ok, resp.StatusCode, b)
		}
	}
	// The overview's stats use snake_case keys like every other body.
	_, b := get(t, f.srv.URL+"/api/overview")
	if !strings.Contains(string(b), `"stats":{"documents":`) {
		t.Errorf("overview stats keys: %.200s", b)
	}
}

// TestOpenAPIParametersAreRead: every query parameter the OpenAPI document
// lists for a GET route is one the route reads (not refused as unknown).
func TestOpenAPIParametersAreRead(t *testing.T) {
	f := newFixture(t, token)
	var spec struct {
		Paths map[string]map[string]struct {
			Parameters []struct{ Name, In string } `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &spec); err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer("{a}", "USA", "{b}", "RUS", "{code}", "USA", "{id}", "abc")
	for path, ops := range spec.Paths {
		for _, p := range ops["get"].Parameters {
			if p.In != "query" {
				continue
			}
			_, b := get(t, f.srv.URL+fill.Replace(path)+"?"+p.Name+"=x")
			if strings.Contains(string(b), "unknown parameter") {
				t.Errorf("%s lists %s but the route refuses it: %s", path, p.Name, b)
			}
		}
	}
}
