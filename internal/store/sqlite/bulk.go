package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/internal/happening"
	"github.com/dyad-project/dyad/internal/store"
)

// bulkTables are the tables whose secondary indexes a bulk load drops
// and builds again at the end: the events and their annotations, which
// take most of the rows. The documents keep theirs, which Put's decision
// reads (documents_url).
var bulkTables = []string{"events", "annotations"}

// The bulk connection's settings while it loads, and the writer's usual
// ones (see dsn) restored afterwards.
const (
	bulkCacheKiB   = 1 << 20 // 1 GiB of page cache
	bulkMmap       = 1 << 36 // the file read through memory, not read calls
	writerCacheKiB = 131072
)

// bulkMarker is the table that marks a store as being bulk loaded. It
// holds the events rowid and documents seq from which the load's rows
// start (keys "events" and "documents") and the CREATE statement of every
// index the load dropped (key "index:" + name). It is created when a load
// starts, in the transaction that drops the indexes, and dropped when it
// finishes, so that no migration carries it.
const bulkMarker = "bulk_load"

// Bulk loads many new documents with their analyses into a store, empty
// or not, faster than Put: while it loads, the secondary indexes of the
// events and annotations are dropped, the summaries and happenings are
// not kept, the connection does not wait for the disk
// (synchronous=OFF) and keeps a larger cache. Finish builds the indexes
// again in one sorted pass each, links every link key the load touched
// once (store.Relink) and rebuilds the summaries from the events
// (rebuildSummaries), which leaves the store as Put would have left it
// for the same items.
//
// A Bulk holds the store's one write connection from DB.Bulk to Finish
// or Close: other writes on the same DB wait for it. Reads during the
// load see the loaded rows but not their summaries or happenings, and
// those that name a dropped index (the event list) fail: read after
// Finish. Its methods are safe for concurrent use; Puts run one at a
// time.
//
// Crash safety: every Put commits its items, and the store is marked as
// being bulk loaded until Finish has committed. If the process dies (or
// Close is called without Finish), Open refuses the store with an error
// wrapping store.ErrBulkLoad, since its indexes, summaries and happenings are
// incomplete; opening it with Options.FinishBulk completes the load of
// the items committed (as Finish would) and opens it. The loading
// connection does not sync to disk, so a machine that loses power (not
// only the process dying) during a load may lose or damage the file.
type Bulk struct {
	// Progress, when set before Finish, is called after each step of
	// Finish (each index, linking, the summaries) with what it did and
	// how long it took.
	Progress func(step string, took time.Duration)

	db   *DB
	mu   sync.Mutex
	conn *sql.Conn // nil once Finish or Close ran
}

// Bulk starts a bulk load: it marks the store, drops the secondary
// indexes of the events and annotations (recording their CREATE
// statements in the mark) and sets the connection up for loading. It
// returns an error wrapping store.ErrBulkLoad if the store is already marked.
func (db *DB) Bulk(ctx context.Context) (*Bulk, error) {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: bulk load: %w", err)
	}
	b := &Bulk{db: db, conn: conn}
	if err := b.start(ctx); err != nil {
		return nil, errors.Join(err, b.release(ctx))
	}
	return b, nil
}

func (b *Bulk) start(ctx context.Context) error {
	tx, err := b.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: bulk load: %w", err)
	}
	defer tx.Rollback()
	marked, err := hasBulkMarker(ctx, tx)
	if err != nil {
		return err
	}
	if marked {
		return fmt.Errorf("sqlite: %s: %w", b.db.path, store.ErrBulkLoad)
	}
	stmts := []string{
		`CREATE TABLE ` + bulkMarker + ` (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
		`INSERT INTO ` + bulkMarker + ` (key, value) SELECT 'events', coalesce(max(rowid), 0) FROM events`,
		`INSERT INTO ` + bulkMarker + ` (key, value) SELECT 'documents', coalesce(max(seq), 0) FROM documents`,
		// The indexes, read from the schema so that no DDL is copied
		// here; automatic ones (of UNIQUE and PRIMARY KEY) have no sql.
		`INSERT INTO ` + bulkMarker + ` (key, value) SELECT 'index:' || name, sql FROM sqlite_master
			WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (` + quoted(bulkTables) + `)`,
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite: bulk load: %w", err)
		}
	}
	idx, err := bulkIndexes(ctx, tx)
	if err != nil {
		return err
	}
	for _, ix := range idx {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+ix.name+`"`); err != nil {
			return fmt.Errorf("sqlite: bulk load: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: bulk load: %w", err)
	}
	for _, q := range []string{`PRAGMA synchronous = OFF`, `PRAGMA cache_size = -` + strconv.Itoa(bulkCacheKiB),
		`PRAGMA mmap_size = ` + strconv.Itoa(bulkMmap)} {
		if _, err := b.conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite: bulk load: %w", err)
		}
	}
	return nil
}

