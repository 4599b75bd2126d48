package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/source"
)

func runCode(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("code", "[--date YYYY-MM-DD] [--outlet NAME] [--json] [--why] FILE|-",
		"  dyad code --date 2024-01-27 examples/text/2024-01-27-ahmadian-moscow.txt\n  echo 'Russia did not attack Ukraine.' | dyad code --json -", stderr)
	date := fs.String("date", "", "publication date YYYY-MM-DD (relative dates resolve against it)")
	outlet := fs.String("outlet", "", "the outlet, for attribution of unsourced events")
	asJSON := fs.Bool("json", false, "print JSON Lines, one event a line")
	why := fs.Bool("why", false, "also print why each event was coded (score, strongest features, patterns, source, target, status, date) and why sentences yielded none")
	load := configFlags(fs, "max-size", "min-confidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one FILE or - for stdin", errUsage)
	}
	var pub time.Time
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return fmt.Errorf("%w: --date %q: want YYYY-MM-DD", errUsage, *date)
		}
		pub = t
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	text, err := readText(fs.Arg(0), cfg.MaxSize, false)
	if err != nil {
		return err
	}
	an, err := analysis.New(analysis.Options{Coder: event.Options{MinConfidence: cfg.MinConfidence}})
	if err != nil {
		return err
	}
	// Files go through the source readers, so headers ("Date:", "Source:")
	// and HTML pages become metadata and clean text.
	var d doc.Document
	var rerr error
	switch ext := strings.ToLower(filepath.Ext(fs.Arg(0))); ext {
	case ".html", ".htm":
		d, _, rerr = source.ParseHTML(fs.Arg(0), []byte(text), "text/html", "")
	default:
		d, _, rerr = source.ParseText(fs.Arg(0), []byte(text))
	}
	if rerr != nil {
		return rerr
	}
	d.ID = doc.ContentID(d.Text)
	if !pub.IsZero() {
		d.Published = pub
	}
	if *outlet != "" {
		d.Outlet = *outlet
	}
	if d.Lang == "" {
		d.Lang = "en"
	}
	text = d.Text
	res := an.Analyze(d)
	if res.Skipped != "" {
		fmt.Fprintf(stderr, "skipped: %s\n", res.Skipped)
		return nil
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		for _, e := range res.Events {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
	} else {
		evPrintTable(stdout, res.Events)
		if *why {
			for _, e := range res.Events {
				printWhy(stdout, text, e)
			}
		}
	}
	if *why {
		for _, dg := range res.Diagnostics {
			loc := ""
			if dg.Span != nil && dg.Span.Valid(len(text)) {
				loc = fmt.Sprintf(" %q", clip(text[dg.Span.Start:dg.Span.End], 80))
			}
			fmt.Fprintf(stderr, "%s %s:%s %s\n", dg.Severity, dg.Stage, loc, dg.Message)
		}
	}
	return nil
}

// printEvents writes events as an aligned table.
func evPrintTable(w io.Writer, es []event.Event) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCODE\tEVENT\tSTATUS\tCUE\tSAID BY\tPLACE\tREPORTS\tTRIGGER")
	for _, e := range es {
		said := ""
		if e.Attributed != nil {
			said = cmp.Or(e.Attributed.Code, e.Attributed.Name, e.Attributed.Text)
		}
		place := e.Location
		if place != "" && e.LocationCountry != "" && place != e.LocationCountry {
			place += " " + e.LocationCountry
		}
		reports := ""
		if e.Mentions > 1 {
			reports = fmt.Sprintf("%d/%d", e.Mentions, e.Outlets)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Date, evActorLabel(e.Source), evActorLabel(e.Target), e.Code,
			clip(e.Name, 32), e.Status, e.CueText, clip(said, 20), clip(place, 24), reports, clip(e.TriggerText, 30))
	}
	tw.Flush()
	fmt.Fprintf(w, "%d events\n", len(es))
}

func evActorLabel(a event.Actor) string {
	if a.Code != "" {
		return a.Code
	}
	if a.Text != "" {
		return "(" + clip(a.Text, 20) + ")"
	}
	return "-"
}

// printWhy writes the explanation of one event.
func printWhy(w io.Writer, text string, e event.Event) {
	fmt.Fprintf(w, "\n%s %s → %s at %q: %s\n", e.Code, e.Source.Code, e.Target.Code, e.TriggerText, clip(e.Name, 60))
	if e.Why == nil {
		fmt.Fprintln(w, "  (no explanation recorded)")
		return
	}
	y := e.Why
	fmt.Fprintf(w, "  score     %.0f %% that the trigger states an event\n", 100*y.Score)
	for k, f := range y.Features {
		label := ""
		if k == 0 {
			label = "root by"
		}
		fmt.Fprintf(w, "  %-9s %+.2f %s\n", label, f.Weight, clip(f.Feature, 70))
	}
	for k, f := range y.Code {
		label := ""
		if k == 0 {
			label = "code by"
		}
		fmt.Fprintf(w, "  %-9s %+.2f %s\n", label, f.Weight, clip(f.Feature, 70))
	}
	for _, p := range y.Patterns {
		fmt.Fprintf(w, "  pattern   %s\n", clip(p, 90))
	}
	fmt.Fprintf(w, "  source    %s\n", y.Source)
	if e.Source.Inferred != "" {
		fmt.Fprintf(w, "            country: %s\n", e.Source.Inferred)
	}
	fmt.Fprintf(w, "  target    %s\n", y.Target)
	if e.Target.Inferred != "" {
		fmt.Fprintf(w, "            country: %s\n", e.Target.Inferred)
	}
	fmt.Fprintf(w, "  status    %s\n", y.Status)
	fmt.Fprintf(w, "  date      %s\n", y.Date)
}
