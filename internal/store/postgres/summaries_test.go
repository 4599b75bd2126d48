package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
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
// are (table, key..., counts...) as text, so that EXCEPT ALL compares them.
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
want AS (
	SELECT 'day' AS kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein FROM days
	UNION ALL SELECT * FROM periods),
got AS (
	SELECT 'day' AS kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein FROM event_days
	UNION ALL SELECT kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein FROM event_periods)
SELECT 'missing', * FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM got) m
UNION ALL SELECT 'extra', * FROM (SELECT * FROM got EXCEPT ALL SELECT * FROM want) x`

// checkSummaries fails t unless the summaries equal a count of the live
// events, and no deltas wait for a flush.
func checkSummaries(t *testing.T, db *DB, when string) {
	t.Helper()
	ctx := context.Background()
	rows, err := db.pool.Query(ctx, summaryCheck)
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
	codes := []string{"USAGOV", "TURGOV", "RUS", "UKR", ""}
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
		e := event.Event{ID: fmt.Sprintf("%s-%d", id[:12], i), DocID: id, Code: "041", Root: "04",
			Status: statuses[w.rng.IntN(len(statuses))], Quad: 1 + w.rng.IntN(4), Goldstein: float64(w.rng.IntN(41)-20) / 2,
			Source: event.Actor{Code: codes[w.rng.IntN(len(codes))], Country: "USA", Sector: "GOV"},
			Target: event.Actor{Code: codes[w.rng.IntN(len(codes))], Country: "TUR", Sector: "GOV"},
			Date:   day, Precision: "day"}
		es = append(es, e)
	}
	return es
}

// step stores a new document (some at a URL already used: a new version),
// codes again a stored one, or codes a superseded version.
func (w *writer) step(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	switch r := w.rng.IntN(4); {
	case r < 2 || len(w.ids) == 0:
		d := doc.Document{Text: fmt.Sprintf("Summary document %d: the United States called Turkey.", w.n),
			URL: fmt.Sprintf("https://summaries.example/%d", w.rng.IntN(6)), Lang: "en"}
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

// A store written before migration 0005 gets summaries filled from its
// events.
func TestSummariesMigrate(t *testing.T) {
	db := openAt(t, 4)
	w := &writer{db: db, rng: rand.New(rand.NewPCG(7, 8))}
	for range 20 {
		w.step(t)
	}
	n, err := db.Migrate(context.Background())
	if err != nil || n != SchemaVersion()-4 {
		t.Fatalf("Migrate = %d, %v; want %d, nil", n, err, SchemaVersion()-4)
	}
	checkSummaries(t, db, "migrated")
	for i := range 5 {
		w.step(t)
		checkSummaries(t, db, fmt.Sprintf("migrated, step %d", i))
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
