package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// summaries keeps event_days, event_periods, the smaller summaries
// of migration 0014 (event_totals, actor_days, code_days, dyad_totals)
// and place_days (0016) exact for one write transaction. Every change the transaction makes to
// the live events (an event inserted, deleted, switched dead or alive,
// made or unmade the anchor of its happening) is added here as a delta of
// its summary rows; apply writes the sums once, before commit. Migration
// 0013 dropped the per-row triggers that did this for each event.
//
// A change is recorded from the row as it was when the change was made
// (a RETURNING clause or the values inserted), so the sum of the deltas
// is exact whatever order the changes come in. The zero value is not
// ready; use newSummaries.
type summaries struct {
	days    map[dayKey]*delta
	periods map[periodKey]*delta
	totals  map[totalKey]*delta
	actors  map[keyDay]*delta  // actor_days
	codes   map[codeDay]*delta // code_days
	dyads   map[dyadKey]*delta
	places  map[placeDay]*delta
}

// dayKey is the key of an event_days row.
type dayKey struct {
	source, target, date string
	quad                 int
	status               string
}

// periodKey is the key of an event_periods row: kind is week or month and
// date the first day of the period.
type periodKey struct {
	kind string
	dayKey
}

// totalKey is the key of an event_totals row.
type totalKey struct {
	date   string
	quad   int
	status string
}

// keyDay is the key of an actor_days row: key is an actor key.
type keyDay struct {
	key string
	totalKey
}

// codeDay is the key of a code_days row: key is a CAMEO code, or with
// root an events' root.
type codeDay struct {
	key  string
	root bool
	totalKey
}

// dyadKey is the key of a dyad_totals row.
type dyadKey struct {
	source, target string
	quad           int
	status         string
}

// placeKey is where place_days counts an event (migration 0016): its
// location country, its city (its location when placed in a city) and,
// with hasCoords, the city's coordinates (else lat and lon are 0).
type placeKey struct {
	country, city string
	hasCoords     bool
	lat, lon      float64
}

// placeOf returns the placeKey of an event's location columns.
func placeOf(country, location, precision string, lat, lon *float64) placeKey {
	p := placeKey{country: country}
	if precision == "city" {
		p.city = location
		if lat != nil && lon != nil {
			p.hasCoords, p.lat, p.lon = true, *lat, *lon
		}
	}
	return p
}

// placed reports whether place_days counts the events of p: those with a
// country or a city.
func (p placeKey) placed() bool { return p.country != "" || p.city != "" }

// placeDay is the key of a place_days row.
type placeDay struct {
	placeKey
	totalKey
}

// eventKey is what the summaries' keys are made of for one event.
type eventKey struct {
	dayKey
	code, root string
	place      placeKey
}

// delta is a change to the four counts of a summary row; Goldstein sums
// are in millionths, as in the tables.
type delta struct {
	events, goldstein, happenings, hapGoldstein int64
}

func (d *delta) zero() bool { return *d == delta{} }

func newSummaries() *summaries {
	return &summaries{days: map[dayKey]*delta{}, periods: map[periodKey]*delta{}, totals: map[totalKey]*delta{},
		actors: map[keyDay]*delta{}, codes: map[codeDay]*delta{}, dyads: map[dyadKey]*delta{}, places: map[placeDay]*delta{}}
}

// summaryRow is what the summaries need of one event.
type summaryRow struct {
	dayKey
	code, root string
	// The location columns, of which key makes a placeKey.
	country, location, precision string
	lat, lon                     *float64
	goldstein                    float64
	anchor                       bool // happening = id
}

// key returns the keys r counts under.
func (r *summaryRow) key() eventKey {
	return eventKey{r.dayKey, r.code, r.root, placeOf(r.country, r.location, r.precision, r.lat, r.lon)}
}

// summaryCols are the columns of a summaryRow, as RETURNING gives them.
const summaryCols = `source_code, target_code, date, quad, status, code, root,
	location_country, location, geo_precision, lat, lon, goldstein, happening = id`

// scanArgs returns the destinations of summaryCols, then more.
func (r *summaryRow) scanArgs(more ...any) []any {
	return append([]any{&r.source, &r.target, &r.date, &r.quad, &r.status, &r.code, &r.root,
		&r.country, &r.location, &r.precision, &r.lat, &r.lon, &r.goldstein, &r.anchor}, more...)
}

