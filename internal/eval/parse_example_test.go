package eval_test

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/conllu"
)

// ExampleScoreRaw scores a system that split raw text into tokens of its
// own against gold CoNLL-U. "Rain" is aligned but its head "fell." is not,
// so no word has a right head.
func ExampleScoreRaw() {
	gold, _ := conllu.NewReader(strings.NewReader(
		"1\tRain\train\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n2\tfell\tfall\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n")).Next()
	text, gdoc := eval.GoldDoc([]*conllu.Sentence{gold})
	sys := []nlp.Sentence{{Start: 0, End: len(text), Tokens: []nlp.Token{
		{Text: "Rain", Start: 0, End: 4, SpaceAfter: true, UPOS: "NOUN", Head: 2, Rel: "nsubj"},
		{Text: "fell.", Start: 5, End: 10, UPOS: "VERB", Head: 0, Rel: "root"},
	}}}
	r := eval.ScoreRaw(gdoc, eval.SystemDoc(sys))
	fmt.Printf("tokens F1 %.1f, LAS F1 %.1f\n", r.Tokens.F(), r.LAS.F())
	// Output: tokens F1 40.0, LAS F1 0.0
}
