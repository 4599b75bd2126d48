package tokenize

import (
	"bufio"
	"fmt"
	"github.com/dyad-project/dyad/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldSentence is one sentence of a CoNLL-U file: its text and the byte
// spans of its syntactic words within the text.
type goldSentence struct {
	text  string
	spans [][2]int
}

// readGold reads the sentences of a CoNLL-U file and places every word in
// the sentence text. Words of a multiword token whose forms concatenate to
// the token's surface get their own spans; otherwise the surface token is
// one span (the CoNLL 2018 alignment would not match them either).
func readGold(t testing.TB, path string) []goldSentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldSentence
	var cur goldSentence
	var pos int
	mwtEnd := 0 // last word id covered by the open multiword token
	var mwtForms []string
	var mwtSurface string
	place := func(form string) (int, int, bool) {
		for pos < len(cur.text) && (cur.text[pos] == ' ' || cur.text[pos] == '\t' || cur.text[pos] == '\n') {
			pos++
		}
		if !strings.HasPrefix(cur.text[pos:], form) {
			return 0, 0, false
		}
		a := pos
		pos += len(form)
		return a, pos, true
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	bad := false
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# text = "):
			cur = goldSentence{text: strings.TrimPrefix(l, "# text = ")}
			pos, mwtEnd, bad = 0, 0, false
		case l == "":
			if cur.text != "" && !bad {
				out = append(out, cur)
			}
			cur = goldSentence{}
		case strings.HasPrefix(l, "#"):
		default:
			cols := strings.Split(l, "\t")
			if len(cols) != 10 || strings.Contains(cols[0], ".") {
				continue
			}
			if a, b, ok := strings.Cut(cols[0], "-"); ok {
				var lo, hi int
				fmt.Sscan(a, &lo)
				fmt.Sscan(b, &hi)
				mwtEnd, mwtForms, mwtSurface = hi, nil, cols[1]
				continue
			}
			var id int
			fmt.Sscan(cols[0], &id)
			if id <= mwtEnd {
				mwtForms = append(mwtForms, cols[1])
				if id < mwtEnd {
					continue
				}
				if strings.Join(mwtForms, "") == mwtSurface {
					for _, w := range mwtForms {
						a, b, ok := place(w)
						if !ok {
							bad = true
						}
						cur.spans = append(cur.spans, [2]int{a, b})
					}
				} else {
					a, b, ok := place(mwtSurface)
					if !ok {
						bad = true
					}
					cur.spans = append(cur.spans, [2]int{a, b})
				}
				mwtEnd = 0
				continue
			}
			a, b, ok := place(cols[1])
			if !ok {
				bad = true
				continue
			}
			cur.spans = append(cur.spans, [2]int{a, b})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s:%d: %v", path, line, err)
	}
	return out
}

// tokenF1 tokenizes every gold sentence text and scores exact span matches.
func tokenF1(t testing.TB, sents []goldSentence, show int) (p, r, f float64) {
	tk := New()
	var gold, sys, match int
	shown := 0
	for _, s := range sents {
		toks := tk.Tokenize(s.text)
		g := make(map[[2]int]bool, len(s.spans))
		for _, sp := range s.spans {
			g[sp] = true
		}
		ok := true
		for _, tok := range toks {
			if g[[2]int{tok.Start, tok.End}] {
				match++
			} else {
				ok = false
			}
		}
		gold += len(s.spans)
		sys += len(toks)
		if (!ok || len(toks) != len(s.spans)) && shown < show {
			shown++
			var gs, ss []string
			for _, sp := range s.spans {
				gs = append(gs, s.text[sp[0]:sp[1]])
			}
			for _, tok := range toks {
				ss = append(ss, tok.Text)
			}
			t.Logf("gold: %s\n     sys:  %s", strings.Join(gs, " | "), strings.Join(ss, " | "))
		}
	}
	p = float64(match) / float64(sys)
	r = float64(match) / float64(gold)
	return p, r, 2 * p * r / (p + r)
}

// TestEWTTokenF1 is the accuracy floor: token F1 against en_ewt dev words.
// Run with DYAD_SHOW=N to log the first N sentences that differ.
func TestEWTTokenF1(t *testing.T) {
	dir := testenv.Shared(t)
	show := 0
	fmt.Sscan(os.Getenv("DYAD_SHOW"), &show)
	for _, c := range []struct {
		file  string
		floor float64
	}{
		{"ud/en_ewt/en_ewt-ud-dev.conllu", 0.985},
		{"ud/en_ewt/en_ewt-ud-test.conllu", 0.985},
		{"ud/en_pud/en_pud-ud-test.conllu", 0.995},
	} {
		sents := readGold(t, filepath.Join(dir, c.file))
		if len(sents) < 900 {
			t.Fatalf("%s: only %d sentences read", c.file, len(sents))
		}
		p, r, f := tokenF1(t, sents, show)
		t.Logf("%s: %d sentences, token precision %.2f%% recall %.2f%% F1 %.2f%%", c.file, len(sents), 100*p, 100*r, 100*f)
		if f < c.floor {
			t.Errorf("%s: token F1 %.4f below floor %.4f", c.file, f, c.floor)
		}
	}
}
