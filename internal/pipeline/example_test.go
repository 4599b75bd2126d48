package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/pipeline"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

func ExampleRun() {
	dir, _ := os.MkdirTemp("", "pipeline-example-")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "news.jsonl"), []byte(
		`{"title": "Talks", "text": "The foreign ministers of Japan and South Korea met in Tokyo on Monday to discuss trade."}
{"title": "Broken", "text": 
{"title": "Visite", "text": "Le ministre des affaires étrangères s'est rendu à Berlin lundi pour des entretiens avec son homologue."}
`), 0o644)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "dyad.db"), sqlite.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	// An analyzer that only counts sentences' full stops stands in for the event coder.
	count := func(d doc.Document) store.Analysis {
		var a store.Analysis
		for i, c := range d.Text {
			if c == '.' {
				a.Annotations = append(a.Annotations, doc.Annotation{Kind: "stop", Span: doc.Span{Start: i, End: i + 1}})
			}
		}
		return a
	}
	sum, err := pipeline.Run(ctx, db, []string{dir}, pipeline.Options{Analyze: count})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ingested %d, skipped %d %v, failed %d\n", sum.Ingested, sum.Skipped, sum.SkippedLangs, sum.Failed)
	for _, f := range sum.Failures {
		fmt.Println(filepath.Base(f.Origin))
	}
	// Output:
	// ingested 2, skipped 1 map[fr:1], failed 1
	// news.jsonl:2
}
