package analysis

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
)

func TestInterviewAttribution(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Military ties between Moscow and Tehran have grown. We spoke to Dr. Leila Haddad, a fellow at the Aurora Institute, on Thursday.\n\n" +
		"Q: Has Iran sent missiles to Russia?\n\n" +
		"A: Iran sent ballistic missiles to Russia last year. Israel did not attack Iran.\n"
	res := a.Analyze(doc.Document{ID: "i1", Text: text, Lang: "en", Outlet: "Meridian Post", Published: time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)})
	var answer, question *event.Event
	q, ans := strings.Index(text, "Q:"), strings.Index(text, "A:")
	for i := range res.Events {
		e := &res.Events[i]
		switch {
		// The test is about attribution: any event the coder finds at
		// "sent" will do, whatever its code.
		case e.Trigger.Start > ans && e.TriggerText == "sent":
			answer = e
		case e.Trigger.Start > q && e.Trigger.Start < ans && e.TriggerText == "sent":
			question = e
		}
	}
	if answer == nil {
		t.Fatalf("no event at %q in the answer; events: %+v", "sent", res.Events)
	}
	if answer.Attributed == nil || answer.Attributed.Name != "Leila Haddad" || answer.Status != event.Reported {
		t.Errorf("answer event: status %s, attributed %+v; want reported by Leila Haddad", answer.Status, answer.Attributed)
	}
	if question != nil && question.Status != event.Hypothetical {
		t.Errorf("question event status %s, want hypothetical (a question asserts nothing)", question.Status)
	}
}
