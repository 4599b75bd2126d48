package postgres_test

import (
	"context"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
	"github.com/dyad-project/dyad/internal/store/storetest"
)

func open(t testing.TB) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.DSN(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	pgtest.DSN(t) // skip early when there is no server
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func TestQueriesConformance(t *testing.T) {
	pgtest.DSN(t)
	storetest.RunQueries(t, func(t *testing.T) store.Store { return open(t) })
}

func TestMigrateTwiceAppliesNothing(t *testing.T) {
	db := open(t)
	defer db.Close()
	n, err := db.Migrate(context.Background())
	if err != nil || n != 0 {
		t.Errorf("second Migrate = %d, %v; want 0, nil", n, err)
	}
	var v int
	if err := db.Pool().QueryRow(context.Background(), "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil || v != postgres.SchemaVersion() {
		t.Errorf("schema version = %d, %v; want %d", v, err, postgres.SchemaVersion())
	}
}

// TestOpenReadOnly: a store at this program's schema version opens on a
// connection that may not write, as on a read replica, and answers reads.
func TestOpenReadOnly(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := postgres.Open(ctx, dsn+"&default_transaction_read_only=on", postgres.Options{})
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	defer ro.Close()
	if _, err := ro.Stats(ctx); err != nil {
		t.Errorf("Stats on a read-only connection: %v", err)
	}
	if _, err := ro.PutDocuments(ctx, []doc.Document{{Text: "A write the replica refuses."}}); err == nil {
		t.Error("PutDocuments on a read-only connection succeeded; the test is not read-only")
	}
}
