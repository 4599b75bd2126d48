package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval/report"
)

// runEvalEvents codes every document of a gold corpus file with dyad's coder
// and scores its events against the gold ones.
func runEvalEvents(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval events", "[--gold FILE.jsonl]",
		"  dyad eval events                                  # the corpus test split\n"+
			"  dyad eval events --gold data/corpus/dev.jsonl", stderr)
	gold := fs.String("gold", "data/corpus/test.jsonl", "gold corpus file (JSON Lines, docs/annotation.md §11)")
	load := configFlags(fs, "min-confidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (give the file with --gold)", errUsage, fs.Arg(0))
	}
	r, err := report.Events(ctx, report.EventsOptions{Gold: *gold, MinConfidence: cfg.MinConfidence})
	if err != nil {
		return goldFailed(err, stderr)
	}
	return r.Write(stdout)
}

// goldFailed prints the diagnostics of a gold corpus file with errors and
// returns errFailed for it; other errors pass unchanged.
func goldFailed(err error, stderr io.Writer) error {
	var ge *report.GoldError
	if errors.As(err, &ge) {
		printDiags(stderr, ge.Diags)
		return errFailed
	}
	return err
}
