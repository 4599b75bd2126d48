package sqlite_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/store/storetest"
	"github.com/dyad-project/dyad/internal/testenv"
)

// BenchmarkPutIndiaPolice stores the 1,257 real articles of the India
// police-events corpus in batches of 200, in a new database each round:
// the store's share of ingest time.
func BenchmarkPutIndiaPolice(b *testing.B) {
	path := testenv.IndiaPolice(b)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var docs []doc.Document
	var bytes int64
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 20<<20)
	for n := 1; sc.Scan(); n++ {
		d, _, err := source.ParseRecord(path+":"+strconv.Itoa(n), sc.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		d.Lang = "en"
		docs = append(docs, d)
		bytes += int64(len(d.Text))
	}
	if len(docs) != 1257 {
		b.Fatalf("read %d articles, want 1257", len(docs))
	}
	b.SetBytes(bytes)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		stored := 0
		for start := 0; start < len(docs); start += 200 {
			res, err := db.PutDocuments(ctx, docs[start:min(start+200, len(docs))])
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				if r.Outcome == store.Ingested {
					stored++
				}
			}
		}
		b.StopTimer()
		if stored != len(docs) {
			b.Fatalf("stored %d, want %d", stored, len(docs))
		}
		db.Close()
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkPut measures the document write path, see storetest.BenchPut.
//
//	go test -run '^$' -bench 'Put$' -cpu 1 ./internal/store/sqlite
func BenchmarkPut(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	storetest.BenchPut(b, db)
}
