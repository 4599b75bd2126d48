package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
)

// TestEventDates checks that events take the date of the expression that
// governs their clause, resolved against the publication day, and that a
// clause without one keeps its head's or the publication day.
func TestEventDates(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "examples", "text", "2024-01-27-ahmadian-moscow.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 1, 27, 0, 0, 0, 0, time.UTC)
	res := a.Analyze(doc.Document{ID: "d", Text: string(b), Published: pub, Lang: "en"})
	tests := []struct {
		trigger, want, precision string
	}{
		{"visited", "2024-01-24", "day"}, // "visited Moscow on Wednesday"
	}
	for _, tt := range tests {
		found := false
		for _, e := range res.Events {
			if e.TriggerText != tt.trigger {
				continue
			}
			found = true
			if e.Date != tt.want || e.Precision != tt.precision {
				t.Errorf("%s %s>%s %s: date %s (%s), want %s (%s)", tt.trigger, e.Source.Code, e.Target.Code, e.Code, e.Date, e.Precision, tt.want, tt.precision)
			}
		}
		if !found {
			t.Errorf("no event triggered by %q", tt.trigger)
		}
	}
	// An undated event keeps the publication day.
	text := "Iran condemned the strikes. Iran visited Moscow on Wednesday."
	res = a.Analyze(doc.Document{ID: "e", Text: text, Published: pub, Lang: "en"})
	if len(res.Events) == 0 {
		t.Fatalf("no events in %q", text)
	}
	for _, e := range res.Events {
		in := strings.Contains(text[e.Sentence.Start:e.Sentence.End], "Wednesday")
		if want := map[bool]string{true: "2024-01-24", false: "2024-01-27"}[in]; e.Date != want {
			t.Errorf("%q %s: date %s, want %s", e.TriggerText, e.Code, e.Date, want)
		}
	}
}
