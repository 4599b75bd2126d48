package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
	"github.com/dyad-project/dyad/internal/nlp/depparse"
	"github.com/dyad-project/dyad/internal/nlp/lemma"
	"github.com/dyad-project/dyad/internal/nlp/postag"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
	"github.com/dyad-project/dyad/internal/source"
)

// nlpModels are the loaded stages and how long the models took to load.
type nlpModels struct {
	pipeline             *nlp.Pipeline
	tagger               *postag.Model
	parser               *depparse.Model
	tagLoad, parseLoad   time.Duration
	lemmaLoad, totalLoad time.Duration
}

// loadNLP loads the embedded models, or the tagger and parser files named
// by taggerPath and parserPath when they are not empty.
func loadNLP(taggerPath, parserPath string) (*nlpModels, error) {
	m := &nlpModels{}
	start := time.Now()
	var err error
	if taggerPath == "" {
		m.tagger, err = postag.Default()
	} else {
		m.tagger, err = source.ReadFile(taggerPath, postag.Load)
	}
	if err != nil {
		return nil, err
	}
	m.tagLoad = time.Since(start)
	t := time.Now()
	if parserPath == "" {
		m.parser, err = depparse.Default()
	} else {
		m.parser, err = source.ReadFile(parserPath, depparse.Load)
	}
	if err != nil {
		return nil, err
	}
	m.parseLoad = time.Since(t)
	t = time.Now()
	lem, err := lemma.Default()
	if err != nil {
		return nil, err
	}
	m.lemmaLoad = time.Since(t)
	m.pipeline = &nlp.Pipeline{Tokenizer: tokenize.New(), Segmenter: segment.New(), Tagger: m.tagger, Lemmatizer: lem, Parser: m.parser}
	m.totalLoad = time.Since(start)
	return m, nil
}

func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("parse", "[flags] [FILE...|-]",
		"  echo 'Russia condemned the strike on Tuesday.' | dyad parse\n  dyad parse article.txt > article.conllu", stderr)
	taggerPath := fs.String("tagger", "", "tagger model file (default: the embedded model)")
	parserPath := fs.String("parser", "", "parser model file (default: the embedded model)")
	load := configFlags(fs, "max-size")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	models, err := loadNLP(*taggerPath, *parserPath)
	if err != nil {
		return err
	}
	w := conllu.NewWriter(stdout)
	failed := false
	for _, in := range inputs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		text, err := readText(in, cfg.MaxSize, false)
		if err != nil {
			fmt.Fprintf(stderr, "dyad parse: %v\n", err)
			failed = true
			continue
		}
		name := in
		if in == "-" {
			name = "stdin"
		}
		sents := models.pipeline.Annotate(text)
		for i := range sents {
			cs := conllu.FromNLP(&sents[i])
			if i == 0 {
				cs.Comments = append(cs.Comments, " newdoc id = "+oneLine(name))
			}
			cs.Comments = append(cs.Comments, " sent_id = "+strconv.Itoa(i+1),
				" text = "+oneLine(text[sents[i].Start:sents[i].End]))
			if err := w.Write(cs); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if failed {
		return errFailed
	}
	return nil
}

// oneLine folds line breaks and tabs into spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}
