// Package report runs the "dyad eval" measurements: each function loads a
// gold set, runs the analysis over it, scores it with package eval and
// returns a typed report whose Write method prints the figures the command
// prints (docs/figures.md quotes them). No production package imports it,
// nor package eval.
package report

import (
	"context"
	"fmt"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/doc"
)

// GoldError is returned when a gold corpus file has errors; Diags holds
// every diagnostic of the file (errors and warnings) for the caller to
// print.
type GoldError struct {
	Path  string
	Diags []corpus.Diagnostic
}

func (e *GoldError) Error() string {
	return fmt.Sprintf("%s: %d errors in the gold corpus", e.Path, corpus.Errors(e.Diags))
}

// readCorpus reads a gold corpus file, refusing one with errors (a
// *GoldError).
func readCorpus(path string) ([]corpus.Document, error) {
	docs, diags, err := corpus.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if corpus.Errors(diags) > 0 {
		return nil, &GoldError{Path: path, Diags: diags}
	}
	return docs, nil
}

// analyzeCorpus analyses each document of a gold corpus file (path names
// it in errors) as published on its date, passing the gold document and
// the analysis to fn. It stops with ctx's error when ctx is done.
func analyzeCorpus(ctx context.Context, path string, docs []corpus.Document, a *analysis.Analyzer, fn func(corpus.Document, analysis.Result)) error {
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

// percent is 100·n/of, or 0 when of is 0.
func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
