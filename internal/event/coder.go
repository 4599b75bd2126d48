package event

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// Mention is an actor mention the coder can use: a token range of one
// sentence with the actor's code. The actor stage produces them; the coder
// only reads them.
type Mention struct {
	Start, End int       // token indices in the sentence, [Start, End)
	Span       doc.Span  // byte span in the document
	Text       string    // the words in the document
	Code       string    // CAMEO-style actor code
	Name       string    // dictionary name
	Country    string    // ISO3, when known
	Sector     string    // GOV, MIL, ... when known
	Ref        *doc.Span // antecedent of a coreferent mention
}

// Date is the date that governs an event.
type Date struct {
	Date      string // YYYY-MM-DD, the first day of the period
	Value     string // TimeML value
	Precision string // day, week, month, quarter, year, vague
	Span      *doc.Span
}

// Dater finds the temporal expression that governs a trigger: sent is the
// sentence index and tok the 0-based token index of the trigger's clause
// head. It reports false when none does.
type Dater interface {
	EventDate(sent, tok int) (Date, bool)
}

// Input is one document prepared by the earlier stages.
type Input struct {
	DocID     string
	Text      string
	Published time.Time // zero when unknown
	Outlet    string
	Sentences []nlp.Sentence
	Mentions  [][]Mention // per sentence, parallel to Sentences; may be shorter
	Dates     Dater       // nil: every event gets the publication date
}

// Options tune the coder.
type Options struct {
	// RequireSource and RequireTarget drop events without a coded source or
	// target (PETRARCH's require_dyad sets both).
	RequireSource, RequireTarget bool
	// Uncoded lets noun phrases without an actor mention stand as actors
	// with an empty code (used by evaluations that score spans, not codes).
	Uncoded bool
	// PhraseSpans makes an actor's span the whole noun phrase of the
	// argument ("the Croatian government's request") instead of the
	// actor mention inside it.
	PhraseSpans bool
}

// Coder turns parsed, actor-annotated sentences into events. It is
// read-only after construction and safe for concurrent use.
type Coder struct {
	cb   *cameo.Codebook
	pats *cameo.Patterns
	opt  Options
	// validate codes against the codebook; off for dictionaries with test codes
	strict bool
}

// NewCoder returns a coder over a codebook and patterns. A nil codebook
// accepts any code the patterns give (names and classes stay empty).
func NewCoder(cb *cameo.Codebook, pats *cameo.Patterns, opt Options) *Coder {
	return &Coder{cb: cb, pats: pats, opt: opt, strict: cb != nil}
}

// candidate is an event before it becomes an Event.
type candidate struct {
	sent       int
	trigger    int // token carrying the code (verb or noun)
	anchor     int // clause head whose context sets status (light verb for its noun)
	rule       *cameo.Rule
	code       string
	src, tgt   arg
	reverse    bool
	speechWith bool // a speech verb with an embedded clause
}

// arg is one side of an event: an actor mention or, with Options.Uncoded, a
// noun phrase.
type arg struct {
	m    *Mention
	tok  int // head token, -1 when absent
	span doc.Span
	text string
}

func (a arg) present() bool { return a.tok >= 0 }

