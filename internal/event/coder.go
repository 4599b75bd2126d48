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
	Pair       string    // the second actor's code of a pair description ("the two leaders")
}

// Date is the date that governs an event.
type Date struct {
	Date      string // YYYY-MM-DD, the first day of the period
	Value     string // TimeML value
	Precision string // day, week, month, quarter, year, vague
	Span      *doc.Span
	How       string // how the expression was chosen
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
	Places    [][]Place   // per sentence, parallel to Sentences; may be shorter
	Dateline  *Place      // the place of the story's dateline, nil when none
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
	// MinConfidence, when above zero, replaces the model's per-root
	// thresholds: a trigger codes when its root's probability reaches it.
	MinConfidence float64
	// Lexicon holds the cue words; nil reads data/cameo/cues.txt. The
	// model was trained with the embedded one.
	Lexicon *Lexicon
}

// MaxEvents bounds the events of one document. A news article yields tens;
// a text past the bound is not news, and coding it on would only hold
// memory (each event carries its explanation).
const MaxEvents = 1000

// Coder turns parsed, actor-annotated sentences into events with its
// trained Model, using the verb patterns as evidence. It is read-only after
// construction and safe for concurrent use.
type Coder struct {
	cb    *cameo.Codebook
	pats  *cameo.Patterns
	model *Model
	lx    *Lexicon
	opt   Options
}

// NewCoder returns a coder over a codebook, patterns and a trained model.
// A nil codebook accepts any code (names and classes stay empty). It fails
// only when the cue words cannot be read.
func NewCoder(cb *cameo.Codebook, pats *cameo.Patterns, m *Model, opt Options) (*Coder, error) {
	lx := opt.Lexicon
	if lx == nil {
		var err error
		if lx, err = DefaultLexicon(); err != nil {
			return nil, err
		}
	}
	return &Coder{cb: cb, pats: pats, model: m, lx: lx, opt: opt}, nil
}

