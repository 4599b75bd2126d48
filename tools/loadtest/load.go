package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/internal/cputime"
	"github.com/dyad-project/dyad/internal/store"
)

// endpoint is one kind of request the clients send.
type endpoint struct {
	name   string
	ui     bool // a page of the workbench (HTML), else an API call (JSON)
	main   bool // shown in the growth table of --scale
	weight float64
	url    func(rng *rand.Rand) string
}

// endpoints returns the requests of --only: "api", "ui" or "all". API
// calls name any actors of the world (a dyad may have no events); pages
// name the sides of one of seen, events the server listed, as a reader
// follows links to what is there (the page of an actor or dyad without
// events is a 404). Without seen, pages name any actors too.
func endpoints(w *world, only string, seen [][2]string) []endpoint {
	dyad := func(rng *rand.Rand) (string, string) {
		a, b := w.actor(rng), w.actor(rng)
		for a == b {
			b = w.actor(rng)
		}
		return a, b
	}
	stored := func(rng *rand.Rand) (string, string) {
		if len(seen) == 0 {
			return dyad(rng)
		}
		d := seen[rng.IntN(len(seen))]
		return d[0], d[1]
	}
	month := func(rng *rand.Rand) string {
		from := start.AddDate(0, 0, rng.IntN(days-30))
		return "from=" + from.Format(time.DateOnly) + "&to=" + from.AddDate(0, 0, 30).Format(time.DateOnly)
	}
	city := func(rng *rand.Rand) string { return url.QueryEscape(cities[rng.IntN(len(cities))].name) }
	all := []endpoint{
		{"dyad series (month)", false, true, 3, func(rng *rand.Rand) string {
			a, b := dyad(rng)
			return "/api/dyads/" + a + "/" + b + "/series?interval=month"
		}},
		{"dyad series (week)", false, false, 1, func(rng *rand.Rand) string {
			a, b := dyad(rng)
			return "/api/dyads/" + a + "/" + b + "/series?interval=week"
		}},
		{"events (first page)", false, true, 2, func(rng *rand.Rand) string { return "/api/events" }},
		{"events (date range)", false, false, 1, func(rng *rand.Rand) string { return "/api/events?" + month(rng) }},
		{"events (dyad)", false, true, 2, func(rng *rand.Rand) string {
			a, b := dyad(rng)
			return "/api/events?dyad=" + a + "," + b
		}},
		{"events (actor, quad)", false, false, 1, func(rng *rand.Rand) string {
			return fmt.Sprintf("/api/events?actor=%s&quad=%d", w.actor(rng), 1+rng.IntN(4))
		}},
		{"events (conflict)", false, false, 0.5, func(rng *rand.Rand) string {
			return "/api/events?sort=conflict&actor=" + w.actor(rng)
		}},
		{"overview", false, true, 1, func(rng *rand.Rand) string { return "/api/overview" }},
		{"actor", false, true, 1, func(rng *rand.Rand) string { return "/api/actors/" + w.actor(rng) }},
		{"network", false, false, 0.5, func(rng *rand.Rand) string { return "/api/network?" + month(rng) }},
		{"places", false, false, 0.5, func(rng *rand.Rand) string { return "/api/places?actor=" + w.actor(rng) }},
		{"actor suggest", false, false, 0.5, func(rng *rand.Rand) string {
			a := w.actor(rng)
			return "/api/actors/suggest?q=" + a[:2+rng.IntN(2)]
		}},
		{"search", false, false, 0.5, func(rng *rand.Rand) string { return "/api/search?q=" + w.actor(rng) }},

		{"page overview", true, true, 2, func(rng *rand.Rand) string { return "/" }},
		{"page overview (filter)", true, false, 1, func(rng *rand.Rand) string { return "/?actor=" + w.actor(rng) }},
		{"page events", true, true, 2, func(rng *rand.Rand) string { return "/events" }},
		{"page events (filter)", true, false, 1, func(rng *rand.Rand) string {
			return fmt.Sprintf("/events?actor=%s&quad=%d&sort=newest", w.actor(rng), 1+rng.IntN(4))
		}},
		{"page events (city)", true, false, 0.5, func(rng *rand.Rand) string { return "/events?city=" + city(rng) }},
		{"page dyad", true, true, 2, func(rng *rand.Rand) string {
			a, b := stored(rng)
			return "/dyads/" + a + "/" + b
		}},
		{"page actor", true, true, 2, func(rng *rand.Rand) string {
			a, _ := stored(rng)
			return "/actors/" + a
		}},
		{"page map", true, true, 1, func(rng *rand.Rand) string { return "/map" }},
		{"page map (filter)", true, false, 0.5, func(rng *rand.Rand) string { return "/map?" + month(rng) }},
		{"page network", true, true, 1, func(rng *rand.Rand) string { return "/network" }},
		{"page network (filter)", true, false, 0.5, func(rng *rand.Rand) string { return "/network?actor=" + w.actor(rng) }},
		{"page search", true, false, 0.5, func(rng *rand.Rand) string { return "/search?q=" + w.actor(rng) }},
	}
	var out []endpoint
	for _, e := range all {
		if only == "all" || (only == "ui") == e.ui {
			out = append(out, e)
		}
	}
	return out
}

