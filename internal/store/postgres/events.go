package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

const eventColumns = `e.id, e.doc_id,
	e.source_code, e.source_name, e.source_text, e.source_start, e.source_end, e.source_country, e.source_sector,
	e.target_code, e.target_name, e.target_text, e.target_start, e.target_end, e.target_country, e.target_sector,
	e.code, e.root, e.name, e.goldstein, e.quad, e.plover_type, e.plover_mode,
	e.status, e.cue_start, e.cue_end, e.cue_text,
	e.attributed, e.attributed_code, e.attributed_name, e.attributed_text, e.attributed_start, e.attributed_end,
	e.attributed_country, e.attributed_sector,
	e.date, e.date_value, e.precision, e.date_start, e.date_end,
	e.location, e.lat, e.lon,
	e.confidence, e.trigger_start, e.trigger_end, e.trigger_text, e.sentence_start, e.sentence_end, e.rule,
	e.why, e.source_inferred, e.target_inferred, e.attributed_inferred,
	e.location_country, e.admin1, e.geo_precision, e.location_start, e.location_end, e.happening,
	d.outlet, d.url`

// actorScan receives an actor's columns.
type actorScan struct {
	a          event.Actor
	start, end *int32
}

func (s *actorScan) dest() []any {
	return []any{&s.a.Code, &s.a.Name, &s.a.Text, &s.start, &s.end, &s.a.Country, &s.a.Sector}
}

func (s *actorScan) actor() event.Actor {
	s.a.Span = span(s.start, s.end)
	return s.a
}

func scanEvent(rows pgx.Rows) (event.Event, error) {
	var e event.Event
	var src, tgt, att actorScan
	var status, why string
	var attributed bool
	var cs, ce, ds, de, ls, le *int32
	dest := []any{&e.ID, &e.DocID}
	dest = append(dest, src.dest()...)
	dest = append(dest, tgt.dest()...)
	dest = append(dest, &e.Code, &e.Root, &e.Name, &e.Goldstein, &e.Quad, &e.PloverType, &e.PloverMode,
		&status, &cs, &ce, &e.CueText, &attributed)
	dest = append(dest, att.dest()...)
	dest = append(dest, &e.Date, &e.DateValue, &e.Precision, &ds, &de, &e.Location, &e.Lat, &e.Lon,
		&e.Confidence, &e.Trigger.Start, &e.Trigger.End, &e.TriggerText, &e.Sentence.Start, &e.Sentence.End,
		&e.Rule, &why, &src.a.Inferred, &tgt.a.Inferred, &att.a.Inferred,
		&e.LocationCountry, &e.Admin1, &e.GeoPrecision, &ls, &le, &e.Happening, &e.Outlet, &e.URL)
	if err := rows.Scan(dest...); err != nil {
		return e, err
	}
	var err error
	if e.Why, err = store.ParseWhy(why); err != nil {
		return e, fmt.Errorf("event %s: %w", e.ID, err)
	}
	e.Source, e.Target = src.actor(), tgt.actor()
	if attributed {
		a := att.actor()
		e.Attributed = &a
	}
	e.Status = event.Status(status)
	e.Cue, e.DateSpan, e.LocationSpan = span(cs, ce), span(ds, de), span(ls, le)
	return e, nil
}

