package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-project/dyad/internal/timex"
)

// runTimex prints the temporal expressions of a text with their values.
func runTimex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("timex", "[flags] TEXT|FILE|-",
		"  dyad timex --date 2024-01-27 \"Ministers met on Wednesday and will meet again next month.\"\n"+
			"  dyad timex --date 2024-01-27 --json article.txt\n  cat article.txt | dyad timex -", stderr)
	dateFlag := fs.String("date", "", "publication date YYYY-MM-DD the expressions resolve against (default: today, UTC)")
	asJSON := fs.Bool("json", false, "write one JSON object per expression (JSON Lines)")
	load := configFlags(fs, "max-size")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: give a text, a file or - for standard input", errUsage)
	}
	ref := time.Now().UTC()
	if *dateFlag != "" {
		d, err := time.Parse("2006-01-02", *dateFlag)
		if err != nil {
			return fmt.Errorf("%w: --date %q is not YYYY-MM-DD", errUsage, *dateFlag)
		}
		ref = d
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	text, err := literalText(fs.Args(), cfg.MaxSize)
	if err != nil {
		return err
	}
	exprs := timex.New().Find(text, ref)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		for _, e := range exprs {
			row := struct {
				timex.Expr
				Date string `json:"date,omitempty"`
			}{e, e.Date()}
			if err := enc.Encode(row); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "START\tEND\tTYPE\tVALUE\tPRECISION\tDATE\tTEXT")
	for _, e := range exprs {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\n", e.Start, e.End, e.Type, e.Value, e.Precision, e.Date(), strings.Join(strings.Fields(e.Text), " "))
	}
	return tw.Flush()
}

// timexInput returns the text named by args: "-" reads standard input, a