// Code codes every sentence of in and returns the events in text order and
// a diagnostic for each sentence that yielded none, saying why.
func (c *Coder) Code(in Input) ([]Event, []doc.Diagnostic) {
	var events []Event
	var diags []doc.Diagnostic
	speakers := interviewSpeakers(in)
	for si := range in.Sentences {
		s := &in.Sentences[si]
		var ms []Mention
		if si < len(in.Mentions) {
			ms = in.Mentions[si]
		}
		sp := doc.Span{Start: s.Start, End: s.End}
		if len(s.Tokens) == 0 {
			continue
		}
		if !parsed(s) {
			diags = append(diags, doc.Diagnostic{Stage: "event", Severity: doc.Info, Span: &sp, Message: "sentence not parsed; not coded"})
			continue
		}
		g := newGraph(s, ms)
		cands, why := c.codeSentence(si, g)
		before := len(events)
		var built []candidate
		var bes []Event
		var cues []int
		var dropped []string
		for _, cd := range cands {
			if e, cue, ok := c.build(in, si, g, cd, speakers[si]); ok {
				built = append(built, cd)
				bes = append(bes, e)
				cues = append(cues, cue)
			} else if !cd.src.present() || !c.opt.Uncoded && (cd.src.m == nil || cd.src.m.Code == "") {
				dropped = append(dropped, fmt.Sprintf("%s at %q: no source actor", cd.code, g.word(cd.trigger)))
			}
		}
		keep := coveredFilter(g, built)
		for k, e := range bes {
			if !keep[k] {
				continue
			}
			events = append(events, e)
			if c.cb == nil {
				continue // derived events need CAMEO codes
			}
			if ie, ok := c.intent(in, g, e, cues[k]); ok {
				events = append(events, ie)
			}
			if re, ok := c.rejection(in, g, e, built[k].anchor, cues[k]); ok {
				events = append(events, re)
			}
		}
		if len(dropped) > 0 {
			diags = append(diags, doc.Diagnostic{Stage: "event", Severity: doc.Info, Span: &sp, Message: "event dropped: " + strings.Join(dropped, "; ")})
		}
		if len(events) == before && len(dropped) == 0 {
			if why == "" {
				why = "no event pattern matched"
			}
			diags = append(diags, doc.Diagnostic{Stage: "event", Severity: doc.Info, Span: &sp, Message: why})
		}
	}
	return dedupe(events), diags
}

func parsed(s *nlp.Sentence) bool {
	for _, t := range s.Tokens {
		if t.Head < 0 || t.Head > len(s.Tokens) {
			return false
		}
	}
	return true
}

// dedupe keeps one event per ID and, when two mentions of the same actors
// ("Ali Akbar Ahmadian, Secretary of Iran's council") give the same coded
// event at the same trigger, the first of them.
func dedupe(es []Event) []Event {
	seen := map[string]bool{}
	out := es[:0]
	for _, e := range es {
		key := ""
		if e.Source.Code != "" && e.Target.Code != "" {
			key = fmt.Sprintf("%d-%d|%s|%s|%s", e.Trigger.Start, e.Trigger.End, e.Code, e.Source.Code, e.Target.Code)
		}
		if seen[e.ID] || key != "" && seen[key] {
			continue
		}
		seen[e.ID] = true
		if key != "" {
			seen[key] = true
		}
		out = append(out, e)
	}
	return out
}

// codeSentence finds the candidates of one sentence, and the reason when
// there are none.
func (c *Coder) codeSentence(si int, g *graph) ([]candidate, string) {
	var out []candidate
	var reasons []string
	consumed := map[int]bool{}
	// Verbs first, so that light verbs claim their nouns.
	for i := range g.toks {
		t := &g.toks[i]
		if t.UPOS != "VERB" && !(t.UPOS == "AUX" && len(c.pats.Verbs(t.Lemma)) > 0 && g.rel(i) != "aux" && g.rel(i) != "aux:pass" && g.rel(i) != "cop") {
			continue
		}
		cs, why := c.codeVerb(si, g, i, consumed)
		out = append(out, cs...)
		if why != "" {
			reasons = append(reasons, why)
		}
	}
	for i := range g.toks {
		t := &g.toks[i]
		if consumed[i] || (t.UPOS != "NOUN" && t.UPOS != "PROPN") {
			continue
		}
		cs, why := c.codeNoun(si, g, i)
		out = append(out, cs...)
		if why != "" {
			reasons = append(reasons, why)
		}
	}
	if len(out) == 0 && len(reasons) > 0 {
		return nil, strings.Join(reasons, "; ")
	}
	return out, ""
}

// reciprocal verbs with coordinated subjects and no object code each side
// acting on the other.
var reciprocal = set("meet", "talk", "negotiate", "agree", "sign", "exchange", "swap", "clash", "fight", "cooperate", "reconcile", "discuss", "confer", "consult", "trade", "normalize", "normalise", "restore", "renew", "resume", "establish", "strengthen", "deepen", "sever", "reach", "talks", "summit", "meeting", "agreement", "deal", "treaty", "ceasefire", "truce")

