package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/source"
)

// runTrainCoder trains the event coder on the gold corpus.
func runTrainCoder(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train coder", "[flags]",
		"  dyad train coder --train data/corpus/train.jsonl --dev data/corpus/dev.jsonl \\\n"+
			"      --classes data/vectors/wordclass.bin.gz --out data/models/coder.bin.gz", stderr)
	trainPath := fs.String("train", "data/corpus/train.jsonl", "gold corpus file to train on (JSON Lines, docs/annotation.md §11)")
	devPath := fs.String("dev", "data/corpus/dev.jsonl", "gold corpus file for calibration and the per-root thresholds")
	classesPath := fs.String("classes", "data/vectors/wordclass.bin.gz", "word class table made by tools/wordvectors; saved inside the model")
	epochs := fs.Int("epochs", 8, "training epochs")
	runs := fs.Int("runs", 3, "runs of each model (event, code, role) with different shuffles, averaged into one")
	seed := fs.Uint64("seed", 1, "seed of the shuffle; equal seeds give equal models")
	beta := fs.Float64("beta", 0.9, "F-beta the per-root thresholds maximise on dev (below 1 favours precision)")
	minWeight := fs.Float64("min-weight", 0.05, "drop averaged weights smaller than this")
	out := fs.String("out", "data/models/coder.bin.gz", "where to write the model")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	start := time.Now()
	classes, err := source.ReadFile(*classesPath, readWordClasses)
	if err != nil {
		return err
	}
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		return err
	}
	pats, err := cameo.DefaultPatterns()
	if err != nil {
		return err
	}
	a, err := analysis.New(analysis.Options{NoModel: true})
	if err != nil {
		return err
	}
	train, err := coderExamples(ctx, a, *trainPath, stderr)
	if err != nil {
		return err
	}
	dev, err := coderExamples(ctx, a, *devPath, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "coder: %d training documents, %d dev documents (prepared in %s)\n", len(train), len(dev), time.Since(start).Round(time.Second))
	var codes []string
	for _, c := range cb.Codes() {
		codes = append(codes, c.Code)
	}
	m, err := event.Train(cb, pats, train, dev, event.TrainOptions{Epochs: *epochs, Runs: *runs, Seed: *seed, Classes: classes, Codes: codes, MinWeight: *minWeight, Beta: *beta, Log: stdout})
	if err != nil {
		return err
	}
	return writeModel(stdout, *out, func(w io.Writer) error { _, err := m.WriteTo(w); return err }, start)
}

// coderExamples prepares every document of a gold corpus file for training.
func coderExamples(ctx context.Context, a *analysis.Analyzer, path string, stderr io.Writer) ([]event.Example, error) {
	docs, diags, err := corpus.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if corpus.Errors(diags) > 0 {
		printDiags(stderr, diags)
		return nil, errFailed
	}
	ex, err := a.Examples(ctx, docs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ex, nil
}
