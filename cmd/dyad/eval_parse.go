package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/cputime"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
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
	gold, bad, err := readGold(*goldPath, stderr)
	if err != nil {
		return err
	}
	for _, g := range gold {
		recase.CoNLLU(g, rc)
	}
	models, err := loadNLP(*taggerPath, *parserPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s (%s): %d sentences", *goldPath, rc, len(gold))
	if bad > 0 {
		fmt.Fprintf(stdout, " (%d malformed sentences skipped)", bad)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintf(stdout, "model load: tagger %s, parser %s, lemmatizer %s\n", ms(models.tagLoad), ms(models.parseLoad), ms(models.lemmaLoad))

	// Gold tokenisation.
	var sc eval.ParseScores
	var tagTime, parseTime time.Duration
	cpu0 := cputime.Used()
	for _, g := range gold {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s, _ := conllu.ToNLP(g, 0)
		for i := range s.Tokens {
			t := &s.Tokens[i]
			t.UPOS, t.XPOS, t.Head, t.Rel = "", "", -1, ""
		}
		t0 := time.Now()
		models.tagger.Tag(&s)
		t1 := time.Now()
		models.parser.Parse(&s)
		parseTime += time.Since(t1)
		tagTime += t1.Sub(t0)
		sc.AddGoldTokenised(g, conllu.FromNLP(&s))
	}
	fmt.Fprintf(stdout, "\ngold tokenisation (%d words; LAS compares universal relations, LAS-full whole labels):\n", sc.Words)
	fmt.Fprintf(stdout, "  UPOS %.2f  XPOS %.2f  UAS %.2f  LAS %.2f  LAS-full %.2f\n",
		sc.Pct(sc.UPOS), sc.Pct(sc.XPOS), sc.Pct(sc.UAS), sc.Pct(sc.LAS), sc.Pct(sc.LASFull))
	cpuGold := cputime.Used() - cpu0
	fmt.Fprintf(stdout, "  speed (wall clock): tagger %.0f words/s, parser %.0f words/s, both %.0f words/s\n",
		rate(sc.Words, tagTime), rate(sc.Words, parseTime), rate(sc.Words, tagTime+parseTime))
	fmt.Fprintf(stdout, "  speed (process CPU time): tag+parse %.0f words per CPU second\n", rate(sc.Words, cpuGold))

	if *raw {
		text, gdoc := eval.GoldDoc(gold)
		t0, c0 := time.Now(), cputime.Used()
		sents := models.pipeline.Annotate(text)
		el, cpuRaw := time.Since(t0), cputime.Used()-c0
		sdoc := eval.SystemDoc(sents)
		r := eval.ScoreRaw(gdoc, sdoc)
		fmt.Fprintf(stdout, "\nraw text (%d bytes rebuilt from the gold words; CoNLL 2018 alignment):\n", len(text))
		fmt.Fprintf(stdout, "  %-10s %9s %9s %9s\n", "metric", "precision", "recall", "F1")
		for _, row := range []struct {
			name string
			m    eval.Matched
		}{{"Tokens", r.Tokens}, {"Sentences", r.Sentences}, {"Words", r.Words}, {"UPOS", r.UPOS}, {"XPOS", r.XPOS}, {"UAS", r.UAS}, {"LAS", r.LAS}} {
			fmt.Fprintf(stdout, "  %-10s %9.2f %9.2f %9.2f\n", row.name, row.m.Precision(), row.m.Recall(), row.m.F())
		}
		ntok := 0
		for _, s := range sents {
			ntok += len(s.Tokens)
		}
		fmt.Fprintf(stdout, "  speed: tokenize+split+tag+lemmatize+parse %.0f tokens/s wall clock, %.0f tokens per CPU second (%d tokens in %s, one goroutine)\n",
			rate(ntok, el), rate(ntok, cpuRaw), ntok, el.Round(time.Millisecond))
	}
	if rss := peakRSS(); rss != "" {
		fmt.Fprintf(stdout, "\npeak RSS: %s\n", rss)
	}
	if bad > 0 {
		return errFailed
	}
	return nil
}

// readGold reads every well-formed sentence of a CoNLL-U file, printing
// each malformed one to stderr.
func readGold(path string, stderr io.Writer) ([]*conllu.Sentence, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	r := conllu.NewReader(f)
	var out []*conllu.Sentence
	bad := 0
	for {
		s, err := r.Next()
		if err == io.EOF {
			return out, bad, nil
		}
		var ce *conllu.Error
		if errors.As(err, &ce) && ce.Msg != "" && !strings.HasPrefix(ce.Msg, "line longer") {
			fmt.Fprintf(stderr, "%s: %v\n", path, err)
			bad++
			continue
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, s)
	}
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// peakRSS returns the process's peak resident set size from
// /proc/self/status (Linux), or "" where that is not available.
func peakRSS() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
