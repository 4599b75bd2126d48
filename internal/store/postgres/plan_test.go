package postgres

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// planRows is how many events TestPagePlans stores: enough that a scan
// of the events costs the planner more than an index.
const planRows = 100_000

// fillForPlans stores planRows events over 10,000 documents, 300 source
// and 293 target codes (a few of them in most events, as in the news),
// three years of days, every quad class and status,
// a tenth of them repeating a happening and a twentieth superseded, then
// ANALYZEs the tables.
func fillForPlans(t testing.TB, db *DB) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO documents (id, text, ingested, status)
			SELECT 'doc' || lpad(i::text, 6, '0'), 'text ' || i, '2024-01-01T00:00:00Z', 'coded' FROM generate_series(0, 9999) AS i`,
		`INSERT INTO events (doc_id, id, ord, source_code, target_code, code, root, goldstein, quad, status, date, happening, live)
			SELECT 'doc' || lpad((i / 10)::text, 6, '0'), 'ev' || lpad(i::text, 7, '0'), i % 10,
				'S' || lpad(floor(300 * power(((i::bigint * 7919) % 10007) / 10007.0, 3))::text, 3, '0'),
				'T' || lpad(floor(293 * power(((i::bigint * 104729) % 10009) / 10009.0, 3))::text, 3, '0'),
				'19' || (i % 5), '19', (i % 21) - 10, 1 + i % 4,
				(ARRAY['asserted', 'reported', 'negated', 'future', 'asserted', 'asserted'])[1 + i % 6],
				to_char(date '2022-01-01' + (i % 1095), 'YYYY-MM-DD'),
				'ev' || lpad((CASE WHEN i % 10 = 9 THEN i - 1 ELSE i END)::text, 7, '0'),
				i % 20 <> 0
			FROM generate_series(0, $1 - 1) AS i`,
		`ANALYZE documents`, `ANALYZE events`, `ANALYZE event_days`, `ANALYZE event_periods`,
	} {
		var err error
		if strings.Contains(q, "$1") {
			_, err = db.pool.Exec(ctx, q, planRows)
		} else {
			_, err = db.pool.Exec(ctx, q)
		}
		if err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
}

// seqScan finds a sequential scan of the events, or of a summary table.
var seqScan = regexp.MustCompile(`Seq Scan on (events|event_days|event_periods)\b`)

// explain returns the plan of q.
func explain(t *testing.T, db *DB, q string, a args) string {
	t.Helper()
	rows, err := db.pool.Query(context.Background(), "EXPLAIN "+q, a...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestPagePlans checks that no filtered page of events, nor the counts
// the page shows from the summaries, is found by reading a whole table.
// A summary scan is allowed where the filter selects most of it anyway
// (no actor and no date range).
func TestPagePlans(t *testing.T) {
	db := openAt(t, 0)
	fillForPlans(t, db)
	filters := []struct {
		name string
		f    store.EventFilter
		scan bool // a summary may be read whole
	}{
		{"all", store.EventFilter{}, true},
		{"actor", store.EventFilter{Actor: "S042"}, false},
		{"actor prefix", store.EventFilter{Actor: "T01"}, false},
		{"dyad", store.EventFilter{Source: "S042", Target: "T001"}, false},
		{"source", store.EventFilter{Source: "S12"}, false},
		{"target", store.EventFilter{Target: "T200"}, false},
		{"quad", store.EventFilter{Quad: 4}, true},
		{"status", store.EventFilter{Statuses: []event.Status{event.Negated}}, true},
		{"dates", store.EventFilter{From: "2023-03-01", To: "2023-03-31"}, false},
		{"actor and dates", store.EventFilter{Actor: "S042", From: "2023-01-01", To: "2023-12-31"}, false},
	}
	for _, tc := range filters {
		for _, mentions := range []bool{false, true} {
			f := tc.f
			f.Mentions = mentions
			name := tc.name
			if mentions {
				name += ", mentions"
			}
			for _, desc := range []bool{false, true} {
				g := f
				g.Desc = desc
				tail, a, _, _, err := pageQuery(g)
				if err != nil {
					t.Fatal(err)
				}
				p := explain(t, db, `SELECT `+eventColumns+` FROM events e JOIN documents d ON d.id = e.doc_id `+tail, a)
				if m := seqScan.FindString(p); m != "" {
					t.Errorf("%s (desc %v): the page query has a %s:\n%s", name, desc, m, p)
				}
			}
			if !store.Summarized(f) {
				t.Fatalf("%s: not answered by the summaries", name)
			}
			type query struct {
				what string
				q    string
				a    args
			}
			var qs []query
			q, a := daysQuery(f)
			qs = append(qs, query{"day counts", q, a})
			q, a = dyadsQuery(f, store.MaxLimit)
			qs = append(qs, query{"dyads", q, a})
			for _, period := range []string{"week", "month"} {
				if store.PeriodSummarized(f, period) {
					q, a = periodsQuery(f, period)
					qs = append(qs, query{period + " counts", q, a})
				}
			}
			for _, sq := range qs {
				p := explain(t, db, sq.q, sq.a)
				if m := seqScan.FindString(p); m != "" && !(tc.scan && m != "Seq Scan on events") {
					t.Errorf("%s: the %s query has a %s:\n%s", name, sq.what, m, p)
				}
			}
		}
	}
}

// BenchmarkDayCounts measures EventCounts on the store of TestPagePlans
// (100,000 events over three years) from the summaries and, as before
// them, from the events; server time dominates.
//
//	DYAD_TEST_POSTGRES=postgres://... go test ./internal/store/postgres -run '^$' -bench DayCounts -cpu 1
func BenchmarkDayCounts(b *testing.B) {
	db := openAt(b, 0)
	fillForPlans(b, db)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    store.EventFilter
	}{
		{"all", store.EventFilter{}},
		{"actor", store.EventFilter{Actor: "S042"}},
		{"month", store.EventFilter{From: "2023-03-01", To: "2023-03-31"}},
	} {
		for _, from := range []string{"summaries", "events"} {
			b.Run(tc.name+"/"+from, func(b *testing.B) {
				q, a := daysQuery(tc.f)
				if from == "events" {
					var err error
					if q, a, err = daysFromEvents(tc.f); err != nil {
						b.Fatal(err)
					}
				}
				for b.Loop() {
					if _, err := db.dayCounts(ctx, q, a); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
