package event

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/nlp"
)

// build makes an Input from a hand-parsed sentence. spec holds tokens
// "form|UPOS|lemma|head|rel" (optionally "|XPOS"); mentions are "words=CODE".
func build(t testing.TB, spec string, mentions ...string) Input {
	t.Helper()
	var s nlp.Sentence
	var text strings.Builder
	for _, f := range strings.Fields(spec) {
		p := strings.Split(f, "|")
		if len(p) < 5 {
			t.Fatalf("bad token %q", f)
		}
		head, err := strconv.Atoi(p[3])
		if err != nil {
			t.Fatalf("bad head in %q", f)
		}
		if text.Len() > 0 {
			text.WriteByte(' ')
		}
		tok := nlp.Token{Text: p[0], Start: text.Len(), UPOS: p[1], Lemma: p[2], Head: head, Rel: p[4], SpaceAfter: true}
		if len(p) > 5 {
			tok.XPOS = p[5]
		}
		text.WriteString(p[0])
		tok.End = text.Len()
		s.Tokens = append(s.Tokens, tok)
	}
	s.End = text.Len()
	var ms []Mention
	for _, m := range mentions {
		words, code, _ := strings.Cut(m, "=")
		ws := strings.Fields(words)
		found := false
		for i := 0; i+len(ws) <= len(s.Tokens) && !found; i++ {
			ok := true
			for k, w := range ws {
				if s.Tokens[i+k].Text != w {
					ok = false
					break
				}
			}
			if ok {
				a, b := s.Tokens[i], s.Tokens[i+len(ws)-1]
				ms = append(ms, Mention{Start: i, End: i + len(ws), Span: spanOf(a.Start, b.End), Text: words, Code: code, Name: words, Country: code[:min(3, len(code))]})
				found = true
			}
		}
		if !found {
			t.Fatalf("mention %q not in sentence", words)
		}
	}
	return Input{DocID: "d1", Text: text.String(), Published: time.Date(2024, 1, 27, 0, 0, 0, 0, time.UTC), Outlet: "Test Wire",
		Sentences: []nlp.Sentence{s}, Mentions: [][]Mention{ms}}
}

func testCoder(t testing.TB) *Coder {
	t.Helper()
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	p, err := cameo.DefaultPatterns()
	if err != nil {
		t.Fatal(err)
	}
	return NewCoder(cb, p, Options{})
}