// lightVerbs take their meaning from their object noun: "held talks with",
// "paid a visit to", "launched strikes on".
var lightVerbs = set("hold", "pay", "make", "issue", "launch", "carry", "conduct", "impose", "stage", "give", "deliver", "mount", "have", "begin", "start", "continue", "resume", "step", "announce", "order", "level", "unleash", "wage", "intensify", "escalate", "lodge", "file", "express", "extend", "offer", "sign", "reach", "seal", "strike", "conclude", "host")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// codeVerb codes verb i.
func (c *Coder) codeVerb(si int, g *graph, i int, consumed map[int]bool) ([]candidate, string) {
	lemma := g.lemma(i)
	rules := c.pats.Verbs(lemma)
	if form := strings.ToLower(g.word(i)); len(rules) == 0 && form != lemma {
		// a dictionary may list an inflected form ("SAID") as a verb of its own
		rules = c.pats.Verbs(form)
	}
	f := g.frame(i)
	// Light verb + event noun: the noun's rule codes, the verb's subject is the source.
	if lightVerbs[lemma] {
		for _, o := range f.objs {
			nr := c.bestNoun(g, o)
			if nr == nil {
				continue
			}
			best, _ := c.bestVerb(g, rules, f)
			if best != nil && best.Specificity() > 2 && !best.Block {
				break // a specific verb pattern ("sign agreement") beats the noun
			}
			consumed[o] = true
			if nr.Block {
				return nil, fmt.Sprintf("%q vetoed by %s", g.word(o), nr.ID)
			}
			srcs := f.subjects
			tgts := g.nounTargets(o, nr)
			if len(tgts) == 0 {
				tgts = g.prepArgs(f.obls, nr.Target, defaultTargetPreps)
			}
			if len(tgts) == 0 {
				// "launched air strikes on Syrian troops"
				tgts = g.prepArgs(g.nmods(o), nil, directedPreps)
			}
			if len(tgts) == 0 {
				// "between the two ministers"
				tgts = g.nounBetween(o)
			}
			return c.pairs(si, g, o, i, nr, srcs, tgts), ""
		}
	}
	if len(rules) == 0 {
		return nil, ""
	}
	best, _ := c.bestVerb(g, rules, f)
	if best == nil {
		return nil, fmt.Sprintf("%q: no pattern's constraints hold", g.word(i))
	}
	if best.Block {
		return nil, fmt.Sprintf("%q vetoed by %s", g.word(i), best.ID)
	}
	if best.Obj != nil {
		for _, o := range f.objs {
			consumed[o] = true
		}
	}
	var tgts []int
	if len(best.Target) > 0 {
		for _, t := range best.Target {
			switch t {
			case "obj":
				tgts = append(tgts, f.objs...)
				if len(f.objs) == 0 && len(best.Prt) > 0 {
					// "called on leaders" with on parsed as a preposition
					for _, o := range f.obls {
						if contains(best.Prt, g.caseOf(o)) {
							tgts = append(tgts, g.conjuncts(o)...)
						}
					}
				}
			case "iobj":
				tgts = append(tgts, f.iobjs...)
			default:
				tgts = append(tgts, g.prepArgs(f.obls, []string{t}, nil)...)
				for _, o := range f.objs {
					tgts = append(tgts, g.prepArgs(g.nmods(o), []string{t}, nil)...)
				}
			}
		}
	}
	if len(tgts) == 0 {
		// The pattern's place is empty ("expelled the diplomat" without
		// "from"): the default places.
		tgts = g.defaultTargets(f)
	}
	if len(g.actors(tgts, false)) == 0 {
		// "threatened to attack Israel": the target of the complement.
		for _, x := range g.kidsRel(i, "xcomp") {
			if xt := g.defaultTargets(g.frame(x)); len(g.actors(xt, false)) > 0 {
				tgts = xt
				break
			}
		}
	}
	cs := c.pairs(si, g, i, i, best, f.subjects, tgts)
	if g.speechClause(i) >= 0 || speechVerbs[lemma] && g.rel(i) == "parataxis" || controlVerb(lemma) && g.hasControlled(i) {
		for k := range cs {
			cs[k].speechWith = true
		}
	}
	return cs, ""
}

