package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/testenv"
)

// Shape of a coded news article, from the example corpus: about 15 events
// and 60 annotations (sentences, actor mentions, dates, triggers, cues).
const (
	benchBatch       = 200 // documents per transaction, as ingest stores them
	benchEvents      = 15
	benchAnnotations = 60
	benchDiagnostics = 2
)

// benchActors are actor codes with their country and sector; a few are
// common, as in news, and the rest spread the dyads.
var benchActors = []struct{ code, name, country, sector string }{
	{"USA", "United States", "USA", ""}, {"USAGOV", "US government", "USA", "GOV"},
	{"RUS", "Russia", "RUS", ""}, {"RUSGOV", "Russian government", "RUS", "GOV"},
	{"RUSMIL", "Russian military", "RUS", "MIL"}, {"UKR", "Ukraine", "UKR", ""},
	{"UKRGOV", "Ukrainian government", "UKR", "GOV"}, {"UKRMIL", "Ukrainian military", "UKR", "MIL"},
	{"ISR", "Israel", "ISR", ""}, {"ISRMIL", "Israeli military", "ISR", "MIL"},
	{"PSE", "Palestine", "PSE", ""}, {"PSEREB", "Hamas", "PSE", "REB"},
	{"IRN", "Iran", "IRN", ""}, {"IRNGOV", "Iranian government", "IRN", "GOV"},
	{"CHN", "China", "CHN", ""}, {"CHNGOV", "Chinese government", "CHN", "GOV"},
	{"IND", "India", "IND", ""}, {"INDCOP", "Indian police", "IND", "COP"},
	{"GBR", "United Kingdom", "GBR", ""}, {"FRA", "France", "FRA", ""},
	{"DEU", "Germany", "DEU", ""}, {"TUR", "Turkey", "TUR", ""},
	{"SYR", "Syria", "SYR", ""}, {"LBN", "Lebanon", "LBN", ""},
	{"YEM", "Yemen", "YEM", ""}, {"YEMREB", "Houthis", "YEM", "REB"},
	{"EGY", "Egypt", "EGY", ""}, {"QAT", "Qatar", "QAT", ""},
	{"IGOUNO", "United Nations", "", "IGO"}, {"IGOEU", "European Union", "", "IGO"},
}

// benchCodes are CAMEO codes with root, quad class and Goldstein value.
var benchCodes = []struct {
	code, root string
	quad       int
	goldstein  float64
}{
	{"010", "01", 1, 0}, {"020", "02", 1, 3}, {"036", "03", 1, 4}, {"040", "04", 1, 1},
	{"042", "04", 1, 1.9}, {"043", "04", 1, 2.8}, {"051", "05", 1, 3.4}, {"057", "05", 1, 8},
	{"061", "06", 2, 6.4}, {"070", "07", 2, 7}, {"111", "11", 3, -2}, {"112", "11", 3, -2},
	{"120", "12", 3, -4}, {"130", "13", 3, -4.4}, {"138", "13", 3, -7}, {"160", "16", 3, -4},
	{"173", "17", 4, -5}, {"180", "18", 4, -9}, {"190", "19", 4, -10}, {"193", "19", 4, -10},
	{"195", "19", 4, -10}, {"200", "20", 4, -10},
}

var benchStatuses = []event.Status{
	event.Asserted, event.Asserted, event.Asserted, event.Asserted, event.Reported, event.Reported,
	event.Reported, event.Negated, event.Hypothetical, event.Future, event.Denied,
}

// benchText is a document body of about 3,000 bytes, so that spans are in range.
func benchText(n int) string {
	return fmt.Sprintf("Benchmark article %d. ", n) +
		strings.Repeat("Officials said troops crossed the border overnight and talks would resume. ", 40)
}

func benchActor(r *rand.Rand, start int) event.Actor {
	a := benchActors[min(r.IntN(len(benchActors)), r.IntN(len(benchActors)))] // skewed to the first
	return event.Actor{Code: a.code, Name: a.name, Text: a.name, Span: &doc.Span{Start: start, End: start + len(a.name)},
		Country: a.country, Sector: a.sector}
}

