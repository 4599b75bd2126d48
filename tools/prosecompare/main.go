// Command prosecompare tags the sentences of a CoNLL-U file with
// github.com/jdkato/prose/v2 and with dyad's tagger and prints the XPOS
// accuracy of both. It lives outside the dyad binary so that the product
// does not carry prose (and gonum) for a comparison:
//
//	go run ./tools/prosecompare -gold ../shared/data/ud/en_ewt/en_ewt-ud-test.conllu
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/dyad-project/dyad/internal/nlp/conllu"
	"github.com/dyad-project/dyad/internal/nlp/postag"
)

func main() {
	gold := flag.String("gold", "", "gold CoNLL-U file")
	flag.Parse()
	if err := run(*gold, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "prosecompare:", err)
		os.Exit(1)
	}
}

func run(path string, stdout io.Writer) error {
	if path == "" {
		return fmt.Errorf("-gold is required")
	}
	gold, err := conllu.ReadFile(path)
	if err != nil {
		return err
	}
	tg, err := postag.Default()
	if err != nil {
		return err
	}
	words, right := 0, 0
	t0 := time.Now()
	for _, g := range gold {
		s, _ := conllu.ToNLP(g, 0)
		tg.Tag(&s)
		for i, t := range s.Tokens {
			words++
			if t.XPOS == g.Words[i].XPOS {
				right++
			}
		}
	}
	fmt.Fprintf(stdout, "%s: %d sentences\n", path, len(gold))
	fmt.Fprintf(stdout, "dyad tagger (gold words): XPOS %.2f of %d words, %.0f words/s\n",
		100*float64(right)/float64(max(words, 1)), words, rate(words, time.Since(t0)))
	return compareProse(gold, stdout)
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// compareProse tags the gold sentences with prose's tagger. prose takes
// text, not tokens, so each sentence is given as its gold words joined by
// spaces; a gold word counts as right only when prose kept it as one token
// with the gold XPOS.
func compareProse(gold []*conllu.Sentence, stdout io.Writer) error {
	t0 := time.Now()
	model := prose.ModelFromData("compare")
	load := time.Since(t0)
	words, same, right, ptoks := 0, 0, 0, 0
	var el time.Duration
	c0 := time.Now()
	for _, g := range gold {
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
	cpuProse := time.Since(c0)
	fmt.Fprintf(stdout, "\ngithub.com/jdkato/prose/v2 tagger on the same sentences (gold words joined by spaces):\n")
	fmt.Fprintf(stdout, "  XPOS %.2f (of all %d gold words; prose kept %.2f%% of them as single tokens)\n",
		100*float64(right)/float64(max(words, 1)), words, 100*float64(same)/float64(max(words, 1)))
	fmt.Fprintf(stdout, "  speed: %.0f tokens/s wall clock, %.0f tokens per CPU second (tokenize+tag, %d tokens in %s), model load %s\n",
		rate(ptoks, el), rate(ptoks, cpuProse), ptoks, el.Round(time.Millisecond), ms(load))
	return nil
}
