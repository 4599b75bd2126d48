package main

import (
	"context"
	"fmt"
	"io"
)

// evalCommands are the "dyad eval" subcommands; each lives in eval_NAME.go.
func evalCommands() []command {
	return []command{
		{"parse", "UPOS, XPOS, UAS, LAS against a CoNLL-U file (gold or --raw tokenisation)", runEvalParse},
		{"timex", "TempEval-3 extraction and value F1 over TimeML .tml files", runEvalTimex},
		{"actors", "mention F1 and country attribution on re3d or CAMEO BIO spans", runEvalActors},
		{"cameo", "5-class accuracy and source/target span F1 on the ConfliBERT CAMEO sets", runEvalCameo},
		{"petrarch", "PETRARCH validation records: pass/fail per record and the overall rate", runEvalPetrarch},
		{"events", "event, root, code, source, target, status and date P/R/F1 against the gold corpus", runEvalEvents},
		{"police", "sentence-level P/R/F1 of police arrests and killings on the IndiaPoliceEvents corpus", runEvalPolice},
		{"geo", "place detection F1, exact place, country and within-161-km accuracy of event places on the gold corpus", runEvalGeo},
		{"happenings", "pairwise and B-cubed P/R/F1 of linking reports of one occurrence, on data/happenings", runEvalHappenings},
	}
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return dispatch(ctx, "eval", evalCommands(), args, stdout, stderr)
}

// dispatch runs the sub-subcommand named by args[0] among cs.
func dispatch(ctx context.Context, parent string, cs []command, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(stderr, "Usage: dyad %s WHAT [flags]\n\n", parent)
		for _, c := range cs {
			fmt.Fprintf(stderr, "  %-9s %s\n", c.name, c.summary)
		}
		fmt.Fprintf(stderr, "\nRun \"dyad %s WHAT -h\" for its flags.\n", parent)
		if len(args) == 0 {
			return fmt.Errorf("%w: name what to %s", errUsage, parent)
		}
		return nil
	}
	for _, c := range cs {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	return fmt.Errorf("%w: unknown %s %q", errUsage, parent, args[0])
}
