package report_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/eval/report"
)

// Geo scores the places of the coded events, lists misses as it goes when
// asked, and Write prints the place table and the gazetteer line.
func TestGeo(t *testing.T) {
	gold := devCorpus(t, 4)
	var misses strings.Builder
	r, err := report.Geo(context.Background(), report.GeoOptions{Gold: gold, Misses: &misses})
	if err != nil {
		t.Fatal(err)
	}
	if r.Gazetteer == 0 {
		t.Error("an empty gazetteer")
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{gold, "given the gold place spans: ", "gazetteer: "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "NONE ") || strings.Contains(b.String(), "WRONG ") {
		t.Errorf("Write repeats the misses:\n%s", b.String())
	}
	t.Logf("misses:\n%s", misses.String())
}
