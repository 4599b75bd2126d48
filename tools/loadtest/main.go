// Command loadtest measures dyad's API under concurrent clients on a large
// synthetic store. It builds the store through the store API when the file
// lacks events (about 200 actors with a skewed popularity, 20 CAMEO roots,
// three years of dates), serves it in-process on 127.0.0.1 (or targets
// --url), runs --clients clients for --duration and prints p50, p90, p99
// and max latency, requests per second and errors per endpoint, and
// whether the targets (p50 <= 50 ms, p99 <= 200 ms, no errors) are met.
//
//	go run ./tools/loadtest --db /tmp/dyad-load.db --events 1000000 --clients 50 --duration 60s
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/cputime"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type options struct {
	db         string
	events     int
	perDoc     int
	target     string
	clients    int
	duration   time.Duration
	seed       uint64
	cpuProfile string
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	var o options
	fs.StringVar(&o.db, "db", "dyad-load.db", "SQLite file or postgres:// URL; built with --events synthetic events when it has none")
	fs.IntVar(&o.events, "events", 1_000_000, "synthetic events to generate")
	fs.IntVar(&o.perDoc, "per-doc", 10, "events per synthetic document")
	fs.StringVar(&o.target, "url", "", "base URL of a running dyad serve on 127.0.0.1 (default: serve --db in-process)")
	fs.IntVar(&o.clients, "clients", 50, "concurrent clients (1 to 500)")
	fs.DurationVar(&o.duration, "duration", 60*time.Second, "how long to run (1s to 1h)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed of the data and of the clients")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (in-process server only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.clients < 1 || o.clients > 500 || o.duration < time.Second || o.duration > time.Hour || o.events < 1000 || o.perDoc < 1 {
		return errors.New("--clients must be 1..500, --duration 1s..1h, --events at least 1000, --per-doc at least 1")
	}
	w := newWorld(o.seed)
	base := o.target
	if base == "" {
		st, err := openStore(ctx, o.db)
		if err != nil {
			return err
		}
		defer st.Close()
		stats, err := st.Stats(ctx)
		if err != nil {
			return err
		}
		if stats.Events == 0 {
			if err := generate(ctx, st, w, o, out); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(out, "using the store: %d documents, %d events\n", stats.Documents, stats.Events)
		}
		h, err := web.App(api.Config{Query: query.New(st), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Metrics: api.NewMetrics(time.Now())}, api.DefaultMaxBody, 30*time.Second)
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		base = "http://" + ln.Addr().String()
		if o.cpuProfile != "" {
			f, err := os.Create(o.cpuProfile)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
	} else {
		u, err := url.Parse(base)
		if err != nil || u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" {
			return fmt.Errorf("--url %q: only a server on 127.0.0.1 may be loaded", base)
		}
		base = strings.TrimSuffix(base, "/")
	}
	return load(ctx, base, w, o, out)
}

// world is the synthetic universe: actors with a skewed popularity.
type world struct {
	actors []string
	cum    []float64 // cumulative popularity
	seed   uint64
}

var countries = strings.Fields(`USA RUS CHN UKR IRN ISR PSE SYR IRQ TUR SAU EGY IND PAK AFG GBR FRA DEU
JPN KOR PRK TWN YEM LBN JOR QAT ARE SDN ETH SOM KEN NGA ZAF BRA VEN COL MEX ARM AZE GEO
BLR POL HUN SRB KOS LBY MLI NER BFA`)

var sectors = []string{"", "GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS"}

func newWorld(seed uint64) *world {
	w := &world{seed: seed}
	rng := rand.New(rand.NewPCG(seed, 7))
	seen := map[string]bool{}
	for len(w.actors) < 200 {
		c := countries[rng.IntN(len(countries))] + sectors[rng.IntN(len(sectors))]
		if !seen[c] {
			seen[c] = true
			w.actors = append(w.actors, c)
		}
	}
	// Zipf-like popularity: the i'th actor is picked in proportion to 1/(i+1).
	total := 0.0
	for i := range w.actors {
		total += 1 / float64(i+1)
		w.cum = append(w.cum, total)
	}
	for i := range w.cum {
		w.cum[i] /= total
	}
	return w
}

func (w *world) actor(rng *rand.Rand) string {
	i, _ := slices.BinarySearch(w.cum, rng.Float64())
	return w.actors[min(i, len(w.actors)-1)]
}