// quoted returns names as a list of SQL string literals.
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + strings.ReplaceAll(n, "'", "''") + "'"
	}
	return strings.Join(q, ", ")
}

// Put stores items in one transaction as DB.Put does, and reports each
// outcome, but leaves the summaries and happenings to Finish. An item
// that would be a new version at a stored URL (Superseded) fails the
// call with an error wrapping ErrBulkVersion; on any error nothing of
// this call is stored and the load may go on. Put after Finish or Close
// returns an error.
func (b *Bulk) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.conn == nil {
		return nil, errors.New("sqlite: bulk load already finished or closed")
	}
	if len(items) == 0 {
		return nil, nil
	}
	tx, err := b.conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	now := b.db.now()
	w, err := newWriter(ctx, tx, now)
	if err != nil {
		return nil, err
	}
	defer w.close()
	w.bulk, w.analyses.bulk = true, true
	res := make([]store.PutResult, len(items))
	for i := range items {
		if res[i], err = w.putItem(ctx, &items[i], now); err != nil {
			return nil, err
		}
	}
	if err := w.analyses.finish(ctx); err != nil {
		return nil, err
	}
	if err := w.index(ctx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit: %w", err)
	}
	return res, nil
}

// Finish completes the load: it builds the dropped indexes again, links
// the link keys of the loaded events into happenings, rebuilds the
// summaries, removes the mark and gives the write connection back with
// its usual settings. After an error the store stays marked; Finish may
// be called again, or the store opened with Options.FinishBulk.
func (b *Bulk) Finish(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.conn == nil {
		return errors.New("sqlite: bulk load already finished or closed")
	}
	if err := restoreIndexes(ctx, b.conn, b.Progress); err != nil {
		return err
	}
	if err := finishBulk(ctx, b.conn, b.Progress); err != nil {
		return err
	}
	return b.release(ctx)
}

// Close gives the write connection back with its usual settings. Without
// Finish, the load stays marked as interrupted (see Bulk): what Put
// committed stays, and the store must be opened with Options.FinishBulk
// to complete it. Close after Finish does nothing.
func (b *Bulk) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.conn == nil {
		return nil
	}
	return b.release(context.Background())
}

// release restores the connection's settings and returns it to the pool.
func (b *Bulk) release(ctx context.Context) error {
	var errs []error
	for _, q := range []string{`PRAGMA synchronous = NORMAL`, `PRAGMA cache_size = -` + strconv.Itoa(writerCacheKiB), `PRAGMA mmap_size = 0`} {
		if _, err := b.conn.ExecContext(ctx, q); err != nil {
			errs = append(errs, fmt.Errorf("sqlite: bulk load: %w", err))
		}
	}
	errs = append(errs, b.conn.Close())
	b.conn = nil
	return errors.Join(errs...)
}

// beginner is a *sql.DB or a *sql.Conn.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// hasBulkMarker reports whether the store is marked as being bulk loaded.
func hasBulkMarker(ctx context.Context, q queryRower) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, bulkMarker).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlite: bulk load mark: %w", err)
	}
	return n > 0, nil
}

// bulkIndex is an index a bulk load dropped.
type bulkIndex struct{ name, sql string }

