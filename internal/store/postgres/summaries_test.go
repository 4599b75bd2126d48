package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
)

// openAt opens a fresh store migrated up to version (all: 0).
func openAt(t testing.TB, version int) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, pgtest.DSN(t), Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if version > 0 {
		ms = ms[:version]
	}
	if _, err := db.migrate(ctx, ms); err != nil {
		t.Fatal(err)
	}
	return db
}

// summaryCheck recomputes the summaries from the live events; its rows
// are (table, key..., counts...), so that EXCEPT ALL compares them. The
// actor keys come from Go (store.ActorKeys) as parameters: $1, $2 and $3
// list (source, target, key) for every pair stored, so that actor_days
// is checked against the shared rule rather than against the SQL that
// keeps it. code_days counts each event under its code and its root;
// place_days each event with a country or a city under its place, the
// city's coordinates in its key (k2) when it has both.
const summaryCheck = `
WITH days AS (
	SELECT source_code, target_code, date, quad, status, count(*) AS events, sum(round(goldstein * 1000000)::bigint) AS goldstein,
		count(*) FILTER (WHERE happening = id) AS happenings,
		coalesce(sum(round(goldstein * 1000000)::bigint) FILTER (WHERE happening = id), 0) AS hap_goldstein
	FROM events WHERE live GROUP BY source_code, target_code, date, quad, status),
periods AS (
	SELECT k.kind, e.source_code, e.target_code, event_period(k.kind, e.date) AS date, e.quad, e.status, count(*) AS events,
		sum(round(e.goldstein * 1000000)::bigint) AS goldstein, count(*) FILTER (WHERE e.happening = e.id) AS happenings,
		coalesce(sum(round(e.goldstein * 1000000)::bigint) FILTER (WHERE e.happening = e.id), 0) AS hap_goldstein
	FROM events e CROSS JOIN (VALUES ('week'), ('month')) AS k(kind)
	WHERE e.live AND event_valid_day(e.date) GROUP BY 1, 2, 3, 4, 5, 6),
counted AS (
	SELECT e.*, round(e.goldstein * 1000000)::bigint AS g, e.happening = e.id AS anchor FROM events e WHERE e.live),
totals AS (
	SELECT '' AS k1, '' AS k2, date, quad, status, count(*) AS events, sum(g) AS goldstein,
		count(*) FILTER (WHERE anchor) AS happenings, coalesce(sum(g) FILTER (WHERE anchor), 0) AS hap_goldstein
	FROM counted GROUP BY date, quad, status),
actors AS (
	SELECT k AS k1, '' AS k2, date, quad, status, count(*) AS events, sum(g) AS goldstein,
		count(*) FILTER (WHERE anchor) AS happenings, coalesce(sum(g) FILTER (WHERE anchor), 0) AS hap_goldstein
	FROM counted CROSS JOIN LATERAL (SELECT DISTINCT k FROM unnest($1::text[], $2::text[], $3::text[]) AS x(s, t, k)
		WHERE s = counted.source_code AND t = counted.target_code) AS ks GROUP BY k, date, quad, status),
codes AS (
	SELECT k AS k1, kind AS k2, date, quad, status, count(*) AS events, sum(g) AS goldstein,
		count(*) FILTER (WHERE anchor) AS happenings, coalesce(sum(g) FILTER (WHERE anchor), 0) AS hap_goldstein
	FROM counted CROSS JOIN LATERAL (VALUES ('code', nullif(code, '')), ('root', nullif(root, ''))) AS ks(kind, k)
		WHERE k IS NOT NULL GROUP BY kind, k, date, quad, status),
dyads AS (
	SELECT source_code AS k1, target_code AS k2, '' AS date, quad, status, count(*) AS events, sum(g) AS goldstein,
		count(*) FILTER (WHERE anchor) AS happenings, coalesce(sum(g) FILTER (WHERE anchor), 0) AS hap_goldstein
	FROM counted GROUP BY source_code, target_code, quad, status),
places AS (
	SELECT location_country AS k1, city || '|' || has_coords || '|' || CASE WHEN has_coords THEN lat ELSE 0 END || '|' ||
			CASE WHEN has_coords THEN lon ELSE 0 END AS k2, date, quad, status, count(*) AS events, sum(g) AS goldstein,
		count(*) FILTER (WHERE anchor) AS happenings, coalesce(sum(g) FILTER (WHERE anchor), 0) AS hap_goldstein
	FROM (SELECT c.*, CASE WHEN geo_precision = 'city' THEN location ELSE '' END AS city,
			geo_precision = 'city' AND lat IS NOT NULL AND lon IS NOT NULL AS has_coords FROM counted c) x
	WHERE location_country <> '' OR city <> ''
	GROUP BY 1, 2, date, quad, status),
want AS (
	SELECT 'day' AS kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein FROM days
	UNION ALL SELECT * FROM periods
	UNION ALL SELECT 'total', * FROM totals
	UNION ALL SELECT 'actor', * FROM actors
	UNION ALL SELECT 'code', * FROM codes
	UNION ALL SELECT 'dyad', * FROM dyads
	UNION ALL SELECT 'place', * FROM places),
got AS (
	SELECT 'day' AS kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein FROM event_days
	UNION ALL SELECT kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein FROM event_periods
	UNION ALL SELECT 'total', '', '', date, quad, status, events, goldstein, happenings, hap_goldstein FROM event_totals
	UNION ALL SELECT 'actor', actor, '', date, quad, status, events, goldstein, happenings, hap_goldstein FROM actor_days
	UNION ALL SELECT 'code', code, kind, date, quad, status, events, goldstein, happenings, hap_goldstein FROM code_days
	UNION ALL SELECT 'dyad', source_code, target_code, '', quad, status, events, goldstein, happenings, hap_goldstein FROM dyad_totals
	UNION ALL SELECT 'place', location_country, city || '|' || has_coords || '|' || lat || '|' || lon, date, quad, status,
		events, goldstein, happenings, hap_goldstein FROM place_days)
SELECT 'missing', * FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM got) m
UNION ALL SELECT 'extra', * FROM (SELECT * FROM got EXCEPT ALL SELECT * FROM want) x`

