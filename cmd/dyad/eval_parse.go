package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/nlp/recase"
)

func runEvalParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval parse", "--gold FILE.conllu [--raw] [--case title|lower|upper]",
		"  dyad eval parse --gold ../shared/data/ud/en_ewt/en_ewt-ud-test.conllu --raw\n"+
			"  dyad eval parse --gold ../shared/data/ud/en_ewt/en_ewt-ud-test.conllu --case title", stderr)
	goldPath := fs.String("gold", "", "gold CoNLL-U file (required)")
	raw := fs.Bool("raw", false, "also run tokenizer and splitter on the raw text and score as the CoNLL 2018 shared task")
	caseName := fs.String("case", "", "rewrite the gold words first: title (capitalise every whitespace-delimited word), lower or upper")
	taggerPath := fs.String("tagger", "", "tagger model file (default: the embedded model)")
	parserPath := fs.String("parser", "", "parser model file (default: the embedded model)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *goldPath == "" || fs.NArg() > 0 {
		return fmt.Errorf("%w: --gold FILE is required and no other arguments are taken", errUsage)
	}
	rc, err := recase.Parse(*caseName)
	if err != nil {
		return fmt.Errorf("%w: --case: %v", errUsage, err)
	}
	models, err := loadNLP(*taggerPath, *parserPath)
	if err != nil {
		return err
	}
	opts := report.ParseOptions{Gold: *goldPath, Case: rc, Raw: *raw, Pipeline: models.pipeline}
	opts.ModelLoad.Tagger, opts.ModelLoad.Parser, opts.ModelLoad.Lemmatizer = models.tagLoad, models.parseLoad, models.lemmaLoad
	r, err := report.Parse(ctx, opts)
	if err != nil {
		return err
	}
	for _, e := range r.Malformed {
		fmt.Fprintln(stderr, e)
	}
	if err := r.Write(stdout); err != nil {
		return err
	}
	if len(r.Malformed) > 0 {
		return errFailed
	}
	return nil
}
