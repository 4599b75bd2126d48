package report_test

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
	"github.com/dyad-project/dyad/internal/testenv"
)

// Petrarch finds the dictionaries beside the records by default, and
// Write prints passes only when not Quiet.
func TestPetrarch(t *testing.T) {
	recs := testenv.SharedFile(t, "dev", "petrarch-validation", "PETR.UnitTest.records.dev.xml")
	opts := report.PetrarchOptions{Records: recs, Actors: "PETR.Validate.actors.txt", Agents: "PETR.Validate.agents.txt",
		Discards: "PETR.Validate.discards.txt", Verbs: "PETR.Validate.verbs.txt"}
	r, err := report.Petrarch(opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Records == 0 || r.Summary.Passed == 0 || r.Summary.Passed == r.Summary.Records {
		t.Fatalf("summary %+v: want some records passing and some failing", r.Summary)
	}
	var loud, quiet strings.Builder
	if err := r.Write(&loud); err != nil {
		t.Fatal(err)
	}
	r.Opts.Quiet = true
	r.Write(&quiet)
	passes := func(out string) bool { return strings.HasPrefix(out, "pass ") || strings.Contains(out, "\npass ") }
	if !passes(loud.String()) || passes(quiet.String()) {
		t.Errorf("pass lines: loud %t, quiet %t", passes(loud.String()), passes(quiet.String()))
	}
	for _, out := range []string{loud.String(), quiet.String()} {
		if !strings.Contains(out, "FAIL ") || !strings.Contains(out, "verb patterns not imported") {
			t.Errorf("output lacks failures or totals:\n%s", out)
		}
	}
}