// roots: CAMEO roots with a relative frequency, quad class and Goldstein.
var roots = []struct {
	root   string
	weight float64
	quad   int
	gold   float64
}{
	{"01", 20, 1, 0}, {"02", 6, 1, 3}, {"03", 8, 1, 4}, {"04", 16, 1, 1}, {"05", 8, 1, 3.5},
	{"06", 3, 2, 6}, {"07", 3, 2, 7}, {"08", 2, 2, 5}, {"09", 1, 3, -2}, {"10", 3, 3, -5},
	{"11", 7, 3, -2}, {"12", 2, 3, -4}, {"13", 3, 3, -4.4}, {"14", 2, 3, -6.5}, {"15", 1, 4, -7.2},
	{"16", 2, 4, -4}, {"17", 3, 4, -5}, {"18", 3, 4, -9}, {"19", 6, 4, -10}, {"20", 0.2, 4, -10},
}

var statuses = []struct {
	s event.Status
	w float64
}{{event.Asserted, 78}, {event.Reported, 12}, {event.Negated, 3}, {event.Hypothetical, 3}, {event.Future, 3}, {event.Denied, 1}}

func pick[T any](rng *rand.Rand, items []T, weight func(T) float64) T {
	total := 0.0
	for _, it := range items {
		total += weight(it)
	}
	x := rng.Float64() * total
	for _, it := range items {
		if x -= weight(it); x < 0 {
			return it
		}
	}
	return items[len(items)-1]
}

func pickIndex(rng *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := rng.Float64() * total
	for i, w := range weights {
		if x -= w; x < 0 {
			return i
		}
	}
	return len(weights) - 1
}

var start = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)

const days = 3 * 365

// generate stores o.events synthetic events through the store API.
func generate(ctx context.Context, st store.Store, w *world, o options, out io.Writer) error {
	rng := rand.New(rand.NewPCG(w.seed, 11))
	outlets := []string{"Wire A", "Wire B", "Daily C", "Agency D", "Monitor E"}
	t0 := time.Now()
	docs := (o.events + o.perDoc - 1) / o.perDoc
	const batch = 500
	made := 0
	for d0 := 0; d0 < docs; d0 += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		var items []store.Item
		for d := d0; d < min(d0+batch, docs); d++ {
			day := start.AddDate(0, 0, rng.IntN(days))
			text := fmt.Sprintf("Synthetic report %d of %s. Officials met, talked, protested and fought in the period.", d, day.Format(time.DateOnly))
			dc := doc.Document{Text: text, Title: fmt.Sprintf("Synthetic %d", d), Outlet: outlets[rng.IntN(len(outlets))],
				Published: day.Add(12 * time.Hour), Lang: "en", Format: "synthetic", Origin: "loadtest"}
			id := doc.ContentID(text)
			dc.ID = id
			a := &store.Analysis{DocID: id}
			for k := 0; k < o.perDoc && made < o.events; k++ {
				src, tgt := w.actor(rng), w.actor(rng)
				for tgt == src {
					tgt = w.actor(rng)
				}
				r := pick(rng, roots, func(r struct {
					root   string
					weight float64
					quad   int
					gold   float64
				}) float64 {
					return r.weight
				})
				code := r.root + []string{"0", "1", "2", "3"}[rng.IntN(4)]
				if rng.IntN(3) == 0 {
					code = r.root
				}
				s := pick(rng, statuses, func(s struct {
					s event.Status
					w float64
				}) float64 {
					return s.w
				}).s
				date := day.AddDate(0, 0, -rng.IntN(3))
				if date.Before(start) {
					date = start
				}
				ds := date.Format(time.DateOnly)
				a.Events = append(a.Events, event.Event{
					ID: fmt.Sprintf("%s-%d", id[:16], k), DocID: id,
					Source: event.Actor{Code: src, Name: src, Country: src[:3]}, Target: event.Actor{Code: tgt, Name: tgt, Country: tgt[:3]},
					Code: code, Root: r.root, Name: "CAMEO " + code, Goldstein: r.gold, Quad: r.quad,
					Status: s, Date: ds, DateValue: ds, Precision: "day", Confidence: 0.7,
					Trigger: doc.Span{Start: 20, End: 30}, TriggerText: "met", Sentence: doc.Span{Start: 0, End: len(text)}, Rule: "synthetic",
				})
				made++
			}
			items = append(items, store.Item{Doc: dc, Analysis: a})
		}
		if _, err := st.Put(ctx, items); err != nil {
			return fmt.Errorf("storing documents %d..: %w", d0, err)
		}
		if (d0/batch)%20 == 0 {
			fmt.Fprintf(out, "generated %d events (%.0f events/s)\n", made, float64(made)/time.Since(t0).Seconds())
		}
	}
	fmt.Fprintf(out, "generated %d events in %d documents in %v (%.0f events/s)\n", made, docs, time.Since(t0).Round(time.Second), float64(made)/time.Since(t0).Seconds())
	return nil
}

// endpoint is one kind of request the clients send.
type endpoint struct {
	name   string
	weight float64
	url    func(rng *rand.Rand) string
}

