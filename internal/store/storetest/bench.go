package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

// BenchPut measures a store's document write path (the version decision
// and its SQL) for a backend's BenchmarkPut: each operation puts one batch
// of 200 documents, of which 100 are new at new URLs, 50 are new versions
// at URLs stored by the batch before and 50 repeat its texts. It checks
// the outcomes and reports documents per second.
func BenchPut(b *testing.B, s store.Store) {
	ctx := context.Background()
	mk := func(n, i int, url string) doc.Document {
		return doc.Document{Text: fmt.Sprintf("Put benchmark %d.%d: Russia accused Ukraine of shelling.", n, i),
			URL: url, Lang: "en", Outlet: "Bench"}
	}
	batch := func(n int) []doc.Document {
		ds := make([]doc.Document, 0, 200)
		for i := range 100 {
			ds = append(ds, mk(n, i, fmt.Sprintf("https://bench.example/%d/%d", n, i)))
		}
		if n > 0 {
			for i := range 50 {
				ds = append(ds, mk(n, 100+i, fmt.Sprintf("https://bench.example/%d/%d", n-1, i)))
				ds = append(ds, mk(n-1, 50+i, fmt.Sprintf("https://bench.example/%d/%d", n-1, 50+i)))
			}
		}
		return ds
	}
	if _, err := s.PutDocuments(ctx, batch(0)); err != nil {
		b.Fatal(err)
	}
	n := 1
	counts := map[store.Outcome]int{}
	for b.Loop() {
		b.StopTimer()
		ds := batch(n)
		n++
		b.StartTimer()
		res, err := s.PutDocuments(ctx, ds)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			counts[r.Outcome]++
		}
	}
	ops := n - 1
	if counts[store.Ingested] != 100*ops || counts[store.Superseded] != 50*ops || counts[store.Unchanged] != 50*ops {
		b.Fatalf("outcomes %v after %d batches, want 100, 50 and 50 per batch", counts, ops)
	}
	b.ReportMetric(float64(ops*200)/b.Elapsed().Seconds(), "docs/s")
}
