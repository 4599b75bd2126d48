// Package querytest stores a small, hand-built corpus of documents,
// annotations and events in a real store, for the tests of query, api and
// web. Spans are found in the texts, so they always point at the words.
package querytest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// XSS is the text of a fixture document that carries script payloads; the
// UI must show it as text.
const XSS = `Hostile markup test. <script>alert(1)</script> and <img src=x onerror=alert(1)> were quoted when Russia accused Ukraine of shelling on 3 March 2024.`

// XSSFeature is a feature name in the explanation (event.Why) of the
// event of the hostile document; pages must show it as text.
const XSSFeature = `word=<script>alert("why")</script>`

// Docs are the fixture's document texts; Fixture returns their IDs in
// this order.
var Docs = []doc.Document{
	{Title: "Russia accuses Ukraine", Outlet: "Wire A", URL: "https://a.example/1",
		Published: time.Date(2024, 1, 3, 9, 0, 0, 0, time.UTC), Lang: "en",
		Text: "Russia accused Ukraine of shelling Donetsk on 2 January 2024. Ukraine did not attack Russia, officials said."},
	{Title: "Talks in Geneva", Outlet: "Wire B",
		Published: time.Date(2024, 2, 2, 9, 0, 0, 0, time.UTC), Lang: "en",
		Text: "The United States and China held talks in Geneva on 1 February 2024. Beijing will host a summit in March."},
	{Title: "Markup <b>test</b> & more", Outlet: "Wire A",
		Published: time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC), Lang: "en", Text: XSS},
}

// span returns the span of the n'th (0-based) occurrence of s in text.
func span(t testing.TB, text, s string, n int) doc.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], s)
		if j < 0 {
			t.Fatalf("fixture: %q not found %d times in %q", s, n+1, text)
		}
		if i == n {
			return doc.Span{Start: off + j, End: off + j + len(s)}
		}
		off += j + len(s)
	}
}

func sp(s doc.Span) *doc.Span { return &s }

// XSSPlace is the name of the place of the hostile document's event;
// pages and maps must show it as text.
const XSSPlace = `Kharkiv <svg onload=alert(3)>`

// place puts e in a city.
func place(e *event.Event, name, country string, lat, lon float64) {
	e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = name, country, "city", &lat, &lon
}