// bestVerb picks the most specific rule whose constraints hold; later
// rules win ties, so our patterns.txt overrides the imported verbs.
func (c *Coder) bestVerb(g *graph, rules []*cameo.Rule, f frame) (*cameo.Rule, int) {
	var best *cameo.Rule
	bs := -1
	for _, r := range rules {
		if !g.holds(r, f) {
			continue
		}
		if s := r.Specificity(); s >= bs {
			best, bs = r, s
		}
	}
	return best, bs
}

func (c *Coder) bestNoun(g *graph, i int) *cameo.Rule {
	var best *cameo.Rule
	bs := -1
	f := frame{obls: g.nmods(i)}
	for _, r := range c.pats.Nouns(g.lemma(i)) {
		if !g.holds(r, f) {
			continue
		}
		if s := r.Specificity(); s >= bs {
			best, bs = r, s
		}
	}
	return best
}

// codeNoun codes an event noun: "the American and British attacks on Yemen".
func (c *Coder) codeNoun(si int, g *graph, i int) ([]candidate, string) {
	r := c.bestNoun(g, i)
	if r == nil {
		return nil, ""
	}
	if r.Block {
		return nil, fmt.Sprintf("%q vetoed by %s", g.word(i), r.ID)
	}
	srcs := g.nounSources(i, r)
	tgts := g.nounTargets(i, r)
	if b := g.nounBetween(i); len(b) > 0 {
		// "talks between Iran and Russia": the first is the source unless
		// the noun has its own ("Iranian talks between ...").
		if len(srcs) == 0 {
			srcs, b = b[:1], b[1:]
		}
		tgts = append(tgts, b...)
	}
	// The noun is its own anchor: status walks up from it, so "denied the
	// attack" and "no attacks" reach it.
	return c.pairs(si, g, i, i, r, srcs, tgts), ""
}

// pairs makes one candidate per source × target, and the reverse events of
// paired codes.
func (c *Coder) pairs(si int, g *graph, trig, anchor int, r *cameo.Rule, srcs, tgts []int) []candidate {
	srcArgs := g.actors(srcs, c.opt.Uncoded)
	tgtArgs := g.actors(tgts, c.opt.Uncoded)
	if len(tgtArgs) == 0 && len(srcArgs) >= 2 && (reciprocal[g.lemma(trig)] || cameo.Root(r.Code) == "04") {
		// "Saudi Arabia and the Houthis will exchange prisoners": each
		// side acts on the other.
		var out []candidate
		for i, s := range srcArgs {
			for j, t := range srcArgs {
				if i != j && r.Code != "" {
					out = append(out, candidate{sent: si, trigger: trig, anchor: anchor, rule: r, code: r.Code, src: s, tgt: t})
				}
			}
		}
		return out
	}
	// An actor is never its own target ("Iran's Iranian ...").
	if len(srcArgs) == 0 {
		srcArgs = []arg{{tok: -1}}
	}
	if len(tgtArgs) == 0 {
		tgtArgs = []arg{{tok: -1}}
	}
	var out []candidate
	for _, s := range srcArgs {
		for _, t := range tgtArgs {
			if s.present() && t.present() && (s.span == t.span || s.m != nil && t.m != nil && s.m.Code != "" && s.m.Code == t.m.Code) {
				continue // an actor does not act on itself
			}
			if r.Code != "" {
				out = append(out, candidate{sent: si, trigger: trig, anchor: anchor, rule: r, code: r.Code, src: s, tgt: t})
			}
			if r.Reverse != "" && s.present() && t.present() {
				out = append(out, candidate{sent: si, trigger: trig, anchor: anchor, rule: r, code: r.Reverse, src: t, tgt: s, reverse: true})
			}
		}
	}
	return out
}

