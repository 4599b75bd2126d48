package storetest

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// testConcurrentWriters has several writers at once store documents with
// analyses, code earlier ones again and publish new versions at URLs the
// others use, all over the same few actors and days, so that their events
// meet in the same summary rows and link into the same happenings. Every
// write succeeds, and afterwards the aggregates (EventCounts, Dyads and,
// when the store has it, PeriodCounts) equal a count of the listed events,
// counting happenings and mentions.
func testConcurrentWriters(t *testing.T, s store.Store) {
	const writers, rounds, perRound = 4, 6, 3
	statuses := []event.Status{event.Asserted, event.Asserted, event.Reported, event.Negated}
	golds := []float64{-10, -4.4, -2, 0, 1, 3.4, 7}
	analysis := func(rng *rand.Rand, id string) store.Analysis {
		a := store.Analysis{DocID: id}
		for i := range 3 + rng.IntN(8) {
			e := sampleEvent(id, i, "041", "USAGOV", "TURGOV", fmt.Sprintf("2024-03-%02d", 1+rng.IntN(10)), statuses[rng.IntN(len(statuses))])
			if rng.IntN(4) == 0 {
				e.Source, e.Target = e.Target, e.Source
			}
			e.Quad, e.Goldstein = 1+rng.IntN(4), golds[rng.IntN(len(golds))]
			e.Why = nil
			a.Events = append(a.Events, e)
		}
		return a
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers*rounds)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 11))
			var mine []string
			for r := range rounds {
				var items []store.Item
				for i := range perRound {
					d := article(2000 + (w*rounds+r)*perRound + i)
					d.URL = fmt.Sprintf("https://concurrent.example/%d", rng.IntN(5)) // shared: new versions
					items = append(items, store.Item{Doc: d})
				}
				res, err := s.Put(ctx, items)
				if err != nil {
					errs <- fmt.Errorf("writer %d round %d: Put: %w", w, r, err)
					return
				}
				var as []store.Analysis
				for _, pr := range res {
					mine = append(mine, pr.ID)
					as = append(as, analysis(rng, pr.ID))
				}
				if r > 0 { // code again one of the writer's earlier documents, maybe superseded by now
					as = append(as, analysis(rng, mine[rng.IntN(len(mine)-len(res))]))
				}
				if err := s.PutAnalyses(ctx, as); err != nil {
					errs <- fmt.Errorf("writer %d round %d: PutAnalyses: %w", w, r, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all := []event.Status{event.Asserted, event.Reported, event.Negated}
	for _, f := range []store.EventFilter{
		{},
		{Statuses: all},
		{Actor: "USAGOV"},
		{Source: "TUR", Target: "USA", Statuses: all},
		{Quad: 2},
		{From: "2024-03-04", To: "2024-03-10"}, // a whole week
		{From: "2024-03-01", To: "2024-03-31"}, // a whole month
		{Actor: "TUR", From: "2024-03-02", To: "2024-03-05"},
	} {
		compareWithList(t, s, -1, f) // happenings
		f.Mentions = true
		compareWithList(t, s, -1, f)
	}
	if t.Failed() {
		return
	}
	counts, err := s.EventCounts(ctx, store.EventFilter{Mentions: true, Statuses: all})
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) == 0 {
		t.Error("the writers stored no counted events")
	}
}
