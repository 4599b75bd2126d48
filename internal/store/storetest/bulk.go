package storetest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// LinkedItems returns n synthetic documents from seed, numbered from
// first, for comparing a backend's bulk load with its Put: most with an
// analysis whose events link with those of nearby documents (same act,
// sides and days) and name places, some pending, some skipped, some with
// annotations and diagnostics, and every tenth a repeat of the text of
// the one before (Unchanged).
func LinkedItems(seed uint64, first, n int) []store.Item {
	actors := []string{"USAGOV", "TURGOV", "RUS", "RUSMIL", "UKRGOV", "CHN", "IRNGOV", "ISRMIL"}
	words := []string{"talks", "ceasefire", "sanctions", "visit", "border", "shelling", "grain", "summit"}
	var items []store.Item
	for d := first; d < first+n; d++ {
		r := rand.New(rand.NewPCG(seed, uint64(d)))
		k := d
		if d%10 == 9 {
			k = d - 1 // the same text as the document before
		}
		text := fmt.Sprintf("Report %d on the %s and the %s.", k, words[k%len(words)], words[(k/3)%len(words)])
		id := doc.ContentID(text)
		it := store.Item{Doc: doc.Document{Text: text, Title: fmt.Sprintf("Report %d", k), Outlet: fmt.Sprintf("Outlet %d", k%4),
			Lang: "en", URL: fmt.Sprintf("https://bulk.example/%d", k),
			Published: time.Date(2024, 3, 1+k%20, 8, 0, 0, 0, time.UTC)}}
		if r.IntN(5) == 0 {
			it.Diagnostics = []doc.Diagnostic{{Stage: "extract", Severity: doc.Warning, Message: "short"}}
		}
		if r.IntN(8) == 0 {
			items = append(items, it) // pending
			continue
		}
		a := &store.Analysis{DocID: id}
		if r.IntN(12) == 0 {
			a.Skipped = "language: fr"
		} else {
			a.Annotations = []doc.Annotation{{Kind: "entity", Span: doc.Span{Start: 0, End: 6}, Label: "ORG"}}
			for i := range 1 + r.IntN(5) {
				src := actors[r.IntN(len(actors))]
				tgt := actors[r.IntN(len(actors))]
				day := time.Date(2024, 3, 1+r.IntN(25), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				e := event.Event{ID: fmt.Sprintf("%s-%d", id[:12], i), DocID: id, Code: []string{"041", "042", "190", "112"}[r.IntN(4)],
					Status: []event.Status{event.Asserted, event.Reported, event.Reported, event.Negated}[r.IntN(4)],
					Source: event.Actor{Code: src, Country: src[:3], Sector: src[3:]},
					Target: event.Actor{Code: tgt, Country: tgt[:3], Sector: tgt[3:]},
					Date:   day, DateValue: day, Precision: []string{"day", "day", "publication", "month"}[r.IntN(4)],
					Goldstein: []float64{-2.5, 1, 3.4, -10}[r.IntN(4)], Quad: 1 + r.IntN(4), Confidence: 0.75}
				e.Root = e.Code[:2]
				if r.IntN(2) == 0 {
					lat, lon := 39.9+float64(r.IntN(3)), 32.8
					e.LocationCountry, e.Location, e.GeoPrecision, e.Lat, e.Lon = tgt[:3], "City "+tgt[:3], "city", &lat, &lon
				} else if r.IntN(2) == 0 {
					e.LocationCountry, e.Location, e.GeoPrecision = src[:3], src[:3], "country"
				}
				a.Events = append(a.Events, e)
			}
			if r.IntN(6) == 0 {
				a.Diagnostics = []doc.Diagnostic{{Stage: "coder", Severity: doc.Info, Message: "no verb"}}
			}
		}
		it.Analysis = a
		items = append(items, it)
	}
	return items
}

// SameAnswers fails t unless stores a and b, which should hold the same
// items (one written with Put, the other with a bulk load), answer the
// same through the store interface: statistics, every event page by page
// in both counting modes (with its happening), day and period counts,
// dyads and places under a few filters, happening counts and full-text
// search. It returns how many listed events report another's happening,
// so that a caller can check the items linked at all.
func SameAnswers(t *testing.T, a, b store.Store) (mentions int) {
	t.Helper()
	same := func(what string, f func(s store.Store) (any, error)) {
		t.Helper()
		x, err := f(a)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		y, err := f(b)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s differs:\n put: %s\nbulk: %s", what, clip(x), clip(y))
		}
	}
	all := func(s store.Store, f store.EventFilter) ([]event.Event, error) {
		var out []event.Event
		f.Limit = 100
		for {
			p, err := s.Events(ctx, f)
			if err != nil {
				return nil, err
			}
			out = append(out, p.Events...)
			if p.Next == "" {
				return out, nil
			}
			f.Cursor = p.Next
		}
	}
	same("stats", func(s store.Store) (any, error) { return s.Stats(ctx) })
	for _, f := range []store.EventFilter{{}, {Mentions: true}, {Actor: "RUS"}, {Desc: true, ByGoldstein: true}, {Country: "TUR"}, {City: "City RUS"}} {
		same(fmt.Sprintf("events of %+v", f), func(s store.Store) (any, error) { return all(s, f) })
		same(fmt.Sprintf("event counts of %+v", f), func(s store.Store) (any, error) { return s.EventCounts(ctx, f) })
		same(fmt.Sprintf("dyads of %+v", f), func(s store.Store) (any, error) { return s.Dyads(ctx, f, 0) })
		same(fmt.Sprintf("places of %+v", f), func(s store.Store) (any, error) { return s.Places(ctx, f) })
		for _, period := range []string{"week", "month"} {
			same(fmt.Sprintf("%s counts of %+v", period, f), func(s store.Store) (any, error) {
				pc, ok := s.(store.PeriodCounter)
				if !ok {
					return nil, nil
				}
				c, done, err := pc.PeriodCounts(ctx, f, period)
				return []any{c, done}, err
			})
		}
	}
	same("happenings", func(s store.Store) (any, error) {
		es, err := all(s, store.EventFilter{Mentions: true})
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, e := range es {
			if e.Happening == e.ID {
				ids = append(ids, e.ID)
			} else if s == a {
				mentions++
			}
		}
		return s.HappeningCounts(ctx, ids)
	})
	for _, q := range []string{"ceasefire", "grain AND summit", "report"} {
		same("search "+q, func(s store.Store) (any, error) {
			return s.Documents(ctx, store.DocFilter{Query: q, Limit: store.MaxLimit, AllVersions: true})
		})
	}
	return mentions
}

// clip prints v, cut to 600 bytes.
func clip(v any) string {
	s := fmt.Sprintf("%+v", v)
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}