// summary is "SRC>TGT CODE status[cue]" for each event, sorted as coded.
func summary(es []Event) string {
	var out []string
	for _, e := range es {
		s := fmt.Sprintf("%s>%s %s %s", e.Source.Code, e.Target.Code, e.Code, e.Status)
		if e.CueText != "" {
			s += "[" + e.CueText + "]"
		}
		if e.Attributed != nil && e.Status == Reported {
			s += "@" + e.Attributed.Code
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

var grammarTests = []struct {
	name     string
	spec     string
	mentions []string
	want     string
}{
	{"misparsed predicate", "Armenian|ADJ|Armenian|2|amod police|NOUN|police|0|root detained|VERB|detain|4|amod|VBD dozens|NOUN|dozen|2|obj of|ADP|of|6|case demonstrators|NOUN|demonstrator|4|nmod",
		[]string{"Armenian police=ARMCOP", "demonstrators=OPP"}, "ARMCOP>OPP 173 asserted"},
	{"participle after determiner", "the|DET|the|3|det detained|VERB|detain|3|amod|VBN activists|NOUN|activist|4|nsubj protested|VERB|protest|0|root",
		[]string{"activists=OPP"}, "OPP> 140 asserted"},
	{"conjuncts after a mention", "ambassadors|NOUN|ambassador|7|nsubj of|ADP|of|3|case Arnor|PROPN|Arnor|1|nmod ,|PUNCT|,|5|punct Gondor|PROPN|Gondor|3|conj and|CCONJ|and|7|cc criticized|VERB|criticize|0|root Rohan|PROPN|Rohan|7|obj",
		[]string{"ambassadors of Arnor=ARNGOV", "Gondor=GON", "Rohan=ROH"}, "ARNGOV>ROH 111 asserted; GON>ROH 111 asserted"},
	{"actor inside a prepositional phrase", "Russia|PROPN|Russia|2|nsubj protested|VERB|protest|0|root to|ADP|to|5|case the|DET|the|5|det envoy|NOUN|envoy|2|obl of|ADP|of|7|case Poland|PROPN|Poland|5|nmod",
		[]string{"Russia=RUS", "Poland=POL"}, "RUS>POL 140 asserted"},
	{"active", "Russia|PROPN|Russia|2|nsubj attacked|VERB|attack|0|root Ukraine|PROPN|Ukraine|2|obj .|PUNCT|.|2|punct",
		[]string{"Russia=RUS", "Ukraine=UKR"}, "RUS>UKR 190 asserted"},
	{"passive", "Ukraine|PROPN|Ukraine|3|nsubj:pass was|AUX|be|3|aux:pass attacked|VERB|attack|0|root|VBN by|ADP|by|5|case Russia|PROPN|Russia|3|obl:agent",
		[]string{"Russia=RUS", "Ukraine=UKR"}, "RUS>UKR 190 asserted"},
	{"passive obl by", "Ukraine|PROPN|Ukraine|3|nsubj:pass was|AUX|be|3|aux:pass attacked|VERB|attack|0|root|VBN by|ADP|by|5|case Russia|PROPN|Russia|3|obl",
		[]string{"Russia=RUS", "Ukraine=UKR"}, "RUS>UKR 190 asserted"},
	{"negated", "Russia|PROPN|Russia|4|nsubj did|AUX|do|4|aux not|PART|not|4|advmod attack|VERB|attack|0|root Ukraine|PROPN|Ukraine|4|obj",
		[]string{"Russia=RUS", "Ukraine=UKR"}, "RUS>UKR 190 negated[not]"},
	{"never", "Russia|PROPN|Russia|3|nsubj never|ADV|never|3|advmod attacked|VERB|attack|0|root Ukraine|PROPN|Ukraine|3|obj",
		[]string{"Russia=RUS", "Ukraine=UKR"}, "RUS>UKR 190 negated[never]"},
	{"modal", "Russia|PROPN|Russia|3|nsubj could|AUX|could|3|aux attack|VERB|attack|0|root Ukraine|PROPN|Ukraine|3|obj",
		[]string{"Russia=RUS", "Ukraine=UKR"}, "RUS>UKR 190 hypothetical[could]"},
	{"future", "Russia|PROPN|Russia|3|nsubj will|AUX|will|3|aux attack|VERB|attack|0|root Ukraine|PROPN|Ukraine|3|obj",
		[]string{"Russia=RUS", "Ukraine=UKR"}, "RUS>UKR 190 future[will]"},
	{"conditional", "If|SCONJ|if|3|mark Russia|PROPN|Russia|3|nsubj attacks|VERB|attack|7|advcl Ukraine|PROPN|Ukraine|3|obj ,|PUNCT|,|7|punct NATO|PROPN|NATO|7|nsubj responds|VERB|respond|0|root",
		[]string{"Russia=RUS", "Ukraine=UKR", "NATO=NAT"}, "RUS>UKR 190 hypothetical[If]"},
	{"control future", "Iran|PROPN|Iran|2|nsubj agreed|VERB|agree|0|root to|PART|to|4|mark help|VERB|help|2|xcomp Iraq|PROPN|Iraq|4|obj",
		[]string{"Iran=IRN", "Iraq=IRQ"}, "IRN>IRQ 070 future[agreed]; IRN>IRQ 033 asserted"},
	{"failed to", "Iran|PROPN|Iran|2|nsubj failed|VERB|fail|0|root to|PART|to|4|mark help|VERB|help|2|xcomp Iraq|PROPN|Iraq|4|obj",
		[]string{"Iran=IRN", "Iraq=IRQ"}, "IRN>IRQ 070 negated[failed]; IRN>IRQ 122 asserted"},
	{"refused to", "Iran|PROPN|Iran|2|nsubj refused|VERB|refuse|0|root to|PART|to|4|mark meet|VERB|meet|2|xcomp Iraq|PROPN|Iraq|4|obj",
		[]string{"Iran=IRN", "Iraq=IRQ"}, "IRN>IRQ 040 negated[refused]; IRN>IRQ 125 asserted"},
	{"denied that", "Moscow|PROPN|Moscow|2|nsubj denied|VERB|deny|0|root that|SCONJ|that|6|mark Russian|ADJ|Russian|5|amod troops|NOUN|troop|6|nsubj attacked|VERB|attack|2|ccomp Kyiv|PROPN|Kyiv|6|obj",
		[]string{"Moscow=RUS", "Russian troops=RUSMIL", "Kyiv=UKR"}, "RUSMIL>UKR 190 denied[denied]"},
	{"dismissed reports", "Tehran|PROPN|Tehran|2|nsubj dismissed|VERB|dismiss|0|root reports|NOUN|report|2|obj that|SCONJ|that|6|mark Israel|PROPN|Israel|6|nsubj attacked|VERB|attack|3|acl Syria|PROPN|Syria|6|obj",
		[]string{"Tehran=IRN", "Israel=ISR", "Syria=SYR"}, "IRN> 016 asserted; ISR>SYR 190 denied[dismissed]"},
	{"lie that", "It|PRON|it|4|nsubj is|AUX|be|4|cop a|DET|a|4|det lie|NOUN|lie|0|root that|SCONJ|that|7|mark Israel|PROPN|Israel|7|nsubj attacked|VERB|attack|4|acl Syria|PROPN|Syria|7|obj",
		[]string{"Israel=ISR", "Syria=SYR"}, "ISR>SYR 190 denied[lie]"},
	{"reported speech", "Ukraine|PROPN|Ukraine|2|nsubj said|VERB|say|0|root Russia|PROPN|Russia|4|nsubj attacked|VERB|attack|2|ccomp Kharkiv|PROPN|Kharkiv|4|obj",
		[]string{"Ukraine=UKR", "Russia=RUS", "Kharkiv=UKR"}, "RUS>UKR 190 reported[said]@UKR"},
	{"parataxis speech", "Russia|PROPN|Russia|2|nsubj attacked|VERB|attack|0|root Kharkiv|PROPN|Kharkiv|2|obj ,|PUNCT|,|2|punct Ukraine|PROPN|Ukraine|6|nsubj said|VERB|say|2|parataxis",
		[]string{"Ukraine=UKR", "Russia=RUS", "Kharkiv=UKR"}, "RUS>UKR 190 reported[said]@UKR"},
	{"statement is news", "Ukraine|PROPN|Ukraine|2|nsubj said|VERB|say|0|root talks|NOUN|talk|5|nsubj would|AUX|would|5|aux resume|VERB|resume|2|ccomp",
		[]string{"Ukraine=UKR"}, "UKR> 010 asserted"},
	{"coordination", "Russia|PROPN|Russia|4|nsubj and|CCONJ|and|3|cc Belarus|PROPN|Belarus|1|conj attacked|VERB|attack|0|root Ukraine|PROPN|Ukraine|4|obj and|CCONJ|and|7|cc Moldova|PROPN|Moldova|5|conj",
		[]string{"Russia=RUS", "Belarus=BLR", "Ukraine=UKR", "Moldova=MDA"}, "RUS>UKR 190 asserted; RUS>MDA 190 asserted; BLR>UKR 190 asserted; BLR>MDA 190 asserted"},
	{"coordinated verbs", "Russia|PROPN|Russia|2|nsubj attacked|VERB|attack|0|root Ukraine|PROPN|Ukraine|2|obj and|CCONJ|and|5|cc threatened|VERB|threaten|2|conj Moldova|PROPN|Moldova|5|obj",
		[]string{"Russia=RUS", "Ukraine=UKR", "Moldova=MDA"}, "RUS>UKR 190 asserted; RUS>MDA 130 asserted"},
	{"light verb talks", "Iran|PROPN|Iran|2|nsubj held|VERB|hold|0|root talks|NOUN|talk|2|obj with|ADP|with|5|case Russia|PROPN|Russia|3|nmod",
		[]string{"Iran=IRN", "Russia=RUS"}, "IRN>RUS 046 asserted; RUS>IRN 046 asserted"},
	{"light verb visit", "Erdogan|PROPN|Erdogan|2|nsubj paid|VERB|pay|0|root a|DET|a|4|det visit|NOUN|visit|2|obj to|ADP|to|6|case Moscow|PROPN|Moscow|4|nmod",
		[]string{"Erdogan=TURGOV", "Moscow=RUS"}, "TURGOV>RUS 042 asserted; RUS>TURGOV 043 asserted"},
	{"light verb sanctions", "The|DET|the|2|det EU|PROPN|EU|3|nsubj imposed|VERB|impose|0|root sanctions|NOUN|sanction|3|obj on|ADP|on|6|case Iran|PROPN|Iran|3|obl",
		[]string{"EU=IGOEUR", "Iran=IRN"}, "IGOEUR>IRN 163 asserted"},
	{"nominal demonyms", "The|DET|the|5|det American|ADJ|American|5|amod and|CCONJ|and|4|cc British|ADJ|British|2|conj attacks|NOUN|attack|9|nsubj on|ADP|on|7|case Yemen|PROPN|Yemen|5|nmod have|AUX|have|9|aux continued|VERB|continue|0|root",
		[]string{"American=USA", "British=GBR", "Yemen=YEM"}, "USA>YEM 190 asserted; GBR>YEM 190 asserted"},
	{"nominal visit of", "Two|NUM|two|2|nummod visits|NOUN|visit|0|root of|ADP|of|5|case Hamas|PROPN|Hamas|5|compound officials|NOUN|official|2|nmod to|ADP|to|7|case Moscow|PROPN|Moscow|2|nmod",
		[]string{"Hamas officials=PSEHMS", "Moscow=RUS"}, "PSEHMS>RUS 042 asserted; RUS>PSEHMS 043 asserted"},
	{"nominal assassination", "the|DET|the|3|det Israeli|ADJ|Israeli|3|amod assassination|NOUN|assassination|0|root of|ADP|of|6|case Iranian|ADJ|Iranian|6|amod advisers|NOUN|adviser|3|nmod",
		[]string{"Israeli=ISR", "Iranian advisers=IRNGOV"}, "ISR>IRNGOV 186 asserted"},
	{"phone call between", "a|DET|a|3|det phone|NOUN|phone|3|compound call|NOUN|call|0|root between|ADP|between|5|case Lavrov|PROPN|Lavrov|3|nmod and|CCONJ|and|7|cc Blinken|PROPN|Blinken|5|conj",
		[]string{"Lavrov=RUSGOV", "Blinken=USAGOV"}, "RUSGOV>USAGOV 041 asserted"},
	{"no on nominal", "There|PRON|there|2|expl were|VERB|be|0|root no|DET|no|5|det Russian|ADJ|Russian|5|amod attacks|NOUN|attack|2|nsubj on|ADP|on|7|case Kyiv|PROPN|Kyiv|5|nmod",
		[]string{"Russian=RUS", "Kyiv=UKR"}, "RUS>UKR 190 negated[no]"},
	{"relative clause", "Russian|ADJ|Russian|2|amod troops|NOUN|troop|7|nsubj ,|PUNCT|,|4|punct who|PRON|who|5|nsubj attacked|VERB|attack|2|acl:relcl Kyiv|PROPN|Kyiv|5|obj ,|PUNCT|,|5|punct retreated|VERB|retreat|0|root",
		[]string{"Russian troops=RUSMIL", "Kyiv=UKR"}, "RUSMIL>UKR 190 asserted"},
	{"participial passive", "the|DET|the|2|det attack|NOUN|attack|0|root launched|VERB|launch|2|acl|VBN by|ADP|by|5|case Russia|PROPN|Russia|3|obl on|ADP|on|7|case Kyiv|PROPN|Kyiv|2|nmod",
		[]string{"Russia=RUS", "Kyiv=UKR"}, "RUS>UKR 190 asserted"},
	{"prepositional target", "Lavrov|PROPN|Lavrov|2|nsubj met|VERB|meet|0|root with|ADP|with|4|case Blinken|PROPN|Blinken|2|obl",
		[]string{"Lavrov=RUSGOV", "Blinken=USAGOV"}, "RUSGOV>USAGOV 040 asserted"},
	{"talked to", "Lavrov|PROPN|Lavrov|2|nsubj talked|VERB|talk|0|root to|ADP|to|4|case Blinken|PROPN|Blinken|2|obl",
		[]string{"Lavrov=RUSGOV", "Blinken=USAGOV"}, "RUSGOV>USAGOV 040 asserted"},
	{"threatened to", "Iran|PROPN|Iran|2|nsubj threatened|VERB|threaten|0|root to|PART|to|4|mark attack|VERB|attack|2|xcomp Israel|PROPN|Israel|4|obj",
		[]string{"Iran=IRN", "Israel=ISR"}, "IRN>ISR 130 asserted; IRN>ISR 190 hypothetical[threatened]"},
	{"would not", "Pashinyan|PROPN|Pashinyan|2|nsubj said|VERB|say|0|root Armenia|PROPN|Armenia|6|nsubj would|AUX|would|6|aux not|PART|not|6|advmod meet|VERB|meet|2|ccomp Aliyev|PROPN|Aliyev|6|obj",
		[]string{"Pashinyan=ARMGOV", "Armenia=ARM", "Aliyev=AZEGOV"}, "ARM>AZEGOV 040 negated[not]; ARM>AZEGOV 125 reported@ARMGOV"},
	{"would in reported speech", "Officials|NOUN|official|2|nsubj said|VERB|say|0|root Biden|PROPN|Biden|5|nsubj would|AUX|would|5|aux meet|VERB|meet|2|ccomp Xi|PROPN|Xi|5|obj",
		[]string{"Biden=USAGOV", "Xi=CHNGOV"}, "USAGOV>CHNGOV 040 future[would]; USAGOV>CHNGOV 036 reported@"},
	{"if clause on the event", "Russia|PROPN|Russia|3|nsubj would|AUX|would|3|aux help|VERB|help|0|root Belarus|PROPN|Belarus|3|obj if|SCONJ|if|7|mark NATO|PROPN|NATO|7|nsubj attacked|VERB|attack|3|advcl it|PRON|it|7|obj",
		[]string{"Russia=RUS", "Belarus=BLR", "NATO=IGONAT"}, "RUS>BLR 070 hypothetical[if]; IGONAT> 190 hypothetical[if]"},
	{"no plans to", "China|PROPN|China|2|nsubj had|VERB|have|0|root no|DET|no|4|det plans|NOUN|plan|2|obj to|PART|to|6|mark attack|VERB|attack|2|advcl Taiwan|PROPN|Taiwan|6|obj",
		[]string{"China=CHN", "Taiwan=TWN"}, "CHN>TWN 190 negated[no]"},
	{"no plans to (xcomp)", "China|PROPN|China|2|nsubj had|VERB|have|0|root no|DET|no|4|det plans|NOUN|plan|2|obj to|PART|to|6|mark attack|VERB|attack|2|xcomp Taiwan|PROPN|Taiwan|6|obj",
		[]string{"China=CHN", "Taiwan=TWN"}, "CHN>TWN 190 negated[no]"},
	{"denial attached to the event", "France|PROPN|France|2|nsubj attacked|VERB|attack|0|root Niger|PROPN|Niger|2|obj ,|PUNCT|,|7|punct that|SCONJ|that|7|mark Paris|PROPN|Paris|7|nsubj denied|VERB|deny|2|ccomp",
		[]string{"France=FRA", "Niger=NER", "Paris=FRAGOV"}, "FRA>NER 190 denied[denied]"},
	{"question", "Has|AUX|have|3|aux Iran|PROPN|Iran|3|nsubj attacked|VERB|attack|0|root Israel|PROPN|Israel|3|obj ?|PUNCT|?|3|punct",
		[]string{"Iran=IRN", "Israel=ISR"}, "IRN>ISR 190 hypothetical[?]"},
	{"according to", "Russia|PROPN|Russia|2|nsubj attacked|VERB|attack|0|root Kyiv|PROPN|Kyiv|2|obj ,|PUNCT|,|7|punct according|VERB|accord|7|case to|ADP|to|5|fixed Ukraine|PROPN|Ukraine|2|obl",
		[]string{"Russia=RUS", "Kyiv=UKR", "Ukraine=UKRGOV"}, "RUS>UKR 190 reported[Ukraine]@UKRGOV"},
	{"willing to", "Pakistan|PROPN|Pakistan|3|nsubj is|AUX|be|3|cop willing|ADJ|willing|0|root to|PART|to|5|mark withdraw|VERB|withdraw|3|xcomp from|ADP|from|7|case Kashmir|PROPN|Kashmir|5|obl",
		[]string{"Pakistan=PAK", "Kashmir=IND"}, "PAK>IND 0874 future[willing]; PAK>IND 0356 asserted"},
	{"reciprocal coordinated subjects", "Armenia|PROPN|Armenia|4|nsubj and|CCONJ|and|3|cc Azerbaijan|PROPN|Azerbaijan|1|conj met|VERB|meet|0|root",
		[]string{"Armenia=ARM", "Azerbaijan=AZE"}, "ARM>AZE 040 asserted; AZE>ARM 040 asserted"},
	{"no actors", "The|DET|the|2|det weather|NOUN|weather|3|nsubj attacked|VERB|attack|0|root the|DET|the|5|det crops|NOUN|crop|3|obj", nil, ""},
}

func TestGrammar(t *testing.T) {
	c := testCoder(t)
	for _, tt := range grammarTests {
		t.Run(tt.name, func(t *testing.T) {
			in := build(t, tt.spec, tt.mentions...)
			es, diags := c.Code(in)
			if got := summary(es); got != tt.want {
				t.Errorf("got  %s\nwant %s\nrules: %v\ndiags: %v", got, tt.want, rules(es), diags)
			}
			if len(es) == 0 && len(diags) == 0 {
				t.Error("no event and no diagnostic")
			}
			for _, e := range es {
				checkComplete(t, in, e)
			}
		})
	}
}

func rules(es []Event) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Rule)
	}
	return out
}

