package eval_test

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
)

const goldParse = `# newdoc id = d1
# text = They don't vote.
1	They	they	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	vote	vote	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# text = Rain fell.
1	Rain	rain	NOUN	NN	_	2	nsubj	_	_
2	fell	fall	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

`

func readGold(t *testing.T) []*conllu.Sentence {
	r := conllu.NewReader(strings.NewReader(goldParse))
	var out []*conllu.Sentence
	for {
		s, err := r.Next()
		if err != nil {
			break
		}
		out = append(out, s)
	}
	if len(out) != 2 {
		t.Fatalf("read %d gold sentences", len(out))
	}
	return out
}

// tok makes a system token over text.
func tok(text string, start, end int, upos string, head int, rel string) nlp.Token {
	return nlp.Token{Text: text[start:end], Start: start, End: end, SpaceAfter: end < len(text) && text[end] == ' ', UPOS: upos, Head: head, Rel: rel}
}

func TestScoreRaw(t *testing.T) {
	gold := readGold(t)
	text, gdoc := eval.GoldDoc(gold)
	if want := "They don't vote. Rain fell."; text != want {
		t.Fatalf("text = %q, want %q", text, want)
	}
	// The system splits "don't" as do|n't (a multiword token again), gets
	// one head wrong, and misses the sentence break: one sentence of 8 words.
	sys := []nlp.Sentence{{Start: 0, End: len(text), Tokens: []nlp.Token{
		tok(text, 0, 4, "PRON", 4, "nsubj"),
		tok(text, 5, 7, "AUX", 4, "aux"),
		tok(text, 7, 10, "PART", 4, "advmod"),
		tok(text, 11, 15, "VERB", 0, "root"),
		tok(text, 15, 16, "PUNCT", 4, "punct"),
		tok(text, 17, 21, "NOUN", 7, "nsubj"),
		tok(text, 22, 26, "VERB", 4, "parataxis"),
		tok(text, 26, 27, "PUNCT", 7, "punct"),
	}}}
	r := eval.ScoreRaw(gdoc, eval.SystemDoc(sys))
	checks := []struct {
		name               string
		m                  eval.Matched
		gold, sys, correct int
	}{
		{"tokens", r.Tokens, 7, 7, 7},
		{"sentences", r.Sentences, 2, 1, 0},
		{"words", r.Words, 8, 8, 8},
		{"upos", r.UPOS, 8, 8, 8},
		// "fell" is attached to "vote" instead of the root.
		{"uas", r.UAS, 8, 8, 7},
		{"las", r.LAS, 8, 8, 7},
	}
	for _, c := range checks {
		if c.m.Gold != c.gold || c.m.System != c.sys || c.m.Correct != c.correct {
			t.Errorf("%s = %+v, want gold %d system %d correct %d", c.name, c.m, c.gold, c.sys, c.correct)
		}
	}
	if f := r.UAS.F(); f < 87.4 || f > 87.6 {
		t.Errorf("UAS F1 = %.2f, want 87.50", f)
	}
}

// A system that keeps "don't" as one word still aligns the other words.
func TestScoreRawMultiwordMismatch(t *testing.T) {
	gold := readGold(t)
	text, gdoc := eval.GoldDoc(gold[:1])
	sys := []nlp.Sentence{{Start: 0, End: len(text), Tokens: []nlp.Token{
		tok(text, 0, 4, "PRON", 3, "nsubj"),
		tok(text, 5, 10, "AUX", 3, "aux"),
		tok(text, 11, 15, "VERB", 0, "root"),
		tok(text, 15, 16, "PUNCT", 3, "punct"),
	}}}
	r := eval.ScoreRaw(gdoc, eval.SystemDoc(sys))
	if r.Tokens.Correct != 4 || r.Words.Gold != 5 || r.Words.System != 4 || r.Words.Correct != 3 {
		t.Errorf("tokens %+v words %+v, want 4 tokens right and 3 of 5 words aligned", r.Tokens, r.Words)
	}
	if r.LAS.Correct != 3 {
		t.Errorf("LAS correct = %d, want 3", r.LAS.Correct)
	}
}

func TestAddGoldTokenised(t *testing.T) {
	gold := readGold(t)
	sys := *gold[1]
	sys.Words = append([]conllu.Word(nil), gold[1].Words...)
	sys.Words[0].Deprel = "nsubj:pass" // same universal relation
	sys.Words[2].Head = 1
	var p eval.ParseScores
	if !p.AddGoldTokenised(gold[1], &sys) {
		t.Fatal("same words reported as different")
	}
	if p.Words != 3 || p.UAS != 2 || p.LAS != 2 || p.LASFull != 1 {
		t.Errorf("got %+v", p)
	}
	if p.AddGoldTokenised(gold[0], &sys) {
		t.Error("different word counts accepted")
	}
}
