// Package pipeline moves documents from the readers to the store: it is the
// one place in dyad that runs goroutines.
//
// One goroutine walks the inputs (internal/source), a bounded set of workers
// prepare each document (content ID, language gate, the optional analysis),
// and the calling goroutine writes them to the store in batched
// transactions. Channels are small and batches are bounded in documents and
// bytes, so memory stays bounded whatever the size of the corpus.
//
// A bad input or a document whose analysis panics is a Failure in the
// Summary, never the end of the run; only a store that cannot write, or a
// cancelled context, stops it.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/lang"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
)

// analysisBytes and eventBytes estimate the memory an annotation and an
// event hold until their batch is written (structs, strings, spans, the
// explanation of an event), so that BatchBytes bounds what a batch holds,
// not only its text: eight records of 2.8 MB coded into 66,000 events once
// peaked at 760 MB in one batch.
const (
	analysisBytes = 160
	eventBytes    = 1200
)

// Defaults for Options.
const (
	DefaultBatch      = 200
	DefaultBatchBytes = 32 << 20
	DefaultFlushEvery = time.Second
	MaxListedFailures = 1000
)

// CodedLanguage is the language the event coder reads; documents in any
// other language are stored and their coding skipped.
const CodedLanguage = "en"

// Analyzer derives annotations, events and diagnostics from one English
// document. It must be safe for concurrent use; the pipeline sets DocID on
// the result. It is called only for documents that are new, or stored but
// not yet analysed.
type Analyzer func(doc.Document) store.Analysis

// Options configure Run. The zero value stores documents without analysis,
// with GOMAXPROCS workers and batches of DefaultBatch.
type Options struct {
	Workers    int            // preparing goroutines; 0 means GOMAXPROCS
	Batch      int            // documents per transaction; 0 means DefaultBatch
	BatchBytes int            // text bytes per transaction; 0 means DefaultBatchBytes
	FlushEvery time.Duration  // commit a partial batch after this long; 0 means DefaultFlushEvery
	Analyze    Analyzer       // nil: store only, documents stay pending
	Source     source.Options // how inputs are read
	// Progress, when set, is called from Run's goroutine after each commit.
	Progress func(Counts)
	// Now is the clock the publication-date rule reads; nil means time.Now.
	Now func() time.Time
	// Caps are the size caps of a document; the zero value means
	// doc.DefaultCaps() with Text set to Source.MaxBytes when that is set.
	Caps doc.Caps
}

// Counts are the running totals of a run.
type Counts struct {
	Read       int   // documents and failed inputs seen
	Ingested   int   // new documents
	Unchanged  int   // already stored
	Superseded int   // new versions of a stored URL
	Skipped    int   // new documents whose coding was skipped for their language
	Failed     int   // inputs, records or documents that could not be stored or analysed
	Bytes      int64 // text bytes of the documents read
	Coded      int   // stored documents that were coded in this run
	Events     int   // events stored with them
}

// Stored is the number of documents written by the run.
func (c Counts) Stored() int { return c.Ingested + c.Superseded }

// Failure is one input, record or document that failed, and why.
type Failure struct {
	Origin string // file, file:line or URL
	Err    error
}

func (f Failure) String() string {
	msg := f.Err.Error()
	// source errors already begin with their origin.
	if f.Origin != "" && !strings.HasPrefix(msg, f.Origin) {
		msg = f.Origin + ": " + msg
	}
	return msg
}

// Summary is what a run did.
type Summary struct {
	Counts
	SkippedLangs map[string]int // new documents skipped, per language
	Failures     []Failure      // the first MaxListedFailures failures, in order
	Elapsed      time.Duration
}

// Walker produces the items of a run, as source.Walk does: it calls yield
// once per item and stops when yield returns an error. yield is safe for
// concurrent use, so a Walker may read several inputs at once.
type Walker func(ctx context.Context, yield func(source.Item) error) error

