package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestReopenKeepsDocumentsAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.PutDocuments(ctx, []doc.Document{{Text: "Kept across a reopen."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path, sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Document(ctx, res[0].ID); err != nil {
		t.Errorf("after reopen: %v", err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if sqlite.SchemaVersion() < 1 {
		t.Errorf("SchemaVersion = %d", sqlite.SchemaVersion())
	}
}

func TestMustExist(t *testing.T) {
	_, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "missing.db"), sqlite.Options{MustExist: true})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

// TestReadersDuringWrites uses two handles on one file, as "dyad docs" does
// while "dyad ingest" runs in another process: reads never fail with
// "database is locked" and writes from both handles succeed.
func TestReadersDuringWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	w1, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w1.Close()
	w2, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for h, db := range []*sqlite.DB{w1, w2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range 15 {
				docs := make([]doc.Document, 50)
				for i := range docs {
					docs[i] = doc.Document{Text: fmt.Sprintf("Handle %d batch %d document %d about talks.", h, b, i)}
				}
				if _, err := db.PutDocuments(ctx, docs); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	stop := make(chan struct{})
	var reads int
	var rg sync.WaitGroup
	rg.Add(1)
	go func() {
		defer rg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := w2.Documents(ctx, store.DocFilter{Query: "talks", Limit: 20}); err != nil {
				errs <- err
				return
			}
			reads++
		}
	}()
	wg.Wait()
	close(stop)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := w1.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2*15*50 {
		t.Errorf("documents = %d, want %d", st.Documents, 2*15*50)
	}
	if reads == 0 {
		t.Error("no read completed during the writes")
	}
}

func TestClockStampsIngested(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"), sqlite.Options{Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.PutDocuments(ctx, []doc.Document{{Text: "Stamped."}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.Document(ctx, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Ingested.Equal(at) {
		t.Errorf("Ingested = %v, want %v", d.Ingested, at)
	}
}
