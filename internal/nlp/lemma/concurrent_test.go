package lemma

import (
	"sync"
	"testing"
)

// TestConcurrent uses one Lemmatizer from several goroutines; run with
// -race to check that lookups do not write shared state.
func TestConcurrent(t *testing.T) {
	l := testLemmatizer(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if got := l.Lemma("fled", "VERB", "VBD"); got != "flee" {
					t.Errorf("fled → %q", got)
					return
				}
				l.Lemma("countries", "NOUN", "NNS")
				l.Lemma("Houthis", "PROPN", "NNPS")
			}
		}()
	}
	wg.Wait()
}
