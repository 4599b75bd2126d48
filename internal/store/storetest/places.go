package storetest

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// testPlaceSummaries checks Places and the counts per day and period of
// the filters that the per-place summary answers (store.PlacesSummarized:
// a country, a city, both, with quad class, statuses and dates) against
// the listed events, and of their neighbours that it must not answer (a
// place with an actor or a code), after every write: events placed
// nowhere, in a country or an admin1 only (some with coordinates), in a
// city with or without coordinates, in a city without a country, in two
// cities of one name in two countries or at two points; new documents,
// replaced analyses, new versions at a URL and analyses of superseded
// versions.
func testPlaceSummaries(t *testing.T, s store.Store) {
	rng := rand.New(rand.NewPCG(17, 19))
	statuses := []event.Status{event.Asserted, event.Reported, event.Negated, event.Future}
	f64 := func(v float64) *float64 { return &v }
	places := []func(e *event.Event){
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.Admin1, e.GeoPrecision, e.Lat, e.Lon = "", "", "", "", nil, nil
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.Admin1, e.GeoPrecision, e.Lat, e.Lon = "Ukraine", "UKR", "", "country", nil, nil
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.Admin1, e.GeoPrecision, e.Lat, e.Lon = "Kyiv Oblast", "UKR", "Kyiv Oblast", "admin1", f64(50.1), f64(30.6)
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = "Kyiv", "UKR", "city", f64(50.45), f64(30.52)
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = "Kyiv", "UKR", "city", nil, nil // no coordinates
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = "Kyiv", "", "city", f64(50.45), f64(30.52) // no country
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = "Paris", "FRA", "city", f64(48.86), f64(2.35)
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = "Paris", "USA", "city", f64(33.66), f64(-95.56)
		},
		func(e *event.Event) {
			e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon = "Paris", "FRA", "city", f64(48.85), f64(2.35) // another point
		},
		func(e *event.Event) {}, // sampleEvent's Geneva, CHE
	}
	analysis := func(id string, n int) store.Analysis {
		a := store.Analysis{DocID: id}
		for i := range n {
			st := event.Asserted
			if rng.IntN(3) == 0 {
				st = statuses[rng.IntN(len(statuses))]
			}
			e := sampleEvent(id, i, "190", "RUSGOV", "UKRGOV", fmt.Sprintf("2024-0%d-%02d", 1+rng.IntN(2), 1+rng.IntN(28)), st)
			e.Quad, e.Goldstein = 1+rng.IntN(4), float64(rng.IntN(21)-10)/2
			if rng.IntN(15) == 0 {
				e.Date = ""
			}
			places[rng.IntN(len(places))](&e)
			a.Events = append(a.Events, e)
		}
		return a
	}
	all := []event.Status{event.Asserted, event.Reported, event.Negated, event.Future}
	filters := []store.EventFilter{
		{},
		{Quad: 2},
		{Statuses: all},
		{From: "2024-01-08", To: "2024-02-04"},
		{Country: "UKR"},
		{Country: "FRA", Statuses: all},
		{Country: "CHE", From: "2024-01-01", To: "2024-01-31"},
		{City: "Kyiv"}, // in UKR and in no country, with and without coordinates
		{City: "Paris", Quad: 3},
		{City: "Paris", Country: "USA"},
		{City: "Kyiv Oblast"}, // an admin1, not a city
		{Country: "UKR", City: "Kyiv", From: "2024-01-03", To: "2024-02-20", Statuses: all},
		{Country: "XXX"},
		{Country: "UKR", Actor: "RUS"}, // not the places' summary
		{City: "Paris", Code: "190"},
	}
	writeSteps(t, s, rng, "places.example", 300, analysis, func(step int) {
		for _, f := range filters {
			compareWithList(t, s, step, f)
			comparePlaces(t, s, step, f)
			f.Mentions = true
			compareWithList(t, s, step, f)
			comparePlaces(t, s, step, f)
		}
	})
}

// comparePlaces checks Places of f against the listed events grouped as
// its contract says: a city's row for the events placed in a city with
// coordinates, every event in its country's row (Country "" without one).
func comparePlaces(t *testing.T, s store.Store, step int, f store.EventFilter) {
	t.Helper()
	type key struct {
		country, city string
		lat, lon      float64
	}
	counts := map[key]int{}
	g := f
	g.Limit = store.MaxLimit
	for {
		p, err := s.Events(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			k := key{country: e.LocationCountry}
			if e.GeoPrecision == "city" && e.Lat != nil && e.Lon != nil {
				k.city, k.lat, k.lon = e.Location, *e.Lat, *e.Lon
			}
			counts[k]++
		}
		if p.Next == "" {
			break
		}
		g.Cursor = p.Next
	}
	var rows []store.PlaceCount
	for k, n := range counts {
		r := store.PlaceCount{Country: k.country, City: k.city, Events: n}
		if k.city != "" {
			r.Lat, r.Lon = &k.lat, &k.lon
		}
		rows = append(rows, r)
	}
	want := store.PlaceRows(rows)
	got, err := s.Places(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("step %d, filter %+v: Places (-listed events +got):\n%s", step, f, diff)
	}
}
