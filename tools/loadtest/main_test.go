package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
	"github.com/dyad-project/dyad/internal/web"
)

// backends names a fresh store per backend: an SQLite file in a temporary
// directory and, when DYAD_TEST_POSTGRES is set, a fresh schema there.
func backends(t *testing.T) map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "load.db") },
		"postgres": func(t *testing.T) string { return pgtest.DSN(t) },
	}
}

// TestRunEveryEndpoint builds a tiny store, loads it with two clients
// and checks that the table lists every API endpoint and page without an
// error, and that the build reported its size.
func TestRunEveryEndpoint(t *testing.T) {
	for name, db := range backends(t) {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), []string{"--db", db(t), "--events", "2000", "--batch", "50",
				"--duration", "2s", "--clients", "2"}, &out)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			s := out.String()
			if !strings.Contains(s, "built: 2000 events in 200 documents") || !strings.Contains(s, "MB on disk") {
				t.Errorf("no build report with the store's size:\n%s", s)
			}
			for _, ep := range endpoints(newWorld(1, 10), "all", nil) {
				if got := errorsOf(t, s, ep.name); got != 0 {
					t.Errorf("%s: %d errors", ep.name, got)
				}
			}
			if !strings.Contains(s, "targets (every API endpoint") {
				t.Errorf("no verdict:\n%s", s)
			}
		})
	}
}

// errorsOf returns the errors column of the row of endpoint name in a
// table; it fails the test when there is no such row.
func errorsOf(t *testing.T, table, name string) int {
	t.Helper()
	prefix := name + strings.Repeat(" ", max(24-len(name), 0)) + " "
	for _, line := range strings.Split(table, "\n") {
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			f := strings.Fields(rest)
			if len(f) < 2 {
				break
			}
			n, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatalf("row %q: errors %q", line, f[1])
			}
			return n
		}
	}
	t.Fatalf("no row for %q in\n%s", name, table)
	return 0
}

// TestGrowDeterministic grows a store 2,000 → 4,000 events and checks it
// holds exactly 4,000 events and the same documents, happenings and
// places as a store built at 4,000 at once; and that the synthetic
// events link into happenings and have places.
func TestGrowDeterministic(t *testing.T) {
	for name, db := range backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			grown, once := db(t), db(t)
			var out bytes.Buffer
			for _, args := range [][]string{
				{"--db", grown, "--events", "2000", "--build-only"},
				{"--db", grown, "--grow-to", "4000", "--build-only", "--batch", "70"},
				{"--db", once, "--events", "4000", "--build-only", "--writers", "3"},
			} {
				if err := run(ctx, args, &out); err != nil {
					t.Fatalf("%v: %v\n%s", args, err, out.String())
				}
			}
			a, b := describe(t, grown), describe(t, once)
			if a.stats.Events != 4000 || a.stats.Documents != 400 {
				t.Errorf("grown store: %d events in %d documents, want 4000 in 400", a.stats.Events, a.stats.Documents)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("grown and built at once differ:\n%+v\n%+v", a, b)
			}
			if a.happenings >= a.mentions || a.happenings < a.mentions*3/4 {
				t.Errorf("%d happenings of %d counted events: siblings should link some, not most", a.happenings, a.mentions)
			}
			if a.cities == 0 || a.countries == 0 {
				t.Errorf("places: %d countries, %d cities, want some of each", a.countries, a.cities)
			}
		})
	}
}

