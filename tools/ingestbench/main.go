// Command ingestbench measures ingest throughput and peak memory: documents
// per second, MB per second of input and peak resident set size, for the
// India police-events JSON Lines file (1,257 real articles, from
// ../shared) and for a directory of generated HTML pages.
//
// Each corpus is ingested by a child process (this program, re-executed)
// into a new SQLite file, so that each peak RSS (VmHWM from
// /proc/self/status) belongs to one run. The store, readers and pipeline
// are the ones "dyad ingest" uses; no analysis runs.
//
//	go run ./tools/ingestbench                    # both corpora, GOMAXPROCS=1
//	go run ./tools/ingestbench -procs 2 -html 20000
//	go run ./tools/ingestbench -only jsonl -jsonl other.jsonl
//	go run ./tools/ingestbench -only scaled -scale 40   # 50,280 documents: RSS stays flat
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/cputime"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// result is what a child reports.
type result struct {
	Docs      int     `json:"docs"`
	Failed    int     `json:"failed"`
	Seconds   float64 `json:"seconds"`
	CPU       float64 `json:"cpu_seconds"` // user+system time of the run
	InputMB   float64 `json:"input_mb"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	Procs     int     `json:"procs"`
}

func main() {
	jsonl := flag.String("jsonl", filepath.Join("..", "shared", "data", "dev", "india-police-events", "docs.jsonl"), "JSON Lines corpus")
	pages := flag.Int("html", 10000, "number of generated HTML pages")
	procs := flag.Int("procs", 1, "GOMAXPROCS of the measured runs")
	only := flag.String("only", "", "measure only jsonl, html or scaled")
	scale := flag.Int("scale", 0, "also ingest the JSON Lines corpus repeated this many times (distinct texts), to show memory stays flat")
	child := flag.String("child", "", "internal: ingest this path and report as JSON")
	batch := flag.Int("batch", pipeline.DefaultBatch, "documents per transaction")
	profile := flag.String("cpuprofile", "", "write a CPU profile of each measured run to this file prefix")
	flag.Parse()
	if *child != "" {
		if err := runChild(*child, *batch, *profile); err != nil {
			fmt.Fprintln(os.Stderr, "ingestbench:", err)
			os.Exit(1)
		}
		return
	}
	if err := runParent(*jsonl, *pages, *procs, *only, *batch, *profile, *scale); err != nil {
		fmt.Fprintln(os.Stderr, "ingestbench:", err)
		os.Exit(1)
	}
}

func runParent(jsonl string, pages, procs int, only string, batch int, profile string, scale int) error {
	type corpus struct{ name, path, goal, kind string }
	var cs []corpus
	tmp, err := os.MkdirTemp("", "ingestbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if only == "" || only == "jsonl" {
		if _, err := os.Stat(jsonl); err != nil {
			return fmt.Errorf("JSON Lines corpus: %w (run from the repository root, or pass -jsonl)", err)
		}
		cs = append(cs, corpus{"jsonl " + filepath.Base(jsonl), jsonl, ">= 2000 docs/s", "jsonl"})
	}
	if only == "" || only == "html" {
		dir := filepath.Join(tmp, "html")
		start := time.Now()
		if err := generateHTML(dir, pages); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "generated %d HTML pages in %.1fs\n", pages, time.Since(start).Seconds())
		cs = append(cs, corpus{fmt.Sprintf("html %d pages", pages), dir, ">= 300 docs/s", "html"})
	}
	if scale > 0 && (only == "" || only == "scaled") {
		big := filepath.Join(tmp, "scaled.jsonl")
		if err := repeatJSONL(jsonl, big, scale); err != nil {
			return err
		}
		cs = append(cs, corpus{fmt.Sprintf("jsonl x%d", scale), big, ">= 2000 docs/s", "scaled"})
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Printf("Wall-clock rates depend on what else the machine runs; CPU rates divide by the CPU time the\n" +
		"ingest used (user+system, from getrusage around the run), what one otherwise idle core would take.\n\n")
	fmt.Printf("%-22s %6s %6s %8s %8s %7s %8s %7s %7s  %s\n", "corpus", "docs", "failed", "wall s", "CPU s",
		"docs/s", "CPU d/s", "CPU MB/s", "RSS MB", "goal (and RSS <= 200 MB)")
	for _, c := range cs {
		args := []string{"-child", c.path, "-batch", strconv.Itoa(batch)}
		if profile != "" {
			args = append(args, "-cpuprofile", profile+"."+c.kind)
		}
		cmd := exec.Command(self, args...)
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(procs))
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		var r result
		if err := json.Unmarshal(out, &r); err != nil {
			return fmt.Errorf("%s: child output %q: %w", c.name, out, err)
		}
		cpu := r.CPU
		fmt.Printf("%-22s %6d %6d %8.2f %8.2f %7.0f %8.0f %7.2f %7.0f  %s (GOMAXPROCS=%d)\n", c.name, r.Docs, r.Failed,
			r.Seconds, cpu, float64(r.Docs)/r.Seconds, float64(r.Docs)/cpu, r.InputMB/cpu, r.PeakRSSMB, c.goal, r.Procs)
	}
	return nil
}

// runChild ingests path into a new database and prints a result.
func runChild(path string, batch int, profile string) error {
	tmp, err := os.MkdirTemp("", "ingestbench-db-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tmp, "bench.db"), sqlite.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	size, err := inputSize(path)
	if err != nil {
		return err
	}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0, err := cpuTime()
	if err != nil {
		return err
	}
	start := time.Now()
	sum, err := pipeline.Run(ctx, db, []string{path}, pipeline.Options{Batch: batch, Source: source.Options{}})
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	cpu1, err := cpuTime()
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		for _, f := range sum.Failures[:min(5, len(sum.Failures))] {
			fmt.Fprintln(os.Stderr, "failed:", f)
		}
	}
	rss, err := peakRSS()
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(result{
		Docs: sum.Read - sum.Failed, Failed: sum.Failed, Seconds: secs, CPU: cpu1 - cpu0,
		InputMB: float64(size) / 1e6, PeakRSSMB: float64(rss) / 1e6, Procs: runtime.GOMAXPROCS(0),
	})
}

func inputSize(path string) (int64, error) {
	var total int64
	err := filepath.Walk(path, func(_ string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if fi.Mode().IsRegular() {
			total += fi.Size()
		}
		return nil
	})
	return total, err
}

// repeatJSONL writes n copies of the records of src to dst, each text
// prefixed with its copy number so that every record is a new document.
func repeatJSONL(src, dst string, n int) error {
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	for k := range n {
		in, err := os.Open(src)
		if err != nil {
			out.Close()
			return err
		}
		sc := bufio.NewScanner(in)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var rec map[string]any
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				in.Close()
				out.Close()
				return fmt.Errorf("%s: %w", src, err)
			}
			for _, key := range []string{"text", "content", "doc_text"} {
				if t, ok := rec[key].(string); ok {
					rec[key] = fmt.Sprintf("[copy %d] %s", k, t)
				}
			}
			b, err := json.Marshal(rec)
			if err != nil {
				in.Close()
				out.Close()
				return err
			}
			w.Write(b)
			w.WriteByte('\n')
		}
		in.Close()
		if err := sc.Err(); err != nil {
			out.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// cpuTime returns the user and system time this process has used, in
// seconds.
func cpuTime() (float64, error) { return cputime.Used().Seconds(), nil }

// peakRSS reads VmHWM, the peak resident set size, in bytes.
func peakRSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("VmHWM %q: %w", rest, err)
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}
