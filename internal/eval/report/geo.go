package report

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

// GeoOptions say which gold corpus to code and where to list misses.
type GeoOptions struct {
	Gold string // gold corpus file (JSON Lines)
	// Misses, when not nil, receives a line for each event whose place is
	// missing, extra or different, as the corpus is coded.
	Misses io.Writer
}

// GeoReport is the place score of the coded events, and the gazetteer's
// reading of the gold place spans themselves.
type GeoReport struct {
	Gold       string
	Places     eval.PlaceScore
	GivenSpans geo.Figures // the gazetteer given the gold place spans (as Mordecai is measured)
	Gazetteer  int         // places in the gazetteer
	Loaded     time.Duration
}

// Geo codes the gold corpus and scores the places of the coded events
// against the gold event locations, then the gazetteer's reading of the
// gold place spans. A gold file with errors is a *GoldError.
func Geo(ctx context.Context, opts GeoOptions) (*GeoReport, error) {
	docs, err := readCorpus(opts.Gold)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	g, err := geo.Default()
	if err != nil {
		return nil, err
	}
	r := &GeoReport{Gold: opts.Gold, Gazetteer: g.Len(), Loaded: time.Since(start)}
	a, err := analysis.New(analysis.Options{Gazetteer: g})
	if err != nil {
		return nil, err
	}
	r.Places.Misses = opts.Misses
	var golds []geo.Gold
	err = analyzeCorpus(ctx, opts.Gold, docs, a, func(d corpus.Document, res analysis.Result) {
		r.Places.AddPlaces(g, d.Text, d.Events, res.Events)
		if ps := eval.GoldPlaces(d); len(ps) > 0 {
			golds = append(golds, geo.Gold{Text: d.Text, Sentences: res.Sentences, Countries: res.Countries, Places: ps})
		}
	})
	if err != nil {
		return nil, err
	}
	r.Places.Misses = nil
	r.GivenSpans, _ = geo.Score(g, golds)
	return r, nil
}

// Write prints the place table, the score given the gold spans and the
// gazetteer's size and load time.
func (r *GeoReport) Write(w io.Writer) error {
	if err := r.Places.Print(w, r.Gold); err != nil {
		return err
	}
	fmt.Fprintf(w, "given the gold place spans: %s\n", r.GivenSpans)
	_, err := fmt.Fprintf(w, "gazetteer: %d places, loaded in %d ms\n", r.Gazetteer, r.Loaded.Milliseconds())
	return err
}
