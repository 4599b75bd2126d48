package report

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
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
	"github.com/dyad-project/dyad/internal/nlp/recase"
)

// ParseOptions say which CoNLL-U file to score and with which stages.
type ParseOptions struct {
	Gold string      // gold CoNLL-U file
	Case recase.Case // rewrite the gold words first (recase.None leaves them)
	Raw  bool        // also run the whole pipeline on the raw text, scored as the CoNLL 2018 shared task
	// Pipeline holds the stages; its Tagger and Parser are scored on the
	// gold tokenisation, and with Raw the whole pipeline on the raw text.
	Pipeline *nlp.Pipeline
	// ModelLoad is how long the tagger, parser and lemmatizer took to
	// load, reported as given.
	ModelLoad struct{ Tagger, Parser, Lemmatizer time.Duration }
}

// ParseReport is the tagger and parser's score on a CoNLL-U file.
type ParseReport struct {
	Opts      ParseOptions
	Sentences int     // well-formed sentences scored
	Malformed []error // one per malformed sentence skipped, naming the file
	Gold      eval.ParseScores
	// Wall-clock time in the tagger and the parser, and the process CPU
	// time of both, on the gold tokenisation.
	TagTime, ParseTime, GoldCPU time.Duration
	Raw                         *RawParse // with Opts.Raw
	PeakRSS                     string    // the process's peak resident set size, "" where unknown
}

// RawParse is the score on raw text rebuilt from the gold words.
type RawParse struct {
	Bytes, Tokens int
	Scores        eval.RawScores
	Wall, CPU     time.Duration
}

// Parse scores the tagger and the parser of opts.Pipeline on the gold
// tokenisation of opts.Gold and, with opts.Raw, the whole pipeline on the
// text rebuilt from the gold words. A malformed sentence is skipped and
// listed in Malformed; an unreadable file is an error. It stops with ctx's
// error when ctx is done.
func Parse(ctx context.Context, opts ParseOptions) (*ParseReport, error) {
	gold, bad, err := readCoNLLU(opts.Gold)
	if err != nil {
		return nil, err
	}
	for _, g := range gold {
		recase.CoNLLU(g, opts.Case)
	}
	r := &ParseReport{Opts: opts, Sentences: len(gold), Malformed: bad}
	p := opts.Pipeline
	cpu0 := cputime.Used()
	for _, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, _ := conllu.ToNLP(g, 0)
		for i := range s.Tokens {
			t := &s.Tokens[i]
			t.UPOS, t.XPOS, t.Head, t.Rel = "", "", -1, ""
		}
		t0 := time.Now()
		p.Tagger.Tag(&s)
		t1 := time.Now()
		p.Parser.Parse(&s)
		r.ParseTime += time.Since(t1)
		r.TagTime += t1.Sub(t0)
		r.Gold.AddGoldTokenised(g, conllu.FromNLP(&s))
	}
	r.GoldCPU = cputime.Used() - cpu0
	if opts.Raw {
		text, gdoc := eval.GoldDoc(gold)
		t0, c0 := time.Now(), cputime.Used()
		sents := p.Annotate(text)
		raw := &RawParse{Bytes: len(text), Wall: time.Since(t0), CPU: cputime.Used() - c0}
		raw.Scores = eval.ScoreRaw(gdoc, eval.SystemDoc(sents))
		for _, s := range sents {
			raw.Tokens += len(s.Tokens)
		}
		r.Raw = raw
	}
	r.PeakRSS = peakRSS()
	return r, nil
}

// Write prints the scores and speeds on the gold tokenisation, then on raw
// text, then the peak RSS.
func (r *ParseReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "%s (%s): %d sentences", r.Opts.Gold, r.Opts.Case, r.Sentences)
	if len(r.Malformed) > 0 {
		fmt.Fprintf(w, " (%d malformed sentences skipped)", len(r.Malformed))
	}
	fmt.Fprintln(w)
	l := r.Opts.ModelLoad
	fmt.Fprintf(w, "model load: tagger %s, parser %s, lemmatizer %s\n", ms(l.Tagger), ms(l.Parser), ms(l.Lemmatizer))

	sc := r.Gold
	fmt.Fprintf(w, "\ngold tokenisation (%d words; LAS compares universal relations, LAS-full whole labels):\n", sc.Words)
	fmt.Fprintf(w, "  UPOS %.2f  XPOS %.2f  UAS %.2f  LAS %.2f  LAS-full %.2f\n",
		sc.Pct(sc.UPOS), sc.Pct(sc.XPOS), sc.Pct(sc.UAS), sc.Pct(sc.LAS), sc.Pct(sc.LASFull))
	fmt.Fprintf(w, "  speed (wall clock): tagger %.0f words/s, parser %.0f words/s, both %.0f words/s\n",
		rate(sc.Words, r.TagTime), rate(sc.Words, r.ParseTime), rate(sc.Words, r.TagTime+r.ParseTime))
	fmt.Fprintf(w, "  speed (process CPU time): tag+parse %.0f words per CPU second\n", rate(sc.Words, r.GoldCPU))

	if raw := r.Raw; raw != nil {
		s := raw.Scores
		fmt.Fprintf(w, "\nraw text (%d bytes rebuilt from the gold words; CoNLL 2018 alignment):\n", raw.Bytes)
		fmt.Fprintf(w, "  %-10s %9s %9s %9s\n", "metric", "precision", "recall", "F1")
		for _, row := range []struct {
			name string
			m    eval.Matched
		}{{"Tokens", s.Tokens}, {"Sentences", s.Sentences}, {"Words", s.Words}, {"UPOS", s.UPOS}, {"XPOS", s.XPOS}, {"UAS", s.UAS}, {"LAS", s.LAS}} {
			fmt.Fprintf(w, "  %-10s %9.2f %9.2f %9.2f\n", row.name, row.m.Precision(), row.m.Recall(), row.m.F())
		}
		fmt.Fprintf(w, "  speed: tokenize+split+tag+lemmatize+parse %.0f tokens/s wall clock, %.0f tokens per CPU second (%d tokens in %s, one goroutine)\n",
			rate(raw.Tokens, raw.Wall), rate(raw.Tokens, raw.CPU), raw.Tokens, raw.Wall.Round(time.Millisecond))
	}
	if r.PeakRSS != "" {
		fmt.Fprintf(w, "\npeak RSS: %s\n", r.PeakRSS)
	}
	return nil
}

// readCoNLLU reads every well-formed sentence of a CoNLL-U file and an
// error naming the file for each malformed one.
func readCoNLLU(path string) ([]*conllu.Sentence, []error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := conllu.NewReader(f)
	var out []*conllu.Sentence
	var bad []error
	for {
		s, err := r.Next()
		if err == io.EOF {
			return out, bad, nil
		}
		var ce *conllu.Error
		if errors.As(err, &ce) && ce.Msg != "" && !strings.HasPrefix(ce.Msg, "line longer") {
			bad = append(bad, fmt.Errorf("%s: %w", path, err))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, s)
	}
}

// rate is n per second of d, or 0 for no time.
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
