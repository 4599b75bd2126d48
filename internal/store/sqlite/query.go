package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// codeCTE returns a common table expression, called name, of the distinct
// values of col that start with prefix, found by a loose index scan: one
// index seek per value instead of a scan of every row in the range. The
// filters then seek each (source, target) pair of the covering indexes.
func codeCTE(name, col, prefix string) (string, []any) {
	lo, hi := store.PrefixRange(prefix)
	return name + "(c) AS (SELECT (SELECT min(" + col + ") FROM events WHERE " + col + " >= ? AND " + col + " < ?)" +
		" UNION ALL SELECT (SELECT min(" + col + ") FROM events WHERE " + col + " > " + name + ".c AND " + col + " < ?)" +
		" FROM " + name + " WHERE " + name + ".c IS NOT NULL)", []any{lo, hi, hi}
}

// withCodes returns the WITH clause of the code lists that f's source and
// target filters use, and its arguments; eventWhere's conditions refer to
// them when indexed is true.
func withCodes(f store.EventFilter) (string, []any) {
	var ctes []string
	var args []any
	for _, c := range []struct{ name, col, prefix string }{{"src_codes", "source_code", f.Source}, {"tgt_codes", "target_code", f.Target},
		{"act_src", "source_code", f.Actor}, {"act_tgt", "target_code", f.Actor}} {
		if c.prefix == "" {
			continue
		}
		q, a := codeCTE(c.name, c.col, c.prefix)
		ctes = append(ctes, q)
		args = append(args, a...)
	}
	if len(ctes) == 0 {
		return "", nil
	}
	return "WITH RECURSIVE " + strings.Join(ctes, ", ") + " ", args
}

// Sides of an actor filter: eventWhere selects the events where the actor
// is the source or the target, or one branch of that union.
const (
	eitherSide = iota // source or target
	sourceSide        // source
	targetOnly        // target, and not source
)

// eventWhere returns the WHERE conditions and arguments that select the
// events of f (without its cursor), over events e joined with documents d,
// and whether the join is needed. Actor filters refer to the code lists of
// withCodes; side chooses the branch of an actor filter.
func eventWhere(f store.EventFilter, side int) (conds []string, args []any, join bool, err error) {
	return where(f, side, true)
}

// statusDates appends to conds and args the conditions on e.status (f's
// statuses, or the counted ones) and e.date (f's From and To), which
// events and every summary share.
func statusDates(f store.EventFilter, conds []string, args []any) ([]string, []any) {
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []event.Status{event.Asserted, event.Reported}
	}
	ph := make([]string, len(statuses))
	for i, s := range statuses {
		ph[i] = "?"
		args = append(args, string(s))
	}
	conds = append(conds, "e.status IN ("+strings.Join(ph, ", ")+")")
	if f.From != "" {
		conds = append(conds, "e.date >= ?")
		args = append(args, f.From)
	}
	if f.To != "" {
		conds = append(conds, "e.date <= ?")
		args = append(args, f.To)
	}
	return conds, args
}

