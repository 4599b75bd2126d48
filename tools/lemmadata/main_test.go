package main

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/testenv"
)

// TestCommittedDataUpToDate regenerates the lemma data from its sources and
// compares it with the committed data/lemma/lemmas.tsv.gz.
func TestCommittedDataUpToDate(t *testing.T) {
	ewt := testenv.SharedFile(t, "ud", "en_ewt", "en_ewt-ud-train.conllu")
	const wn = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(wn, "verb.exc")); err != nil {
		testenv.Need(t, "WordNet absent ("+err.Error()+"): apt-get install wordnet-base to run this test")
	}
	var got strings.Builder
	if err := build(&got, ewt, wn); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("..", "..", "data", "lemma", "lemmas.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Fatalf("data/lemma/lemmas.tsv.gz is stale (%d bytes regenerated, %d committed): run go run ./tools/lemmadata", got.Len(), len(want))
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if _, err := readEWT(write("a.conllu", "# text = x\n1\tx\tx\n")); err == nil || !strings.Contains(err.Error(), "a.conllu:2: 3 columns") {
		t.Errorf("readEWT error = %v, want file:line and column count", err)
	}
	if _, err := readExc(write("verb.exc", "went go\nlonely\n"), "v"); err == nil || !strings.Contains(err.Error(), "verb.exc:2:") {
		t.Errorf("readExc error = %v, want file:line", err)
	}
	lines, err := readExc(write("noun.exc", "mice mouse\nwent_in go_in\n"), "n")
	if err != nil || len(lines) != 1 || lines[0] != "exc\tn\tmice\tmouse" {
		t.Errorf("readExc = %q, %v", lines, err)
	}
}
