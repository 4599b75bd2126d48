package segment

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

// split segments text and returns each sentence's tokens joined by spaces.
func split(text string) []string {
	toks := tokenize.New().Tokenize(text)
	var out []string
	for _, s := range New().Segment(text, toks) {
		w := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			w[i] = t.Text
		}
		out = append(out, strings.Join(w, " "))
	}
	return out
}

func TestSegment(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Russia attacked. Ukraine responded! Why? Nobody knows.",
			[]string{"Russia attacked .", "Ukraine responded !", "Why ?", "Nobody knows ."}},
		{"titles", "Mr. Smith met Gen. Jones and Sen. Lee at St. Paul's. They talked.",
			[]string{"Mr. Smith met Gen. Jones and Sen. Lee at St. Paul 's .", "They talked ."}},
		{"initials", "John F. Kennedy and George W. Bush were presidents.",
			[]string{"John F. Kennedy and George W. Bush were presidents ."}},
		{"abbreviation inside", "The U.S. Army and the U.N. Security Council met on Jan. 5 in Washington.",
			[]string{"The U.S. Army and the U.N. Security Council met on Jan. 5 in Washington ."}},
		{"abbreviation at end", "Troops returned to the U.S. The war was over.",
			[]string{"Troops returned to the U.S .", "The war was over ."}},
		{"abbreviation ends paragraph", "Troops returned to the U.S.\n\nThe war was over in Jan.\nGen. Lee\nsaid so.",
			[]string{"Troops returned to the U.S .", "The war was over in Jan .", "Gen. Lee", "said so ."}},
		{"company", "He works for Acme Inc. in Ohio. Acme Corp. But not Acme Ltd. It closed.",
			[]string{"He works for Acme Inc. in Ohio .", "Acme Corp .", "But not Acme Ltd .", "It closed ."}},
		{"decimals", "Growth was 2.5 percent. Inflation hit 3.1%.",
			[]string{"Growth was 2.5 percent .", "Inflation hit 3.1 % ."}},
		{"quote", `He said "No." Then he left.`,
			[]string{`He said " No . "`, "Then he left ."}},
		{"quote inside", `"Are you ready?" she asked.`,
			[]string{`" Are you ready ? " she asked .`}},
		{"period after quote", "“We aim to win.”. Determining it is hard.",
			[]string{"“ We aim to win . ” .", "Determining it is hard ."}},
		{"curly quote", "He said “We will fight.” Talks ended.",
			[]string{"He said “ We will fight . ”", "Talks ended ."}},
		{"ellipsis", "They waited... and waited. Then... Nothing happened.",
			[]string{"They waited ... and waited .", "Then ...", "Nothing happened ."}},
		{"spaced ellipsis", "It is over . . . The end.",
			[]string{"It is over . . .", "The end ."}},
		{"headline", "Rebels seize border town\nRebels seized the town on Monday, officials said.",
			[]string{"Rebels seize border town", "Rebels seized the town on Monday , officials said ."}},
		{"blank line", "Section one\n\nsection two continues here.",
			[]string{"Section one", "section two continues here ."}},
		{"dateline reuters", "MOSCOW (Reuters) - Russia said on Monday it would respond.",
			[]string{"MOSCOW ( Reuters ) -", "Russia said on Monday it would respond ."}},
		{"dateline ap", "WASHINGTON, Jan. 5 (AP) — The Senate voted.",
			[]string{"WASHINGTON , Jan. 5 ( AP ) —", "The Senate voted ."}},
		{"dateline two places", "LONDON/PARIS (Reuters) - Stocks fell.",
			[]string{"LONDON / PARIS ( Reuters ) -", "Stocks fell ."}},
		{"dateline two words", "NEW YORK - Stocks fell.",
			[]string{"NEW YORK -", "Stocks fell ."}},
		{"dateline country", "KYIV, Ukraine — Drones attacked the city.\nBEIRUT, Lebanon (AP) -- Israeli jets struck.",
			[]string{"KYIV , Ukraine —", "Drones attacked the city .", "BEIRUT , Lebanon ( AP ) --", "Israeli jets struck ."}},
		{"dateline mid paragraph is text", "He said so. BEIRUT - the capital - was calm.",
			[]string{"He said so .", "BEIRUT - the capital - was calm ."}},
		{"time abbreviation", "It ended at 5 p.m. He left at 6 p.m. Sunday.",
			[]string{"It ended at 5 p.m .", "He left at 6 p.m. Sunday ."}},
		{"question after abbreviation", "What about the U.S.? Nothing.",
			[]string{"What about the U.S. ?", "Nothing ."}},
		{"exclamation in quotes", `"Stop!" he cried. Then silence.`,
			[]string{`" Stop ! " he cried .`, "Then silence ."}},
		{"not a dateline", "The UN - and its agencies - helped.",
			[]string{"The UN - and its agencies - helped ."}},
		{"interview", "Q: Will you run again? A: No, I will not.\nQuestion: Why not?\nAnswer: Family.",
			[]string{"Q : Will you run again ?", "A : No , I will not .", "Question : Why not ?", "Answer : Family ."}},
		{"speaker labels in wrapped text", strings.Repeat("Ahmadian: we discussed the nuclear programme and the sanctions\nwhich were imposed on the country last year by the council\n", 2),
			[]string{"Ahmadian : we discussed the nuclear programme and the sanctions which were imposed on the country last year by the council",
				"Ahmadian : we discussed the nuclear programme and the sanctions which were imposed on the country last year by the council"}},
		{"bullets", "Demands:\n- a ceasefire\n- prisoner exchange\n1. first item\n2. second item",
			[]string{"Demands :", "- a ceasefire", "- prisoner exchange", "1 . first item", "2 . second item"}},
		{"hard wrapped", "The minister said the talks, which began on Monday in the capital,\nwould continue until an agreement was reached between the sides\nor until one of the parties walked out of the negotiations.",
			[]string{"The minister said the talks , which began on Monday in the capital , would continue until an agreement was reached between the sides or until one of the parties walked out of the negotiations ."}},
		{"headline over hard wrapped text", "Talks stall in Geneva\nThe minister said the talks, which began on Monday in the capital,\nwould continue until an agreement was reached between the sides\nor until one of the parties walked out.",
			[]string{"Talks stall in Geneva", "The minister said the talks , which began on Monday in the capital , would continue until an agreement was reached between the sides or until one of the parties walked out ."}},
		{"empty", "", nil},
		{"only spaces", " \n\n ", nil},
	} {
		got := split(c.in)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: Segment(%q)\n got  %q\n want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestMaxTokens(t *testing.T) {
	text := strings.Repeat("word ", 1000)
	s := New()
	s.MaxTokens = 100
	sents := s.Segment(text, tokenize.New().Tokenize(text))
	if len(sents) != 10 {
		t.Fatalf("got %d sentences, want 10", len(sents))
	}
	for _, x := range sents {
		if len(x.Tokens) != 100 {
			t.Errorf("sentence of %d tokens, want 100", len(x.Tokens))
		}
	}
}

// checkSentences verifies that sentences cover the text's tokens in order,
// with consistent offsets.
func checkSentences(t *testing.T, text string, toks []nlp.Token, sents []nlp.Sentence) {
	t.Helper()
	prev := 0
	n := 0
	for i, s := range sents {
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d is empty", i)
		}
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End || s.Start < prev {
			t.Fatalf("sentence %d: bad offsets %d-%d (previous end %d)", i, s.Start, s.End, prev)
		}
		for _, tok := range s.Tokens {
			if tok.Start < prev || text[tok.Start:tok.End] != tok.Text || tok.End <= tok.Start {
				t.Fatalf("sentence %d: bad token %+v", i, tok)
			}
			prev = tok.End
			n++
		}
	}
	// Every input token is covered; splitting a final period adds tokens.
	if n < len(toks) {
		t.Fatalf("%d tokens in sentences, %d in input", n, len(toks))
	}
	if len(toks) > 0 && prev != toks[len(toks)-1].End {
		t.Fatalf("sentences end at %d, tokens at %d", prev, toks[len(toks)-1].End)
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"MOSCOW (Reuters) - Russia said. Mr. Putin met U.S. officials. The end.",
		"Q: why?\nA: because...\n\n- item\n1. one", `He said "No." Then... "Yes!" she said.`,
		"WASHINGTON, Jan. 5 (AP) — x", "\xff. \xfe! U.S. The", "a\nb\nc",
	} {
		f.Add(s)
	}
	tk, sg := tokenize.New(), New()
	f.Fuzz(func(t *testing.T, s string) {
		toks := tk.Tokenize(s)
		checkSentences(t, s, toks, sg.Segment(s, toks))
	})
}

// TestLargeInputs runs inputs built to trigger quadratic behaviour; with
// linear scanning each takes milliseconds, with a quadratic one minutes.
func TestLargeInputs(t *testing.T) {
	tk, sg := tokenize.New(), New()
	const n = 1 << 16
	for name, s := range map[string]string{
		"closers":      "End." + strings.Repeat(" )", n),
		"periods":      strings.Repeat(". ", n),
		"newlines":     strings.Repeat("a\n", n),
		"labels":       strings.Repeat("Q: ", n),
		"datelines":    strings.Repeat("MOSCOW (Reuters) -\n", n/8),
		"no boundary":  strings.Repeat("word ", n),
		"abbreviation": strings.Repeat("U.S. ", n),
	} {
		toks := tk.Tokenize(s)
		sents := sg.Segment(s, toks)
		checkSentences(t, s, toks, sents)
		for _, x := range sents {
			if len(x.Tokens) > DefaultMaxTokens+2 {
				t.Errorf("%s: sentence of %d tokens exceeds the bound", name, len(x.Tokens))
			}
		}
	}
}
