package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/eval"
)

// runEvalPolice codes the IndiaPoliceEvents articles and scores, sentence
// by sentence, police arrests and killings against the human labels.
func runEvalPolice(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval police", "DIR",
		"  dyad eval police ../shared/data/dev/india-police-events", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want the directory holding sents.jsonl and metadata.jsonl", errUsage)
	}
	dir := fs.Arg(0)
	sents, err := loadFile(filepath.Join(dir, "sents.jsonl"), func(r io.Reader) ([]eval.PoliceSentence, error) {
		return eval.ReadPoliceSentences(r, "sents.jsonl")
	})
	if err != nil {
		return err
	}
	dates, err := policeDates(filepath.Join(dir, "metadata.jsonl"))
	if err != nil {
		return err
	}
	a, err := analysis.New(analysis.Options{})
	if err != nil {
		return err
	}
	var score eval.PoliceScore
	start := time.Now()
	docs := eval.GroupPolice(sents, dates)
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		pub, _ := time.Parse("2006-01-02", d.Date)
		r := a.Analyze(doc.Document{ID: fmt.Sprint(d.ID), Text: d.Text, Lang: "en", Published: pub})
		eval.ScorePolice(d, r.Events, &score)
	}
	fmt.Fprintf(stdout, "%s: %d documents, %d sentences (%.1f s)\n", dir, len(docs), score.Sentences, time.Since(start).Seconds())
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\tgold\tcoded\tP\tR\tF1\t")
	for _, c := range eval.PoliceClasses {
		p := score.ByLabel[c.Label]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t\n", c.Label, p.TP+p.FN, p.TP+p.FP, 100*p.Precision(), 100*p.Recall(), 100*p.F1())
	}
	return tw.Flush()
}

// policeDates reads the publication date of each article.
func policeDates(path string) (map[int]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[int]string{}
	dec := json.NewDecoder(f)
	for line := 1; dec.More(); line++ {
		var m struct {
			DocID int    `json:"doc_id"`
			Date  string `json:"date"`
		}
		if err := dec.Decode(&m); err != nil {
			return nil, fmt.Errorf("%s: record %d: %w", path, line, err)
		}
		out[m.DocID] = m.Date
	}
	return out, nil
}
