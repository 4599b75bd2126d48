package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

// The queue. Pending documents are the work; a worker leases a batch with
// Claim (SELECT ... FOR UPDATE SKIP LOCKED, so concurrent workers never
// take the same document), codes it, and stores the analyses with Complete,
// which writes them in the same transaction that ends the lease. A worker
// killed at any point therefore leaves either a whole stored analysis or an
// unexpired lease that runs out; then the document is leased again, up to
// a bounded number of attempts, after which it is parked as failed with
// the reason in last_error. Storing an analysis replaces any earlier one,
// and Complete stores only for the worker that holds the lease, so a
// document is coded exactly once.

// NotifyChannel is the LISTEN/NOTIFY channel on which the store announces
// new pending documents.
const NotifyChannel = "dyad_queue"

// QueueCounts is where the documents of a store stand in the queue.
type QueueCounts struct {
	Pending int // waiting for a worker
	Leased  int // held by a worker whose lease has not run out
	Expired int // held by a lease that ran out; taken again by the next Claim
	Done    int // coded or skipped
	Failed  int // parked after their attempts were used up
}

// Failure is a document parked as failed.
type Failure struct {
	DocID    string
	Title    string
	Attempts int
	Error    string
	Changed  time.Time // when it was last leased or released
}

// Claim leases up to n pending documents for worker for the given time,
// oldest first, and returns them with their text. Before that, documents
// whose lease ran out after maxAttempts leases are parked as failed. An
// empty result means no document is available now (others may be leased).
func (db *DB) Claim(ctx context.Context, worker string, n int, lease time.Duration, maxAttempts int) ([]doc.Document, error) {
	if n <= 0 || worker == "" || lease <= 0 || maxAttempts <= 0 {
		return nil, fmt.Errorf("postgres: claim: worker, batch, lease and attempts must be set")
	}
	var docs []doc.Document
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		docs = docs[:0]
		if _, err := tx.Exec(ctx, `UPDATE documents d SET failed = true, claimed_until = NULL,
			last_error = format('lease of %s ran out on attempt %s of %s: the worker was killed or took longer than its lease',
				d.claimed_by, d.attempts, $1::int)
			FROM (SELECT id FROM documents WHERE status = 'pending' AND NOT failed AND claimed_until < now()
				AND attempts >= $1 FOR UPDATE SKIP LOCKED) x
			WHERE d.id = x.id`, maxAttempts); err != nil {
			return fmt.Errorf("park: %w", err)
		}
		rows, err := tx.Query(ctx, `UPDATE documents d SET claimed_by = $1,
			claimed_until = now() + make_interval(secs => $2), attempts = d.attempts + 1,
			last_error = CASE WHEN d.claimed_until IS NOT NULL
				THEN format('lease of %s ran out on attempt %s', d.claimed_by, d.attempts) ELSE d.last_error END
			FROM (SELECT id FROM documents
				WHERE status = 'pending' AND NOT failed AND (claimed_until IS NULL OR claimed_until < now())
				ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED) c
			WHERE d.id = c.id
			RETURNING `+store.DocColumns, worker, lease.Seconds(), n)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := store.ScanDocument(rows.Scan)
			if err != nil {
				return err
			}
			docs = append(docs, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: claim: %w", err)
	}
	return docs, nil
}

