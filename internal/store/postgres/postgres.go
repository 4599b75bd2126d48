// Package postgres is the store.Store backend on PostgreSQL, through pgx.
// It also is a work queue: documents stored pending are leased by workers
// (see queue.go), so any number of processes on any number of machines can
// code one store.
//
// The schema is created and upgraded by the numbered migrations embedded
// from migrations/, recorded in schema_migrations; concurrent openers
// serialise on an advisory lock, so starting many workers at once is safe.
// Full-text search uses a generated tsvector column with a GIN index.
//
// The summaries event_days and event_periods (migration 0005) count the
// live events per dyad, day or period, quad class and status, and the
// smaller ones of migration 0006 per day for the whole store
// (event_totals), per actor key (actor_days) and per CAMEO code or root
// (code_days), and per dyad without days (dyad_totals); store_counts
// holds what Stats reports. Triggers keep them per statement and apply
// each transaction's changes at commit in one order, and the aggregates
// read the smallest that answers a filter (store.Summarized and the rules
// beside it).
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-project/dyad/internal/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Options tune Open. The zero value is ready to use.
type Options struct {
	// MaxConns bounds the connection pool; 0 means the URL's
	// pool_max_conns, else defaultMaxConns.
	MaxConns int
	// Now is the clock that stamps documents; nil means time.Now.
	Now func() time.Time
	// NoMigrate leaves the schema as it is; call Migrate.
	NoMigrate bool
	// FinishBulk makes Open complete a bulk load that was interrupted
	// (see Bulk) instead of refusing the database with store.ErrBulkLoad.
	// Set it only when no other process is loading the database.
	FinishBulk bool
}

// DB is an open PostgreSQL store. It implements store.Store and is safe
// for concurrent use.
type DB struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

var _ store.Store = (*DB)(nil)

// defaultMaxConns bounds a pool whose size nothing else sets.
const defaultMaxConns = 16

// migrationLock is the advisory lock key that serialises migrations.
const migrationLock = 0x64796164 // "dyad"

// Open connects to the database a postgres:// or postgresql:// URL names
// (any libpq parameter, such as search_path or sslmode, may be given in its
// query) and brings its schema up to date.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", redact(dsn), err)
	}
	switch {
	case opts.MaxConns > 0:
		cfg.MaxConns = int32(opts.MaxConns)
	case !strings.Contains(dsn, "pool_max_conns"):
		// pgxpool's default (the number of CPUs, at least 4) makes a
		// server's concurrent requests queue for a connection; the pool
		// opens connections only as they are needed.
		cfg.MaxConns = defaultMaxConns
	}
	// Statements are prepared once per connection and cached. A generic
	// plan cannot see how selective an actor prefix or a date range is and
	// may walk the whole date index for a rare dyad; plan each execution
	// with its values instead.
	if _, ok := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !ok {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", redact(dsn), err)
	}
	db := &DB{pool: pool, now: opts.Now}
	if db.now == nil {
		db.now = time.Now
	}
	if !opts.NoMigrate {
		if _, err := db.Migrate(ctx); err != nil {
			pool.Close()
			return nil, err
		}
	}
	if err := db.checkBulk(ctx, opts.FinishBulk); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// redact drops a password from a URL for error messages.
func redact(dsn string) string {
	at := strings.LastIndexByte(dsn, '@')
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return dsn
	}
	user := dsn[scheme+3 : at]
	if u, _, ok := strings.Cut(user, ":"); ok {
		return dsn[:scheme+3] + u + ":***" + dsn[at:]
	}
	return dsn
}

// Close releases the pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Pool returns the connection pool, for tools that inspect the database.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// migrations returns the embedded migrations in order (see
// store.ReadMigrations).
func migrations() ([]store.Migration, error) {
	ms, err := store.ReadMigrations(migrationFiles)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
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

// Migrate applies the migrations the database lacks, each in its own
// transaction together with its schema_migrations row, and returns how many
// it applied. A database newer than this program is refused. Open calls it.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	ms, err := migrations()
	if err != nil {
		return 0, err
	}
	return db.migrate(ctx, ms)
}

// migrate is Migrate up to the last of ms; tests give it the first few
// migrations to build a store as an older program left it.
func (db *DB) migrate(ctx context.Context, ms []store.Migration) (int, error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: connect: %w", err)
	}
	defer conn.Release()
	// A database already at this program's version is left as it is,
	// without a lock or a write, so that a read replica (which refuses
	// both) opens like the primary.
	var recorded bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&recorded); err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	if recorded {
		var have int
		if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
			return 0, fmt.Errorf("postgres: schema version: %w", err)
		}
		if have == len(ms) {
			return 0, nil
		}
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return 0, fmt.Errorf("postgres: migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL)`); err != nil {
		return 0, fmt.Errorf("postgres: schema_migrations: %w", err)
	}
	var have int
	if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	if have > len(ms) {
		return 0, fmt.Errorf("postgres: the database has schema version %d, newer than this program's %d", have, len(ms))
	}
	for _, m := range ms[have:] {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)",
				m.Version, m.Name, db.now().UTC())
			return err
		})
		if err != nil {
			return 0, fmt.Errorf("postgres: migration %s: %w", m.Name, err)
		}
	}
	return len(ms) - have, nil
}

// inTx runs fn in a transaction, again (up to three times in all) when
// PostgreSQL aborted it as a deadlock victim or a serialization failure:
// concurrent writers of overlapping documents may meet in either order.
func (db *DB) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for try := 0; try < 3; try++ {
		err = pgx.BeginFunc(ctx, db.pool, fn)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			return err
		}
	}
	return err
}

// isNoRows reports whether err says a query returned no row.
func isNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }

// Ping reports whether the server answers.
func (db *DB) Ping(ctx context.Context) error { return db.pool.Ping(ctx) }
