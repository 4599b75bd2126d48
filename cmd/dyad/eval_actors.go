package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/eval"
)

// runEvalActors scores actor mentions on re3d (mention F1 for Organisation,
// Person and Nationality; country attribution) and on the ConfliBERT CAMEO
// source/target BIO spans (recall of the actors an event involves).
func runEvalActors(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval actors", "[--re3d DIR] [--cameo FILE] [--date YYYY-MM-DD] [--dict FILE]... [--errors N]",
		"  dyad eval actors\n  dyad eval actors --errors 40 --re3d ../shared/data/dev/re3d", stderr)
	re3dDir := fs.String("re3d", "../shared/data/dev/re3d", "re3d directory (subsets with documents/entities/relations.json); empty to skip")
	geoPath := fs.String("geo", "../shared/data/geo/world-countries/countries.json", "world-countries file giving gold countries")
	cameo := fs.String("cameo", "../shared/data/dev/conflibert-cameo/cameo_ner.train.txt", "CAMEO BIO span file; empty to skip")
	dateFlag := fs.String("date", "2016-06-01", "document date for re3d (its documents are from 2015-2017)")
	nerr := fs.Int("errors", 0, "print up to N misses, false positives and wrong countries")
	var dicts dictFlags
	fs.Var(&dicts, "dict", "a user dictionary `FILE` (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	date, err := time.Parse("2006-01-02", *dateFlag)
	if err != nil {
		return fmt.Errorf("%w: --date: want YYYY-MM-DD", errUsage)
	}
	user, err := readUserDicts(dicts)
	if err != nil {
		return err
	}
	d, err := loadDictionary(user)
	if err != nil {
		return err
	}
	if *re3dDir != "" {
		s, err := evalRe3d(d, *re3dDir, *geoPath, date)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "re3d %s (date %s)\n", filepath.Clean(*re3dDir), *dateFlag)
		printPRF(stdout, "mentions (overlap)", s.Overlap)
		printPRF(stdout, "mentions (strict)", s.Strict)
		printPRF(stdout, "strict, no places", s.StrictActors)
		printPRF(stdout, "mentions (exact span)", s.Exact)
		for _, t := range []string{"Organisation", "Person", "Nationality"} {
			if p := s.ByType[t]; p != nil {
				fmt.Fprintf(stdout, "  recall %-12s %5.1f%%  (%d/%d)\n", t, 100*p.Recall(), p.TP, p.TP+p.FN)
			}
		}
		fmt.Fprintf(stdout, "  predictions over other gold types (Location, ...), not counted in overlap precision: %d\n", s.Ignored)
		fmt.Fprintf(stdout, "  (strict counts them; \"no places\" drops country and capital mentions after in/across/inside...)\n")
		fmt.Fprintf(stdout, "  country attribution on matched mentions: %.1f%% (%d/%d)\n", 100*s.CountryAccuracy(), s.CountryOK, s.CountryN)
		if *nerr > 0 {
			printSome(stdout, "miss", s.Misses, *nerr)
			printSome(stdout, "false positive", s.FalsePos, *nerr)
			printSome(stdout, "wrong country", s.WrongCountry, *nerr)
		}
	}
	if *cameo != "" {
		f, err := os.Open(*cameo)
		if err != nil {
			return err
		}
		recs, err := eval.ReadBIO(f, *cameo)
		f.Close()
		if err != nil {
			return err
		}
		geo, err := eval.LoadGeo(*geoPath)
		if err != nil {
			return err
		}
		var exact, overlap eval.PRF
		countryN, countryOK := 0, 0
		for _, r := range recs {
			ms, _ := annotate(d, r.Text, time.Time{})
			var pred []doc.Span
			for _, m := range ms {
				pred = append(pred, m.Span)
			}
			gold := append(append([]doc.Span(nil), r.Sources...), r.Targets...)
			eval.ScoreSpans(gold, pred, &exact, &overlap)
			// Country attribution: a gold span naming its own country
			// ("Iraqi troops") against the overlapping mention's country.
			for _, g := range gold {
				want := geo.CountryOf(r.Text[g.Start:g.End])
				if want == "" {
					continue
				}
				for _, m := range ms {
					if m.Span.Start < g.End && g.Start < m.Span.End && m.Country != "" {
						countryN++
						if m.Country == want {
							countryOK++
						}
						break
					}
				}
			}
		}
		fmt.Fprintf(stdout, "cameo BIO %s: %d sentences, %d source/target spans\n", *cameo, len(recs), overlap.TP+overlap.FN)
		fmt.Fprintf(stdout, "  recall of source/target spans: overlap %.1f%%, exact %.1f%%\n", 100*overlap.Recall(), 100*exact.Recall())
		fmt.Fprintf(stdout, "  (precision is not scored: only the source and target of each sentence are labelled; %d other mentions)\n", overlap.FP)
		fmt.Fprintf(stdout, "  country attribution on spans naming their country: %.1f%% (%d/%d)\n", 100*float64(countryOK)/float64(max(1, countryN)), countryOK, countryN)
	}
	return nil
}

func evalRe3d(d *actor.Dictionary, dir, geoPath string, date time.Time) (*eval.ActorScore, error) {
	docs, _, err := eval.ReadRe3d(dir)
	if err != nil {
		return nil, err
	}
	geo, err := eval.LoadGeo(geoPath)
	if err != nil {
		return nil, err
	}
	s := eval.NewActorScore()
	for _, doc := range docs {
		ms, _ := annotate(d, doc.Text, date)
		var pred []eval.Predicted
		for _, m := range ms {
			pred = append(pred, eval.Predicted{Span: m.Span, Country: m.Country, Text: m.Text, Locative: m.Locative})
		}
		s.Add(doc, eval.GoldCountries(doc, geo), pred)
	}
	return s, nil
}

func printPRF(w io.Writer, name string, p eval.PRF) {
	fmt.Fprintf(w, "  %-22s P %5.1f%%  R %5.1f%%  F1 %5.1f%%  (tp %d fp %d fn %d)\n", name, 100*p.Precision(), 100*p.Recall(), 100*p.F1(), p.TP, p.FP, p.FN)
}

func printSome(w io.Writer, what string, xs []string, n int) {
	for i, x := range xs {
		if i >= n {
			fmt.Fprintf(w, "  ... %d more %ss\n", len(xs)-n, what)
			return
		}
		fmt.Fprintf(w, "  %s: %s\n", what, x)
	}
}
