package event

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// sentence builds a hand-parsed sentence: each word is
// "form/UPOS/lemma/head/rel" with 1-based heads.
func sentence(t *testing.T, start int, words ...string) (nlp.Sentence, string) {
	t.Helper()
	var sb strings.Builder
	s := nlp.Sentence{Start: start}
	for _, w := range words {
		p := strings.Split(w, "/")
		if len(p) != 5 {
			t.Fatalf("bad word %q", w)
		}
		head := 0
		for _, c := range p[3] {
			head = head*10 + int(c-'0')
		}
		if sb.Len() > 0 && p[0] != "." && p[0] != "," {
			sb.WriteByte(' ')
		}
		st := start + sb.Len()
		sb.WriteString(p[0])
		s.Tokens = append(s.Tokens, nlp.Token{Text: p[0], Start: st, End: st + len(p[0]), SpaceAfter: true, UPOS: p[1], Lemma: p[2], Head: head, Rel: p[4]})
	}
	s.End = start + sb.Len()
	return s, sb.String()
}

func defaultCoder(t *testing.T, opt Options) *Coder {
	t.Helper()
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	pats, err := cameo.DefaultPatterns()
	if err != nil {
		t.Fatal(err)
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCoder(cb, pats, m, opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Police arrested protesters: a sector-only source takes the document's
// country, records how, and the event explains itself.
func TestCodeExplainsAndInfersCountry(t *testing.T) {
	s0, t0 := sentence(t, 0, "Kenya/PROPN/Kenya/2/nsubj", "braces/VERB/brace/0/root", "for/ADP/for/4/case", "vote/NOUN/vote/2/obl", "./PUNCT/./2/punct")
	s1, t1 := sentence(t, len(t0)+1, "Police/NOUN/police/2/nsubj", "arrested/VERB/arrest/0/root", "twelve/NUM/twelve/4/nummod", "protesters/NOUN/protester/2/obj", "./PUNCT/./2/punct")
	text := t0 + " " + t1
	m0 := []Mention{{Start: 0, End: 1, Span: doc.Span{Start: 0, End: 5}, Text: "Kenya", Code: "KEN", Country: "KEN"}}
	m1 := []Mention{
		{Start: 0, End: 1, Span: doc.Span{Start: s1.Tokens[0].Start, End: s1.Tokens[0].End}, Text: "Police", Code: "COP", Sector: "COP"},
		{Start: 3, End: 4, Span: doc.Span{Start: s1.Tokens[3].Start, End: s1.Tokens[3].End}, Text: "protesters", Code: "CVL", Sector: "CVL"},
	}
	c := defaultCoder(t, Options{})
	es, _ := c.Code(Input{DocID: "d", Text: text, Published: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC),
		Sentences: []nlp.Sentence{s0, s1}, Mentions: [][]Mention{m0, m1}})
	var got *Event
	for k := range es {
		if es[k].TriggerText == "arrested" {
			got = &es[k]
		}
	}
	if got == nil {
		t.Fatalf("no event at 'arrested': %+v", es)
	}
	if got.Root != "17" || got.Source.Code != "KENCOP" || got.Target.Code != "KENCVL" {
		t.Errorf("got %s %s→%s, want 17x KENCOP→KENCVL", got.Code, got.Source.Code, got.Target.Code)
	}
	if !strings.Contains(got.Source.Inferred, "document") {
		t.Errorf("source inferred %q, want the document's country", got.Source.Inferred)
	}
	w := got.Why
	if w == nil || w.Score <= 0 || len(w.Features) == 0 || w.Source == "" || w.Status == "" || w.Date == "" {
		t.Fatalf("incomplete explanation: %+v", w)
	}
	if got.Confidence <= 0 || got.Confidence > 1 {
		t.Errorf("confidence %v out of (0, 1]", got.Confidence)
	}
}

// A trigger below the threshold set by MinConfidence yields no event and a
// diagnostic saying so.
func TestMinConfidence(t *testing.T) {
	s, text := sentence(t, 0, "Russia/PROPN/Russia/2/nsubj", "attacked/VERB/attack/0/root", "Ukraine/PROPN/Ukraine/2/obj", "./PUNCT/./2/punct")
	ms := []Mention{
		{Start: 0, End: 1, Span: doc.Span{Start: 0, End: 6}, Text: "Russia", Code: "RUS", Country: "RUS"},
		{Start: 2, End: 3, Span: doc.Span{Start: s.Tokens[2].Start, End: s.Tokens[2].End}, Text: "Ukraine", Code: "UKR", Country: "UKR"},
	}
	in := Input{DocID: "d", Text: text, Sentences: []nlp.Sentence{s}, Mentions: [][]Mention{ms}}
	es, _ := defaultCoder(t, Options{}).Code(in)
	if len(es) == 0 || es[0].Root != "19" && es[0].Root != "18" {
		t.Fatalf("want an attack event, got %+v", es)
	}
	es, diags := defaultCoder(t, Options{MinConfidence: 0.999999}).Code(in)
	if len(es) != 0 || len(diags) != 1 || diags[0].Message != "no trigger scored as an event" {
		t.Errorf("at confidence 0.999999: events %v, diagnostics %+v", es, diags)
	}
}

// Training is deterministic and the model survives its file format.
func TestTrainDeterministicRoundTrip(t *testing.T) {
	c := defaultCoder(t, Options{})
	var exs []Example
	for k, w := range []string{"attacked/VERB/attack", "praised/VERB/praise", "met/VERB/meet", "criticised/VERB/criticise"} {
		s, text := sentence(t, 0, "Chad/PROPN/Chad/2/nsubj", w+"/0/root", "Niger/PROPN/Niger/2/obj", "./PUNCT/./2/punct")
		ms := []Mention{
			{Start: 0, End: 1, Span: doc.Span{Start: 0, End: 4}, Text: "Chad", Code: "TCD", Country: "TCD"},
			{Start: 2, End: 3, Span: doc.Span{Start: s.Tokens[2].Start, End: s.Tokens[2].End}, Text: "Niger", Code: "NER", Country: "NER"},
		}
		code := []string{"190", "051", "040", "111"}[k]
		tr := s.Tokens[1]
		exs = append(exs, Example{Input: Input{DocID: "x", Text: text, Sentences: []nlp.Sentence{s}, Mentions: [][]Mention{ms}},
			Gold: []Gold{{Trigger: doc.Span{Start: tr.Start, End: tr.End}, Code: code, Source: &ms[0].Span, Target: &ms[1].Span}}})
	}
	opt := TrainOptions{Epochs: 3, Seed: 7, Classes: c.model.classes, Codes: []string{"190", "051", "040", "111"}}
	var files [2]bytes.Buffer
	for k := range files {
		m, err := Train(c.cb, c.pats, exs, exs, opt)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.WriteTo(&files[k]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Fatal("two trainings with the same seed differ")
	}
	m, err := ReadModel(bytes.NewReader(files[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	tc, err := NewCoder(c.cb, c.pats, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := tc.Code(exs[0].Input)
	if len(got) == 0 || got[0].Source.Code != "TCD" {
		t.Errorf("trained model codes %+v, want TCD as the source", got)
	}
	if _, err := ReadModel(strings.NewReader("junk")); err == nil {
		t.Error("junk read as a model")
	}
}

// The embedded model stays within the size and class budget.
func TestDefaultModel(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.roots) != 21 || len(m.codes) < 200 || len(m.nouns) < 200 {
		t.Errorf("model has %d roots, %d codes, %d event nouns", len(m.roots), len(m.codes), len(m.nouns))
	}
	for r, p := range m.minProb[1:] {
		if p <= 0 || p >= 1 {
			t.Errorf("root %s threshold %v outside (0, 1)", m.roots[r+1], p)
		}
	}
}

func TestPath(t *testing.T) {
	s, _ := sentence(t, 0, "Police/NOUN/police/2/nsubj", "fired/VERB/fire/0/root", "at/ADP/at/4/case", "protesters/NOUN/protester/2/obl", "./PUNCT/./2/punct")
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	g := newGraph(&s, nil, lx)
	if p, hop := g.path(0, 1); p != "nsubj^" || hop != "nsubj" {
		t.Errorf("path subject→verb = %q, %q", p, hop)
	}
	if p, _ := g.path(3, 1); p != "obl/at^" {
		t.Errorf("path oblique→verb = %q", p)
	}
}

// A document past MaxEvents stops being coded, with a warning.
func TestMaxEvents(t *testing.T) {
	var in Input
	var sb strings.Builder
	for k := 0; k < MaxEvents+50; k++ {
		start := sb.Len()
		s, text := sentence(t, start, "Russia/PROPN/Russia/2/nsubj", "attacked/VERB/attack/0/root", "Ukraine/PROPN/Ukraine/2/obj", "./PUNCT/./2/punct")
		sb.WriteString(text)
		sb.WriteByte(' ')
		in.Sentences = append(in.Sentences, s)
		in.Mentions = append(in.Mentions, []Mention{
			{Start: 0, End: 1, Span: doc.Span{Start: s.Tokens[0].Start, End: s.Tokens[0].End}, Text: "Russia", Code: "RUS", Country: "RUS"},
			{Start: 2, End: 3, Span: doc.Span{Start: s.Tokens[2].Start, End: s.Tokens[2].End}, Text: "Ukraine", Code: "UKR", Country: "UKR"},
		})
	}
	in.Text, in.DocID = sb.String(), "big"
	es, diags := defaultCoder(t, Options{}).Code(in)
	if len(es) != MaxEvents {
		t.Errorf("%d events, want %d", len(es), MaxEvents)
	}
	last := diags[len(diags)-1]
	if last.Severity != doc.Warning || !strings.Contains(last.Message, "not coded") {
		t.Errorf("last diagnostic %+v, want the warning", last)
	}
}

func TestParseLexicon(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if !lx.negWords["n't"] || !lx.headerLabels["Editor's note"] || !lx.speechVerbs["say"] {
		t.Errorf("embedded cues lack words: %v %v %v", lx.negWords, lx.headerLabels["Editor's note"], lx.speechVerbs["say"])
	}
	for _, c := range []struct{ text, want string }{
		{"negation not", "line 1"},
		{"nonsense: a b", `unknown list "nonsense"`},
		{"negation: not\nnegation: no", "given twice"},
		{"negation: not", "lists missing"},
	} {
		_, err := ParseLexicon(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.want)
		}
	}
}

// A closing ", officials said" makes the sentence's events reported even
// when the parse hangs the event off the subject of "said".
func TestClosingAttribution(t *testing.T) {
	s, text := sentence(t, 0, "Troops/NOUN/troop/6/nsubj", "shelled/VERB/shell/1/acl", "Kharkiv/PROPN/Kharkiv/2/obj", ",/PUNCT/,/6/punct",
		"officials/NOUN/official/6/nsubj", "said/VERB/say/0/root", "./PUNCT/./6/punct")
	tok := func(i int) doc.Span { return doc.Span{Start: s.Tokens[i].Start, End: s.Tokens[i].End} }
	ms := []Mention{
		{Start: 0, End: 1, Span: tok(0), Text: "Troops", Code: "RUSMIL", Country: "RUS", Sector: "MIL"},
		{Start: 2, End: 3, Span: tok(2), Text: "Kharkiv", Code: "UKR", Country: "UKR"},
		{Start: 4, End: 5, Span: tok(4), Text: "officials", Code: "UKRGOV", Country: "UKR", Sector: "GOV"},
	}
	es, _ := defaultCoder(t, Options{}).Code(Input{DocID: "d", Text: text, Sentences: []nlp.Sentence{s}, Mentions: [][]Mention{ms}})
	var got *Event
	for k := range es {
		if es[k].TriggerText == "shelled" {
			got = &es[k]
		}
	}
	if got == nil {
		t.Fatalf("no event at 'shelled': %+v", es)
	}
	if got.Status != Reported || got.CueText != "said" || got.Attributed == nil || got.Attributed.Code != "UKRGOV" {
		t.Errorf("status %s cue %q attributed %+v; want reported, said, UKRGOV", got.Status, got.CueText, got.Attributed)
	}
}

// "The two leaders met" after two named leaders is one event each way.
func TestPairDescription(t *testing.T) {
	s, text := sentence(t, 0, "The/DET/the/3/det", "two/NUM/two/3/nummod", "leaders/NOUN/leader/4/nsubj", "met/VERB/meet/0/root", "./PUNCT/./4/punct")
	ms := []Mention{{Start: 2, End: 3, Span: doc.Span{Start: s.Tokens[2].Start, End: s.Tokens[2].End}, Text: "leaders", Code: "KENGOV", Country: "KEN", Sector: "GOV", Pair: "UGAGOV"}}
	// the test is about the pair, not detection: any score will do
	c := defaultCoder(t, Options{MinConfidence: 0.05})
	es, diags := c.Code(Input{DocID: "d", Text: text, Sentences: []nlp.Sentence{s}, Mentions: [][]Mention{ms}})
	got := map[string]bool{}
	for _, e := range es {
		got[e.Source.Code+">"+e.Target.Code] = true
	}
	if !got["KENGOV>UGAGOV"] || !got["UGAGOV>KENGOV"] {
		t.Errorf("events %v, want KENGOV>UGAGOV and UGAGOV>KENGOV (diagnostics %+v)", got, diags)
	}
}

// A pair whose second actor is the explicit target yields no event of an
// actor on itself.
func TestPairNeverActsOnItself(t *testing.T) {
	s, text := sentence(t, 0, "The/DET/the/3/det", "two/NUM/two/3/nummod", "leaders/NOUN/leader/4/nsubj", "visited/VERB/visit/0/root", "Seoul/PROPN/Seoul/4/obj", "./PUNCT/./4/punct")
	tok := func(i int) doc.Span { return doc.Span{Start: s.Tokens[i].Start, End: s.Tokens[i].End} }
	ms := []Mention{
		{Start: 2, End: 3, Span: tok(2), Text: "leaders", Code: "JPNGOV", Country: "JPN", Sector: "GOV", Pair: "KORGOV"},
		{Start: 4, End: 5, Span: tok(4), Text: "Seoul", Code: "KORGOV", Country: "KOR", Sector: "GOV"},
	}
	c := defaultCoder(t, Options{MinConfidence: 0.05})
	es, _ := c.Code(Input{DocID: "d", Text: text, Sentences: []nlp.Sentence{s}, Mentions: [][]Mention{ms}})
	for _, e := range es {
		if e.Source.Code == e.Target.Code {
			t.Errorf("%s acts on itself at %q", e.Source.Code, e.TriggerText)
		}
	}
}
