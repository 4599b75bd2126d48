package eval

import (
	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/doc"
)

// NewPetrarchCoder returns a PetrarchCoder that codes records with
// analyzers built on dicts (the validation dictionaries use test codes, so
// no codebook), requiring a source and a target unless the record's
// require_dyad option is false. nlp pipelines are shared.
func NewPetrarchCoder(base analysis.Options, dicts *PetrarchDicts) (PetrarchCoder, error) {
	base.Actors, base.Patterns, base.NoCodebook = dicts.Actors, dicts.Patterns, true
	withDyad := base
	withDyad.Coder.RequireSource, withDyad.Coder.RequireTarget = true, true
	strict, err := analysis.New(withDyad)
	if err != nil {
		return nil, err
	}
	loose, err := analysis.New(base)
	if err != nil {
		return nil, err
	}
	return func(rec *PetrarchRecord) []Coding {
		a := strict
		if v := rec.Config["require_dyad"]; v == "false" {
			a = loose
		}
		res := a.Analyze(doc.Document{ID: rec.ID, Text: rec.Text, Published: rec.Date, Lang: "en"})
		var out []Coding
		for _, e := range res.Events {
			// PETRARCH codes modal and future events as events; negation and
			// denial it codes with separate patterns dyad does not import.
			if e.Status == "negated" || e.Status == "denied" {
				continue
			}
			out = append(out, Coding{Source: e.Source.Code, Target: e.Target.Code, Code: e.Code})
		}
		return out
	}, nil
}
