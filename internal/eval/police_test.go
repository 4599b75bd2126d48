package eval

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
)

func TestScorePolice(t *testing.T) {
	sents, err := ReadPoliceSentences(strings.NewReader(`{"doc_id": 1, "sent_id": 0, "sent_labels": ["ANY_ACTION", "ARREST"], "sent_text": "police arrested ten men."}
{"doc_id": 1, "sent_id": 1, "sent_labels": [], "sent_text": "the mob burned a shop."}
{"doc_id": 1, "sent_id": 2, "sent_labels": ["KILL", "FORCE"], "sent_text": "police shot two rioters dead."}
`), "sents.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	docs := GroupPolice(sents, map[int]string{1: "2002-03-01"})
	if len(docs) != 1 || len(docs[0].Sentences) != 3 || docs[0].Date != "2002-03-01" {
		t.Fatalf("grouped %+v", docs)
	}
	d := docs[0]
	at := func(k int) doc.Span { return doc.Span{Start: d.Offsets[k], End: d.Offsets[k] + 6} }
	cop := event.Actor{Code: "INDCOP", Sector: "COP"}
	es := []event.Event{
		{Source: cop, Code: "173", Root: "17", Status: event.Asserted, Trigger: at(0)},
		{Source: cop, Code: "173", Root: "17", Status: event.Asserted, Trigger: at(1)},                         // no arrest there: a false positive
		{Source: cop, Code: "190", Root: "19", Status: event.Negated, Trigger: at(2)},                          // negated: not counted
		{Source: event.Actor{Code: "INDCVL"}, Code: "190", Root: "19", Status: event.Asserted, Trigger: at(2)}, // not police
	}
	var s PoliceScore
	ScorePolice(d, es, &s)
	if a := s.ByLabel["ARREST"]; *a != (PRF{TP: 1, FP: 1}) {
		t.Errorf("ARREST %+v, want 1 TP 1 FP", *a)
	}
	if k := s.ByLabel["KILL"]; *k != (PRF{FN: 1}) {
		t.Errorf("KILL %+v, want 1 FN", *k)
	}
	if _, err := ReadPoliceSentences(strings.NewReader("{bad"), "x.jsonl"); err == nil || !strings.Contains(err.Error(), "x.jsonl:1") {
		t.Errorf("bad line: %v", err)
	}
}
