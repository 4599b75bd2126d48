package report

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
	"github.com/dyad-project/dyad/internal/source"
)

// PoliceReport is the sentence-level score of police arrests and killings
// on the IndiaPoliceEvents corpus.
type PoliceReport struct {
	Dir   string
	Docs  int
	Score eval.PoliceScore
	Took  time.Duration // coding and scoring, wall clock
}

// Police codes the IndiaPoliceEvents articles of dir (sents.jsonl and
// metadata.jsonl) and scores, sentence by sentence, police arrests and
// killings against the human labels. It stops with ctx's error when ctx
// is done.
func Police(ctx context.Context, dir string) (*PoliceReport, error) {
	sents, err := source.ReadFile(filepath.Join(dir, "sents.jsonl"), func(r io.Reader) ([]eval.PoliceSentence, error) {
		return eval.ReadPoliceSentences(r, "sents.jsonl")
	})
	if err != nil {
		return nil, err
	}
	dates, err := policeDates(filepath.Join(dir, "metadata.jsonl"))
	if err != nil {
		return nil, err
	}
	a, err := analysis.New(analysis.Options{})
	if err != nil {
		return nil, err
	}
	r := &PoliceReport{Dir: dir}
	start := time.Now()
	docs := eval.GroupPolice(sents, dates)
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pub, _ := time.Parse("2006-01-02", d.Date)
		res := a.Analyze(doc.Document{ID: fmt.Sprint(d.ID), Text: d.Text, Lang: "en", Published: pub})
		eval.ScorePolice(d, res.Events, &r.Score)
	}
	r.Docs, r.Took = len(docs), time.Since(start)
	return r, nil
}

// Write prints the counts and P/R/F1 per label.
func (r *PoliceReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "%s: %d documents, %d sentences (%.1f s)\n", r.Dir, r.Docs, r.Score.Sentences, r.Took.Seconds())
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\tgold\tcoded\tP\tR\tF1\t")
	for _, c := range eval.PoliceClasses() {
		p := r.Score.ByLabel[c.Label]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t\n", c.Label, p.TP+p.FN, p.TP+p.FP, 100*p.Precision(), 100*p.Recall(), 100*p.F1())
	}
	return tw.Flush()
}

// policeDates reads the publication date of each article (doc ID →
// YYYY-MM-DD) from metadata.jsonl.
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