// TestBulk builds a tiny store with --bulk, grows it with --bulk, and
// checks that it holds what a store built at once through Put holds, and
// that the build reports its figures, on SQLite and on PostgreSQL.
func TestBulk(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			var bulk, put string
			if backend == "postgres" {
				bulk, put = pgtest.DSN(t), pgtest.DSN(t)
			} else {
				dir := t.TempDir()
				bulk, put = filepath.Join(dir, "bulk.db"), filepath.Join(dir, "put.db")
			}
			var out bytes.Buffer
			for _, args := range [][]string{
				{"--db", bulk, "--events", "2000", "--build-only", "--bulk", "--batch", "60"},
				{"--db", bulk, "--grow-to", "4000", "--build-only", "--bulk"},
				{"--db", put, "--events", "4000", "--build-only"},
			} {
				if err := run(ctx, args, &out); err != nil {
					t.Fatalf("%v: %v\n%s", args, err, out.String())
				}
			}
			s := out.String()
			for _, want := range []string{"bulk load", "finish: index", "finished the bulk load", "built: 2000 events in 200 documents", "events per CPU-second", "MB on disk"} {
				if !strings.Contains(s, want) {
					t.Errorf("output lacks %q:\n%s", want, s)
				}
			}
			if a, b := describe(t, bulk), describe(t, put); !reflect.DeepEqual(a, b) {
				t.Errorf("bulk and Put stores differ:\n%+v\n%+v", a, b)
			}
		})
	}
}

// storeShape is what TestGrowDeterministic compares between stores.
type storeShape struct {
	stats                       store.Stats
	ids                         []string
	mentions, happenings        int
	countries, cities, unplaced int
	firstEvents                 []string
}

