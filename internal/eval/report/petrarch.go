package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/eval"
)

// PetrarchOptions name the validation records and their dictionaries.
type PetrarchOptions struct {
	Records string // PETRARCH validation records (XML)
	// Dicts is the directory holding the dictionaries (default: the
	// records file's directory); Actors, Agents, Discards and Verbs are
	// file names in it.
	Dicts                           string
	Actors, Agents, Discards, Verbs string
	Quiet                           bool // Write prints only failures and the totals
}

// PetrarchReport is the outcome of every validation record.
type PetrarchReport struct {
	Opts     PetrarchOptions
	Outcomes []eval.PetrarchOutcome
	Summary  eval.PetrarchSummary
	Skipped  int // verb patterns not imported
}

// Petrarch codes every validation record with dyad's coder over the
// records' own dictionaries and scores each against its expected codings.
func Petrarch(opts PetrarchOptions) (*PetrarchReport, error) {
	if opts.Dicts == "" {
		opts.Dicts = filepath.Dir(opts.Records)
	}
	f, err := os.Open(opts.Records)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := eval.ReadPetrarchRecords(f, opts.Records)
	if err != nil {
		return nil, err
	}
	d, err := eval.LoadPetrarchDicts(opts.Dicts, opts.Actors, opts.Agents, opts.Discards, opts.Verbs)
	if err != nil {
		return nil, err
	}
	code, err := eval.NewPetrarchCoder(analysis.Options{}, d)
	if err != nil {
		return nil, err
	}
	outs := eval.RunPetrarch(recs, code)
	return &PetrarchReport{Opts: opts, Outcomes: outs, Summary: eval.SummarizePetrarch(outs), Skipped: len(d.Skipped)}, nil
}

// Write prints each scorable record's pass (unless Quiet) or failure, then
// the totals.
func (r *PetrarchReport) Write(w io.Writer) error {
	for _, o := range r.Outcomes {
		if !o.Scorable {
			continue
		}
		if o.Pass {
			if !r.Opts.Quiet {
				fmt.Fprintf(w, "pass %s\n", o.Record.ID)
			}
			continue
		}
		want := "no event"
		if !o.Record.NoEvents {
			want = fmt.Sprint(o.Record.Expected)
		}
		fmt.Fprintf(w, "FAIL %s %q\n     want %s\n     got  %v\n", o.Record.ID, o.Record.Text, want, o.Got)
	}
	s := r.Summary
	_, err := fmt.Fprintf(w, "\nrecords %d, passed %d (%.1f%%)\nexpected codings %d, reproduced %d (%.1f%%), extra codings %d\nrecords expecting no event %d, of which coded %d\nverb patterns not imported: %d\n",
		s.Records, s.Passed, percent(s.Passed, s.Records), s.Expected, s.Found, percent(s.Found, s.Expected), s.Extra, s.NoEventRecords, s.FalseHits, r.Skipped)
	return err
}
