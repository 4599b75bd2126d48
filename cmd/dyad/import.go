package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/dyad-project/dyad/internal/dump"
)

// The dump format is package dump's; these commands only open the store
// and the file.

const dumpExamples = `  dyad dump --out all.jsonl                                  # everything in ./dyad.db
  dyad import --db postgres://dyad@db/dyad all.jsonl         # into PostgreSQL
  dyad dump --db news.db | dyad import --db copy.db -        # SQLite to SQLite through a pipe`

// runDump writes every stored document version with its analysis.
func runDump(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dump", "[--db FILE|URL] [--out FILE]", dumpExamples, stderr)
	load := configFlags(fs, "db")
	out := fs.String("out", "", "write to FILE instead of standard output")
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
	st, err := openStore(ctx, cfg.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	dst := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		dst = f
	}
	w := bufio.NewWriter(dst)
	n, err := dump.Write(ctx, st, w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil && *out != "" {
		err = dst.(*os.File).Close()
	}
	if err != nil {
		return fmt.Errorf("after %d documents: %w", n, err)
	}
	fmt.Fprintf(stderr, "dumped %d documents\n", n)
	return nil
}

const importExamples = `  dyad import --db postgres://dyad@db/dyad all.jsonl
  dyad import --db copy.db --batch 200 all.jsonl
  dyad dump | dyad import --db postgres://dyad@db/dyad -`

// runImport loads a dump into the store (see dump.Import). A bad line is
// reported on stderr with its number and the import goes on; the command
// then fails with errFailed.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", "[--db FILE|URL] FILE|-", importExamples, stderr)
	load := configFlags(fs, "db", "batch", "max-size")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: name one dump file, or - for standard input", errUsage)
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	name := fs.Arg(0)
	var in io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	st, err := openStore(ctx, cfg.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := dump.Import(ctx, st, in, dump.Options{Name: name, Batch: cfg.Batch, MaxLine: cfg.MaxSize,
		Report: func(err error) { fmt.Fprintln(stderr, err) }})
	fmt.Fprintf(stdout, "read %d records: %d ingested, %d unchanged, %d superseded, %d with analyses, %d failed\n",
		sum.Read, sum.Ingested, sum.Unchanged, sum.Superseded, sum.Analysed, sum.Failed)
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errFailed
	}
	return nil
}
