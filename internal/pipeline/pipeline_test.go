package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const english = "Title: Talks in Geneva\nDate: 2024-01-24\nSource: Example Wire\n\n" +
	"The foreign ministers of France and Germany met in Geneva on Wednesday to discuss the ceasefire. " +
	"Officials said the talks would continue next week."

const french = "Title: Rencontre\n\nLes ministres des affaires étrangères de la France et de l'Allemagne se sont " +
	"rencontrés à Genève mercredi pour discuter du cessez-le-feu. Les discussions reprendront la semaine prochaine."

// corpus writes a small mixed directory: good documents in three formats,
// one in French, and bad inputs of several kinds.
func corpus(t *testing.T) string {
	dir := t.TempDir()
	write(t, dir, "a/talks.txt", english)
	write(t, dir, "a/french.txt", french)
	write(t, dir, "b/page.html", `<!doctype html><html><head><title>Aid convoy reaches city</title></head><body>
		<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
		<article><h1>Aid convoy reaches city</h1>
		<p>A United Nations aid convoy of forty trucks reached the besieged city on Tuesday after weeks of negotiations between the warring parties.</p>
		<p>The World Food Programme said the trucks carried flour, rice and medical supplies for about twenty thousand people.</p>
		<p>Local officials welcomed the delivery but warned that much more was needed before winter.</p></article>
		<footer>Copyright Example News</footer></body></html>`)
	write(t, dir, "c/wire.jsonl", strings.Join([]string{
		`{"text": "Russia vetoed a Security Council draft resolution on Syria on Friday, diplomats said.", "title": "Veto", "url": "https://wire.example/1", "source": "Wire"}`,
		`{"text": "The United States announced new sanctions on Iranian oil exports on Monday.", "title": "Sanctions", "source": "Wire"`,
		`{"text": "China and Russia began a joint naval exercise in the East China Sea on Thursday, state media reported.", "source": "Wire"}`,
	}, "\n")+"\n")
	write(t, dir, "d/empty.txt", "")
	write(t, dir, "d/binary.txt", "GIF89a\x00\x01\x02\x03 not text at all")
	return dir
}

