package event_test

import (
	"fmt"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/nlp"
)

// A hand-parsed sentence and its actor mentions, coded with the embedded
// codebook, patterns and trained model.
func Example() {
	cb, _ := cameo.DefaultCodebook()
	pats, _ := cameo.DefaultPatterns()
	m, err := event.DefaultModel()
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := event.NewCoder(cb, pats, m, event.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Russia did not attack Ukraine."
	tok := func(w, upos, xpos, lemma string, start, head int, rel string) nlp.Token {
		return nlp.Token{Text: w, Start: start, End: start + len(w), SpaceAfter: true, UPOS: upos, XPOS: xpos, Lemma: lemma, Head: head, Rel: rel}
	}
	s := nlp.Sentence{Start: 0, End: len(text), Tokens: []nlp.Token{
		tok("Russia", "PROPN", "NNP", "Russia", 0, 4, "nsubj"),
		tok("did", "AUX", "VBD", "do", 7, 4, "aux"),
		tok("not", "PART", "RB", "not", 11, 4, "advmod"),
		tok("attack", "VERB", "VB", "attack", 15, 0, "root"),
		tok("Ukraine", "PROPN", "NNP", "Ukraine", 22, 4, "obj"),
		tok(".", "PUNCT", ".", ".", 29, 4, "punct"),
	}}
	ms := []event.Mention{
		{Start: 0, End: 1, Span: doc.Span{Start: 0, End: 6}, Text: "Russia", Code: "RUS", Name: "Russia", Country: "RUS"},
		{Start: 4, End: 5, Span: doc.Span{Start: 22, End: 29}, Text: "Ukraine", Code: "UKR", Name: "Ukraine", Country: "UKR"},
	}
	es, _ := c.Code(event.Input{DocID: "d", Text: text, Published: time.Date(2024, 1, 27, 0, 0, 0, 0, time.UTC),
		Sentences: []nlp.Sentence{s}, Mentions: [][]event.Mention{ms}})
	for _, e := range es {
		fmt.Println(e.Source.Code, e.Target.Code, e.Root, e.Status, e.CueText, e.Date, e.Precision)
		fmt.Println(e.Why.Status)
	}
	// Output:
	// RUS UKR 19 negated not 2024-01-27 publication
	// negated: cue "not"
}
