package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/source"
	"github.com/dyad-project/dyad/internal/store"
)

// testNULDocuments: text a backend cannot hold (NUL in JSON records) is
// cleaned once, before the store, with a warning; 200 such documents in
// whole batches never stop the run, and the good ones after them are stored.
// Every backend stores the same thing.
func testNULDocuments(t *testing.T, s store.Store) {
	walk := func(ctx context.Context, yield func(source.Item) error) error {
		for i := range 250 {
			line := fmt.Sprintf(`{"text": "Record %d: the ministers met in Quito\u0000 on Monday.", "title": "T\u0000 %d", "tag\u0000": "x\u0000y"}`, i, i)
			if i >= 200 {
				line = fmt.Sprintf(`{"text": "Record %d: a clean story about talks in Quito on Monday.", "title": "Clean %d"}`, i, i)
			}
			d, diags, err := source.ParseRecord(fmt.Sprintf("nul.jsonl:%d", i+1), []byte(line))
			if err != nil {
				return err
			}
			d.Lang = "en"
			if err := yield(source.Item{Doc: d, Diagnostics: diags, Origin: d.Origin}); err != nil {
				return err
			}
		}
		return nil
	}
	sum, err := pipeline.RunWalker(ctx, s, walk, pipeline.Options{Workers: 1, Batch: 100})
	if err != nil {
		t.Fatalf("the run stopped: %v", err)
	}
	if sum.Ingested != 250 || sum.Failed != 0 {
		t.Fatalf("summary %+v, %v; want 250 stored", sum.Counts, sum.Failures)
	}
	docs, err := s.Documents(ctx, store.DocFilter{Query: "Quito", Limit: 300})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 250 {
		t.Fatalf("found %d documents, want 250", len(docs))
	}
	// Paged by 100, with the total beyond the first page.
	if n, err := s.CountDocuments(ctx, store.DocFilter{Query: "Quito", Limit: 100, After: docs[0].ID}); err != nil || n != 250 {
		t.Errorf("CountDocuments(Quito) = %d, %v; want 250 (limit and cursor ignored)", n, err)
	}
	var paged []string
	for f := (store.DocFilter{Query: "Quito", Limit: 100}); ; {
		page, err := s.Documents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page {
			paged = append(paged, d.ID)
		}
		if len(page) < 100 {
			break
		}
		f.After = page[len(page)-1].ID
	}
	if len(paged) != 250 || paged[0] != docs[0].ID || paged[249] != docs[249].ID {
		t.Errorf("paged by 100 through %d documents, want the 250 of one page of 300", len(paged))
	}
	for _, d := range docs {
		if strings.Contains(d.Text+d.Title+d.Meta["tag"], "\x00") {
			t.Fatalf("NUL stored: %q", d.Text)
		}
		if strings.HasPrefix(d.Title, "T ") {
			if d.Meta["tag"] != "xy" || !strings.Contains(d.Text, "Quito on Monday") {
				t.Errorf("cleaned document: title %q meta %v text %q", d.Title, d.Meta, d.Text)
			}
			info, err := s.DocumentInfo(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, g := range info.Diagnostics {
				msgs = append(msgs, g.Message)
			}
			if got := strings.Join(msgs, "; "); !strings.Contains(got, "text: removed 1 NUL characters") {
				t.Errorf("diagnostics %q lack the cleaning", got)
			}
		}
	}
}

// testPartialFetch: a feed summary kept because the page fetch failed does
// not become a new version over the stored page; the page coming back is
// unchanged.
func testPartialFetch(t *testing.T, s store.Store) {
	const url = "https://wire.example/talks"
	full := "The foreign ministers of Chile and Peru met in Lima on Monday. " + strings.Repeat("They discussed the border and trade at length. ", 20)
	run := func(text string, partial bool) pipeline.Summary {
		walk := func(ctx context.Context, yield func(source.Item) error) error {
			return yield(source.Item{Doc: doc.Document{Text: text, URL: url, Lang: "en", Origin: "feed.xml#1"}, Partial: partial})
		}
		sum, err := pipeline.RunWalker(ctx, s, walk, pipeline.Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if sum := run(full, false); sum.Ingested != 1 {
		t.Fatalf("page: %+v", sum.Counts)
	}
	if sum := run("Ministers met in Lima.", true); sum.Ingested+sum.Superseded != 0 || sum.Failed != 1 {
		t.Errorf("summary after a failed fetch: %+v", sum.Counts)
	}
	if sum := run(full, false); sum.Unchanged != 1 {
		t.Errorf("page back: %+v", sum.Counts)
	}
	cur, err := s.Documents(ctx, store.DocFilter{URL: url, AllVersions: true})
	if err != nil || len(cur) != 1 || cur[0].Text != full {
		t.Errorf("versions at the URL: %d (%v), want the page only", len(cur), err)
	}
}
