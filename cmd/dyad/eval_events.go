package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/event"
)

// runEvalEvents codes every document of a gold corpus file with dyad's coder
// and scores its events against the gold ones.
func runEvalEvents(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval events", "[--gold FILE.jsonl]",
		"  dyad eval events                                  # the corpus test split\n"+
			"  dyad eval events --gold data/corpus/dev.jsonl", stderr)
	gold := fs.String("gold", "data/corpus/test.jsonl", "gold corpus file (JSON Lines, docs/annotation.md §11)")
	load := configFlags(fs, "min-confidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (give the file with --gold)", errUsage, fs.Arg(0))
	}
	a, err := analysis.New(analysis.Options{Coder: event.Options{MinConfidence: cfg.MinConfidence}})
	if err != nil {
		return err
	}
	score := eval.NewEventScore()
	start := time.Now()
	err = analyzeCorpus(ctx, *gold, a, stderr, func(d corpus.Document, r analysis.Result) {
		score.Add(d.Register, d.Events, goldEvents(d.Text, r.Events))
	})
	if err != nil {
		return err
	}
	return printEventScore(stdout, *gold, score, time.Since(start))
}

// analyzeCorpus reads a gold corpus file, refusing one with errors, and
// analyses each document as published on its date, passing the gold
// document and the analysis to fn.
func analyzeCorpus(ctx context.Context, path string, a *analysis.Analyzer, stderr io.Writer, fn func(corpus.Document, analysis.Result)) error {
	docs, diags, err := corpus.ReadFile(path)
	if err != nil {
		return err
	}
	if corpus.Errors(diags) > 0 {
		printDiags(stderr, diags)
		return errFailed
	}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		pub, err := time.Parse("2006-01-02", d.Date)
		if err != nil {
			return fmt.Errorf("%s: document %s: date %q: %w", path, d.ID, d.Date, err)
		}
		fn(d, a.Analyze(doc.Document{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: pub, Lang: "en", Text: d.Text}))
	}
	return nil
}

// goldEvents turns the coder's events into the corpus's form for scoring.
func goldEvents(text string, es []event.Event) []corpus.Event {
	out := make([]corpus.Event, 0, len(es))
	span := func(s doc.Span) corpus.Span {
		return corpus.Span{Text: text[s.Start:s.End], Start: s.Start, End: s.End}
	}
	actor := func(a event.Actor) corpus.Actor {
		c := corpus.Actor{Code: a.Code}
		if a.Span != nil {
			c.Span = span(*a.Span)
		}
		return c
	}
	for _, e := range es {
		g := corpus.Event{Trigger: span(e.Trigger), Code: e.Code, PloverType: e.PloverType, PloverMode: e.PloverMode,
			Source: actor(e.Source), Status: string(e.Status), Date: corpus.Date{Value: e.DateValue, Publication: e.Precision == "publication"}}
		if e.Target.Code != "" {
			t := actor(e.Target)
			g.Target = &t
		}
		if e.Attributed != nil {
			s := actor(*e.Attributed)
			g.Speaker = &s
		}
		if e.Cue != nil {
			c := span(*e.Cue)
			g.Cue = &c
		}
		out = append(out, g)
	}
	return out
}

func printEventScore(w io.Writer, name string, s *eval.EventScore, took time.Duration) error {
	fmt.Fprintf(w, "%s: %d documents, %d gold events, %d coded events (%.1f s)\n", name, s.Docs,
		s.Levels[0].TP+s.Levels[0].FN, s.SysEvents, took.Seconds())
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "level\tP\tR\tF1\t")
	for i, l := range eval.EventLevels {
		p := s.Levels[i]
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t\n", l, 100*p.Precision(), 100*p.Recall(), 100*p.F1())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "sector-only sources: %d of %d coded events (%.1f %%)\n", s.SectorOnly, s.SysEvents, pct(s.SectorOnly, s.SysEvents))
	table := func(title string, by map[string]*eval.PRF, label func(string) string) {
		keys := make([]string, 0, len(by))
		for k := range by {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(w, "\n%s\n", title)
		tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "\tgold\tcoded\tP\tR\tF1\t")
		for _, k := range keys {
			p := by[k]
			fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t\n", label(k), p.TP+p.FN, p.TP+p.FP, 100*p.Precision(), 100*p.Recall(), 100*p.F1())
		}
		tw.Flush()
	}
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		return err
	}
	table("by CAMEO root (trigger + root)", s.ByRoot, func(r string) string {
		if c, ok := cb.Lookup(r); ok {
			return r + " " + c.Name
		}
		return r
	})
	table("by status (trigger + root + code + source + target + status)", s.ByStatus, func(k string) string { return k })
	fmt.Fprintf(w, "\nby register (F1 at each level)\n")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "register\t")
	for _, l := range eval.EventLevels {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw)
	regs := make([]string, 0, len(s.ByRegister))
	for r := range s.ByRegister {
		regs = append(regs, r)
	}
	sort.Strings(regs)
	for _, r := range regs {
		fmt.Fprintf(tw, "%s\t", r)
		for _, p := range s.ByRegister[r] {
			fmt.Fprintf(tw, "%.1f\t", 100*p.F1())
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
