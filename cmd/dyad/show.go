package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

const showExamples = `  dyad show 3f2a9c0d1e4b5a6978f0e1d2c3b4a596
  dyad show --json 3f2a9c0d1e4b5a6978f0e1d2c3b4a596 | jq .diagnostics
  dyad docs -q veto --limit 1 --json | jq -r .id | xargs dyad show`

// shown is what "dyad show --json" writes: the document and what the store
// knows about it.
type shown struct {
	doc.Document
	Status       store.CodingStatus `json:"status"`
	Skipped      string             `json:"skipped,omitempty"`
	SupersededBy string             `json:"superseded_by,omitempty"`
	Diagnostics  []doc.Diagnostic   `json:"diagnostics,omitempty"`
	Analysis     *store.Analysis    `json:"analysis,omitempty"`
}

func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("show", "[flags] ID", showExamples, stderr)
	load := configFlags(fs, "db")
	asJSON := fs.Bool("json", false, "write one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: name one document ID (see \"dyad docs\")", errUsage)
	}
	id := strings.TrimSpace(fs.Arg(0))
	st, err := openStore(ctx, cfg.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := st.Document(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no document %q in %s", id, cfg.DB)
	}
	if err != nil {
		return err
	}
	info, err := st.DocumentInfo(ctx, id)
	if err != nil {
		return err
	}
	a, err := st.Analysis(ctx, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	out := shown{Document: *d, Status: info.Status, Skipped: info.Skipped, SupersededBy: info.SupersededBy,
		Diagnostics: info.Diagnostics, Analysis: a}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(out)
	}
	printShown(stdout, &out)
	return nil
}

func printShown(w io.Writer, s *shown) {
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-13s %s\n", k+":", printable(v, false))
		}
	}
	d := &s.Document
	line("id", d.ID)
	line("title", d.Title)
	line("outlet", d.Outlet)
	line("author", d.Author)
	if !d.Published.IsZero() {
		line("published", d.Published.Format(time.RFC3339))
	}
	line("url", d.URL)
	line("language", d.Lang)
	line("format", d.Format)
	line("origin", d.Origin)
	line("ingested", d.Ingested.Format(time.RFC3339))
	version := fmt.Sprint(d.Version)
	if d.Supersedes != "" {
		version += ", replaces " + d.Supersedes
	}
	if s.SupersededBy != "" {
		version += ", replaced by " + s.SupersededBy
	}
	line("version", version)
	status := string(s.Status)
	if s.Skipped != "" {
		status += " (" + s.Skipped + ")"
	}
	line("coding", status)
	keys := make([]string, 0, len(d.Meta))
	for k := range d.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		line("meta."+k, d.Meta[k])
	}
	diags := s.Diagnostics
	if s.Analysis != nil {
		diags = append(diags[:len(diags):len(diags)], s.Analysis.Diagnostics...)
	}
	if len(diags) > 0 {
		fmt.Fprintf(w, "\ndiagnostics:\n")
		for _, g := range diags {
			where := ""
			if g.Span != nil {
				where = fmt.Sprintf(" [%d:%d]", g.Span.Start, g.Span.End)
			}
			fmt.Fprintf(w, "  %-7s %s%s: %s\n", g.Severity, g.Stage, where, printable(firstLine(g.Message), false))
		}
	}
	if a := s.Analysis; a != nil && (len(a.Events) > 0 || len(a.Annotations) > 0) {
		fmt.Fprintf(w, "\nannotations: %d\nevents: %d\n", len(a.Annotations), len(a.Events))
		for _, e := range a.Events {
			fmt.Fprintf(w, "  %s  %s %s -> %s  %s  %q\n", e.Date, e.Code, printable(e.Source.Code, false),
				printable(e.Target.Code, false), e.Status, printable(e.TriggerText, false))
		}
	}
	fmt.Fprintf(w, "\n%s\n", printable(d.Text, true))
}
