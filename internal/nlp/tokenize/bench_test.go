package tokenize

import (
	"os"
	"testing"
)

// BenchmarkTokenize tokenizes a fixed news text of our own and checks the
// token count, reporting bytes/s and tokens/s.
func BenchmarkTokenize(b *testing.B) {
	data, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	tk := New()
	const want = 493
	if n := len(tk.Tokenize(text)); n != want {
		b.Fatalf("got %d tokens, want %d", n, want)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	tokens := 0
	for b.Loop() {
		tokens += len(tk.Tokenize(text))
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}
