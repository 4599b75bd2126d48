// Command workerbench measures coding throughput of dyad worker processes
// on PostgreSQL and where their time goes. For each worker count it
// enqueues the same synthetic corpus (internal/queue/queuetest) in a fresh
// schema, starts that many "dyad worker --drain --stats-json" processes,
// and prints one row:
//
//   - wall s, docs/s: from starting the workers to the last one's exit;
//   - run s, run docs/s: the longest worker's Run time from its
//     --stats-json, which leaves out starting (loading the models);
//   - docs/CPU-s: documents per CPU-second of the workers during their
//     runs (their --stats-json cpu_s, which leaves out loading the models);
//   - wk ms/doc: the same as milliseconds of worker CPU per document;
//   - start s: each worker's CPU outside its run (mostly loading the
//     models), the mean over the workers;
//   - pg CPU s, pg ms/doc: CPU of the PostgreSQL server during the run,
//     when it runs on this machine: the backends serving the workers'
//     connections (found by their client ports in /proc) plus the
//     server's own processes (checkpointer, WAL writer, ...; shown apart
//     as pg own s, since they also work for other clients); "-" when no
//     local postgres process is visible;
//   - lease %, code %, store %, idle %: the split of the workers' Run time
//     from their --stats-json (Claim calls; coding; waiting for a store to
//     land; waiting for work, including the drain's wait for the others'
//     last batches);
//   - load: the 1-minute load average at the end of the run;
//   - scaling: run docs/s against the first count's.
//
// Run it from inside the module:
//
//	go run ./tools/workerbench --db postgres://postgres@127.0.0.1:55432/postgres --docs 2000 --workers 1,2,4
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
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
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/cputime"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/queue/queuetest"
	"github.com/dyad-project/dyad/internal/store/postgres"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "workerbench:", err)
		os.Exit(1)
	}
}

// row is what one worker count measured.
type row struct {
	Workers int
	Docs    int
	Wall    time.Duration // starting the workers to the last exit
	Run     time.Duration // the longest worker's Run (its wall time less its start and exit)
	CPU     time.Duration // the workers' CPU during their runs
	ProcCPU time.Duration // the worker processes' CPU in all
	PGCPU   time.Duration // the server's CPU; -1 if not measurable here
	PGOwn   time.Duration // the part of PGCPU in the server's own processes, which serve every client
	Events  int           // events stored
	Stats   workerStats   // the workers' --stats-json, summed
	Load1   float64       // 1-minute load average at the end
}

// workerStats is the part of dyad worker --stats-json the bench reads
// (cmd/dyad/worker.go writes it).
type workerStats struct {
	Error     string  `json:"error"`
	Claims    int     `json:"claims"`
	Documents int     `json:"documents"`
	Coded     int     `json:"coded"`
	Events    int     `json:"events"`
	Failed    int     `json:"failed"`
	Lost      int     `json:"lost"`
	CPU       float64 `json:"cpu_s"`
	Elapsed   float64 `json:"elapsed_s"`
	Leasing   float64 `json:"leasing_s"`
	Coding    float64 `json:"coding_s"`
	Storing   float64 `json:"storing_s"`
	Idle      float64 `json:"idle_s"`
	StoreCall float64 `json:"store_calls_s"`
}

func (s *workerStats) add(o workerStats) {
	s.Claims += o.Claims
	s.Documents += o.Documents
	s.Coded += o.Coded
	s.Events += o.Events
	s.Failed += o.Failed
	s.Lost += o.Lost
	s.CPU += o.CPU
	s.Elapsed += o.Elapsed
	s.Leasing += o.Leasing
	s.Coding += o.Coding
	s.Storing += o.Storing
	s.Idle += o.Idle
	s.StoreCall += o.StoreCall
}

