package report_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/testenv"
)

// Happenings links one region of the happenings set in two stores and
// scores it; Write prints the scores and, with Misses, the misses; a
// folder without .jsonl files is an error.
func TestHappenings(t *testing.T) {
	dir := t.TempDir()
	firstLines(t, filepath.Join(testenv.RepoRoot(t), "data", "happenings", "src", "afr.jsonl"), 1000, dir, "afr.jsonl")
	r, err := report.Happenings(context.Background(), report.HappeningsOptions{Dir: dir, Misses: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Score.Items != len(r.Articles) || r.Found == 0 || r.Found > len(r.Articles) || r.Same > r.Found {
		t.Errorf("items %d of %d articles, found %d, same %d", r.Score.Items, len(r.Articles), r.Found, r.Same)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{dir + ": ", "pairwise", "B-cubed", "linking only", "stored in reverse order"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
	if r.Found < len(r.Articles) && !strings.Contains(b.String(), "MISS ") {
		t.Errorf("%d articles missed but no MISS line:\n%s", len(r.Articles)-r.Found, b.String())
	}
	if _, err := report.Happenings(context.Background(), report.HappeningsOptions{Dir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "no .jsonl files") {
		t.Errorf("empty folder: %v", err)
	}
}
