// Command workerbench measures coding throughput of dyad worker processes
// on PostgreSQL. For each worker count it enqueues the same synthetic
// corpus (internal/queue/queuetest) in a fresh schema, starts that many
// "dyad worker --drain" processes, and prints the wall time, the coding
// coding time (the wall time less that of a worker started and stopped on
// an empty queue, which is mostly loading the models), documents per
// second of coding time, the workers' CPU time, documents
// per CPU-second, and the scaling ratio against the first count.
//
//	go run ./tools/workerbench --db postgres://postgres@127.0.0.1:55432/postgres --docs 2000 --workers 1,2
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/queue/queuetest"
	"github.com/dyad-project/dyad/internal/store/postgres"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "workerbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("workerbench", flag.ContinueOnError)
	db := fs.String("db", os.Getenv("DYAD_TEST_POSTGRES"), "PostgreSQL URL; each run uses a fresh schema, dropped afterwards")
	docs := fs.Int("docs", 2000, "synthetic documents to code per run")
	counts := fs.String("workers", "1,2", "comma-separated worker process counts")
	batch := fs.Int("batch", 25, "dyad worker --batch")
	bin := fs.String("bin", "", "dyad binary (default: go build ./cmd/dyad into a temporary directory)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !strings.HasPrefix(*db, "postgres://") && !strings.HasPrefix(*db, "postgresql://") {
		return errors.New("--db (or DYAD_TEST_POSTGRES) must be a postgres:// URL")
	}
	if *docs < 100 || *docs > 1_000_000 || *batch < 1 || *batch > 1000 {
		return errors.New("--docs must be 100..1000000 and --batch 1..1000")
	}
	var ns []int
	for _, f := range strings.Split(*counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 64 {
			return fmt.Errorf("--workers: %q is not a count from 1 to 64", f)
		}
		ns = append(ns, n)
	}
	if *bin == "" {
		dir, err := os.MkdirTemp("", "workerbench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*bin = filepath.Join(dir, "dyad")
		build := exec.CommandContext(ctx, "go", "build", "-o", *bin, "./cmd/dyad")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if o, err := build.CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/dyad (run from the repository root): %v\n%s", err, o)
		}
	}
	fmt.Fprintf(out, "%d synthetic documents, dyad worker --batch %d, %d CPUs (shared with whatever else runs)\n", *docs, *batch, numCPU())
	// A worker's start (loading the models) and its last queue check,
	// measured on an empty queue, are not coding time.
	idle, err := bench(ctx, *db, *bin, 1, 0, *batch)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "start and stop of a worker on an empty queue: %.1fs wall, %.1fs CPU (left out of the coding time)\n", idle.wall.Seconds(), idle.cpu.Seconds())
	fmt.Fprintf(out, "%-8s %8s %9s %8s %8s %10s %8s %7s\n", "workers", "wall s", "coding s", "docs/s", "CPU s", "docs/CPU-s", "events", "scaling")
	var base float64
	for _, n := range ns {
		r, err := bench(ctx, *db, *bin, n, *docs, *batch)
		if err != nil {
			return err
		}
		coding := r.wall - idle.wall
		r.cpu -= time.Duration(n) * idle.cpu
		rate := float64(*docs) / coding.Seconds()
		if base == 0 {
			base = rate
		}
		fmt.Fprintf(out, "%-8d %8.1f %9.1f %8.1f %8.1f %10.1f %8d %6.2fx\n", n, r.wall.Seconds(), coding.Seconds(), rate,
			r.cpu.Seconds(), float64(*docs)/r.cpu.Seconds(), r.events, rate/base)
	}
	return nil
}

type result struct {
	wall, cpu time.Duration
	events    int
}

// bench codes docs documents with n worker processes in a fresh schema.
func bench(ctx context.Context, base, bin string, n, docs, batch int) (result, error) {
	var r result
	dsn, drop, err := freshSchema(ctx, base)
	if err != nil {
		return r, err
	}
	defer drop()
	st, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		return r, err
	}
	defer st.Close()
	for i := 0; i < docs; i += 500 {
		var ds []doc.Document
		for j := i; j < min(i+500, docs); j++ {
			ds = append(ds, doc.Document{Text: queuetest.Text(j), Title: fmt.Sprintf("Bulletin %d", j), Lang: "en",
				Published: time.Date(2024, time.Month(j%12+1), j%28+1, 12, 0, 0, 0, time.UTC)})
		}
		if _, err := st.PutDocuments(ctx, ds); err != nil {
			return r, err
		}
	}
	start := time.Now()
	cmds := make([]*exec.Cmd, n)
	outs := make([]*bytes.Buffer, n)
	for i := range cmds {
		cmds[i] = exec.CommandContext(ctx, bin, "worker", "--db", dsn, "--drain", "--batch", strconv.Itoa(batch), "--name", fmt.Sprintf("bench%d", i))
		outs[i] = &bytes.Buffer{}
		cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
		if err := cmds[i].Start(); err != nil {
			return r, err
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			return r, fmt.Errorf("worker %d: %v\n%s", i, err, outs[i])
		}
		r.cpu += c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	r.wall = time.Since(start)
	c, err := st.QueueCounts(ctx)
	if err != nil {
		return r, err
	}
	if c.Done != docs {
		return r, fmt.Errorf("%d workers left the queue at %+v", n, c)
	}
	s, err := st.Stats(ctx)
	if err != nil {
		return r, err
	}
	r.events = s.Events
	return r, nil
}

// freshSchema creates a schema for one run and returns a URL that uses it.
func freshSchema(ctx context.Context, base string) (string, func(), error) {
	b := make([]byte, 6)
	rand.Read(b)
	schema := "dyad_bench_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		return "", nil, err
	}
	drop := func() {
		c, err := pgx.Connect(context.WithoutCancel(ctx), base)
		if err != nil {
			return
		}
		defer c.Close(context.WithoutCancel(ctx))
		c.Exec(context.WithoutCancel(ctx), "DROP SCHEMA "+schema+" CASCADE")
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

func numCPU() int { return runtime.NumCPU() }
