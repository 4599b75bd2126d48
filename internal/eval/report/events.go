package report

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

// EventsOptions say which gold corpus to code and how.
type EventsOptions struct {
	Gold          string  // gold corpus file (JSON Lines, docs/annotation.md §11)
	MinConfidence float64 // the coder's threshold (event.Options.MinConfidence)
}

// EventsReport is the coder's score against a gold corpus file.
type EventsReport struct {
	Gold  string
	Score *eval.EventScore
	Took  time.Duration // coding and scoring, wall clock
	names *cameo.Codebook
}

// Events codes every document of opts.Gold with dyad's coder and scores
// its events against the gold ones. A gold file with errors is a
// *GoldError.
func Events(ctx context.Context, opts EventsOptions) (*EventsReport, error) {
	docs, err := readCorpus(opts.Gold)
	if err != nil {
		return nil, err
	}
	a, err := analysis.New(analysis.Options{Coder: event.Options{MinConfidence: opts.MinConfidence}})
	if err != nil {
		return nil, err
	}
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		return nil, err
	}
	score := eval.NewEventScore()
	start := time.Now()
	err = analyzeCorpus(ctx, opts.Gold, docs, a, func(d corpus.Document, r analysis.Result) {
		score.Add(d.Register, d.Events, CorpusEvents(d.Text, r.Events))
	})
	if err != nil {
		return nil, err
	}
	return &EventsReport{Gold: opts.Gold, Score: score, Took: time.Since(start), names: cb}, nil
}

// CorpusEvents turns the coder's events over text into the gold corpus's
// form, for scoring.
func CorpusEvents(text string, es []event.Event) []corpus.Event {
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

// Write prints the totals, P/R/F1 at each cumulative level, the share of
// sector-only sources, and tables by CAMEO root, by status and by register.
func (r *EventsReport) Write(w io.Writer) error {
	s := r.Score
	fmt.Fprintf(w, "%s: %d documents, %d gold events, %d coded events (%.1f s)\n", r.Gold, s.Docs,
		s.Levels[0].TP+s.Levels[0].FN, s.SysEvents, r.Took.Seconds())
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "level\tP\tR\tF1\t")
	for i, l := range eval.EventLevels() {
		p := s.Levels[i]
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t\n", l, 100*p.Precision(), 100*p.Recall(), 100*p.F1())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "sector-only sources: %d of %d coded events (%.1f %%)\n", s.SectorOnly, s.SysEvents, percent(s.SectorOnly, s.SysEvents))
	table := func(title string, by map[string]*eval.PRF, label func(string) string) error {
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
		return tw.Flush()
	}
	err := table("by CAMEO root (trigger + root)", s.ByRoot, func(root string) string {
		if r.names != nil {
			if c, ok := r.names.Lookup(root); ok {
				return root + " " + c.Name
			}
		}
		return root
	})
	if err != nil {
		return err
	}
	if err := table("by status (trigger + root + code + source + target + status)", s.ByStatus, func(k string) string { return k }); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nby register (F1 at each level)\n")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "register\t")
	for _, l := range eval.EventLevels() {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw)
	regs := make([]string, 0, len(s.ByRegister))
	for reg := range s.ByRegister {
		regs = append(regs, reg)
	}
	sort.Strings(regs)
	for _, reg := range regs {
		fmt.Fprintf(tw, "%s\t", reg)
		for _, p := range s.ByRegister[reg] {
			fmt.Fprintf(tw, "%.1f\t", 100*p.F1())
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
