package actor_test

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/testenv"
)

// BenchmarkLoad measures loading every embedded dictionary and reports the
// heap the loaded dictionary keeps (MB).
func BenchmarkLoad(b *testing.B) {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	var d *actor.Dictionary
	c0 := testenv.CPUTime()
	for i := 0; i < b.N; i++ {
		var err error
		if d, err = actor.LoadFS(actors.FS(), "."); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if c := testenv.CPUTime() - c0; c > 0 {
		b.ReportMetric(float64(c.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/1e6, "heapMB")
	b.ReportMetric(float64(d.Stats().Phrases), "phrases")
	runtime.KeepAlive(d)
}

// BenchmarkMatch measures matching throughput, one call per document, over
// the news fixture with every dictionary loaded; tokens are counted as
// space-separated words.
func BenchmarkMatch(b *testing.B) {
	d := loadAll(b)
	text := benchText(b)
	toks := len(strings.Fields(text))
	date := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
	if n := len(d.Match(text, nil, date)); n == 0 {
		b.Fatal("no mentions in the benchmark text")
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	c0 := testenv.CPUTime()
	for i := 0; i < b.N; i++ {
		d.Match(text, nil, date)
	}
	b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if c := testenv.CPUTime() - c0; c > 0 {
		b.ReportMetric(float64(toks)*float64(b.N)/c.Seconds(), "tokens/cpu-s")
	}
}

func benchText(b *testing.B) string {
	b.Helper()
	var sb strings.Builder
	for _, p := range []string{"testdata/news.txt"} {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(t)
	}
	return sb.String()
}

// BenchmarkResolve measures coreference over the news fixture's mentions.
func BenchmarkResolve(b *testing.B) {
	d := loadAll(b)
	text := benchText(b)
	ms := d.Match(text, nil, time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC))
	if n := len(d.Resolve(text, nil, ms)); n <= len(ms)-5 {
		b.Fatalf("resolve returned %d of %d mentions", n, len(ms))
	}
	toks := len(strings.Fields(text))
	b.ResetTimer()
	c0 := testenv.CPUTime()
	for i := 0; i < b.N; i++ {
		d.Resolve(text, nil, ms)
	}
	b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if c := testenv.CPUTime() - c0; c > 0 {
		b.ReportMetric(float64(toks)*float64(b.N)/c.Seconds(), "tokens/cpu-s")
	}
}