// benchAnalysis returns the analysis of document id: events, annotations
// and diagnostics with realistic values, drawn from r.
func benchAnalysis(r *rand.Rand, id string) store.Analysis {
	a := store.Analysis{DocID: id}
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(730))
	for k := range benchEvents {
		sent := 200 * k
		c := benchCodes[r.IntN(len(benchCodes))]
		e := event.Event{
			ID: fmt.Sprintf("%s-%02d", id[:16], k), DocID: id,
			Source: benchActor(r, sent+5), Target: benchActor(r, sent+60),
			Code: c.code, Root: c.root, Name: "CAMEO " + c.code, Goldstein: c.goldstein, Quad: c.quad,
			PloverType: "CONSULT", PloverMode: "visit",
			Status: benchStatuses[r.IntN(len(benchStatuses))],
			Date:   base.AddDate(0, 0, -r.IntN(3)).Format("2006-01-02"), Precision: "day",
			Confidence: 0.5 + r.Float64()/2, Trigger: doc.Span{Start: sent + 40, End: sent + 48}, TriggerText: "attacked",
			Sentence: doc.Span{Start: sent, End: sent + 180}, Rule: "verb:" + c.code + ":active",
		}
		e.DateValue = e.Date
		if e.Status != event.Asserted {
			e.Cue = &doc.Span{Start: sent + 30, End: sent + 36}
			e.CueText = "denied"
		}
		if e.Status == event.Reported || r.IntN(3) == 0 {
			at := benchActor(r, sent+100)
			e.Attributed = &at
		}
		if r.IntN(2) == 0 {
			e.DateSpan = &doc.Span{Start: sent + 150, End: sent + 160}
		}
		// About two in five are placed, as in the news: a quarter in a
		// city with its coordinates (a gazetteer's, the same for every
		// event), a few more in a country only, taken from k so that the
		// draws from r stay those of earlier figures.
		if r.IntN(4) == 0 {
			_, _ = r.Float64(), r.Float64() // the random coordinates of earlier figures
			lat, lon := 50.45, 30.52
			e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = "Kyiv", "UKR", "city", &lat, &lon
		} else if k%5 == 0 {
			e.Location, e.LocationCountry, e.GeoPrecision = "Ukraine", "UKR", "country"
		}
		a.Events = append(a.Events, e)
	}
	kinds := []string{"sentence", "actor", "actor", "timex", "trigger", "cue"}
	for k := range benchAnnotations {
		an := doc.Annotation{Kind: kinds[k%len(kinds)], Span: doc.Span{Start: 50 * k, End: 50*k + 12}}
		switch an.Kind {
		case "actor":
			an.Label, an.Note = benchActors[r.IntN(len(benchActors))].code, "source"
			if r.IntN(5) == 0 {
				an.Ref = &doc.Span{Start: 50*k - 40, End: 50*k - 30}
			}
		case "timex":
			an.Label, an.Note = base.Format("2006-01-02"), "day"
		case "trigger":
			an.Label, an.Note = benchCodes[r.IntN(len(benchCodes))].code, "verb pattern"
		case "cue":
			an.Label = string(event.Negated)
		}
		a.Annotations = append(a.Annotations, an)
	}
	for k := range benchDiagnostics {
		a.Diagnostics = append(a.Diagnostics, doc.Diagnostic{Stage: "event", Severity: "info",
			Span: &doc.Span{Start: 300 * k, End: 300*k + 100}, Message: "no pattern matched the sentence"})
	}
	return a
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration { return testenv.CPUTime() }

