package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
)

const ingestExamples = `  dyad ingest examples/                      # a directory, recursively, coded into events
  dyad ingest --code=false archive/            # store text only; code later
  dyad ingest --db news.db feed.xml a.html     # files into another database
  dyad ingest https://example.org/rss.xml      # a feed by URL; short items fetch their page
  zcat dump.jsonl.gz | dyad ingest -           # standard input
  DYAD_DB=/data/dyad.db dyad ingest --workers 4 --batch 500 archive/`

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	limitMemory()
	fs := newFlagSet("ingest", "[flags] PATH...|-|URL", ingestExamples, stderr)
	load := configFlags(fs, "db", "workers", "batch", "max-size", "allow-private", "min-confidence")
	fetch := fs.Bool("fetch", true, "fetch the page of a feed item that has no full text")
	quiet := fs.Bool("quiet", false, "no progress output, only the summary")
	enqueue := fs.Bool("enqueue", false, "only store the documents, pending, for dyad worker processes to code (PostgreSQL)")
	code := fs.Bool("code", true, "code the documents into events as they are stored (off: store text only, pending)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: name at least one file, directory, URL or - for standard input", errUsage)
	}
	st, err := openStore(ctx, cfg.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := pipeline.Options{
		Workers: cfg.Workers,
		Batch:   cfg.Batch,
		Source: source.Options{
			MaxBytes:      cfg.MaxSize,
			FetchFullText: *fetch,
			Stdin:         os.Stdin,
			AllowPrivate:  cfg.AllowPrivate,
		},
	}
	if *code && !*enqueue { // with --enqueue, dyad worker processes code them
		a, err := analysis.New(analysis.Options{Coder: event.Options{MinConfidence: cfg.MinConfidence}})
		if err != nil {
			return fmt.Errorf("loading the analysis stages: %w", err)
		}
		opts.Analyze = storeAnalyzer(a)
	}
	return ingest(ctx, st, fs.Args(), opts, *quiet, stdout, stderr)
}

// ingest runs the pipeline with progress on stderr and prints the summary.
// It returns errFailed when any input failed.
func ingest(ctx context.Context, st store.Store, inputs []string, opts pipeline.Options, quiet bool, stdout, stderr io.Writer) error {
	var prog *progress
	if !quiet {
		prog = newProgress(ctx, inputs, stderr)
		opts.Progress = prog.update
	}
	sum, err := pipeline.Run(ctx, st, inputs, opts)
	if prog != nil {
		prog.finish()
	}
	printSummary(stdout, stderr, sum)
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errFailed
	}
	return nil
}

func printSummary(stdout, stderr io.Writer, sum pipeline.Summary) {
	for _, f := range sum.Failures {
		fmt.Fprintf(stderr, "failed: %s\n", firstLine(f.String()))
	}
	if n := sum.Failed - len(sum.Failures); n > 0 {
		fmt.Fprintf(stderr, "failed: ... and %d more not listed\n", n)
	}
	secs := sum.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(sum.Read) / secs
	}
	fmt.Fprintf(stdout, "read %d in %.1fs (%.0f documents/s, %.1f MB of text)\n", sum.Read, secs, rate, float64(sum.Bytes)/1e6)
	fmt.Fprintf(stdout, "  ingested    %d\n", sum.Ingested)
	fmt.Fprintf(stdout, "  unchanged   %d\n", sum.Unchanged)
	fmt.Fprintf(stdout, "  superseded  %d  (new versions of a stored URL)\n", sum.Superseded)
	fmt.Fprintf(stdout, "  skipped     %d  (stored; not coded because of their language%s)\n", sum.Skipped, langList(sum.SkippedLangs))
	fmt.Fprintf(stdout, "  failed      %d\n", sum.Failed)
	if sum.Coded > 0 {
		fmt.Fprintf(stdout, "coded %d documents into %d events\n", sum.Coded, sum.Events)
	}
}

// firstLine keeps a failure to one line (a panic's stack goes to show).
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func langList(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || (m[keys[i]] == m[keys[j]] && keys[i] < keys[j]) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return ": " + strings.Join(parts, ", ")
}

// progress shows a bar on a terminal and plain periodic lines otherwise.
type progress struct {
	bar   *progressbar.ProgressBar
	w     io.Writer
	start time.Time
	last  time.Time
	every time.Duration
	known bool // the bar has a total
}

func newProgress(ctx context.Context, inputs []string, w io.Writer) *progress {
	p := &progress{w: w, start: time.Now(), last: time.Now(), every: 5 * time.Second}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		// A quick count of records gives the bar its total and ETA.
		total, known := pipeline.Estimate(ctx, inputs)
		if !known || total <= 0 {
			total = -1
		}
		p.known = total > 0
		p.bar = progressbar.NewOptions64(int64(total),
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionShowIts(),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionFullWidth(),
		)
	}
	return p
}

func (p *progress) update(c pipeline.Counts) {
	if p.bar != nil {
		if p.known && c.Read > p.bar.GetMax() {
			p.bar.ChangeMax(c.Read)
		}
		p.bar.Describe(fmt.Sprintf("ingest (%d failed)", c.Failed))
		_ = p.bar.Set(c.Read)
		return
	}
	now := time.Now()
	if now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	secs := now.Sub(p.start).Seconds()
	fmt.Fprintf(p.w, "ingest: %d read, %d stored, %d failed, %.0f documents/s\n", c.Read, c.Stored(), c.Failed, float64(c.Read)/secs)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
