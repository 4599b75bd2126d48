package report_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/testenv"
)

// Police codes the first IndiaPoliceEvents articles and scores each label;
// a directory without the files is an error.
func TestPolice(t *testing.T) {
	src := testenv.SharedFile(t, "dev", "india-police-events")
	dir := t.TempDir()
	firstLines(t, filepath.Join(src, "sents.jsonl"), 60, dir, "sents.jsonl")
	firstLines(t, filepath.Join(src, "metadata.jsonl"), 10, dir, "metadata.jsonl")
	r, err := report.Police(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Docs == 0 || r.Score.Sentences != 60 {
		t.Errorf("%d documents, %d sentences, want some and 60", r.Docs, r.Score.Sentences)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{dir + ": ", "ARREST", "KILL"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
	if _, err := report.Police(context.Background(), t.TempDir()); err == nil {
		t.Error("a directory without sents.jsonl is no error")
	}
}
