package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/dyad-project/dyad/internal/store"
)

var _ store.PeriodCounter = (*DB)(nil)

// PeriodCounts implements store.PeriodCounter. It answers the filters
// whose From and To, when set, are the first and the last day of a
// period, and that a smaller per-day summary answers (selectSmaller: its
// days are added up per period) or event_days does (see fromDays: read
// from event_periods).
func (db *DB) PeriodCounts(ctx context.Context, f store.EventFilter, period string) ([]store.DayCount, bool, error) {
	if (period != "week" && period != "month") || !periodBound(f.From, period, false) || !periodBound(f.To, period, true) {
		return nil, false, nil
	}
	// A smaller summary's days, a few rows each, are grouped into periods;
	// days that are no calendar day have none.
	start := "date(e.date, '-6 days', 'weekday 1')"
	if period == "month" {
		start = "substr(e.date, 1, 8) || '01'"
	}
	if sel, args, ok := selectSmaller(f, start+" AS date, e.quad AS quad, "+summed(f), []string{"date(e.date, '+0 days') = e.date"}); ok {
		return db.periodCounts(ctx, "SELECT date, quad, sum(n), sum(g) / "+unitSQL+" FROM ("+sel+") GROUP BY date, quad ORDER BY date, quad", args)
	}
	if !fromDays(f) {
		return nil, false, nil
	}
	with, args := withCodes(f)
	sides := []int{eitherSide}
	if f.Actor != "" {
		sides = []int{sourceSide, targetOnly}
	}
	sel := ""
	for i, side := range sides {
		conds, cargs, _, err := where(f, side, false)
		if err != nil {
			return nil, false, err
		}
		if i > 0 {
			sel += " UNION ALL "
		}
		sel += "SELECT e.date AS date, e.quad AS quad, " + summed(f) + " FROM event_periods e WHERE e.kind = ?"
		for _, c := range conds {
			sel += " AND " + c
		}
		args = append(append(args, period), cargs...)
	}
	return db.periodCounts(ctx, with+"SELECT date, quad, sum(n), sum(g) / "+unitSQL+" FROM ("+sel+noFlatten+") GROUP BY date, quad ORDER BY date, quad", args)
}

// periodCounts runs q, which gives the columns of a store.DayCount.
func (db *DB) periodCounts(ctx context.Context, q string, args []any) ([]store.DayCount, bool, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("sqlite: period counts: %w", err)
	}
	defer rows.Close()
	var out []store.DayCount
	for rows.Next() {
		var c store.DayCount
		if err := rows.Scan(&c.Date, &c.Quad, &c.Events, &c.Goldstein); err != nil {
			return nil, false, fmt.Errorf("sqlite: period counts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("sqlite: period counts: %w", err)
	}
	return out, true, nil
}

// periodBound reports whether day is empty or a bound that whole periods
// meet: the first day of a period, or with last the last day of one.
func periodBound(day, period string, last bool) bool {
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
	if period == "week" {
		return t.Weekday() == time.Monday
	}
	return t.Day() == 1
}
