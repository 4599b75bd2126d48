package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/storetest"
)

// openAt opens a store at path with a fixed clock, so that two stores of
// the same items hold the same rows.
func openAt(t *testing.T, path string, opts Options) *DB {
	t.Helper()
	opts.Now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	db, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// putAll stores items with Put in batches of size.
func putAll(t *testing.T, db *DB, items []store.Item, size int) {
	t.Helper()
	for len(items) > 0 {
		n := min(size, len(items))
		if _, err := db.Put(context.Background(), items[:n]); err != nil {
			t.Fatal(err)
		}
		items = items[n:]
	}
}

// bulkAll stores items through a Bulk in batches of size, and finishes
// it unless finish is false.
func bulkAll(t *testing.T, db *DB, items []store.Item, size int, finish bool) {
	t.Helper()
	ctx := context.Background()
	b, err := db.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for len(items) > 0 {
		n := min(size, len(items))
		if _, err := b.Put(ctx, items[:n]); err != nil {
			t.Fatal(err)
		}
		items = items[n:]
	}
	if finish {
		if err := b.Finish(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBulkSameAsPut stores the same few thousand items into a store that
// already holds some with Put and with a Bulk, and checks that both end
// the same: statistics, events page by page, counts, dyads, periods,
// happenings, full-text search, summary tables and schema.
func TestBulkSameAsPut(t *testing.T) {
	dir := t.TempDir()
	put, bulk := openAt(t, filepath.Join(dir, "put.db"), Options{}), openAt(t, filepath.Join(dir, "bulk.db"), Options{})
	defer put.Close()
	defer bulk.Close()
	before := storetest.LinkedItems(3, 0, 300)
	items := storetest.LinkedItems(3, 300, 1700)
	putAll(t, put, before, 97)
	putAll(t, put, items, 97)
	putAll(t, bulk, before, 97) // the load goes into a store that holds documents
	bulkAll(t, bulk, items, 500, true)
	compareStores(t, put, bulk)
	checkSummaries(t, bulk.r, "after the bulk load")
}

// compareStores fails t unless a and b answer the same.
func compareStores(t *testing.T, a, b *DB) {
	t.Helper()
	ctx := context.Background()
	same := func(what string, f func(db *DB) (any, error)) {
		t.Helper()
		x, err := f(a)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		y, err := f(b)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s differs:\n put: %.600v\nbulk: %.600v", what, x, y)
		}
	}
	if storetest.SameAnswers(t, a, b) == 0 {
		t.Error("no event reports another's happening: the items do not link")
	}
	same("happenings", func(db *DB) (any, error) {
		return tableRows(ctx, db, `SELECT id, happening, hap_anchor, live FROM events ORDER BY id`)
	})
	for _, table := range []string{"event_days", "event_periods", "event_totals", "actor_days", "code_days", "dyad_totals", "place_days", "documents", "annotations", "diagnostics"} {
		same("table "+table, func(db *DB) (any, error) { return tableRows(ctx, db, `SELECT * FROM `+table+` ORDER BY 1, 2, 3, 4`) })
	}
	same("schema", func(db *DB) (any, error) {
		return tableRows(ctx, db, `SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY 1, 2`)
	})
}

// tableRows returns the rows of query q as strings.
func tableRows(ctx context.Context, db *DB, q string) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out, rows.Err()
}

// TestBulkInterrupted leaves a load unfinished (Put, then Close without
// Finish): the store refuses to open with ErrBulkLoad, and opened with
// FinishBulk it is completed to what Put would have left.
func TestBulkInterrupted(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	items := storetest.LinkedItems(5, 0, 600)
	put := openAt(t, filepath.Join(dir, "put.db"), Options{})
	defer put.Close()
	putAll(t, put, items, 100)

	path := filepath.Join(dir, "bulk.db")
	db := openAt(t, path, Options{})
	bulkAll(t, db, items, 100, false)
	if _, err := db.Bulk(ctx); !errors.Is(err, store.ErrBulkLoad) {
		t.Errorf("a second Bulk on a marked store: %v, want ErrBulkLoad", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path, Options{}); !errors.Is(err, store.ErrBulkLoad) {
		t.Fatalf("opening an interrupted load: %v, want ErrBulkLoad", err)
	} else {
		t.Log(err)
	}
	db = openAt(t, path, Options{FinishBulk: true})
	defer db.Close()
	compareStores(t, put, db)
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	// Finished, it opens without FinishBulk.
	again, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

// TestBulkRefusesVersions checks that a load refuses a new version at a
// URL stored before it or earlier in it, and stores nothing of that Put.
func TestBulkRefusesVersions(t *testing.T) {
	ctx := context.Background()
	db := openAt(t, filepath.Join(t.TempDir(), "v.db"), Options{})
	defer db.Close()
	first := doc.Document{Text: "The first version.", URL: "https://bulk.example/v"}
	if _, err := db.PutDocuments(ctx, []doc.Document{first}); err != nil {
		t.Fatal(err)
	}
	b, err := db.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, items := range [][]store.Item{
		{{Doc: doc.Document{Text: "A new document."}}, {Doc: doc.Document{Text: "The second version.", URL: first.URL}}},
		{{Doc: doc.Document{Text: "One at a new URL.", URL: "https://bulk.example/w"}}, {Doc: doc.Document{Text: "Another at it.", URL: "https://bulk.example/w"}}},
	} {
		if _, err := b.Put(ctx, items); !errors.Is(err, ErrBulkVersion) {
			t.Errorf("%s: %v, want ErrBulkVersion", items[1].Doc.Text, err)
		}
	}
	res, err := b.Put(ctx, []store.Item{{Doc: first}, {Doc: doc.Document{Text: "A new document."}}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Outcome != store.Unchanged || res[1].Outcome != store.Ingested {
		t.Errorf("outcomes %v, want unchanged and ingested", res)
	}
	if err := b.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Put(ctx, nil); err == nil {
		t.Error("Put after Finish: no error")
	}
	if s, err := db.Stats(ctx); err != nil || s.Documents != 2 {
		t.Errorf("stats %+v, %v: want 2 documents", s, err)
	}
}

// TestRebuildSummaries checks that rebuilding the summaries of a store
// kept by Put changes nothing.
func TestRebuildSummaries(t *testing.T) {
	ctx := context.Background()
	db := openAt(t, filepath.Join(t.TempDir(), "r.db"), Options{})
	defer db.Close()
	putAll(t, db, storetest.LinkedItems(9, 0, 400), 50)
	var before []string
	for _, table := range []string{"event_days", "event_periods"} {
		rows, err := tableRows(ctx, db, `SELECT * FROM `+table+` ORDER BY 1, 2, 3, 4, 5, 6`)
		if err != nil {
			t.Fatal(err)
		}
		before = append(before, rows...)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := rebuildSummaries(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var after []string
	for _, table := range []string{"event_days", "event_periods"} {
		rows, err := tableRows(ctx, db, `SELECT * FROM `+table+` ORDER BY 1, 2, 3, 4, 5, 6`)
		if err != nil {
			t.Fatal(err)
		}
		after = append(after, rows...)
	}
	if !reflect.DeepEqual(before, after) || len(before) == 0 {
		t.Errorf("rebuilt summaries differ: %d rows before, %d after", len(before), len(after))
	}
	checkSummaries(t, db.r, "rebuilt")
}