// checkComplete verifies that every field an event must carry is filled.
func checkComplete(t *testing.T, in Input, e Event) {
	t.Helper()
	if len(e.ID) != 32 || e.DocID != in.DocID || e.Root != e.Code[:2] || e.Name == "" || e.Quad < 1 || e.Quad > 4 {
		t.Errorf("identity fields: %+v", e)
	}
	if e.Status != Asserted && e.Status != Reported && e.Cue == nil {
		t.Errorf("status %s without cue", e.Status)
	}
	if e.Trigger.Len() == 0 || e.Sentence.Len() == 0 || e.TriggerText == "" || e.Rule == "" {
		t.Errorf("provenance fields: %+v", e)
	}
	if e.Date != "2024-01-27" || e.Precision != "publication" {
		t.Errorf("date = %q %q", e.Date, e.Precision)
	}
	if e.Attributed == nil {
		t.Error("no attribution")
	}
	if e.Confidence <= 0 || e.Confidence > 1 {
		t.Errorf("confidence %v", e.Confidence)
	}
	if e.Code[:2] != "01" && e.PloverType == "" {
		t.Errorf("code %s has no PLOVER type", e.Code)
	}
}

func TestEventIDStable(t *testing.T) {
	c := testCoder(t)
	in := build(t, grammarTests[0].spec, grammarTests[0].mentions...)
	a, _ := c.Code(in)
	b, _ := c.Code(in)
	if len(a) != 1 || a[0].ID != b[0].ID {
		t.Fatalf("IDs differ or missing: %v %v", a, b)
	}
	in.DocID = "d2"
	d, _ := c.Code(in)
	if d[0].ID == a[0].ID {
		t.Error("different documents gave the same event ID")
	}
}

