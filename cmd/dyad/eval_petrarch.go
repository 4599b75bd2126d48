package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval/report"
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
	r, err := report.Petrarch(report.PetrarchOptions{Records: fs.Arg(0), Dicts: *dicts,
		Actors: *actors, Agents: *agents, Discards: *discards, Verbs: *verbs, Quiet: *quiet})
	if err != nil {
		return err
	}
	return r.Write(stdout)
}