// millionths is a Goldstein value as the summaries add it up, the same
// integer as CAST(round(goldstein * 1000000) AS INTEGER) in SQL.
func millionths(g float64) int64 { return int64(math.Round(g * 1e6)) }

// periodStarts returns the first days of the week (starting on Monday)
// and the month of day, or ok false when day is not a valid calendar day
// (such events have no period, see migration 0005).
func periodStarts(day string) (week, month string, ok bool) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil || t.Format(time.DateOnly) != day {
		return "", "", false
	}
	w := t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	return w.Format(time.DateOnly), day[:8] + "01", true
}

// add records sign (+1 or -1) times the event r in every count.
func (s *summaries) add(r summaryRow, sign int64) {
	d := delta{events: sign, goldstein: sign * millionths(r.goldstein)}
	if r.anchor {
		d.happenings, d.hapGoldstein = d.events, d.goldstein
	}
	s.change(r.key(), d)
}

// anchor records that the live event r became (sign +1) or stopped being
// (sign -1) the anchor of its happening.
func (s *summaries) anchor(r summaryRow, sign int64) {
	s.change(r.key(), delta{happenings: sign, hapGoldstein: sign * millionths(r.goldstein)})
}

// change adds d to every summary row that counts an event of key k.
func (s *summaries) change(k eventKey, d delta) {
	addTo(s.days, k.dayKey, d)
	t := totalKey{k.date, k.quad, k.status}
	addTo(s.totals, t, d)
	addTo(s.dyads, dyadKey{k.source, k.target, k.quad, k.status}, d)
	for _, a := range store.ActorKeys(k.source, k.target) {
		addTo(s.actors, keyDay{a, t}, d)
	}
	addTo(s.codes, codeDay{k.code, false, t}, d)
	addTo(s.codes, codeDay{k.root, true, t}, d)
	if k.place.placed() {
		addTo(s.places, placeDay{k.place, t}, d)
	}
	if week, month, ok := periodStarts(k.date); ok {
		pk := k.dayKey
		pk.date = week
		addTo(s.periods, periodKey{"week", pk}, d)
		pk.date = month
		addTo(s.periods, periodKey{"month", pk}, d)
	}
}

func addTo[K comparable](m map[K]*delta, k K, d delta) {
	t := m[k]
	if t == nil {
		t = &delta{}
		m[k] = t
	}
	t.events += d.events
	t.goldstein += d.goldstein
	t.happenings += d.happenings
	t.hapGoldstein += d.hapGoldstein
}

// inserted records a new event, stored live or not. A new event is the
// anchor of its own happening until linking says otherwise.
func (s *summaries) inserted(e *event.Event, live bool) {
	if !live {
		return
	}
	s.add(summaryRow{dayKey: dayKey{e.Source.Code, e.Target.Code, e.Date, e.Quad, string(e.Status)}, code: e.Code, root: e.Root,
		country: e.LocationCountry, location: e.Location, precision: e.GeoPrecision, lat: e.Lat, lon: e.Lon,
		goldstein: e.Goldstein, anchor: true}, 1)
}

// Statements whose rows subtract takes out of the summaries: the events
// of a document deleted before its new analysis is stored (RETURNING
// cannot filter, so it says which were live), and the live events of a
// document that a newer version at its URL replaces, switched dead (so
// every row it returns was live).
const (
	deleteDocEvents = `DELETE FROM events WHERE doc_id = ? RETURNING ` + summaryCols + `, live`
	retireDocEvents = `UPDATE events SET live = 0 WHERE doc_id = ? AND live = 1 RETURNING ` + summaryCols + `, 1`
)