// run parses args, runs the bench for each worker count, prints the table
// to out as it goes and returns its rows.
func run(ctx context.Context, args []string, out io.Writer) ([]row, error) {
	fs := flag.NewFlagSet("workerbench", flag.ContinueOnError)
	db := fs.String("db", os.Getenv("DYAD_TEST_POSTGRES"), "PostgreSQL URL; each run uses a fresh schema, dropped afterwards")
	docs := fs.Int("docs", 2000, "synthetic documents to code per run")
	counts := fs.String("workers", "1,2,4", "comma-separated worker process counts")
	batch := fs.Int("batch", 25, "dyad worker --batch")
	poll := fs.Duration("poll", 500*time.Millisecond, "dyad worker --poll: a draining worker's longest wait for the others' last leases")
	bin := fs.String("bin", "", "dyad binary (default: go build the module's cmd/dyad into a temporary directory)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(*db, "postgres://") && !strings.HasPrefix(*db, "postgresql://") {
		return nil, errors.New("--db (or DYAD_TEST_POSTGRES) must be a postgres:// URL")
	}
	if *docs < 10 || *docs > 1_000_000 || *batch < 1 || *batch > 1000 {
		return nil, errors.New("--docs must be 10..1000000 and --batch 1..1000")
	}
	var ns []int
	for _, f := range strings.Split(*counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 64 {
			return nil, fmt.Errorf("--workers: %q is not a count from 1 to 64", f)
		}
		ns = append(ns, n)
	}
	tmp, err := os.MkdirTemp("", "workerbench")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if *bin == "" {
		*bin = filepath.Join(tmp, "dyad")
		build := exec.CommandContext(ctx, "go", "build", "-o", *bin, "github.com/dyad-project/dyad/cmd/dyad")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if o, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build cmd/dyad (run inside the module): %v\n%s", err, o)
		}
	}
	b := bencher{base: *db, bin: *bin, tmp: tmp, batch: *batch, poll: *poll}
	fmt.Fprintf(out, "%d synthetic documents, dyad worker --batch %d --poll %v, %d CPUs (shared with whatever else runs; PostgreSQL too if local), load average %s\n",
		*docs, *batch, *poll, runtime.NumCPU(), loadavg())
	fmt.Fprintf(out, "%-7s %7s %7s %6s %7s %10s %9s %7s %8s %8s %9s %7s %6s %7s %6s %6s %7s %7s\n", "workers", "wall s", "docs/s", "run s", "run d/s", "docs/CPU-s", "wk ms/doc", "start s",
		"pg CPU s", "pg own s", "pg ms/doc", "events", "lease%", "code%", "store%", "idle%", "load", "scaling")
	var rows []row
	var base float64
	for _, n := range ns {
		r, err := b.bench(ctx, n, *docs)
		if err != nil {
			return rows, err
		}
		rate, runRate := float64(*docs)/r.Wall.Seconds(), float64(*docs)/r.Run.Seconds()
		if base == 0 {
			base = runRate
		}
		pg, pgOwn, pgPer := "-", "-", "-"
		if r.PGCPU >= 0 {
			pg, pgOwn = fmt.Sprintf("%.2f", r.PGCPU.Seconds()), fmt.Sprintf("%.2f", r.PGOwn.Seconds())
			pgPer = fmt.Sprintf("%.2f", 1000*r.PGCPU.Seconds()/float64(*docs))
		}
		pct := func(d float64) float64 { return 100 * d / r.Stats.Elapsed }
		fmt.Fprintf(out, "%-7d %7.1f %7.1f %6.1f %7.1f %10.1f %9.2f %7.2f %8s %8s %9s %7d %6.1f %7.1f %6.1f %6.1f %7.2f %6.2fx\n", n, r.Wall.Seconds(), rate,
			r.Run.Seconds(), runRate, float64(*docs)/r.CPU.Seconds(), 1000*r.CPU.Seconds()/float64(*docs),
			(r.ProcCPU-r.CPU).Seconds()/float64(n), pg, pgOwn, pgPer, r.Events,
			pct(r.Stats.Leasing), pct(r.Stats.Coding), pct(r.Stats.Storing), pct(r.Stats.Idle), r.Load1, runRate/base)
		rows = append(rows, r)
	}
	fmt.Fprintln(out, "lease/code/store/idle: shares of the workers' Run time (their --stats-json); store = waiting for a store to land, the rest of each store overlaps coding")
	return rows, nil
}

// bencher runs dyad worker processes against fresh schemas.
type bencher struct {
	base, bin, tmp string
	batch          int
	poll           time.Duration
}

