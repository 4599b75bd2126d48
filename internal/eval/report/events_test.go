package report_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
)

// Events scores the coded events of a gold file and Write prints every
// level and table; a gold file with errors is a *GoldError carrying them.
func TestEvents(t *testing.T) {
	gold := devCorpus(t, 4)
	r, err := report.Events(context.Background(), report.EventsOptions{Gold: gold})
	if err != nil {
		t.Fatal(err)
	}
	if r.Score.Docs != 4 || r.Score.Levels[0].TP+r.Score.Levels[0].FN == 0 {
		t.Errorf("scored %d documents and %d gold events, want 4 and some", r.Score.Docs, r.Score.Levels[0].TP+r.Score.Levels[0].FN)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{gold + ": 4 documents", "level", "sector-only sources", "by CAMEO root", "by status", "by register"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}

	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{bad\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = report.Events(context.Background(), report.EventsOptions{Gold: bad})
	var ge *report.GoldError
	if !errors.As(err, &ge) || len(ge.Diags) == 0 {
		t.Errorf("bad gold: %v, want a *GoldError with diagnostics", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := report.Events(ctx, report.EventsOptions{Gold: gold}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}