func TestRunStoresAndReports(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	dir := corpus(t)
	var calls atomic.Int32
	opts := pipeline.Options{Workers: 2, Batch: 2, Analyze: func(d doc.Document) store.Analysis {
		calls.Add(1)
		return store.Analysis{Annotations: []doc.Annotation{{Kind: "sentence", Span: doc.Span{Start: 0, End: len(d.Text)}}}}
	}}
	sum, err := pipeline.Run(ctx, db, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := pipeline.Counts{Read: 8, Ingested: 5, Skipped: 1, Failed: 3, Coded: 4}
	got := sum.Counts
	got.Bytes = 0
	if got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if sum.SkippedLangs["fr"] != 1 {
		t.Errorf("skipped languages = %v, want fr: 1", sum.SkippedLangs)
	}
	if calls.Load() != 4 {
		t.Errorf("analyzer called %d times, want 4 (the English documents)", calls.Load())
	}
	// Each failure names its file, and the broken JSON line its number.
	var lines []string
	for _, f := range sum.Failures {
		lines = append(lines, f.String())
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{"wire.jsonl:2: ", "empty.txt: ", "binary.txt: "} {
		if !strings.Contains(all, want) {
			t.Errorf("failures do not name %q:\n%s", want, all)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 5 || st.Coded != 4 || st.Skipped != 1 || st.Pending != 0 {
		t.Errorf("stats = %+v, want 5 documents: 4 coded, 1 skipped", st)
	}

	// The second run finds everything unchanged and analyses nothing again.
	calls.Store(0)
	sum, err = pipeline.Run(ctx, db, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 5 || sum.Ingested != 0 || sum.Skipped != 0 || sum.Failed != 3 {
		t.Errorf("second run = %+v, want 5 unchanged and the same 3 failures", sum.Counts)
	}
	if calls.Load() != 0 {
		t.Errorf("second run analysed %d documents, want 0", calls.Load())
	}
}

func TestRunSupersedes(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	dir := t.TempDir()
	p := write(t, dir, "wire.jsonl", `{"text": "First version of the story about the summit.", "url": "https://x.example/s"}`+"\n")
	if _, err := pipeline.Run(ctx, db, []string{p}, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "wire.jsonl", `{"text": "Second version of the story about the summit, corrected.", "url": "https://x.example/s"}`+"\n")
	sum, err := pipeline.Run(ctx, db, []string{p}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Superseded != 1 || sum.Ingested != 0 {
		t.Errorf("counts = %+v, want 1 superseded", sum.Counts)
	}
}

func TestAnalyzerPanicIsOneFailure(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	dir := t.TempDir()
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf(`{"text": "Story %d: the minister of defence visited the troops at the border on Monday."}`, i))
	}
	p := write(t, dir, "w.jsonl", strings.Join(lines, "\n"))
	sum, err := pipeline.Run(ctx, db, []string{p}, pipeline.Options{Analyze: func(d doc.Document) store.Analysis {
		if strings.HasPrefix(d.Text, "Story 3") {
			panic("coder bug")
		}
		return store.Analysis{Events: []event.Event{{ID: d.ID[:8] + "-1", Code: "042", Status: event.Asserted, Date: "2024-01-01"}}}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 5 || sum.Failed != 1 || sum.Coded != 4 || sum.Events != 4 {
		t.Fatalf("counts = %+v, want 5 ingested, 1 failed, 4 coded with 4 events", sum.Counts)
	}
	if f := sum.Failures[0].String(); !strings.HasPrefix(f, p+":4: analysis panicked: coder bug") {
		t.Errorf("failure = %q", f)
	}
	st, _ := db.Stats(ctx)
	if st.Coded != 4 || st.Pending != 1 || st.Events != 4 {
		t.Errorf("stats = %+v, want 4 coded with 4 events and 1 pending", st)
	}
	// The panicking document keeps its reason, and a later run retries it.
	ds, _ := db.Documents(ctx, store.DocFilter{Query: `"story 3"`})
	info, err := db.DocumentInfo(ctx, ds[0].ID)
	if err != nil || len(info.Diagnostics) != 1 || !strings.Contains(info.Diagnostics[0].Message, "coder bug") {
		t.Errorf("diagnostics of the failed document = %+v, %v", info, err)
	}
	sum, err = pipeline.Run(ctx, db, []string{p}, pipeline.Options{Analyze: func(doc.Document) store.Analysis { return store.Analysis{} }})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := db.Stats(ctx); st.Pending != 0 || sum.Unchanged != 5 {
		t.Errorf("after retry: %+v, %+v; want nothing pending", st, sum.Counts)
	}
}

func TestBatchesAndProgress(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	var calls []pipeline.Counts
	walk := func(ctx context.Context, yield func(source.Item) error) error {
		for i := range 25 {
			d := doc.Document{Text: fmt.Sprintf("Generated story number %d about a visit.", i), Lang: "en", Origin: fmt.Sprintf("gen:%d", i)}
			if err := yield(source.Item{Doc: d, Origin: d.Origin}); err != nil {
				return err
			}
		}
		return nil
	}
	sum, err := pipeline.RunWalker(ctx, db, walk, pipeline.Options{Batch: 10, Progress: func(c pipeline.Counts) { calls = append(calls, c) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 25 {
		t.Errorf("ingested %d, want 25", sum.Ingested)
	}
	if len(calls) != 3 {
		t.Errorf("progress called %d times, want 3 (batches of 10, 10, 5)", len(calls))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i].Read <= calls[i-1].Read {
			t.Errorf("progress not increasing: %+v", calls)
		}
	}
}

// failingStore refuses any batch holding a document whose text contains "poison".
type failingStore struct{ store.Store }

func (f failingStore) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	for _, it := range items {
		if strings.Contains(it.Doc.Text, "poison") {
			return nil, errors.New("constraint failed")
		}
	}
	return f.Store.Put(ctx, items)
}

func TestStoreRefusalIsolatesTheDocument(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	walk := func(ctx context.Context, yield func(source.Item) error) error {
		for i := range 6 {
			text := fmt.Sprintf("Story %d is fine.", i)
			if i == 2 {
				text = "Story 2 is poison."
			}
			if err := yield(source.Item{Doc: doc.Document{Text: text, Lang: "en", Origin: fmt.Sprintf("f:%d", i)}}); err != nil {
				return err
			}
		}
		return nil
	}
	sum, err := pipeline.RunWalker(ctx, failingStore{db}, walk, pipeline.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 5 || sum.Failed != 1 || sum.Failures[0].Origin != "f:2" {
		t.Errorf("summary = %+v, %v; want 5 stored and f:2 failed", sum.Counts, sum.Failures)
	}
	// A store that refuses everything ends the run with its error.
	all := func(ctx context.Context, yield func(source.Item) error) error {
		return yield(source.Item{Doc: doc.Document{Text: "poison", Lang: "en"}})
	}
	if _, err := pipeline.RunWalker(ctx, failingStore{db}, all, pipeline.Options{}); err == nil {
		t.Error("a store refusing every document: no error")
	}
	// A whole batch of bad documents in a store that answers a ping does
	// not end the run; one that does not answer does.
	mixed := func(ctx context.Context, yield func(source.Item) error) error {
		for i := range 5 {
			text := "poison " + strconv.Itoa(i)
			if i >= 3 {
				text = "Tale " + strconv.Itoa(i) + " is fine."
			}
			if err := yield(source.Item{Doc: doc.Document{Text: text, Lang: "en", Origin: "m:" + strconv.Itoa(i)}}); err != nil {
				return err
			}
		}
		return nil
	}
	sum, err = pipeline.RunWalker(ctx, pingingStore{failingStore{db}, nil}, mixed, pipeline.Options{Workers: 1, Batch: 3})
	if err != nil || sum.Failed != 3 || sum.Ingested != 2 {
		t.Errorf("reachable store: %v, %+v; want 3 failed and 2 stored", err, sum.Counts)
	}
	if _, err := pipeline.RunWalker(ctx, pingingStore{failingStore{db}, errors.New("connection refused")}, mixed, pipeline.Options{Workers: 1, Batch: 3}); err == nil {
		t.Error("an unreachable store: the run went on")
	}
}

// pingingStore answers Ping with err.
type pingingStore struct {
	failingStore
	err error
}

func (p pingingStore) Ping(context.Context) error { return p.err }

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	db := openStore(t)
	walk := func(ctx context.Context, yield func(source.Item) error) error {
		for i := 0; ; i++ {
			if i == 50 {
				cancel()
			}
			if err := yield(source.Item{Doc: doc.Document{Text: fmt.Sprintf("Endless story %d.", i), Lang: "en"}}); err != nil {
				return err
			}
		}
	}
	_, err := pipeline.RunWalker(ctx, db, walk, pipeline.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestParallelReadingMatchesSequential reads a directory of many files with
// one and with four readers: the same documents and failures either way.
func TestParallelReadingMatchesSequential(t *testing.T) {
	ctx := context.Background()
	dir := corpus(t)
	for i := range 40 {
		write(t, dir, fmt.Sprintf("many/%02d/story.txt", i), fmt.Sprintf("Title: Story %d\n\nThe defence ministers of Chile and Peru met in Lima on day %d to discuss border security.", i, i))
	}
	write(t, dir, "many/.hidden/skip.txt", "Hidden files are not read by a directory walk at all.")
	write(t, dir, "many/notes.md", "Markdown is not an extension the walk reads.")
	// Links: a file reached twice is read once; a dangling link and a loop
	// are reported once each, whatever the number of readers.
	for _, l := range [][2]string{{"00/story.txt", "many/again.txt"}, {"missing.txt", "many/gone.txt"}, {".", "many/01/loop"}, {"02", "many/zz-linked-dir"}} {
		if err := os.Symlink(l[0], filepath.Join(dir, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	type outcome struct {
		counts   pipeline.Counts
		failures []string
	}
	runWith := func(workers int) outcome {
		db := openStore(t)
		sum, err := pipeline.Run(ctx, db, []string{dir}, pipeline.Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var fs []string
		for _, f := range sum.Failures {
			fs = append(fs, f.String())
		}
		slices.Sort(fs)
		return outcome{sum.Counts, fs}
	}
	one, four := runWith(1), runWith(4)
	if one.counts != four.counts || !slices.Equal(one.failures, four.failures) {
		t.Errorf("1 reader: %+v %v\n4 readers: %+v %v", one.counts, one.failures, four.counts, four.failures)
	}
	if one.counts.Ingested != 45 {
		t.Errorf("ingested %d, want 45", one.counts.Ingested)
	}
	var links []string
	for _, f := range one.failures {
		if strings.Contains(f, "gone.txt") || strings.Contains(f, "loop") {
			links = append(links, f)
		}
	}
	if len(links) != 2 || !strings.Contains(links[0], "loops back") || !strings.Contains(links[1], "dangling") {
		t.Errorf("link failures = %q, want the dangling link and the loop once each", links)
	}
}

// TestFailedFetchKeepsTheStoredText: a feed item whose page fetch failed
// (its summary only) never becomes a new version over the page's full text;
// the page coming back later is unchanged.
func TestFailedFetchKeepsTheStoredText(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	const url = "https://wire.example/talks"
	full := "The foreign ministers of Chile and Peru met in Lima on Monday. " + strings.Repeat("They discussed the border, trade and fishing rights at length. ", 20)
	run := func(text string, partial bool) pipeline.Summary {
		walk := func(ctx context.Context, yield func(source.Item) error) error {
			return yield(source.Item{Doc: doc.Document{Text: text, URL: url, Lang: "en", Origin: "feed.xml#1"}, Partial: partial})
		}
		sum, err := pipeline.RunWalker(ctx, db, walk, pipeline.Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if s := run(full, false); s.Ingested != 1 {
		t.Fatalf("first run: %+v", s.Counts)
	}
	s := run("Ministers met in Lima.", true)
	if s.Ingested+s.Superseded != 0 || s.Failed != 1 || !strings.Contains(s.Failures[0].Err.Error(), "kept the stored version") {
		t.Errorf("failed fetch: %+v %v", s.Counts, s.Failures)
	}
	if s := run(full, false); s.Unchanged != 1 {
		t.Errorf("page back: %+v, want unchanged", s.Counts)
	}
	cur, err := db.Documents(ctx, store.DocFilter{URL: url})
	if err != nil || len(cur) != 1 || cur[0].Text != full {
		t.Errorf("current version at the URL: %v %d", err, len(cur))
	}
	// A partial item at a new URL is stored: it is all there is.
	walk := func(ctx context.Context, yield func(source.Item) error) error {
		return yield(source.Item{Doc: doc.Document{Text: "Only a summary survives.", URL: url + "/2", Lang: "en"}, Partial: true})
	}
	if s, err := pipeline.RunWalker(ctx, db, walk, pipeline.Options{}); err != nil || s.Ingested != 1 {
		t.Errorf("partial at a new URL: %v %+v", err, s.Counts)
	}
}

// TestImplausibleDates: every reader's dates go through one rule; a year-1
// JSON date is a warning, not a silent unknown.
func TestImplausibleDates(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	dir := t.TempDir()
	write(t, dir, "dates.jsonl", `{"text": "Story one: talks in Quito on Monday.", "date": "0001-01-01"}
{"text": "Story two: talks in Quito on Tuesday.", "date": "9999-12-31"}
{"text": "Story three: talks in Quito on Wednesday.", "date": "2024-05-01"}
`)
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	sum, err := pipeline.Run(ctx, db, []string{dir}, pipeline.Options{Now: now})
	if err != nil || sum.Ingested != 3 {
		t.Fatalf("%v %+v", err, sum.Counts)
	}
	docs, err := db.Documents(ctx, store.DocFilter{Query: "Quito"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		info, err := db.DocumentInfo(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, g := range info.Diagnostics {
			msgs = append(msgs, g.Message)
		}
		all := strings.Join(msgs, "; ")
		switch {
		case strings.HasPrefix(d.Text, "Story one"):
			if !d.Published.IsZero() || !strings.Contains(all, "before 1900") {
				t.Errorf("year 1: %v, %q", d.Published, all)
			}
		case strings.HasPrefix(d.Text, "Story two"):
			if !d.Published.IsZero() || !strings.Contains(all, "in the future") {
				t.Errorf("year 9999: %v, %q", d.Published, all)
			}
		default:
			if d.Published.Year() != 2024 || all != "" {
				t.Errorf("2024: %v, %q", d.Published, all)
			}
		}
	}
}

// TestSizeCapsEveryPath: a record over a cap fails alone, naming the field
// and the cap, as it does through the API.
func TestSizeCapsEveryPath(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	dir := t.TempDir()
	big := strings.Repeat("t", 5<<20)
	write(t, dir, "caps.jsonl", `{"text": "Story one: talks in Quito.", "title": "`+big+`"}
{"text": "Story two: talks in Quito.", "desk": "`+strings.Repeat("m", 3<<20)+`"}
{"text": "Story three: talks in Quito.", "title": "Fine"}
`)
	sum, err := pipeline.Run(ctx, db, []string{dir}, pipeline.Options{})
	if err != nil || sum.Ingested != 1 || sum.Failed != 2 {
		t.Fatalf("%v %+v", err, sum.Counts)
	}
	for i, want := range []string{"caps.jsonl:1: over the size cap: title is 5242880 bytes, over the cap of 2048 bytes", `caps.jsonl:2: over the size cap: metadata field "desk" is 3145728 bytes`} {
		if got := sum.Failures[i].String(); !strings.Contains(got, want) {
			t.Errorf("failure %d = %q, want %q", i, got, want)
		}
	}
}
