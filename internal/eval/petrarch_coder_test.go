package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/testenv"
)

// TestPetrarchValidationFloor codes PETRARCH's validation records with
// their own (fictional) dictionaries and checks the share of expected
// codings reproduced and that records expecting nothing get nothing.
func TestPetrarchValidationFloor(t *testing.T) {
	dir := filepath.Join(testenv.Shared(t), "dev", "petrarch-validation")
	f, err := os.Open(filepath.Join(dir, "PETR.UnitTest.records.dev.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := ReadPetrarchRecords(f, "PETR.UnitTest.records.dev.xml")
	if err != nil {
		t.Fatal(err)
	}
	dicts, err := LoadPetrarchDicts(dir, "PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.discards.txt", "PETR.Validate.verbs.txt")
	if err != nil {
		t.Fatal(err)
	}
	code, err := NewPetrarchCoder(analysis.Options{}, dicts)
	if err != nil {
		t.Fatal(err)
	}
	outs := RunPetrarch(recs, code)
	s := SummarizePetrarch(outs)
	if testing.Verbose() {
		for _, o := range outs {
			if o.Scorable && !o.Pass {
				fmt.Printf("FAIL %s %q\n  want %v noevents=%v\n  got  %v\n", o.Record.ID, o.Record.Text, o.Record.Expected, o.Record.NoEvents, o.Got)
			}
		}
	}
	rate := float64(s.Found) / float64(s.Expected)
	t.Logf("records %d passed %d; expected codings %d found %d (%.1f%%); no-event records %d with events %d; extra codings %d",
		s.Records, s.Passed, s.Expected, s.Found, 100*rate, s.NoEventRecords, s.FalseHits, s.Extra)
	// The validation records test PETRARCH's pattern engine with its own
	// test dictionaries, whose codes follow the suite's conventions
	// ("promised aid" 050, "presented credentials" 032), not CAMEO's
	// sense. The dictionary coder reproduced 62.4 %; the learned coder of
	// issue 13 uses the patterns only as evidence and reproduces 1.7 %
	// (docs/figures.md). The floor guards the part that still holds:
	// records that expect no event get none.
	const floor = 0.01
	if rate < floor {
		t.Errorf("reproduced %.1f%% of expected codings, floor %.0f%%", 100*rate, 100*floor)
	}
	if s.FalseHits > 0 {
		t.Errorf("%d records that expect no event got events", s.FalseHits)
	}
}
