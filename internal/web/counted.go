package web

import (
	"context"
	"slices"
	"strings"

	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
)

// Every total a page shows counts one thing, and the page says which
// (docs/happenings.md): by default happenings, each occurrence once however
// many reports it has, of the asserted and reported events; with
// count=mentions every event, each report once.

// Counted says what a page's totals count.
type Counted struct {
	Unit     string // "happenings" or "events"
	Statuses string // "asserted and reported", "of every status", …
	How      string // "each occurrence once" or "every report"
}

// counting says what the totals of a page under f count.
func counting(f store.EventFilter) Counted {
	c := Counted{Unit: "happenings", How: "each occurrence counted once, however many reports it has"}
	if f.Mentions {
		c.Unit, c.How = "events", "every report counted"
	}
	switch ss := f.Statuses; {
	case len(ss) == 0:
		c.Statuses = "asserted and reported"
	case slices.Equal(ss, query.AllStatuses()):
		c.Statuses = "of every status"
	default:
		names := make([]string, len(ss))
		for i, s := range ss {
			names[i] = string(s)
		}
		c.Statuses = names[0]
		if n := len(names); n > 1 {
			c.Statuses = strings.Join(names[:n-1], ", ") + " and " + names[n-1]
		}
	}
	return c
}

// String is the definition as pages state it: "happenings (asserted and
// reported; each occurrence counted once, however many reports it has)".
func (c Counted) String() string { return c.Unit + " (" + c.Statuses + "; " + c.How + ")" }

// Of writes n of the unit: "1 happening", "278 happenings".
func (c Counted) Of(n int) string {
	u := c.Unit
	if n == 1 {
		u = strings.TrimSuffix(u, "s")
	}
	return thousands(n) + " " + u
}

// Totals is the overview's statement of what it counts: the filter's
// happenings and the events that report them, and what the store holds in
// all.
type Totals struct {
	Counted
	N        int         // the filter's total, in Counted's unit
	Mentions int         // the events that report them (when counting happenings)
	Stats    store.Stats // the whole store, every status
}

// totals counts the events of f as Counted says, and the events that
// report them.
func (s *Server) totals(ctx context.Context, f store.EventFilter, n int, st store.Stats) (Totals, error) {
	t := Totals{Counted: counting(f), N: n, Mentions: n, Stats: st}
	if !f.Mentions {
		fm := f
		fm.Mentions, fm.Cursor, fm.Limit = true, "", 0
		days, err := s.q.Store().EventCounts(ctx, fm)
		if err != nil {
			return t, err
		}
		t.Mentions = 0
		for _, d := range days {
			t.Mentions += d.Events
		}
	}
	return t, nil
}

// Reports says how many events report the counted happenings ("reported
// by 439 events"), or "" when the total counts events.
func (t Totals) Reports() string {
	if t.Unit == "events" {
		return ""
	}
	return "reported by " + thousands(t.Mentions) + " events"
}

// Stored says what the whole store holds: every event of every status, in
// every stored version of every document.
func (t Totals) Stored() string {
	return thousands(t.Stats.Events) + " events of every status in " + thousands(t.Stats.Documents) + " documents from " +
		thousands(t.Stats.Outlets) + " outlets"
}
