package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// defaultDB is the database used when neither --db nor DYAD_DB names one.
const defaultDB = "dyad.db"

// config holds the settings shared by the commands that use the store.
// Each comes from its flag, else its environment variable, else a default,
// and is validated once by load.
type config struct {
	DB      string // --db, DYAD_DB: a file path, "sqlite:PATH", or a postgres:// URL
	Workers int    // --workers, DYAD_WORKERS: preparing goroutines
	Batch   int    // --batch, DYAD_BATCH: documents per transaction
	MaxSize int64  // --max-size, DYAD_MAX_SIZE: cap on every read, in bytes
	// MinConfidence (--min-confidence, DYAD_MIN_CONFIDENCE) replaces the
	// coder's per-root thresholds when above zero.
	MinConfidence float64
	// AllowPrivate (--allow-private, DYAD_ALLOW_PRIVATE) lets fetches reach
	// loopback, private and link-local addresses: an internal feed server.
	AllowPrivate bool
}

// setting describes one field: its flag, environment variable, default and
// how to set it from text.
type setting struct {
	flag, env, def, usage string
	set                   func(c *config, v string) error
}

func settings() []setting {
	return []setting{
		{"db", "DYAD_DB", defaultDB, "database: a file path, sqlite:PATH or a postgres:// URL", func(c *config, v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("is empty")
			}
			c.DB = v
			return nil
		}},
		{"workers", "DYAD_WORKERS", strconv.Itoa(runtime.GOMAXPROCS(0)), "documents prepared in parallel", func(c *config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 256 {
				return fmt.Errorf("%q is not a number from 1 to 256", v)
			}
			c.Workers = n
			return nil
		}},
		{"batch", "DYAD_BATCH", strconv.Itoa(pipeline.DefaultBatch), "documents per transaction", func(c *config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 100000 {
				return fmt.Errorf("%q is not a number from 1 to 100000", v)
			}
			c.Batch = n
			return nil
		}},
		{"allow-private", "DYAD_ALLOW_PRIVATE", "false", "let fetches reach loopback, private and link-local addresses (an internal feed server); off, a feed cannot make dyad fetch from this machine or its network", func(c *config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("%q is not true or false", v)
			}
			c.AllowPrivate = b
			return nil
		}},
		{"min-confidence", "DYAD_MIN_CONFIDENCE", "0", "least probability for a trigger to code an event; 0 keeps the model's per-root thresholds", func(c *config, v string) error {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f >= 1 {
				return fmt.Errorf("%q is not a number from 0 to below 1", v)
			}
			c.MinConfidence = f
			return nil
		}},
		{"max-size", "DYAD_MAX_SIZE", "20MB", "size cap on each file, page, feed and JSON line (e.g. 512KB, 20MB, 1GB)", func(c *config, v string) error {
			n, err := parseSize(v)
			if err != nil {
				return err
			}
			c.MaxSize = n
			return nil
		}},
	}
}

// configFlags registers the named settings on fs and returns a function
// that, after fs.Parse, fills and validates the config: flag, then
// environment, then default. Errors name the flag and the variable.
func configFlags(fs *flag.FlagSet, names ...string) func() (config, error) {
	values := map[string]*string{}
	var chosen []setting
	for _, s := range settings() {
		for _, n := range names {
			if s.flag == n {
				usage := fmt.Sprintf("%s (env %s)", s.usage, s.env)
				if s.def == "false" {
					v := &boolString{s: s.def}
					fs.Var(v, s.flag, usage)
					values[n] = &v.s
				} else {
					values[n] = fs.String(s.flag, s.def, usage)
				}
				chosen = append(chosen, s)
			}
		}
	}
	return func() (config, error) {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		c := config{Workers: runtime.GOMAXPROCS(0), Batch: pipeline.DefaultBatch, MaxSize: source.DefaultMaxBytes, DB: defaultDB}
		var errs []error
		for _, s := range chosen {
			v, from := *values[s.flag], "--"+s.flag
			if !set[s.flag] {
				if e, ok := os.LookupEnv(s.env); ok {
					v, from = e, s.env
				}
			}
			if err := s.set(&c, v); err != nil {
				errs = append(errs, fmt.Errorf("%w: %s: %v", errUsage, from, err))
			}
		}
		return c, errors.Join(errs...)
	}
}

// boolString is a string setting that the flag package treats as a boolean
// flag, so that "--allow-private" alone means true.
type boolString struct{ s string }

func (b *boolString) String() string     { return b.s }
func (b *boolString) Set(v string) error { b.s = v; return nil }
func (b *boolString) IsBoolFlag() bool   { return true }

// parseFlags parses args with fs, taking flags wherever they stand: before,
// between or after positional arguments (everything after a lone "--" is
// positional). fs.Args() then returns the positional arguments in order. A
// bad flag is a usage error (exit 2); -h is flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, append(pos, tail...)...))
}

// parseSize reads a byte size such as 20MB, 512KB, 1GB or 1048576.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (64<<30)/mult {
		return 0, fmt.Errorf("%q is not a size from 1B to 64GB (e.g. 20MB)", s)
	}
	return n * mult, nil
}

// openStore opens the store a DSN names: "postgres://" and "postgresql://"
// URLs for PostgreSQL, "sqlite:PATH" or a plain path for SQLite. With
// mustExist, a missing SQLite file is an error instead of a new database.
func openStore(ctx context.Context, dsn string, mustExist bool) (store.Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return postgres.Open(ctx, dsn, postgres.Options{})
	case strings.HasPrefix(dsn, "sqlite:"):
		dsn = strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
	}
	return sqlite.Open(ctx, dsn, sqlite.Options{MustExist: mustExist})
}

// defaultMemoryLimit is the soft memory limit of the commands that read
// and code documents (ingest, worker, demo) unless GOMEMLIMIT sets one: the
// garbage collector works harder near it, so that peak RSS stays near 300 MB
// on any input instead of growing with the largest records of a batch.
const defaultMemoryLimit = 200 << 20

// limitMemory sets defaultMemoryLimit unless the environment set a limit.
func limitMemory() {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
