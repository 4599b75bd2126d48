package storetest

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// testSmallerSummaries checks the aggregates of the filters that the
// smaller summaries answer (store.TotalsSummarized, ActorSummarized,
// CodeSummarized, DyadTotalsSummarized) against the listed events, and
// of their neighbours that they must not answer, after every write:
// actor codes that share keys (RUS, RUSGOV, RUSGOVMIL, RUSMIL) on one
// side or both, codes cut short of a part (RUSG, RU), CAMEO codes under a
// root, equal to it or without one, new documents, replaced analyses,
// new versions at a URL and analyses of superseded versions.
func testSmallerSummaries(t *testing.T, s store.Store) {
	rng := rand.New(rand.NewPCG(11, 13))
	actors := []string{"RUS", "RUSGOV", "RUSGOVMIL", "RUSMIL", "UKR", "UKRGOV", "RUSG", "RU", ""}
	cameo := [][2]string{{"190", "19"}, {"193", "19"}, {"19", "19"}, {"0411", "04"}, {"041", "04"}, {"112", ""}}
	statuses := []event.Status{event.Asserted, event.Reported, event.Negated, event.Future}
	golds := []float64{-10, -4.4, -2, 0, 3.4, 7}
	analysis := func(id string, n int) store.Analysis {
		a := store.Analysis{DocID: id}
		for i := range n {
			st := event.Asserted
			if rng.IntN(3) == 0 {
				st = statuses[rng.IntN(len(statuses))]
			}
			c := cameo[rng.IntN(len(cameo))]
			e := sampleEvent(id, i, "190", "XXX", "YYY", fmt.Sprintf("2024-0%d-%02d", 1+rng.IntN(2), 1+rng.IntN(28)), st)
			e.Code, e.Root = c[0], c[1]
			e.Source.Code, e.Target.Code = actors[rng.IntN(len(actors))], actors[rng.IntN(len(actors))]
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
	all := []event.Status{event.Asserted, event.Reported, event.Negated, event.Future}
	filters := []store.EventFilter{
		{},
		{Quad: 1},
		{Statuses: all},
		{From: "2024-01-03", To: "2024-02-20"}, // days within weeks and months
		{From: "2024-01-01", To: "2024-01-31"},
		{Actor: "RUS"},
		{Actor: "RUSGOV"},
		{Actor: "RUSGOVMIL", Statuses: all},
		{Actor: "UKR", Quad: 3},
		{Actor: "RUS", From: "2024-01-08", To: "2024-01-21"},
		{Actor: "RUS", From: "2024-01-10", To: "2024-02-03"},
		{Actor: "RU"},   // not a key: a prefix of RUS
		{Actor: "RUSG"}, // not a key: RUSG and RUSGOV...
		{Actor: "RUSGO"},
		{Code: "193"},
		{Root: "19"},
		{Code: "19"},
		{Code: "193", Root: "19"},
		{Code: "193", Root: "04"}, // a code under another root: nothing
		{Root: "04", Quad: 3, From: "2024-01-15", To: "2024-02-10"},
		{Code: "112"},
		{Code: "041", Statuses: all},
		{Code: "190", Actor: "RUS"}, // neither summary alone
	}
	writeSteps(t, s, rng, "smaller.example", 200, analysis, func(step int) {
		for _, f := range filters {
			compareWithList(t, s, step, f)
			f.Mentions = true
			compareWithList(t, s, step, f)
		}
	})
}

// writeSteps makes ten writes to s and calls check after each: a new
// document (the first three, then one in three; article(first + step) at
// one of three URLs of host, so that new versions supersede old ones)
// with an analysis, or a replaced analysis of any version stored so far,
// current or superseded.
func writeSteps(t *testing.T, s store.Store, rng *rand.Rand, host string, first int, analysis func(id string, n int) store.Analysis, check func(step int)) {
	t.Helper()
	var ids []string
	for step := range 10 {
		var as []store.Analysis
		switch r := rng.IntN(3); {
		case step < 3 || r == 0: // a new document, some at a URL already used
			d := article(first + step)
			d.URL = fmt.Sprintf("https://%s/%d", host, rng.IntN(3))
			id := mustPut(t, s, d)[0].ID
			ids = append(ids, id)
			as = append(as, analysis(id, 20+rng.IntN(30)))
		default: // a replaced analysis, of the current or a superseded version
			as = append(as, analysis(ids[rng.IntN(len(ids))], rng.IntN(40)))
		}
		if err := s.PutAnalyses(ctx, as); err != nil {
			t.Fatal(err)
		}
		check(step)
	}
}
