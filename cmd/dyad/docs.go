package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

const docsExamples = `  dyad docs                                   # the 20 newest documents
  dyad docs -q "security council" --from 2024-01-01
  dyad docs --outlet "Example Wire" --lang en --limit 100
  dyad docs -q "sanctions OR embargo -oil" --json | jq -r .title
  dyad docs --limit 0 --json > all.jsonl      # every document, one JSON object a line

Search: words must all match ("sanction" also finds "sanctions"), "quoted
phrases" match as phrases, word* matches a prefix, OR joins two terms and
-word excludes one.`

func runDocs(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("docs", "[flags]", docsExamples, stderr)
	load := configFlags(fs, "db")
	outlet := fs.String("outlet", "", "only documents from this outlet (exact name)")
	lang := fs.String("lang", "", "only documents in this language (ISO 639-1, e.g. en)")
	from := fs.String("from", "", "only documents published on or after this day (YYYY-MM-DD)")
	to := fs.String("to", "", "only documents published on or before this day (YYYY-MM-DD)")
	query := fs.String("q", "", "full-text search over title and text")
	limit := fs.Int("limit", 20, "at most this many documents; 0 for all")
	all := fs.Bool("all-versions", false, "include versions superseded by a newer text at the same URL")
	asJSON := fs.Bool("json", false, "write JSON Lines: one document, with its text, per line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (use -q for a search)", errUsage, fs.Arg(0))
	}
	if *limit < 0 {
		return fmt.Errorf("%w: --limit: %d is negative", errUsage, *limit)
	}
	f := store.DocFilter{Outlet: *outlet, Lang: *lang, Query: *query, AllVersions: *all}
	if f.From, err = parseDay("--from", *from); err != nil {
		return err
	}
	if f.To, err = parseDay("--to", *to); err != nil {
		return err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the store's To is exclusive
	}
	st, err := openStore(ctx, cfg.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()

	var tw *tabwriter.Writer
	enc := json.NewEncoder(stdout)
	if !*asJSON {
		tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPUBLISHED\tLANG\tOUTLET\tTITLE")
	}
	shown := 0
	for {
		page := store.MaxLimit
		if *limit > 0 {
			page = min(page, *limit-shown)
		}
		f.Limit = page
		docs, err := st.Documents(ctx, f)
		if errors.Is(err, store.ErrBadQuery) {
			return fmt.Errorf("%w: -q: %v", errUsage, err)
		}
		if err != nil {
			return err
		}
		for i := range docs {
			d := &docs[i]
			if *asJSON {
				if err := enc.Encode(d); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, day(d.Published), cell(d.Lang, 5), cell(d.Outlet, 24), cell(title(d), 70))
		}
		shown += len(docs)
		if len(docs) < page || (*limit > 0 && shown >= *limit) {
			break
		}
		f.After = docs[len(docs)-1].ID
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
		if shown == 0 {
			fmt.Fprintln(stderr, "no documents match")
		}
	}
	return nil
}

// parseDay reads a YYYY-MM-DD flag value; "" is the zero time.
func parseDay(flagName, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s: %q is not a day like 2024-01-31", errUsage, flagName, v)
	}
	return t, nil
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

// title is a document's title, or the start of its text.
func title(d *doc.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Text
}

// cell is clip for one table cell, "-" when nothing is left.
func cell(s string, n int) string {
	if s = clip(s, n); s == "" {
		return "-"
	}
	return s
}

// clip makes untrusted text safe and short for a terminal: control
// characters (terminal escapes, tabs, newlines) become spaces, runs of
// spaces collapse, and the result is cut to n characters, the last an
// ellipsis when cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(printable(s, false)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// printable replaces control characters with spaces so that text from the
// outside cannot drive the terminal; newlines and tabs stay when keepLines.
func printable(s string, keepLines bool) string {
	return strings.Map(func(r rune) rune {
		if keepLines && (r == '\n' || r == '\t') {
			return r
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
