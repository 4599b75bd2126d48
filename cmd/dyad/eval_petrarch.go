package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/eval"
)

func runEvalPetrarch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval petrarch", "[--dicts DIR] [--verbs FILE] [--quiet] RECORDS.xml",
		"  dyad eval petrarch --dicts ../shared/data/dev/petrarch-validation ../shared/data/dev/petrarch-validation/PETR.UnitTest.records.dev.xml", stderr)
	dicts := fs.String("dicts", "", "directory with the PETR.Validate.* dictionaries (default: the records file's directory)")
	actors := fs.String("actors", "PETR.Validate.actors.txt", "actor dictionary in --dicts")
	agents := fs.String("agents", "PETR.Validate.agents.txt", "agent dictionary in --dicts")
	discards := fs.String("discards", "PETR.Validate.discards.txt", "discard list in --dicts")
	verbs := fs.String("verbs", "PETR.Validate.verbs.txt", "verb dictionary in --dicts")
	quiet := fs.Bool("quiet", false, "print only failures and the totals")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one RECORDS.xml", errUsage)
	}
	path := fs.Arg(0)
	if *dicts == "" {
		*dicts = filepath.Dir(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := eval.ReadPetrarchRecords(f, path)
	if err != nil {
		return err
	}
	d, err := eval.LoadPetrarchDicts(*dicts, *actors, *agents, *discards, *verbs)
	if err != nil {
		return err
	}
	code, err := eval.NewPetrarchCoder(analysis.Options{}, d)
	if err != nil {
		return err
	}
	outs := eval.RunPetrarch(recs, code)
	for _, o := range outs {
		if !o.Scorable {
			continue
		}
		if o.Pass {
			if !*quiet {
				fmt.Fprintf(stdout, "pass %s\n", o.Record.ID)
			}
			continue
		}
		want := "no event"
		if !o.Record.NoEvents {
			want = fmt.Sprint(o.Record.Expected)
		}
		fmt.Fprintf(stdout, "FAIL %s %q\n     want %s\n     got  %v\n", o.Record.ID, o.Record.Text, want, o.Got)
	}
	s := eval.SummarizePetrarch(outs)
	fmt.Fprintf(stdout, "\nrecords %d, passed %d (%.1f%%)\nexpected codings %d, reproduced %d (%.1f%%), extra codings %d\nrecords expecting no event %d, of which coded %d\nverb patterns not imported: %d\n",
		s.Records, s.Passed, evPct(s.Passed, s.Records), s.Expected, s.Found, evPct(s.Found, s.Expected), s.Extra, s.NoEventRecords, s.FalseHits, len(d.Skipped))
	return nil
}

func evPct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