// where is eventWhere over events (live true: only events of current
// document versions unless f.DocID names one) or over event_days (live
// false: the summary holds live events only).
func where(f store.EventFilter, side int, live bool) (conds []string, args []any, join bool, err error) {
	eq := func(col string, v any) {
		conds = append(conds, col+" = ?")
		args = append(args, v)
	}
	const actSrc, actTgt = "e.source_code IN (SELECT c FROM act_src WHERE c IS NOT NULL)", "e.target_code IN (SELECT c FROM act_tgt WHERE c IS NOT NULL)"
	switch {
	case f.Actor == "":
	case side == sourceSide:
		conds = append(conds, actSrc)
	case side == targetOnly:
		conds = append(conds, actTgt, "e.source_code NOT IN (SELECT c FROM act_src WHERE c IS NOT NULL)")
	default:
		conds = append(conds, "("+actSrc+" OR "+actTgt+")")
	}
	if f.Source != "" {
		conds = append(conds, "e.source_code IN (SELECT c FROM src_codes WHERE c IS NOT NULL)")
	}
	if f.Target != "" {
		conds = append(conds, "e.target_code IN (SELECT c FROM tgt_codes WHERE c IS NOT NULL)")
	}
	if f.Code != "" {
		eq("e.code", f.Code)
	}
	if f.Root != "" {
		eq("e.root", f.Root)
	}
	if f.Quad != 0 {
		// With an actor filter the covering indexes hold the quad class;
		// the unary + keeps the planner from scanning events_quad instead.
		if f.Actor != "" || f.Source != "" || f.Target != "" {
			eq("+e.quad", f.Quad)
		} else {
			eq("e.quad", f.Quad)
		}
	}
	if f.Plover != "" {
		eq("e.plover_type", f.Plover)
	}
	if f.Country != "" {
		eq("e.location_country", f.Country)
		conds = append(conds, "e.location_country <> ''") // lets the partial index events_location serve it
	}
	if f.City != "" {
		eq("e.location", f.City)
		eq("e.geo_precision", "city")
	}
	conds, args = statusDates(f, conds, args)
	if f.DocID != "" {
		eq("e.doc_id", f.DocID)
	} else if live {
		conds = append(conds, "e.live = 1")
	}
	switch {
	case live && f.Anchors():
		conds = append(conds, "e.happening = e.id")
	case !live && f.Anchors():
		conds = append(conds, "e.happenings > 0") // rows of events that only repeat a happening
	}
	if f.Outlet != "" {
		eq("d.outlet", f.Outlet)
		join = true
	}
	if f.Text != "" {
		q, err := ftsQuery(f.Text)
		if err != nil {
			return nil, nil, false, err
		}
		conds = append(conds, "d.seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
		args = append(args, q)
		join = true
	}
	return conds, args, join, nil
}

// selectEvents returns a SELECT of cols over the events of f that meet
// the extra conditions too, with its arguments: one query, or with an actor
// filter the union of the events where the actor is the source and those
// where it is only the target, so that each branch reads one covering
// index. Columns are of events e (and documents d when filtered on).
func selectEvents(f store.EventFilter, cols string, extra []string, extraArgs []any) (string, []any, error) {
	with, args := withCodes(f)
	sides := []int{eitherSide}
	if f.Actor != "" {
		sides = []int{sourceSide, targetOnly}
	}
	var parts []string
	for _, side := range sides {
		conds, cargs, join, err := eventWhere(f, side)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, extra...)
		from := " FROM events e"
		if join {
			from += " JOIN documents d ON d.id = e.doc_id"
		}
		parts = append(parts, "SELECT "+cols+from+" WHERE "+strings.Join(conds, " AND "))
		args = append(args, cargs...)
		args = append(args, extraArgs...)
	}
	return with + strings.Join(parts, " UNION ALL "), args, nil
}

// EventCounts implements store.Queries. Filters that a smaller summary
// answers (selectSmaller: the whole store, an actor key, a CAMEO code or
// root) read it, a few rows per day; other filters that the event_days
// summary can answer read it (a few rows per dyad and day); others read
// the events.
func (db *DB) EventCounts(ctx context.Context, f store.EventFilter) ([]store.DayCount, error) {
	var q string
	var args []any
	var err error
	if sel, sargs, ok := selectSmaller(f, "e.date AS date, e.quad AS quad, "+summed(f), []string{"e.date <> ''"}); ok {
		args = sargs
		q = "SELECT date, quad, sum(n), sum(g) / " + unitSQL + " FROM (" + sel + ") GROUP BY date, quad ORDER BY date, quad"
	} else if fromDays(f) {
		var sel string
		sel, args, err = selectDays(f, "e.date AS date, e.quad AS quad, "+summed(f), []string{"e.date <> ''"})
		q = "SELECT date, quad, sum(n), sum(g) / " + unitSQL + " FROM (" + sel + ") GROUP BY date, quad ORDER BY date, quad"
	} else {
		var sel string
		sel, args, err = selectEvents(f, "e.date AS date, e.quad AS quad, e.goldstein AS goldstein", []string{"e.date <> ''"}, nil)
		q = "SELECT date, quad, count(*), " + goldSum + " FROM (" + sel + ") GROUP BY date, quad ORDER BY date, quad"
	}
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: event counts: %w", err)
	}
	defer rows.Close()
	var out []store.DayCount
	for rows.Next() {
		var c store.DayCount
		if err := rows.Scan(&c.Date, &c.Quad, &c.Events, &c.Goldstein); err != nil {
			return nil, fmt.Errorf("sqlite: event counts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: event counts: %w", err)
	}
	return out, nil
}

// unitSQL divides event_days' Goldstein sums back into points.
const unitSQL = "1000000.0"

