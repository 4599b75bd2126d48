package web

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
)

// Segment is a run of document text covered by the same set of annotation
// spans. Text is plain text: the template escapes it.
type Segment struct {
	Text    string
	Class   string   // space-separated kinds covering the run ("" when none)
	Title   string   // the labels of those spans, for a tooltip
	Anchors []string // element IDs of the spans that start here, e.g. t-120
}

// markedKinds are the annotation kinds the document page highlights, with
// the prefix of their anchors.
var markedKinds = map[string]string{"actor": "a", "timex": "d", "trigger": "t", "cue": "c"}

// Anchor returns the element ID of the span of kind starting at start.
func Anchor(kind string, start int) string {
	p, ok := markedKinds[kind]
	if !ok {
		p = "x"
	}
	return p + "-" + strconv.Itoa(start)
}

// runeStart moves i back to the start of the rune that holds it.
func runeStart(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// Highlight splits text into segments at the bounds of the annotations of
// the marked kinds. Spans outside the text or reversed are dropped; bounds
// inside a UTF-8 sequence move to its start, so every segment is whole
// runes; overlapping and nested spans give segments with several classes.
// Concatenating the segments' Text gives text back.
func Highlight(text string, anns []doc.Annotation) []Segment {
	return highlight(text, anns, nil)
}

// HighlightEvent is Highlight with the event sel picked out: its sentence
// is marked with the class "sentence" and its trigger, source, target and
// status cue with the class "selected", besides their own kinds. A span of
// sel outside the text is left out, as in Highlight.
func HighlightEvent(text string, anns []doc.Annotation, sel event.Event) []Segment {
	extra := []doc.Annotation{{Kind: "sentence", Span: sel.Sentence}, {Kind: "selected", Span: sel.Trigger}}
	for _, s := range []*doc.Span{sel.Source.Span, sel.Target.Span, sel.Cue} {
		if s != nil {
			extra = append(extra, doc.Annotation{Kind: "selected", Span: *s})
		}
	}
	return highlight(text, anns, extra)
}

// highlight splits text at the spans of anns of the marked kinds and at
// those of extra, whatever their kind; extra spans get no anchor.
func highlight(text string, anns, extra []doc.Annotation) []Segment {
	type sp struct {
		kind, label string
		start, end  int
		extra       bool
	}
	var spans []sp
	cuts := map[int]bool{0: true, len(text): true}
	for i, a := range append(anns[:len(anns):len(anns)], extra...) {
		isExtra := i >= len(anns)
		if _, ok := markedKinds[a.Kind]; !ok && !isExtra {
			continue
		}
		s, e := a.Span.Start, a.Span.End
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		s, e = runeStart(text, s), runeStart(text, e)
		if s >= e {
			continue
		}
		spans = append(spans, sp{a.Kind, a.Label, s, e, isExtra})
		cuts[s], cuts[e] = true, true
	}
	bounds := make([]int, 0, len(cuts))
	for c := range cuts {
		bounds = append(bounds, c)
	}
	sort.Ints(bounds)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out []Segment
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := bounds[i], bounds[i+1]
		seg := Segment{Text: text[lo:hi]}
		var kinds, labels []string
		seen := map[string]bool{}
		for _, s := range spans {
			if s.start > lo {
				break
			}
			if s.end <= lo {
				continue
			}
			if !seen[s.kind] {
				seen[s.kind] = true
				kinds = append(kinds, s.kind)
			}
			if s.label != "" {
				labels = append(labels, s.kind+": "+s.label)
			}
			if s.start == lo && !s.extra {
				id := Anchor(s.kind, s.start)
				if !seen[id] {
					seen[id] = true
					seg.Anchors = append(seg.Anchors, id)
				}
			}
		}
		sort.Strings(kinds)
		seg.Class = strings.Join(kinds, " ")
		seg.Title = strings.Join(labels, "; ")
		out = append(out, seg)
	}
	return out
}
