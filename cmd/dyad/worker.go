package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/cputime"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/queue"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
)

const workerExamples = `  dyad ingest --db postgres://dyad@db/dyad --enqueue archive/   # store, code later
  dyad worker --db postgres://dyad@db/dyad                       # code until stopped (SIGTERM)
  dyad worker --db postgres://dyad@db/dyad --drain --batch 50    # code what is queued, then exit
  DYAD_DB=postgres://dyad@db/dyad dyad worker --lease 5m --max-attempts 5
  dyad worker --db postgres://dyad@db/dyad --drain --stats-json w1.json  # and where its time went

--stats-json FILE writes, at exit (also after SIGTERM or an error while
working; not if the worker could not start), one JSON object: the worker's
"name" and "error" ("" if none); the counts "batches", "claims",
"empty_claims", "documents" (leased), "coded", "events", "lost", "failed",
"given_back", "renewals"; and seconds: "elapsed_s" (the run, less loading
the models), which "leasing_s" (claiming), "coding_s", "storing_s" (waiting
for a batch's store to land) and "idle_s" (waiting for work) sum to, and
"store_calls_s" and "renewing_s", spent beside coding; "cpu_s", the
process's CPU time during the run.`

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	limitMemory()
	fs := newFlagSet("worker", "--db postgres://... [flags]", workerExamples, stderr)
	load := configFlags(fs, "db", "min-confidence")
	batch := fs.Int("batch", 20, "documents leased, coded and stored per transaction (1 to 1000)")
	lease := fs.Duration("lease", 2*time.Minute, "how long a lease lasts; renewed while coding, taken by others when it runs out")
	attempts := fs.Int("max-attempts", 3, "leases per document before it is parked as failed (see dyad queue --failed)")
	threads := fs.Int("threads", 1, "documents coded at once in this process")
	poll := fs.Duration("poll", 5*time.Second, "longest wait for new documents (new ones also wake the worker through LISTEN/NOTIFY)")
	drain := fs.Bool("drain", false, "exit once no document is pending or leased")
	once := fs.Bool("once", false, "the same as --drain")
	name := fs.String("name", "", "this worker's name in leases (default HOST:PID)")
	verbose := fs.Bool("v", false, "print a line per batch")
	statsJSON := fs.String("stats-json", "", "write the worker's counts and where its time went to this file as JSON at exit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	switch {
	case *batch < 1 || *batch > store.MaxLimit:
		return fmt.Errorf("%w: --batch %d is not from 1 to %d", errUsage, *batch, store.MaxLimit)
	case *lease < time.Second:
		return fmt.Errorf("%w: --lease %v is shorter than a second", errUsage, *lease)
	case *attempts < 1 || *attempts > 100:
		return fmt.Errorf("%w: --max-attempts %d is not from 1 to 100", errUsage, *attempts)
	case *threads < 1 || *threads > 256:
		return fmt.Errorf("%w: --threads %d is not from 1 to 256", errUsage, *threads)
	case *poll < 10*time.Millisecond:
		return fmt.Errorf("%w: --poll %v is shorter than 10ms", errUsage, *poll)
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	q, closeStore, err := openQueue(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer closeStore()
	if *name == "" {
		host, _ := os.Hostname()
		*name = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	an, err := analysis.New(analysis.Options{Coder: event.Options{MinConfidence: cfg.MinConfidence}})
	if err != nil {
		return fmt.Errorf("loading the analysis stages: %w", err)
	}
	w := &queue.Worker{
		Name: *name, Analyze: queue.Analyzer(storeAnalyzer(an)),
		Batch: *batch, Lease: *lease, MaxAttempts: *attempts, Threads: *threads, Poll: *poll,
		Drain: *drain || *once,
	}
	if *verbose {
		w.Log = stderr
	}
	cpu0 := cputime.Used()
	st, err := w.Run(ctx, q)
	cpu := cputime.Used() - cpu0
	secs := st.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(st.Coded) / secs
	}
	fmt.Fprintf(stdout, "worker %s: coded %d documents in %d batches in %.1fs (%.1f documents/s); %d lost to expired leases, %d failed attempts\n",
		*name, st.Coded, st.Batches, secs, rate, st.Lost, st.Failed)
	if *statsJSON != "" {
		if werr := writeWorkerStats(*statsJSON, *name, st, cpu, err); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// workerStats is the JSON that --stats-json writes: queue.Stats with
// durations in seconds. tools/workerbench reads it; docs/postgres.md
// describes it.
type workerStats struct {
	Name        string  `json:"name"`
	Error       string  `json:"error"`
	Batches     int     `json:"batches"`
	Claims      int     `json:"claims"`
	EmptyClaims int     `json:"empty_claims"`
	Documents   int     `json:"documents"`
	Coded       int     `json:"coded"`
	Events      int     `json:"events"`
	Lost        int     `json:"lost"`
	Failed      int     `json:"failed"`
	GivenBack   int     `json:"given_back"`
	Renewals    int     `json:"renewals"`
	Elapsed     float64 `json:"elapsed_s"`
	Leasing     float64 `json:"leasing_s"`
	Coding      float64 `json:"coding_s"`
	Storing     float64 `json:"storing_s"`
	Idle        float64 `json:"idle_s"`
	StoreCalls  float64 `json:"store_calls_s"`
	Renewing    float64 `json:"renewing_s"`
	CPU         float64 `json:"cpu_s"` // the process's CPU (user+system) during the run; 0 where the system cannot say
}

// writeWorkerStats writes st and the CPU time of the run as workerStats
// JSON to file.
func writeWorkerStats(file, name string, st queue.Stats, cpu time.Duration, runErr error) error {
	ws := workerStats{
		Name: name, Batches: st.Batches, Claims: st.Claims, EmptyClaims: st.Empty, Documents: st.Documents,
		Coded: st.Coded, Events: st.Events, Lost: st.Lost, Failed: st.Failed, GivenBack: st.GivenBack, Renewals: st.Renewals,
		Elapsed: st.Elapsed.Seconds(), Leasing: st.Leasing.Seconds(), Coding: st.Coding.Seconds(),
		Storing: st.Storing.Seconds(), Idle: st.Idle.Seconds(), StoreCalls: st.StoreCalls.Seconds(), Renewing: st.Renewing.Seconds(),
		CPU: cpu.Seconds(),
	}
	if runErr != nil {
		ws.Error = runErr.Error()
	}
	b, err := json.MarshalIndent(ws, "", "  ")
	if err != nil {
		return fmt.Errorf("--stats-json: %w", err)
	}
	if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("--stats-json: %w", err)
	}
	return nil
}

// openQueue opens a store that is also a work queue: only PostgreSQL is.
func openQueue(ctx context.Context, dsn string) (*postgres.DB, func(), error) {
	st, err := openStore(ctx, dsn, true)
	if err != nil {
		return nil, nil, err
	}
	q, ok := st.(*postgres.DB)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("%w: --db %s: workers need a PostgreSQL store (postgres://...); an SQLite store is coded by the process that ingests", errUsage, dsn)
	}
	return q, func() { q.Close() }, nil
}
