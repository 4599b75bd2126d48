package tokenize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/nlp"
)

func texts(toks []nlp.Token) string {
	s := make([]string, len(toks))
	for i, t := range toks {
		s[i] = t.Text
	}
	return strings.Join(s, " | ")
}

func TestTokenize(t *testing.T) {
	tk := New()
	for _, c := range []struct{ in, want string }{
		// clitics
		{"Iran's nuclear programme", "Iran | 's | nuclear | programme"},
		{"They don't know.", "They | do | n't | know | ."},
		{"We can't and won't.", "We | ca | n't | and | wo | n't | ."},
		{"I'm sure they've left; we'll see, he'd say.", "I | 'm | sure | they | 've | left | ; | we | 'll | see | , | he | 'd | say | ."},
		{"the states' rights", "the | states | ' | rights"},
		{"Iran’s leader didn’t", "Iran | ’s | leader | did | n’t"},
		{"O'Brien met D'Souza", "O'Brien | met | D'Souza"},
		{"I dont know, I cannot go, we're gonna win", "I | do | nt | know | , | I | can | not | go | , | we | 're | gon | na | win"},
		// abbreviations and numbers
		{"The U.S. and U.N. met on Jan. 5.", "The | U.S. | and | U.N. | met | on | Jan. | 5 | ."},
		{"Gen. Smith and Mr. Jones of Acme Inc. arrived", "Gen. | Smith | and | Mr. | Jones | of | Acme | Inc. | arrived"},
		{"John F. Kennedy, e.g. the i.e. case", "John | F. | Kennedy | , | e.g. | the | i.e. | case"},
		{"It rose 2.5 percent to 1,000 or 3.5% at 10:30 on 11/20/2000.", "It | rose | 2.5 | percent | to | 1,000 | or | 3.5 | % | at | 10:30 | on | 11/20/2000 | ."},
		{"He paid $5 for the 1st and 22nd.", "He | paid | $ | 5 | for | the | 1st | and | 22nd | ."},
		{"No. 10 said no.", "No. | 10 | said | no | ."},
		{"He moved to the U.S.", "He | moved | to | the | U.S | ."},
		// hyphens
		{"a 15-year term, so-called talks", "a | 15 | - | year | term | , | so | - | called | talks"},
		{"al-Assad flew a Su-35 and an F-16 during COVID-19", "al-Assad | flew | a | Su-35 | and | an | F-16 | during | COVID-19"},
		{"send an e-mail to the non-profit re-elected anti-war group", "send | an | e-mail | to | the | non-profit | re-elected | anti-war | group"},
		{"call 713-853-3989 or 853-3242 now", "call | 713-853-3989 | or | 853-3242 | now"},
		{"from 1998-2001, won 5-3 in the 1980's", "from | 1998 | - | 2001 | , | won | 5 | - | 3 | in | the | 1980's"},
		{"what...? Yes.... ok?!", "what | ... | ? | Yes | .... | ok | ?!"},
		{"mailto:a@b.org", "mailto:a@b.org"},
		// web
		{"See https://example.com/a?b=c, or www.bbc.co.uk.", "See | https://example.com/a?b=c | , | or | www.bbc.co.uk | ."},
		{"(http://x.org/wiki/Foo_(bar))", "( | http://x.org/wiki/Foo_(bar) | )"},
		{"Mail john.smith@example.com or @UN_News about #Syria", "Mail | john.smith@example.com | or | @UN_News | about | #Syria"},
		// punctuation
		{`He said "No." Then...`, `He | said | " | No | . | " | Then | ...`},
		{"Wait -- what?! Really…", "Wait | -- | what | ?! | Really | …"},
		{"(Reuters) - Russia [said]", "( | Reuters | ) | - | Russia | [ | said | ]"},
		{"MOSCOW — Russia", "MOSCOW | — | Russia"},
		{"“Peace”, he said :)", "“ | Peace | ” | , | he | said | :)"},
		{"AT&T and PG&E", "AT&T | and | PG&E"},
		// whitespace and odd input
		{"non\u00a0breaking\u200bspace\ttab\r\nline", "non | breaking | space | tab | line"},
		{"", ""},
		{"   ", ""},
		{"\xff\xfeabc", "\xff | \xfe | abc"},
		{"Ünïcödé wörds, 東京 and Москва.", "Ünïcödé | wörds | , | 東京 | and | Москва | ."},
	} {
		got := texts(tk.Tokenize(c.in))
		if got != c.want {
			t.Errorf("Tokenize(%q)\n got  %s\n want %s", c.in, got, c.want)
		}
	}
}