func endpoints(w *world) []endpoint {
	dyad := func(rng *rand.Rand) (string, string) {
		a, b := w.actor(rng), w.actor(rng)
		for a == b {
			b = w.actor(rng)
		}
		return a, b
	}
	return []endpoint{
		{"dyad series (month)", 3, func(rng *rand.Rand) string {
			a, b := dyad(rng)
			return "/api/dyads/" + a + "/" + b + "/series?interval=month"
		}},
		{"dyad series (week)", 1, func(rng *rand.Rand) string {
			a, b := dyad(rng)
			return "/api/dyads/" + a + "/" + b + "/series?interval=week"
		}},
		{"events (first page)", 2, func(rng *rand.Rand) string { return "/api/events" }},
		{"events (date range)", 1, func(rng *rand.Rand) string {
			from := start.AddDate(0, 0, rng.IntN(days-30))
			return "/api/events?from=" + from.Format(time.DateOnly) + "&to=" + from.AddDate(0, 0, 30).Format(time.DateOnly)
		}},
		{"events (dyad)", 2, func(rng *rand.Rand) string {
			a, b := dyad(rng)
			return "/api/events?dyad=" + a + "," + b
		}},
		{"events (actor, quad)", 1, func(rng *rand.Rand) string {
			return fmt.Sprintf("/api/events?actor=%s&quad=%d", w.actor(rng), 1+rng.IntN(4))
		}},
	}
}

type result struct {
	endpoint int
	d        time.Duration
	err      error
}

// load runs the clients and prints the figures.
func load(ctx context.Context, base string, w *world, o options, out io.Writer) error {
	eps := endpoints(w)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: o.clients, MaxConnsPerHost: o.clients}}
	// Warm the page cache with one request of each kind.
	warm := rand.New(rand.NewPCG(o.seed, 99))
	for _, ep := range eps {
		if err := fetch(ctx, client, base+ep.url(warm)); err != nil {
			return fmt.Errorf("warm-up %s: %w", ep.name, err)
		}
	}
	fmt.Fprintf(out, "loading %s with %d clients for %v (GOMAXPROCS %d)\n", base, o.clients, o.duration, runtime.GOMAXPROCS(0))
	rctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	weights := make([]float64, len(eps))
	for i, e := range eps {
		weights[i] = e.weight
	}
	results := make([][]result, o.clients)
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	t0 := time.Now()
	for c := range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(o.seed, uint64(c)+1000))
			for rctx.Err() == nil {
				i := pickIndex(rng, weights)
				u := base + eps[i].url(rng)
				s := time.Now()
				err := fetch(rctx, client, u)
				if rctx.Err() != nil {
					return // cut off by the end of the run: not counted
				}
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
	fmt.Fprintf(out, "\n%-22s %8s %7s %8s %8s %8s %8s %8s\n", "endpoint", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "req/s")
	ok := true
	totalErr := 0
	for i, ep := range eps {
		p50, p90, p99, mx := pcts(per[i])
		fmt.Fprintf(out, "%-22s %8d %7d %8.1f %8.1f %8.1f %8.1f %8.1f\n", ep.name, len(per[i]), errs[i], p50, p90, p99, mx, float64(len(per[i]))/elapsed.Seconds())
		totalErr += errs[i]
		if p50 > 50 || p99 > 200 || errs[i] > 0 || len(per[i]) == 0 {
			ok = false
		}
	}
	p50, p90, p99, mx := pcts(all)
	fmt.Fprintf(out, "%-22s %8d %7d %8.1f %8.1f %8.1f %8.1f %8.1f\n", "all", len(all), totalErr, p50, p90, p99, mx, float64(len(all))/elapsed.Seconds())
	if firstErr != nil {
		fmt.Fprintln(out, "first error:", firstErr)
	}
	// The CPU this process got (server and clients when in-process) shows
	// how much of the machine the figures had.
	fmt.Fprintf(out, "process CPU %.1f s over %.1f s (%.2f cores), %.2f ms CPU per request; load average %s\n",
		cpu.Seconds(), elapsed.Seconds(), cpu.Seconds()/elapsed.Seconds(), float64(cpu.Microseconds())/1000/float64(max(len(all), 1)), loadAverage())
	verdict := "MET"
	if !ok {
		verdict = "MISSED"
	}
	fmt.Fprintf(out, "\ntargets (every endpoint p50 <= 50 ms, p99 <= 200 ms, 0 errors): %s\n", verdict)
	if !ok {
		return errors.New("targets missed")
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

// fetch GETs u and checks that the answer is a 200 with a JSON object.
func fetch(ctx context.Context, c *http.Client, u string) error {
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
	var v map[string]json.RawMessage
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("body is not a JSON object: %v", err)
	}
	return nil
}

// cpuTime returns the user and system CPU time of this process.
func cpuTime() time.Duration { return cputime.Used() }

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
