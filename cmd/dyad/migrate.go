package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

const migrateExamples = `  dyad migrate                                   # ./dyad.db
  dyad migrate --db postgres://dyad@db/dyad      # create or upgrade the PostgreSQL schema`

// runMigrate creates or upgrades a store's schema. Every command that
// opens a store also does so; this one does only that, for deployments
// that upgrade the schema once before starting servers and workers.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", "[--db FILE|URL]", migrateExamples, stderr)
	load := configFlags(fs, "db")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if isPostgres(cfg.DB) {
		db, err := postgres.Open(ctx, cfg.DB, postgres.Options{NoMigrate: true})
		if err != nil {
			return err
		}
		defer db.Close()
		n, err := db.Migrate(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "postgres: applied %d migrations; schema version %d\n", n, postgres.SchemaVersion())
		return nil
	}
	st, err := openStore(ctx, cfg.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "sqlite %s: schema version %d\n", strings.TrimPrefix(cfg.DB, "sqlite:"), sqlite.SchemaVersion())
	return nil
}

// isPostgres reports whether a --db value names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
