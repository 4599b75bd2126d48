package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval/report"
)

// runEvalGeo codes the gold corpus and scores the places of the coded
// events against the gold event locations, then the gazetteer's reading of
// the gold place spans themselves (given the place name, as Mordecai is
// measured).
func runEvalGeo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval geo", "[--gold FILE.jsonl]",
		"  dyad eval geo                                  # the corpus test split\n"+
			"  dyad eval geo --gold data/corpus/dev.jsonl", stderr)
	gold := fs.String("gold", "data/corpus/test.jsonl", "gold corpus file (JSON Lines, docs/annotation.md §11)")
	misses := fs.Bool("misses", false, "print each event whose place is missing, extra or different")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (give the file with --gold)", errUsage, fs.Arg(0))
	}
	opts := report.GeoOptions{Gold: *gold}
	if *misses {
		opts.Misses = stdout
	}
	r, err := report.Geo(ctx, opts)
	if err != nil {
		return goldFailed(err, stderr)
	}
	return r.Write(stdout)
}