// Extend renews worker's leases on the documents ids for another lease
// from now, and returns how many it still held.
func (db *DB) Extend(ctx context.Context, worker string, ids []string, lease time.Duration) (int, error) {
	tag, err := db.pool.Exec(ctx, `UPDATE documents SET claimed_until = now() + make_interval(secs => $3)
		WHERE id = ANY($1) AND claimed_by = $2 AND status = 'pending' AND NOT failed`, ids, worker, lease.Seconds())
	if err != nil {
		return 0, fmt.Errorf("postgres: extend leases: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// Complete stores the analyses of documents worker holds, and ends their
// leases, in one transaction. Analyses of documents whose lease worker has
// lost (it ran out and another worker took them) are dropped: lost counts
// them.
func (db *DB) Complete(ctx context.Context, worker string, as []store.Analysis) (stored, lost int, err error) {
	if len(as) == 0 {
		return 0, 0, nil
	}
	ids := make([]string, len(as))
	for i := range as {
		ids[i] = as[i].DocID
	}
	now := db.now()
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id FROM documents WHERE id = ANY($1) AND claimed_by = $2
			AND status = 'pending' AND NOT failed ORDER BY id FOR UPDATE`, ids, worker)
		if err != nil {
			return err
		}
		held, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		mine := make(map[string]bool, len(held))
		for _, id := range held {
			mine[id] = true
		}
		keep := make([]store.Analysis, 0, len(held))
		for _, a := range as {
			if mine[a.DocID] {
				keep = append(keep, a)
			}
		}
		stored, lost = len(keep), len(as)-len(keep)
		t := store.Touched{}
		if err := putAnalyses(ctx, tx, keep, now, t); err != nil {
			return err
		}
		return relink(ctx, tx, t)
	})
	if err != nil {
		return 0, 0, fmt.Errorf("postgres: complete: %w", err)
	}
	return stored, lost, nil
}

// Release ends worker's lease on document id after a failed attempt,
// recording reason. The document is parked as failed when its attempts
// reached maxAttempts, else it waits for the next Claim.
func (db *DB) Release(ctx context.Context, worker, id, reason string, maxAttempts int) error {
	_, err := db.pool.Exec(ctx, `UPDATE documents SET claimed_until = NULL, last_error = $3, failed = attempts >= $4
		WHERE id = $1 AND claimed_by = $2 AND status = 'pending' AND NOT failed`, id, worker, reason, maxAttempts)
	if err != nil {
		return fmt.Errorf("postgres: release %s: %w", id, err)
	}
	return nil
}

// Unclaim gives back worker's leases on ids without counting an attempt,
// for a worker that stops before coding them.
func (db *DB) Unclaim(ctx context.Context, worker string, ids []string) error {
	_, err := db.pool.Exec(ctx, `UPDATE documents SET claimed_until = NULL, attempts = greatest(attempts - 1, 0)
		WHERE id = ANY($1) AND claimed_by = $2 AND status = 'pending' AND NOT failed`, ids, worker)
	if err != nil {
		return fmt.Errorf("postgres: unclaim: %w", err)
	}
	return nil
}

// Retry puts the documents parked as failed back in the queue with their
// attempts reset, and returns how many.
func (db *DB) Retry(ctx context.Context) (int, error) {
	tag, err := db.pool.Exec(ctx, `UPDATE documents SET failed = false, attempts = 0, claimed_by = '', claimed_until = NULL
		WHERE status = 'pending' AND failed`)
	if err != nil {
		return 0, fmt.Errorf("postgres: retry: %w", err)
	}
	if tag.RowsAffected() > 0 {
		if _, err := db.pool.Exec(ctx, "SELECT pg_notify($1, '')", NotifyChannel); err != nil {
			return 0, fmt.Errorf("postgres: retry: %w", err)
		}
	}
	return int(tag.RowsAffected()), nil
}

// QueueCounts counts the documents in each state of the queue.
func (db *DB) QueueCounts(ctx context.Context) (QueueCounts, error) {
	var c QueueCounts
	err := db.pool.QueryRow(ctx, `SELECT
		count(*) FILTER (WHERE status = 'pending' AND NOT failed AND claimed_until IS NULL),
		count(*) FILTER (WHERE status = 'pending' AND NOT failed AND claimed_until >= now()),
		count(*) FILTER (WHERE status = 'pending' AND NOT failed AND claimed_until < now()),
		count(*) FILTER (WHERE status <> 'pending'),
		count(*) FILTER (WHERE status = 'pending' AND failed)
		FROM documents`).Scan(&c.Pending, &c.Leased, &c.Expired, &c.Done, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("postgres: queue counts: %w", err)
	}
	return c, nil
}

// Failures lists up to limit documents parked as failed, oldest first.
func (db *DB) Failures(ctx context.Context, limit int) ([]Failure, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, title, attempts, last_error FROM documents
		WHERE status = 'pending' AND failed ORDER BY seq LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: failures: %w", err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		if err := rows.Scan(&f.DocID, &f.Title, &f.Attempts, &f.Error); err != nil {
			return nil, fmt.Errorf("postgres: failures: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: failures: %w", err)
	}
	return out, nil
}

// Codings returns how many analyses were stored for each document that
// has any, for checks that every document was coded exactly once.
func (db *DB) Codings(ctx context.Context) (map[string]int, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, codings FROM documents WHERE codings > 0`)
	if err != nil {
		return nil, fmt.Errorf("postgres: codings: %w", err)
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("postgres: codings: %w", err)
		}
		m[id] = n
	}
	return m, rows.Err()
}

// Listen waits until the store announces new pending documents or
// timeout passes, on a connection of its own; it returns early when ctx
// ends. Workers use it instead of polling hard.
func (db *DB) Listen(ctx context.Context, timeout time.Duration) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: listen: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+NotifyChannel); err != nil {
		return fmt.Errorf("postgres: listen: %w", err)
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, werr := conn.Conn().WaitForNotification(wctx)
	// The connection goes back to the pool: stop listening on it. A wait
	// interrupted by its deadline leaves the connection closed; the pool
	// then discards it.
	if !conn.Conn().IsClosed() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), "UNLISTEN "+NotifyChannel)
	}
	if werr != nil && ctx.Err() == nil && wctx.Err() == nil {
		return fmt.Errorf("postgres: listen: %w", werr)
	}
	return nil
}
