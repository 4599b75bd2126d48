package timex

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/nlp"
)

// sentence builds a parsed sentence from "word/head/rel" items separated by
// spaces (heads 1-based, -1 for unparsed); words are joined by single spaces.
func sentence(spec string) (string, nlp.Sentence) {
	var text strings.Builder
	var s nlp.Sentence
	for i, item := range strings.Fields(spec) {
		parts := strings.Split(item, "/")
		if i > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		w := strings.ReplaceAll(parts[0], "_", " ")
		text.WriteString(w)
		head := -1
		rel := ""
		if len(parts) == 3 {
			head = atoiTest(parts[1])
			rel = parts[2]
		}
		s.Tokens = append(s.Tokens, nlp.Token{Text: w, Start: start, End: text.Len(), Head: head, Rel: rel, UPOS: "VERB"})
	}
	s.End = text.Len()
	return text.String(), s
}

func atoiTest(s string) int {
	n, neg := 0, false
	for _, c := range s {
		if c == '-' {
			neg = true
			continue
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		return -n
	}
	return n
}

func TestGovern(t *testing.T) {
	parsed := "Ministers/2/nsubj met/0/root on/4/case Wednesday/2/obl and/7/cc will/7/aux meet/2/conj again/7/advmod next/10/amod month/7/obl:tmod ./2/punct"
	unparsed := "Ministers met on Wednesday and will meet again next month ."
	clause := "On/2/case Friday/4/obl ,/2/punct said/0/root rebels/6/nsubj attacked/4/ccomp ./4/punct"
	thatClause := "Officials said on Monday that troops left ."
	tests := []struct {
		name    string
		spec    string
		trigger int
		want    string // governing expression's text, "" for none
	}{
		{"parsed: obl of the trigger", parsed, 1, "Wednesday"},
		{"parsed: obl:tmod of the conjoined verb", parsed, 6, "next month"},
		{"parsed: not across a ccomp", clause, 5, ""},
		{"parsed: the reporting verb", clause, 3, "Friday"},
		{"unparsed: nearest", unparsed, 1, "Wednesday"},
		{"unparsed: nearest to the second verb", unparsed, 6, "next month"},
		{"unparsed: not across that", thatClause, 6, ""},
		{"unparsed: before that", thatClause, 1, "Monday"},
		{"bad trigger", unparsed, 99, ""},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, s := sentence(tt.spec)
			exprs := r.Find(text, day(sat))
			e, ok := Govern(s, exprs, tt.trigger)
			got := ""
			if ok {
				got = e.Text
			}
			if got != tt.want {
				t.Errorf("Govern(%d) = %q, want %q (exprs %v)", tt.trigger, got, tt.want, summary(exprs))
			}
		})
	}
}

func TestGovernSkipsDurations(t *testing.T) {
	text, s := sentence("The/3/det siege/3/nsubj lasted/0/root three_days/3/obl:tmod ./3/punct")
	if e, ok := Govern(s, New().Find(text, day(sat)), 2); ok {
		t.Errorf("a duration governs: %+v", e)
	}
}

func TestEventDate(t *testing.T) {
	r := New()
	text, s := sentence("Ministers/2/nsubj met/0/root on/4/case Wednesday/2/obl and/7/cc will/7/aux meet/2/conj again/7/advmod next/10/amod month/7/obl:tmod ./2/punct")
	exprs := r.Find(text, day(sat))
	for _, tt := range []struct {
		trigger         int
		date, value     string
		prec            Precision
		wantExpr        bool
		sentenceOfOther bool
	}{
		{1, "2024-01-24", "2024-01-24", PrecDay, true, false},
		{6, "2024-02-01", "2024-02", PrecMonth, true, false},
		{0, "2024-01-24", "2024-01-24", PrecDay, true, false}, // a noun in the clause: nearest in the clause
	} {
		got := EventDate(s, exprs, tt.trigger, day(sat))
		if got.Date != tt.date || got.Value != tt.value || got.Precision != tt.prec || (got.Expr != nil) != tt.wantExpr {
			t.Errorf("EventDate(%d) = %+v, want %s %s %s", tt.trigger, got, tt.date, tt.value, tt.prec)
		}
	}
	text, s = sentence("Rebels/2/nsubj attacked/0/root the/4/det town/2/obj ./2/punct")
	got := EventDate(s, r.Find(text, day(sat)), 1, day(sat))
	if got.Date != sat || got.Value != sat || got.Precision != PrecPublication || got.Expr != nil {
		t.Errorf("no expression: %+v, want the publication date", got)
	}
	text, s = sentence("He/2/nsubj lives/0/root there/2/advmod now/2/advmod ./2/punct")
	got = EventDate(s, r.Find(text, day(sat)), 1, day(sat))
	if got.Date != sat || got.Value != "PRESENT_REF" || got.Precision != PrecVague {
		t.Errorf("PRESENT_REF: %+v", got)
	}
}

func TestClauseTense(t *testing.T) {
	mk := func(items ...nlp.Token) nlp.Sentence { return nlp.Sentence{Tokens: items} }
	for _, tt := range []struct {
		name string
		s    nlp.Sentence
		trig int
		want Tense
	}{
		{"will", mk(nlp.Token{Text: "will", XPOS: "MD", Head: 2, Rel: "aux"}, nlp.Token{Text: "meet", XPOS: "VB", Head: 0, Rel: "root"}), 1, TenseFuture},
		{"past", mk(nlp.Token{Text: "met", XPOS: "VBD", Head: 0, Rel: "root"}), 0, TensePast},
		{"present", mk(nlp.Token{Text: "meets", XPOS: "VBZ", Head: 0, Rel: "root"}), 0, TensePresent},
		{"untagged", mk(nlp.Token{Text: "meet", Head: -1}), 0, TenseUnknown},
	} {
		if got := ClauseTense(tt.s, tt.trig); got != tt.want {
			t.Errorf("%s: ClauseTense = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestParseTense(t *testing.T) {
	// "Ministers will meet on Wednesday ." with tags: the parse says future
	text, s := sentence("Ministers/3/nsubj will/3/aux meet/0/root on/5/case Wednesday/3/obl ./3/punct")
	s.Tokens[1].XPOS, s.Tokens[2].XPOS = "MD", "VB"
	got := New().FindWith(text, day(sat), ParseTense([]nlp.Sentence{s}))
	if len(got) != 1 || got[0].Value != "2024-01-31" || got[0].Tense != TenseFuture {
		t.Errorf("future from the parse: %v", summary(got))
	}
	// "met Wednesday": a past-tense verb in the parse
	text, s = sentence("Ministers/2/nsubj met/0/root Wednesday/2/obl:tmod ./2/punct")
	s.Tokens[1].XPOS = "VBD"
	if got := New().FindWith(text, day(sat), ParseTense([]nlp.Sentence{s})); len(got) != 1 || got[0].Value != "2024-01-24" || got[0].Tense != TensePast {
		t.Errorf("past from the parse: %v", summary(got))
	}
	// unparsed: the heuristic decides
	text, s = sentence("They will meet on Wednesday .")
	if got := New().FindWith(text, day(sat), ParseTense([]nlp.Sentence{s})); len(got) != 1 || got[0].Value != "2024-01-31" {
		t.Errorf("unparsed: %v", summary(got))
	}
}
