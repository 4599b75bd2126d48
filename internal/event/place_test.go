package event

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// An event takes the place of its own clause, the more precise of two,
// never a place that is only an actor or a destination, and the dateline
// when its sentence states none.
func TestEventPlace(t *testing.T) {
	s, text := sentence(t, 0, "Police/NOUN/police/2/nsubj", "arrested/VERB/arrest/0/root", "twelve/NUM/twelve/4/nummod",
		"protesters/NOUN/protester/2/obj", "in/ADP/in/6/case", "Nakuru/PROPN/Nakuru/2/obl", ",/PUNCT/,/8/punct", "Kenya/PROPN/Kenya/6/appos", "./PUNCT/./2/punct")
	tok := func(i int) doc.Span { return doc.Span{Start: s.Tokens[i].Start, End: s.Tokens[i].End} }
	nakuru := Place{Start: 5, End: 6, Span: tok(5), Text: "Nakuru", Name: "Nakuru", Country: "KEN", Admin1: "Nakuru", Lat: -0.3, Lon: 36.07, Precision: "city", Cue: "in"}
	kenya := Place{Start: 7, End: 8, Span: tok(7), Text: "Kenya", Name: "Kenya", Country: "KEN", Lat: 0.5, Lon: 38, Precision: "country", Cue: "in"}
	nairobi := Place{Start: 0, End: 0, Span: doc.Span{Start: 0, End: 0}, Text: "NAIROBI", Name: "Nairobi", Country: "KEN", Lat: -1.28, Lon: 36.82, Precision: "city", Cue: "dateline"}
	ms := []Mention{
		{Start: 0, End: 1, Span: tok(0), Text: "Police", Code: "COP", Sector: "COP"},
		{Start: 3, End: 4, Span: tok(3), Text: "protesters", Code: "CVL", Sector: "CVL"},
	}
	c := defaultCoder(t, Options{})
	tests := []struct {
		name     string
		places   []Place
		dateline *Place
		want     string
		why      string
	}{
		{"city of the clause", []Place{kenya, nakuru}, nil, "Nakuru", "in the trigger's clause"},
		{"country only", []Place{kenya}, nil, "Kenya", "in the trigger's clause"},
		{"a destination is not where", []Place{withCue(nakuru, "to")}, nil, "", "no place"},
		{"an uncued country is an actor", []Place{withCue(kenya, "")}, nil, "", "no place"},
		{"dateline", nil, &nairobi, "Nairobi", "dateline"},
		{"the sentence before the dateline", []Place{nakuru}, &nairobi, "Nakuru", "clause"},
	}
	for _, tt := range tests {
		es, _ := c.Code(Input{DocID: "d", Text: text, Published: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC),
			Sentences: []nlp.Sentence{s}, Mentions: [][]Mention{ms}, Places: [][]Place{tt.places}, Dateline: tt.dateline})
		var got *Event
		for k := range es {
			if es[k].TriggerText == "arrested" {
				got = &es[k]
			}
		}
		if got == nil {
			t.Fatalf("%s: no event at 'arrested': %+v", tt.name, es)
		}
		if got.Location != tt.want || !strings.Contains(got.Why.Place, tt.why) {
			t.Errorf("%s: place %q (%s), want %q (%s)", tt.name, got.Location, got.Why.Place, tt.want, tt.why)
		}
		if tt.want == "" {
			if got.Lat != nil || got.LocationSpan != nil || got.GeoPrecision != "" {
				t.Errorf("%s: no place but coordinates %v or span %v", tt.name, got.Lat, got.LocationSpan)
			}
			continue
		}
		if got.LocationCountry != "KEN" || got.Lat == nil || got.Lon == nil || got.LocationSpan == nil {
			t.Errorf("%s: incomplete place %+v", tt.name, got)
		}
		if tt.want == "Kenya" && got.GeoPrecision != "country" {
			t.Errorf("a country placed at precision %q", got.GeoPrecision)
		}
	}
}

func withCue(p Place, cue string) Place {
	p.Cue = cue
	return p
}

// "the town" places an event at the last town named before it.
func TestEventPlaceAnaphor(t *testing.T) {
	s0, t0 := sentence(t, 0, "Crowds/NOUN/crowd/2/nsubj", "gathered/VERB/gather/0/root", "in/ADP/in/4/case", "Nakuru/PROPN/Nakuru/2/obl", "./PUNCT/./2/punct")
	s1, t1 := sentence(t, len(t0)+1, "Police/NOUN/police/2/nsubj", "arrested/VERB/arrest/0/root", "twelve/NUM/twelve/4/nummod",
		"protesters/NOUN/protester/2/obj", "around/ADP/around/7/case", "the/DET/the/7/det", "town/NOUN/town/2/obl", "./PUNCT/./2/punct")
	text := t0 + " " + t1
	tok := func(s nlp.Sentence, i int) doc.Span { return doc.Span{Start: s.Tokens[i].Start, End: s.Tokens[i].End} }
	nakuru := Place{Start: 3, End: 4, Span: tok(s0, 3), Text: "Nakuru", Name: "Nakuru", Country: "KEN", Lat: -0.3, Lon: 36.07, Precision: "city", Cue: "in"}
	ms := []Mention{
		{Start: 0, End: 1, Span: tok(s1, 0), Text: "Police", Code: "COP", Sector: "COP"},
		{Start: 3, End: 4, Span: tok(s1, 3), Text: "protesters", Code: "CVL", Sector: "CVL"},
	}
	c := defaultCoder(t, Options{})
	es, _ := c.Code(Input{DocID: "d", Text: text, Published: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC),
		Sentences: []nlp.Sentence{s0, s1}, Mentions: [][]Mention{nil, ms}, Places: [][]Place{{nakuru}, nil}})
	for _, e := range es {
		if e.TriggerText == "arrested" {
			if e.Location != "Nakuru" || !strings.Contains(e.Why.Place, "refers back") {
				t.Errorf("place %q (%s), want Nakuru by the town", e.Location, e.Why.Place)
			}
			return
		}
	}
	t.Fatalf("no event at 'arrested': %+v", es)
}
