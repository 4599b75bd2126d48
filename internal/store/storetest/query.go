package storetest

import (
	stdcmp "cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/google/go-cmp/cmp"
)

// RunQueries runs the conformance tests of store.Queries against stores
// made by open.
func RunQueries(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"EventCounts", testEventCounts},
		{"Dyads", testDyads},
		{"ActorNames", testActorNames},
		{"EmptyStore", testQueriesEmpty},
		{"EventListMatchesEvents", testEventList},
		{"EventListMatchesEventsOnMany", testEventListMany},
		{"SupersededNotCounted", testSupersededNotCounted},
		{"AggregatesEqualListedEvents", testAggregatesExact},
		{"SmallerSummaries", testSmallerSummaries},
		{"PlaceSummaries", testPlaceSummaries},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Places", testPlaces},
		{"DocumentCounts", testDocumentCounts},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, s)
		})
	}
}

func testEventCounts(t *testing.T, s store.Store) {
	eventFixture(t, s)
	got, err := s.EventCounts(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// Counted statuses only: asserted and reported.
	want := []store.DayCount{
		{Date: "2024-01-02", Quad: 3, Events: 1, Goldstein: -2.5},
		{Date: "2024-01-05", Quad: 3, Events: 1, Goldstein: -2.5},
		{Date: "2024-02-01", Quad: 1, Events: 1, Goldstein: -2.5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("EventCounts (-want +got):\n%s", diff)
	}
	got, err = s.EventCounts(ctx, store.EventFilter{Source: "RUS", Target: "UKR",
		Statuses: []event.Status{event.Asserted, event.Reported, event.Negated}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Errorf("RUS->UKR with negated: got %d days, want 3: %+v", len(got), got)
	}
	got, err = s.EventCounts(ctx, store.EventFilter{Text: "talks"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Date != "2024-02-01" {
		t.Errorf("text filter: got %+v, want one day 2024-02-01", got)
	}
	if _, err := s.EventCounts(ctx, store.EventFilter{Text: `"unclosed`}); err != nil && !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("bad text query: error %v does not wrap ErrBadQuery", err)
	}
}

func testDyads(t *testing.T, s store.Store) {
	ids := eventFixture(t, s)
	// an event with no target makes no dyad
	oneSided := sampleEvent(ids[0], 9, "010", "RUSGOV", "XXX", "2024-01-09", event.Asserted)
	oneSided.Target = event.Actor{}
	a, err := s.Analysis(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	a.Events = append(a.Events, oneSided)
	if err := s.PutAnalyses(ctx, []store.Analysis{*a}); err != nil {
		t.Fatal(err)
	}
	all := []event.Status{event.Asserted, event.Reported, event.Negated, event.Future, event.Denied, event.Hypothetical}
	got, err := s.Dyads(ctx, store.EventFilter{Statuses: all}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.DyadCount{
		{Source: "RUSMIL", Target: "UKR", SourceName: "RUSMIL name", TargetName: "UKR name", Events: 2, Conflict: 2, Goldstein: -5},
		{Source: "CHNGOV", Target: "USAGOV", SourceName: "CHNGOV name", TargetName: "USAGOV name", Events: 1, Conflict: 1, Goldstein: -2.5},
		{Source: "IRNGOV", Target: "GBR", SourceName: "IRNGOV name", TargetName: "GBR name", Events: 1, Conflict: 1, Goldstein: -2.5},
		{Source: "IRNMIL", Target: "USA", SourceName: "IRNMIL name", TargetName: "USA name", Events: 1, Conflict: 1, Goldstein: -2.5},
		{Source: "RUSGOV", Target: "UKRGOV", SourceName: "RUSGOV name", TargetName: "UKRGOV name", Events: 1, Conflict: 1, Goldstein: -2.5},
		{Source: "USAGOV", Target: "CHNGOV", SourceName: "USAGOV name", TargetName: "CHNGOV name", Events: 1, Cooperation: 1, Goldstein: -2.5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dyads (-want +got):\n%s", diff)
	}
	got, err = s.Dyads(ctx, store.EventFilter{Actor: "RUS"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Source != "RUSGOV" && got[0].Source != "RUSMIL" {
		t.Errorf("Dyads(actor RUS, limit 1) = %+v", got)
	}
}

func testActorNames(t *testing.T, s store.Store) {
	eventFixture(t, s)
	got, err := s.ActorNames(ctx, "USA", store.EventFilter{Statuses: []event.Status{event.Asserted, event.Future, event.Denied}})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.ActorName{
		{Code: "USAGOV", Name: "USAGOV name", Country: "USA", Sector: "GOV", AsSource: 1, AsTarget: 1, First: "2024-02-01", Last: "2024-02-10"},
		{Code: "USA", Name: "USA name", Country: "USA", AsTarget: 1, First: "2024-03-01", Last: "2024-03-01"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ActorNames (-want +got):\n%s", diff)
	}
	got, err = s.ActorNames(ctx, "ZZZ", store.EventFilter{})
	if err != nil || len(got) != 0 {
		t.Errorf("ActorNames(ZZZ) = %+v, %v; want none", got, err)
	}
	if _, err := s.ActorNames(ctx, "", store.EventFilter{}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("ActorNames(\"\"): error %v, want ErrBadQuery", err)
	}
}

func testQueriesEmpty(t *testing.T, s store.Store) {
	c, err := s.EventCounts(ctx, store.EventFilter{})
	if err != nil || len(c) != 0 {
		t.Errorf("EventCounts on an empty store = %v, %v", c, err)
	}
	d, err := s.Dyads(ctx, store.EventFilter{}, 10)
	if err != nil || len(d) != 0 {
		t.Errorf("Dyads on an empty store = %v, %v", d, err)
	}
}

// testEventListMany compares EventList with Events on 6,000 events, enough
// for a backend to switch to the plan it keeps for busy actors.
func testEventListMany(t *testing.T, s store.Store) {
	codes := []string{"RUSGOV", "RUSMIL", "UKRGOV", "USA", "CHN", "IRN"}
	var docs []doc.Document
	for i := range 60 {
		docs = append(docs, doc.Document{Text: fmt.Sprintf("Bulk document %d for the event list.", i)})
	}
	res := mustPut(t, s, docs...)
	var as []store.Analysis
	n := 0
	for i, r := range res {
		a := store.Analysis{DocID: r.ID}
		for k := range 100 {
			src, tgt := codes[(i+k)%2], codes[2+(i*7+k)%4] // RUS* is the source of every event
			if k%10 == 0 {
				src, tgt = codes[2+k%4], codes[(i+k)%2]
			}
			day := fmt.Sprintf("2024-%02d-%02d", 1+n%12, 1+(n*7)%28)
			e := sampleEvent(r.ID, k, []string{"010", "040", "112", "190"}[n%4], src, tgt, day, []event.Status{event.Asserted, event.Reported, event.Negated}[n%3])
			e.Quad = 1 + n%4
			e.Goldstein = float64(n%9)*1.5 - 7 // many ties, for the listing by Goldstein
			a.Events = append(a.Events, e)
			n++
		}
		as = append(as, a)
	}
	if err := s.PutAnalyses(ctx, as); err != nil {
		t.Fatal(err)
	}
	all := []event.Status{event.Asserted, event.Reported, event.Negated}
	filters := []store.EventFilter{
		{Actor: "RUS", Limit: 700}, {Actor: "RUS", Quad: 3, Limit: 300}, {Actor: "RUS", Statuses: all, Limit: 900},
		{Source: "RUS", Statuses: all, Quad: 2, Limit: 400}, {Actor: "R", Statuses: all, Limit: 1000}, {Source: "RUS", Target: "UKR", Limit: 1000},
		{Actor: "UKRGOV", Statuses: []event.Status{event.Negated}, Limit: 1000}, {Target: "IRN", Limit: 1000}, {Actor: "RUSMIL", Code: "112", Limit: 200},
	}
	// Names of a busy actor: a backend may read them from fewer rows.
	names, err := s.ActorNames(ctx, "RUS", store.EventFilter{Statuses: all, Mentions: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, a := range names {
		if a.Name != a.Code+" name" || a.Country != "RUS" || a.First == "" || a.Last < a.First {
			t.Errorf("ActorNames(RUS): %+v", a)
		}
		sum += a.AsSource + a.AsTarget
	}
	if len(names) != 2 || sum != 6000 {
		t.Errorf("ActorNames(RUS): %d codes, %d events; want 2 codes (RUSGOV, RUSMIL) and 6000 events: %+v", len(names), sum, names)
	}
	// Each code's counts and days equal those of the listed events, by
	// whichever plan the backend takes for the filter.
	for _, f := range []store.EventFilter{{Statuses: all, Mentions: true}, {}, {Quad: 3, Mentions: true}, {From: "2024-03-01", To: "2024-06-30"}} {
		want := map[string]*store.ActorName{}
		g := f
		g.Actor, g.Limit = "RUS", store.MaxLimit
		for {
			p, err := s.Events(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Events {
				for _, side := range []struct {
					code   string
					source bool
				}{{e.Source.Code, true}, {e.Target.Code, false}} {
					if !strings.HasPrefix(side.code, "RUS") {
						continue
					}
					a := want[side.code]
					if a == nil {
						a = &store.ActorName{Code: side.code, Name: side.code + " name", Country: "RUS", First: e.Date, Last: e.Date}
						want[side.code] = a
					}
					if side.source {
						a.AsSource++
					} else {
						a.AsTarget++
					}
					a.First, a.Last = min(a.First, e.Date), max(a.Last, e.Date)
				}
			}
			if p.Next == "" {
				break
			}
			g.Cursor = p.Next
		}
		got, err := s.ActorNames(ctx, "RUS", f)
		if err != nil {
			t.Fatal(err)
		}
		gotBy := map[string]store.ActorName{}
		for _, a := range got {
			a.Sector = ""
			gotBy[a.Code] = a
		}
		wantBy := map[string]store.ActorName{}
		for k, a := range want {
			wantBy[k] = *a
		}
		if diff := cmp.Diff(wantBy, gotBy); diff != "" {
			t.Errorf("ActorNames(RUS, %+v) against the listed events (-want +got):\n%s", f, diff)
		}
	}
	for _, f := range filters {
		f.Mentions = true // these events repeat few happenings; mentions page further
		a, b := f, f
		total := 0
		for page := 0; ; page++ {
			pa, err := s.Events(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			pb, err := s.EventList(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(pa, pb); diff != "" {
				t.Fatalf("filter %+v page %d: Events (-) and EventList (+) differ:\n%.3000s", f, page, diff)
			}
			total += len(pa.Events)
			if pa.Next == "" {
				break
			}
			a.Cursor, b.Cursor = pb.Next, pa.Next
		}
		if total == 0 {
			t.Errorf("filter %+v found nothing", f)
		}
		f.Limit = min(f.Limit, 250)
		bothWays(t, s, f)
	}
}

// bothWays pages through f oldest first and newest first, then most
// conflictual and most cooperative first (ByGoldstein), expects each
// second order to be the first reversed, the Goldstein order to hold
// every event of the date order once, sorted by (goldstein, date, id),
// and goes back from the last page of each by the pages' Prev cursors
// through the same pages.
func bothWays(t *testing.T, s store.Store, f store.EventFilter) {
	t.Helper()
	var byDate []string
	for _, byG := range []bool{false, true} {
		var asc []event.Event
		for _, desc := range []bool{false, true} {
			g := f
			g.Desc, g.ByGoldstein = desc, byG
			var pages []store.EventPage
			for {
				p, err := s.EventList(ctx, g)
				if err != nil {
					t.Fatalf("EventList(%+v): %v", g, err)
				}
				pages = append(pages, p)
				if p.Next == "" {
					break
				}
				if len(pages) > 10000 {
					t.Fatalf("EventList(%+v): the cursor does not advance", g)
				}
				g.Cursor = p.Next
			}
			var all []event.Event
			for _, p := range pages {
				all = append(all, p.Events...)
			}
			if !desc {
				asc = all
			} else {
				want := slices.Clone(asc)
				slices.Reverse(want)
				if diff := cmp.Diff(eventKeys(want), eventKeys(all)); diff != "" {
					t.Fatalf("filter %+v: %+v is not the other order reversed (-want +got):\n%.2000s", f, g, diff)
				}
			}
			if pages[0].Prev != "" {
				t.Errorf("filter %+v: first page has Prev %q", g, pages[0].Prev)
			}
			for i := len(pages) - 1; i > 0; i-- {
				g.Cursor = pages[i].Prev
				p, err := s.EventList(ctx, g)
				if err != nil {
					t.Fatalf("EventList(%+v): %v", g, err)
				}
				if diff := cmp.Diff(pages[i-1], p); diff != "" {
					t.Fatalf("filter %+v: going back to page %d (-forward +back):\n%.2000s", g, i-1, diff)
				}
			}
		}
		keys := eventKeys(asc)
		if !byG {
			byDate = slices.Sorted(slices.Values(keys))
			continue
		}
		if diff := cmp.Diff(byDate, slices.Sorted(slices.Values(keys))); diff != "" {
			t.Fatalf("filter %+v: by Goldstein lists other events than by date (-date +goldstein):\n%.2000s", f, diff)
		}
		if !slices.IsSortedFunc(asc, func(a, b event.Event) int {
			return cmp3(a.Goldstein, b.Goldstein, a.Date, b.Date, a.ID, b.ID)
		}) {
			t.Fatalf("filter %+v: by Goldstein not in (goldstein, date, id) order: %v", f, goldKeys(asc))
		}
	}
}

// cmp3 compares (g, date, id) keys.
func cmp3(ga, gb float64, da, db, ia, ib string) int {
	if c := stdcmp.Compare(ga, gb); c != 0 {
		return c
	}
	if c := strings.Compare(da, db); c != 0 {
		return c
	}
	return strings.Compare(ia, ib)
}

// goldKeys lists the (goldstein, date, id) of events.
func goldKeys(es []event.Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprintf("%g %s %s", e.Goldstein, e.Date, e.ID)
	}
	return out
}

// eventKeys lists the (date, id) of events.
func eventKeys(es []event.Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Date + " " + e.ID
	}
	return out
}

// testEventList pages through EventList and Events under many filters and
// expects the same events, in the same order, with the same cursors.
func testEventList(t *testing.T, s store.Store) {
	ids := eventFixture(t, s)
	all := []event.Status{event.Asserted, event.Reported, event.Negated, event.Future, event.Denied, event.Hypothetical}
	filters := []store.EventFilter{
		{}, {Statuses: all}, {Source: "RUS"}, {Source: "RUS", Target: "UKR", Statuses: all}, {Target: "USA", Statuses: all},
		{Actor: "USA", Statuses: all}, {Source: "R"}, {Source: "ZZZ"}, {Quad: 3, From: "2024-01-03"}, {To: "2024-02-01", Statuses: all},
		{Outlet: "Wire A", Statuses: all}, {Text: "talks"}, {DocID: ids[0], Statuses: all}, {Code: "190", Statuses: all},
		{Root: "04", Plover: "CONSULT"}, {Country: "CHE", Statuses: all}, {Country: "CHE", Actor: "RUS"},
	}
	for _, f := range filters {
		for _, lim := range []int{1, 2, 100} {
			f.Limit = lim
			a, b := f, f
			for page := 0; ; page++ {
				pa, err := s.Events(ctx, a)
				if err != nil {
					t.Fatalf("Events(%+v): %v", a, err)
				}
				pb, err := s.EventList(ctx, b)
				if err != nil {
					t.Fatalf("EventList(%+v): %v", b, err)
				}
				if diff := cmp.Diff(pa, pb); diff != "" {
					t.Fatalf("filter %+v page %d: Events (-) and EventList (+) differ:\n%s", f, page, diff)
				}
				if pa.Next == "" {
					break
				}
				// each accepts the other's cursors
				a.Cursor, b.Cursor = pb.Next, pa.Next
			}
			bothWays(t, s, f)
		}
	}
	if _, err := s.EventList(ctx, store.EventFilter{Cursor: "!!"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("EventList with a bad cursor: error %v, want ErrBadQuery", err)
	}
}

// testPlaces counts events by country and city under filters: cities are
// the events placed in a city with coordinates, a country counts all of
// its events, events without a place are the country "", and a
// happening reported twice counts once unless mentions are asked for.
func testPlaces(t *testing.T, s store.Store) {
	res := mustPut(t, s, article(31), article(32))
	d1, d2 := res[0].ID, res[1].ID
	f64 := func(v float64) *float64 { return &v }
	at := func(e event.Event, name, country, precision string, lat, lon *float64) event.Event {
		e.Location, e.LocationCountry, e.GeoPrecision, e.Lat, e.Lon, e.Admin1 = name, country, precision, lat, lon, ""
		return e
	}
	kyivLat, kyivLon := f64(50.45), f64(30.52)
	// distinct codes and months: no two of d1's events report one happening
	ev := func(n int, code, month string, st event.Status) event.Event {
		return sampleEvent(d1, n, code, "RUSGOV", "UKRGOV", "2024-"+month+"-10", st)
	}
	call := func(doc string) event.Event { // the same call in two documents: one happening
		return at(sampleEvent(doc, 9, "041", "USAGOV", "UKRGOV", "2024-09-10", event.Asserted), "Kyiv", "UKR", "city", kyivLat, kyivLon)
	}
	a1 := store.Analysis{DocID: d1, Events: []event.Event{
		at(ev(1, "010", "01", event.Asserted), "Kyiv", "UKR", "city", kyivLat, kyivLon),
		at(ev(2, "020", "02", event.Reported), "Kyiv", "UKR", "city", kyivLat, kyivLon),
		at(ev(3, "030", "03", event.Asserted), "Donetsk Oblast", "UKR", "admin1", f64(48), f64(37.8)),
		at(ev(4, "040", "04", event.Reported), "Ukraine", "UKR", "country", nil, nil),
		at(ev(5, "050", "05", event.Negated), "Kyiv", "UKR", "city", kyivLat, kyivLon),
		at(ev(6, "060", "06", event.Asserted), "", "", "", nil, nil),
		at(ev(7, "070", "07", event.Asserted), "Sloviansk", "UKR", "city", nil, nil), // no coordinates
		ev(8, "080", "08", event.Asserted),                                           // sampleEvent's Geneva, CHE
		call(d1),
	}}
	a2 := store.Analysis{DocID: d2, Events: []event.Event{call(d2)}}
	if err := s.PutAnalyses(ctx, []store.Analysis{a1, a2}); err != nil {
		t.Fatal(err)
	}
	geneva := sampleEvent(d1, 8, "080", "RUSGOV", "UKRGOV", "2024-08-10", event.Asserted)
	place := func(country, city string, lat, lon *float64, n int) store.PlaceCount {
		return store.PlaceCount{Country: country, City: city, Lat: lat, Lon: lon, Events: n}
	}
	tests := []struct {
		name string
		f    store.EventFilter
		want []store.PlaceCount
	}{
		{"happenings", store.EventFilter{}, []store.PlaceCount{
			place("UKR", "", nil, nil, 6), place("", "", nil, nil, 1), place("CHE", "", nil, nil, 1),
			place("UKR", "Kyiv", kyivLat, kyivLon, 3), place("CHE", "Geneva", geneva.Lat, geneva.Lon, 1)}},
		{"mentions", store.EventFilter{Mentions: true}, []store.PlaceCount{
			place("UKR", "", nil, nil, 7), place("", "", nil, nil, 1), place("CHE", "", nil, nil, 1),
			place("UKR", "Kyiv", kyivLat, kyivLon, 4), place("CHE", "Geneva", geneva.Lat, geneva.Lon, 1)}},
		{"all statuses in a country", store.EventFilter{Statuses: allStatuses, Country: "UKR"}, []store.PlaceCount{
			place("UKR", "", nil, nil, 7), place("UKR", "Kyiv", kyivLat, kyivLon, 4)}},
		{"actor and dates", store.EventFilter{Actor: "RUS", From: "2024-02-01", To: "2024-08-31"}, []store.PlaceCount{
			place("UKR", "", nil, nil, 4), place("", "", nil, nil, 1), place("CHE", "", nil, nil, 1),
			place("CHE", "Geneva", geneva.Lat, geneva.Lon, 1), place("UKR", "Kyiv", kyivLat, kyivLon, 1)}},
		{"nothing", store.EventFilter{Country: "FRA"}, []store.PlaceCount{}},
	}
	for _, tc := range tests {
		got, err := s.Places(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: Places (-want +got):\n%s", tc.name, diff)
		}
	}
	// the country filter selects the same events in lists and counts
	page, err := s.Events(ctx, store.EventFilter{Country: "UKR", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Events {
		if e.LocationCountry != "UKR" {
			t.Errorf("Country UKR lists %s in %q", e.ID, e.LocationCountry)
		}
	}
	if len(page.Events) != 6 {
		t.Errorf("Country UKR lists %d events, want 6", len(page.Events))
	}
	list, err := s.EventList(ctx, store.EventFilter{Country: "UKR", Actor: "RUS", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	days, err := s.EventCounts(ctx, store.EventFilter{Country: "UKR", Actor: "RUS"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range days {
		n += d.Events
	}
	if len(list.Events) != 5 || n != 5 {
		t.Errorf("Country UKR, actor RUS: %d listed, %d counted; want 5", len(list.Events), n)
	}
	// a city's events are those of Country and City
	page, err = s.Events(ctx, store.EventFilter{Country: "UKR", City: "Kyiv", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 3 {
		t.Errorf("Kyiv lists %d happenings, want 3", len(page.Events))
	}
	got, err := s.Places(ctx, store.EventFilter{Country: "UKR", City: "Donetsk Oblast"}) // a division, not a city
	if err != nil || len(got) != 0 {
		t.Errorf("Places in the city Donetsk Oblast = %+v, %v; want none", got, err)
	}
}