// controlVerb reports whether a verb only frames its complement ("agreed
// to help", "failed to help"): its own event is dropped when the complement
// codes. "threatened to attack" is not one: a threat is news.
func controlVerb(l string) bool {
	return (futureControl[l] || negControl[l]) && !hypoControl[l]
}

// coveredFilter drops generic statements (010) by a speaker and control
// verbs whose embedded clause yielded an event: the speech is attribution
// and the control verb a status, not news. It returns which to keep.
func coveredFilter(g *graph, cs []candidate) []bool {
	keep := make([]bool, len(cs))
	for k, cd := range cs {
		keep[k] = true
		if !cd.speechWith {
			continue
		}
		lemma := g.lemma(cd.trigger)
		if !(cd.code == "010" || controlVerb(lemma)) {
			continue
		}
		for _, o := range cs {
			if o.trigger == cd.trigger {
				continue
			}
			// the embedded clause (ccomp, xcomp) holds the other event, or
			// the speech verb is a parataxis of the other event's clause.
			inside := false
			for _, cl := range g.kids[cd.trigger] {
				if (g.rel(cl) == "ccomp" || g.controlled(cl)) && g.dominates(cl, o.anchor) {
					inside = true
				}
			}
			if g.rel(cd.trigger) == "parataxis" && g.dominates(g.heads[cd.trigger], o.anchor) && !g.dominates(cd.trigger, o.anchor) {
				inside = true
			}
			if inside {
				keep[k] = false
				break
			}
		}
	}
	return keep
}

// build turns a candidate into an Event, or reports false when the options
// or the codebook reject it.
//
// Every event needs a source, as in CAMEO practice (PETRARCH drops events
// without a source actor): with Options.Uncoded a noun phrase will do,
// otherwise it must be a coded actor. A target may be absent ("Iran
// warned", a statement). A dropped candidate's reason is recorded by Code.
func (c *Coder) build(in Input, si int, g *graph, cd candidate, speaker *Actor) (Event, int, bool) {
	coded := func(a arg) bool { return a.present() && a.m != nil && a.m.Code != "" }
	if !cd.src.present() || !c.opt.Uncoded && !coded(cd.src) {
		return Event{}, -1, false
	}
	if c.opt.RequireSource && !coded(cd.src) || c.opt.RequireTarget && !coded(cd.tgt) {
		return Event{}, -1, false
	}
	e := Event{DocID: in.DocID, Code: cd.code, Root: cameo.Root(cd.code), Quad: cameo.Quad(cd.code)}
	if c.cb != nil {
		entry, ok := c.cb.Nearest(cd.code)
		if !ok {
			return Event{}, -1, false
		}
		e.Code, e.Root, e.Name, e.Goldstein, e.Quad = entry.Code, entry.Root(), entry.Name, entry.Goldstein, entry.Quad()
		e.PloverType, e.PloverMode = entry.PloverType, entry.PloverMode
	}
	e.Source = g.actor(cd.src, c.opt.PhraseSpans)
	e.Target = g.actor(cd.tgt, c.opt.PhraseSpans)
	tt := g.toks[cd.trigger]
	e.Trigger = doc.Span{Start: tt.Start, End: tt.End}
	e.TriggerText = tt.Text
	if cd.anchor != cd.trigger {
		at := g.toks[cd.anchor]
		e.TriggerText = spanText(in.Text, min(at.Start, tt.Start), max(at.End, tt.End), at.Text+" … "+tt.Text)
	}
	s := &in.Sentences[si]
	e.Sentence = doc.Span{Start: s.Start, End: s.End}
	e.Rule = cd.rule.ID + " " + cd.rule.Text
	if cd.reverse {
		e.Rule += " (reverse)"
	}
	st := g.status(cd.anchor)
	if st.status == Negated && st.cue >= 0 && preNames(cd.rule.Pre, g, st.cue) {
		// The pattern itself names the negation ("NOT * [112]"): the
		// event it codes is what the text asserts.
		st.status, st.cue = Asserted, -1
	}
	if q := len(g.toks) - 1; (st.status == Asserted || st.status == Reported) && g.toks[q].Text == "?" {
		// A question asserts nothing: "Has Iran sent missiles?"
		st.status, st.cue = Hypothetical, q
	}
	e.Status = st.status
	if st.cue >= 0 {
		ct := g.toks[st.cue]
		e.Cue = &doc.Span{Start: ct.Start, End: ct.End}
		e.CueText = ct.Text
	}
	switch {
	case st.speaker != nil:
		e.Attributed = st.speaker
	case speaker != nil:
		e.Attributed = speaker
		if e.Status == Asserted && !(speaker.Sector == "MED" && speaker.Name == in.Outlet) {
			e.Status = Reported
		}
	case in.Outlet != "":
		e.Attributed = &Actor{Name: in.Outlet, Sector: "MED"}
	}
	e.Date, e.DateValue, e.Precision = "", "", "publication"
	if !in.Published.IsZero() {
		e.Date = in.Published.Format("2006-01-02")
		e.DateValue = e.Date
	}
	if in.Dates != nil {
		if d, ok := in.Dates.EventDate(si, cd.anchor); ok {
			e.Date, e.DateValue, e.Precision, e.DateSpan = d.Date, d.Value, d.Precision, d.Span
		}
	}
	e.Location = g.location(cd.anchor)
	e.Confidence = confidence(cd, coded)
	e.ID = eventID(in.DocID, e.Trigger, e.Code, e.Source.Code+"|"+spanKey(e.Source.Span), e.Target.Code+"|"+spanKey(e.Target.Span))
	return e, st.cue, true
}

