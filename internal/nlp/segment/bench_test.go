package segment

import (
	"os"
	"testing"

	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

// BenchmarkSegment splits the tokens of a fixed news text of our own into
// sentences and checks the count, reporting bytes/s and tokens/s.
func BenchmarkSegment(b *testing.B) {
	data, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	toks := tokenize.New().Tokenize(text)
	sg := New()
	const want = 28
	if n := len(sg.Segment(text, toks)); n != want {
		b.Fatalf("got %d sentences, want %d", n, want)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		sg.Segment(text, toks)
	}
	b.ReportMetric(float64(b.N*len(toks))/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTokenizeSegment runs both stages, as the pipeline does.
func BenchmarkTokenizeSegment(b *testing.B) {
	data, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	tk, sg := tokenize.New(), New()
	n := len(tk.Tokenize(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		sg.Segment(text, tk.Tokenize(text))
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "tokens/s")
}
