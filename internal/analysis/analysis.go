// Package analysis composes the stages that read one document — tokenizer,
// sentence splitter, tagger, lemmatizer, parser, actor matcher, temporal
// expressions and the event coder — into a single Analyze call whose Result
// the pipeline stores (store.Analysis has the same fields).
package analysis

import (
	"fmt"
	"strings"
	"unicode/utf8"

	actorsdata "github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/geo"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/depparse"
	"github.com/dyad-project/dyad/internal/nlp/lemma"
	"github.com/dyad-project/dyad/internal/nlp/postag"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
	"github.com/dyad-project/dyad/internal/timex"
)

// DefaultMaxBytes bounds the text of one document that is analysed; the
// rest is left out with a warning. 256 KB is several times the longest news
// article; coding 1 MB of text held about 150 MB per worker.
const DefaultMaxBytes = 256 << 10

// Options configure an Analyzer. Zero values take the embedded defaults.
type Options struct {
	NLP      *nlp.Pipeline     // nil: embedded tokenizer, splitter, tagger, lemmatizer, parser
	Actors   *actor.Dictionary // nil: embedded dictionaries
	Codebook *cameo.Codebook   // nil: embedded codebook
	// NoCodebook codes with whatever codes the patterns give, unchecked
	// (for dictionaries with test codes, such as PETRARCH's validation set).
	NoCodebook bool
	Patterns   *cameo.Patterns // nil: embedded verb patterns and ours
	Model      *event.Model    // nil: the embedded coder model
	Gazetteer  *geo.Gazetteer  // nil: the embedded gazetteer
	// NoModel builds an Analyzer that only prepares documents (Prepare),
	// for training the coder; Analyze then codes no events.
	NoModel  bool
	Coder    event.Options
	MaxBytes int // 0: DefaultMaxBytes
}

// Analyzer runs every reading stage over a document. It is read-only after
// New and safe for concurrent use.
type Analyzer struct {
	nlp      *nlp.Pipeline
	actors   *actor.Dictionary
	places   *geo.Gazetteer
	tx       *timex.Recognizer
	coder    *event.Coder
	maxBytes int
}

// Result is what Analyze derived from one document.
type Result struct {
	Sentences   []nlp.Sentence // the parsed sentences, for display and evaluation
	Annotations []doc.Annotation
	Events      []event.Event
	Diagnostics []doc.Diagnostic
	Skipped     string // non-empty when the document was not coded, with the reason
	// Countries counts the actor mentions of each country (ISO3): what the
	// place stage weighed to choose among places of one name.
	Countries map[string]int
}