// BenchmarkPutAnalyses measures storing events: each operation stores, in
// one PutAnalyses transaction, the analyses of 200 documents with 15
// events, 60 annotations and 2 diagnostics each. "new" stores analyses of
// newly ingested (pending) documents, as ingest and workers do; "replace"
// stores them again over existing ones, as a recode does. Documents are
// stored untimed. It reports events per second of wall time and per second
// of the process's CPU time (the figure to compare on a busy machine), and
// checks the stored counts.
//
//	go test ./internal/store/sqlite -run '^$' -bench PutAnalyses -cpu 1 -benchtime 20x
//
// On 2026-11-25 (schema 0006, a shared 2-core machine) it gave about
// 2,000-2,200 events per CPU second for new documents, before and after
// the writer used multi-row INSERTs (their gain is lost in the noise
// there), and 2,100-2,200 -> 2,800-3,000 when replacing. Most of the time
// went to the summary trigger on events and to the indexes, not to the
// statements: with DYAD_BENCH_DROP naming the trigger and every secondary
// index of events and annotations it gave about 11,000.
//
// On 2026-12-05 (a heavily loaded shared 2-core machine), three runs
// alternating with the tree before migration 0013 gave 520-590 -> 2,610-2,820
// events per CPU second for new documents and 2,660-3,390 -> 5,940-6,060
// when replacing: the writer adds up the summaries once per batch
// (summaries.go) and writes one row per statement. What is left, by the
// profile: the inserts into events and its indexes about a third, the
// commit's WAL writes a seventh, the summaries' upserts a sixth, linking
// a tenth.
func BenchmarkPutAnalyses(b *testing.B) {
	for _, replace := range []bool{false, true} {
		name := "new"
		if replace {
			name = "replace"
		}
		b.Run(name, func(b *testing.B) { benchPutAnalyses(b, replace) })
	}
}

func benchPutAnalyses(b *testing.B, replace bool) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// Knobs for finding what writes cost, on this scratch database only:
	// DYAD_BENCH_PRAGMAS runs statements (e.g. "PRAGMA temp_store=MEMORY")
	// on the writing connection, DYAD_BENCH_DROP drops the named indexes
	// or triggers (index:NAME or trigger:NAME, comma-separated).
	for _, p := range strings.Split(os.Getenv("DYAD_BENCH_PRAGMAS"), ";") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if _, err := db.w.ExecContext(ctx, p); err != nil {
			b.Fatalf("%s: %v", p, err)
		}
	}
	for _, d := range strings.Split(os.Getenv("DYAD_BENCH_DROP"), ",") {
		kind, name, ok := strings.Cut(strings.TrimSpace(d), ":")
		if !ok {
			continue
		}
		if _, err := db.w.ExecContext(ctx, "DROP "+kind+" "+name); err != nil {
			b.Fatalf("drop %s %s: %v", kind, name, err)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	batch := func(n int) []store.Analysis {
		docs := make([]doc.Document, benchBatch)
		for k := range docs {
			docs[k] = doc.Document{Text: benchText(n*benchBatch + k), Lang: "en", Outlet: "Bench",
				Published: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}
		}
		res, err := db.PutDocuments(ctx, docs)
		if err != nil {
			b.Fatal(err)
		}
		as := make([]store.Analysis, len(res))
		for k, pr := range res {
			as[k] = benchAnalysis(r, pr.ID)
		}
		return as
	}
	var cpu time.Duration
	n, stored := 0, 0
	var last []store.Analysis
	if replace {
		last = batch(0)
		if err := db.PutAnalyses(ctx, last); err != nil {
			b.Fatal(err)
		}
		stored = len(last) * benchEvents
	}
	for b.Loop() {
		b.StopTimer()
		as := last
		if !replace {
			as = batch(n)
			stored += len(as) * benchEvents
		}
		n++
		last = as
		c0 := cpuTime(b)
		b.StartTimer()
		if err := db.PutAnalyses(ctx, as); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime(b) - c0
		b.StartTimer()
	}
	b.StopTimer()
	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Events != stored {
		b.Fatalf("store holds %d events, want %d", st.Events, stored)
	}
	if st.Coded != stored/benchEvents {
		b.Fatalf("store holds %d coded documents, want %d", st.Coded, stored/benchEvents)
	}
	got, err := db.Analysis(ctx, last[0].DocID)
	if err != nil {
		b.Fatal(err)
	}
	if len(got.Events) != benchEvents || len(got.Annotations) != benchAnnotations || len(got.Diagnostics) != benchDiagnostics {
		b.Fatalf("read back %d events, %d annotations, %d diagnostics; want %d, %d, %d", len(got.Events),
			len(got.Annotations), len(got.Diagnostics), benchEvents, benchAnnotations, benchDiagnostics)
	}
	events := float64(b.N * benchBatch * benchEvents)
	b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(events/cpu.Seconds(), "events/cpu-s")
}