// bulkIndexes returns the indexes the mark lists as dropped, by name.
func bulkIndexes(ctx context.Context, tx *sql.Tx) ([]bulkIndex, error) {
	rows, err := tx.QueryContext(ctx, `SELECT substr(key, 7), value FROM `+bulkMarker+` WHERE key LIKE 'index:%' ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: bulk load indexes: %w", err)
	}
	defer rows.Close()
	var out []bulkIndex
	for rows.Next() {
		var ix bulkIndex
		if err := rows.Scan(&ix.name, &ix.sql); err != nil {
			return nil, fmt.Errorf("sqlite: bulk load indexes: %w", err)
		}
		out = append(out, ix)
	}
	return out, rows.Err()
}

// restoreIndexes builds again each index the mark lists, one transaction
// per index that also takes it off the list, so that a load interrupted
// here goes on from the next index. It does nothing on an unmarked store.
func restoreIndexes(ctx context.Context, c beginner, progress func(string, time.Duration)) error {
	for {
		t0 := time.Now()
		name, err := restoreIndex(ctx, c)
		if err != nil || name == "" {
			return err
		}
		if progress != nil {
			progress("index "+name, time.Since(t0))
		}
	}
}

// restoreIndex builds the first index the mark lists and returns its
// name, or "" when none is left.
func restoreIndex(ctx context.Context, c beginner) (string, error) {
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("sqlite: bulk load indexes: %w", err)
	}
	defer tx.Rollback()
	marked, err := hasBulkMarker(ctx, tx)
	if err != nil || !marked {
		return "", err
	}
	idx, err := bulkIndexes(ctx, tx)
	if err != nil || len(idx) == 0 {
		return "", err
	}
	ix := idx[0]
	if _, err := tx.ExecContext(ctx, ix.sql); err != nil {
		return "", fmt.Errorf("sqlite: bulk load: index %s: %w", ix.name, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+bulkMarker+` WHERE key = ?`, "index:"+ix.name); err != nil {
		return "", fmt.Errorf("sqlite: bulk load: index %s: %w", ix.name, err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("sqlite: bulk load: index %s: %w", ix.name, err)
	}
	return ix.name, nil
}

// finishBulk links the loaded events and rebuilds the summaries, in one
// transaction with removing the mark, on a store whose indexes are
// restored. It does nothing on an unmarked store.
func finishBulk(ctx context.Context, c beginner, progress func(string, time.Duration)) error {
	t0 := time.Now()
	step := func(what string) {
		if progress != nil {
			progress(what, time.Since(t0))
		}
		t0 = time.Now()
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: finishing a bulk load: %w", err)
	}
	defer tx.Rollback()
	marked, err := hasBulkMarker(ctx, tx)
	if err != nil || !marked {
		return err
	}
	var from int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM `+bulkMarker+` WHERE key = 'events'`).Scan(&from); err != nil {
		return fmt.Errorf("sqlite: finishing a bulk load: %w", err)
	}
	// Every link key of the loaded events, from its earliest day: as if
	// each had been touched by the Put that stored it.
	touched := store.Touched{}
	rows, err := tx.QueryContext(ctx, `SELECT link_key, min(link_start) FROM events
		WHERE rowid > ? AND link_key <> '' GROUP BY link_key`, from)
	if err != nil {
		return fmt.Errorf("sqlite: finishing a bulk load: %w", err)
	}
	for rows.Next() {
		var key string
		var start int
		if err := rows.Scan(&key, &start); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: finishing a bulk load: %w", err)
		}
		touched.Add(key, start)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: finishing a bulk load: %w", err)
	}
	l := &bulkLinker{linker: newLinker(tx, nil)}
	err = store.Relink(ctx, l, touched)
	l.close()
	if err != nil {
		return err
	}
	step(fmt.Sprintf("linking %d link keys", len(touched)))
	if err := rebuildSummaries(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DROP TABLE `+bulkMarker); err != nil {
		return fmt.Errorf("sqlite: finishing a bulk load: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: finishing a bulk load: %w", err)
	}
	step("summaries")
	return nil
}

// bulkLinker is the linker of a bulk load's finish: it reads members as
// linker does, and stores assignments with two statements prepared once
// for every key and without recording changes to the summaries, which
// are rebuilt after linking.
type bulkLinker struct {
	*linker
	both, anchor *sql.Stmt // prepared on first use
}

// SetHappenings implements store.Linker.
func (l *bulkLinker) SetHappenings(ctx context.Context, as []happening.Assignment) error {
	for _, a := range as {
		st, q, args := &l.anchor, `UPDATE events SET hap_anchor = ? WHERE id = ?`, []any{a.Anchor, a.ID}
		if a.Changed {
			st, q, args = &l.both, `UPDATE events SET happening = ?, hap_anchor = ? WHERE id = ?`, []any{a.Happening, a.Anchor, a.ID}
		}
		if *st == nil {
			s, err := l.tx.PrepareContext(ctx, q)
			if err != nil {
				return fmt.Errorf("sqlite: prepare: %w", err)
			}
			*st = s
		}
		if _, err := (*st).ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("sqlite: happening of %s: %w", a.ID, err)
		}
	}
	return nil
}

func (l *bulkLinker) close() {
	l.linker.close()
	for _, st := range []*sql.Stmt{l.both, l.anchor} {
		if st != nil {
			st.Close()
		}
	}
}

// checkBulk runs before the migrations of Open. On a store marked as
// being bulk loaded it returns an error wrapping store.ErrBulkLoad, unless
// finish is set: then it builds the dropped indexes again (so that the
// migrations meet the schema they expect) and reports that the rest of
// the load is to be finished, by finishBulk after the migrations.
func (db *DB) checkBulk(ctx context.Context, finish bool) (pending bool, err error) {
	marked, err := hasBulkMarker(ctx, db.w)
	if err != nil || !marked {
		return false, err
	}
	if !finish {
		var docs int
		if err := db.w.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE seq > (SELECT value FROM `+bulkMarker+` WHERE key = 'documents')`).Scan(&docs); err != nil {
			return false, fmt.Errorf("sqlite: %s: %w", db.path, err)
		}
		return false, fmt.Errorf("sqlite: %s: %w (%d documents loaded; its indexes, summaries and happenings are incomplete: "+
			"if no process is loading it, open it with FinishBulk to complete the load)", db.path, store.ErrBulkLoad, docs)
	}
	return true, restoreIndexes(ctx, db.w, nil)
}
