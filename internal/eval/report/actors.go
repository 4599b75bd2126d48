package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/eval"
)

// ActorsOptions say which gold sets to score actor mentions on, and how
// mentions are found.
type ActorsOptions struct {
	Re3d  string    // re3d directory (subsets with documents/entities/relations.json); "" skips it
	Date  time.Time // document date for re3d
	Geo   string    // world-countries file giving gold countries
	Cameo string    // ConfliBERT CAMEO BIO span file; "" skips it
	// Errors is how many misses, false positives and wrong countries
	// Write lists for re3d.
	Errors int
	// Mentions returns the resolved actor mentions of a text dated date
	// (time.Time{} for none).
	Mentions func(text string, date time.Time) []actor.Mention
}

// ActorsReport is the actor mentions' score on re3d and on the CAMEO
// source/target spans.
type ActorsReport struct {
	Opts  ActorsOptions
	Re3d  *eval.ActorScore // nil when skipped
	Cameo *CameoSpans      // nil when skipped
}

// CameoSpans is the recall of the actors an event involves, on the CAMEO
// BIO source and target spans.
type CameoSpans struct {
	Sentences      int
	Exact, Overlap eval.PRF // precision is not scored: only the source and target are labelled
	// Country attribution on gold spans naming their own country
	// ("Iraqi troops"), against the overlapping mention's country.
	CountryN, CountryOK int
}

// Actors scores actor mentions on re3d (mention F1 for Organisation,
// Person and Nationality; country attribution) and on the CAMEO BIO
// source and target spans (recall of the actors an event involves).
// On an error the report holds the sets scored before it, so that a
// caller can print them as they would have been printed.
func Actors(opts ActorsOptions) (*ActorsReport, error) {
	r := &ActorsReport{Opts: opts}
	if opts.Re3d != "" {
		s, err := re3d(opts)
		if err != nil {
			return r, err
		}
		r.Re3d = s
	}
	if opts.Cameo != "" {
		s, err := cameoSpans(opts)
		if err != nil {
			return r, err
		}
		r.Cameo = s
	}
	return r, nil
}

func re3d(opts ActorsOptions) (*eval.ActorScore, error) {
	docs, _, err := eval.ReadRe3d(opts.Re3d)
	if err != nil {
		return nil, err
	}
	geo, err := eval.LoadGeo(opts.Geo)
	if err != nil {
		return nil, err
	}
	s := eval.NewActorScore()
	for _, doc := range docs {
		var pred []eval.Predicted
		for _, m := range opts.Mentions(doc.Text, opts.Date) {
			pred = append(pred, eval.Predicted{Span: m.Span, Country: m.Country, Text: m.Text, Locative: m.Locative})
		}
		s.Add(doc, eval.GoldCountries(doc, geo), pred)
	}
	return s, nil
}

func cameoSpans(opts ActorsOptions) (*CameoSpans, error) {
	f, err := os.Open(opts.Cameo)
	if err != nil {
		return nil, err
	}
	recs, err := eval.ReadBIO(f, opts.Cameo)
	f.Close()
	if err != nil {
		return nil, err
	}
	geo, err := eval.LoadGeo(opts.Geo)
	if err != nil {
		return nil, err
	}
	s := &CameoSpans{Sentences: len(recs)}
	for _, r := range recs {
		ms := opts.Mentions(r.Text, time.Time{})
		var pred []doc.Span
		for _, m := range ms {
			pred = append(pred, m.Span)
		}
		gold := append(append([]doc.Span(nil), r.Sources...), r.Targets...)
		eval.ScoreSpans(gold, pred, &s.Exact, &s.Overlap)
		for _, g := range gold {
			want := geo.CountryOf(r.Text[g.Start:g.End])
			if want == "" {
				continue
			}
			for _, m := range ms {
				if m.Span.Start < g.End && g.Start < m.Span.End && m.Country != "" {
					s.CountryN++
					if m.Country == want {
						s.CountryOK++
					}
					break
				}
			}
		}
	}
	return s, nil
}

// Write prints the re3d section, then the CAMEO spans section, of those
// that were scored.
func (r *ActorsReport) Write(w io.Writer) error {
	if s := r.Re3d; s != nil {
		fmt.Fprintf(w, "re3d %s (date %s)\n", filepath.Clean(r.Opts.Re3d), r.Opts.Date.Format("2006-01-02"))
		writePRF(w, "mentions (overlap)", s.Overlap)
		writePRF(w, "mentions (strict)", s.Strict)
		writePRF(w, "strict, no places", s.StrictActors)
		writePRF(w, "mentions (exact span)", s.Exact)
		for _, t := range []string{"Organisation", "Person", "Nationality"} {
			if p := s.ByType[t]; p != nil {
				fmt.Fprintf(w, "  recall %-12s %5.1f%%  (%d/%d)\n", t, 100*p.Recall(), p.TP, p.TP+p.FN)
			}
		}
		fmt.Fprintf(w, "  predictions over other gold types (Location, ...), not counted in overlap precision: %d\n", s.Ignored)
		fmt.Fprintf(w, "  (strict counts them; \"no places\" drops country and capital mentions after in/across/inside...)\n")
		fmt.Fprintf(w, "  country attribution on matched mentions: %.1f%% (%d/%d)\n", 100*s.CountryAccuracy(), s.CountryOK, s.CountryN)
		if n := r.Opts.Errors; n > 0 {
			writeSome(w, "miss", s.Misses, n)
			writeSome(w, "false positive", s.FalsePos, n)
			writeSome(w, "wrong country", s.WrongCountry, n)
		}
	}
	if s := r.Cameo; s != nil {
		fmt.Fprintf(w, "cameo BIO %s: %d sentences, %d source/target spans\n", r.Opts.Cameo, s.Sentences, s.Overlap.TP+s.Overlap.FN)
		fmt.Fprintf(w, "  recall of source/target spans: overlap %.1f%%, exact %.1f%%\n", 100*s.Overlap.Recall(), 100*s.Exact.Recall())
		fmt.Fprintf(w, "  (precision is not scored: only the source and target of each sentence are labelled; %d other mentions)\n", s.Overlap.FP)
		fmt.Fprintf(w, "  country attribution on spans naming their country: %.1f%% (%d/%d)\n", 100*float64(s.CountryOK)/float64(max(1, s.CountryN)), s.CountryOK, s.CountryN)
	}
	return nil
}

func writePRF(w io.Writer, name string, p eval.PRF) {
	fmt.Fprintf(w, "  %-22s P %5.1f%%  R %5.1f%%  F1 %5.1f%%  (tp %d fp %d fn %d)\n", name, 100*p.Precision(), 100*p.Recall(), 100*p.F1(), p.TP, p.FP, p.FN)
}

// writeSome lists up to n of xs, then how many more there were.
func writeSome(w io.Writer, what string, xs []string, n int) {
	for i, x := range xs {
		if i >= n {
			fmt.Fprintf(w, "  ... %d more %ss\n", len(xs)-n, what)
			return
		}
		fmt.Fprintf(w, "  %s: %s\n", what, x)
	}
}
