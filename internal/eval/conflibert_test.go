package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/testenv"
)

// TestConfliBERTFloor scores the five-way class and the source/target
// spans on the ConfliBERT CAMEO files.
func TestConfliBERTFloor(t *testing.T) {
	dir := filepath.Join(testenv.Shared(t), "dev", "conflibert-cameo")
	cf, err := os.Open(filepath.Join(dir, "cameo_class.train.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer cf.Close()
	classes, err := ReadClassTSV(cf, "cameo_class.train.tsv")
	if err != nil {
		t.Fatal(err)
	}
	bf, err := os.Open(filepath.Join(dir, "cameo_ner.train.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer bf.Close()
	spans, err := ReadBIO(bf, "cameo_ner.train.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Every fifth sentence keeps the test fast; `dyad eval cameo` scores all.
	classes, spans = every(classes, 5), every(spans, 5)
	// Every sentence here holds an event, so the test codes at a recall-minded
	// threshold: the floors then guard the models, not the per-root
	// thresholds chosen for a corpus where 40 % of sentences hold none.
	a, err := CameoAnalyzer(analysis.Options{Coder: event.Options{MinConfidence: 0.2}})
	if err != nil {
		t.Fatal(err)
	}
	s := ScoreCameo(a, classes, spans)
	t.Logf("class accuracy %.1f%% (%d/%d, %d with an event); source F1 exact %.1f%% overlap %.1f%%; target F1 exact %.1f%% overlap %.1f%%",
		100*s.Accuracy(), s.Correct, s.Sentences, s.Coded, 100*s.SourceExact.F1(), 100*s.SourceOver.F1(), 100*s.TargetExact.F1(), 100*s.TargetOver.F1())
	if testing.Verbose() {
		fmt.Println("confusion (rows gold 0-4, columns predicted 0-4, none):")
		for i, row := range s.Confusion {
			fmt.Println(i, row)
		}
	}
	// Measured with the learned coder of issue 13 at --min-confidence 0.2
	// (72.2 %, 76.7 %, 57.0 %); the dictionary coder it replaced had
	// 74.1 %, 72 % and 59.3 % on this sample. At the model's own
	// thresholds the accuracy is 56.3 % on the whole file (docs/figures.md).
	const accFloor, srcFloor, tgtFloor = 0.70, 0.75, 0.56
	if s.Accuracy() < accFloor {
		t.Errorf("class accuracy %.1f%% under the floor %.0f%%", 100*s.Accuracy(), 100*accFloor)
	}
	if f := s.SourceOver.F1(); f < srcFloor {
		t.Errorf("source span F1 (overlap) %.1f%% under the floor %.0f%%", 100*f, 100*srcFloor)
	}
	if f := s.TargetOver.F1(); f < tgtFloor {
		t.Errorf("target span F1 (overlap) %.1f%% under the floor %.0f%%", 100*f, 100*tgtFloor)
	}
}

func every[T any](xs []T, n int) []T {
	var out []T
	for i := 0; i < len(xs); i += n {
		out = append(out, xs[i])
	}
	return out
}