func TestNormAndSpace(t *testing.T) {
	toks := New().Tokenize("“Iran’s” — talks… end ``x''")
	want := []struct {
		text, norm string
		space      bool
	}{
		{"“", `"`, false}, {"Iran", "", false}, {"’s", "'s", false}, {"”", `"`, true},
		{"—", "--", true}, {"talks", "", false}, {"…", "...", true}, {"end", "", true},
		{"``", `"`, false}, {"x", "", false}, {"''", `"`, false},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens (%s), want %d", len(toks), texts(toks), len(want))
	}
	for i, w := range want {
		if toks[i].Text != w.text || toks[i].Norm != w.norm || toks[i].SpaceAfter != w.space || toks[i].Head != -1 {
			t.Errorf("token %d = %+v, want text %q norm %q space %v head -1", i, toks[i], w.text, w.norm, w.space)
		}
	}
}

// checkInvariants verifies the offsets contract.
func checkInvariants(t *testing.T, text string, toks []nlp.Token) {
	t.Helper()
	prev := 0
	for i, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
			t.Fatalf("token %d %+v: bad offsets (previous end %d, text length %d)", i, tok, prev, len(text))
		}
		if text[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token %d: Text %q != text[%d:%d] %q", i, tok.Text, tok.Start, tok.End, text[tok.Start:tok.End])
		}
		for j := prev; j < tok.Start; {
			r, w := utf8.DecodeRuneInString(text[j:])
			if r != utf8.RuneError && !isSpaceRune(r) {
				t.Fatalf("token %d: dropped non-space %q at %d", i, r, j)
			}
			if r == utf8.RuneError && w == 1 {
				t.Fatalf("token %d: dropped invalid byte at %d", i, j)
			}
			j += w
		}
		prev = tok.End
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Iran's U.S.-backed al-Assad can't 2.5% ...", "MOSCOW (Reuters) - Russia said on Jan. 5.",
		"http://a.b/c(d)). e@f.g @h #i :-) «x» 1,000.5 10:30 w/o", "\xff\xfe\x00 ’’ n’t states'",
		"dont cannot gonna U.S. e.g. F. No. 5", "…——–― \u00a0\u200b",
	} {
		f.Add(s)
	}
	tk := New()
	f.Fuzz(func(t *testing.T, s string) {
		checkInvariants(t, s, tk.Tokenize(s))
	})
}

// TestLargeInputs runs inputs built to trigger quadratic behaviour; with
// linear scanning each takes milliseconds, with a quadratic one minutes.
func TestLargeInputs(t *testing.T) {
	tk := New()
	const n = 1 << 16
	for name, s := range map[string]string{
		"url with closers":   "http://x.org/" + strings.Repeat(")", n),
		"dotted words and @": strings.Repeat("abc.Def.", n/8) + "@x",
		"hyphen digits":      strings.Repeat("1-", n/2),
		"apostrophes":        strings.Repeat("a'", n/2),
		"abbreviations":      strings.Repeat("A.)", n/3),
		"no spaces":          strings.Repeat("x", n),
		"only spaces":        strings.Repeat(" \u00a0", n/3),
		"dashes":             strings.Repeat("—", n/3),
	} {
		toks := tk.Tokenize(s)
		checkInvariants(t, s, toks)
		if len(toks) == 0 && strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", "")) != "" {
			t.Errorf("%s: no tokens", name)
		}
	}
}
