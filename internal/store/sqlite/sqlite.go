// Package sqlite is the store.Store backend on an SQLite file, through the
// pure-Go modernc.org/sqlite driver.
//
// The database runs in WAL mode with synchronous=NORMAL: a committed
// transaction survives the process being killed. Writes go through one
// connection (SQLite allows one writer at a time) and begin IMMEDIATE, so a
// writer waits for the lock instead of failing half-way; reads use a separate
// pool of read-only connections that never wait for the writer. The schema is
// created and upgraded by the numbered migrations embedded from migrations/.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// busyTimeout is how long a connection waits for a lock before SQLITE_BUSY.
const busyTimeout = 30 * time.Second

// Options tune Open. The zero value is ready to use.
type Options struct {
	// MustExist makes Open fail when the file does not exist instead of
	// creating it; commands that only read use it.
	MustExist bool
	// Readers is the size of the read pool; 0 means 2×GOMAXPROCS+2, so
	// that a long read does not hold up the short ones behind it (WAL
	// readers do not block each other).
	Readers int
	// Now is the clock that stamps documents; nil means time.Now.
	Now func() time.Time
	// FinishBulk makes Open complete a bulk load that was interrupted
	// (see Bulk) instead of refusing the store with store.ErrBulkLoad. Set it
	// only when no other process is loading the file.
	FinishBulk bool
}

// DB is an open SQLite store. It implements store.Store and is safe for
// concurrent use.
type DB struct {
	path string
	w    *sql.DB // one connection, IMMEDIATE transactions
	r    *sql.DB // read-only pool
	now  func() time.Time

	stmts stmts // prepared reads, see stmts.go
	// trace, when set, is called with every read query run through the
	// statement cache and its arguments; TestQueryPlans sets it to check
	// the plans of the queries the API runs. nil outside that test.
	trace func(q string, args []any)
}

var _ store.Store = (*DB)(nil)

// Open opens (creating it unless opts.MustExist) the database file at path
// and brings its schema up to date.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	if _, err := os.Stat(path); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		if opts.MustExist {
			return nil, fmt.Errorf("sqlite: no database at %s (run \"dyad ingest\" first): %w", path, store.ErrNotFound)
		}
	}
	readers := opts.Readers
	if readers <= 0 {
		readers = 2*runtime.GOMAXPROCS(0) + 2
	}
	db := &DB{path: path, now: opts.Now}
	if db.now == nil {
		db.now = time.Now
	}
	var err error
	if db.w, err = sql.Open("sqlite", dsn(path, false)); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxLifetime(0)
	db.w.SetConnMaxIdleTime(0)
	bulk, err := db.checkBulk(ctx, opts.FinishBulk)
	if err == nil {
		err = db.migrate(ctx)
	}
	if err == nil && bulk {
		err = finishBulk(ctx, db.w, nil)
	}
	if err != nil {
		db.w.Close()
		return nil, err
	}
	if db.r, err = sql.Open("sqlite", dsn(path, true)); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.r.SetMaxOpenConns(readers)
	db.r.SetMaxIdleConns(readers)
	return db, nil
}

// dsn builds the driver's connection string. Every connection sets the busy
// timeout and foreign keys; the writer also sets WAL and synchronous=NORMAL
// (both persist in the file or apply to the connection that writes).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(int(busyTimeout/time.Millisecond))+")")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-16000)") // 16 MB per connection
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		// Readers map the file instead of copying its pages into their
		// own caches; the page cache of the kernel is shared by them all.
		q.Add("_pragma", "mmap_size(1073741824)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// The one writer keeps a larger cache, so a batch of analyses does
		// not spill pages mid-transaction, and keeps statement journals in
		// memory rather than in temporary files.
		q.Add("_pragma", "cache_size(-131072)")
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close releases both pools.
func (db *DB) Close() error {
	return errors.Join(db.closeStmts(), db.r.Close(), db.w.Close())
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// IntegrityCheck runs PRAGMA integrity_check and returns nil when it reports
// "ok", else an error with what it found.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("sqlite: integrity check: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// migrations returns the embedded migrations in order (see
// store.ReadMigrations).
func migrations() ([]store.Migration, error) {
	ms, err := store.ReadMigrations(migrationFiles)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	return ms, nil
}

// SchemaVersion is the number of the newest embedded migration.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies the migrations the file lacks, each in its own
// transaction together with its schema_migrations row. A file newer than
// this program is refused.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: %s: %w", db.path, err)
	}
	var have int
	if err := db.w.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("sqlite: %s: schema version: %w", db.path, err)
	}
	if have > len(ms) {
		return fmt.Errorf("sqlite: %s has schema version %d, newer than this program's %d", db.path, have, len(ms))
	}
	for _, m := range ms[have:] {
		if err := db.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m store.Migration) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", m.Name, err)
	}
	defer tx.Rollback()
	// Another process may have applied it while we waited for the lock.
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", m.Name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)",
		m.Version, m.Name, db.now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", m.Name, err)
	}
	return nil
}

// Ping reports whether the database answers a query on the writer's
// connection.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.w.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}
