package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
	"github.com/dyad-project/dyad/internal/nlp/depparse"
	"github.com/dyad-project/dyad/internal/nlp/postag"
	"github.com/dyad-project/dyad/internal/nlp/recase"
	"github.com/dyad-project/dyad/internal/nlp/wordclass"
	"github.com/dyad-project/dyad/internal/source"
)

// readWordClasses reads a gzip-compressed word class table.
func readWordClasses(r io.Reader) (*wordclass.Table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	return wordclass.Read(bufio.NewReader(zr))
}

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "tagger|parser|coder --train FILE.conllu --dev FILE.conllu [flags]",
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
	classesPath := fs.String("classes", "", "word class table made by tools/wordvectors (e.g. data/vectors/wordclass.bin.gz); saved inside the model")
	caseTitle := fs.Float64("case-title", 0, "share of training sentences shown title-cased")
	caseLower := fs.Float64("case-lower", 0, "share of training sentences shown lower-cased")
	caseUpper := fs.Float64("case-upper", 0, "share of training sentences shown upper-cased")
	if len(args) > 0 && args[0] == "coder" {
		return runTrainCoder(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || (args[0] != "tagger" && args[0] != "parser") {
		fs.Usage()
		return fmt.Errorf("%w: name what to train: tagger, parser or coder", errUsage)
	}
	what := args[0]
	if err := parseFlags(fs, args[1:]); err != nil {
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
	var classes *wordclass.Table
	if *classesPath != "" {
		if classes, err = source.ReadFile(*classesPath, readWordClasses); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "word classes: %d words, clusters %v\n", classes.Len(), classes.Sizes())
	}
	mix := recase.Mix{Title: *caseTitle, Lower: *caseLower, Upper: *caseUpper}
	if mix.Title < 0 || mix.Lower < 0 || mix.Upper < 0 || mix.Title+mix.Lower+mix.Upper > 1 {
		return fmt.Errorf("%w: --case-title, --case-lower and --case-upper are shares that sum to at most 1", errUsage)
	}
	fmt.Fprintf(stdout, "%s: %d training sentences, %d dev sentences\n", what, len(train), len(dev))
	start := time.Now()
	var save func(io.Writer) error
	switch what {
	case "tagger":
		m, err := postag.Train(train, dev, postag.TrainOptions{Epochs: *epochs, Seed: *seed, MinWeight: *minWeight, Classes: classes, Case: mix}, stdout)
		if err != nil {
			return err
		}
		save = m.Save
	case "parser":
		if !mix.Zero() {
			// Each training sentence is shown to the parser in one case,
			// fixed by the seed, so that its jackknifed tags carry the
			// errors of that case.
			n := recase.Augment(train, mix, *seed)
			fmt.Fprintf(stdout, "recased %d of %d training sentences\n", n, len(train))
		}
		if *jack > 1 {
			fmt.Fprintf(stdout, "jackknifing tags over %d folds\n", *jack)
			if err := postag.Jackknife(train, *jack, postag.TrainOptions{Epochs: *tagEpochs, Seed: *seed, Classes: classes, Case: mix}); err != nil {
				return err
			}
		}
		m, err := depparse.Train(ctx, train, dev, depparse.TrainOptions{Epochs: *epochs, Seed: *seed, MinWeight: *minWeight, Classes: classes}, stdout)
		if err != nil {
			return err
		}
		save = m.Save
	}
	return writeModel(stdout, *out, save, start)
}

// writeModel writes a trained model to path and says how big it is and
// how long training took.
func writeModel(stdout io.Writer, path string, save func(io.Writer) error, start time.Time) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := save(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes) in %s\n", path, st.Size(), time.Since(start).Round(time.Second))
	return nil
}
