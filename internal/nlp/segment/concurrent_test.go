package segment

import (
	"os"
	"sync"
	"testing"

	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

// TestConcurrent runs one Tokenizer and one Segmenter from several
// goroutines over the same text; run with -race to check that neither
// writes shared state, and every goroutine must get the same sentences.
func TestConcurrent(t *testing.T) {
	data, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	tk, sg := tokenize.New(), New()
	want := len(sg.Segment(text, tk.Tokenize(text)))
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if got := len(sg.Segment(text, tk.Tokenize(text))); got != want {
					t.Errorf("got %d sentences, want %d", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
