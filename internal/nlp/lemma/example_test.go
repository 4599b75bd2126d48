package lemma_test

import (
	"fmt"
	"log"

	"github.com/dyad-project/dyad/internal/nlp/lemma"
)

func Example() {
	l, err := lemma.Default()
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range [][3]string{
		{"met", "VERB", "VBD"}, {"fled", "VERB", "VBD"}, {"vetoed", "VERB", "VBD"},
		{"talks", "NOUN", "NNS"}, {"countries", "NOUN", "NNS"}, {"was", "AUX", "VBD"},
	} {
		fmt.Println(w[0], "→", l.Lemma(w[0], w[1], w[2]))
	}
	// Output:
	// met → meet
	// fled → flee
	// vetoed → veto
	// talks → talk
	// countries → country
	// was → be
}
