package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/store"
)

// bulkMarker is the table that marks a database as being bulk loaded. Its
// rows are the CREATE statement of every index the load dropped (kind
// 'index', key the index's name) and every link key the load's events
// touched with the earliest day to cluster it from (kind 'link'). It is
// created when a load starts, in the transaction that drops the indexes,
// and dropped when it finishes, so that no migration carries it.
const bulkMarker = "bulk_load"

// bulkKeep are the secondary indexes a bulk load keeps: those that Put
// reads (a new document's version is decided by its URL) and the work
// queue's, which hold only pending documents.
var bulkKeep = []string{"documents_url", "documents_queue", "documents_leases"}

// bulkTables are the tables whose secondary indexes a bulk load drops,
// apart from bulkKeep: those that take a row per document, event or
// annotation. The summaries keep theirs; they grow with dyads and days,
// not with events.
var bulkTables = []string{"documents", "annotations", "events"}

// linkChunk is how many link keys Finish clusters per transaction: each
// transaction's assignments are one UPDATE whose summary triggers see all
// of its rows at once.
const linkChunk = 2000

// Bulk loads many new documents with their analyses faster than Put:
// while it loads, the secondary indexes of documents, annotations and
// events that Put does not read are dropped (a GIN full-text index and
// eleven B-trees on events would otherwise take every row at random) and
// happenings are not linked. The summaries are kept as Put keeps them, by
// the statement triggers, which add up each batch set-wise. Finish builds
// the indexes again, one sort each, then links every link key the load
// touched, which leaves the database as Put would have left it for the
// same items.
//
// Reads during a load see the loaded rows and their summaries, but not
// their happenings, and run without the dropped indexes: read after
// Finish. Puts may run concurrently, each in its own transaction.
//
// Crash safety: every Put commits its items together with the link keys
// they touched, and the database is marked as being bulk loaded until
// Finish has committed. If the process dies (or Close is called without
// Finish), Open refuses the database with an error wrapping
// store.ErrBulkLoad; opening it with Options.FinishBulk completes the load
// (as Finish would) and opens it.
type Bulk struct {
	// Progress, when set before Finish, is called after each step of
	// Finish (each index, linking) with what it did and how long it took.
	Progress func(step string, took time.Duration)

	db   *DB
	mu   sync.RWMutex // Put holds it shared, Finish and Close exclusively
	done bool
}

// Bulk starts a bulk load: it marks the database and drops the secondary
// indexes (recording their CREATE statements in the mark). It returns an
// error wrapping store.ErrBulkLoad if the database is already marked.
func (db *DB) Bulk(ctx context.Context) (*Bulk, error) {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// Two starting loads (or a load and a migration) must not both
		// create the mark: the migration lock serialises them.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return err
		}
		marked, err := hasBulkMarker(ctx, tx)
		if err != nil {
			return err
		}
		if marked {
			return store.ErrBulkLoad
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE `+bulkMarker+` (
			kind  text NOT NULL,
			key   text COLLATE "C" NOT NULL,
			value text NOT NULL DEFAULT '',
			start integer,
			PRIMARY KEY (kind, key))`); err != nil {
			return err
		}
		// The indexes, read from the catalogue so that no DDL is copied
		// here; those that back a constraint (primary keys) stay.
		if _, err := tx.Exec(ctx, `INSERT INTO `+bulkMarker+` (kind, key, value)
			SELECT 'index', i.relname, pg_get_indexdef(i.oid)
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
			WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)
				AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
				AND i.relname <> ALL($2)`, bulkTables, bulkKeep); err != nil {
			return err
		}
		names, err := bulkIndexes(ctx, tx)
		if err != nil {
			return err
		}
		for _, ix := range names {
			if _, err := tx.Exec(ctx, `DROP INDEX `+pgx.Identifier{ix.name}.Sanitize()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: bulk load: %w", err)
	}
	return &Bulk{db: db}, nil
}

// Put stores items in one transaction as DB.Put does, and reports each
// outcome, but leaves the linking of happenings to Finish: the link keys
// the items touch are recorded in the mark, in the same transaction. On
// an error nothing of this call is stored and the load may go on. Put
// after Finish or Close returns an error.
func (b *Bulk) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.done {
		return nil, errors.New("postgres: bulk load already finished or closed")
	}
	if len(items) == 0 {
		return nil, nil
	}
	ids, err := contentIDs(items)
	if err != nil {
		return nil, err
	}
	now := b.db.now()
	var res []store.PutResult
	err = b.db.inTx(ctx, func(tx pgx.Tx) error {
		t := store.Touched{}
		var err error
		if res, err = putBatch(ctx, tx, items, ids, now, t); err != nil {
			return err
		}
		return recordTouched(ctx, tx, t)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// recordTouched adds t's link keys to the mark, each with the earliest
// day any load's write touched it from; keys are written in order, so
// concurrent Puts wait for each other's rows rather than deadlock.
func recordTouched(ctx context.Context, tx pgx.Tx, t store.Touched) error {
	if len(t) == 0 {
		return nil
	}
	keys := t.Keys()
	starts := make([]int32, len(keys))
	for i, k := range keys {
		starts[i] = int32(t[k])
	}
	if _, err := tx.Exec(ctx, `INSERT INTO `+bulkMarker+` (kind, key, start)
		SELECT 'link', k, s FROM unnest($1::text[], $2::integer[]) AS u(k, s) ORDER BY k
		ON CONFLICT (kind, key) DO UPDATE SET start = least(`+bulkMarker+`.start, excluded.start)`, keys, starts); err != nil {
		return fmt.Errorf("postgres: bulk load: link keys: %w", err)
	}
	return nil
}

// Finish completes the load: it builds the dropped indexes again, links
// the link keys the load touched, removes the mark and analyses the
// tables for the planner. After an error the database stays marked;
// Finish may be called again, or the database opened with
// Options.FinishBulk.
func (b *Bulk) Finish(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return errors.New("postgres: bulk load already finished or closed")
	}
	if err := b.db.finishBulk(ctx, b.Progress); err != nil {
		return err
	}
	b.done = true
	return nil
}

// Close ends the load without finishing it: what Put committed stays,
// and the database stays marked as interrupted (see Bulk). Close after
// Finish does nothing.
func (b *Bulk) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done = true
	return nil
}

// rowQuerier is a transaction, a connection or a pool.
type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// hasBulkMarker reports whether the database is marked as being bulk
// loaded.
func hasBulkMarker(ctx context.Context, q rowQuerier) (bool, error) {
	var marked bool
	if err := q.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, bulkMarker).Scan(&marked); err != nil {
		return false, fmt.Errorf("postgres: bulk load mark: %w", err)
	}
	return marked, nil
}

// bulkIndex is an index a bulk load dropped.
type bulkIndex struct{ name, sql string }

// bulkIndexes returns the indexes the mark lists as dropped, by name.
func bulkIndexes(ctx context.Context, tx pgx.Tx) ([]bulkIndex, error) {
	rows, err := tx.Query(ctx, `SELECT key, value FROM `+bulkMarker+` WHERE kind = 'index' ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("postgres: bulk load indexes: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (bulkIndex, error) {
		var ix bulkIndex
		err := r.Scan(&ix.name, &ix.sql)
		return ix, err
	})
}