// New loads the models, dictionaries and patterns once.
func New(opt Options) (*Analyzer, error) {
	a := &Analyzer{nlp: opt.NLP, actors: opt.Actors, places: opt.Gazetteer, tx: timex.New(), maxBytes: opt.MaxBytes}
	if a.maxBytes <= 0 {
		a.maxBytes = DefaultMaxBytes
	}
	if a.nlp == nil {
		p, err := DefaultNLP()
		if err != nil {
			return nil, err
		}
		a.nlp = p
	}
	if a.actors == nil {
		d, err := actorsdata.Load()
		if err != nil {
			return nil, fmt.Errorf("actor dictionaries: %w", err)
		}
		a.actors = d
	}
	if a.places == nil {
		g, err := geo.Default()
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		a.places = g
	}
	cb := opt.Codebook
	if cb == nil && !opt.NoCodebook {
		var err error
		if cb, err = cameo.DefaultCodebook(); err != nil {
			return nil, err
		}
	}
	pats := opt.Patterns
	if pats == nil {
		var err error
		if pats, err = cameo.DefaultPatterns(); err != nil {
			return nil, err
		}
	}
	model := opt.Model
	if model == nil && !opt.NoModel {
		var err error
		if model, err = event.DefaultModel(); err != nil {
			return nil, fmt.Errorf("coder model: %w", err)
		}
	}
	if model != nil {
		var err error
		if a.coder, err = event.NewCoder(cb, pats, model, opt.Coder); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// DefaultNLP loads the embedded NLP stages.
func DefaultNLP() (*nlp.Pipeline, error) {
	tg, err := postag.Default()
	if err != nil {
		return nil, err
	}
	lm, err := lemma.Default()
	if err != nil {
		return nil, err
	}
	ps, err := depparse.Default()
	if err != nil {
		return nil, err
	}
	return &nlp.Pipeline{Tokenizer: tokenize.New(), Segmenter: segment.New(), Tagger: tg, Lemmatizer: lm, Parser: ps}, nil
}

// Analyze reads one document. Documents in a language other than English
// are skipped with the reason; an over-long text is cut at MaxBytes with a
// warning. Analyze never fails: problems become diagnostics.
func (a *Analyzer) Analyze(d doc.Document) Result {
	in, r := a.Prepare(d)
	if r.Skipped != "" {
		return r
	}
	if a.coder == nil {
		r.Diagnostics = append(r.Diagnostics, doc.Diagnostic{Stage: "event", Severity: doc.Error, Message: "no coder model: events not coded"})
		return r
	}
	evs, diags := a.coder.Code(in)
	for i := range evs {
		evs[i].Outlet, evs[i].URL = d.Outlet, d.URL
		e := &evs[i]
		r.Annotations = append(r.Annotations, doc.Annotation{Kind: "trigger", Span: e.Trigger, Label: e.Code, Note: e.Rule})
		if e.Cue != nil {
			r.Annotations = append(r.Annotations, doc.Annotation{Kind: "cue", Span: *e.Cue, Label: string(e.Status), Note: e.CueText})
		}
	}
	r.Events = evs
	r.Diagnostics = append(r.Diagnostics, diags...)
	return r
}

// Prepare runs every stage before the event coder: it returns the coder's
// input and the Result so far (sentences, annotations, diagnostics, or the
// reason the document is skipped). Training the coder starts here.
func (a *Analyzer) Prepare(d doc.Document) (event.Input, Result) {
	var r Result
	if l := strings.ToLower(d.Lang); l != "" && l != "en" && l != "und" {
		r.Skipped = "language: " + l
		return event.Input{}, r
	}
	text := d.Text
	if len(text) > a.maxBytes {
		cut := a.maxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		r.Diagnostics = append(r.Diagnostics, doc.Diagnostic{Stage: "nlp", Severity: doc.Warning, Span: &doc.Span{Start: cut, End: len(text)},
			Message: fmt.Sprintf("text is %d bytes; only the first %d were analysed", len(text), cut)})
		text = text[:cut]
	}
	if strings.TrimSpace(text) == "" {
		r.Skipped = "empty text"
		return event.Input{}, r
	}
	sents := a.nlp.Annotate(text)
	r.Sentences = sents
	var all []nlp.Token
	first := make([]int, len(sents)) // index in all of each sentence's first token
	for i, s := range sents {
		first[i] = len(all)
		all = append(all, s.Tokens...)
		r.Annotations = append(r.Annotations, doc.Annotation{Kind: "sentence", Span: doc.Span{Start: s.Start, End: s.End}})
	}
	ms := a.actors.Resolve(text, sents, a.actors.Match(text, all, d.Published))
	perSent := make([][]event.Mention, len(sents))
	si := 0
	for _, m := range ms {
		for si+1 < len(sents) && m.TokStart >= first[si+1] {
			si++
		}
		for si > 0 && m.TokStart < first[si] {
			si--
		}
		if len(sents) == 0 {
			break
		}
		end := m.TokEnd
		if si+1 < len(sents) && end > first[si+1] {
			end = first[si+1] // a mention never spans sentences for the coder
		}
		perSent[si] = append(perSent[si], event.Mention{Start: m.TokStart - first[si], End: end - first[si], Span: m.Span, Text: m.Text,
			Code: m.Code, Name: m.Name, Country: m.Country, Sector: m.Sector, Ref: m.Antecedent, Pair: m.Pair})
		note := strings.TrimSpace(strings.Join([]string{m.Role, m.Person, m.Rule}, " "))
		r.Annotations = append(r.Annotations, doc.Annotation{Kind: "actor", Span: m.Span, Label: m.Code, Note: note, Ref: m.Antecedent})
	}
	// Places, resolved with the countries the document's actors belong to.
	countries := map[string]int{}
	for _, m := range ms {
		if m.Country != "" {
			countries[m.Country]++
		}
	}
	r.Countries = countries
	perSentPlaces := make([][]event.Place, len(sents))
	var dateline *event.Place
	datelineEnd := -1 // byte offset where the dateline's city ends
	for _, m := range a.places.Find(text, sents, countries) {
		pl := event.Place{Start: m.TokStart, End: m.TokEnd, Span: m.Span, Text: m.Text, Name: m.Place.Name, Country: m.Place.Country,
			Admin1: m.Place.Admin1, Lat: m.Place.Lat, Lon: m.Place.Lon, Precision: m.Place.Kind.String(), Cue: m.Cue,
			Dateline: m.Dateline}
		// The country after the dateline's city ("KADUNA, Nigeria —") is part of it.
		if datelineEnd >= 0 && m.Place.Kind == geo.Country && strings.TrimSpace(strings.Trim(text[datelineEnd:m.Span.Start], " ,")) == "" {
			pl.Dateline = true
		}
		if m.Dateline && dateline == nil {
			d := pl
			dateline, datelineEnd = &d, m.Span.End
		}
		if m.Sent >= 0 && m.Sent < len(sents) {
			perSentPlaces[m.Sent] = append(perSentPlaces[m.Sent], pl)
		}
		r.Annotations = append(r.Annotations, doc.Annotation{Kind: "place", Span: m.Span, Label: m.Place.Name + ", " + m.Place.Country, Note: m.Why})
	}
	var dater event.Dater
	if !d.Published.IsZero() {
		exprs := a.tx.FindWith(text, d.Published, timex.ParseTense(sents))
		for _, e := range exprs {
			r.Annotations = append(r.Annotations, doc.Annotation{Kind: "timex", Span: doc.Span{Start: e.Start, End: e.End}, Label: e.Value, Note: string(e.Precision)})
		}
		dater = newDater(sents, exprs)
	} else {
		r.Diagnostics = append(r.Diagnostics, doc.Diagnostic{Stage: "timex", Severity: doc.Info, Message: "no publication date: relative dates not resolved, events undated"})
	}
	in := event.Input{DocID: d.ID, Text: text, Published: d.Published, Outlet: d.Outlet, Sentences: sents, Mentions: perSent, Dates: dater,
		Places: perSentPlaces, Dateline: dateline}
	return in, r
}

// dater dates an event by the temporal expression that governs its clause,
// as timex.Govern picks it; an expression that names no calendar period
// ("recently") dates nothing, so the event keeps the publication day.
type dater struct {
	sents []nlp.Sentence
	exprs []timex.Expr
}

func newDater(sents []nlp.Sentence, exprs []timex.Expr) *dater {
	var keep []timex.Expr
	for _, e := range exprs {
		if (e.Type == timex.Date || e.Type == timex.Time) && e.Date() != "" {
			keep = append(keep, e)
		}
	}
	return &dater{sents: sents, exprs: keep}
}

// EventDate implements event.Dater.
func (d *dater) EventDate(sent, tok int) (event.Date, bool) {
	if sent < 0 || sent >= len(d.sents) || len(d.exprs) == 0 {
		return event.Date{}, false
	}
	s := d.sents[sent]
	e, ok := timex.Govern(s, d.exprs, tok)
	how := "its own clause"
	// A participial, adverbial or coordinated clause without a date of its
	// own shares its head's ("arrived on Sunday ... led by", "adopted on
	// Friday ..., adding"), and so does a past event reported without one
	// ("said on Wednesday that it had struck"); a future or present one
	// does not ("announced on Tuesday ... forces are to withdraw").
	for steps := 0; !ok && steps < 3 && tok >= 0 && tok < len(s.Tokens); steps++ {
		rel, _, _ := strings.Cut(s.Tokens[tok].Rel, ":")
		if rel == "ccomp" && timex.ClauseTense(s, tok) != timex.TensePast {
			break
		}
		if rel != "acl" && rel != "advcl" && rel != "xcomp" && rel != "conj" && rel != "ccomp" {
			break
		}
		tok = s.Tokens[tok].Head - 1
		if tok < 0 {
			break
		}
		e, ok = timex.Govern(s, d.exprs, tok)
		how = "the clause governing it (" + rel + ")"
	}
	if !ok {
		return event.Date{}, false
	}
	sp := doc.Span{Start: e.Start, End: e.End}
	return event.Date{Date: e.Date(), Value: e.Value, Precision: string(e.Precision), Span: &sp,
		How: fmt.Sprintf("%q in %s, resolved to %s (%s)", e.Text, how, e.Value, e.Precision)}, true
}
