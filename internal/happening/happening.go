// Package happening links events that report the same occurrence — one
// call, one strike on one town on one day — into one happening, so that
// counts measure what happened rather than how much it was reported.
//
// Two events can belong to one happening when they have the same link key
// (the act, and the country of each side: see Key), date intervals that
// overlap once widened to their precision (see Interval), and compatible
// sectors and places (see Compatible). Within a key, Cluster groups
// events by greedy interval stabbing: events are taken in order of the end
// of their interval; the first one not yet placed anchors a happening at
// its end day, and every unplaced event whose interval holds that day and
// whose place is compatible with the anchor's joins it. The result is a
// function of the set of events, not of the order they arrived in, and a
// happening never spans days that no member shares, so a month of daily
// shelling between the same sides stays a month of happenings.
//
// Linking is incremental: a happening anchored before the earliest
// interval start of the events that changed cannot change (events enter
// the sweep at their interval end, after every anchor earlier than their
// start), so a store re-clusters only the members of the touched keys
// whose happening is anchored on or after that day.
package happening

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/geo"
)

// MaxSpan is the longest date interval, in days, that is linked: a week.
// An event dated only by its month, quarter or year could be any of many
// happenings and is left on its own.
const MaxSpan = 7

// PublicationSlack is how many days before the publication date an event
// dated only by it may have happened.
const PublicationSlack = 2

// NearKm is the distance within which two city-level places are the same
// place for linking.
const NearKm = 100

// Member is what linking needs to know of one event.
type Member struct {
	ID         string
	Start, End int // the linking interval, in days since 1970-01-01, inclusive
	// Country is the ISO3 code of the event's place, "" when none is known;
	// Point says Lat and Lon locate a city (not a division or a country).
	Country  string
	Point    bool
	Lat, Lon float64
	// SourceSector and TargetSector are the sides' sectors ("" when the
	// side is a whole country or has no sector).
	SourceSector, TargetSector string
	// Happening and Anchor are the current assignment.
	Happening string
	Anchor    int
}

// Assignment places one event in a happening anchored on day Anchor. The
// happening's ID is the ID of its anchoring event.
type Assignment struct {
	ID, Happening string
	Anchor        int
	// Changed is set by store.Relink when the event's happening changed,
	// not only its anchor day.
	Changed bool
}

// Key returns the link key of e, or "" when e is not linked: an event of a
// status that is not counted, or with no source. Acts are compared by
// CAMEO root, statements (root 01) by code; sides by country (or, for
// actors without one, their code). Sectors are compared by Compatible:
// reports name the same side differently ("Ethiopia", "Ethiopian troops").
func Key(e *event.Event) string {
	if !e.Status.Counted() || e.Source.Code == "" || e.Code == "" {
		return ""
	}
	act := e.Root
	if act == "" || act == "01" {
		act = e.Code
	}
	return strings.Join([]string{act, side(e.Source), side(e.Target)}, "|")
}

func side(a event.Actor) string {
	if a.Country != "" {
		return a.Country
	}
	return a.Code
}

// Interval returns the days during which e may have happened, as days
// since 1970-01-01, and false when e is not dated closely enough to link:
// a day is itself, a week its seven days, an event dated by its
// publication up to PublicationSlack days before it; months, quarters,
// years and vague dates are not linked.
func Interval(e *event.Event) (start, end int, ok bool) {
	d, ok := Day(e.Date)
	if !ok {
		return 0, 0, false
	}
	switch e.Precision {
	case "day":
		return d, d, true
	case "week":
		return d, d + 6, true
	case "publication":
		return d - PublicationSlack, d, true
	}
	return 0, 0, false
}

// Day returns the day number (since 1970-01-01) of a YYYY-MM-DD date.
func Day(date string) (int, bool) {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0, false
	}
	return int(t.Unix() / 86400), true
}

// Date returns the YYYY-MM-DD date of a day number.
func Date(day int) string {
	return time.Unix(int64(day)*86400, 0).UTC().Format(time.DateOnly)
}

// Compatible reports whether two events of one key can report one
// happening: each side's sectors agree (the same, one of them none, or two
// organs of a state: GOV, MIL, COP, SPY, JUD, LEG), and the places agree
// (two cities within NearKm, or, when either has no city, places in the
// same country or no place on one side).
func Compatible(a, b *Member) bool {
	if !sectorsAgree(a.SourceSector, b.SourceSector) || !sectorsAgree(a.TargetSector, b.TargetSector) {
		return false
	}
	if a.Point && b.Point {
		return geo.Km(a.Lat, a.Lon, b.Lat, b.Lon) <= NearKm
	}
	return a.Country == "" || b.Country == "" || a.Country == b.Country
}

// Cluster assigns every member of one link key to a happening. Members
// must all share a key; their order does not matter.
func Cluster(ms []Member) []Assignment {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b Member) int {
		if c := cmp.Compare(a.End, b.End); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := make([]Assignment, 0, len(ms))
	placed := make([]bool, len(ms))
	for i := range ms {
		if placed[i] {
			continue
		}
		anchor := &ms[i]
		p := anchor.End
		placed[i] = true
		out = append(out, Assignment{ID: anchor.ID, Happening: anchor.ID, Anchor: p})
		// Members sorted after the anchor end on or after p; those that
		// start after p, and all after them in End order may still start
		// before p, so the scan runs to the end of the members that could
		// hold p: a member's start is at least its end minus MaxSpan.
		for j := i + 1; j < len(ms) && ms[j].End-MaxSpan-PublicationSlack <= p; j++ {
			m := &ms[j]
			if placed[j] || m.Start > p || !Compatible(anchor, m) {
				continue
			}
			placed[j] = true
			out = append(out, Assignment{ID: m.ID, Happening: anchor.ID, Anchor: p})
		}
	}
	return out
}

// stateSector reports whether a sector is an organ of a state: reports of
// one act name them interchangeably ("Ethiopia's army", "the Ethiopian
// government").
func stateSector(s string) bool {
	switch s {
	case "GOV", "MIL", "COP", "SPY", "JUD", "LEG":
		return true
	}
	return false
}

func sectorsAgree(a, b string) bool {
	return a == b || a == "" || b == "" || stateSector(a) && stateSector(b)
}
