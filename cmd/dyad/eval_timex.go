package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval/report"
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
	r := report.Timex(report.TimexOptions{Dir: fs.Arg(0), Errors: *showErrors})
	for _, err := range r.ReadErrors {
		fmt.Fprintf(stderr, "dyad eval timex: %v\n", err)
	}
	if r.Read == 0 {
		return errFailed
	}
	if err := r.Write(stdout); err != nil {
		return err
	}
	if len(r.ReadErrors) > 0 {
		return errFailed
	}
	return nil
}