// targets are the latency bounds of issue 18 for a store of this size:
// at 10 M events (from 5 M up) p50 <= 100 ms and p99 <= 400 ms, below
// p50 <= 50 ms and p99 <= 200 ms.
func targets(events int) (p50, p99 float64) {
	if events >= 5_000_000 {
		return 100, 400
	}
	return 50, 200
}

// figures are one endpoint's results in one run.
type figures struct {
	name                 string
	ui                   bool
	main                 bool
	requests, errors     int
	p50, p90, p99, maxMS float64
	perSecond            float64
}

// runResult is one run of the clients.
type runResult struct {
	clients int
	rows    []figures // one per endpoint, then "all"
	errors  int
	missed  bool // an API endpoint missed a target
	// cpuPerRequest is the CPU per request, in ms, of this process (with
	// --url: of the server when its pid is given, else of the clients).
	cpuPerRequest float64
}

type result struct {
	endpoint int
	d        time.Duration
	err      error
}

// load runs clients clients against base for o.duration and prints one
// table. events is the store's size, which chooses the targets; -1 when
// unknown (the 1 M targets apply).
func load(ctx context.Context, base string, w *world, o options, clients, events int, out io.Writer) (runResult, error) {
	rr := runResult{clients: clients}
	client := &http.Client{Timeout: o.timeout, Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	stats, err := serverStats(ctx, client, base)
	if err != nil {
		return rr, err
	}
	if events < 0 {
		events = stats.Events
	}
	seen, err := seenDyads(ctx, client, base)
	if err != nil {
		return rr, err
	}
	eps := endpoints(w, o.only, seen)
	// Warm the caches with one request of each kind.
	warm := rand.New(rand.NewPCG(o.seed, 99))
	for _, ep := range eps {
		if err := fetch(ctx, client, base+ep.url(warm), ep.ui); err != nil {
			return rr, fmt.Errorf("warm-up %s: %w", ep.name, err)
		}
	}
	fmt.Fprintf(out, "\nloading %s with %d client(s) for %v, then the requests under way end (GOMAXPROCS %d, %d endpoints)\n", base, clients, o.duration, runtime.GOMAXPROCS(0), len(eps))
	rctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	weights := make([]float64, len(eps))
	for i, e := range eps {
		weights[i] = e.weight
	}
	results := make([][]result, clients)
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	srv0, srvOK := cputime.Process(o.serverPID)
	t0 := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(o.seed, uint64(c)+1000))
			for rctx.Err() == nil {
				i := pickIndex(rng, weights)
				u := base + eps[i].url(rng)
				s := time.Now()
				// A request started before the end runs to its end and
				// counts: cutting it off would leave out the slowest.
				err := fetch(ctx, client, u, eps[i].ui)
				if err != nil {
					err = fmt.Errorf("%s: %w", u, err)
				}
				results[c] = append(results[c], result{i, time.Since(s), err})
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(t0)
	cpu := cpuTime() - cpu0
	srv1, srvOK1 := cputime.Process(o.serverPID)
	per := make([][]time.Duration, len(eps))
	errs := make([]int, len(eps))
	var all []time.Duration
	var firstErr error
	for _, rs := range results {
		for _, r := range rs {
			per[r.endpoint] = append(per[r.endpoint], r.d)
			all = append(all, r.d)
			if r.err != nil {
				errs[r.endpoint]++
				if firstErr == nil {
					firstErr = r.err
				}
			}
		}
	}
	t50, t99 := targets(events)
	fmt.Fprintf(out, "%-24s %8s %7s %8s %8s %8s %8s %8s\n", "endpoint", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "req/s")
	row := func(f figures) {
		fmt.Fprintf(out, "%-24s %8d %7d %8.1f %8.1f %8.1f %8.1f %8.1f\n", f.name, f.requests, f.errors, f.p50, f.p90, f.p99, f.maxMS, f.perSecond)
	}
	for i, ep := range eps {
		f := figures{name: ep.name, ui: ep.ui, main: ep.main, requests: len(per[i]), errors: errs[i], perSecond: float64(len(per[i])) / elapsed.Seconds()}
		f.p50, f.p90, f.p99, f.maxMS = pcts(per[i])
		row(f)
		rr.rows = append(rr.rows, f)
		rr.errors += errs[i]
		if !ep.ui && (f.p50 > t50 || f.p99 > t99 || len(per[i]) == 0) {
			rr.missed = true
		}
	}
	f := figures{name: "all", requests: len(all), errors: rr.errors, perSecond: float64(len(all)) / elapsed.Seconds()}
	f.p50, f.p90, f.p99, f.maxMS = pcts(all)
	row(f)
	rr.rows = append(rr.rows, f)
	if firstErr != nil {
		fmt.Fprintln(out, "first error:", firstErr)
	}
	n := float64(max(len(all), 1))
	who := "process CPU (server and clients)"
	if o.target != "" {
		who = "load generator's CPU only"
	}
	fmt.Fprintf(out, "%s %.1f s over %.1f s (%.2f cores), %.2f ms CPU per request; load average %s\n",
		who, cpu.Seconds(), elapsed.Seconds(), cpu.Seconds()/elapsed.Seconds(), float64(cpu.Microseconds())/1000/n, loadAverage())
	rr.cpuPerRequest = float64(cpu.Microseconds()) / 1000 / n
	if srvOK && srvOK1 {
		s := srv1 - srv0
		rr.cpuPerRequest = float64(s.Microseconds()) / 1000 / n
		fmt.Fprintf(out, "server (pid %d) CPU %.1f s (%.2f cores), %.2f ms CPU per request\n", o.serverPID, s.Seconds(), s.Seconds()/elapsed.Seconds(), float64(s.Microseconds())/1000/n)
	}
	verdict := "MET"
	if rr.missed || rr.errors > 0 {
		verdict = "MISSED"
	}
	if o.only == "ui" {
		fmt.Fprintf(out, "(UI pages only: the targets are the API's; no verdict)\n")
	} else {
		fmt.Fprintf(out, "targets (every API endpoint p50 <= %.0f ms, p99 <= %.0f ms, 0 errors): %s\n", t50, t99, verdict)
	}
	return rr, nil
}

// serverStats asks the server what its store holds.
func serverStats(ctx context.Context, c *http.Client, base string) (store.Stats, error) {
	var v struct {
		Stats store.Stats `json:"stats"`
	}
	if err := getJSON(ctx, c, base+"/api/overview", &v); err != nil {
		return v.Stats, fmt.Errorf("asking the server for its store's size: %w", err)
	}
	return v.Stats, nil
}

// seenDyads returns the sides of the first and the last events the
// server lists, up to 1,000 each: dyads and actors its pages show.
func seenDyads(ctx context.Context, c *http.Client, base string) ([][2]string, error) {
	var out [][2]string
	for _, order := range []string{"oldest", "newest"} {
		var v struct {
			Events []struct {
				Source, Target struct {
					Code string `json:"code"`
				}
			} `json:"events"`
		}
		if err := getJSON(ctx, c, base+"/api/events?limit=1000&sort="+order, &v); err != nil {
			return nil, fmt.Errorf("listing events to visit: %w", err)
		}
		for _, e := range v.Events {
			if e.Source.Code != "" && e.Target.Code != "" {
				out = append(out, [2]string{e.Source.Code, e.Target.Code})
			}
		}
	}
	return out, nil
}

// getJSON GETs u and decodes its JSON answer into v.
func getJSON(ctx context.Context, c *http.Client, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", u, err)
	}
	return nil
}

func pcts(ds []time.Duration) (p50, p90, p99, mx float64) {
	if len(ds) == 0 {
		return math.NaN(), math.NaN(), math.NaN(), math.NaN()
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) float64 {
		i := int(math.Ceil(q*float64(len(s)))) - 1
		return float64(s[max(i, 0)].Microseconds()) / 1000
	}
	return at(0.5), at(0.9), at(0.99), float64(s[len(s)-1].Microseconds()) / 1000
}

// fetch GETs u and checks that the answer is a 200 with, for a page, an
// HTML document and otherwise a JSON object.
func fetch(ctx context.Context, c *http.Client, u string, page bool) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
	}
	if page {
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("</html>")) {
			return fmt.Errorf("not an HTML page: %s, %.100q", resp.Header.Get("Content-Type"), body)
		}
		return nil
	}
	var v map[string]json.RawMessage
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("body is not a JSON object: %v", err)
	}
	return nil
}

// loadAverage returns the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
