package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// The summaries event_days and event_periods (migration 0005) answer the
// aggregates of the filters store.Summarized allows, from a few rows per
// dyad and day instead of one per event; the smaller ones of migration
// 0006 (event_totals, actor_days, code_days, dyad_totals) answer the
// filters on less than a dyad from a few rows per day, or per dyad;
// place_days (0008) answers the map and the counts of a country or city.

var _ store.PeriodCounter = (*DB)(nil)

// summaryWhere returns the WHERE conditions that select the summary rows
// s of f's events, adding their parameters to a; store.Summarized(f) must
// hold. By default (f.Anchors) only rows that hold an anchoring event
// count, see summed.
func summaryWhere(f store.EventFilter, a *args) []string {
	var conds []string
	prefix := func(col, p string) string {
		lo, hi := store.PrefixRange(p)
		return col + " >= " + a.add(lo) + " AND " + col + " < " + a.add(hi)
	}
	if f.Actor != "" {
		lo, hi := store.PrefixRange(f.Actor)
		l, h := a.add(lo), a.add(hi)
		conds = append(conds, "((s.source_code >= "+l+" AND s.source_code < "+h+") OR (s.target_code >= "+l+" AND s.target_code < "+h+"))")
	}
	if f.Source != "" {
		conds = append(conds, prefix("s.source_code", f.Source))
	}
	if f.Target != "" {
		conds = append(conds, prefix("s.target_code", f.Target))
	}
	if f.Quad != 0 {
		conds = append(conds, "s.quad = "+a.add(f.Quad))
	}
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []event.Status{event.Asserted, event.Reported}
	}
	ph := make([]string, len(statuses))
	for i, st := range statuses {
		ph[i] = a.add(string(st))
	}
	conds = append(conds, "s.status IN ("+strings.Join(ph, ", ")+")")
	if f.From != "" {
		conds = append(conds, "s.date >= "+a.add(f.From))
	}
	if f.To != "" {
		conds = append(conds, "s.date <= "+a.add(f.To))
	}
	if f.Anchors() {
		conds = append(conds, "s.happenings > 0") // rows of events that only repeat a happening count nothing
	}
	return conds
}

// summed returns the summary columns that count f's events, as n and g
// (Goldstein millionths): the anchoring events of happenings by default,
// every event with EventFilter.Mentions.
func summed(f store.EventFilter) (n, g string) {
	if f.Anchors() {
		return "s.happenings", "s.hap_goldstein"
	}
	return "s.events", "s.goldstein"
}

// unit divides the summaries' Goldstein sums back into points. Sums over
// the events are taken in millionths too, as integers: a sum of floats
// depends on the order rows are read in, which differs between two stores
// of the same events (one bulk loaded) and between a summary and the
// events it counts.
const unit = "1000000.0"

// smallerDays returns the smaller day summary that answers f's counts
// per day (migrations 0006 and 0008), and the WHERE conditions that
// select its rows s, adding their parameters to a: event_totals when
// store.TotalsSummarized(f), actor_days when store.ActorSummarized(f),
// code_days when store.CodeSummarized(f), under the kind of its key
// (store.CodeKey): a code, else a root; place_days when
// store.PlacesSummarized(f) and f names a country or a city. ok is false
// when none does.
func smallerDays(f store.EventFilter, a *args) (table string, conds []string, ok bool) {
	switch {
	case store.TotalsSummarized(f):
		return "event_totals", summaryWhere(f, a), true
	case store.ActorSummarized(f):
		g := f
		g.Actor = ""
		return "actor_days", append([]string{"s.actor = " + a.add(f.Actor)}, summaryWhere(g, a)...), true
	case store.CodeSummarized(f):
		key, root := store.CodeKey(f)
		kind := "code"
		if root {
			kind = "root"
		}
		return "code_days", append([]string{"s.kind = " + a.add(kind), "s.code = " + a.add(key)}, summaryWhere(f, a)...), true
	case store.PlacesSummarized(f) && (f.Country != "" || f.City != ""):
		g := f
		g.Country, g.City = "", ""
		return "place_days", append(placeKeyConds(f, a), summaryWhere(g, a)...), true
	}
	return "", nil, false
}

// placeKeyConds returns the conditions on place_days' rows s that hold
// f's country and city, adding their parameters to a. A city without a
// country is sought in place_days_city, which holds only the rows of a
// city (its WHERE is city <> ”, which the query names).
func placeKeyConds(f store.EventFilter, a *args) []string {
	var conds []string
	if f.Country != "" {
		conds = append(conds, "s.location_country = "+a.add(f.Country))
	}
	if f.City != "" {
		conds = append(conds, "s.city = "+a.add(f.City))
		if f.Country == "" {
			conds = append(conds, "s.city <> ''")
		}
	}
	return conds
}

