package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/google/go-cmp/cmp"
)

func ann(kind string, s, e int, label string) doc.Annotation {
	return doc.Annotation{Kind: kind, Span: doc.Span{Start: s, End: e}, Label: label}
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		name string
		text string
		anns []doc.Annotation
		want []Segment
	}{
		{"none", "plain", nil, []Segment{{Text: "plain"}}},
		{"one", "Russia attacked", []doc.Annotation{ann("actor", 0, 6, "RUS")},
			[]Segment{{Text: "Russia", Class: "actor", Title: "actor: RUS", Anchors: []string{"a-0"}}, {Text: " attacked"}}},
		{"overlap", "abcdef", []doc.Annotation{ann("actor", 0, 4, "X"), ann("trigger", 2, 6, "")},
			[]Segment{{Text: "ab", Class: "actor", Title: "actor: X", Anchors: []string{"a-0"}},
				{Text: "cd", Class: "actor trigger", Title: "actor: X", Anchors: []string{"t-2"}},
				{Text: "ef", Class: "trigger"}}},
		{"nested", "abcdef", []doc.Annotation{ann("timex", 0, 6, ""), ann("cue", 2, 3, "negated")},
			[]Segment{{Text: "ab", Class: "timex", Anchors: []string{"d-0"}}, {Text: "c", Class: "cue timex", Title: "cue: negated", Anchors: []string{"c-2"}}, {Text: "def", Class: "timex"}}},
		{"out of range and reversed and sentence", "abc", []doc.Annotation{ann("actor", 2, 9, ""), ann("actor", 2, 1, ""), ann("sentence", 0, 3, ""), ann("actor", -1, 2, "")},
			[]Segment{{Text: "abc"}}},
		{"mid-rune", "éa", []doc.Annotation{ann("actor", 1, 3, "")},
			[]Segment{{Text: "éa", Class: "actor", Anchors: []string{"a-0"}}}},
		{"inside one rune", "é", []doc.Annotation{ann("actor", 1, 2, "")}, []Segment{{Text: "é", Class: "actor", Anchors: []string{"a-0"}}}},
		{"both bounds in one rune", "éa", []doc.Annotation{ann("actor", 1, 1, ""), ann("cue", 1, 2, "")}, []Segment{{Text: "é", Class: "cue", Anchors: []string{"c-0"}}, {Text: "a"}}},
	}
	for _, tc := range tests {
		got := Highlight(tc.text, tc.anns)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("Russia <script>alert(1)</script> attacked Ukraine", 0, 6, 3, 20)
	f.Add("日本と中国", 1, 4, 0, 9)
	f.Add("", 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		segs := Highlight(text, []doc.Annotation{ann("actor", s1, e1, "A"), ann("trigger", s2, e2, "B"), ann("cue", s1, e2, "")})
		var b strings.Builder
		for _, s := range segs {
			if s.Text == "" {
				t.Fatalf("empty segment in %q", text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(s.Text) {
				t.Fatalf("segment %q of valid text %q is not UTF-8", s.Text, text)
			}
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Fatalf("segments join to %q, want %q", b.String(), text)
		}
	})
}

func TestHighlightEvent(t *testing.T) {
	text := "Nothing here. Russia attacked Ukraine. Then peace."
	src, tgt := doc.Span{Start: 14, End: 20}, doc.Span{Start: 30, End: 37}
	sel := event.Event{Sentence: doc.Span{Start: 14, End: 38}, Trigger: doc.Span{Start: 21, End: 29},
		Source: event.Actor{Span: &src}, Target: event.Actor{Span: &tgt}}
	anns := []doc.Annotation{ann("actor", 14, 20, "RUS"), ann("trigger", 21, 29, "190"), ann("sentence", 0, 13, "")}
	got := HighlightEvent(text, anns, sel)
	want := []Segment{{Text: "Nothing here. "},
		{Text: "Russia", Class: "actor selected sentence", Title: "actor: RUS", Anchors: []string{"a-14"}},
		{Text: " ", Class: "sentence"},
		{Text: "attacked", Class: "selected sentence trigger", Title: "trigger: 190", Anchors: []string{"t-21"}},
		{Text: " ", Class: "sentence"},
		{Text: "Ukraine", Class: "selected sentence"},
		{Text: ".", Class: "sentence"},
		{Text: " Then peace."}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("HighlightEvent (-want +got):\n%s", diff)
	}
	// a span of the event outside the text is left out
	sel.Sentence = doc.Span{Start: 14, End: 999}
	if got := HighlightEvent(text, anns, sel); strings.Contains(got[len(got)-1].Class, "sentence") {
		t.Errorf("a sentence span outside the text was marked: %+v", got)
	}
}
