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

	"github.com/jdkato/prose/v2"

	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
)

func runEvalParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval parse", "--gold FILE.conllu [--raw] [--compare-prose]",
		"  dyad eval parse --gold ../shared/data/ud/en_ewt/en_ewt-ud-test.conllu --raw --compare-prose", stderr)
	goldPath := fs.String("gold", "", "gold CoNLL-U file (required)")
	raw := fs.Bool("raw", false, "also run tokenizer and splitter on the raw text and score as the CoNLL 2018 shared task")
	compare := fs.Bool("compare-prose", false, "also tag the same sentences with github.com/jdkato/prose/v2 and print its XPOS accuracy and speed")
	taggerPath := fs.String("tagger", "", "tagger model file (default: the embedded model)")
	parserPath := fs.String("parser", "", "parser model file (default: the embedded model)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *goldPath == "" || fs.NArg() > 0 {
		return fmt.Errorf("%w: --gold FILE is required and no other arguments are taken", errUsage)
	}
	gold, bad, err := readGold(*goldPath, stderr)
	if err != nil {
		return err
	}
	models, err := loadNLP(*taggerPath, *parserPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d sentences", *goldPath, len(gold))
	if bad > 0 {
		fmt.Fprintf(stdout, " (%d malformed sentences skipped)", bad)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintf(stdout, "model load: tagger %s, parser %s, lemmatizer %s\n", ms(models.tagLoad), ms(models.parseLoad), ms(models.lemmaLoad))

	// Gold tokenisation.
	var sc eval.ParseScores
	var tagTime, parseTime time.Duration
	cpu0 := cpuTime()
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
	cpuGold := cpuTime() - cpu0
	fmt.Fprintf(stdout, "  speed (wall clock): tagger %.0f words/s, parser %.0f words/s, both %.0f words/s\n",
		rate(sc.Words, tagTime), rate(sc.Words, parseTime), rate(sc.Words, tagTime+parseTime))
	fmt.Fprintf(stdout, "  speed (process CPU time): tag+parse %.0f words per CPU second\n", rate(sc.Words, cpuGold))

	if *raw {
		text, gdoc := eval.GoldDoc(gold)
		t0, c0 := time.Now(), cpuTime()
		sents := models.pipeline.Annotate(text)
		el, cpuRaw := time.Since(t0), cpuTime()-c0
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
	if *compare {
		if err := compareProse(ctx, gold, stdout); err != nil {
			return err
		}
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

// compareProse tags the gold sentences with prose's tagger. prose takes
// text, not tokens, so each sentence is given as its gold words joined by
// spaces; a gold word counts as right only when prose kept it as one token
// with the gold XPOS.
func compareProse(ctx context.Context, gold []*conllu.Sentence, stdout io.Writer) error {
	t0 := time.Now()
	model := prose.ModelFromData("compare")
	load := time.Since(t0)
	words, same, right, ptoks := 0, 0, 0, 0
	var el time.Duration
	c0 := cpuTime()
	for _, g := range gold {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		forms := make([]string, len(g.Words))
		for i, w := range g.Words {
			forms[i] = w.Form
		}
		text := strings.Join(forms, " ")
		t := time.Now()
		doc, err := prose.NewDocument(text, prose.UsingModel(model), prose.WithSegmentation(false), prose.WithExtraction(false))
		el += time.Since(t)
		if err != nil {
			return fmt.Errorf("prose: %w", err)
		}
		toks := doc.Tokens()
		ptoks += len(toks)
		// Walk both token lists by their offsets in text.
		gs := 0
		pos := 0
		pstart := make([]int, len(toks))
		for i, t := range toks {
			k := strings.Index(text[pos:], t.Text)
			if k < 0 {
				pstart[i] = -1
				continue
			}
			pstart[i] = pos + k
			pos += k + len(t.Text)
		}
		j := 0
		for i, w := range g.Words {
			words++
			for j < len(toks) && (pstart[j] < 0 || pstart[j] < gs) {
				j++
			}
			if j < len(toks) && pstart[j] == gs && toks[j].Text == w.Form {
				same++
				if toks[j].Tag == w.XPOS {
					right++
				}
			}
			gs += len(forms[i]) + 1
		}
	}
	cpuProse := cpuTime() - c0
	fmt.Fprintf(stdout, "\ngithub.com/jdkato/prose/v2 tagger on the same sentences (gold words joined by spaces):\n")
	fmt.Fprintf(stdout, "  XPOS %.2f (of all %d gold words; prose kept %.2f%% of them as single tokens)\n",
		100*float64(right)/float64(max(words, 1)), words, 100*float64(same)/float64(max(words, 1)))
	fmt.Fprintf(stdout, "  speed: %.0f tokens/s wall clock, %.0f tokens per CPU second (tokenize+tag, %d tokens in %s), model load %s\n",
		rate(ptoks, el), rate(ptoks, cpuProse), ptoks, el.Round(time.Millisecond), ms(load))
	return nil
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
