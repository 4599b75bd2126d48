package store

import "time"

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
