package analysis

import (
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/event"
)

// CameoScores are the ConfliBERT figures: five-way class accuracy over the
// class file and source/target span F1 over the BIO file, with the main
// event of each sentence as the prediction.
type CameoScores struct {
	Sentences, Correct, Coded int // class file: sentences, right class, sentences with an event
	Confusion                 [5][6]int
	SpanSentences             int
	SourceExact, TargetExact  eval.PRF
	SourceOver, TargetOver    eval.PRF
}

// Accuracy is the share of class-file sentences whose main event has the
// gold class; sentences without an event count as wrong.
func (s CameoScores) Accuracy() float64 {
	if s.Sentences == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Sentences)
}

// MainEvent picks the event a sentence is about: an asserted or reported
// one before the others, then the most confident, the earliest on ties. Statements that only frame another event were
// already dropped by the coder.
func MainEvent(es []event.Event) *event.Event {
	var best *event.Event
	for i := range es {
		e := &es[i]
		switch {
		case best == nil:
			best = e
		case e.Status.Counted() != best.Status.Counted():
			if e.Status.Counted() {
				best = e
			}
		case e.Confidence > best.Confidence:
			best = e
		}
	}
	return best
}

// CameoAnalyzer returns an analyzer set up for the ConfliBERT sets: noun
// phrases without a dictionary actor may stand as sources and targets, and
// spans cover the whole noun phrase, as the gold spans do.
func CameoAnalyzer(base Options) (*Analyzer, error) {
	base.Coder.Uncoded, base.Coder.PhraseSpans = true, true
	return New(base)
}

// ScoreCameo runs a over the class and span records.
func ScoreCameo(a *Analyzer, classes []eval.ClassRecord, spans []eval.SpanRecord) CameoScores {
	var s CameoScores
	for _, r := range classes {
		res := a.Analyze(doc.Document{ID: "c", Text: r.Text, Lang: "en"})
		s.Sentences++
		pred := 5 // column for "no event"
		if e := MainEvent(res.Events); e != nil {
			s.Coded++
			if p := cameo.Penta(e.Code); p >= 0 {
				pred = p
			}
		}
		s.Confusion[r.Label][pred]++
		if pred == r.Label {
			s.Correct++
		}
	}
	for _, r := range spans {
		res := a.Analyze(doc.Document{ID: "s", Text: r.Text, Lang: "en"})
		s.SpanSentences++
		var src, tgt []doc.Span
		if e := MainEvent(res.Events); e != nil {
			if e.Source.Span != nil {
				src = append(src, *e.Source.Span)
			}
			if e.Target.Span != nil {
				tgt = append(tgt, *e.Target.Span)
			}
		}
		eval.ScoreSpans(r.Sources, src, &s.SourceExact, &s.SourceOver)
		eval.ScoreSpans(r.Targets, tgt, &s.TargetExact, &s.TargetOver)
	}
	return s
}
