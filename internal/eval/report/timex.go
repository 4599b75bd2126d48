package report

import (
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/timex"
)

// TimexOptions say which TimeML files to score.
type TimexOptions struct {
	Dir    string // directory of .tml files
	Errors bool   // Write lists every missed, spurious and mis-valued expression
}

// TimexReport is the recogniser's TempEval-3 score.
type TimexReport struct {
	Opts TimexOptions
	// Read is how many documents were read; ReadErrors has one error per
	// file that could not be. Scores covers the documents read.
	Read       int
	ReadErrors []error
	Scores     eval.TimexScores
}

// Timex scores the temporal recogniser on the TimeML .tml files of
// opts.Dir, each resolved against its own document creation time. A file
// that cannot be read is listed in ReadErrors, not returned.
func Timex(opts TimexOptions) *TimexReport {
	docs, errs := eval.ReadTimeMLDir(opts.Dir)
	r := &TimexReport{Opts: opts, Read: len(docs), ReadErrors: errs}
	if len(docs) > 0 {
		r.Scores = eval.ScoreTimeML(docs, timexSystem(timex.New()))
	}
	return r
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

// Write prints, with Opts.Errors, each disagreement, then the extraction
// and value scores.
func (r *TimexReport) Write(w io.Writer) error {
	sc := r.Scores
	if r.Opts.Errors {
		for _, e := range sc.Errors {
			fmt.Fprintf(w, "%-8s %-28s gold=%-22s sys=%-22s %s\n", e.Kind, e.Doc[max(0, len(e.Doc)-24):], e.Gold, e.Sys, e.Context)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "documents %d, gold TIMEX3 %d, system %d\n", sc.Docs, sc.Gold, sc.System)
	row := func(name string, prf func() (float64, float64, float64)) {
		p, r, f := prf()
		fmt.Fprintf(w, "%-20s P %6.2f%%  R %6.2f%%  F1 %6.2f%%\n", name, 100*p, 100*r, 100*f)
	}
	row("strict extraction", sc.StrictPRF)
	row("relaxed extraction", sc.RelaxedPRF)
	row("value", sc.ValuePRF)
	fmt.Fprintf(w, "value accuracy %.2f%% (%d/%d relaxed matches)\n", 100*sc.ValueAccuracy(), sc.ValueCorrect, sc.Relaxed)
	_, err := fmt.Fprintf(w, "type accuracy  %.2f%% (%d/%d relaxed matches)\n", 100*sc.TypeAccuracy(), sc.TypeRight, sc.Relaxed)
	return err
}
