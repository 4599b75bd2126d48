package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// rebuildSummaries empties every summary table and fills it again from
// the live events, with the GROUP BY the migrations that created each
// table filled it with, counting happenings (happening = id) beside
// events. It is exact whatever state the summaries were in, and costs a
// pass over the events per table: a bulk load (bulk.go) runs it once at
// the end instead of adding up deltas per batch. One statement group per
// table; a new summary table adds its own group here. A group that reads
// every event says NOT INDEXED: the planner would walk events_dyad for
// the GROUP BY order and read each row from it at random, four times
// the CPU of reading the table in order and sorting (measured on 100 k
// events with the sqlite3 shell).
func rebuildSummaries(ctx context.Context, tx *sql.Tx) error {
	const (
		gold   = `CAST(round(goldstein * 1000000) AS INTEGER)`
		counts = `count(*), sum(` + gold + `), sum(happening = id),
			sum(CASE WHEN happening = id THEN ` + gold + ` ELSE 0 END)`
	)
	groups := []struct {
		table string
		stmts []string
	}{
		{"event_days", []string{
			`DELETE FROM event_days`,
			`INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
				SELECT source_code, target_code, date, quad, status, ` + counts + `
				FROM events NOT INDEXED WHERE live = 1 GROUP BY source_code, target_code, date, quad, status`,
		}},
		{"event_periods", []string{
			`DELETE FROM event_periods`,
			`INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
				SELECT 'week', source_code, target_code, date(events.date, '-6 days', 'weekday 1') AS start, quad, status, ` + counts + `
				FROM events NOT INDEXED WHERE live = 1 AND date(events.date, '+0 days') = events.date
				GROUP BY source_code, target_code, start, quad, status`,
			`INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
				SELECT 'month', source_code, target_code, substr(events.date, 1, 8) || '01' AS start, quad, status, ` + counts + `
				FROM events NOT INDEXED WHERE live = 1 AND date(events.date, '+0 days') = events.date
				GROUP BY source_code, target_code, start, quad, status`,
		}},
		// The smaller summaries of migration 0014. The two without actor
		// or code keys add up event_days, rebuilt above, which holds every
		// live event in far fewer rows than the events.
		{"event_totals", []string{
			`DELETE FROM event_totals`,
			`INSERT INTO event_totals (date, quad, status, events, goldstein, happenings, hap_goldstein)
				SELECT date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
				FROM event_days GROUP BY date, quad, status`,
		}},
		{"dyad_totals", []string{
			`DELETE FROM dyad_totals`,
			`INSERT INTO dyad_totals (source_code, target_code, quad, status, events, goldstein, happenings, hap_goldstein)
				SELECT source_code, target_code, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
				FROM event_days GROUP BY source_code, target_code, quad, status`,
		}},
		{"actor_days", []string{
			`DELETE FROM actor_days`,
			`INSERT INTO actor_days (actor, date, quad, status, events, goldstein, happenings, hap_goldstein)
				WITH RECURSIVE lens(n) AS (
					SELECT 3 UNION ALL SELECT n + 3 FROM lens
					WHERE n + 3 <= (SELECT max(length(source_code)) FROM events) OR n + 3 <= (SELECT max(length(target_code)) FROM events)),
				keys(r, actor) AS (
					SELECT e.rowid, substr(e.source_code, 1, l.n) FROM events e JOIN lens l ON l.n <= length(e.source_code) WHERE e.live = 1
					UNION
					SELECT e.rowid, substr(e.target_code, 1, l.n) FROM events e JOIN lens l ON l.n <= length(e.target_code) WHERE e.live = 1)
				SELECT k.actor, date, quad, status, ` + counts + `
				FROM keys k JOIN events ON events.rowid = k.r GROUP BY 1, 2, 3, 4`,
		}},
		{"code_days", []string{
			`DELETE FROM code_days`,
			`INSERT INTO code_days (code, is_root, date, quad, status, events, goldstein, happenings, hap_goldstein)
				SELECT k, is_root, date, quad, status, ` + counts + `
				FROM (SELECT code AS k, 0 AS is_root, date, quad, status, goldstein, happening, id FROM events WHERE live = 1
					UNION ALL
					SELECT root, 1, date, quad, status, goldstein, happening, id FROM events WHERE live = 1)
				GROUP BY 1, 2, 3, 4, 5`,
		}},
		{"place_days", []string{
			`DELETE FROM place_days`,
			`INSERT INTO place_days (location_country, city, has_coords, lat, lon, date, quad, status, events, goldstein, happenings, hap_goldstein)
				SELECT location_country, city, has_coords, CASE WHEN has_coords THEN lat ELSE 0 END, CASE WHEN has_coords THEN lon ELSE 0 END,
					date, quad, status, ` + counts + `
				FROM (SELECT location_country, CASE WHEN geo_precision = 'city' THEN location ELSE '' END AS city,
						geo_precision = 'city' AND lat IS NOT NULL AND lon IS NOT NULL AS has_coords, lat, lon,
						date, quad, status, goldstein, happening, id
					FROM events NOT INDEXED WHERE live = 1)
				WHERE location_country <> '' OR city <> ''
				GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
		}},
	}
	for _, g := range groups {
		// The rows come in primary key order, but the table's secondary
		// indexes take them at random: dropped before and created again
		// after, from the schema's own statements, each is one sort.
		idx, err := tableIndexes(ctx, tx, g.table)
		if err != nil {
			return err
		}
		stmts := slices.Clone(g.stmts)
		for _, ix := range idx {
			stmts = append([]string{`DROP INDEX "` + ix.name + `"`}, stmts...)
			stmts = append(stmts, ix.sql)
		}
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("sqlite: rebuilding %s: %w", g.table, err)
			}
		}
	}
	return nil
}

// tableIndexes returns the secondary indexes of table that the schema
// holds a CREATE statement for (not those of UNIQUE or PRIMARY KEY).
func tableIndexes(ctx context.Context, tx *sql.Tx, table string) ([]bulkIndex, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`, table)
	if err != nil {
		return nil, fmt.Errorf("sqlite: indexes of %s: %w", table, err)
	}
	defer rows.Close()
	var out []bulkIndex
	for rows.Next() {
		var ix bulkIndex
		if err := rows.Scan(&ix.name, &ix.sql); err != nil {
			return nil, fmt.Errorf("sqlite: indexes of %s: %w", table, err)
		}
		out = append(out, ix)
	}
	return out, rows.Err()
}
