package eval

import (
	"github.com/dyad-project/dyad/internal/analysis"
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/nlp"
)

// CameoScores are the ConfliBERT figures: five-way class accuracy over the
// class file and source/target span F1 over the BIO file, with the main
// event of each sentence as the prediction.
type CameoScores struct {
	Sentences, Correct, Coded int // class file: sentences, right class, sentences with an event
	Confusion                 [5][6]int
	SpanSentences             int
	SourceExact, TargetExact  PRF
	SourceOver, TargetOver    PRF
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
// one before the others, a specific one before a bare statement (010), then
// the one whose trigger stands highest in the
// parse (the main clause before subordinate ones), then the most confident.
// sents may be nil; then depth is not used.
func MainEvent(es []event.Event, sents []nlp.Sentence) *event.Event {
	var best *event.Event
	bd := 0
	for i := range es {
		e := &es[i]
		d := triggerDepth(sents, e.Trigger)
		switch {
		case best == nil:
		case e.Status.Counted() != best.Status.Counted():
			if !e.Status.Counted() {
				continue
			}
		case (e.Code == "010") != (best.Code == "010"):
			// a bare statement is the news only when nothing else is
			if e.Code == "010" {
				continue
			}
		case d != bd:
			if d > bd {
				continue
			}
		case e.Confidence <= best.Confidence:
			continue
		}
		best, bd = e, d
	}
	return best
}

// triggerDepth is the number of heads between the trigger token and the
// root of its sentence (0 when unknown).
func triggerDepth(sents []nlp.Sentence, sp doc.Span) int {
	for _, s := range sents {
		if sp.Start < s.Start || sp.Start >= s.End {
			continue
		}
		for i, t := range s.Tokens {
			if t.Start != sp.Start {
				continue
			}
			d := 0
			for n := i; n >= 0 && d <= len(s.Tokens); d++ {
				n = s.Tokens[n].Head - 1
				if n < 0 {
					break
				}
			}
			return d
		}
	}
	return 0
}

// CameoAnalyzer returns an analyzer set up for the ConfliBERT sets: noun
// phrases without a dictionary actor may stand as sources and targets, and
// spans cover the whole noun phrase, as the gold spans do.
func CameoAnalyzer(base analysis.Options) (*analysis.Analyzer, error) {
	base.Coder.Uncoded, base.Coder.PhraseSpans = true, true
	return analysis.New(base)
}

// ScoreCameo runs a over the class and span records.
func ScoreCameo(a *analysis.Analyzer, classes []ClassRecord, spans []SpanRecord) CameoScores {
	var s CameoScores
	for _, r := range classes {
		res := a.Analyze(doc.Document{ID: "c", Text: r.Text, Lang: "en"})
		s.Sentences++
		pred := 5 // column for "no event"
		if e := MainEvent(res.Events, res.Sentences); e != nil {
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
		if e := MainEvent(res.Events, res.Sentences); e != nil {
			if e.Source.Span != nil {
				src = append(src, *e.Source.Span)
			}
			if e.Target.Span != nil {
				tgt = append(tgt, *e.Target.Span)
			}
		}
		ScoreSpans(r.Sources, src, &s.SourceExact, &s.SourceOver)
		ScoreSpans(r.Targets, tgt, &s.TargetExact, &s.TargetOver)
	}
	return s
}
