package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// soleCode reports whether the prefix p matches exactly one code in col
// (or none): no stored code is longer than p and starts with it. A filter
// on p is then the same as col = p.
func (db *DB) soleCode(ctx context.Context, col, p string) (bool, error) {
	_, hi := store.PrefixRange(p)
	var longer int
	if err := db.queryRow(ctx, "SELECT EXISTS (SELECT 1 FROM events WHERE "+col+" > ? AND "+col+" < ?)", p, hi).Scan(&longer); err != nil {
		return false, fmt.Errorf("sqlite: event list: %w", err)
	}
	return longer == 0, nil
}

// orderedWalk returns the query (and arguments) of the rowids of a page of
// f's events found by walking, in page order, the per-code date indexes of
// migration 0007, or "" when f does not suit it: its actor filters must
// each name exactly one code, and its other filters be ones the index
// entries hold (see fromDays). extra are the cursor conditions; order is
// "" to walk in ascending (date, id) order, " DESC" to walk backwards.
func (db *DB) orderedWalk(ctx context.Context, f store.EventFilter, extra []string, extraArgs []any, n int, order string) (string, []any, error) {
	if !fromDays(f) || (f.Actor != "") == (f.Source != "" || f.Target != "") {
		return "", nil, nil
	}
	for _, c := range []struct{ col, p string }{{"source_code", f.Actor}, {"target_code", f.Actor}, {"source_code", f.Source}, {"target_code", f.Target}} {
		if c.p == "" {
			continue
		}
		if ok, err := db.soleCode(ctx, c.col, c.p); err != nil || !ok {
			return "", nil, err
		}
	}
	g := f
	g.Actor, g.Source, g.Target = "", "", ""
	conds, cargs, _, err := eventWhere(g, eitherSide)
	if err != nil {
		return "", nil, err
	}
	conds = append(conds, extra...)
	rest := strings.Join(conds, " AND ")
	restArgs := append(cargs, extraArgs...)
	branch := func(index, codes string, codeArgs ...any) (string, []any) {
		return "SELECT e.rowid AS rid, e.date AS date, e.id AS id FROM events e INDEXED BY " + index +
			" WHERE " + codes + " AND " + rest, append(codeArgs, restArgs...)
	}
	var q string
	var args []any
	switch {
	case f.Actor != "":
		// Source side and target-only side, each in (date, id) order (or its reverse),
		// merged by the compound ORDER BY.
		qs, as := branch("events_source_date", "e.source_code = ?", f.Actor)
		qt, at := branch("events_target_date", "e.target_code = ? AND e.source_code <> ?", f.Actor, f.Actor)
		q, args = qs+" UNION ALL "+qt, append(as, at...)
	case f.Target == "":
		q, args = branch("events_source_date", "e.source_code = ?", f.Source)
	case f.Source == "":
		q, args = branch("events_target_date", "e.target_code = ?", f.Target)
	default:
		q, args = branch("events_dyad", "e.source_code = ? AND e.target_code = ?", f.Source, f.Target)
	}
	return "SELECT rid FROM (" + q + " ORDER BY 2" + order + ", 3" + order + " LIMIT ?)", append(args, n+1), nil
}
