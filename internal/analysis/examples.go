package analysis

import (
	"context"

	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
)

// Examples prepares gold corpus documents for training the event coder:
// each document runs through every stage before the coder (Prepare), and
// its gold events keep their trigger, code, source and target spans. It
// stops at the first document whose date does not parse, or when ctx is
// done.
func (a *Analyzer) Examples(ctx context.Context, docs []corpus.Document) ([]event.Example, error) {
	out := make([]event.Example, 0, len(docs))
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dd, err := d.Doc()
		if err != nil {
			return nil, err
		}
		in, _ := a.Prepare(dd)
		ex := event.Example{Input: in}
		for _, g := range d.Events {
			eg := event.Gold{Trigger: doc.Span{Start: g.Trigger.Start, End: g.Trigger.End}, Code: g.Code,
				Source: &doc.Span{Start: g.Source.Start, End: g.Source.End}}
			if g.Target != nil {
				eg.Target = &doc.Span{Start: g.Target.Start, End: g.Target.End}
			}
			ex.Gold = append(ex.Gold, eg)
		}
		out = append(out, ex)
	}
	return out, nil
}
