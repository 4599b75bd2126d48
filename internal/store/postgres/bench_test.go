package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dyad-project/dyad/internal/cputime"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/storetest"
)

// BenchmarkPutAnalyses measures the event insert rate: each operation
// stores the analyses of 100 newly stored documents with 10 events each
// (1,000 events, written with COPY in one transaction), as workers do.
//
//	DYAD_TEST_POSTGRES=postgres://... go test -run '^$' -bench PutAnalyses ./internal/store/postgres
func BenchmarkPutAnalyses(b *testing.B) {
	db := open(b)
	defer db.Close()
	ctx := context.Background()
	const docs, perDoc = 100, 10
	batch := func(n int) []store.Analysis {
		var ds []doc.Document
		for i := range docs {
			ds = append(ds, doc.Document{Text: fmt.Sprintf("Benchmark document %d.%d: Russia accused Ukraine of shelling.", n, i), Lang: "en"})
		}
		res, err := db.PutDocuments(ctx, ds)
		if err != nil {
			b.Fatal(err)
		}
		as := make([]store.Analysis, docs)
		for i, r := range res {
			as[i].DocID = r.ID
			for k := range perDoc {
				as[i].Events = append(as[i].Events, event.Event{
					ID: fmt.Sprintf("%s-%d", r.ID[:16], k), Code: "112", Root: "11", Quad: 3, Goldstein: -2,
					Source: event.Actor{Code: "RUS", Name: "Russia", Text: "Russia", Span: &doc.Span{Start: 22, End: 28}, Country: "RUS"},
					Target: event.Actor{Code: "UKR", Name: "Ukraine", Text: "Ukraine", Span: &doc.Span{Start: 37, End: 44}, Country: "UKR"},
					Status: event.Asserted, Date: fmt.Sprintf("2024-05-%02d", k+1), Trigger: doc.Span{Start: 29, End: 36}, TriggerText: "accused",
					Sentence: doc.Span{Start: 0, End: 58}, Rule: "bench", Confidence: 0.8,
				})
			}
			as[i].Annotations = []doc.Annotation{{Kind: "actor", Span: doc.Span{Start: 22, End: 28}, Label: "RUS"}}
		}
		return as
	}
	n := 0
	var server float64 // CPU seconds of the server's backends in PutAnalyses
	local := true
	for b.Loop() {
		b.StopTimer()
		as := batch(n)
		n++
		before, ok := backendCPU(ctx, db)
		local = local && ok
		b.StartTimer()
		if err := db.PutAnalyses(ctx, as); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		after, ok := backendCPU(ctx, db)
		local = local && ok
		for pid, c := range after {
			server += c - before[pid]
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*docs*perDoc)/b.Elapsed().Seconds(), "events/s")
	if local && server > 0 {
		b.ReportMetric(float64(b.N*docs*perDoc)/server, "events/server-CPU-s")
	}
}

// backendCPU returns the CPU seconds used so far by the server processes
// behind db's idle connections, by process ID, read from /proc: ok is
// false when they cannot be read (a server on another machine).
func backendCPU(ctx context.Context, db *postgres.DB) (cpu map[int]float64, ok bool) {
	cpu = map[int]float64{}
	for _, c := range db.Pool().AcquireAllIdle(ctx) {
		pid := int(c.Conn().PgConn().PID())
		c.Release()
		d, ok := cputime.Process(pid)
		if !ok {
			return nil, false
		}
		cpu[pid] = d.Seconds()
	}
	return cpu, true
}

// BenchmarkPut measures the document write path, see storetest.BenchPut.
//
//	DYAD_TEST_POSTGRES=postgres://... go test -run '^$' -bench 'Put$' ./internal/store/postgres
func BenchmarkPut(b *testing.B) {
	db := open(b)
	defer db.Close()
	storetest.BenchPut(b, db)
}
