package storetest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// The events of a document version superseded by a newer one at the same
// URL are left out of Events, EventList and the aggregates: a corrected
// article counts once. Naming the old version with DocID still lists them.
func testSupersededNotCounted(t *testing.T, s store.Store) {
	v1 := article(1)
	v2 := v1
	v2.Text = v1.Text + " Corrected: the ministers met on a Wednesday."
	id1 := mustPut(t, s, v1)[0].ID
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: id1, Events: []event.Event{
		sampleEvent(id1, 1, "112", "RUSGOV", "UKRGOV", "2024-01-02", event.Asserted),
		sampleEvent(id1, 2, "112", "RUSGOV", "UKRGOV", "2024-01-03", event.Asserted),
	}}}); err != nil {
		t.Fatal(err)
	}
	checkCounted(t, s, "before the correction", 2)
	r2 := mustPut(t, s, v2)[0]
	if r2.Outcome != store.Superseded {
		t.Fatalf("v2 outcome = %s, want superseded", r2.Outcome)
	}
	checkCounted(t, s, "correction without an analysis", 0)
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: r2.ID, Events: []event.Event{
		sampleEvent(r2.ID, 1, "112", "RUSGOV", "UKRGOV", "2024-01-03", event.Asserted),
	}}}); err != nil {
		t.Fatal(err)
	}
	checkCounted(t, s, "corrected", 1)
	// Re-coding the old version does not bring its events back.
	if err := s.PutAnalyses(ctx, []store.Analysis{{DocID: id1, Events: []event.Event{
		sampleEvent(id1, 1, "112", "RUSGOV", "UKRGOV", "2024-01-02", event.Asserted),
	}}}); err != nil {
		t.Fatal(err)
	}
	checkCounted(t, s, "old version re-coded", 1)
	// The old version's own events are still there when asked for by name.
	p, err := s.Events(ctx, store.EventFilter{DocID: id1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 1 || p.Events[0].DocID != id1 {
		t.Errorf("events of the superseded version by DocID = %+v, want its one event", p.Events)
	}
}

// checkCounted checks that every query sees want RUSGOV->UKRGOV events.
func checkCounted(t *testing.T, s store.Store, when string, want int) {
	t.Helper()
	f := store.EventFilter{Source: "RUS", Target: "UKR"}
	for name, list := range map[string]func(store.EventFilter) (store.EventPage, error){
		"Events": func(f store.EventFilter) (store.EventPage, error) { return s.Events(ctx, f) },
		"EventList": func(f store.EventFilter) (store.EventPage, error) {
			return s.EventList(ctx, f)
		},
	} {
		p, err := list(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Events) != want {
			t.Errorf("%s: %s lists %d events, want %d", when, name, len(p.Events), want)
		}
	}
	counts, err := s.EventCounts(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range counts {
		n += c.Events
	}
	if n != want {
		t.Errorf("%s: EventCounts sums to %d, want %d", when, n, want)
	}
	dyads, err := s.Dyads(ctx, store.EventFilter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	n = 0
	for _, d := range dyads {
		n += d.Events
	}
	if n != want {
		t.Errorf("%s: Dyads sums to %d, want %d", when, n, want)
	}
	names, err := s.ActorNames(ctx, "UKR", store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n = 0
	for _, a := range names {
		n += a.AsTarget
	}
	if n != want {
		t.Errorf("%s: ActorNames counts UKR as target %d times, want %d", when, n, want)
	}
}

// The aggregates equal a direct count of the listed events through a
// random sequence of new documents, replaced analyses and corrections.
func testAggregatesExact(t *testing.T, s store.Store) {
	rng := rand.New(rand.NewPCG(3, 5))
	codes := []string{"RUS", "RUSGOV", "UKR", "USA", ""}
	statuses := []event.Status{event.Asserted, event.Reported, event.Negated, event.Future}
	golds := []float64{-10, -7.2, -4.4, -2, 0, 1, 3.4, 7}
	var ids []string
	analysis := func(id string, n int) store.Analysis {
		a := store.Analysis{DocID: id}
		for i := range n {
			st := event.Asserted // mostly, so that summary rows gather several events
			if rng.IntN(3) == 0 {
				st = statuses[rng.IntN(len(statuses))]
			}
			e := sampleEvent(id, i, "190", "XXX", "YYY", fmt.Sprintf("2024-0%d-1%d", 1+rng.IntN(2), rng.IntN(2)), st)
			e.Source.Code, e.Target.Code = codes[rng.IntN(len(codes))], codes[rng.IntN(len(codes))]
			e.Quad, e.Goldstein = 1+rng.IntN(4), golds[rng.IntN(len(golds))]
			switch rng.IntN(15) {
			case 0:
				e.Date = ""
			case 1:
				e.Date = "2024-02-30" // no calendar day: no week or month
			}
			a.Events = append(a.Events, e)
		}
		return a
	}
	filters := []store.EventFilter{
		{},
		{Statuses: statuses},
		{Source: "RUS"},
		{Source: "RUS", Target: "UKR"},
		{Actor: "UKR", Quad: 3},
		{Actor: "USA", From: "2024-02-01", To: "2024-02-11"},
		{Target: "USA", Statuses: []event.Status{event.Negated}},
		{Source: "UKR", From: "2024-01-01", To: "2024-01-31"}, // whole months
		{Actor: "RUS", From: "2024-01-08", To: "2024-01-21"},  // whole weeks
	}
	for step := range 12 {
		var as []store.Analysis
		switch {
		case step < 4 || rng.IntN(3) == 0: // a new document
			d := article(100 + step)
			d.URL = fmt.Sprintf("https://exact.example/%d", rng.IntN(4)) // some are corrections
			r := mustPut(t, s, d)[0]
			ids = append(ids, r.ID)
			as = append(as, analysis(r.ID, 20+rng.IntN(40)))
		default: // a replaced analysis
			as = append(as, analysis(ids[rng.IntN(len(ids))], rng.IntN(40)))
		}
		if err := s.PutAnalyses(ctx, as); err != nil {
			t.Fatal(err)
		}
		for _, f := range filters {
			compareWithList(t, s, step, f) // happenings
			f.Mentions = true
			compareWithList(t, s, step, f)
		}
	}
}

// key groups listed events: (date, "", quad) per day, (source, target, 0)
// per pair.
type key struct {
	a, b string
	q    int
}

// compareWithList checks EventCounts and Dyads of f against the events
// that Events lists for f.
func compareWithList(t *testing.T, s store.Store, step int, f store.EventFilter) {
	t.Helper()
	days, pairs := map[key]store.DayCount{}, map[key]store.DyadCount{}
	g := f
	g.Limit = store.MaxLimit
	for {
		p, err := s.Events(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			if e.Date != "" {
				k := key{e.Date, "", e.Quad}
				c := days[k]
				c.Date, c.Quad, c.Events, c.Goldstein = e.Date, e.Quad, c.Events+1, c.Goldstein+e.Goldstein
				days[k] = c
			}
			if e.Source.Code != "" && e.Target.Code != "" {
				k := key{e.Source.Code, e.Target.Code, 0}
				c := pairs[k]
				c.Source, c.Target, c.Events, c.Goldstein = e.Source.Code, e.Target.Code, c.Events+1, c.Goldstein+e.Goldstein
				if e.Quad <= 2 {
					c.Cooperation++
				} else {
					c.Conflict++
				}
				pairs[k] = c
			}
		}
		if p.Next == "" {
			break
		}
		g.Cursor = p.Next
	}
	counts, err := s.EventCounts(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != len(days) {
		t.Errorf("step %d, filter %+v: EventCounts has %d rows, the listed events make %d", step, f, len(counts), len(days))
	}
	for i, c := range counts {
		w := days[key{c.Date, "", c.Quad}]
		if c.Events != w.Events || math.Abs(c.Goldstein-w.Goldstein) > 1e-6 {
			t.Errorf("step %d, filter %+v: EventCounts %+v, the listed events make %+v", step, f, c, w)
		}
		if i > 0 && (counts[i-1].Date > c.Date || counts[i-1].Date == c.Date && counts[i-1].Quad >= c.Quad) {
			t.Errorf("step %d, filter %+v: EventCounts not in (date, quad) order at %d", step, f, i)
		}
	}
	dyads, err := s.Dyads(ctx, f, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(dyads) != len(pairs) {
		t.Errorf("step %d, filter %+v: Dyads has %d pairs, the listed events make %d", step, f, len(dyads), len(pairs))
	}
	for _, d := range dyads {
		w := pairs[key{d.Source, d.Target, 0}]
		if d.Events != w.Events || d.Cooperation != w.Cooperation || d.Conflict != w.Conflict || math.Abs(d.Goldstein-w.Goldstein) > 1e-6 {
			t.Errorf("step %d, filter %+v: Dyads %+v, the listed events make %+v", step, f, d, w)
		}
	}
	if pc, ok := s.(store.PeriodCounter); ok {
		for _, period := range []string{"week", "month"} {
			comparePeriods(t, pc, step, f, period, days)
		}
	}
	if !sort.SliceIsSorted(dyads, func(i, j int) bool { return dyads[i].Events > dyads[j].Events }) {
		t.Errorf("step %d, filter %+v: Dyads not most events first", step, f)
	}
}

// comparePeriods checks PeriodCounts of f against the day counts of the
// listed events (keyed by date, "", quad) grouped by period.
func comparePeriods(t *testing.T, pc store.PeriodCounter, step int, f store.EventFilter, period string, days map[key]store.DayCount) {
	t.Helper()
	got, ok, err := pc.PeriodCounts(ctx, f, period)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return // the caller sums days instead, which the checks above cover
	}
	type pk struct {
		start string
		q     int
	}
	want := map[pk]store.DayCount{}
	for _, d := range days {
		day, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			continue
		}
		if period == "week" {
			day = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		} else {
			day = day.AddDate(0, 0, 1-day.Day())
		}
		k := pk{day.Format(time.DateOnly), d.Quad}
		w := want[k]
		w.Date, w.Quad, w.Events, w.Goldstein = k.start, k.q, w.Events+d.Events, w.Goldstein+d.Goldstein
		want[k] = w
	}
	if len(got) != len(want) {
		t.Errorf("step %d, filter %+v: PeriodCounts(%s) has %d rows, the listed events make %d", step, f, period, len(got), len(want))
	}
	for _, c := range got {
		w := want[pk{c.Date, c.Quad}]
		if c.Events != w.Events || math.Abs(c.Goldstein-w.Goldstein) > 1e-6 {
			t.Errorf("step %d, filter %+v: PeriodCounts(%s) %+v, the listed events make %+v", step, f, period, c, w)
		}
	}
}
