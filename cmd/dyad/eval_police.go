package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval/report"
)

// runEvalPolice codes the IndiaPoliceEvents articles and scores, sentence
// by sentence, police arrests and killings against the human labels.
func runEvalPolice(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval police", "DIR",
		"  dyad eval police ../shared/data/dev/india-police-events", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want the directory holding sents.jsonl and metadata.jsonl", errUsage)
	}
	r, err := report.Police(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	return r.Write(stdout)
}