// Run reads inputs with source.Walk and stores them in st. The files of a
// directory are read by opts.Workers goroutines at once, so that parsing
// HTML pages uses every core; other inputs are read one after another.
func Run(ctx context.Context, st store.Store, inputs []string, opts Options) (Summary, error) {
	readers := opts.Workers
	if readers <= 0 {
		readers = runtime.GOMAXPROCS(0)
	}
	if opts.Source.Lang == nil { // one detector for every file the readers walk
		det, err := lang.New()
		if err != nil {
			return Summary{}, fmt.Errorf("language profiles: %w", err)
		}
		opts.Source.Lang = det
	}
	return RunWalker(ctx, st, func(ctx context.Context, yield func(source.Item) error) error {
		return walkParallel(ctx, inputs, opts.Source, readers, yield)
	}, opts)
}

// walkParallel reads inputs as source.Walk would, with the files found in
// directories spread over n goroutines. Each file is read by source.Walk
// itself, so errors and origins are the same; a directory is listed by
// source.ListDir, the one directory rule, so the result does not depend on n.
func walkParallel(ctx context.Context, inputs []string, opts source.Options, n int, yield func(source.Item) error) error {
	if n <= 1 {
		return source.Walk(ctx, inputs, opts, yield)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	paths := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range paths {
				if err := source.Walk(ctx, []string{p}, opts, yield); err != nil {
					cancel(err)
				}
			}
		}()
	}
	send := func(p string) error {
		select {
		case paths <- p:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	err := func() error {
		for _, in := range inputs {
			fi, err := os.Stat(in)
			if in == "-" || err != nil || !fi.IsDir() {
				// stdin, URLs, files and missing paths: source.Walk reads or reports them.
				if err := send(in); err != nil {
					return err
				}
				continue
			}
			err = source.ListDir(ctx, in, func(e source.Entry) error {
				if e.Err != nil {
					return yield(source.FailedItem(e.Path, e.Err))
				}
				return send(e.Path)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}()
	close(paths)
	wg.Wait()
	if err != nil {
		return err
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return ctx.Err()
}

// prepared is one item after a worker has seen it.
type prepared struct {
	item    store.Item // empty when the item cannot be stored
	partial bool       // the text is less than its source has (source.Item.Partial)
	weight  int        // bytes the batch holds for it: text and an estimate of its analysis
	lang    string     // set when coding is skipped for the language
	failure *Failure   // why the item failed; it may still be stored (a failed analysis)
	bytes   int
}

// RunWalker stores the items walk produces. It returns the summary and, when
// the run stopped early (a store error, ctx done), the reason.
func RunWalker(ctx context.Context, st store.Store, walk Walker, opts Options) (Summary, error) {
	start := time.Now()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batch := opts.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	batchBytes := opts.BatchBytes
	if batchBytes <= 0 {
		batchBytes = DefaultBatchBytes
	}
	flushEvery := opts.FlushEvery
	if flushEvery <= 0 {
		flushEvery = DefaultFlushEvery
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	caps := opts.Caps
	if caps == (doc.Caps{}) {
		caps = doc.DefaultCaps()
		if opts.Source.MaxBytes > 0 {
			caps.Text = int(opts.Source.MaxBytes)
		}
	}

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan source.Item, workers)
	out := make(chan prepared, workers)
	walkDone := make(chan error, 1)
	go func() {
		defer close(in)
		walkDone <- walk(ctx, func(it source.Item) error {
			select {
			case in <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range in {
				p := prepare(ctx, st, opts.Analyze, it, now(), caps)
				select {
				case out <- p:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	w := &batchWriter{st: st, progress: opts.Progress, sum: Summary{SkippedLangs: map[string]int{}}}
	var pending []prepared
	size := 0
	ticker := time.NewTicker(flushEvery)
	defer ticker.Stop()
	flush := func() error {
		err := w.write(ctx, pending)
		clear(pending) // drop references to the texts
		pending, size = pending[:0], 0
		return err
	}
	var runErr error
loop:
	for {
		select {
		case p, ok := <-out:
			if !ok {
				break loop
			}
			if p.failure != nil && p.item.Doc.Text == "" { // nothing to store
				w.fail(*p.failure)
				continue
			}
			pending = append(pending, p)
			size += p.weight
			if len(pending) >= batch || size >= batchBytes {
				if runErr = flush(); runErr != nil {
					break loop
				}
			}
		case <-ticker.C:
			if len(pending) > 0 {
				if runErr = flush(); runErr != nil {
					break loop
				}
			}
		}
	}
	if runErr == nil && len(pending) > 0 && parent.Err() == nil {
		runErr = flush()
	}
	cancel()
	for range out { // let the workers and the walker finish
	}
	walkErr := <-walkDone
	switch {
	case parent.Err() != nil:
		runErr = parent.Err()
	case runErr != nil:
	case walkErr != nil && !errors.Is(walkErr, context.Canceled):
		runErr = walkErr
	}
	w.sum.Elapsed = time.Since(start)
	return w.sum, runErr
}

// prepare checks one item, sets its ID, gates it on language and runs the
// analysis when one is wanted.
func prepare(ctx context.Context, st store.Store, analyze Analyzer, it source.Item, now time.Time, caps doc.Caps) prepared {
	if it.Err != nil {
		return prepared{failure: &Failure{Origin: it.Origin, Err: it.Err}}
	}
	d := it.Doc
	origin := d.Origin
	switch {
	case strings.TrimSpace(d.Text) == "":
		return prepared{failure: &Failure{Origin: origin, Err: source.ErrNoText}}
	case !utf8.ValidString(d.Text):
		return prepared{failure: &Failure{Origin: origin, Err: source.ErrInvalidUTF8}}
	}
	if err := caps.Check(&d); err != nil {
		return prepared{failure: &Failure{Origin: origin, Err: fmt.Errorf("%w: %v", source.ErrTooLarge, err)}}
	}
	// NUL and invalid UTF-8 in any field are cleaned here, once, so that
	// both backends store the same document (PostgreSQL refuses NUL).
	diags := it.Diagnostics
	fixed := doc.Clean(&d)
	if w := doc.CheckPublished(&d, now); w != nil {
		fixed = append(fixed, *w)
	}
	if len(fixed) > 0 {
		diags = append(append([]doc.Diagnostic(nil), diags...), fixed...)
	}
	// The store derives the ID itself; it is computed here only when an
	// analysis needs it, since hashing long texts twice shows in profiles.
	p := prepared{item: store.Item{Doc: d, Diagnostics: diags}, bytes: len(d.Text), weight: len(d.Text), partial: it.Partial}
	if d.Lang != CodedLanguage {
		lang := d.Lang
		if lang == "" {
			lang = "und"
		}
		p.lang = lang
		p.item.Analysis = &store.Analysis{Skipped: "language: " + lang}
		return p
	}
	if analyze == nil {
		return p
	}
	d.ID = doc.ContentID(d.Text)
	p.item.Doc.ID = d.ID
	// Do not analyse again what is already analysed: the store would keep
	// the stored analysis anyway.
	if info, err := st.DocumentInfo(ctx, d.ID); err == nil && info.Status != store.Pending {
		return p
	}
	a, err := safeAnalyze(analyze, d)
	if err != nil {
		// The document is stored, pending, with the reason; the run counts it failed.
		p.item.Diagnostics = append(p.item.Diagnostics, doc.Diagnostic{Stage: "pipeline", Severity: doc.Error, Message: err.Error()})
		p.failure = &Failure{Origin: origin, Err: err}
		return p
	}
	a.DocID = d.ID
	p.item.Analysis = &a
	p.weight += analysisBytes*len(a.Annotations) + eventBytes*len(a.Events)
	return p
}

// safeAnalyze runs analyze and turns a panic into an error naming it, so
// one document cannot end a run.
func safeAnalyze(analyze Analyzer, d doc.Document) (a store.Analysis, err error) {
	defer func() {
		if r := recover(); r != nil {
			stack := string(debug.Stack())
			if len(stack) > 2000 {
				stack = stack[:2000]
			}
			err = fmt.Errorf("analysis panicked: %v\n%s", r, stack)
		}
	}()
	return analyze(d), nil
}

// batchWriter commits batches and keeps the summary; it runs on Run's
// goroutine only.
type batchWriter struct {
	st       store.Store
	progress func(Counts)
	sum      Summary
}

func (w *batchWriter) fail(f Failure) {
	w.sum.Read++
	w.sum.Failed++
	if len(w.sum.Failures) < MaxListedFailures {
		w.sum.Failures = append(w.sum.Failures, f)
	}
	w.report()
}

func (w *batchWriter) report() {
	if w.progress != nil {
		w.progress(w.sum.Counts)
	}
}

// write stores ps in one transaction. If the store refuses the batch, each
// document is tried alone so that one bad document fails by itself; when
// every one fails too, the run ends only if the store does not answer a
// ping (a store without Ping is then taken as broken).
func (w *batchWriter) write(ctx context.Context, ps []prepared) error {
	ps, err := w.keepFuller(ctx, ps)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return nil
	}
	items := make([]store.Item, len(ps))
	for i := range ps {
		items[i] = ps[i].item
	}
	res, err := w.st.Put(ctx, items)
	if err == nil {
		for i := range ps {
			w.count(ps[i], res[i])
		}
		w.report()
		return nil
	}
	if ctx.Err() != nil || len(ps) == 1 {
		return fmt.Errorf("store: %w", err)
	}
	stored := 0
	var first error
	for i := range ps {
		r, err := w.st.Put(ctx, items[i:i+1])
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("store: %w", err)
			}
			if first == nil {
				first = err
			}
			w.sum.Read++
			w.sum.Bytes += int64(ps[i].bytes)
			w.sum.Failed++
			if len(w.sum.Failures) < MaxListedFailures {
				w.sum.Failures = append(w.sum.Failures, Failure{Origin: ps[i].item.Doc.Origin, Err: fmt.Errorf("store: %w", err)})
			}
			continue
		}
		stored++
		w.count(ps[i], r[0])
	}
	w.report()
	if stored == 0 {
		if p, ok := w.st.(pinger); ok && p.Ping(ctx) == nil {
			return nil // the documents were bad, the store is fine
		}
		return fmt.Errorf("store: %w", first)
	}
	return nil
}

// keepFuller drops from ps the partial documents (a feed summary kept
// because the page fetch failed) whose URL already has a stored version
// with more text: the stored version stays current and the item is
// reported as failed, naming why.
func (w *batchWriter) keepFuller(ctx context.Context, ps []prepared) ([]prepared, error) {
	out := make([]prepared, 0, len(ps))
	for _, p := range ps {
		d := p.item.Doc
		if !p.partial || d.URL == "" {
			out = append(out, p)
			continue
		}
		cur, err := w.st.Documents(ctx, store.DocFilter{URL: d.URL, Limit: 1})
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		if len(cur) == 0 || len(cur[0].Text) < len(d.Text) {
			out = append(out, p)
			continue
		}
		w.sum.Read++
		w.sum.Bytes += int64(p.bytes)
		w.sum.Failed++
		if len(w.sum.Failures) < MaxListedFailures {
			w.sum.Failures = append(w.sum.Failures, Failure{Origin: d.Origin, Err: fmt.Errorf(
				"%w: the page could not be fetched; kept the stored version %s (%d bytes) rather than the feed summary (%d bytes)",
				source.ErrFetch, cur[0].ID, len(cur[0].Text), len(d.Text))})
		}
	}
	return out, nil
}

// pinger is a store that can tell whether it is reachable.
type pinger interface {
	Ping(ctx context.Context) error
}

func (w *batchWriter) count(p prepared, r store.PutResult) {
	w.sum.Read++
	w.sum.Bytes += int64(p.bytes)
	switch r.Outcome {
	case store.Ingested:
		w.sum.Ingested++
	case store.Superseded:
		w.sum.Superseded++
	case store.Unchanged:
		w.sum.Unchanged++
	}
	if r.Outcome != store.Unchanged && p.lang != "" {
		w.sum.Skipped++
		w.sum.SkippedLangs[p.lang]++
	}
	if a := p.item.Analysis; r.Outcome != store.Unchanged && p.lang == "" && a != nil && a.Skipped == "" {
		w.sum.Coded++
		w.sum.Events += len(a.Events)
	}
	if p.failure != nil {
		w.sum.Failed++
		if len(w.sum.Failures) < MaxListedFailures {
			w.sum.Failures = append(w.sum.Failures, *p.failure)
		}
	}
}
