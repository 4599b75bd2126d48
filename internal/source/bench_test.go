package source

import (
	"bytes"
	"context"
	"github.com/dyad-project/dyad/internal/testenv"
	"os"
	"strings"
	"testing"
	"time"
)

// BenchmarkJSONL reads the 1,257 real articles of india-police-events
// through Walk (JSON parsing, UTF-8 checks, language detection) and
// reports documents per second.
func BenchmarkJSONL(b *testing.B) {
	path := testenv.IndiaPolice(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	docs := 0
	cpu0 := testenv.CPUTime()
	for b.Loop() {
		n := 0
		err := Walk(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(it Item) error {
			if it.Err != nil {
				b.Fatalf("%v", it.Err)
			}
			n++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != 1257 {
			b.Fatalf("read %d documents, want 1257", n)
		}
		docs += n
	}
	reportRates(b, docs, cpu0)
}

// reportRates reports documents per wall-clock second and, where the
// system tells, per CPU-second of this process (GC included).
func reportRates(b *testing.B, docs int, cpu0 time.Duration) {
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	if cpu := testenv.CPUTime() - cpu0; cpu > 0 && cpu0 > 0 {
		b.ReportMetric(float64(docs)/cpu.Seconds(), "docs/cpu-s")
	}
}

// newsPage builds a realistic page around our article fixture: head
// metadata, a long navigation menu, sidebars, comments and a footer, as
// the pages of a news site carry (about 40 KB).
func newsPage(tb testing.TB) []byte {
	art, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		tb.Fatal(err)
	}
	s := string(art)
	var nav strings.Builder
	nav.WriteString(`<nav class="mega-menu"><ul>`)
	for i := 0; i < 120; i++ {
		nav.WriteString(`<li class="menu-item"><a href="/section/` + strings.Repeat("x", i%7+3) + `">Section link</a></li>`)
	}
	nav.WriteString(`</ul></nav>`)
	var side strings.Builder
	side.WriteString(`<aside class="sidebar">`)
	for i := 0; i < 40; i++ {
		side.WriteString(`<div class="teaser"><a href="/story"><img src="/img.jpg" alt="">Other story headline about a summit</a><span class="time">2 hours ago</span></div>`)
	}
	side.WriteString(`</aside><section class="comments">`)
	for i := 0; i < 30; i++ {
		side.WriteString(`<div class="comment"><p class="who">reader` + string(rune('a'+i%26)) + `</p><p>I do not agree with this at all.</p></div>`)
	}
	side.WriteString(`</section><script>var tracking = {"a": 1, "b": [1,2,3]};</script>`)
	s = strings.Replace(s, "<main>", nav.String()+"<main>", 1)
	s = strings.Replace(s, "</main>", "</main>"+side.String(), 1)
	return []byte(s)
}

// BenchmarkHTML extracts text and metadata from a 40 KB news page and
// reports documents per second.
func BenchmarkHTML(b *testing.B) {
	page := newsPage(b)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	cpu0 := testenv.CPUTime()
	for b.Loop() {
		d, _, err := ParseHTML("page.html", page, "", "")
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(d.Text, "Russia and China abstained.") || strings.Contains(d.Text, "Other story headline") {
			b.Fatalf("wrong text: %.200q", d.Text)
		}
	}
	reportRates(b, b.N, cpu0)
}

// BenchmarkHTMLSmall is BenchmarkHTML on the bare 2 KB article fixture.
func BenchmarkHTMLSmall(b *testing.B) {
	page, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	cpu0 := testenv.CPUTime()
	for b.Loop() {
		if _, _, err := ParseHTML("article.html", page, "", ""); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, b.N, cpu0)
}
