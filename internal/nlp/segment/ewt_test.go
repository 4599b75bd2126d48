package segment

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/nlp/tokenize"
	"github.com/dyad-project/dyad/internal/testenv"
)

// goldDoc is a document rebuilt from the "# text" lines of a CoNLL-U file,
// with the byte spans of its gold sentences.
type goldDoc struct {
	text  string
	sents [][2]int
}

// readDocs rebuilds documents: sentences of a paragraph are joined by a
// space, paragraphs by parSep ("\n\n" to keep the layout, " " to remove it).
func readDocs(t testing.TB, path, parSep string) []goldDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []goldDoc
	var b strings.Builder
	var cur goldDoc
	newPar := false
	flush := func() {
		if len(cur.sents) > 0 {
			cur.text = b.String()
			docs = append(docs, cur)
		}
		cur = goldDoc{}
		b.Reset()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# newdoc"):
			flush()
		case strings.HasPrefix(l, "# newpar"):
			newPar = true
		case strings.HasPrefix(l, "# text = "):
			s := strings.TrimSpace(strings.TrimPrefix(l, "# text = "))
			if b.Len() > 0 {
				if newPar {
					b.WriteString(parSep)
				} else {
					b.WriteString(" ")
				}
			}
			newPar = false
			a := b.Len()
			b.WriteString(s)
			cur.sents = append(cur.sents, [2]int{a, b.Len()})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	flush()
	return docs
}

// sentenceF1 segments every document and scores exact sentence spans.
func sentenceF1(docs []goldDoc, show func(gold, sys string)) (p, r, f float64) {
	tk := tokenize.New()
	sg := New()
	var gold, sys, match int
	for _, d := range docs {
		g := make(map[[2]int]bool, len(d.sents))
		for _, s := range d.sents {
			g[s] = true
		}
		got := sg.Segment(d.text, tk.Tokenize(d.text))
		sysSet := make(map[[2]int]bool, len(got))
		for _, s := range got {
			sysSet[[2]int{s.Start, s.End}] = true
			if g[[2]int{s.Start, s.End}] {
				match++
			} else if show != nil {
				show("", d.text[s.Start:s.End])
			}
		}
		if show != nil {
			for _, s := range d.sents {
				if !sysSet[s] {
					show(d.text[s[0]:s[1]], "")
				}
			}
		}
		gold += len(d.sents)
		sys += len(got)
	}
	p = float64(match) / float64(sys)
	r = float64(match) / float64(gold)
	return p, r, 2 * p * r / (p + r)
}

// TestEWTSentenceF1 is the accuracy floor for sentence boundaries on en_ewt
// dev and test, with paragraph breaks kept as blank lines and removed.
// Run with DYAD_SHOW=1 to log the sentences that differ.
func TestEWTSentenceF1(t *testing.T) {
	dir := testenv.Shared(t)
	var show func(g, s string)
	if os.Getenv("DYAD_SHOW") != "" {
		show = func(g, s string) {
			if g != "" {
				t.Logf("missed gold: %q", g)
			} else {
				t.Logf("extra sys:   %q", s)
			}
		}
	}
	for _, c := range []struct {
		file, sep string
		floor     float64
	}{
		{"ud/en_ewt/en_ewt-ud-dev.conllu", "\n\n", 0.83},
		{"ud/en_ewt/en_ewt-ud-dev.conllu", "\n", 0.83},
		{"ud/en_ewt/en_ewt-ud-dev.conllu", " ", 0.67},
		{"ud/en_ewt/en_ewt-ud-test.conllu", "\n\n", 0.83},
		{"ud/en_ewt/en_ewt-ud-test.conllu", " ", 0.67},
		{"ud/en_pud/en_pud-ud-test.conllu", " ", 0.98},
	} {
		docs := readDocs(t, filepath.Join(dir, c.file), c.sep)
		if len(docs) < 100 && !strings.Contains(c.file, "pud") {
			t.Fatalf("%s: only %d documents read", c.file, len(docs))
		}
		p, r, f := sentenceF1(docs, show)
		t.Logf("%s (paragraphs joined by %q): %d documents, sentence precision %.2f%% recall %.2f%% F1 %.2f%%", c.file, c.sep, len(docs), 100*p, 100*r, 100*f)
		if f < c.floor {
			t.Errorf("%s (paragraphs joined by %q): sentence F1 %.4f below floor %.4f", c.file, c.sep, f, c.floor)
		}
	}
}
