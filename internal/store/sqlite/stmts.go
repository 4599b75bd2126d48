package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxStmts bounds the prepared statements a DB keeps. The queries are
// built from a filter's shape, not its values, so a handful of shapes
// covers the API; beyond the bound statements are prepared per call.
const maxStmts = 256

// stmts keeps prepared read statements by their SQL text. database/sql
// prepares a Stmt again on each pool connection that runs it and keeps
// it there, so a query repeated under load is parsed and planned once per
// connection instead of once per call.
type stmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// stmt returns the prepared statement for q on the read pool, preparing
// it when it is new, or nil when the cache is full.
func (db *DB) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	if st, ok := db.stmts.m[q]; ok {
		return st, nil
	}
	if len(db.stmts.m) >= maxStmts {
		return nil, nil
	}
	st, err := db.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if db.stmts.m == nil {
		db.stmts.m = map[string]*sql.Stmt{}
	}
	db.stmts.m[q] = st
	return st, nil
}

// query runs a read query through a cached prepared statement.
func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if db.trace != nil {
		db.trace(q, args)
	}
	st, err := db.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return db.r.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row.
func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if db.trace != nil {
		db.trace(q, args)
	}
	st, err := db.stmt(ctx, q)
	if err != nil || st == nil {
		// An error here is one of the query: the read reports it.
		return db.r.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// closeStmts releases the cached statements.
func (db *DB) closeStmts() error {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	var first error
	for q, st := range db.stmts.m {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
		delete(db.stmts.m, q)
	}
	return first
}

// readPool runs reads of the helpers that take a querier through the
// statement cache.
type readPool struct{ db *DB }

func (p readPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return p.db.query(ctx, q, args...)
}