// countsCheck recomputes store_counts from the documents and events, and
// returns how many rows differ.
const countsCheck = `
WITH want AS (
	SELECT 'events' AS what, '' AS key, count(*) AS n FROM events HAVING count(*) > 0
	UNION ALL SELECT x.what, x.key, count(*) FROM documents d
		CROSS JOIN LATERAL (VALUES ('lang', d.lang), ('status', d.status), ('outlet', nullif(d.outlet, '')),
			('superseded', CASE WHEN d.superseded_by <> '' THEN '' END)) AS x(what, key)
		WHERE x.key IS NOT NULL GROUP BY x.what, x.key),
got AS (SELECT what, key, n FROM store_counts)
SELECT count(*) FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM got) UNION ALL (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) d`

// checkSummaries fails t unless the summaries and store_counts equal a
// count of the events and documents, and no deltas wait for a flush.
func checkSummaries(t *testing.T, db *DB, when string) {
	t.Helper()
	ctx := context.Background()
	keys, err := goKeys(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.pool.Query(ctx, summaryCheck, keys...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		if n++; n <= 10 {
			t.Errorf("%s: summary row %v", when, vals)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	var deltas, flags, days int
	if err := db.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM event_summary_deltas), (SELECT count(*) FROM event_summary_flush),
		(SELECT count(*) FROM event_days)`).Scan(&deltas, &flags, &days); err != nil {
		t.Fatal(err)
	}
	if deltas != 0 || flags != 0 {
		t.Errorf("%s: %d deltas and %d flush marks left after commit", when, deltas, flags)
	}
	if days == 0 {
		t.Errorf("%s: event_days is empty", when)
	}
	var off int
	if err := db.pool.QueryRow(ctx, countsCheck).Scan(&off); err != nil {
		t.Fatal(err)
	}
	if off != 0 {
		t.Errorf("%s: %d rows of store_counts differ from a count", when, off)
	}
}

// goKeys returns summaryCheck's parameters: the actor keys of every
// (source, target) pair of the stored events, from store.ActorKeys.
func goKeys(ctx context.Context, db *DB) ([]any, error) {
	var ss, ts, aks []string
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT source_code, target_code FROM events`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s, t string
		if err := rows.Scan(&s, &t); err != nil {
			return nil, err
		}
		for _, k := range store.ActorKeys(s, t) {
			ss, ts, aks = append(ss, s), append(ts, t), append(aks, k)
		}
	}
	return []any{ss, ts, aks}, rows.Err()
}

// writer stores documents and analyses whose events gather in few
// summary rows and link into happenings across documents, with the dates
// the summaries treat apart: none, not a calendar day, a month only.
type writer struct {
	db  *DB
	rng *rand.Rand
	ids []string
	n   int
}

func (w *writer) events(id string) []event.Event {
	// Actor codes that share keys (RUS, RUSGOV, RUSGOVMIL, RUSMIL) or
	// have a part cut short (RUSG, RU), and CAMEO codes with a root of
	// their own, equal to it, or without one.
	codes := []string{"USAGOV", "TURGOV", "RUS", "UKR", "", "RUSGOVMIL", "RUSMIL", "RUSG", "RU"}
	cameo := [][2]string{{"041", "04"}, {"04", "04"}, {"0411", "04"}, {"190", "19"}, {"041", ""}}
	statuses := []event.Status{event.Asserted, event.Asserted, event.Reported, event.Negated}
	var es []event.Event
	for i := range 5 + w.rng.IntN(20) {
		day := fmt.Sprintf("2024-03-%02d", 1+w.rng.IntN(12))
		switch w.rng.IntN(12) {
		case 0:
			day = ""
		case 1:
			day = "2024-02-30"
		case 2:
			day = "2024-03"
		}
		c := cameo[w.rng.IntN(len(cameo))]
		e := event.Event{ID: fmt.Sprintf("%s-%d", id[:12], i), DocID: id, Code: c[0], Root: c[1],
			Status: statuses[w.rng.IntN(len(statuses))], Quad: 1 + w.rng.IntN(4), Goldstein: float64(w.rng.IntN(41)-20) / 2,
			Source: event.Actor{Code: codes[w.rng.IntN(len(codes))], Country: "USA", Sector: "GOV"},
			Target: event.Actor{Code: codes[w.rng.IntN(len(codes))], Country: "TUR", Sector: "GOV"},
			Date:   day, Precision: "day"}
		w.place(&e)
		es = append(es, e)
	}
	return es
}

// place places e as place_days tells places apart: nowhere, in a country
// or an admin1 only (with coordinates), in a city with or without
// coordinates or without a country, in two cities of one name.
func (w *writer) place(e *event.Event) {
	ll := func(lat, lon float64) (*float64, *float64) { return &lat, &lon }
	switch w.rng.IntN(7) {
	case 0, 1: // nowhere
	case 2:
		e.LocationCountry, e.GeoPrecision = "TUR", "country"
	case 3:
		e.Location, e.LocationCountry, e.GeoPrecision = "Ankara", "TUR", "admin1"
		e.Lat, e.Lon = ll(39.9, 32.8)
	case 4:
		e.Location, e.LocationCountry, e.GeoPrecision = "Ankara", "TUR", "city"
		if w.rng.IntN(3) > 0 {
			e.Lat, e.Lon = ll(39.93, 32.85)
		}
	case 5:
		e.Location, e.GeoPrecision = "Ankara", "city" // no country
		e.Lat, e.Lon = ll(39.93, 32.85)
	case 6:
		e.Location, e.LocationCountry, e.GeoPrecision = "Paris", []string{"FRA", "USA"}[w.rng.IntN(2)], "city"
		e.Lat, e.Lon = ll([]float64{48.86, 33.66}[w.rng.IntN(2)], 2.35)
	}
}

// step stores a new document (some at a URL already used: a new version),
// codes again a stored one, or codes a superseded version.
func (w *writer) step(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	switch r := w.rng.IntN(4); {
	case r < 2 || len(w.ids) == 0:
		d := doc.Document{Text: fmt.Sprintf("Summary document %d: the United States called Turkey.", w.n),
			URL: fmt.Sprintf("https://summaries.example/%d", w.rng.IntN(6)), Lang: []string{"en", "fr", ""}[w.n%3],
			Outlet: []string{"", "wire", "daily", "wire"}[w.n%4]}
		w.n++
		res, err := w.db.PutDocuments(ctx, []doc.Document{d})
		if err != nil {
			t.Fatal(err)
		}
		id := res[0].ID
		w.ids = append(w.ids, id)
		if err := w.db.PutAnalyses(ctx, []store.Analysis{{DocID: id, Events: w.events(id)}}); err != nil {
			t.Fatal(err)
		}
	default:
		id := w.ids[w.rng.IntN(len(w.ids))] // current or superseded
		if err := w.db.PutAnalyses(ctx, []store.Analysis{{DocID: id, Events: w.events(id)}}); err != nil {
			t.Fatal(err)
		}
	}
}

// The summaries equal a count of the live events after every kind of
// write: new events, analyses replaced, versions superseded, analyses of
// superseded versions, and linking that moves the anchor of a happening.
func TestSummariesExact(t *testing.T) {
	db := openAt(t, 0)
	w := &writer{db: db, rng: rand.New(rand.NewPCG(1, 2))}
	for i := range 30 {
		w.step(t)
		checkSummaries(t, db, fmt.Sprintf("step %d", i))
	}
	var linked, dead int
	if err := db.pool.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE happening <> id), count(*) FILTER (WHERE NOT live)
		FROM events`).Scan(&linked, &dead); err != nil {
		t.Fatal(err)
	}
	if linked == 0 || dead == 0 {
		t.Errorf("the writes made %d linked and %d superseded events; want some of each", linked, dead)
	}
}

// A store written before migration 0005, 0006 or 0008 gets the
// summaries it lacks filled from its events, and its writers keep them.
func TestSummariesMigrate(t *testing.T) {
	for _, version := range []int{4, 5, 7} {
		t.Run(fmt.Sprint(version), func(t *testing.T) {
			db := openAt(t, version)
			w := &writer{db: db, rng: rand.New(rand.NewPCG(7, uint64(version)))}
			for range 20 {
				w.step(t)
			}
			n, err := db.Migrate(context.Background())
			if err != nil || n != SchemaVersion()-version {
				t.Fatalf("Migrate = %d, %v; want %d, nil", n, err, SchemaVersion()-version)
			}
			checkSummaries(t, db, "migrated")
			for i := range 5 {
				w.step(t)
				checkSummaries(t, db, fmt.Sprintf("migrated, step %d", i))
			}
		})
	}
}

// The SQL actor keys agree with the shared rule on codes that share
// parts, are cut short, empty or not ASCII; code keys keep codes and
// roots apart.
func TestSummaryKeys(t *testing.T) {
	db := openAt(t, 0)
	ctx := context.Background()
	keys := func(q string, a, b string) []string {
		t.Helper()
		var got []string
		if err := db.pool.QueryRow(ctx, `SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM `+q+`($1, $2) AS k`, a, b).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, tc := range [][2]string{
		{"RUS", "UKR"}, {"RUSGOV", "RUSMIL"}, {"RUSGOVMIL", "RUS"}, {"RUSGOVMIL", "RUSGOVMIL"},
		{"RUSG", "RU"}, {"", ""}, {"", "USAGOV"}, {"R", "RUSGOVMILREB"}, {"ÄBCD", "XÄBC"}, {"日本国民", "€UR"},
	} {
		want := store.ActorKeys(tc[0], tc[1])
		slices.Sort(want)
		if got := keys("event_actor_keys", tc[0], tc[1]); !slices.Equal(got, want) {
			t.Errorf("event_actor_keys(%q, %q) = %q; store.ActorKeys gives %q", tc[0], tc[1], got, want)
		}
	}
	for _, tc := range []struct {
		code, root string
		want       []string
	}{
		{"041", "04", []string{"code 041", "root 04"}},
		{"19", "19", []string{"code 19", "root 19"}}, // a code of two digits is not its root
		{"", "04", []string{"root 04"}},
		{"041", "", []string{"code 041"}},
		{"", "", nil},
	} {
		var got []string
		if err := db.pool.QueryRow(ctx, `SELECT coalesce(array_agg(kind || ' ' || key ORDER BY kind, key), '{}') FROM event_code_keys($1, $2)`,
			tc.code, tc.root).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("event_code_keys(%q, %q) = %q; want %q", tc.code, tc.root, got, tc.want)
		}
	}
}

func TestEventPeriod(t *testing.T) {
	db := openAt(t, 0)
	for _, tc := range []struct{ day, week, month string }{
		{"2024-03-06", "2024-03-04", "2024-03-01"},
		{"2024-03-04", "2024-03-04", "2024-03-01"},
		{"2024-03-03", "2024-02-26", "2024-03-01"},
		{"2024-01-01", "2024-01-01", "2024-01-01"},
		{"2023-01-01", "2022-12-26", "2023-01-01"},
		{"2024-02-29", "2024-02-26", "2024-02-01"},
		{"2023-02-29", "", ""},
		{"2024-02-30", "", ""},
		{"2024-04-31", "", ""},
		{"2024-13-01", "", ""},
		{"2024-03", "", ""},
		{"", "", ""},
		{"2024-3-06", "", ""},
	} {
		var week, month *string
		if err := db.pool.QueryRow(context.Background(), `SELECT event_period('week', $1), event_period('month', $1)`, tc.day).Scan(&week, &month); err != nil {
			t.Fatal(err)
		}
		str := func(p *string) string {
			if p == nil {
				return ""
			}
			return *p
		}
		if str(week) != tc.week || str(month) != tc.month {
			t.Errorf("event_period(%q) = %q, %q; want %q, %q", tc.day, str(week), str(month), tc.week, tc.month)
		}
	}
}
