package report_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/testenv"
)

// Cameo scores the five-way class and the spans of the first ConfliBERT
// sentences, and Write prints the accuracy, the confusion rows and spans.
func TestCameo(t *testing.T) {
	src := testenv.SharedFile(t, "dev", "conflibert-cameo")
	dir := t.TempDir()
	class := firstLines(t, filepath.Join(src, "cameo_class.train.tsv"), 40, dir, "class.tsv")
	bio := firstLines(t, filepath.Join(src, "cameo_ner.train.txt"), 400, dir, "bio.txt")
	r, err := report.Cameo(report.CameoOptions{Class: class, BIO: bio})
	if err != nil {
		t.Fatal(err)
	}
	if r.Score.Sentences == 0 || r.Score.SpanSentences == 0 {
		t.Errorf("%d class sentences, %d span sentences", r.Score.Sentences, r.Score.SpanSentences)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"five-way class (" + class + ")", "confusion:", "  4 [", "spans (" + bio, "target overlap"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}
