package analysis

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/corpus"
)

func TestExamplesKeepGoldSpans(t *testing.T) {
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../corpus/testdata/small.gold")
	if err != nil {
		t.Fatal(err)
	}
	docs, diags := corpus.ParseGold("small.gold", bytes.NewReader(b), cb)
	if len(diags) > 0 || len(docs) != 2 {
		t.Fatalf("%d documents, diagnostics %v", len(docs), diags)
	}
	a, err := New(Options{NoModel: true})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := a.Examples(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 2 || len(ex[0].Gold) != len(docs[0].Events) {
		t.Fatalf("%d examples, first with %d gold events", len(ex), len(ex[0].Gold))
	}
	g, e := ex[0].Gold[0], docs[0].Events[0]
	if g.Trigger.Start != e.Trigger.Start || g.Trigger.End != e.Trigger.End || g.Code != e.Code || g.Source.Start != e.Source.Start || g.Target == nil || g.Target.End != e.Target.End {
		t.Errorf("gold %+v from %+v", g, e)
	}
	if len(ex[0].Input.Sentences) == 0 || ex[0].Input.DocID != docs[0].ID {
		t.Errorf("the example's input: %d sentences, id %q", len(ex[0].Input.Sentences), ex[0].Input.DocID)
	}
	docs[1].Date = "yesterday"
	if _, err := a.Examples(context.Background(), docs); err == nil {
		t.Error("a bad date is not an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Examples(ctx, docs); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}
