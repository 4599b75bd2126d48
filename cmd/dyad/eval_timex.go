package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/timex"
)

// runEvalTimex scores the temporal recogniser on TimeML .tml files, each
// resolved against its own document creation time.
func runEvalTimex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval timex", "[flags] DIR",
		"  dyad eval timex ../shared/data/dev/aquaint-timeml\n  dyad eval timex -errors ../shared/data/dev/aquaint-timeml", stderr)
	showErrors := fs.Bool("errors", false, "list every missed, spurious and mis-valued expression")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: give one directory of .tml files", errUsage)
	}
	docs, errs := eval.ReadTimeMLDir(fs.Arg(0))
	for _, err := range errs {
		fmt.Fprintf(stderr, "dyad eval timex: %v\n", err)
	}
	if len(docs) == 0 {
		return errFailed
	}
	sc := eval.ScoreTimeML(docs, timexSystem(timex.New()))
	if *showErrors {
		for _, e := range sc.Errors {
			fmt.Fprintf(stdout, "%-8s %-28s gold=%-22s sys=%-22s %s\n", e.Kind, e.Doc[max(0, len(e.Doc)-24):], e.Gold, e.Sys, e.Context)
		}
		fmt.Fprintln(stdout)
	}
	printTimexScores(stdout, sc)
	if len(errs) > 0 {
		return errFailed
	}
	return nil
}

// timexSystem adapts the recogniser to the scorer.
func timexSystem(r *timex.Recognizer) func(eval.TimeMLDoc) []eval.SysTimex {
	return func(d eval.TimeMLDoc) []eval.SysTimex {
		var out []eval.SysTimex
		for _, e := range r.Find(d.Text, d.DCT) {
			out = append(out, eval.SysTimex{Start: e.Start, End: e.End, Type: string(e.Type), Value: e.Value})
		}
		return out
	}
}

func printTimexScores(w io.Writer, sc eval.TimexScores) {
	fmt.Fprintf(w, "documents %d, gold TIMEX3 %d, system %d\n", sc.Docs, sc.Gold, sc.System)
	row := func(name string, prf func() (float64, float64, float64)) {
		p, r, f := prf()
		fmt.Fprintf(w, "%-20s P %6.2f%%  R %6.2f%%  F1 %6.2f%%\n", name, 100*p, 100*r, 100*f)
	}
	row("strict extraction", sc.StrictPRF)
	row("relaxed extraction", sc.RelaxedPRF)
	row("value", sc.ValuePRF)
	fmt.Fprintf(w, "value accuracy %.2f%% (%d/%d relaxed matches)\n", 100*sc.ValueAccuracy(), sc.ValueCorrect, sc.Relaxed)
	fmt.Fprintf(w, "type accuracy  %.2f%% (%d/%d relaxed matches)\n", 100*sc.TypeAccuracy(), sc.TypeRight, sc.Relaxed)
}
