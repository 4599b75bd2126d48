package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// fromEvents returns the FROM and WHERE part of a query over the events of
// f, with extra conditions, adding parameters to a.
func fromEvents(f store.EventFilter, a *args, extra ...string) (string, error) {
	conds, join, err := eventWhere(f, a)
	if err != nil {
		return "", err
	}
	conds = append(conds, extra...)
	from := " FROM events e"
	if join {
		from += " JOIN documents d ON d.id = e.doc_id"
	}
	return from + " WHERE " + strings.Join(conds, " AND "), nil
}

// EventCounts implements store.Queries, from the smallest summary that
// answers f (daysQuery: a few rows per day), else from the events.
func (db *DB) EventCounts(ctx context.Context, f store.EventFilter) ([]store.DayCount, error) {
	q, a, ok := daysQuery(f)
	if !ok {
		var err error
		if q, a, err = daysFromEvents(f); err != nil {
			return nil, err
		}
	}
	out, err := db.dayCounts(ctx, q, a)
	if err != nil {
		return nil, fmt.Errorf("postgres: event counts: %w", err)
	}
	return out, nil
}

// daysFromEvents returns EventCounts' query of f over the events, and its
// parameters.
func daysFromEvents(f store.EventFilter) (string, args, error) {
	var a args
	tail, err := fromEvents(f, &a, "e.date <> ''")
	if err != nil {
		return "", nil, err
	}
	return "SELECT e.date, e.quad, count(*), coalesce(sum(round(e.goldstein * 1000000)::bigint), 0) / " + unit + tail +
		" GROUP BY e.date, e.quad ORDER BY e.date, e.quad", a, nil
}

// Dyads implements store.Queries, from the summaries when store.Summarized
// allows (dyad_totals without date bounds, else event_days), else from
// the events.
func (db *DB) Dyads(ctx context.Context, f store.EventFilter, n int) ([]store.DyadCount, error) {
	if n <= 0 || n > store.MaxLimit {
		n = store.MaxLimit
	}
	var q string
	var a args
	if store.Summarized(f) {
		q, a = dyadsQuery(f, n)
	} else {
		tail, err := fromEvents(f, &a, "e.source_code <> ''", "e.target_code <> ''")
		if err != nil {
			return nil, err
		}
		q = `SELECT e.source_code, e.target_code, count(*),
		count(*) FILTER (WHERE e.quad IN (1, 2)), count(*) FILTER (WHERE e.quad IN (3, 4)),
		coalesce(sum(round(e.goldstein * 1000000)::bigint), 0) / ` + unit + tail + `
		GROUP BY e.source_code, e.target_code ORDER BY count(*) DESC, e.source_code, e.target_code LIMIT ` + a.add(n)
	}
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: dyads: %w", err)
	}
	defer rows.Close()
	var out []store.DyadCount
	for rows.Next() {
		var c store.DyadCount
		if err := rows.Scan(&c.Source, &c.Target, &c.Events, &c.Cooperation, &c.Conflict, &c.Goldstein); err != nil {
			return nil, fmt.Errorf("postgres: dyads: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: dyads: %w", err)
	}
	rows.Close()
	// Names come from one event of each pair, as in the SQLite store.
	for i := range out {
		c := &out[i]
		err := db.pool.QueryRow(ctx, `SELECT source_name, target_name FROM events
			WHERE source_code = $1 AND target_code = $2 LIMIT 1`, c.Source, c.Target).Scan(&c.SourceName, &c.TargetName)
		if err != nil {
			return nil, fmt.Errorf("postgres: dyads: names of %s-%s: %w", c.Source, c.Target, err)
		}
	}
	return out, nil
}

// ActorNames implements store.Queries. An actor with store.ManyNames
// events or more, under a filter the dyad totals answer, gets one name
// per code (codeCounts).
func (db *DB) ActorNames(ctx context.Context, code string, f store.EventFilter) ([]store.ActorName, error) {
	if code == "" {
		return nil, fmt.Errorf("%w: empty actor code", store.ErrBadQuery)
	}
	f.Actor, f.Source, f.Target = "", "", ""
	lo, hi := store.PrefixRange(code)
	if store.DyadTotalsSummarized(f) {
		out, n, err := db.codeCounts(ctx, lo, hi, f)
		if err != nil || n >= store.ManyNames {
			return out, err
		}
	}
	var a args
	side := func(role string) (string, error) {
		tail, err := fromEvents(f, &a, "e."+role+"_code >= "+a.add(lo)+" AND e."+role+"_code < "+a.add(hi))
		if err != nil {
			return "", err
		}
		src := "0"
		if role == "source" {
			src = "1"
		}
		return "SELECT e." + role + "_code AS code, e." + role + "_name AS name, e." + role + "_country AS country, e." +
			role + "_sector AS sector, " + src + " AS src, e.date AS date" + tail, nil
	}
	qs, err := side("source")
	if err != nil {
		return nil, err
	}
	qt, err := side("target")
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT code, name, max(country), max(sector), sum(src), sum(1 - src),
		coalesce(min(nullif(date, '')), ''), max(date)
		FROM (`+qs+` UNION ALL `+qt+`) u GROUP BY code, name ORDER BY count(*) DESC, code, name LIMIT `+a.add(store.MaxLimit), a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: actor names: %w", err)
	}
	defer rows.Close()
	var out []store.ActorName
	for rows.Next() {
		var x store.ActorName
		if err := rows.Scan(&x.Code, &x.Name, &x.Country, &x.Sector, &x.AsSource, &x.AsTarget, &x.First, &x.Last); err != nil {
			return nil, fmt.Errorf("postgres: actor names: %w", err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: actor names: %w", err)
	}
	return out, nil
}

// Places implements store.Queries, as in the SQLite store: from
// place_days when store.PlacesSummarized(f) (placesQuery), else from the
// events.
func (db *DB) Places(ctx context.Context, f store.EventFilter) ([]store.PlaceCount, error) {
	var q string
	var a args
	if store.PlacesSummarized(f) {
		q, a = placesQuery(f)
	} else {
		tail, err := fromEvents(f, &a)
		if err != nil {
			return nil, err
		}
		q = `SELECT country, city, lat, lon, count(*) FROM (SELECT e.location_country AS country,
		CASE WHEN e.geo_precision = 'city' AND e.lat IS NOT NULL AND e.lon IS NOT NULL THEN e.location ELSE '' END AS city,
		CASE WHEN e.geo_precision = 'city' AND e.lon IS NOT NULL THEN e.lat END AS lat,
		CASE WHEN e.geo_precision = 'city' AND e.lat IS NOT NULL THEN e.lon END AS lon` + tail + `) p
		GROUP BY country, city, lat, lon`
	}
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: places: %w", err)
	}
	defer rows.Close()
	var out []store.PlaceCount
	for rows.Next() {
		var p store.PlaceCount
		if err := rows.Scan(&p.Country, &p.City, &p.Lat, &p.Lon, &p.Events); err != nil {
			return nil, fmt.Errorf("postgres: places: %w", err)
		}
		if p.Events > 0 { // placesQuery's row of the unplaced events may be 0
			out = append(out, p)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: places: %w", err)
	}
	return store.PlaceRows(out), nil
}

// EventList implements store.Queries. PostgreSQL's planner serves the
// listing well from the events_date, dyad and code indexes, so it is
// Events itself.
func (db *DB) EventList(ctx context.Context, f store.EventFilter) (store.EventPage, error) {
	return db.Events(ctx, f)
}