// goldSum adds up the Goldstein values of events (a column goldstein) as
// the summaries do, in integer millionths: a sum of floats depends on the
// order rows are read in, which differs between two stores of the same
// events (one bulk loaded) and between a summary and its events.
const goldSum = "total(CAST(round(goldstein * 1000000) AS INTEGER)) / " + unitSQL

// Dyads implements store.Queries, from the dyad_totals or event_days
// summary when the filter allows (see EventCounts).
func (db *DB) Dyads(ctx context.Context, f store.EventFilter, n int) ([]store.DyadCount, error) {
	if n <= 0 || n > store.MaxLimit {
		n = store.MaxLimit
	}
	pairs := []string{"e.source_code <> ''", "e.target_code <> ''"}
	var q string
	var args []any
	var err error
	if fromDays(f) {
		// Without date bounds, dyad_totals holds each dyad's whole time in
		// a few rows; with them, event_days its days.
		table := "event_days"
		if store.DyadTotalsSummarized(f) {
			table = "dyad_totals"
		}
		var sel string
		sel, args, err = selectSummary(table, f, "e.source_code AS src, e.target_code AS tgt, e.quad AS quad, "+summed(f), pairs)
		q = `SELECT src, tgt, sum(n), sum(CASE WHEN quad IN (1, 2) THEN n ELSE 0 END),
		sum(CASE WHEN quad IN (3, 4) THEN n ELSE 0 END), sum(g) / ` + unitSQL + ` FROM (` + sel + `)
		GROUP BY src, tgt ORDER BY sum(n) DESC, src, tgt LIMIT ?`
	} else {
		var sel string
		sel, args, err = selectEvents(f, "e.source_code AS src, e.target_code AS tgt, e.quad AS quad, e.goldstein AS goldstein", pairs, nil)
		q = `SELECT src, tgt, count(*), sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END),
		sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END), ` + goldSum + ` FROM (` + sel + `)
		GROUP BY src, tgt ORDER BY count(*) DESC, src, tgt LIMIT ?`
	}
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, q, append(args, n)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: dyads: %w", err)
	}
	defer rows.Close()
	var out []store.DyadCount
	for rows.Next() {
		var c store.DyadCount
		if err := rows.Scan(&c.Source, &c.Target, &c.Events, &c.Cooperation, &c.Conflict, &c.Goldstein); err != nil {
			return nil, fmt.Errorf("sqlite: dyads: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: dyads: %w", err)
	}
	rows.Close()
	// Names come from one event of each pair: the aggregate above then
	// reads only the covering index.
	for i := range out {
		c := &out[i]
		err := db.queryRow(ctx, `SELECT source_name, target_name FROM events
			WHERE source_code = ? AND target_code = ? LIMIT 1`, c.Source, c.Target).Scan(&c.SourceName, &c.TargetName)
		if err != nil {
			return nil, fmt.Errorf("sqlite: dyads: names of %s-%s: %w", c.Source, c.Target, err)
		}
	}
	return out, nil
}

// placeCols are the columns Places groups f's events by: the location
// country, and the name and coordinates of a city (empty and NULL for an
// event not placed in a city).
const placeCols = `e.location_country AS country,
	CASE WHEN e.geo_precision = 'city' AND e.lat IS NOT NULL AND e.lon IS NOT NULL THEN e.location ELSE '' END AS city,
	CASE WHEN e.geo_precision = 'city' AND e.lon IS NOT NULL THEN e.lat END AS lat,
	CASE WHEN e.geo_precision = 'city' AND e.lat IS NOT NULL THEN e.lon END AS lon`

