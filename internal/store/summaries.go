package store

import (
	"slices"
	"strings"
	"time"
)

// Backends keep summaries of the live events: per (source code, target
// code, day, quad class, status) and per week (starting on Monday) or
// month, the number of events, of anchoring events of happenings, and of
// their Goldstein sums. This file holds the rule, shared by the backends,
// of which filters those summaries answer.

// Summarized reports whether the summaries answer f: it filters only on
// what their keys hold (actor, source and target codes, quad class,
// statuses, dates) and counts either happenings or mentions, and not on
// a CAMEO code or root, a PLOVER type, a place, an outlet, one document
// (whose events may be superseded) or a full-text query. f.Cursor,
// f.Limit, f.Desc and f.ByGoldstein do not matter.
func Summarized(f EventFilter) bool {
	return f.Code == "" && f.Root == "" && f.Plover == "" && f.Country == "" && f.City == "" &&
		f.Outlet == "" && f.DocID == "" && f.Text == ""
}

// PeriodSummarized reports whether the period summaries answer f per
// period ("week" or "month"): the summaries answer f (Summarized) and its
// From and To, when set, are the first and the last day of a period, so
// that every period counted is whole.
func PeriodSummarized(f EventFilter, period string) bool {
	return (period == "week" || period == "month") && Summarized(f) &&
		PeriodBound(f.From, period, false) && PeriodBound(f.To, period, true)
}

// PeriodBound reports whether day (YYYY-MM-DD) is empty or a bound that
// whole periods meet: the first day of a period ("week", starting on
// Monday, or "month"), or with last the last day of one. A day that does
// not parse is no bound.
func PeriodBound(day, period string, last bool) bool {
	if day == "" {
		return true
	}
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return false
	}
	if last {
		t = t.AddDate(0, 0, 1)
	}
	switch period {
	case "week":
		return t.Weekday() == time.Monday
	case "month":
		return t.Day() == 1
	}
	return false
}

// Besides the per-dyad summaries, backends keep three smaller ones, so
// that the pages that filter on less than a dyad read a few rows per day
// instead of every dyad's:
//
//   - the whole store per (day, quad class, status): TotalsSummarized;
//   - per actor key (ActorKeys) and (day, quad class, status):
//     ActorSummarized;
//   - per CAMEO code or root (CodeKeys) and (day, quad class, status):
//     CodeSummarized;
//
// and one without days, per (source, target, quad class, status), for the
// busiest dyads of the whole time (DyadTotalsSummarized); and one per
// place, for the map and the pages of a country or city:
//
//   - per (location country, city, coordinates) and (day, quad class,
//     status): PlacesSummarized. The city is Event.Location when
//     GeoPrecision is "city" and "" otherwise; the coordinates are those
//     of such a city event when it has both. Only the events with a
//     location country or a city are counted there: the others are the
//     whole store's (TotalsSummarized) less the places'.
//
// Their counts have the same four columns and meaning as the per-dyad
// summaries.

// TotalsSummarized reports whether the whole-store summary answers f:
// the summaries answer it and it names no actor.
func TotalsSummarized(f EventFilter) bool {
	return Summarized(f) && f.Actor == "" && f.Source == "" && f.Target == ""
}

// PlacesSummarized reports whether the per-place summary answers f,
// in Places or, with a country or a city, per day: f filters only on a
// country, a city, quad class, statuses and dates, and counts either
// happenings or mentions (no actor, source or target, which the places
// do not hold, nor what Summarized excludes).
func PlacesSummarized(f EventFilter) bool {
	g := f
	g.Country, g.City = "", ""
	return TotalsSummarized(g)
}

// ActorSummarized reports whether the per-actor summary answers f: the
// summaries answer it, it names an actor (on either side) and no source
// or target, and the actor is a key (ActorKey).
func ActorSummarized(f EventFilter) bool {
	return Summarized(f) && f.Source == "" && f.Target == "" && ActorKey(f.Actor)
}

// ActorKey reports whether an actor filter is one of the keys ActorKeys
// gives: a code prefix whose length is a positive multiple of three.
// CAMEO actor codes are built of three-letter parts (RUS, RUSGOV,
// RUSGOVMIL), so such a prefix counts exactly the events whose source or
// target code starts with it.
func ActorKey(actor string) bool {
	return actor != "" && len(actor)%3 == 0
}

// ActorKeys returns the keys an event is counted under in the per-actor
// summary: every prefix of its source or target code whose length is a
// multiple of three, each once (an event between RUSGOV and RUSMIL counts
// once under RUS). Codes shorter than three letters give none.
func ActorKeys(source, target string) []string {
	var keys []string
	for _, code := range []string{source, target} {
		for n := 3; n <= len(code); n += 3 {
			if k := code[:n]; !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// CodeSummarized reports whether the per-code summary answers f: it
// filters on a CAMEO code or root and otherwise only on quad class,
// statuses and dates. With both a code and a root, the code is the key
// when it lies under the root; otherwise f is not answered there.
func CodeSummarized(f EventFilter) bool {
	if f.Code == "" && f.Root == "" {
		return false
	}
	if f.Code != "" && f.Root != "" && !strings.HasPrefix(f.Code, f.Root) {
		return false
	}
	g := f
	g.Code, g.Root = "", ""
	return TotalsSummarized(g)
}

// CodeKey returns the key of the per-code summary for a filter that
// CodeSummarized answers: its code, else its root, and whether the key is
// a root. Codes and roots are counted apart because a two-digit CAMEO code
// is also a root: the code filter 19 counts the events coded 19, the root
// filter 19 those of 19, 190, 191, ...
func CodeKey(f EventFilter) (key string, root bool) {
	if f.Code != "" {
		return f.Code, false
	}
	return f.Root, true
}

// CodeKeys returns the keys an event is counted under in the per-code
// summary: its code (root false) and its root (root true); either is left
// out when empty.
func CodeKeys(code, root string) []CodedKey {
	var keys []CodedKey
	if code != "" {
		keys = append(keys, CodedKey{Key: code})
	}
	if root != "" {
		keys = append(keys, CodedKey{Key: root, Root: true})
	}
	return keys
}

// CodedKey is a key of the per-code summary.
type CodedKey struct {
	Key  string
	Root bool
}

// ManyNames is the number of events of an actor from which a backend
// gives its names one per code (the name of one of the code's events),
// counted from the dyad totals when DyadTotalsSummarized allows, instead
// of one per name read from every event.
const ManyNames = 5000

// DyadTotalsSummarized reports whether the dyad totals answer f, for the
// busiest dyads: the summaries answer f and it has no date bounds.
func DyadTotalsSummarized(f EventFilter) bool {
	return Summarized(f) && f.From == "" && f.To == ""
}
