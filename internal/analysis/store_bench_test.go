package analysis_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// BenchmarkStoreEvents stores coded events in a real SQLite database in
// batches of 100 documents and reports events stored per second. The events
// are those coded from the example texts, repeated under new document IDs.
func BenchmarkStoreEvents(b *testing.B) {
	wd, _ := os.Getwd()
	files, err := filepath.Glob(filepath.Join(wd, "..", "..", "examples", "text", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no example texts: %v", err)
	}
	a, err := analysis.New(analysis.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	var coded [][]event.Event
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data), "\n\n")
		r := a.Analyze(doc.Document{ID: "x", Text: body, Lang: "en", Published: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
		texts = append(texts, body)
		coded = append(coded, r.Events)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const batch = 100
	stored := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		docs := make([]doc.Document, batch)
		as := make([]store.Analysis, batch)
		for k := range docs {
			n := (i*batch + k) % len(texts)
			text := fmt.Sprintf("%s\n[copy %d]", texts[n], i*batch+k)
			id := doc.ContentID(text)
			docs[k] = doc.Document{ID: id, Text: text, Lang: "en", Published: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), Outlet: "Bench"}
			es := make([]event.Event, len(coded[n]))
			for j, e := range coded[n] {
				e.DocID = id
				e.ID = fmt.Sprintf("%s-%d", id[:16], j)
				es[j] = e
			}
			as[k] = store.Analysis{DocID: id, Events: es}
			stored += len(es)
		}
		if _, err := db.PutDocuments(ctx, docs); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := db.PutAnalyses(ctx, as); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	page, err := db.Events(ctx, store.EventFilter{Limit: 1, Statuses: []event.Status{event.Asserted, event.Reported, event.Negated, event.Hypothetical, event.Future, event.Denied}})
	if err != nil || len(page.Events) == 0 {
		b.Fatalf("no events read back: %v", err)
	}
	b.ReportMetric(float64(stored)/b.Elapsed().Seconds(), "events/s")
}
