package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/api"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/web"
)

// TestSearchPages: search states the true total, pages through it by its
// next links, and highlights the query's words in escaped snippets, also
// of a document whose text is markup.
func TestSearchPages(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "search.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var docs []doc.Document
	for i := range 120 {
		docs = append(docs, doc.Document{URL: fmt.Sprintf("https://x.example/%d", i), Title: fmt.Sprint("Report ", i),
			Published: time.Date(2024, 1, 1, i, 0, 0, 0, time.UTC), Text: fmt.Sprintf("Item %d: the ceasefire held overnight.", i)})
	}
	const hostile = `<script>alert(1)</script><mark>fake</mark> the ceasefire "broke" & <b>ended</b>`
	docs = append(docs, doc.Document{URL: "https://x.example/hostile", Title: `<img src=x onerror=alert(2)>`,
		Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Text: hostile})
	if _, err := db.PutDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	h, err := web.App(api.Config{Query: query.New(db), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: api.NewMetrics(time.Now())}, 1<<20, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	next := regexp.MustCompile(`<a rel="next" href="([^"]*)"`)
	hit := regexp.MustCompile(`<li><a href="/documents/`)
	path, seen := "/search?q=ceasefire", 0
	for page := 0; path != ""; page++ {
		status, body, _ := fetch(t, srv.URL+path)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d", path, status)
		}
		n := len(hit.FindAllString(body, -1))
		if want := fmt.Sprintf("Documents %d–%d of <strong class=\"total\">121</strong> found", seen+1, seen+n); !strings.Contains(body, want) {
			t.Errorf("page %d lacks %q", page, want)
		}
		if page == 0 {
			if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<mark>fake") || strings.Contains(body, "<b>ended") {
				t.Errorf("the hostile document reached the page unescaped")
			}
			for _, want := range []string{
				`&lt;script&gt;alert(1)&lt;/script&gt;&lt;mark&gt;fake&lt;/mark&gt; the <mark>ceasefire</mark> &#34;broke&#34; &amp; &lt;b&gt;ended&lt;/b&gt;`,
				`Item 119: the <mark>ceasefire</mark> held overnight.`,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("first page lacks the snippet %q", want)
				}
			}
		} else if !strings.Contains(body, `<a href="/search?q=ceasefire">← First page</a>`) {
			t.Errorf("page %d has no link to the first page", page)
		}
		seen += n
		path = ""
		if m := next.FindStringSubmatch(body); m != nil {
			path = html.UnescapeString(m[1])
		}
		if page > 5 {
			t.Fatal("the next links do not end")
		}
	}
	if seen != 121 {
		t.Errorf("paged through %d documents, want 121", seen)
	}
}
