package lemma

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	defaultOnce sync.Once
	defaultLem  *Lemmatizer
	defaultErr  error
)

// testLemmatizer loads the embedded data once for all tests.
func testLemmatizer(t testing.TB) *Lemmatizer {
	t.Helper()
	defaultOnce.Do(func() { defaultLem, defaultErr = Default() })
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultLem
}

func TestLemma(t *testing.T) {
	l := testLemmatizer(t)
	for _, c := range []struct{ word, upos, xpos, want string }{
		{"met", "VERB", "VBD", "meet"},
		{"fled", "VERB", "VBD", "flee"},
		{"vetoed", "VERB", "VBD", "veto"},
		{"talks", "NOUN", "NNS", "talk"},
		{"visited", "VERB", "VBD", "visit"},
		{"struck", "VERB", "VBD", "strike"},
		{"said", "VERB", "VBD", "say"},
		{"was", "AUX", "VBD", "be"},
		{"countries", "NOUN", "NNS", "country"},
		{"held", "VERB", "VBN", "hold"},
		{"sought", "VERB", "VBD", "seek"},
		{"Talks", "NOUN", "NNS", "talk"},
		{"n't", "PART", "RB", "not"},
		{"n’t", "PART", "RB", "not"},
		{"'s", "PART", "POS", "'s"},
		{"Iran", "PROPN", "NNP", "Iran"},
		{"Americans", "PROPN", "NNPS", "American"},
		{"bombed", "VERB", "VBD", "bomb"},
		{"shelling", "VERB", "VBG", "shell"},
		{"condemning", "VERB", "VBG", "condemn"},
		{"negotiating", "VERB", "VBG", "negotiate"},
		{"sanctioned", "VERB", "VBN", "sanction"},
		{"accused", "VERB", "VBD", "accuse"},
		{"ceasefires", "NOUN", "NNS", "ceasefire"},
		{"militias", "NOUN", "NNS", "militia"},
		{"stopped", "VERB", "VBD", "stop"},
		{"better", "ADJ", "JJR", "good"},
		{"larger", "ADJ", "JJR", "large"},
		{"biggest", "ADJ", "JJS", "big"},
		{"saw", "VERB", "VB", "saw"},
		{"saw", "VERB", "VBD", "see"},
		{"left", "VERB", "VBD", "leave"},
		{"left", "ADJ", "JJ", "left"},
		{"him", "PRON", "PRP", "he"},
		{"The", "DET", "DT", "the"},
		{"2.5", "NUM", "CD", "2.5"},
		{"", "NOUN", "NN", ""},
		{"WALKED", "", "", "walked"},
		{"walked", "", "VBD", "walk"},
	} {
		if got := l.Lemma(c.word, c.upos, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %q, %q) = %q, want %q", c.word, c.upos, c.xpos, got, c.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ewt\tx\tNOUN\tNN\tx\tzero\n", "line 1: count"},
		{"exc\tq\tfoo\tbar\n", "line 1: unknown word class"},
		{"# c\nbogus\n", "line 2: unknown record"},
		{"", "no ewt or lex records"},
	} {
		_, err := Load(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Load(%q) error = %v, want it to contain %q", c.in, err, c.want)
		}
	}
}

// sharedDir returns ../shared/data from the repository root, skipping the
// test when it is absent (failing under CI=true, where it must be present).
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data missing under CI: %v", err)
		}
		t.Skipf("shared data absent (%v); skipping", err)
	}
	return p
}

// TestEWTLemmaAccuracy is the accuracy floor: lemmas of en_ewt dev and test
// words given their gold UPOS and XPOS. Set DYAD_SHOW=1 to log the errors.
func TestEWTLemmaAccuracy(t *testing.T) {
	dir := sharedDir(t)
	l := testLemmatizer(t)
	show := os.Getenv("DYAD_SHOW") != ""
	for _, c := range []struct {
		file  string
		floor float64
	}{
		{"ud/en_ewt/en_ewt-ud-dev.conllu", 0.97},
		{"ud/en_ewt/en_ewt-ud-test.conllu", 0.97},
	} {
		f, err := os.Open(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		var total, right int
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) != 10 || strings.ContainsAny(cols[0], "-.") {
				continue
			}
			total++
			got := l.Lemma(cols[1], cols[3], cols[4])
			if got == cols[2] {
				right++
			} else if show {
				t.Logf("%s %s %s: got %q, gold %q", cols[1], cols[3], cols[4], got, cols[2])
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if total < 20000 {
			t.Fatalf("%s: only %d words read", c.file, total)
		}
		acc := float64(right) / float64(total)
		t.Logf("%s: %d words, lemma accuracy %.2f%%", c.file, total, 100*acc)
		if acc < c.floor {
			t.Errorf("%s: lemma accuracy %.4f below floor %.4f", c.file, acc, c.floor)
		}
	}
}
