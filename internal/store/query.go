package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Queries are the aggregate questions the API and the UI ask. Every
// backend answers them with plain SQL; the shaping (periods, networks,
// profiles) is done once in internal/query.
type Queries interface {
	// EventCounts counts the events matching f per day and quad class,
	// with the sum of their Goldstein values, ordered by day then quad.
	// f.Cursor and f.Limit are ignored. Events without a date are left out.
	EventCounts(ctx context.Context, f EventFilter) ([]DayCount, error)
	// Dyads counts the events matching f per directed (source, target)
	// pair, most events first (then by source and target), at most limit
	// pairs (0 means MaxLimit). Events with an empty source or target code
	// make no pair and are not counted. f.Cursor and f.Limit are ignored.
	Dyads(ctx context.Context, f EventFilter, limit int) ([]DyadCount, error)
	// EventList returns the same pages as Events (same events, order and
	// cursors, which the two accept from each other), by a plan suited to
	// large stores; the API and the UI list events with it.
	EventList(ctx context.Context, f EventFilter) (EventPage, error)
	// ActorNames lists the codes and names under which events matching f
	// name an actor whose code starts with code, as source or target, with
	// how often and over which days, most events first.
	ActorNames(ctx context.Context, code string, f EventFilter) ([]ActorName, error)
	// Places counts the events matching f by where they happened: first
	// one row per location country (City empty), most events first then
	// by country, with Country "" for the events without a place; then
	// one row per city (events whose GeoPrecision is "city" and that have
	// coordinates) by name, country and coordinates, most events first
	// then by country and name, at most MaxLimit cities. A country's row
	// counts its cities' events too; a city's are the events that f with
	// its Country and City set lists, unless the country has two cities of
	// that name. f.Cursor and f.Limit are ignored.
	Places(ctx context.Context, f EventFilter) ([]PlaceCount, error)
	// DocumentCounts counts the documents matching f per day of
	// publication (UTC), ordered by day: the current versions only unless
	// f.AllVersions, under f.Outlet, f.Lang, f.From and f.To; f.URL,
	// f.Query, f.Limit and f.After are ignored. Documents without a
	// publication date are left out. Charts divide by it to show events
	// per document published.
	DocumentCounts(ctx context.Context, f DocFilter) ([]DocCount, error)
}

// DocCount is the number of documents published on one day.
type DocCount struct {
	Date      string `json:"date"` // YYYY-MM-DD
	Documents int    `json:"documents"`
}

// PlaceCount is the number of events in one country or city.
type PlaceCount struct {
	Country string   `json:"country"`        // ISO alpha-3; "" for events without a place
	City    string   `json:"city,omitempty"` // the place's name; "" in a country's row
	Lat     *float64 `json:"lat,omitempty"`  // a city's coordinates
	Lon     *float64 `json:"lon,omitempty"`
	Events  int      `json:"events"`
}

// PlaceRows turns rows of (country, city, lat, lon, events), where city
// is "" for events not placed in a city, into Places' answer: the
// countries' sums, then the cities, each in Places' order, at most
// MaxLimit cities. Backends share it.
func PlaceRows(rows []PlaceCount) []PlaceCount {
	sums := map[string]int{}
	var cities []PlaceCount
	for _, r := range rows {
		sums[r.Country] += r.Events
		if r.City != "" {
			cities = append(cities, r)
		}
	}
	out := make([]PlaceCount, 0, len(sums)+len(cities))
	for c, n := range sums {
		out = append(out, PlaceCount{Country: c, Events: n})
	}
	byCount := func(a, b PlaceCount) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		if c := strings.Compare(a.Country, b.Country); c != 0 {
			return c
		}
		if c := strings.Compare(a.City, b.City); c != 0 {
			return c
		}
		if c := cmpCoord(a.Lat, b.Lat); c != 0 {
			return c
		}
		return cmpCoord(a.Lon, b.Lon)
	}
	slices.SortFunc(out, byCount)
	slices.SortStableFunc(cities, byCount)
	return append(out, cities[:min(len(cities), MaxLimit)]...)
}

// DayCount is the number of events of one quad class on one day.
type DayCount struct {
	Date      string  `json:"date"` // YYYY-MM-DD
	Quad      int     `json:"quad"` // 1..4, 0 when unknown
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein_sum"`
}

// DyadCount sums the events from one actor code to another.
type DyadCount struct {
	Source      string  `json:"source"` // codes
	Target      string  `json:"target"`
	SourceName  string  `json:"source_name,omitempty"` // a name the events give each code
	TargetName  string  `json:"target_name,omitempty"`
	Events      int     `json:"events"`
	Cooperation int     `json:"cooperation"` // quad classes 1 and 2
	Conflict    int     `json:"conflict"`    // quad classes 3 and 4
	Goldstein   float64 `json:"goldstein_sum"`
}

// ActorName is one code and name under which events name an actor.
type ActorName struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Country  string `json:"country,omitempty"`
	Sector   string `json:"sector,omitempty"`
	AsSource int    `json:"as_source"` // events with the actor as source
	AsTarget int    `json:"as_target"` // events with the actor as target
	First    string `json:"first"`     // YYYY-MM-DD of the first such event
	Last     string `json:"last"`      // and of the last
}

// cmpCoord orders coordinates, missing ones first.
func cmpCoord(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Compare(*a, *b)
}
