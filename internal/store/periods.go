package store

import "context"

// PeriodCounter is implemented by backends that keep event counts per
// week and per month. internal/query asks it, when a backend has it, for
// the series of those intervals instead of summing EventCounts' days.
type PeriodCounter interface {
	// PeriodCounts is EventCounts per period instead of per day: Date is
	// the first day of the period (a Monday for "week", the 1st for
	// "month"), and events whose date is not a valid calendar day are left
	// out. ok is false, with no error, when the backend cannot answer f so
	// (the caller then uses EventCounts).
	PeriodCounts(ctx context.Context, f EventFilter, period string) (counts []DayCount, ok bool, err error)
}