// subtract runs st, one of the statements above, for document id and
// takes the events it returns that were live out of the summaries.
func (s *summaries) subtract(ctx context.Context, st *sql.Stmt, id string) error {
	rows, err := st.QueryContext(ctx, id)
	if err != nil {
		return fmt.Errorf("sqlite: events of %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r summaryRow
		var live bool
		if err := rows.Scan(r.scanArgs(&live)...); err != nil {
			return fmt.Errorf("sqlite: events of %s: %w", id, err)
		}
		if live {
			s.add(r, -1)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: events of %s: %w", id, err)
	}
	return nil
}

// apply adds the recorded deltas to the summary tables and deletes the
// rows left with no live event, then forgets them. It runs once per write
// transaction, before commit.
func (s *summaries) apply(ctx context.Context, tx *sql.Tx) error {
	defer func() {
		clear(s.days)
		clear(s.periods)
		clear(s.totals)
		clear(s.actors)
		clear(s.codes)
		clear(s.dyads)
		clear(s.places)
	}()
	for _, f := range []func() error{
		func() error {
			return applyTo(ctx, tx, s.days, "event_days", "source_code, target_code, date, quad, status", func(k dayKey) []any {
				return []any{k.source, k.target, k.date, k.quad, k.status}
			})
		},
		func() error {
			return applyTo(ctx, tx, s.periods, "event_periods", "kind, source_code, target_code, date, quad, status", func(k periodKey) []any {
				return []any{k.kind, k.source, k.target, k.date, k.quad, k.status}
			})
		},
		func() error {
			return applyTo(ctx, tx, s.totals, "event_totals", "date, quad, status", func(k totalKey) []any {
				return []any{k.date, k.quad, k.status}
			})
		},
		func() error { return applyTo(ctx, tx, s.actors, "actor_days", "actor, date, quad, status", keyDayArgs) },
		func() error {
			return applyTo(ctx, tx, s.codes, "code_days", "code, is_root, date, quad, status", func(k codeDay) []any {
				return []any{k.key, k.root, k.date, k.quad, k.status}
			})
		},
		func() error {
			return applyTo(ctx, tx, s.dyads, "dyad_totals", "source_code, target_code, quad, status", func(k dyadKey) []any {
				return []any{k.source, k.target, k.quad, k.status}
			})
		},
		func() error {
			return applyTo(ctx, tx, s.places, "place_days", "location_country, city, has_coords, lat, lon, date, quad, status", func(k placeDay) []any {
				return []any{k.country, k.city, k.hasCoords, k.lat, k.lon, k.date, k.quad, k.status}
			})
		},
	} {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

func keyDayArgs(k keyDay) []any { return []any{k.key, k.date, k.quad, k.status} }

// applyTo adds the deltas of m to table, whose key is the columns keyCols
// (comma-separated, in the order of the values keyArgs gives), and
// deletes the rows that no longer count a live event.
func applyTo[K comparable](ctx context.Context, tx *sql.Tx, m map[K]*delta, table, keyCols string, keyArgs func(K) []any) error {
	var rows []any
	var emptied []K
	nkeys := strings.Count(keyCols, ",") + 1
	for k, d := range m {
		if d.zero() {
			continue
		}
		rows = append(append(rows, keyArgs(k)...), d.events, d.goldstein, d.happenings, d.hapGoldstein)
		if d.events < 0 {
			emptied = append(emptied, k)
		}
	}
	const set = ` ON CONFLICT DO UPDATE SET events = events + excluded.events, goldstein = goldstein + excluded.goldstein,
		happenings = happenings + excluded.happenings, hap_goldstein = hap_goldstein + excluded.hap_goldstein`
	if err := upsert(ctx, tx, `INSERT INTO `+table+` (`+keyCols+`, events, goldstein, happenings, hap_goldstein) VALUES `,
		set, nkeys+4, rows); err != nil {
		return err
	}
	if len(emptied) == 0 {
		return nil
	}
	conds := strings.ReplaceAll(keyCols, ",", " = ? AND") + " = ?"
	st, err := tx.PrepareContext(ctx, `DELETE FROM `+table+` WHERE `+conds+` AND events <= 0`)
	if err != nil {
		return fmt.Errorf("sqlite: summaries: %w", err)
	}
	defer st.Close()
	for _, k := range emptied {
		if _, err := st.ExecContext(ctx, keyArgs(k)...); err != nil {
			return fmt.Errorf("sqlite: summaries: %s: %w", table, err)
		}
	}
	return nil
}

// upsert runs head, one row of cols values, then tail, for each row of
// args. One row per statement: a statement that writes several rows and
// may fail half-way copies every page it changes to a statement journal
// first, which cost more than the rows themselves (measured with
// BenchmarkPutAnalyses); a one-row upsert needs none.
func upsert(ctx context.Context, tx *sql.Tx, head, tail string, cols int, args []any) error {
	if len(args) == 0 {
		return nil
	}
	b := newRowBuffer("summaries", head, 1, cols)
	st, err := tx.PrepareContext(ctx, b.sql(1)+tail)
	if err != nil {
		return fmt.Errorf("sqlite: summaries: %w", err)
	}
	defer st.Close()
	for ; len(args) > 0; args = args[cols:] {
		if _, err := st.ExecContext(ctx, args[:cols]...); err != nil {
			return fmt.Errorf("sqlite: summaries: %w", err)
		}
	}
	return nil
}
