package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval/report"
)

// runEvalHappenings codes every article of the happenings set, stores them
// in a fresh store (which links their events into happenings), and scores
// the happening each article's gold event lands in against the gold one.
// It stores the articles a second time, in reverse order, into another
// store and reports whether the happenings are the same.
func runEvalHappenings(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval happenings", "[--dir DIR]",
		"  dyad eval happenings                     # data/happenings/src", stderr)
	dir := fs.String("dir", "data/happenings/src", "folder of the set's .jsonl files (docs/happenings.md)")
	misses := fs.Bool("misses", false, "print, per article, why its gold event was not found or not linked")
	load := configFlags(fs, "min-confidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (give the folder with --dir)", errUsage, fs.Arg(0))
	}
	r, err := report.Happenings(ctx, report.HappeningsOptions{Dir: *dir, MinConfidence: cfg.MinConfidence, Misses: *misses})
	if err != nil {
		return err
	}
	return r.Write(stdout)
}