// TestSourcelessDropped: an event without a source actor is not coded and
// the sentence says why.
func TestSourcelessDropped(t *testing.T) {
	in := build(t, "Ukraine|PROPN|Ukraine|3|nsubj:pass was|AUX|be|3|aux:pass attacked|VERB|attack|0|root|VBN", "Ukraine=UKR")
	es, diags := testCoder(t).Code(in)
	if len(es) != 0 {
		t.Fatalf("got %s, want no event", summary(es))
	}
	found := false
	for _, d := range diags {
		if strings.Contains(d.Message, "no source actor") && strings.Contains(d.Message, `"attacked"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("diagnostics %v do not say the source is missing", diags)
	}
}

// TestInflectedVerbEntry: a dictionary verb listed by an inflected form
// ("SAID" in PETRARCH's files) matches that form when its lemma has no rules.
func TestInflectedVerbEntry(t *testing.T) {
	p := cameo.NewPatterns()
	if err := p.Parse("test.txt", "group said 023\nverb said\nend\n"); err != nil {
		t.Fatal(err)
	}
	in := build(t, "Gondor|PROPN|Gondor|2|nsubj said|VERB|say|0|root", "Gondor=GON")
	es, _ := NewCoder(nil, p, Options{}).Code(in)
	if got, want := summary(es), "GON> 023 asserted"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPreConstraint: pre= words must stand, in order, before the trigger
// among the words around it (its governor "indicated" and that word's
// dependents, the trigger's auxiliary "would").
func TestPreConstraint(t *testing.T) {
	p := cameo.NewPatterns()
	if err := p.Parse("test.txt", "group act 100\nverb act\npattern 1010 pre=indicated_would|noted_would\npattern 1011 pre=indicated_should\nend\n"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ spec, want string }{
		{"Gondor|PROPN|Gondor|2|nsubj indicated|VERB|indicate|0|root Arnor|PROPN|Arnor|5|nsubj would|AUX|would|5|aux act|VERB|act|2|ccomp against|ADP|against|7|case Rohan|PROPN|Rohan|5|obl", "ARN>ROH 1010 future[would]"},
		{"Gondor|PROPN|Gondor|3|nsubj would|AUX|would|3|aux act|VERB|act|0|root against|ADP|against|5|case Rohan|PROPN|Rohan|3|obl", "GON>ROH 100 hypothetical[would]"},
	} {
		ms := []string{"Gondor=GON", "Rohan=ROH"}
		if strings.Contains(tt.spec, "Arnor") {
			ms = append(ms, "Arnor=ARN")
		}
		in := build(t, tt.spec, ms...)
		es, diags := NewCoder(nil, p, Options{}).Code(in)
		if got := summary(es); got != tt.want {
			t.Errorf("got %q, want %q (diags %v)", got, tt.want, diags)
		}
	}
}

// TestPreNegation: a pattern that names the negation before the verb codes
// an asserted event of its own; without such a pattern the event is negated.
func TestPreNegation(t *testing.T) {
	p := cameo.NewPatterns()
	if err := p.Parse("test.txt", "group clash 223\nverb clash\npattern 904 pre=did_not|will_not\nend\ngroup fight 190\nverb fight\nend\n"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ spec, want string }{
		{"Gondor|PROPN|Gondor|4|nsubj will|AUX|will|4|aux not|PART|not|4|advmod clash|VERB|clash|0|root with|ADP|with|6|case Rohan|PROPN|Rohan|4|obl", "GON>ROH 904 asserted"},
		{"Gondor|PROPN|Gondor|4|nsubj will|AUX|will|4|aux not|PART|not|4|advmod fight|VERB|fight|0|root with|ADP|with|6|case Rohan|PROPN|Rohan|4|obl", "GON>ROH 190 negated[not]"},
	} {
		in := build(t, tt.spec, "Gondor=GON", "Rohan=ROH")
		es, diags := NewCoder(nil, p, Options{}).Code(in)
		if got := summary(es); got != tt.want {
			t.Errorf("got %q, want %q (diags %v)", got, tt.want, diags)
		}
	}
}
