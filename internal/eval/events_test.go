package eval

import (
	"math"
	"testing"

	"github.com/dyad-project/dyad/internal/corpus"
)

func ev(start int, code, src, tgt, status string) corpus.Event {
	e := corpus.Event{Trigger: corpus.Span{Start: start, End: start + 4}, Code: code,
		Source: corpus.Actor{Code: src}, Status: status, Date: corpus.Date{Value: "2024-01-01", Publication: true}}
	if tgt != "" {
		e.Target = &corpus.Actor{Code: tgt}
	}
	return e
}

func TestEventScoreLevels(t *testing.T) {
	gold := []corpus.Event{
		ev(0, "042", "TURGOV", "RUSGOV", "asserted"),
		ev(20, "190", "RUSMIL", "UKR", "reported"),
		ev(40, "173", "NGACOP", "NGACVL", "asserted"),
	}
	sys := []corpus.Event{
		ev(1, "042", "TURGOV", "RUSGOV", "asserted"), // right in every field
		ev(20, "195", "RUSMIL", "UKR", "asserted"),   // right root, wrong code and status
		ev(60, "010", "USAGOV", "", "asserted"),      // not an event
	}
	s := NewEventScore()
	s.Add("wire", gold, sys)
	want := []int{2, 2, 1, 1, 1, 1, 1} // true positives per level
	for i, w := range want {
		if s.Levels[i].TP != w || s.Levels[i].FP != 3-w || s.Levels[i].FN != 3-w {
			t.Errorf("level %s: %+v, want TP %d", EventLevels()[i], s.Levels[i], w)
		}
	}
	if p := s.ByRoot["19"]; p == nil || p.TP != 1 {
		t.Errorf("by root 19: %+v", p)
	}
	if p := s.ByStatus["reported"]; p == nil || p.FN != 1 {
		t.Errorf("by status reported: %+v", p)
	}
	if s.ByRegister["wire"][0].TP != 2 {
		t.Errorf("by register: %+v", s.ByRegister["wire"])
	}
}

func TestMatchEventsIsOneToOne(t *testing.T) {
	gold := []corpus.Event{ev(0, "040", "A", "B", "asserted"), ev(0, "040", "B", "A", "asserted")}
	sys := []corpus.Event{ev(0, "040", "A", "B", "asserted")}
	n, partner := matchEvents(gold, sys, func(g, p *corpus.Event) bool { return eventMatch(g, p, 0) })
	if n != 1 || (partner[0] < 0) == (partner[1] < 0) {
		t.Errorf("n %d partners %v, want one pair", n, partner)
	}
}

func TestAgree(t *testing.T) {
	a := []corpus.Document{{ID: "d-0001", Events: []corpus.Event{
		ev(0, "042", "TURGOV", "RUSGOV", "asserted"),
		ev(20, "111", "FRAGOV", "RUS", "asserted"),
		ev(40, "190", "RUSMIL", "UKR", "reported"),
		ev(60, "057", "IND", "PAK", "asserted"),
	}}}
	b := []corpus.Document{{ID: "d-0001", Events: []corpus.Event{
		ev(0, "043", "TURGOV", "RUSGOV", "asserted"),  // same root, other code
		ev(20, "112", "FRAGOV", "RUSGOV", "asserted"), // same root, other target
		ev(40, "190", "RUSMIL", "UKR", "asserted"),    // other status
		ev(60, "036", "IND", "PAK", "asserted"),       // other root
	}}, {ID: "d-0002"}}
	ag := Agree(a, b)
	if ag.Docs != 1 || ag.Matched != 4 || ag.RootAgree != 3 {
		t.Fatalf("docs %d matched %d root agree %d", ag.Docs, ag.Matched, ag.RootAgree)
	}
	// po = 3/4; roots A: 04,11,19,05; B: 04,11,19,03 -> pe = 3/16.
	if want := (0.75 - 3.0/16) / (1 - 3.0/16); math.Abs(ag.Kappa-want) > 1e-9 {
		t.Errorf("kappa = %v, want %v", ag.Kappa, want)
	}
	if ag.TriggerRoot.TP != 3 || ag.Tuple.TP != 2 || ag.Status.TP != 3 || ag.SourceCtry.TP != 3 {
		t.Errorf("trigger-root %+v tuple %+v status %+v source country %+v", ag.TriggerRoot, ag.Tuple, ag.Status, ag.SourceCtry)
	}
	if c := ag.Confusion(); len(c) != 1 || c[0] != [3]string{"05", "03", "1"} {
		t.Errorf("confusion = %v", c)
	}
}

func TestDisagreements(t *testing.T) {
	a := []corpus.Document{{ID: "d-0001", Events: []corpus.Event{ev(0, "042", "TURGOV", "RUSGOV", "asserted"), ev(20, "111", "FRAGOV", "RUS", "asserted")}}}
	b := []corpus.Document{{ID: "d-0001", Events: []corpus.Event{ev(0, "042", "TURGOV", "RUSGOV", "asserted"), ev(20, "111", "FRAGOV", "RUS", "reported")}}}
	d := Disagreements(a, b)
	if len(d) != 1 || len(d[0].OnlyA) != 1 || len(d[0].OnlyB) != 1 || d[0].OnlyB[0].Status != "reported" {
		t.Errorf("disagreements = %+v", d)
	}
	if d := Disagreements(a, a); len(d) != 0 {
		t.Errorf("self: %+v", d)
	}
}
