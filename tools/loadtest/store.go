package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// isPostgres reports whether --db names a PostgreSQL database.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openStore opens the store --db names: a postgres:// or postgresql:// URL
// for PostgreSQL, else an SQLite file; an interrupted bulk load is
// completed when finishBulk is set (--bulk).
func openStore(ctx context.Context, db string, finishBulk bool) (store.Store, error) {
	if isPostgres(db) {
		return postgres.Open(ctx, db, postgres.Options{FinishBulk: finishBulk})
	}
	return sqlite.Open(ctx, db, sqlite.Options{FinishBulk: finishBulk})
}

// walNote says, for an SQLite store with a write-ahead log, how much of
// its size the log holds: it shrinks to nothing when the last connection
// closes, so sizes taken before and after differ. It is "" otherwise.
func walNote(db string) string {
	if isPostgres(db) {
		return ""
	}
	fi, err := os.Stat(db + "-wal")
	if err != nil || fi.Size() == 0 {
		return ""
	}
	return fmt.Sprintf(" (%.1f MB of it in the -wal file)", float64(fi.Size())/(1<<20))
}

// storeSize returns the bytes the store takes: for SQLite the file and
// its -wal and -shm files; for PostgreSQL the total size (tables, their
// indexes and TOAST) of the tables in the URL's current schema. It
// returns -1 when the size cannot be read.
func storeSize(ctx context.Context, db string) int64 {
	if !isPostgres(db) {
		var n int64 = -1
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if fi, err := os.Stat(db + suffix); err == nil {
				n = max(n, 0) + fi.Size()
			}
		}
		return n
	}
	// pgxpool's own parameters (pool_max_conns, ...) are not the
	// server's: a plain connection would send them and be refused.
	u, err := url.Parse(db)
	if err != nil {
		return -1
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "pool_") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		return -1
	}
	defer conn.Close(ctx)
	var n int64
	err = conn.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'm', 'p')`).Scan(&n)
	if err != nil {
		return -1
	}
	return n
}
