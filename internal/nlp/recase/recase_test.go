package recase_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
	"github.com/dyad-project/dyad/internal/nlp/recase"
)

func TestSentence(t *testing.T) {
	mk := func() nlp.Sentence {
		return nlp.Sentence{Tokens: []nlp.Token{
			{Text: "police", SpaceAfter: true}, {Text: "do", SpaceAfter: false}, {Text: "n't", SpaceAfter: true},
			{Text: "know", SpaceAfter: true}, {Text: "iPhone", SpaceAfter: false}, {Text: "."},
		}}
	}
	for _, tc := range []struct {
		c    recase.Case
		want string
	}{
		{recase.Keep, "police do n't know iPhone ."},
		{recase.Title, "Police Do n't Know IPhone ."},
		{recase.Lower, "police do n't know iphone ."},
		{recase.Upper, "POLICE DO N'T KNOW IPHONE ."},
	} {
		s := mk()
		recase.Sentence(&s, tc.c)
		var got []string
		for _, t := range s.Tokens {
			got = append(got, t.Text)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s: got %q, want %q", tc.c, g, tc.want)
		}
	}
}

func TestCoNLLU(t *testing.T) {
	in := "# text = i don't\n1\ti\ti\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n\n"
	s, err := conllu.NewReader(strings.NewReader(in)).Next()
	if err != nil {
		t.Fatal(err)
	}
	recase.CoNLLU(s, recase.Title)
	got := fmt.Sprint(s.Words[0].Form, " ", s.Multi[0].Form, " ", s.Words[1].Form, " ", s.Words[2].Form)
	if got != "I Don't Do n't" {
		t.Errorf("got %q", got)
	}
}

func TestParseAndMix(t *testing.T) {
	for _, n := range []string{"title", "lower", "upper", ""} {
		if _, err := recase.Parse(n); err != nil {
			t.Error(err)
		}
	}
	if _, err := recase.Parse("sentence"); err == nil {
		t.Error("no error for an unknown case")
	}
	m := recase.Mix{Title: 0.1, Lower: 0.1, Upper: 0.1}
	if m.Pick(0.05) != recase.Title || m.Pick(0.15) != recase.Lower || m.Pick(0.25) != recase.Upper || m.Pick(0.5) != recase.Keep {
		t.Error("Pick does not follow the shares")
	}
	sents := make([]nlp.Sentence, 1000)
	for i := range sents {
		sents[i] = nlp.Sentence{Tokens: []nlp.Token{{Text: "word"}}}
	}
	if n := recase.Augment(sents, m, 1); n < 200 || n > 400 {
		t.Errorf("recased %d of 1000 at a 30%% share", n)
	}
}

func Example() {
	s := nlp.Sentence{Tokens: []nlp.Token{{Text: "Rebels", SpaceAfter: true}, {Text: "seized", SpaceAfter: true}, {Text: "the", SpaceAfter: true}, {Text: "town"}}}
	recase.Sentence(&s, recase.Title)
	for _, t := range s.Tokens {
		fmt.Print(t.Text, " ")
	}
	fmt.Println()
	// Output: Rebels Seized The Town
}
