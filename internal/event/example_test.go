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
// codebook and patterns.
func Example() {
	cb, _ := cameo.DefaultCodebook()
	pats, _ := cameo.DefaultPatterns()
	c := event.NewCoder(cb, pats, event.Options{})
	text := "Russia did not attack Ukraine."
	tok := func(w, upos, lemma string, start, head int, rel string) nlp.Token {
		return nlp.Token{Text: w, Start: start, End: start + len(w), UPOS: upos, Lemma: lemma, Head: head, Rel: rel}
	}
	s := nlp.Sentence{Start: 0, End: len(text), Tokens: []nlp.Token{
		tok("Russia", "PROPN", "Russia", 0, 4, "nsubj"),
		tok("did", "AUX", "do", 7, 4, "aux"),
		tok("not", "PART", "not", 11, 4, "advmod"),
		tok("attack", "VERB", "attack", 15, 0, "root"),
		tok("Ukraine", "PROPN", "Ukraine", 22, 4, "obj"),
		tok(".", "PUNCT", ".", 29, 4, "punct"),
	}}
	ms := []event.Mention{
		{Start: 0, End: 1, Span: doc.Span{Start: 0, End: 6}, Text: "Russia", Code: "RUS", Name: "Russia"},
		{Start: 4, End: 5, Span: doc.Span{Start: 22, End: 29}, Text: "Ukraine", Code: "UKR", Name: "Ukraine"},
	}
	es, _ := c.Code(event.Input{DocID: "d", Text: text, Published: time.Date(2024, 1, 27, 0, 0, 0, 0, time.UTC),
		Sentences: []nlp.Sentence{s}, Mentions: [][]event.Mention{ms}})
	for _, e := range es {
		fmt.Println(e.Source.Code, e.Target.Code, e.Code, e.PloverType, e.Status, e.CueText, e.Date, e.Precision)
	}
	// Output:
	// RUS UKR 190 ASSAULT negated not 2024-01-27 publication
}
