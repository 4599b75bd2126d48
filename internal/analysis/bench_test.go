package analysis

import (
	"github.com/dyad-project/dyad/internal/cputime"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
)

// BenchmarkAnalyze runs the whole analysis (tokenize, split, tag,
// lemmatize, parse, actors, dates, coding) over the plain-text example
// articles and reports sentences per second on one goroutine.
func BenchmarkAnalyze(b *testing.B) {
	root := repoRoot(b)
	files, err := filepath.Glob(filepath.Join(root, "examples", "text", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no example texts: %v", err)
	}
	var docs []doc.Document
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data), "\n\n") // drop the header lines
		docs = append(docs, doc.Document{ID: doc.ContentID(body), Text: body, Lang: "en", Published: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), Outlet: "Bench"})
		size += len(body)
	}
	a, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	sents, events := 0, 0
	for _, d := range docs {
		r := a.Analyze(d)
		events += len(r.Events)
		for _, an := range r.Annotations {
			if an.Kind == "sentence" {
				sents++
			}
		}
	}
	if events == 0 {
		b.Fatal("no events coded from the example texts")
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	cpu := cputime.Used()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			a.Analyze(d)
		}
	}
	b.ReportMetric(float64(sents*b.N)/b.Elapsed().Seconds(), "sentences/s")
	if used := cputime.Used() - cpu; used > 0 {
		// CPU time is steadier than wall time on a shared machine
		b.ReportMetric(float64(sents*b.N)/used.Seconds(), "sentences/CPU-s")
	}
	b.ReportMetric(float64(events), "events/op")
}
