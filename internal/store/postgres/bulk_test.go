package postgres

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
	"github.com/dyad-project/dyad/internal/store/storetest"
)

// openBulkTest opens a fresh schema with a fixed clock, so that two
// stores of the same items hold the same rows; it returns the store and
// its URL.
func openBulkTest(t *testing.T) (*DB, string) {
	t.Helper()
	dsn := pgtest.DSN(t)
	db, err := Open(context.Background(), dsn, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dsn
}

func fixedNow() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }

// putAll stores items with put in batches of size.
func putAll(t *testing.T, put func(context.Context, []store.Item) ([]store.PutResult, error), items []store.Item, size int) {
	t.Helper()
	for len(items) > 0 {
		n := min(size, len(items))
		if _, err := put(context.Background(), items[:n]); err != nil {
			t.Fatal(err)
		}
		items = items[n:]
	}
}

// TestBulkSameAsPut stores the same items into a store that already holds
// some with Put and with a Bulk (two writers at once), and checks that
// both answer the same, hold the same happenings, summaries and indexes,
// and that the bulk store's summaries are exact.
func TestBulkSameAsPut(t *testing.T) {
	ctx := context.Background()
	put, _ := openBulkTest(t)
	bulk, _ := openBulkTest(t)
	before := storetest.LinkedItems(3, 0, 300)
	items := storetest.LinkedItems(3, 300, 1700)
	putAll(t, put.Put, before, 97)
	putAll(t, put.Put, items, 97)
	putAll(t, bulk.Put, before, 97) // the load goes into a store that holds documents
	b, err := bulk.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var indexes int
	if err := bulk.pool.QueryRow(ctx, `SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'events'`).Scan(&indexes); err != nil {
		t.Fatal(err)
	}
	if indexes != 1 {
		t.Errorf("during the load events has %d indexes, want its primary key alone", indexes)
	}
	errs := make(chan error, 2)
	for w := range 2 { // two writers, as the loadtest runs them
		go func() {
			var err error
			for i := w * 250; i < len(items) && err == nil; i += 500 {
				_, err = b.Put(ctx, items[i:min(i+250, len(items))])
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	steps := 0
	b.Progress = func(string, time.Duration) { steps++ }
	if err := b.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if steps == 0 {
		t.Error("Finish reported no step")
	}
	if _, err := b.Put(ctx, items[:1]); err == nil {
		t.Error("Put after Finish succeeded")
	}
	if mentions := storetest.SameAnswers(t, put, bulk); mentions == 0 {
		t.Error("no event reports another's happening: the items do not link")
	}
	for what, q := range map[string]string{
		"happenings": `SELECT id, happening, hap_anchor, live FROM events ORDER BY id`,
		"indexes":    `SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '') FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2`,
		"event_days": `SELECT * FROM event_days ORDER BY 1, 2, 3, 4, 5`,
		"actor_days": `SELECT * FROM actor_days ORDER BY 1, 2, 3, 4`,
		"counts":     `SELECT * FROM store_counts ORDER BY 1, 2`,
	} {
		x, y := queryRows(t, put, q), queryRows(t, bulk, q)
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s differ:\n put: %.600v\nbulk: %.600v", what, x, y)
		}
	}
	checkSummaries(t, bulk, "after the bulk load")
}

// queryRows returns the rows of q as strings.
func queryRows(t *testing.T, db *DB, q string) []string {
	t.Helper()
	rows, err := db.pool.Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(v...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBulkInterrupted leaves a load unfinished (Put, then Close without
// Finish): the database refuses to open and to start another load with
// store.ErrBulkLoad, and opened with FinishBulk it is completed to what
// Put would have left.
func TestBulkInterrupted(t *testing.T) {
	ctx := context.Background()
	items := storetest.LinkedItems(5, 0, 600)
	put, _ := openBulkTest(t)
	putAll(t, put.Put, items, 100)

	db, dsn := openBulkTest(t)
	b, err := db.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	putAll(t, b.Put, items, 100)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Bulk(ctx); !errors.Is(err, store.ErrBulkLoad) {
		t.Errorf("a second Bulk on a marked database: %v, want ErrBulkLoad", err)
	}
	if _, err := Open(ctx, dsn, Options{}); !errors.Is(err, store.ErrBulkLoad) {
		t.Fatalf("opening an interrupted load: %v, want ErrBulkLoad", err)
	} else {
		t.Log(err)
	}
	done, err := Open(ctx, dsn, Options{FinishBulk: true, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer done.Close()
	storetest.SameAnswers(t, put, done)
	checkSummaries(t, done, "after finishing on open")
	again, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatalf("a finished load does not open: %v", err)
	}
	again.Close()
}

// TestBulkDocumentsOnly loads pending documents without analyses, as an
// ingest before workers code them, and finds them in the queue.
func TestBulkDocumentsOnly(t *testing.T) {
	ctx := context.Background()
	db, _ := openBulkTest(t)
	b, err := db.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Put(ctx, []store.Item{{Doc: doc.Document{Text: "A pending report."}}, {Doc: doc.Document{Text: "Another."}}})
	if err != nil || len(res) != 2 {
		t.Fatalf("Put = %v, %v", res, err)
	}
	if err := b.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	q, err := db.QueueCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if q.Pending != 2 {
		t.Errorf("queue after the load: %+v, want 2 pending", q)
	}
}
