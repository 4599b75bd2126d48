package sqlite

import (
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// goldsteinUnit is the fraction of a Goldstein point in which event_days
// sums them (see migration 0004): integer sums never drift.
const goldsteinUnit = 1e6

// fromDays reports whether f can be answered from the event_days summary:
// it filters only on what the summary keys hold (actor codes, quad class,
// status, dates) and not on one document, whose events may be superseded.
func fromDays(f store.EventFilter) bool {
	return f.Code == "" && f.Root == "" && f.Plover == "" && f.Outlet == "" && f.DocID == "" && f.Text == ""
}

// selectDays is selectEvents over the summary rows of f's events, which
// fromDays(f) must allow. Columns are of event_days e.
func selectDays(f store.EventFilter, cols string, extra []string) (string, []any, error) {
	with, args := withCodes(f)
	sides := []int{eitherSide}
	if f.Actor != "" {
		sides = []int{sourceSide, targetOnly}
	}
	var parts []string
	for _, side := range sides {
		conds, cargs, _, err := where(f, side, false)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, extra...)
		parts = append(parts, "SELECT "+cols+" FROM event_days e WHERE "+strings.Join(conds, " AND "))
		args = append(args, cargs...)
	}
	return with + strings.Join(parts, " UNION ALL "), args, nil
}