// bench codes docs documents with n worker processes in a fresh schema.
func (b bencher) bench(ctx context.Context, n, docs int) (row, error) {
	r := row{Workers: n, Docs: docs, PGCPU: -1}
	dsn, drop, err := freshSchema(ctx, b.base)
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
	pg := newPGMeter()
	start := time.Now()
	cmds := make([]*exec.Cmd, n)
	outs := make([]*bytes.Buffer, n)
	files := make([]string, n)
	for i := range cmds {
		files[i] = filepath.Join(b.tmp, fmt.Sprintf("w%d-%d.json", n, i))
		cmds[i] = exec.CommandContext(ctx, b.bin, "worker", "--db", dsn, "--drain", "--batch", strconv.Itoa(b.batch),
			"--poll", b.poll.String(), "--name", fmt.Sprintf("bench%d", i), "--stats-json", files[i])
		outs[i] = &bytes.Buffer{}
		cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
		if err := cmds[i].Start(); err != nil {
			return r, err
		}
	}
	pids := make([]int, n)
	for i, c := range cmds {
		pids[i] = c.Process.Pid
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			pg.sample(pids)
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	var werr error
	for i, c := range cmds {
		if err := c.Wait(); err != nil && werr == nil {
			werr = fmt.Errorf("worker %d: %v\n%s", i, err, outs[i])
		}
		r.ProcCPU += c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	r.Wall = time.Since(start)
	close(stop)
	wg.Wait()
	pg.sample(nil)
	r.PGCPU, r.PGOwn = pg.total()
	r.Load1 = load1()
	if werr != nil {
		return r, werr
	}
	for _, f := range files {
		bs, err := os.ReadFile(f)
		if err != nil {
			return r, err
		}
		var ws workerStats
		if err := json.Unmarshal(bs, &ws); err != nil {
			return r, fmt.Errorf("%s: %w", f, err)
		}
		if ws.Error != "" {
			return r, fmt.Errorf("%s: worker error %s", f, ws.Error)
		}
		r.Stats.add(ws)
		r.Run = max(r.Run, time.Duration(ws.Elapsed*float64(time.Second)))
		r.CPU += time.Duration(ws.CPU * float64(time.Second))
	}
	c, err := st.QueueCounts(ctx)
	if err != nil {
		return r, err
	}
	if c.Done != docs || r.Stats.Coded != docs {
		return r, fmt.Errorf("%d workers coded %d documents and left the queue at %+v", n, r.Stats.Coded, c)
	}
	s, err := st.Stats(ctx)
	if err != nil {
		return r, err
	}
	r.Events = s.Events
	return r, nil
}

// pgMeter adds up the CPU of a local PostgreSQL server's processes that
// serve given clients, from /proc. A backend is counted from its start
// (it was started for a worker's connection) to its last sample; the
// server's own processes (no client) from the first sample to the last.
// Readings are in clock ticks of 1/100 s (Linux's USER_HZ).
type pgMeter struct {
	backend map[int]time.Duration    // pid -> latest CPU time
	own     map[int][2]time.Duration // pid -> first and latest CPU time
}

func newPGMeter() *pgMeter {
	m := &pgMeter{backend: map[int]time.Duration{}, own: map[int][2]time.Duration{}}
	m.sample(nil)
	return m
}

// sample reads every postgres process once; the backends of clients whose
// processes are pids are counted (none when pids is nil).
func (m *pgMeter) sample(pids []int) {
	ports := clientPorts(pids)
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if err != nil || strings.TrimSpace(string(comm)) != "postgres" {
			continue
		}
		cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil {
			continue
		}
		cpu, ok := cputime.Process(pid)
		if !ok {
			continue
		}
		title := string(cmdline)
		if i := strings.IndexByte(title, '('); i >= 0 {
			// A backend: "postgres: user db 127.0.0.1(40312) idle".
			j := strings.IndexByte(title[i:], ')')
			if j < 0 {
				continue
			}
			if port, err := strconv.Atoi(title[i+1 : i+j]); err == nil && ports[port] {
				m.backend[pid] = max(m.backend[pid], cpu)
			}
			continue
		}
		if _, seen := m.own[pid]; !seen {
			m.own[pid] = [2]time.Duration{cpu, cpu}
		} else {
			m.own[pid] = [2]time.Duration{m.own[pid][0], cpu}
		}
	}
}

// total returns the CPU counted and the part of it in the server's own
// processes, or -1 if no postgres process was seen.
func (m *pgMeter) total() (all, own time.Duration) {
	if len(m.own) == 0 {
		return -1, -1
	}
	for _, v := range m.backend {
		all += v
	}
	for _, v := range m.own {
		own += v[1] - v[0]
	}
	return all + own, own
}

// clientPorts returns the local TCP ports of the sockets that processes
// pids hold open.
func clientPorts(pids []int) map[int]bool {
	ports := map[int]bool{}
	if len(pids) == 0 {
		return ports
	}
	inodes := map[string]bool{}
	for _, pid := range pids {
		dir := fmt.Sprintf("/proc/%d/fd", pid)
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			l, err := os.Readlink(filepath.Join(dir, e.Name()))
			if err == nil && strings.HasPrefix(l, "socket:[") {
				inodes[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
			}
		}
	}
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
			fs := strings.Fields(sc.Text())
			if len(fs) < 10 || !inodes[fs[9]] {
				continue
			}
			_, hexPort, ok := strings.Cut(fs[1], ":")
			if !ok {
				continue
			}
			if p, err := strconv.ParseInt(hexPort, 16, 32); err == nil {
				ports[int(p)] = true
			}
		}
		fh.Close()
	}
	return ports
}

// loadavg returns /proc/loadavg's three averages, or "unknown".
func loadavg() string {
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

// load1 returns the 1-minute load average, or -1.
func load1() float64 {
	f := strings.Fields(loadavg())
	if v, err := strconv.ParseFloat(f[0], 64); err == nil {
		return v
	}
	return -1
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