// queryEvents runs a SELECT of events joined with their documents; tail is
// the WHERE/ORDER BY/LIMIT part.
func queryEvents(ctx context.Context, q querier, tail string, a ...any) ([]event.Event, error) {
	rows, err := q.Query(ctx, `SELECT `+eventColumns+` FROM events e JOIN documents d ON d.id = e.doc_id `+tail, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []event.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, rows.Err()
}

// eventWhere returns the WHERE conditions that select the events of f
// (without its cursor), over events e joined with documents d, adding
// their parameters to a, and whether the join is needed.
func eventWhere(f store.EventFilter, a *args) (conds []string, join bool, err error) {
	prefix := func(col, p string) {
		lo, hi := store.PrefixRange(p)
		conds = append(conds, col+" >= "+a.add(lo)+" AND "+col+" < "+a.add(hi))
	}
	eq := func(col string, v any) {
		conds = append(conds, col+" = "+a.add(v))
	}
	if f.Actor != "" {
		lo, hi := store.PrefixRange(f.Actor)
		l, h := a.add(lo), a.add(hi)
		conds = append(conds, "((e.source_code >= "+l+" AND e.source_code < "+h+") OR (e.target_code >= "+l+" AND e.target_code < "+h+"))")
	}
	if f.Source != "" {
		prefix("e.source_code", f.Source)
	}
	if f.Target != "" {
		prefix("e.target_code", f.Target)
	}
	if f.Code != "" {
		eq("e.code", f.Code)
	}
	if f.Root != "" {
		eq("e.root", f.Root)
	}
	if f.Quad != 0 {
		eq("e.quad", f.Quad)
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
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []event.Status{event.Asserted, event.Reported}
	}
	ph := make([]string, len(statuses))
	for i, s := range statuses {
		ph[i] = a.add(string(s))
	}
	conds = append(conds, "e.status IN ("+strings.Join(ph, ", ")+")")
	if f.From != "" {
		conds = append(conds, "e.date >= "+a.add(f.From))
	}
	if f.To != "" {
		conds = append(conds, "e.date <= "+a.add(f.To))
	}
	if f.DocID != "" {
		eq("e.doc_id", f.DocID)
	} else {
		// A superseded version's events count no more, unless asked for by name.
		conds = append(conds, "e.live")
	}
	if f.Anchors() {
		// Written as a test of the expression that the statistics
		// events_anchor (migration 0005) describe, so that the planner
		// knows most events anchor their happening; as happening = id
		// it would guess one in 200 and sort a whole scan for a page.
		conds = append(conds, "(e.happening = e.id) IS TRUE")
	}
	if f.Outlet != "" {
		eq("d.outlet", f.Outlet)
		join = true
	}
	if f.Text != "" {
		q, err := tsQuery(f.Text, a)
		if err != nil {
			return nil, false, err
		}
		conds = append(conds, "d.fts @@ "+q)
		join = true
	}
	return conds, join, nil
}

// Events implements store.Store.
func (db *DB) Events(ctx context.Context, f store.EventFilter) (store.EventPage, error) {
	tail, a, n, before, err := pageQuery(f)
	if err != nil {
		return store.EventPage{}, err
	}
	es, err := queryEvents(ctx, db.pool, tail, a...)
	if err != nil {
		return store.EventPage{}, fmt.Errorf("postgres: events: %w", err)
	}
	return store.PageOf(f, es, n, before), nil
}

// pageQuery returns the WHERE, ORDER BY and LIMIT of the query of f's page
// for queryEvents, its parameters, the page size and whether the page
// ends before f's cursor.
func pageQuery(f store.EventFilter) (tail string, a args, n int, before bool, err error) {
	where, _, err := eventWhere(f, &a)
	if err != nil {
		return "", nil, 0, false, err
	}
	cur, err := store.CursorOf(f)
	if err != nil {
		return "", nil, 0, false, err
	}
	before = cur.Before
	// The scan runs in the listing's order, or against it to the page
	// before a cursor of store.EncodePrevCursor.
	op, dir := ">", ""
	if f.Desc != before {
		op, dir = "<", " DESC"
	}
	keys, vals := "e.date, e.id", ""
	if f.Cursor != "" {
		vals = a.add(cur.Date) + "::text COLLATE \"C\", " + a.add(cur.ID) + "::text COLLATE \"C\""
	}
	order := " ORDER BY e.date" + dir + ", e.id" + dir
	if f.ByGoldstein {
		keys, order = "e.goldstein, "+keys, " ORDER BY e.goldstein"+dir+", e.date"+dir+", e.id"+dir
		if f.Cursor != "" {
			vals = a.add(cur.Goldstein) + "::double precision, " + vals
		}
	}
	if f.Cursor != "" {
		where = append(where, "("+keys+") "+op+" ("+vals+")")
	}
	n = store.Limit(f.Limit)
	return "WHERE " + strings.Join(where, " AND ") + order + " LIMIT " + a.add(n+1), a, n, before, nil
}

// happeningCountsSQL counts the reports of the happenings $1 names: the
// anchors by events_id, the other members by events_happening.
const happeningCountsSQL = `SELECT e.happening, count(*), count(DISTINCT e.doc_id), count(DISTINCT nullif(d.outlet, '')),
		coalesce(min(nullif(d.published, '')), ''), coalesce(max(nullif(d.published, '')), '')
		FROM (SELECT * FROM events WHERE id = ANY($1) AND happening = id
			UNION ALL SELECT * FROM events WHERE happening = ANY($1) AND happening <> id) e
		JOIN documents d ON d.id = e.doc_id
		WHERE e.live GROUP BY e.happening`

// HappeningCounts implements store.Store.
func (db *DB) HappeningCounts(ctx context.Context, ids []string) (map[string]store.HappeningCount, error) {
	out := make(map[string]store.HappeningCount, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, happeningCountsSQL, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: happening counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var c store.HappeningCount
		if err := rows.Scan(&id, &c.Mentions, &c.Documents, &c.Outlets, &c.First, &c.Last); err != nil {
			return nil, fmt.Errorf("postgres: happening counts: %w", err)
		}
		c.First, c.Last = store.Day(c.First), store.Day(c.Last)
		out[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: happening counts: %w", err)
	}
	return out, nil
}