// checkBulk refuses a marked database, or with finish completes its load.
func (db *DB) checkBulk(ctx context.Context, finish bool) error {
	marked, err := hasBulkMarker(ctx, db.pool)
	if err != nil || !marked {
		return err
	}
	if !finish {
		return fmt.Errorf("postgres: %w (its indexes and happenings are incomplete: "+
			"if no process is loading it, open it with FinishBulk to complete the load)", store.ErrBulkLoad)
	}
	return db.finishBulk(ctx, nil)
}

// finishBulk builds the dropped indexes again, each in a transaction that
// also takes it off the mark, then links the touched link keys linkChunk
// at a time, each chunk in a transaction that also takes its keys off the
// mark, and drops the mark: a finish interrupted anywhere goes on from
// where it stopped. It does nothing on an unmarked database.
func (db *DB) finishBulk(ctx context.Context, progress func(string, time.Duration)) error {
	t0 := time.Now()
	step := func(what string) {
		if progress != nil {
			progress(what, time.Since(t0))
		}
		t0 = time.Now()
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: finishing a bulk load: %w", err)
	}
	defer conn.Release()
	// Index builds sort in memory up to this much, then on disk.
	if _, err := conn.Exec(ctx, `SET maintenance_work_mem = '1GB'`); err != nil {
		return fmt.Errorf("postgres: finishing a bulk load: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `RESET maintenance_work_mem`)
	for {
		var name string
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			marked, err := hasBulkMarker(ctx, tx)
			if err != nil || !marked {
				return err
			}
			idx, err := bulkIndexes(ctx, tx)
			if err != nil || len(idx) == 0 {
				return err
			}
			ix := idx[0]
			if _, err := tx.Exec(ctx, ix.sql); err != nil {
				return fmt.Errorf("index %s: %w", ix.name, err)
			}
			if _, err := tx.Exec(ctx, `DELETE FROM `+bulkMarker+` WHERE kind = 'index' AND key = $1`, ix.name); err != nil {
				return fmt.Errorf("index %s: %w", ix.name, err)
			}
			name = ix.name
			return nil
		})
		if err != nil {
			return fmt.Errorf("postgres: finishing a bulk load: %w", err)
		}
		if name == "" {
			break
		}
		step("index " + name)
	}
	linked := 0
	for {
		n := 0
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			marked, err := hasBulkMarker(ctx, tx)
			if err != nil || !marked {
				return err
			}
			rows, err := tx.Query(ctx, `SELECT key, start FROM `+bulkMarker+` WHERE kind = 'link' ORDER BY key LIMIT $1`, linkChunk)
			if err != nil {
				return err
			}
			t := store.Touched{}
			var keys []string
			var key string
			var start int32
			if _, err := pgx.ForEachRow(rows, []any{&key, &start}, func() error {
				t.Add(key, int(start))
				keys = append(keys, key)
				return nil
			}); err != nil {
				return err
			}
			if err := relink(ctx, tx, t); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `DELETE FROM `+bulkMarker+` WHERE kind = 'link' AND key = ANY($1)`, keys); err != nil {
				return err
			}
			n = len(keys)
			return nil
		})
		if err != nil {
			return fmt.Errorf("postgres: finishing a bulk load: linking: %w", err)
		}
		if n == 0 {
			break
		}
		linked += n
	}
	step(fmt.Sprintf("linking %d link keys", linked))
	if _, err := conn.Exec(ctx, `DROP TABLE IF EXISTS `+bulkMarker); err != nil {
		return fmt.Errorf("postgres: finishing a bulk load: %w", err)
	}
	// The planner's statistics of the loaded tables are stale.
	if _, err := conn.Exec(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("postgres: finishing a bulk load: analyze: %w", err)
	}
	step("analyze")
	return nil
}
