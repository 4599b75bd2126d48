package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// testHappenings: reports of one call from different documents are linked
// into one happening whatever order they are stored in; a report of the
// next day's call is not; replacing an analysis and superseding a document
// re-link what they touch.
func testHappenings(t *testing.T, s store.Store) {
	call := func(docID, suffix, date, precision string) event.Event {
		return event.Event{ID: docID[:8] + suffix, DocID: docID, Code: "041", Root: "04", Status: event.Reported,
			Source: event.Actor{Code: "USAGOV", Country: "USA", Sector: "GOV"},
			Target: event.Actor{Code: "TURGOV", Country: "TUR", Sector: "GOV"},
			Date:   date, Precision: precision}
	}
	mk := func(n int, url string) doc.Document {
		d := article(n)
		d.URL = url
		return d
	}
	da, db, dc := mk(11, "https://news.example/a"), mk(12, "https://news.example/b"), mk(13, "https://news.example/c")
	ids := map[string]string{}
	for _, d := range []doc.Document{dc, db, da} { // the last report first
		ids[d.URL] = mustPut(t, s, d)[0].ID
	}
	a, b, c := ids[da.URL], ids[db.URL], ids[dc.URL]
	ea := call(a, "-a", "2024-03-05", "day")
	eb := call(b, "-b", "2024-03-06", "publication") // may be 03-04 to 03-06
	ec := call(c, "-c", "2024-03-07", "day")         // the next call
	neg := call(a, "-n", "2024-03-05", "day")
	neg.Status, neg.TriggerText = event.Negated, "did not call"
	for _, an := range []store.Analysis{
		{DocID: c, Events: []event.Event{ec}},
		{DocID: b, Events: []event.Event{eb}},
		{DocID: a, Events: []event.Event{ea, neg}},
	} {
		if err := s.PutAnalyses(ctx, []store.Analysis{an}); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string, want map[string]string) {
		t.Helper()
		page, err := s.Events(ctx, store.EventFilter{Statuses: []event.Status{event.Reported, event.Negated}, Limit: 100, Mentions: true})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range page.Events {
			got[e.ID] = e.Happening
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: happenings (-want +got):\n%s", when, diff)
		}
	}
	check("stored last first", map[string]string{ea.ID: ea.ID, eb.ID: ea.ID, ec.ID: ec.ID, neg.ID: neg.ID})
	countAll(t, s, "stored", 2, 3)
	hc, err := s.HappeningCounts(ctx, []string{ea.ID, ec.ID, "no-such-happening"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]store.HappeningCount{
		ea.ID: {Mentions: 2, Documents: 2, Outlets: 1, First: "2024-01-12", Last: "2024-01-13"},
		ec.ID: {Mentions: 1, Documents: 1, Outlets: 1, First: "2024-01-14", Last: "2024-01-14"},
	}
	if diff := cmp.Diff(want, hc); diff != "" {
		t.Errorf("HappeningCounts (-want +got):\n%s", diff)
	}

	// Coded again without the call, a's report leaves the happening.
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: a, Events: []event.Event{neg}}}); err != nil {
		t.Fatal(err)
	}
	check("a recoded", map[string]string{eb.ID: eb.ID, ec.ID: ec.ID, neg.ID: neg.ID})
	countAll(t, s, "a recoded", 2, 2)
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: a, Events: []event.Event{ea, neg}}}); err != nil {
		t.Fatal(err)
	}
	check("a coded again", map[string]string{ea.ID: ea.ID, eb.ID: ea.ID, ec.ID: ec.ID, neg.ID: neg.ID})

	// A new version of a: the old one's events stop counting, the new one's link.
	a2 := da
	a2.Text += " Updated."
	r, err := s.Put(ctx, []store.Item{{Doc: a2}})
	if err != nil {
		t.Fatal(err)
	}
	if r[0].Outcome != store.Superseded {
		t.Fatalf("outcome %s, want superseded", r[0].Outcome)
	}
	page, err := s.Events(ctx, store.EventFilter{Limit: 100, Mentions: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Events {
		if e.ID == eb.ID && e.Happening != eb.ID {
			t.Errorf("after a was superseded, b's report is in happening %s, want its own", e.Happening)
		}
	}
	e2 := call(r[0].ID, "-a", "2024-03-05", "day")
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: r[0].ID, Events: []event.Event{e2}}}); err != nil {
		t.Fatal(err)
	}
	page, err = s.Events(ctx, store.EventFilter{Limit: 100, Mentions: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range page.Events {
		got[e.ID] = e.Happening
	}
	wantHap := map[string]string{e2.ID: e2.ID, eb.ID: e2.ID, ec.ID: ec.ID}
	if diff := cmp.Diff(wantHap, got); diff != "" {
		t.Errorf("after the new version was coded (-want +got):\n%s", diff)
	}
}

// countAll checks the counted events of every query path: happenings by
// default, every event with Mentions.
func countAll(t *testing.T, s store.Store, when string, happenings, mentions int) {
	t.Helper()
	for _, f := range []store.EventFilter{{}, {Mentions: true}} {
		want := happenings
		if f.Mentions {
			want = mentions
		}
		days, err := s.EventCounts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range days {
			n += d.Events
		}
		dy, err := s.Dyads(ctx, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		nd := 0
		for _, d := range dy {
			nd += d.Events
		}
		f.Limit = 100
		page, err := s.EventList(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if n != want || nd != want || len(page.Events) != want {
			t.Errorf("%s, mentions %v: %d by day, %d by dyad, %d listed; want %d", when, f.Mentions, n, nd, len(page.Events), want)
		}
	}
}
