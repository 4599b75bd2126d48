package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/queue/queuetest"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// writeScaleCorpus writes n distinct short articles as JSON Lines.
func writeScaleCorpus(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := queuetest.WriteJSONL(f, n); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// helperEnv carries the arguments of a dyad command run by the test
// binary itself (see TestDyadHelperProcess), as a JSON array.
const helperEnv = "DYAD_TEST_HELPER_ARGS"

// TestDyadHelperProcess is not a test: run as a child process with
// helperEnv set, it is the dyad command. Tests start real dyad processes
// this way without building the binary.
func TestDyadHelperProcess(t *testing.T) {
	args, ok := os.LookupEnv(helperEnv)
	if !ok {
		t.Skip("runs only as a child process of another test")
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	var argv []string
	if err := json.Unmarshal([]byte(args), &argv); err != nil {
		t.Fatalf("%s: %v", helperEnv, err)
	}
	if len(argv) == 1 && argv[0] == "test-ignore-cancel" {
		// A command that does not stop when asked: only a second signal ends it.
		<-ctx.Done()
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(run(ctx, argv, os.Stdout, os.Stderr))
}

// dyadProcess returns a command that runs dyad with args in a child process.
func dyadProcess(ctx context.Context, t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, self, "-test.run=^TestDyadHelperProcess$")
	b, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), helperEnv+"="+string(b))
	return cmd
}

// allStatuses selects every event, counted or not.
var allStatuses = []event.Status{event.Asserted, event.Reported, event.Negated, event.Hypothetical, event.Future, event.Denied}

// allEvents reads every event of st, sorted by ID.
func allEvents(t testing.TB, st store.Store) []event.Event {
	t.Helper()
	var es []event.Event
	f := store.EventFilter{Statuses: allStatuses, Limit: store.MaxLimit}
	for {
		p, err := st.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, p.Events...)
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	sort.Slice(es, func(i, j int) bool { return es[i].ID < es[j].ID })
	return es
}

// codeInSQLite ingests and codes corpus in one process into a new SQLite
// store, the reference the distributed run must equal.
func codeInSQLite(t testing.TB, corpus, path string) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.New(analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := pipeline.Run(ctx, db, []string{corpus}, pipeline.Options{
		Workers: 2, Batch: 200, Analyze: storeAnalyzer(an), Source: source.Options{MaxBytes: source.DefaultMaxBytes},
	})
	if err != nil || sum.Failed > 0 {
		t.Fatalf("sqlite reference run: %v, %d failed: %v", err, sum.Failed, sum.Failures)
	}
	return db
}

// TestWorkersSurviveSIGKILL enqueues 5,000 documents in PostgreSQL, codes
// them with three dyad worker processes, kills one with SIGKILL while it
// holds a batch, lets the other two drain the queue, and checks that every
// document was coded exactly once, into the same events as a
// single-process SQLite run over the same input.
func TestWorkersSurviveSIGKILL(t *testing.T) {
	dsn := pgtest.DSN(t)
	if testing.Short() {
		t.Skip("codes 5,000 documents twice; skipped with -short")
	}
	const n = 5000
	start := time.Now()
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeScaleCorpus(t, corpus, n)

	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	run := func(args ...string) string {
		out, err := dyadProcess(ctx, t, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("dyad %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("ingest", "--db", dsn, "--enqueue", "--quiet", "--fetch=false", corpus)
	pg, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if c, err := pg.QueueCounts(ctx); err != nil || c.Pending != n {
		t.Fatalf("after ingest --enqueue: %+v, %v; want %d pending", c, err, n)
	}
	t.Logf("enqueued %d documents at %v", n, time.Since(start))

	type proc struct {
		cmd  *exec.Cmd
		out  bytes.Buffer
		done chan error
	}
	startWorker := func(name string) *proc {
		p := &proc{done: make(chan error, 1)}
		p.cmd = dyadProcess(ctx, t, "worker", "--db", dsn, "--drain", "--batch", "25",
			"--lease", "3s", "--max-attempts", "3", "--poll", "200ms", "--name", name, "-v")
		p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.done <- p.cmd.Wait() }()
		return p
	}
	workers := []*proc{startWorker("w0"), startWorker("w1"), startWorker("w2")}

	// Kill w0 once the queue is well under way and w0 holds a lease.
	held := func(name string) int {
		var k int
		if err := pg.Pool().QueryRow(ctx, `SELECT count(*) FROM documents WHERE claimed_by = $1
			AND status = 'pending' AND claimed_until > now()`, name).Scan(&k); err != nil {
			t.Fatal(err)
		}
		return k
	}
	for {
		select {
		case err := <-workers[0].done:
			t.Fatalf("w0 ended (%v) before it could be killed\n%s", err, workers[0].out.String())
		case <-time.After(20 * time.Millisecond):
		}
		c, err := pg.QueueCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Done >= 500 && held("w0") > 0 {
			break
		}
	}
	if err := workers[0].cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-workers[0].done
	if ws, ok := workers[0].cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("w0 was not killed by SIGKILL\n%s", workers[0].out.String())
	}
	orphaned := held("w0")
	c, _ := pg.QueueCounts(ctx)
	t.Logf("killed w0 at %v holding %d leased documents; queue then %+v", time.Since(start), orphaned, c)
	if orphaned == 0 {
		t.Fatal("w0 held no lease when killed; the test proves nothing")
	}

	for i, w := range workers[1:] {
		if err := <-w.done; err != nil {
			t.Fatalf("w%d: %v\n%s", i+1, err, w.out.String())
		}
		t.Logf("w%d: %s", i+1, lastLine(w.out.String()))
	}
	t.Logf("drained at %v", time.Since(start))

	c, err = pg.QueueCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (postgres.QueueCounts{Done: n}); c != want {
		t.Errorf("queue after drain = %+v, want %+v", c, want)
	}
	codings, err := pg.Codings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	twice := 0
	for id, k := range codings {
		if k != 1 {
			twice++
			if twice <= 5 {
				t.Errorf("document %s coded %d times", id, k)
			}
		}
	}
	if len(codings) != n || twice > 0 {
		t.Errorf("%d documents coded, %d of them more than once; want %d coded once each", len(codings), twice, n)
	}

	// The same input coded in one process into SQLite.
	var ref *sqlite.DB
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); ref = codeInSQLite(t, corpus, filepath.Join(dir, "ref.db")) }()
	got := allEvents(t, pg)
	wg.Wait()
	defer ref.Close()
	want := allEvents(t, ref)
	t.Logf("reference coded at %v: %d events in SQLite, %d in PostgreSQL", time.Since(start), len(want), len(got))
	if len(want) < n/2 {
		t.Errorf("only %d events from %d documents: the corpus does not exercise the coder", len(want), n)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events differ between the single-process SQLite run (-) and the workers (+):\n%s", diff)
	}
	ss, _ := ref.Stats(ctx)
	ps, _ := pg.Stats(ctx)
	if ss.Coded != ps.Coded || ss.Events != ps.Events || ss.Skipped != ps.Skipped {
		t.Errorf("stats: sqlite %+v, postgres %+v", ss, ps)
	}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
