package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/geo"
)

// runEvalGeo codes the gold corpus and scores the places of the coded
// events against the gold event locations, then the gazetteer's reading of
// the gold place spans themselves (given the place name, as Mordecai is
// measured).
func runEvalGeo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval geo", "[--gold FILE.jsonl]",
		"  dyad eval geo                                  # the corpus test split\n"+
			"  dyad eval geo --gold data/corpus/dev.jsonl", stderr)
	gold := fs.String("gold", "data/corpus/test.jsonl", "gold corpus file (JSON Lines, docs/annotation.md §11)")
	misses := fs.Bool("misses", false, "print each event whose place is missing, extra or different")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (give the file with --gold)", errUsage, fs.Arg(0))
	}
	start := time.Now()
	g, err := geo.Default()
	if err != nil {
		return err
	}
	loaded := time.Since(start)
	a, err := analysis.New(analysis.Options{Gazetteer: g})
	if err != nil {
		return err
	}
	var score eval.PlaceScore
	if *misses {
		score.Misses = stdout
	}
	var golds []geo.Gold
	err = analyzeCorpus(ctx, *gold, a, stderr, func(d corpus.Document, r analysis.Result) {
		score.AddPlaces(g, d.Text, d.Events, r.Events)
		if ps := eval.GoldPlaces(d); len(ps) > 0 {
			golds = append(golds, geo.Gold{Text: d.Text, Sentences: r.Sentences, Countries: r.Countries, Places: ps})
		}
	})
	if err != nil {
		return err
	}
	if err := score.Print(stdout, *gold); err != nil {
		return err
	}
	f, _ := geo.Score(g, golds)
	fmt.Fprintf(stdout, "given the gold place spans: %s\n", f)
	fmt.Fprintf(stdout, "gazetteer: %d places, loaded in %d ms\n", g.Len(), loaded.Milliseconds())
	return nil
}