// Code codes every sentence of in and returns the events in text order and
// a diagnostic for each sentence that yielded none, saying why.
func (c *Coder) Code(in Input) ([]Event, []doc.Diagnostic) {
	var events []Event
	var diags []doc.Diagnostic
	speakers := interviewSpeakers(in, c.lx)
	countries := documentCountries(in)
	var f feats
	for si := range in.Sentences {
		s := &in.Sentences[si]
		if len(events) >= MaxEvents {
			diags = append(diags, doc.Diagnostic{Stage: "event", Severity: doc.Warning, Span: &doc.Span{Start: s.Start, End: in.Sentences[len(in.Sentences)-1].End},
				Message: fmt.Sprintf("the document yielded %d events; the sentences from here on were not coded", len(events))})
			break
		}
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
		g := newGraph(s, ms, c.lx)
		g.addPhrases()
		ev := c.evidenceOf(si, g)
		dets := c.detect(g, ev, &f)
		before := len(events)
		var dropped []string
		for _, d := range dets {
			pairs, why := c.assign(g, d, ev[d.tok], &f)
			if len(pairs) == 0 {
				dropped = append(dropped, fmt.Sprintf("%s at %q (p=%.2f): %s", d.code, g.word(d.tok), d.prob, why))
				continue
			}
			for _, p := range pairs {
				if e, ok := c.build(in, si, g, &d, p, speakers[si], countries, &f, ev[d.tok]); ok {
					events = append(events, e)
				}
			}
		}
		switch {
		case len(dropped) > 0:
			diags = append(diags, doc.Diagnostic{Stage: "event", Severity: doc.Info, Span: &sp, Message: "event dropped: " + strings.Join(dropped, "; ")})
		case len(events) == before:
			diags = append(diags, doc.Diagnostic{Stage: "event", Severity: doc.Info, Span: &sp, Message: "no trigger scored as an event"})
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
// give the same coded event at the same trigger, the first of them.
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

// anchorOf returns the clause head whose context sets an event's status and
// date: the governing verb of an event noun that is its object or subject
// ("held talks", "talks were held"), else the trigger itself.
func (g *graph) anchorOf(i int) int {
	h := g.heads[i]
	if h < 0 || g.toks[i].UPOS == "VERB" {
		return i
	}
	switch g.rel(i) {
	case "obj", "nsubj:pass", "nsubj", "xcomp":
		if u := g.toks[h].UPOS; u == "VERB" || u == "AUX" {
			return h
		}
	}
	return i
}

// build turns a detection and a pair of actors into an Event, or reports
// false when the options or the codebook reject it.
func (c *Coder) build(in Input, si int, g *graph, d *detection, p pair, speaker *Actor, countries docCountries, f *feats, ev *evidence) (Event, bool) {
	coded := func(mi int) bool { return mi >= 0 && g.ms[mi].Code != "" }
	if c.opt.RequireSource && !coded(p.src) || c.opt.RequireTarget && !coded(p.tgt) {
		return Event{}, false
	}
	e := Event{DocID: in.DocID, Code: d.code, Root: cameo.Root(d.code), Quad: cameo.Quad(d.code)}
	if c.cb != nil {
		entry, ok := c.cb.Nearest(d.code)
		if !ok {
			return Event{}, false
		}
		e.Code, e.Root, e.Name, e.Goldstein, e.Quad = entry.Code, entry.Root(), entry.Name, entry.Goldstein, entry.Quad()
		e.PloverType, e.PloverMode = entry.PloverType, entry.PloverMode
	}
	earlier := in.Mentions[:min(si+1, len(in.Mentions))]
	e.Source = c.side(g, p.src, earlier, countries)
	e.Target = c.side(g, p.tgt, earlier, countries)
	if p.src >= 0 && g.ms[p.src].Pair != "" {
		// "the two leaders": one side each, or each acting on the other
		first, second := pairSides(e.Source, g.ms[p.src].Pair)
		if p.second {
			first, second = second, first
		}
		e.Source = first
		if p.mutual {
			e.Target = second
		}
	}
	if e.Source.Code != "" && e.Source.Code == e.Target.Code {
		// an actor does not act on itself: the target was the source again
		e.Target = Actor{}
		p.tgtWhy = "the target named the source again; left out"
	}
	if !c.opt.Uncoded && (e.Source.Code == "" || p.tgt >= 0 && e.Target.Code == "") {
		// a side no dictionary knows and no country in the text supports
		if e.Source.Code == "" {
			return Event{}, false
		}
		e.Target = Actor{}
		p.tgtWhy = "the target named no actor the text gives a country to"
	}
	tt := g.toks[d.tok]
	e.Trigger = doc.Span{Start: tt.Start, End: tt.End}
	e.TriggerText = tt.Text
	s := &in.Sentences[si]
	e.Sentence = doc.Span{Start: s.Start, End: s.End}
	why := &Why{Score: round3(d.prob), Source: p.srcWhy, Target: p.tgtWhy}
	if ev != nil {
		why.Patterns = ev.rules
	}
	if d.features == nil {
		// once per trigger, shared by the trigger's pairs
		f.reset(true)
		c.eventFeatures(f, g, d.tok, ev, shape(g))
		d.features = strongest(c.model.events, f, d.class, 6)
		d.codeFeatures = strongest(c.model.code, f, d.codeClass, 4)
	}
	why.Features, why.Code = d.features, d.codeFeatures
	e.Rule = fmt.Sprintf("model %s p=%.2f", d.code, d.prob)
	if len(why.Patterns) > 0 {
		e.Rule += "; pattern " + why.Patterns[0]
	}
	anchor := g.anchorOf(d.tok)
	st := g.status(anchor)
	if anchor != d.tok {
		// an event noun's own cues ("no plans", "the denied attack")
		// come before its verb's
		if s := g.status(d.tok); s.status != Asserted && s.status != Reported {
			st = s
		}
	}
	why.Status = g.statusWhy(st)
	if st.status == Asserted {
		// ", police said." closing the sentence, as a parse may miss it
		if v, comma := g.trailingSpeech(); v >= 0 && d.tok < comma && anchor < comma {
			st.status, st.cue, st.speaker = Reported, v, g.subjectBefore(v, comma)
			why.Status = g.statusWhy(st) + " (closing attribution)"
		}
	}
	if q := len(g.toks) - 1; (st.status == Asserted || st.status == Reported) && g.toks[q].Text == "?" {
		// A question asserts nothing: "Has Iran sent missiles?"
		st.status, st.cue = Hypothetical, q
		why.Status = "a question"
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
			why.Status = "an interview answer: the interviewee's words"
		}
	case in.Outlet != "":
		e.Attributed = &Actor{Name: in.Outlet, Sector: "MED"}
	}
	if e.Attributed != nil && e.Attributed.Country == "" && e.Attributed.Sector != "" && e.Attributed.Sector != "MED" {
		g.inferCountry(e.Attributed, -1, countries)
	}
	// "we", "I" in someone's words are the speaker
	for _, a := range []*Actor{&e.Source, &e.Target} {
		if a.Span != nil && g.lx.firstPerson[strings.ToLower(a.Text)] && e.Attributed != nil && e.Attributed.Code != "" && e.Attributed.Sector != "MED" {
			text, span := a.Text, a.Span
			*a = *e.Attributed
			a.Text, a.Span = text, span
			a.Inferred = fmt.Sprintf("first person in the words of %q", e.Attributed.Text)
		}
	}
	e.Date, e.DateValue, e.Precision = "", "", "publication"
	why.Date = "no date in its clause or the clauses governing it: the publication date"
	if !in.Published.IsZero() {
		e.Date = in.Published.Format("2006-01-02")
		e.DateValue = e.Date
	} else {
		why.Date = "no date in its clause and no publication date"
	}
	if in.Dates != nil {
		if dt, ok := in.Dates.EventDate(si, anchor); ok {
			e.Date, e.DateValue, e.Precision, e.DateSpan = dt.Date, dt.Value, dt.Precision, dt.Span
			why.Date = dt.How
		}
	}
	var places []Place
	if si < len(in.Places) {
		places = in.Places[si]
	}
	pl, how := g.place(anchor, places, in.Places[:min(si, len(in.Places))], in.Dateline)
	if pl != nil {
		lat, lon := pl.Lat, pl.Lon
		e.Location, e.LocationCountry, e.Admin1, e.GeoPrecision = pl.Name, pl.Country, pl.Admin1, pl.Precision
		e.Lat, e.Lon, e.LocationSpan = &lat, &lon, &doc.Span{Start: pl.Span.Start, End: pl.Span.End}
	}
	why.Place = how
	e.Confidence = round3(d.prob * p.prob)
	e.Why = why
	e.ID = eventID(in.DocID, e.Trigger, e.Code, e.Source.Code+"|"+spanKey(e.Source.Span), e.Target.Code+"|"+spanKey(e.Target.Span))
	return e, true
}

// side converts mention mi (-1 for none) into an event side, inferring the
// country of a generic actor from the text.
func (c *Coder) side(g *graph, mi int, earlier [][]Mention, countries docCountries) Actor {
	if mi < 0 {
		return Actor{}
	}
	m := &g.ms[mi]
	a := g.mentionActor(mi, c.opt.PhraseSpans)
	switch {
	case len(a.Code) == 3 && a.Sector == "" && g.pluralDemonym(mi):
		// "eighteen Colombians", "Palestinians": the country's people
		a.Code, a.Sector = a.Code+"CVL", "CVL"
		a.Inferred = fmt.Sprintf("%q names the country's people", m.Text)
	case a.Code != "" && a.Country == "" && a.Sector != "":
		g.inferCountry(&a, mi, countries)
	case a.Code == "" && !c.opt.Uncoded && (g.toks[g.mentHead[mi]].UPOS == "PROPN" || g.toks[g.mentHead[mi]].UPOS == "PRON"):
		// A name or pronoun no dictionary knows ("Jammeh", "he"): an
		// earlier mention that holds the name ("President Yahya Jammeh"),
		// else the country the text supports, else none.
		if g.toks[g.mentHead[mi]].UPOS == "PROPN" {
			if prev, ok := nameIn(earlier, g.toks[g.mentHead[mi]].Text, m.Span.Start); ok {
				a.Code, a.Name, a.Country, a.Sector = prev.Code, prev.Name, prev.Country, prev.Sector
				a.Inferred = fmt.Sprintf("the name of an earlier mention: %q", prev.Text)
				return a
			}
		}
		g.inferCountry(&a, mi, countries)
		if a.Code != "" {
			a.Inferred = "unknown to the dictionaries; " + a.Inferred
			switch w := strings.ToLower(g.toks[g.mentHead[mi]].Text); {
			case g.lx.firstPerson[w] || w == "you":
				// speakers and interviewees are officials more often than
				// not: 65 % of such pronouns in the corpus are GOV
				a.Code, a.Sector = a.Code+"GOV", "GOV"
				a.Inferred += "; a speaker, taken as its government"
			case g.toks[g.mentHead[mi]].UPOS == "PROPN":
				// a name no dictionary knows is most often an official:
				// of such sources in the right country, train and dev code
				// 78 GOV, 42 OPP and 4 bare
				a.Code, a.Sector = a.Code+"GOV", "GOV"
				a.Inferred += "; a name, taken as its government"
			}
		}
	}
	return a
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

func spanKey(s *doc.Span) string {
	if s == nil {
		return ""
	}
	return strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End)
}

// eventID is stable across runs: the first 16 bytes of a SHA-256 over the
// document ID, trigger span, code, source and target, hex encoded.
func eventID(docID string, trig doc.Span, code, src, tgt string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d-%d\x00%s\x00%s\x00%s", docID, trig.Start, trig.End, code, src, tgt)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// nameIn returns the latest coded mention before offset at whose words
// include name ("Jammeh" in "President Yahya Jammeh").
func nameIn(earlier [][]Mention, name string, at int) (Mention, bool) {
	if len(name) < 3 {
		return Mention{}, false
	}
	for si := len(earlier) - 1; si >= 0; si-- {
		for k := len(earlier[si]) - 1; k >= 0; k-- {
			m := earlier[si][k]
			if m.Code == "" || m.Span.Start >= at {
				continue
			}
			for _, w := range strings.Fields(m.Text) {
				if strings.Trim(w, ",.'’s") == name {
					return m, true
				}
			}
		}
	}
	return Mention{}, false
}

// pluralDemonym reports whether mention mi is a country's people named by
// a plural demonym ("Colombians", "Israelis"), not the country's name
// ("the Philippines", "the United States").
func (g *graph) pluralDemonym(mi int) bool {
	h := g.mentHead[mi]
	t := &g.toks[h]
	if t.XPOS != "NNS" && t.XPOS != "NNPS" {
		return false
	}
	w := strings.ToLower(t.Text)
	if strings.Contains(strings.ToLower(g.ms[mi].Name), w) {
		return false
	}
	return strings.HasSuffix(w, "ans") || strings.HasSuffix(w, "is") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ers")
}

// pairSides splits the side a pair description names into its two actors.
func pairSides(a Actor, pair string) (Actor, Actor) {
	b := a
	b.Code = pair
	if len(pair) >= 3 {
		b.Country = pair[:3]
	}
	b.Name = ""
	how := fmt.Sprintf("one of the pair %s and %s", a.Code, pair)
	a.Inferred, b.Inferred = how, how
	return a, b
}