// refusalCues turn a negated cooperative act into CAMEO's rejection of it:
// "refused to lift sanctions", "rejected holding talks", "failed to reach
// agreement"; a plain "not" does so only with will or would ("will not
// release").
var refusalCues = set("refuse", "reject", "decline", "fail", "oppose", "rule")

// rejectCodes maps a cooperative act to the CAMEO code of rejecting it.
var rejectCodes = map[string]string{
	"061": "1211", "062": "1212", "063": "1213", "064": "1214",
	"070": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
	"080": "124", "081": "1241", "082": "1242", "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234",
	"084": "1243", "0841": "1243", "0842": "1243", "085": "1244", "086": "1245", "087": "1246",
	"045": "126", "057": "127",
}

var rejectRoots = map[string]string{"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}

// rejection returns the rejection a refused cooperative act implies, by
// the refusing side, triggered by the cue.
func (c *Coder) rejection(in Input, g *graph, e Event, anchor, cue int) (Event, bool) {
	if e.Status != Negated || cue < 0 {
		return Event{}, false
	}
	l := g.lemma(cue)
	if !refusalCues[l] {
		if !negWords[l] && strings.ToLower(g.toks[cue].Text) != "n't" {
			return Event{}, false
		}
		future := false
		for _, k := range g.kidsRel(anchor, "aux") {
			if al := g.lemma(k); futureAux[al] || al == "would" || futureAux[strings.ToLower(g.toks[k].Text)] {
				future = true
			}
		}
		if !future {
			return Event{}, false
		}
	}
	code, ok := rejectCodes[e.Code]
	if !ok && len(e.Code) == 4 {
		code, ok = rejectCodes[e.Code[:3]]
	}
	if !ok {
		code, ok = rejectRoots[e.Root]
	}
	if !ok {
		return Event{}, false
	}
	return c.derived(in, g, e, code, cue, " (refusal)")
}

// derived copies e as an asserted (or, in someone's speech, reported)
// event with another code and the cue as its trigger.
func (c *Coder) derived(in Input, g *graph, e Event, code string, cue int, why string) (Event, bool) {
	de := e
	de.Code, de.Root, de.Quad, de.Name = code, cameo.Root(code), cameo.Quad(code), ""
	if c.cb != nil {
		entry, ok := c.cb.Nearest(code)
		if !ok {
			return Event{}, false
		}
		de.Code, de.Root, de.Name, de.Goldstein, de.Quad = entry.Code, entry.Root(), entry.Name, entry.Goldstein, entry.Quad()
		de.PloverType, de.PloverMode = entry.PloverType, entry.PloverMode
	}
	ct := g.toks[cue]
	de.Trigger, de.TriggerText = doc.Span{Start: ct.Start, End: ct.End}, ct.Text
	de.Status, de.Cue, de.CueText = Asserted, nil, ""
	if e.Attributed != nil && !(e.Attributed.Sector == "MED" && e.Attributed.Name == in.Outlet && e.Attributed.Code == "") {
		de.Status = Reported
	}
	de.Rule = e.Rule + why
	de.Confidence = float64(int(e.Confidence*90+0.5)) / 100
	de.ID = eventID(in.DocID, de.Trigger, de.Code, de.Source.Code+"|"+spanKey(de.Source.Span), de.Target.Code+"|"+spanKey(de.Target.Span))
	return de, true
}

// intentCues are the words whose future act is itself a statement of
// intent CAMEO codes under 03: "agreed to lift", "offered to send", "will
// release".
var intentCues = set("agree", "offer", "promise", "pledge", "vow", "plan", "intend", "willing", "ready", "prepared", "propose", "undertake", "will", "shall", "'ll", "wo", "would")

// intentCodes maps a cooperative act to CAMEO's "express intent" code for it.
var intentCodes = map[string]string{
	"060": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"070": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
	"080": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344",
	"084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356",
	"045": "039", "046": "036", "057": "032",
}

// intentRoots gives the intent code of the other codes of a root.
var intentRoots = map[string]string{"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}

// intent returns the statement of intent a future cooperative event
// implies: "Britain agreed to open its borders" is, besides a future 080,
// an asserted 035 by Britain, triggered by "agreed".
func (c *Coder) intent(in Input, g *graph, e Event, cue int) (Event, bool) {
	if e.Status != Future || cue < 0 || !intentCues[g.lemma(cue)] && !intentCues[strings.ToLower(g.toks[cue].Text)] {
		return Event{}, false
	}
	code, ok := intentCodes[e.Code]
	if !ok && len(e.Code) == 4 {
		code, ok = intentCodes[e.Code[:3]]
	}
	if !ok {
		code, ok = intentRoots[e.Root]
	}
	if !ok {
		return Event{}, false
	}
	return c.derived(in, g, e, code, cue, " (intent)")
}

func spanText(text string, a, b int, fallback string) string {
	if a >= 0 && b <= len(text) && a <= b {
		return text[a:b]
	}
	return fallback
}

func spanKey(s *doc.Span) string {
	if s == nil {
		return ""
	}
	return strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End)
}

// confidence grades how much of the event's evidence the text gives: a
// coded source and target and a specific pattern raise it; a noun trigger
// and a bare verb default lower it.
func confidence(cd candidate, coded func(arg) bool) float64 {
	c := 0.4
	if coded(cd.src) {
		c += 0.2
	}
	if coded(cd.tgt) {
		c += 0.2
	}
	if cd.rule.Specificity() > 1 {
		c += 0.1
	}
	if cd.rule.Kind == cameo.Noun {
		c -= 0.05
	}
	if cd.reverse {
		c -= 0.05
	}
	return float64(int(c*100+0.5)) / 100
}

// eventID is stable across runs: the first 16 bytes of a SHA-256 over the
// document ID, trigger span, code, source and target, hex encoded.
func eventID(docID string, trig doc.Span, code, src, tgt string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d-%d\x00%s\x00%s\x00%s", docID, trig.Start, trig.End, code, src, tgt)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// preNames reports whether some alternative of a pre= constraint names
// token i by its lowercase form or lemma.
func preNames(alts [][]string, g *graph, i int) bool {
	for _, ws := range alts {
		for _, w := range ws {
			if w == strings.ToLower(g.word(i)) || w == g.lemma(i) {
				return true
			}
		}
	}
	return false
}
