package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// codeCounts is ActorNames for an actor code prefix [lo, hi) and a filter
// without dates (store.DyadTotalsSummarized) when it has
// store.ManyNames events or more: each code's counts as source and as
// target come from dyad_totals, a few rows per dyad; its first and last
// days from the first matching event each way of each of its dyads, one
// index step each into events_dyad or events_target_dyad; and its name,
// country and sector from one of its events. Reading every event of the
// busiest actor instead costs a pass over a third of a store. It also
// returns how many events the codes count; below store.ManyNames it
// returns no rows and the caller reads the events.
func (db *DB) codeCounts(ctx context.Context, lo, hi string, f store.EventFilter) ([]store.ActorName, int, error) {
	var a args
	w := strings.Join(summaryWhere(f, &a), " AND ")
	c, _ := summed(f)
	l, h := a.add(lo), a.add(hi)
	rows, err := db.pool.Query(ctx, `SELECT code, sum(src)::bigint, sum(tgt)::bigint FROM (
		SELECT s.source_code AS code, `+c+` AS src, 0 AS tgt FROM dyad_totals s WHERE s.source_code >= `+l+` AND s.source_code < `+h+` AND `+w+`
		UNION ALL
		SELECT s.target_code, 0, `+c+` FROM dyad_totals s WHERE s.target_code >= `+l+` AND s.target_code < `+h+` AND `+w+`) u
		GROUP BY code HAVING sum(src + tgt) > 0 ORDER BY sum(src + tgt) DESC, code`, a...)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: actor names: %w", err)
	}
	defer rows.Close()
	var out []store.ActorName
	total := 0
	for rows.Next() {
		var x store.ActorName
		if err := rows.Scan(&x.Code, &x.AsSource, &x.AsTarget); err != nil {
			return nil, 0, fmt.Errorf("postgres: actor names: %w", err)
		}
		total += x.AsSource + x.AsTarget
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("postgres: actor names: %w", err)
	}
	rows.Close()
	if total < store.ManyNames {
		return nil, total, nil
	}
	out = out[:min(len(out), store.MaxLimit)]
	for i := range out {
		x := &out[i]
		var b args
		conds, _, err := eventWhere(f, &b) // no join: the filter is summarized
		if err != nil {
			return nil, 0, err
		}
		code := b.add(x.Code)
		cw := strings.Join(append(conds, "e.date <> ''"), " AND ")
		// Per side, the code's dyads (the other side's codes), then in each
		// the first and the last matching event by the dyad index.
		side := func(role, other string) string {
			dyad := "e." + role + "_code = " + code + " AND e." + other + "_code = t.o AND " + cw
			return `SELECT f.d AS first, l.d AS last FROM (SELECT DISTINCT ` + other + `_code AS o FROM dyad_totals WHERE ` + role + `_code = ` + code + `) t
				CROSS JOIN LATERAL (SELECT e.date AS d FROM events e WHERE ` + dyad + ` ORDER BY e.date LIMIT 1) f
				CROSS JOIN LATERAL (SELECT e.date AS d FROM events e WHERE ` + dyad + ` ORDER BY e.date DESC LIMIT 1) l`
		}
		if err := db.pool.QueryRow(ctx, `SELECT coalesce(min(first), ''), coalesce(max(last), '') FROM (`+
			side("source", "target")+` UNION ALL `+side("target", "source")+`) d`, b...).Scan(&x.First, &x.Last); err != nil {
			return nil, 0, fmt.Errorf("postgres: actor names: days of %s: %w", x.Code, err)
		}
		if err := db.pool.QueryRow(ctx, `(SELECT source_name, source_country, source_sector FROM events WHERE source_code = $1 LIMIT 1)
			UNION ALL (SELECT target_name, target_country, target_sector FROM events WHERE target_code = $1 LIMIT 1) LIMIT 1`,
			x.Code).Scan(&x.Name, &x.Country, &x.Sector); err != nil {
			return nil, 0, fmt.Errorf("postgres: actor names: name of %s: %w", x.Code, err)
		}
	}
	return out, total, nil
}
