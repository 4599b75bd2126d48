package store

import "context"

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
	// pairs (0 means MaxLimit). f.Cursor and f.Limit are ignored.
	Dyads(ctx context.Context, f EventFilter, limit int) ([]DyadCount, error)
	// ActorNames lists the codes and names under which events matching f
	// name an actor whose code starts with code, as source or target, with
	// how often and over which days, most events first.
	ActorNames(ctx context.Context, code string, f EventFilter) ([]ActorName, error)
}

// DayCount is the number of events of one quad class on one day.
type DayCount struct {
	Date      string  // YYYY-MM-DD
	Quad      int     // 1..4, 0 when unknown
	Events    int     //
	Goldstein float64 // sum over the events
}

// DyadCount sums the events from one actor code to another.
type DyadCount struct {
	Source, Target         string  // codes
	SourceName, TargetName string  // a name the events give each code
	Events                 int     //
	Cooperation            int     // quad classes 1 and 2
	Conflict               int     // quad classes 3 and 4
	Goldstein              float64 // sum over the events
}

// ActorName is one code and name under which events name an actor.
type ActorName struct {
	Code, Name      string
	Country, Sector string
	AsSource        int    // events with the actor as source
	AsTarget        int    // events with the actor as target
	First, Last     string // YYYY-MM-DD of the first and last such event
}
