package query_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/google/go-cmp/cmp"
)

// TestSearchPages: a search states the total it found and pages through
// all of it by its cursor, each document once, newest first.
func TestSearchPages(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var docs []doc.Document
	for i := range 7 {
		docs = append(docs, doc.Document{URL: fmt.Sprintf("https://x.example/%d", i), Title: fmt.Sprint("T", i),
			Published: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC), Text: fmt.Sprintf("Day %d of the ceasefire talks.", i)})
	}
	docs = append(docs, doc.Document{URL: "https://x.example/other", Text: "Nothing to see."})
	if _, err := db.PutDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	s := query.New(db)
	var titles []string
	after := ""
	for page := 0; ; page++ {
		res, err := s.Search(ctx, "ceasefire", 3, after)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 7 || len(res.Hits) > 3 {
			t.Fatalf("page %d: total %d, %d hits; want 7 in all, at most 3", page, res.Total, len(res.Hits))
		}
		for _, h := range res.Hits {
			titles = append(titles, h.Title)
		}
		if res.Next == "" {
			break
		}
		after = res.Next
	}
	if diff := cmp.Diff([]string{"T6", "T5", "T4", "T3", "T2", "T1", "T0"}, titles); diff != "" {
		t.Errorf("paged titles (-want +got):\n%s", diff)
	}
}

// TestSnippetWords: a snippet starts and ends at word boundaries and
// holds the first whole word of the query; Highlight marks the query's
// words, prefixes for word*, and never what a query excludes.
func TestSnippetWords(t *testing.T) {
	text := strings.Repeat("alpha beta gamma ", 20) + "the ceasefire held " + strings.Repeat("delta epsilon ", 20)
	got := query.Snippet(text, "ceasefire", 60)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "the ceasefire held") {
		t.Fatalf("Snippet = %q", got)
	}
	for _, w := range strings.Fields(strings.Trim(got, "…")) {
		if !strings.Contains(" alpha beta gamma the ceasefire held delta epsilon ", " "+w+" ") {
			t.Errorf("Snippet %q cuts a word: %q", got, w)
		}
	}
	// a word inside another word is not a match
	if got := query.Snippet("ceasefires aside, "+strings.Repeat("x ", 100)+"a ceasefire", "ceasefire", 20); !strings.Contains(got, "a ceasefire") {
		t.Errorf("Snippet matched inside a word: %q", got)
	}
	parts := query.Highlight("Talks: a Ceasefire, talked about; sanctions too", `ceasefire talk* -sanctions`)
	var marked []string
	for _, p := range parts {
		if p.Mark {
			marked = append(marked, p.Text)
		}
	}
	if diff := cmp.Diff([]string{"Talks", "Ceasefire", "talked"}, marked); diff != "" {
		t.Errorf("marked (-want +got):\n%s", diff)
	}
	var whole strings.Builder
	for _, p := range parts {
		whole.WriteString(p.Text)
	}
	if whole.String() != "Talks: a Ceasefire, talked about; sanctions too" {
		t.Errorf("parts join to %q", whole.String())
	}
}
