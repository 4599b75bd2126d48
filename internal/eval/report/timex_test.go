package report_test

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/testenv"
)

// Timex scores the recogniser on AQUAINT TimeML; with Errors, Write lists
// the disagreements before the scores. A folder without .tml files reads
// nothing.
func TestTimex(t *testing.T) {
	dir := testenv.SharedFile(t, "dev", "aquaint-timeml")
	r := report.Timex(report.TimexOptions{Dir: dir, Errors: true})
	if len(r.ReadErrors) > 0 || r.Read == 0 || r.Scores.Docs != r.Read {
		t.Fatalf("read %d documents (scored %d), errors %v", r.Read, r.Scores.Docs, r.ReadErrors)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if i, j := strings.Index(out, "gold="), strings.Index(out, "strict extraction"); i < 0 || j < i || !strings.Contains(out, "type accuracy") {
		t.Errorf("output lacks the errors before the scores:\n%s", out)
	}
	if r := report.Timex(report.TimexOptions{Dir: t.TempDir()}); r.Read != 0 {
		t.Errorf("an empty folder read %d documents", r.Read)
	}
}
