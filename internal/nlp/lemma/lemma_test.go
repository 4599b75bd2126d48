package lemma

import (
	"bufio"
	"github.com/dyad-project/dyad/internal/testenv"
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

// TestEWTLemmaAccuracy is the accuracy floor: lemmas of en_ewt dev and test
// words given their gold UPOS and XPOS. Set DYAD_SHOW=1 to log the errors,
// DYAD_SHOW=unseen to log only those on words absent from en_ewt train.
func TestEWTLemmaAccuracy(t *testing.T) {
	dir := testenv.Shared(t)
	l := testLemmatizer(t)
	show := os.Getenv("DYAD_SHOW") != ""
	seen := trainForms(t, filepath.Join(dir, "ud/en_ewt/en_ewt-ud-train.conllu"))
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
		var total, right, unseen, unseenRight int
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) != 10 || strings.ContainsAny(cols[0], "-.") {
				continue
			}
			total++
			got := l.Lemma(cols[1], cols[3], cols[4])
			isNew := !seen[strings.ToLower(cols[1])]
			if isNew {
				unseen++
			}
			if got == cols[2] {
				right++
				if isNew {
					unseenRight++
				}
			} else if show && (isNew || os.Getenv("DYAD_SHOW") != "unseen") {
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
		t.Logf("%s: %d words, lemma accuracy %.2f%%; on the %d words unseen in train %.2f%%", c.file, total, 100*acc, unseen, 100*float64(unseenRight)/float64(unseen))
		if acc < c.floor {
			t.Errorf("%s: lemma accuracy %.4f below floor %.4f", c.file, acc, c.floor)
		}
	}
}

// trainForms returns the lower-cased word forms of a CoNLL-U file.
func trainForms(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 10 {
			seen[strings.ToLower(cols[1])] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return seen
}

// TestRules checks the suffix rules on words chosen to be absent from the
// en_ewt data, so that the rules, not the table, answer.
func TestRules(t *testing.T) {
	l := testLemmatizer(t)
	for _, c := range []struct{ word, upos, xpos, want string }{
		{"outflanked", "VERB", "VBD", "outflank"},
		{"blockading", "VERB", "VBG", "blockade"},
		{"annexing", "VERB", "VBG", "annex"},
		{"shelled", "VERB", "VBN", "shell"},
		{"airlifted", "VERB", "VBN", "airlift"},
		{"expelling", "VERB", "VBG", "expel"},
		{"mediates", "VERB", "VBZ", "mediate"},
		{"bombarded", "VERB", "VBD", "bombard"},
		{"detained", "VERB", "VBD", "detain"},
		{"embargoes", "NOUN", "NNS", "embargo"},
		{"skirmishes", "NOUN", "NNS", "skirmish"},
		{"militiamen", "NOUN", "NNS", "militiaman"},
		{"casualties", "NOUN", "NNS", "casualty"},
		{"warheads", "NOUN", "NNS", "warhead"},
		{"hostilities", "NOUN", "NNS", "hostility"},
		{"fiercer", "ADJ", "JJR", "fierce"},
		{"bloodiest", "ADJ", "JJS", "bloody"},
		{"sadder", "ADJ", "JJR", "sad"},
		{"Houthis", "PROPN", "NNPS", "Houthi"},
		{"drone's", "NOUN", "NNS", "drone"},
		{"fightin", "VERB", "VBG", "fight"},
	} {
		if got := l.Lemma(c.word, c.upos, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %q, %q) = %q, want %q", c.word, c.upos, c.xpos, got, c.want)
		}
	}
}

func FuzzLemma(f *testing.F) {
	for _, s := range []string{"met", "n’t", "Ünïcödé", "\xff", "ies", "ing", "ed", "s", "COUNTRIES"} {
		f.Add(s, "VERB", "VBD")
		f.Add(s, "NOUN", "NNS")
		f.Add(s, "", "")
	}
	l := testLemmatizer(f)
	f.Fuzz(func(t *testing.T, word, upos, xpos string) {
		got := l.Lemma(word, upos, xpos)
		if word != "" && got == "" {
			t.Errorf("Lemma(%q, %q, %q) is empty", word, upos, xpos)
		}
	})
}

// BenchmarkLemma lemmatizes the words of a fixed tagged sentence.
func BenchmarkLemma(b *testing.B) {
	l := testLemmatizer(b)
	words := [][3]string{
		{"Rebels", "NOUN", "NNS"}, {"shelled", "VERB", "VBD"}, {"the", "DET", "DT"}, {"town", "NOUN", "NN"},
		{"and", "CCONJ", "CC"}, {"fled", "VERB", "VBD"}, {"after", "ADP", "IN"}, {"talks", "NOUN", "NNS"},
		{"collapsed", "VERB", "VBD"}, {"outflanking", "VERB", "VBG"}, {"Iran", "PROPN", "NNP"}, {"'s", "PART", "POS"},
	}
	if got := l.Lemma("fled", "VERB", "VBD"); got != "flee" {
		b.Fatalf("fled → %q", got)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			l.Lemma(w[0], w[1], w[2])
		}
	}
	b.ReportMetric(float64(b.N*len(words))/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkDefault measures loading the embedded data.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
