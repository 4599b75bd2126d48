package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/testenv"
)

// BenchmarkRunIndiaPolice ingests the 1,257 real articles of the India
// police-events JSON Lines file into a new SQLite database per round: the
// whole path of "dyad ingest" without analysis. Run with -cpu 1 for the
// one-core figure; tools/ingestbench adds HTML pages and peak memory.
func BenchmarkRunIndiaPolice(b *testing.B) {
	path := testenv.IndiaPolice(b)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := pipeline.Run(ctx, db, []string{path}, pipeline.Options{})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if sum.Ingested != 1257 || sum.Failed != 0 {
			b.Fatalf("ingested %d, failed %d; want 1257 and 0", sum.Ingested, sum.Failed)
		}
		db.Close()
	}
	b.ReportMetric(float64(1257*b.N)/b.Elapsed().Seconds(), "docs/s")
}
