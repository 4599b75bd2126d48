package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/export"
	"github.com/dyad-project/dyad/internal/query"
)

// runExport writes the stored events that pass the filters in one of the
// formats of package export.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "--format jsonl|csv|gdelt|plover [--out FILE] [--db FILE] [filters]",
		"  dyad export --format gdelt --out events.tsv\n  dyad export --format plover --actor IRN --from 2024-01-01", stderr)
	load := configFlags(fs, "db")
	filter := eventFilterFlags(fs)
	format := fs.String("format", "jsonl", "jsonl, csv, gdelt (GDELT 2.0 event table, tab-separated) or plover (PLOVER JSON Lines)")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if !slices.Contains(export.Formats(), *format) {
		return fmt.Errorf("%w: --format %q: want jsonl, csv, gdelt or plover", errUsage, *format)
	}
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	f, err := filter()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	dst := stdout
	var file *os.File
	if *out != "" {
		file, err = os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		dst = file
	}
	w, err := export.NewWriter(*format, dst, export.Options{Codebook: cb, Added: time.Now().UTC()})
	if err != nil {
		return err
	}
	n, _, err := query.New(st).EachEvent(ctx, f, 0, func(e event.Event) error { return w.Write(e) })
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%d events written to %s\n", n, *out)
	}
	return nil
}
