package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
	"github.com/dyad-project/dyad/internal/nlp/depparse"
	"github.com/dyad-project/dyad/internal/nlp/postag"
)

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "tagger|parser --train FILE.conllu --dev FILE.conllu [flags]",
		"  dyad train tagger --train ../shared/data/ud/en_ewt/en_ewt-ud-train.conllu \\\n"+
			"      --dev ../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu --out data/models/tagger.bin.gz\n"+
			"  dyad train parser --train .../en_ewt-ud-train.conllu --dev .../en_ewt-ud-dev.conllu \\\n"+
			"      --jackknife 5 --out data/models/parser.bin.gz", stderr)
	trainPath := fs.String("train", "", "training CoNLL-U file (required)")
	devPath := fs.String("dev", "", "development CoNLL-U file for per-epoch accuracy and model selection")
	epochs := fs.Int("epochs", 0, "training epochs (default: 10 for the tagger, 15 for the parser)")
	seed := fs.Uint64("seed", 1, "seed of the shuffle; equal seeds give equal models")
	out := fs.String("out", "", "where to write the model (default data/models/tagger.bin.gz or parser.bin.gz)")
	minWeight := fs.Float64("min-weight", 0, "drop averaged weights smaller than this (0: the default of each model)")
	jack := fs.Int("jackknife", 0, "parser: train on tags predicted by taggers trained on N-1 of N folds (0: gold tags)")
	tagEpochs := fs.Int("tagger-epochs", 6, "parser with --jackknife: epochs of each fold's tagger")
	if len(args) == 0 || (args[0] != "tagger" && args[0] != "parser") {
		fs.Usage()
		return fmt.Errorf("%w: name what to train: tagger or parser", errUsage)
	}
	what := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *trainPath == "" {
		return fmt.Errorf("%w: --train is required", errUsage)
	}
	if *out == "" {
		*out = "data/models/" + what + ".bin.gz"
	}
	train, err := conllu.ReadNLP(*trainPath)
	if err != nil {
		return err
	}
	var dev []nlp.Sentence
	if *devPath != "" {
		if dev, err = conllu.ReadNLP(*devPath); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "%s: %d training sentences, %d dev sentences\n", what, len(train), len(dev))
	start := time.Now()
	var save func(io.Writer) error
	switch what {
	case "tagger":
		m, err := postag.Train(train, dev, postag.TrainOptions{Epochs: *epochs, Seed: *seed, MinWeight: *minWeight}, stdout)
		if err != nil {
			return err
		}
		save = m.Save
	case "parser":
		if *jack > 1 {
			fmt.Fprintf(stdout, "jackknifing tags over %d folds\n", *jack)
			if err := postag.Jackknife(train, *jack, postag.TrainOptions{Epochs: *tagEpochs, Seed: *seed}); err != nil {
				return err
			}
		}
		m, err := depparse.Train(ctx, train, dev, depparse.TrainOptions{Epochs: *epochs, Seed: *seed, MinWeight: *minWeight}, stdout)
		if err != nil {
			return err
		}
		save = m.Save
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := save(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(stdout, "wrote %s (%d bytes) in %s\n", *out, st.Size(), time.Since(start).Round(time.Second))
	return nil
}
