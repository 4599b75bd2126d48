package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/event"
)

func runEvalCameo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval cameo", "[--class FILE.tsv] [--bio FILE.txt] [DIR]",
		"  dyad eval cameo ../shared/data/dev/conflibert-cameo", stderr)
	class := fs.String("class", "", "cameo_class file (TEXT<TAB>LABEL); default DIR/cameo_class.train.tsv")
	bio := fs.String("bio", "", "cameo_ner BIO file; default DIR/cameo_ner.train.txt")
	load := configFlags(fs, "min-confidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	dir := "../shared/data/dev/conflibert-cameo"
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: want at most one DIR", errUsage)
	}
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if *class == "" {
		*class = filepath.Join(dir, "cameo_class.train.tsv")
	}
	if *bio == "" {
		*bio = filepath.Join(dir, "cameo_ner.train.txt")
	}
	cf, err := os.Open(*class)
	if err != nil {
		return err
	}
	defer cf.Close()
	classes, err := eval.ReadClassTSV(cf, *class)
	if err != nil {
		return err
	}
	bf, err := os.Open(*bio)
	if err != nil {
		return err
	}
	defer bf.Close()
	spans, err := eval.ReadBIO(bf, *bio)
	if err != nil {
		return err
	}
	a, err := eval.CameoAnalyzer(analysis.Options{Coder: event.Options{MinConfidence: cfg.MinConfidence}})
	if err != nil {
		return err
	}
	s := eval.ScoreCameo(a, classes, spans)
	fmt.Fprintf(stdout, "five-way class (%s): accuracy %.1f%% (%d of %d; %d sentences coded to an event)\n", *class, 100*s.Accuracy(), s.Correct, s.Sentences, s.Coded)
	fmt.Fprintln(stdout, "confusion: rows gold 0 statement, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict; columns predicted, then no event")
	for i, row := range s.Confusion {
		fmt.Fprintf(stdout, "  %d %v\n", i, row)
	}
	fmt.Fprintf(stdout, "spans (%s, %d sentences):\n", *bio, s.SpanSentences)
	for _, r := range []struct {
		name string
		p    eval.PRF
	}{{"source exact", s.SourceExact}, {"source overlap", s.SourceOver}, {"target exact", s.TargetExact}, {"target overlap", s.TargetOver}} {
		fmt.Fprintf(stdout, "  %-15s P %.1f%%  R %.1f%%  F1 %.1f%%\n", r.name, 100*r.p.Precision(), 100*r.p.Recall(), 100*r.p.F1())
	}
	return nil
}