func describe(t *testing.T, db string) storeShape {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s storeShape
	if s.stats, err = st.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	s.stats.Languages = nil
	f := store.DocFilter{Limit: store.MaxLimit}
	docs, err := st.Documents(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		s.ids = append(s.ids, d.ID)
	}
	q := query.New(st)
	if s.mentions, err = q.Count(ctx, store.EventFilter{Mentions: true}); err != nil {
		t.Fatal(err)
	}
	if s.happenings, err = q.Count(ctx, store.EventFilter{}); err != nil {
		t.Fatal(err)
	}
	p, err := q.Places(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	s.countries, s.cities, s.unplaced = len(p.Countries), len(p.Cities), p.Unplaced
	page, err := st.Events(ctx, store.EventFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Events {
		s.firstEvents = append(s.firstEvents, e.ID+" "+e.Happening)
	}
	return s
}

// TestGenerationDeterministic checks that a document depends on the seed
// and its number only, and that batches cut anywhere give the same
// documents.
func TestGenerationDeterministic(t *testing.T) {
	w1, w2 := newWorld(1, 10), newWorld(1, 10)
	all, next, have := w1.batch(0, 0, 95, 1000)
	if len(all) != 10 || next != 10 || have != 95 || len(all[9].Analysis.Events) != 5 {
		t.Fatalf("batch(0, 0, 95): %d documents, next %d, have %d", len(all), next, have)
	}
	var parts []store.Item
	for first, have := 0, 0; have < 95; {
		var items []store.Item
		items, first, have = w2.batch(first, have, 95, 3)
		parts = append(parts, items...)
	}
	if !reflect.DeepEqual(all, parts) {
		t.Error("batches of 3 differ from one batch")
	}
	other := newWorld(2, 10).document(0, 10)
	if other.Doc.ID == all[0].Doc.ID {
		t.Error("seeds 1 and 2 give the same first document")
	}
	seen := map[string]bool{}
	for _, it := range all {
		if seen[it.Doc.ID] {
			t.Errorf("document %s twice", it.Doc.Title)
		}
		seen[it.Doc.ID] = true
		for _, e := range it.Analysis.Events {
			if got := it.Doc.Text[e.Trigger.Start:e.Trigger.End]; got != e.TriggerText {
				t.Errorf("%s: trigger span holds %q, want %q", e.ID, got, e.TriggerText)
			}
		}
	}
}

// TestScale grows a store through two sizes and checks the growth table.
func TestScale(t *testing.T) {
	var out bytes.Buffer
	db := filepath.Join(t.TempDir(), "scale.db")
	err := run(context.Background(), []string{"--db", db, "--scale", "1000,2000", "--clients", "1", "--duration", "1s"}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	s := out.String()
	i := strings.LastIndex(s, "\ngrowth")
	if i < 0 {
		t.Fatalf("no growth table:\n%s", s)
	}
	table := s[i:]
	for _, want := range []string{"1000              2000", "store MB", "build s (cumulative)", "page overview, 1 client(s)", "events (first page), 1 client(s)", "all, 1 client(s)", "CPU ms per request, 1 client(s)"} {
		if !strings.Contains(table, want) {
			t.Errorf("growth table lacks %q:\n%s", want, table)
		}
	}
}

func TestOptions(t *testing.T) {
	o, err := parseOptions([]string{"--db", "postgres://x/y", "--clients", "1,50", "--scale", "100_000,1000000"})
	if err != nil {
		t.Fatal(err)
	}
	if o.writers != 2 || !reflect.DeepEqual(o.clients, []int{1, 50}) || !reflect.DeepEqual(o.scale, []int{100000, 1000000}) {
		t.Errorf("got writers %d, clients %v, scale %v", o.writers, o.clients, o.scale)
	}
	if o, _ := parseOptions(nil); o.writers != 1 {
		t.Errorf("SQLite writers %d, want 1", o.writers)
	}
	for _, bad := range [][]string{{"--clients", "0"}, {"--clients", "1,501"}, {"--only", "pages"}, {"--per-doc", "300"}, {"--server-pid", "1"}, {"--scale", "1,x"}, {"--timeout", "0s"}} {
		if _, err := parseOptions(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

// TestStoreSize checks that an empty store's size is read on each
// backend, also from a URL with pgxpool's parameters.
func TestStoreSize(t *testing.T) {
	for name, db := range backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dsn := db(t)
			st, err := openStore(ctx, dsn, false)
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			names := []string{dsn}
			if isPostgres(dsn) {
				names = append(names, dsn+"&pool_max_conns=4")
			}
			for _, n := range names {
				if got := storeSize(ctx, n); got <= 0 {
					t.Errorf("storeSize(%s) = %d, want > 0", n, got)
				}
			}
			if got := storeSize(ctx, filepath.Join(t.TempDir(), "none.db")); got != -1 {
				t.Errorf("size of a missing file: %d, want -1", got)
			}
		})
	}
}

// BenchmarkGenerate measures generating synthetic documents alone, the
// producer's share of a build: go test -bench Generate ./tools/loadtest
func BenchmarkGenerate(b *testing.B) {
	w := newWorld(1, 10)
	events := 0
	for i := 0; b.Loop(); i++ {
		items, _, _ := w.batch(i*100, 0, 1000, 100)
		for _, it := range items {
			events += len(it.Analysis.Events)
		}
	}
	if events != 1000*b.N {
		b.Fatalf("%d events, want %d", events, 1000*b.N)
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

func TestWalNote(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if got := walNote(db); got != "" {
		t.Errorf("no -wal file: %q", got)
	}
	if err := os.WriteFile(db+"-wal", make([]byte, 1<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := walNote(db); !strings.Contains(got, "1.0 MB of it in the -wal file") {
		t.Errorf("1 MB -wal file: %q", got)
	}
	if got := walNote("postgres://h/db"); got != "" {
		t.Errorf("PostgreSQL: %q", got)
	}
}

// TestRunningServer loads a server of another origin through --url and
// reads its CPU by --server-pid (here this test's own process).
func TestRunningServer(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "served.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"--db", db, "--events", "1000", "--build-only"}, &out); err != nil {
		t.Fatalf("build: %v\n%s", err, out.String())
	}
	st, err := openStore(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := web.App(api.Config{Query: query.New(st), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: api.NewMetrics(time.Now())}, api.DefaultMaxBody, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	out.Reset()
	err = run(ctx, []string{"--url", srv.URL, "--server-pid", strconv.Itoa(os.Getpid()), "--clients", "1", "--duration", "1s", "--only", "ui"}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{"load generator's CPU only", "server (pid ", "page overview ", "UI pages only"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "dyad series") {
		t.Errorf("--only ui ran API calls:\n%s", s)
	}
	if err := run(ctx, []string{"--url", "http://example.com:80"}, &out); err == nil {
		t.Error("--url of another host: no error")
	}
}
