package report

import (
	"fmt"
	"io"
	"os"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/event"
)

// CameoOptions name the ConfliBERT CAMEO files.
type CameoOptions struct {
	Class         string  // cameo_class file (TEXT<TAB>LABEL)
	BIO           string  // cameo_ner BIO file
	MinConfidence float64 // the coder's threshold
}

// CameoReport is the five-way class accuracy and the source/target span
// scores on the ConfliBERT CAMEO sets.
type CameoReport struct {
	Opts  CameoOptions
	Score eval.CameoScores
}

// Cameo codes the class file's sentences and the BIO file's sentences and
// scores the five-way class and the source and target spans.
func Cameo(opts CameoOptions) (*CameoReport, error) {
	cf, err := os.Open(opts.Class)
	if err != nil {
		return nil, err
	}
	defer cf.Close()
	classes, err := eval.ReadClassTSV(cf, opts.Class)
	if err != nil {
		return nil, err
	}
	bf, err := os.Open(opts.BIO)
	if err != nil {
		return nil, err
	}
	defer bf.Close()
	spans, err := eval.ReadBIO(bf, opts.BIO)
	if err != nil {
		return nil, err
	}
	a, err := eval.CameoAnalyzer(analysis.Options{Coder: event.Options{MinConfidence: opts.MinConfidence}})
	if err != nil {
		return nil, err
	}
	return &CameoReport{Opts: opts, Score: eval.ScoreCameo(a, classes, spans)}, nil
}

// Write prints the accuracy, the confusion matrix and the span scores.
func (r *CameoReport) Write(w io.Writer) error {
	s := r.Score
	fmt.Fprintf(w, "five-way class (%s): accuracy %.1f%% (%d of %d; %d sentences coded to an event)\n", r.Opts.Class, 100*s.Accuracy(), s.Correct, s.Sentences, s.Coded)
	fmt.Fprintln(w, "confusion: rows gold 0 statement, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict; columns predicted, then no event")
	for i, row := range s.Confusion {
		fmt.Fprintf(w, "  %d %v\n", i, row)
	}
	fmt.Fprintf(w, "spans (%s, %d sentences):\n", r.Opts.BIO, s.SpanSentences)
	for _, row := range []struct {
		name string
		p    eval.PRF
	}{{"source exact", s.SourceExact}, {"source overlap", s.SourceOver}, {"target exact", s.TargetExact}, {"target overlap", s.TargetOver}} {
		fmt.Fprintf(w, "  %-15s P %.1f%%  R %.1f%%  F1 %.1f%%\n", row.name, 100*row.p.Precision(), 100*row.p.Recall(), 100*row.p.F1())
	}
	return nil
}