// placesQuery returns Places' query of f from place_days, and its
// parameters, for a filter that store.PlacesSummarized answers: rows of
// (country, city, lat, lon, events) for store.PlaceRows, grouped by
// place_days' key, so that a place without coordinates may give a row
// per city name, summed into its country. Without a country or city
// filter, a last row of country "" holds the events place_days does not
// count: the whole store's (event_totals) less those it does, in the
// same snapshot; it may be 0.
func placesQuery(f store.EventFilter) (string, args) {
	var a args
	g := f
	g.Country, g.City = "", ""
	n, _ := summed(f)
	q := `WITH p AS (SELECT s.location_country, CASE WHEN s.has_coords THEN s.city ELSE '' END AS city,
			CASE WHEN s.has_coords THEN s.lat END AS lat, CASE WHEN s.has_coords THEN s.lon END AS lon, sum(` + n + `)::bigint AS n
		FROM place_days s WHERE ` + strings.Join(append(placeKeyConds(f, &a), summaryWhere(g, &a)...), " AND ") + `
		GROUP BY s.location_country, s.city, s.has_coords, s.lat, s.lon)
	SELECT * FROM p`
	if f.Country == "" && f.City == "" {
		q += `
	UNION ALL SELECT '', '', NULL, NULL, (SELECT coalesce(sum(` + n + `), 0)::bigint FROM event_totals s WHERE ` +
			strings.Join(summaryWhere(g, &a), " AND ") + `) - (SELECT coalesce(sum(n), 0)::bigint FROM p)`
	}
	return q, a
}

// daysQuery returns EventCounts' query of f from the smallest summary
// that answers it (smallerDays, else event_days when store.Summarized),
// and its parameters; ok is false when no summary answers f.
func daysQuery(f store.EventFilter) (q string, a args, ok bool) {
	table, conds, ok := smallerDays(f, &a)
	if !ok {
		if !store.Summarized(f) {
			return "", nil, false
		}
		table, conds = "event_days", summaryWhere(f, &a)
	}
	conds = append(conds, "s.date <> ''")
	n, g := summed(f)
	return "SELECT s.date, s.quad, sum(" + n + ")::bigint, (sum(" + g + ") / " + unit + ")::float8 FROM " + table + " s WHERE " +
		strings.Join(conds, " AND ") + " GROUP BY s.date, s.quad ORDER BY s.date, s.quad", a, true
}

// periodsQuery returns PeriodCounts' query of f and its parameters: the
// days of a smaller summary (smallerDays) grouped into periods, else
// event_periods when store.PeriodSummarized; ok is false when neither
// answers f.
func periodsQuery(f store.EventFilter, period string) (q string, a args, ok bool) {
	if period != "week" && period != "month" {
		return "", nil, false
	}
	n, g := summed(f)
	if table, conds, ok := smallerDays(f, &a); ok {
		p := a.add(period)
		conds = append(conds, "event_valid_day(s.date)")
		return "SELECT event_period(" + p + ", s.date) AS p, s.quad, sum(" + n + ")::bigint, (sum(" + g + ") / " + unit + ")::float8 FROM " +
			table + " s WHERE " + strings.Join(conds, " AND ") + " GROUP BY p, s.quad ORDER BY p, s.quad", a, true
	}
	if !store.PeriodSummarized(f, period) {
		return "", nil, false
	}
	conds := append([]string{"s.kind = " + a.add(period)}, summaryWhere(f, &a)...)
	return "SELECT s.date, s.quad, sum(" + n + ")::bigint, (sum(" + g + ") / " + unit + ")::float8 FROM event_periods s WHERE " +
		strings.Join(conds, " AND ") + " GROUP BY s.date, s.quad ORDER BY s.date, s.quad", a, true
}

// PeriodCounts implements store.PeriodCounter from the summaries: for
// the filters a smaller summary answers, its days grouped into periods;
// for the others store.PeriodSummarized allows, event_periods.
func (db *DB) PeriodCounts(ctx context.Context, f store.EventFilter, period string) ([]store.DayCount, bool, error) {
	q, a, ok := periodsQuery(f, period)
	if !ok {
		return nil, false, nil
	}
	out, err := db.dayCounts(ctx, q, a)
	if err != nil {
		return nil, false, fmt.Errorf("postgres: period counts: %w", err)
	}
	return out, true, nil
}

// dayCounts runs a query of (date, quad, events, goldstein) rows.
func (db *DB) dayCounts(ctx context.Context, q string, a args) ([]store.DayCount, error) {
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.DayCount
	for rows.Next() {
		var c store.DayCount
		if err := rows.Scan(&c.Date, &c.Quad, &c.Events, &c.Goldstein); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// dyadsQuery returns Dyads' query of f's pairs, at most n of them, and
// its parameters: from dyad_totals when store.DyadTotalsSummarized(f),
// else from event_days; store.Summarized(f) must hold.
func dyadsQuery(f store.EventFilter, n int) (string, args) {
	var a args
	table := "event_days"
	if store.DyadTotalsSummarized(f) {
		table = "dyad_totals"
	}
	conds := append(summaryWhere(f, &a), "s.source_code <> ''", "s.target_code <> ''")
	c, g := summed(f)
	return `SELECT s.source_code, s.target_code, sum(` + c + `)::bigint,
		coalesce(sum(` + c + `) FILTER (WHERE s.quad IN (1, 2)), 0)::bigint, coalesce(sum(` + c + `) FILTER (WHERE s.quad IN (3, 4)), 0)::bigint,
		(sum(` + g + `) / ` + unit + `)::float8 FROM ` + table + ` s WHERE ` + strings.Join(conds, " AND ") + `
		GROUP BY s.source_code, s.target_code ORDER BY sum(` + c + `) DESC, s.source_code, s.target_code LIMIT ` + a.add(n), a
}
