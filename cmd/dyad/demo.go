package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/dyad-project/dyad/examples"
	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
)

const demoExamples = `  dyad demo                          # into ./dyad.db, then serve the UI at http://127.0.0.1:8080/
  dyad demo --serve=false            # only ingest, code and print; then try: dyad events --dyad USA,YEM
  dyad demo --db /tmp/demo.db --addr 127.0.0.1:9000`

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	limitMemory()
	fs := newFlagSet("demo", "[flags]", demoExamples, stderr)
	load := configFlags(fs, "db")
	serve := fs.Bool("serve", true, "after coding, serve the web UI and API until Ctrl-C")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on, with --serve")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: demo takes no arguments", errUsage)
	}
	st, err := openStore(ctx, cfg.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "Ingesting the example corpus (%d files) into %s\n\n", examples.Files(), cfg.DB)
	walk := func(ctx context.Context, yield func(source.Item) error) error {
		return examples.Walk(ctx, source.Options{}, yield)
	}
	a, err := analysis.New(analysis.Options{})
	if err != nil {
		return fmt.Errorf("loading the analysis stages: %w", err)
	}
	opts := pipeline.Options{Analyze: storeAnalyzer(a)}
	sum, runErr := pipeline.RunWalker(ctx, st, walk, opts)
	printSummary(stdout, stderr, sum)
	if runErr != nil {
		return runErr
	}
	if err := describeStore(ctx, st, stdout); err != nil {
		return err
	}
	if *serve {
		fmt.Fprintln(stdout)
		return serveStore(ctx, st, serveOptions{Addr: *addr, Cache: defaultCache}, stdout, stderr)
	}
	fmt.Fprintf(stdout, "\nNext: dyad events --dyad USA,YEM   dyad docs -q \"security council\"   dyad show ID   dyad serve\n")
	if sum.Failed > 0 {
		return errFailed
	}
	return nil
}

// describeStore prints what the store holds: counts, languages, outlets
// and the newest documents.
func describeStore(ctx context.Context, st store.Store, w io.Writer) error {
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nThe store holds %d documents (%d superseded versions) from %d outlets; %d pending coding, %d coded, %d skipped; %d events.\n",
		s.Documents, s.Superseded, s.Outlets, s.Pending, s.Coded, s.Skipped, s.Events)
	langs := make([]string, 0, len(s.Languages))
	for l, n := range s.Languages {
		if l == "" {
			l = "unknown"
		}
		langs = append(langs, fmt.Sprintf("%s %d", l, n))
	}
	sort.Strings(langs)
	fmt.Fprintf(w, "Languages: %s\n\n", strings.Join(langs, ", "))
	docs, err := st.Documents(ctx, store.DocFilter{Limit: 12})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tLANG\tFORMAT\tOUTLET\tTITLE")
	for i := range docs {
		d := &docs[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.ID, day(d.Published), cell(d.Lang, 5), cell(d.Format, 6), cell(d.Outlet, 22), cell(title(d), 60))
	}
	if s.Documents > len(docs) {
		fmt.Fprintf(tw, "… and %d more (dyad docs --limit 0)\n", s.Documents-len(docs))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return describeEvents(ctx, st, w)
}

// describeEvents prints the busiest dyads and a sample of events with their
// status and the words that state them.
func describeEvents(ctx context.Context, st store.Store, w io.Writer) error {
	q, ok := st.(store.Queries)
	if !ok {
		return nil
	}
	dyads, err := q.Dyads(ctx, store.EventFilter{}, 8)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nBusiest dyads (asserted and reported events):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tTARGET\tEVENTS\tCOOPERATION\tCONFLICT\tGOLDSTEIN")
	for _, d := range dyads {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%+.1f\n", d.Source, d.Target, d.Events, d.Cooperation, d.Conflict, d.Goldstein)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nEvents that did not happen as facts (negated, hypothetical, future, denied):")
	page, err := st.Events(ctx, store.EventFilter{Statuses: []event.Status{event.Negated, event.Hypothetical, event.Future, event.Denied}, Limit: 8})
	if err != nil {
		return err
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCODE\tSTATUS\tCUE\tTRIGGER")
	for _, e := range page.Events {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Date, dash(e.Source.Code), dash(e.Target.Code), e.Code, e.Status, cell(e.CueText, 12), cell(e.TriggerText, 20))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