// Fixture stores Docs with their analyses in st and returns the IDs.
func Fixture(t testing.TB, st store.Store) []string {
	t.Helper()
	ctx := context.Background()
	res, err := st.PutDocuments(ctx, Docs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(res))
	for i, r := range res {
		ids[i] = r.ID
	}
	var as []store.Analysis
	for i, d := range Docs {
		a := store.Analysis{DocID: ids[i]}
		text := d.Text
		ann := func(kind, s string, n int, label, note string) doc.Span {
			x := span(t, text, s, n)
			a.Annotations = append(a.Annotations, doc.Annotation{Kind: kind, Span: x, Label: label, Note: note})
			return x
		}
		actor := func(code, name, s string, n int) event.Actor {
			x := ann("actor", s, n, code, "")
			return event.Actor{Code: code, Name: name, Text: s, Span: sp(x), Country: code[:3]}
		}
		ev := func(k int, src, tgt event.Actor, code, name string, gold float64, quad int, trig string, st event.Status, date string) event.Event {
			tr := ann("trigger", trig, 0, code, "rule:"+name)
			return event.Event{ID: fmt.Sprintf("%s-%d", ids[i][:8], k), DocID: ids[i], Source: src, Target: tgt,
				Code: code, Root: code[:2], Name: name, Goldstein: gold, Quad: quad, Status: st,
				Date: date, DateValue: date, Precision: "day", Confidence: 0.8,
				Trigger: tr, TriggerText: trig, Sentence: doc.Span{Start: 0, End: len(text)}, Rule: "fixture/" + name}
		}
		switch i {
		case 0:
			ann("sentence", "Russia accused Ukraine of shelling Donetsk on 2 January 2024.", 0, "", "")
			ann("timex", "2 January 2024", 0, "2024-01-02", "day")
			rus, ukr := actor("RUS", "Russia", "Russia", 0), actor("UKR", "Ukraine", "Ukraine", 0)
			e1 := ev(1, rus, ukr, "112", "Accuse", -2, 3, "accused", event.Asserted, "2024-01-02")
			e1.DateSpan = sp(span(t, text, "2 January 2024", 0))
			place(&e1, "Donetsk", "UKR", 48.0159, 37.8028)
			e1.LocationSpan = sp(span(t, text, "Donetsk", 0))
			e1.Why = &event.Why{
				Score: 0.9375,
				Features: []event.Weight{{Feature: "lemma=accuse", Weight: 2.25}, {Feature: "obj=PROPN", Weight: 0.75},
					{Feature: "prep=of", Weight: 0.5}, {Feature: "subj=PROPN", Weight: 0.25}, {Feature: "bias", Weight: 0.125},
					{Feature: "tense=past", Weight: -0.0625}},
				Code:     []event.Weight{{Feature: "obj-of=shelling", Weight: 1.5}},
				Patterns: []string{"accuse/nsubj-obj"},
				Source:   "nsubj of accused", Target: "obj of accused",
				Status: "no cue: asserted", Date: "timex 2 January 2024 in the sentence",
			}
			ukr2, rus2 := actor("UKRMIL", "Ukraine military", "Ukraine", 1), actor("RUS", "Russia", "Russia", 1)
			e2 := ev(2, ukr2, rus2, "190", "Use conventional military force", -10, 4, "attack", event.Negated, "2024-01-03")
			e2.Cue, e2.CueText = sp(ann("cue", "did not", 0, "negated", "")), "did not"
			e2.Attributed = &event.Actor{Code: "", Name: "officials", Text: "officials"}
			a.Events = []event.Event{e1, e2}
		case 1:
			usa, chn := actor("USAGOV", "United States", "The United States", 0), actor("CHNGOV", "China", "China", 0)
			ann("timex", "1 February 2024", 0, "2024-02-01", "day")
			e1 := ev(1, usa, chn, "040", "Consult", 1, 1, "held talks", event.Asserted, "2024-02-01")
			place(&e1, "Geneva", "CHE", 46.2022, 6.1457)
			e2 := ev(2, chn, usa, "036", "Express intent to meet or negotiate", 4, 1, "host", event.Future, "2024-03-01")
			e2.Cue, e2.CueText = sp(ann("cue", "will", 0, "future", "")), "will"
			// a nested span: the trigger of e1 inside a wider annotation
			ann("sentence", "The United States and China held talks in Geneva on 1 February 2024.", 0, "", "")
			a.Events = []event.Event{e1, e2}
		case 2:
			rus, ukr := actor("RUS", "Russia", "Russia", 0), actor("UKR", "Ukraine", "Ukraine", 0)
			ann("timex", "3 March 2024", 0, "2024-03-03", "day")
			// a span over the payload, overlapping a second one
			ann("actor", "<script>alert(1)</script> and <img", 0, "XSS", "")
			ann("trigger", "</script> and <img src=x", 0, "XSS", "")
			e := ev(1, rus, ukr, "112", "Accuse", -2, 3, "accused", event.Reported, "2024-03-03")
			e.Source.Inferred = `sentence: <i>Moscow</i>`
			place(&e, XSSPlace, "UKR", 49.9935, 36.2304)
			e.Why = &event.Why{Score: 0.5, Features: []event.Weight{{Feature: XSSFeature, Weight: -1.5}},
				Patterns: []string{`<img src=x onerror=alert(2)>`}, Source: "nsubj of accused", Target: "obj of accused",
				Status: `cue "were quoted": reported`, Date: "timex 3 March 2024 in the sentence"}
			a.Events = []event.Event{e}
		}
		as = append(as, a)
	}
	if err := st.PutAnalyses(ctx, as); err != nil {
		t.Fatal(err)
	}
	return ids
}
