package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

const insertEvent = `INSERT INTO events (id, doc_id, ord,
	source_code, source_name, source_text, source_start, source_end, source_country, source_sector,
	target_code, target_name, target_text, target_start, target_end, target_country, target_sector,
	code, root, name, goldstein, quad, plover_type, plover_mode,
	status, cue_start, cue_end, cue_text,
	attributed, attributed_code, attributed_name, attributed_text, attributed_start, attributed_end,
	attributed_country, attributed_sector,
	date, date_value, precision, date_start, date_end,
	location, lat, lon,
	confidence, trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, rule,
	why, source_inferred, target_inferred, attributed_inferred,
	location_country, admin1, geo_precision, location_start, location_end,
	link_key, link_start, link_end, happening, hap_anchor, live)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
	?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
	?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func actorArgs(a event.Actor) []any {
	start, end := spanArgs(a.Span)
	return []any{a.Code, a.Name, a.Text, start, end, a.Country, a.Sector}
}

func nullFloat(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// eventArgs returns the values of insertEvent for e, the ord'th event of
// document id, stored live (counted) or not; its explanation is bounded by
// store.WhyJSON. The event is stored as the anchor of its own happening.
func eventArgs(id string, ord int, e *event.Event, live bool) ([]any, error) {
	why, err := store.WhyJSON(e.Why)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", e.ID, err)
	}
	args := []any{e.ID, id, ord}
	args = append(args, actorArgs(e.Source)...)
	args = append(args, actorArgs(e.Target)...)
	cs, ce := spanArgs(e.Cue)
	args = append(args, e.Code, e.Root, e.Name, e.Goldstein, e.Quad, e.PloverType, e.PloverMode,
		string(e.Status), cs, ce, e.CueText)
	if e.Attributed != nil {
		args = append(args, 1)
		args = append(args, actorArgs(*e.Attributed)...)
	} else {
		args = append(args, 0, "", "", "", nil, nil, "", "")
	}
	attInferred := ""
	if e.Attributed != nil {
		attInferred = e.Attributed.Inferred
	}
	ds, de := spanArgs(e.DateSpan)
	args = append(args, e.Date, e.DateValue, e.Precision, ds, de,
		e.Location, nullFloat(e.Lat), nullFloat(e.Lon),
		e.Confidence, e.Trigger.Start, e.Trigger.End, e.TriggerText, e.Sentence.Start, e.Sentence.End, e.Rule,
		why, e.Source.Inferred, e.Target.Inferred, attInferred)
	ls, le := spanArgs(e.LocationSpan)
	key, start, end := store.LinkFields(e)
	args = append(args, e.LocationCountry, e.Admin1, e.GeoPrecision, ls, le, key, start, end, e.ID, end, live)
	return args, nil
}

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
	start, end sql.NullInt64
}

func (s *actorScan) dest() []any {
	return []any{&s.a.Code, &s.a.Name, &s.a.Text, &s.start, &s.end, &s.a.Country, &s.a.Sector}
}

func (s *actorScan) actor() event.Actor {
	s.a.Span = span(s.start, s.end)
	return s.a
}

func scanEvent(rows *sql.Rows) (event.Event, error) {
	var e event.Event
	var src, tgt, att actorScan
	var status, why string
	var attributed int
	var cs, ce, ds, de, ls, le sql.NullInt64
	var lat, lon sql.NullFloat64
	dest := []any{&e.ID, &e.DocID}
	dest = append(dest, src.dest()...)
	dest = append(dest, tgt.dest()...)
	dest = append(dest, &e.Code, &e.Root, &e.Name, &e.Goldstein, &e.Quad, &e.PloverType, &e.PloverMode,
		&status, &cs, &ce, &e.CueText, &attributed)
	dest = append(dest, att.dest()...)
	dest = append(dest, &e.Date, &e.DateValue, &e.Precision, &ds, &de, &e.Location, &lat, &lon,
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
	if attributed != 0 {
		a := att.actor()
		e.Attributed = &a
	}
	e.Status = event.Status(status)
	e.Cue, e.DateSpan, e.LocationSpan = span(cs, ce), span(ds, de), span(ls, le)
	if lat.Valid {
		e.Lat = &lat.Float64
	}
	if lon.Valid {
		e.Lon = &lon.Float64
	}
	return e, nil
}

// queryEvents runs a SELECT of events joined with their documents; tail is
// the WHERE/ORDER BY/LIMIT part. The planner takes the unique index on
// documents.id for the join and then reads the row; the index of 0006
// holds the outlet and URL too.
func queryEvents(ctx context.Context, q querier, tail string, args ...any) ([]event.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+eventColumns+` FROM events e JOIN documents d INDEXED BY documents_id_outlet_url ON d.id = e.doc_id `+tail, args...)
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

// Events implements store.Store with the plan of EventList, whose pages
// and cursors are the same by contract.
func (db *DB) Events(ctx context.Context, f store.EventFilter) (store.EventPage, error) {
	return db.EventList(ctx, f)
}

// HappeningCounts implements store.Store.
func (db *DB) HappeningCounts(ctx context.Context, ids []string) (map[string]store.HappeningCount, error) {
	out := make(map[string]store.HappeningCount, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i := range args {
			args[i] = ids[i]
		}
		// The anchors by their ID, the other reports through the partial
		// index events_happening.
		rows, err := db.query(ctx, `SELECT e.happening, count(*), count(DISTINCT e.doc_id), count(DISTINCT nullif(d.outlet, '')),
			coalesce(min(nullif(d.published, '')), ''), coalesce(max(nullif(d.published, '')), '')
			FROM (SELECT * FROM events WHERE id IN (`+placeholders(n)+`) AND happening = id
				UNION ALL SELECT * FROM events WHERE happening IN (`+placeholders(n)+`) AND happening <> id) e
			JOIN documents d ON d.id = e.doc_id
			WHERE e.live = 1 GROUP BY e.happening`, append(args, args...)...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: happening counts: %w", err)
		}
		for rows.Next() {
			var id string
			var c store.HappeningCount
			if err := rows.Scan(&id, &c.Mentions, &c.Documents, &c.Outlets, &c.First, &c.Last); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: happening counts: %w", err)
			}
			c.First, c.Last = store.Day(c.First), store.Day(c.Last)
			out[id] = c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: happening counts: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}

// placeholders returns n comma-separated question marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
