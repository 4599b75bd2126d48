package sqlite

import (
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// fromDays reports whether f can be answered from the event_days summary:
// it filters only on what the summary keys hold (actor codes, quad class,
// status, dates) and not on one document, whose events may be superseded.
func fromDays(f store.EventFilter) bool {
	return f.Code == "" && f.Root == "" && f.Plover == "" && f.Country == "" && f.City == "" && f.Outlet == "" && f.DocID == "" && f.Text == ""
}

// selectDays is selectEvents over the summary rows of f's events, which
// fromDays(f) must allow. Columns are of event_days e.
func selectDays(f store.EventFilter, cols string, extra []string, extraArgs ...any) (string, []any, error) {
	return selectSummary("event_days", f, cols, extra, extraArgs...)
}

// selectSummary is selectDays over table, event_days or a summary with
// its columns but fewer (dyad_totals, which has no date: f must have no
// date bounds then, see store.DyadTotalsSummarized).
func selectSummary(table string, f store.EventFilter, cols string, extra []string, extraArgs ...any) (string, []any, error) {
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
		parts = append(parts, "SELECT "+cols+" FROM "+table+" e WHERE "+strings.Join(conds, " AND "))
		args = append(args, cargs...)
		args = append(args, extraArgs...)
	}
	q := with + strings.Join(parts, " UNION ALL ")
	if table != "dyad_totals" {
		// dyad_totals is read whole or by an actor's codes, and grouped
		// by its key: merged into the aggregate, it is grouped in index
		// order without a temporary tree.
		q += noFlatten
	}
	return q, args, nil
}

// noFlatten ends a subquery of summary rows that an aggregate groups by
// day: a subquery with a LIMIT is planned on its own, by its WHERE, instead
// of being merged into the aggregate, whose GROUP BY date, quad the
// planner would otherwise serve by walking the whole date index in order.
const noFlatten = " LIMIT -1"

// summed returns the summary columns to add up for f, as n and g: the
// anchoring events of happenings and their Goldstein sum by default, every
// event with EventFilter.Mentions (see migration 0011).
func summed(f store.EventFilter) string {
	if f.Anchors() {
		return "e.happenings AS n, e.hap_goldstein AS g"
	}
	return "e.events AS n, e.goldstein AS g"
}