// Places implements store.Queries: the rows of place_days that count f's
// events grouped by place when store.PlacesSummarized(f) (placesFromDays),
// else one pass over f's events grouped by country and city, summed into
// countries by store.PlaceRows.
func (db *DB) Places(ctx context.Context, f store.EventFilter) ([]store.PlaceCount, error) {
	if store.PlacesSummarized(f) {
		return db.placesFromDays(ctx, f)
	}
	sel, args, err := selectEvents(f, placeCols, nil, nil)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, "SELECT country, city, lat, lon, count(*) FROM ("+sel+") GROUP BY country, city, lat, lon", args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	defer rows.Close()
	var out []store.PlaceCount
	for rows.Next() {
		var p store.PlaceCount
		if err := rows.Scan(&p.Country, &p.City, &p.Lat, &p.Lon, &p.Events); err != nil {
			return nil, fmt.Errorf("sqlite: places: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	return store.PlaceRows(out), nil
}

// placesFromDays is Places from place_days, for a filter that
// store.PlacesSummarized answers. Its rows are grouped in the order of its
// primary key, so that no sort is needed: a place without coordinates may
// give a row per city name, which store.PlaceRows sums into its country
// as it sums the rows of the events. Without a country or city filter,
// the events that place_days does not count are the whole store's
// (event_totals, a last row of country NULL from the same statement, so
// the same snapshot) less those it does, a row of country "".
func (db *DB) placesFromDays(ctx context.Context, f store.EventFilter) ([]store.PlaceCount, error) {
	conds, args := placeKeyConds(f)
	if f.Quad != 0 {
		conds, args = append(conds, "e.quad = ?"), append(args, f.Quad)
	}
	conds, args = statusDates(f, conds, args)
	n := "e.events"
	if f.Anchors() {
		n = "e.happenings"
		conds = append(conds, "e.happenings > 0")
	}
	q := `SELECT e.location_country, CASE WHEN e.has_coords THEN e.city ELSE '' END,
		CASE WHEN e.has_coords THEN e.lat END, CASE WHEN e.has_coords THEN e.lon END, sum(` + n + `)
		FROM place_days e WHERE ` + strings.Join(conds, " AND ") + `
		GROUP BY e.location_country, e.city, e.has_coords, e.lat, e.lon`
	whole := f.Country == "" && f.City == ""
	if whole {
		sel, sargs, ok := selectSmaller(f, summed(f), nil)
		if !ok {
			return nil, fmt.Errorf("sqlite: places: no whole-store summary answers %+v", f)
		}
		q = "SELECT * FROM (" + q + ") UNION ALL SELECT NULL, '', NULL, NULL, (SELECT coalesce(sum(n), 0) FROM (" + sel + "))"
		args = append(args, sargs...)
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	defer rows.Close()
	var out []store.PlaceCount
	placed, all := 0, 0
	for rows.Next() {
		var p store.PlaceCount
		var country sql.NullString
		if err := rows.Scan(&country, &p.City, &p.Lat, &p.Lon, &p.Events); err != nil {
			return nil, fmt.Errorf("sqlite: places: %w", err)
		}
		if !country.Valid {
			all = p.Events
			continue
		}
		p.Country = country.String
		out = append(out, p)
		placed += p.Events
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	if whole && all > placed {
		out = append(out, store.PlaceCount{Events: all - placed})
	}
	return store.PlaceRows(out), nil
}

// ActorNames implements store.Queries. An actor with more than store.ManyNames
// events gets one name per code (see store.ManyNames).
func (db *DB) ActorNames(ctx context.Context, code string, f store.EventFilter) ([]store.ActorName, error) {
	if code == "" {
		return nil, fmt.Errorf("%w: empty actor code", store.ErrBadQuery)
	}
	f.Actor, f.Source, f.Target = "", "", ""
	lo, hi := store.PrefixRange(code)
	side := func(role string, names bool) (string, []any, error) {
		src := "0"
		if role == "source" {
			src = "1"
		}
		cols := "'' AS name, '' AS country, '' AS sector"
		if names {
			cols = "e." + role + "_name AS name, e." + role + "_country AS country, e." + role + "_sector AS sector"
		}
		return selectEvents(f, "e."+role+"_code AS code, "+cols+", "+src+" AS src, e.date AS date",
			[]string{"e." + role + "_code >= ? AND e." + role + "_code < ?"}, []any{lo, hi})
	}
	if store.DyadTotalsSummarized(f) {
		out, n, err := db.codeCounts(ctx, lo, hi, f)
		if err != nil || n >= store.ManyNames {
			return out, err
		}
	}
	qs, as, err := side("source", false)
	if err != nil {
		return nil, err
	}
	qt, at, err := side("target", false)
	if err != nil {
		return nil, err
	}
	var n int
	if err := db.queryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM ("+qs+") UNION ALL SELECT 1 FROM ("+qt+") LIMIT ?)",
		append(append(append([]any{}, as...), at...), store.ManyNames)...).Scan(&n); err != nil {
		return nil, fmt.Errorf("sqlite: actor names: %w", err)
	}
	many := n >= store.ManyNames
	if !many {
		if qs, as, err = side("source", true); err != nil {
			return nil, err
		}
		if qt, at, err = side("target", true); err != nil {
			return nil, err
		}
	}
	rows, err := db.query(ctx, `SELECT code, name, max(country), max(sector), sum(src), sum(1 - src),
		min(CASE WHEN date = '' THEN NULL ELSE date END), max(date)
		FROM (SELECT * FROM (`+qs+`) UNION ALL SELECT * FROM (`+qt+`)) GROUP BY code, name ORDER BY count(*) DESC, code, name LIMIT ?`,
		append(append(as, at...), store.MaxLimit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: actor names: %w", err)
	}
	defer rows.Close()
	var out []store.ActorName
	for rows.Next() {
		var a store.ActorName
		var first *string
		if err := rows.Scan(&a.Code, &a.Name, &a.Country, &a.Sector, &a.AsSource, &a.AsTarget, &first, &a.Last); err != nil {
			return nil, fmt.Errorf("sqlite: actor names: %w", err)
		}
		if first != nil {
			a.First = *first
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: actor names: %w", err)
	}
	rows.Close()
	if many {
		if err := db.nameCodes(ctx, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// nameCodes gives each of the per-code rows of an actor with many events
// the name, country and sector of one of the code's events.
func (db *DB) nameCodes(ctx context.Context, out []store.ActorName) error {
	for i := range out {
		a := &out[i]
		err := db.queryRow(ctx, `SELECT name, country, sector FROM (
			SELECT source_name AS name, source_country AS country, source_sector AS sector FROM events WHERE source_code = ?
			UNION ALL SELECT target_name, target_country, target_sector FROM events WHERE target_code = ?) LIMIT 1`,
			a.Code, a.Code).Scan(&a.Name, &a.Country, &a.Sector)
		if err != nil {
			return fmt.Errorf("sqlite: actor names: name of %s: %w", a.Code, err)
		}
	}
	return nil
}

// codeCounts is ActorNames for an actor code prefix [lo, hi) and a filter
// without dates (store.DyadTotalsSummarized), when it has store.ManyNames
// events or more: each code's counts as source and as target come from
// dyad_totals, a few rows per dyad, and its first and last days from four
// steps into the source and target date indexes (the first matching event
// each way), instead of a pass over every event of the actor (30 % of a
// store for the busiest). It also returns how many events the codes
// count; below store.ManyNames the rows are not complete (no days nor names)
// and the caller reads the events instead.
func (db *DB) codeCounts(ctx context.Context, lo, hi string, f store.EventFilter) ([]store.ActorName, int, error) {
	side := func(role, src string) (string, []any, error) {
		return selectSummary("dyad_totals", f, "e."+role+"_code AS code, "+summed(f)+", "+src+" AS src",
			[]string{"e." + role + "_code >= ? AND e." + role + "_code < ?"}, lo, hi)
	}
	qs, as, err := side("source", "1")
	if err != nil {
		return nil, 0, err
	}
	qt, at, err := side("target", "0")
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT code, sum(src * n), sum((1 - src) * n)
		FROM (SELECT * FROM (`+qs+`) UNION ALL SELECT * FROM (`+qt+`)) GROUP BY code HAVING sum(n) > 0
		ORDER BY sum(n) DESC, code`, append(as, at...)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: actor names: %w", err)
	}
	defer rows.Close()
	var out []store.ActorName
	total := 0
	for rows.Next() {
		var a store.ActorName
		if err := rows.Scan(&a.Code, &a.AsSource, &a.AsTarget); err != nil {
			return nil, 0, fmt.Errorf("sqlite: actor names: %w", err)
		}
		total += a.AsSource + a.AsTarget
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: actor names: %w", err)
	}
	if total < store.ManyNames {
		return nil, total, nil
	}
	out = out[:min(len(out), store.MaxLimit)]
	rows.Close()
	for i := range out {
		a := &out[i]
		for _, role := range []string{"source", "target"} {
			for _, order := range []string{"", " DESC"} {
				sel, args, err := selectEvents(f, "e.date AS date", []string{"e." + role + "_code = ?", "e.date <> ''"}, []any{a.Code})
				if err != nil {
					return nil, 0, err
				}
				var day string
				err = db.queryRow(ctx, sel+" ORDER BY e.date"+order+" LIMIT 1", args...).Scan(&day)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return nil, 0, fmt.Errorf("sqlite: actor names: days of %s: %w", a.Code, err)
				}
				if day != "" && (a.First == "" || day < a.First) {
					a.First = day
				}
				a.Last = max(a.Last, day)
			}
		}
	}
	return out, total, db.nameCodes(ctx, out)
}

// denseMatches is the number of matching index entries from which EventList
// walks the events in date order instead of sorting the matches: with at
// least this many, a page is found within a few thousand index entries.
const denseMatches = 4000

// EventList implements store.Queries: the pages of Events, found through
// the covering indexes. Actor filters first count their matches in the
// covering indexes (up to denseMatches). Few matches are found by seeking
// each actor code and sorting them; many are found by walking events_date,
// which holds the codes, quad class and status, in page order until the
// page is full. Either way only the page's rows are read whole.
func (db *DB) EventList(ctx context.Context, f store.EventFilter) (store.EventPage, error) {
	cur, err := store.CursorOf(f)
	if err != nil {
		return store.EventPage{}, err
	}
	if f.ByGoldstein {
		return db.eventsByGoldstein(ctx, f, cur)
	}
	var extra []string
	var extraArgs []any
	date, id, before := cur.Date, cur.ID, cur.Before
	// The scan runs in the listing's order, or against it to the page
	// before a cursor of store.EncodePrevCursor.
	desc := f.Desc != before
	ge, gt, order := ">=", ">", ""
	if desc {
		ge, gt, order = "<=", "<", " DESC"
	}
	if f.Cursor != "" {
		// The first condition is implied by the second; it lets a walk
		// of an index on (code, date) seek to the cursor's day.
		extra = append(extra, "e.date "+ge+" ?", "(e.date "+gt+" ? OR (e.date = ? AND e.id "+gt+" ?))")
		extraArgs = append(extraArgs, date, date, date, id)
	}
	n := store.Limit(f.Limit)
	inner, args, err := db.orderedWalk(ctx, f, extra, extraArgs, n, order)
	if err != nil {
		return store.EventPage{}, err
	}
	dense := f.Actor == "" && f.Source == "" && f.Target == ""
	if !dense && inner == "" {
		// The count only chooses the plan: the summary's rows from the
		// cursor's day on stand in for the events when the filter allows.
		var q string
		var args []any
		var err error
		var cur []string
		var curArgs []any
		if f.Cursor != "" {
			cur, curArgs = []string{"e.date " + ge + " ?"}, []any{date}
		}
		if sel, sargs, ok := selectSmaller(f, summed(f), cur, curArgs...); ok {
			args = sargs
			q = "SELECT coalesce(sum(n), 0) FROM (SELECT n FROM (" + sel + ") LIMIT ?)"
		} else if fromDays(f) {
			var sel string
			sel, args, err = selectDays(f, summed(f), cur, curArgs...)
			q = "SELECT coalesce(sum(n), 0) FROM (SELECT n FROM (" + sel + ") LIMIT ?)"
		} else {
			var sel string
			sel, args, err = selectEvents(f, "1", extra, extraArgs)
			q = "SELECT count(*) FROM (" + sel + " LIMIT ?)"
		}
		if err != nil {
			return store.EventPage{}, err
		}
		var matches int
		if err := db.queryRow(ctx, q, append(args, denseMatches)...).Scan(&matches); err != nil {
			return store.EventPage{}, fmt.Errorf("sqlite: event list: %w", err)
		}
		dense = matches >= denseMatches
	}
	switch {
	case inner != "":
	case dense:
		// One walk in (date, id) order; the WHERE reads the index entry.
		with, wargs := withCodes(f)
		conds, cargs, join, err := eventWhere(f, eitherSide)
		if err != nil {
			return store.EventPage{}, err
		}
		conds = append(conds, extra...)
		from := "events e INDEXED BY events_date"
		if join {
			from += " JOIN documents d ON d.id = e.doc_id"
		}
		inner = with + "SELECT e.rowid FROM " + from + " WHERE " + strings.Join(conds, " AND ") + " ORDER BY e.date" + order + ", e.id" + order + " LIMIT ?"
		args = append(append(append(wargs, cargs...), extraArgs...), n+1)
	default:
		sel, sargs, err := selectEvents(f, "e.rowid AS rid, e.date AS date, e.id AS id", extra, extraArgs)
		if err != nil {
			return store.EventPage{}, err
		}
		inner = "SELECT rid FROM (" + sel + ") ORDER BY date" + order + ", id" + order + " LIMIT ?"
		args = append(sargs, n+1)
	}
	es, err := queryEvents(ctx, readPool{db}, "WHERE e.rowid IN ("+inner+") ORDER BY e.date"+order+", e.id"+order, args...)
	if err != nil {
		return store.EventPage{}, fmt.Errorf("sqlite: event list: %w", err)
	}
	return store.PageOf(f, es, n, before), nil
}

// eventsByGoldstein is EventList in (goldstein, date, id) order. A filter
// with many matches walks events_goldstein (migration 0012), which holds
// what the unfiltered list and the actor filters test, until the page is
// full; few matches are sorted.
func (db *DB) eventsByGoldstein(ctx context.Context, f store.EventFilter, cur store.Cursor) (store.EventPage, error) {
	desc := f.Desc != cur.Before
	ge, gt, order := ">=", ">", ""
	if desc {
		ge, gt, order = "<=", "<", " DESC"
	}
	var extra []string
	var extraArgs []any
	if f.Cursor != "" {
		// The first condition is implied by the second; it lets the walk
		// seek to the cursor's Goldstein value.
		extra = append(extra, "e.goldstein "+ge+" ?",
			"(e.goldstein "+gt+" ? OR (e.goldstein = ? AND (e.date "+gt+" ? OR (e.date = ? AND e.id "+gt+" ?))))")
		g := cur.Goldstein
		extraArgs = append(extraArgs, g, g, g, cur.Date, cur.Date, cur.ID)
	}
	n := store.Limit(f.Limit)
	// Only the default filters (statuses, live, anchors) are held by
	// every entry of the index; others count their matches first.
	plain := f.Actor == "" && f.Source == "" && f.Target == "" && f.Code == "" && f.Root == "" && f.Quad == 0 &&
		f.Plover == "" && f.From == "" && f.To == "" && f.Outlet == "" && f.Country == "" && f.City == "" && f.DocID == "" && f.Text == ""
	dense := plain
	if !plain {
		// The count only chooses the plan. Before a cursor, the summaries'
		// rows stand in for the events when they answer the filter; past
		// one, only the events hold the Goldstein values it bounds.
		var q, sel string
		var args []any
		var ok bool
		if f.Cursor == "" {
			sel, args, ok = selectSmaller(f, summed(f), nil)
			if !ok && fromDays(f) {
				var err error
				if sel, args, err = selectDays(f, summed(f), nil); err != nil {
					return store.EventPage{}, err
				}
				ok = true
			}
			q = "SELECT coalesce(sum(n), 0) FROM (SELECT n FROM (%s) LIMIT ?)"
		}
		if !ok {
			var err error
			if sel, args, err = selectEvents(f, "1", extra, extraArgs); err != nil {
				return store.EventPage{}, err
			}
			q = "SELECT count(*) FROM (%s LIMIT ?)"
		}
		var matches int
		if err := db.queryRow(ctx, fmt.Sprintf(q, sel), append(args, denseMatches)...).Scan(&matches); err != nil {
			return store.EventPage{}, fmt.Errorf("sqlite: event list: %w", err)
		}
		dense = matches >= denseMatches
	}
	keys := " ORDER BY e.goldstein" + order + ", e.date" + order + ", e.id" + order
	var inner string
	var args []any
	if dense {
		with, wargs := withCodes(f)
		conds, cargs, join, err := eventWhere(f, eitherSide)
		if err != nil {
			return store.EventPage{}, err
		}
		conds = append(conds, extra...)
		from := "events e INDEXED BY events_goldstein"
		if join {
			from += " JOIN documents d ON d.id = e.doc_id"
		}
		inner = with + "SELECT e.rowid FROM " + from + " WHERE " + strings.Join(conds, " AND ") + keys + " LIMIT ?"
		args = append(append(append(wargs, cargs...), extraArgs...), n+1)
	} else {
		sel, sargs, err := selectEvents(f, "e.rowid AS rid, e.goldstein AS g, e.date AS date, e.id AS id", extra, extraArgs)
		if err != nil {
			return store.EventPage{}, err
		}
		inner = "SELECT rid FROM (" + sel + ") ORDER BY g" + order + ", date" + order + ", id" + order + " LIMIT ?"
		args = append(sargs, n+1)
	}
	es, err := queryEvents(ctx, readPool{db}, "WHERE e.rowid IN ("+inner+")"+keys, args...)
	if err != nil {
		return store.EventPage{}, fmt.Errorf("sqlite: event list: %w", err)
	}
	return store.PageOf(f, es, n, cur.Before), nil
}
