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
// codes SRC000-SRC299 and 293 target codes TGT000-TGT292 (a few of them
// in most events, as in the news), five CAMEO codes 190-194 of root 19,
// three years of days, every quad class and status, two fifths placed
// (in 50 countries, half of those in one of 1,000 cities CTY000-CTY999
// with coordinates), a tenth of them repeating a happening and a
// twentieth superseded, then ANALYZEs the tables.
func fillForPlans(t testing.TB, db *DB) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO documents (id, text, ingested, status)
			SELECT 'doc' || lpad(i::text, 6, '0'), 'text ' || i, '2024-01-01T00:00:00Z', 'coded' FROM generate_series(0, 9999) AS i`,
		`INSERT INTO events (doc_id, id, ord, source_code, target_code, code, root, goldstein, quad, status, date, happening, live,
				location_country, location, geo_precision, lat, lon)
			SELECT 'doc' || lpad((i / 10)::text, 6, '0'), 'ev' || lpad(i::text, 7, '0'), i % 10,
				'SRC' || lpad(floor(300 * power(((i::bigint * 7919) % 10007) / 10007.0, 3))::text, 3, '0'),
				'TGT' || lpad(floor(293 * power(((i::bigint * 104729) % 10009) / 10009.0, 3))::text, 3, '0'),
				'19' || (i % 5), '19', (i % 21) - 10, 1 + i % 4,
				(ARRAY['asserted', 'reported', 'negated', 'future', 'asserted', 'asserted'])[1 + i % 6],
				to_char(date '2022-01-01' + (i % 1095), 'YYYY-MM-DD'),
				'ev' || lpad((CASE WHEN i % 10 = 9 THEN i - 1 ELSE i END)::text, 7, '0'),
				i % 20 <> 0,
				CASE WHEN i % 5 < 2 THEN 'C' || lpad(((i / 5) % 50)::text, 2, '0') ELSE '' END,
				CASE WHEN i % 5 = 0 THEN 'CTY' || lpad(((i * 7) % 1000)::text, 3, '0') ELSE '' END,
				CASE WHEN i % 5 = 0 THEN 'city' WHEN i % 5 = 1 THEN 'country' ELSE '' END,
				CASE WHEN i % 5 = 0 THEN ((i * 7) % 1000) / 20.0 END, CASE WHEN i % 5 = 0 THEN ((i * 7) % 1000) / 10.0 END
			FROM generate_series(0, $1 - 1) AS i`,
		`ANALYZE documents`, `ANALYZE events`, `ANALYZE event_days`, `ANALYZE event_periods`,
		`ANALYZE event_totals`, `ANALYZE actor_days`, `ANALYZE code_days`, `ANALYZE dyad_totals`, `ANALYZE place_days`,
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
// the page shows from the summaries, nor the map (Places), nor Stats, is
// found by reading the events or a per-dyad summary whole: the pages that
// filter on less than a dyad read the smaller summaries (event_totals,
// actor_days, code_days, dyad_totals, place_days), which may be read
// whole.
func TestPagePlans(t *testing.T) {
	db := openAt(t, 0)
	fillForPlans(t, db)
	filters := []struct {
		name string
		f    store.EventFilter
	}{
		{"all", store.EventFilter{}},
		{"actor", store.EventFilter{Actor: "SRC042"}},
		{"actor key of 3", store.EventFilter{Actor: "TGT"}},
		{"actor prefix", store.EventFilter{Actor: "TGT01"}},
		{"dyad", store.EventFilter{Source: "SRC042", Target: "TGT001"}},
		{"source", store.EventFilter{Source: "SRC12"}},
		{"target", store.EventFilter{Target: "TGT200"}},
		{"quad", store.EventFilter{Quad: 4}},
		{"status", store.EventFilter{Statuses: []event.Status{event.Negated}}},
		{"dates", store.EventFilter{From: "2023-03-01", To: "2023-03-31"}},
		{"actor and dates", store.EventFilter{Actor: "SRC042", From: "2023-01-01", To: "2023-12-31"}},
		{"code", store.EventFilter{Code: "193"}},
		{"root", store.EventFilter{Root: "19"}},
		{"code under root", store.EventFilter{Code: "193", Root: "19", Quad: 2}},
		{"root and dates", store.EventFilter{Root: "19", From: "2023-03-01", To: "2023-03-31"}},
		{"country", store.EventFilter{Country: "C07"}},
		{"city", store.EventFilter{City: "CTY042"}},
		{"city in its country and dates", store.EventFilter{Country: "C35", City: "CTY042", From: "2023-01-01", To: "2023-06-30"}},
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
			type query struct {
				what string
				q    string
				a    args
			}
			var qs []query
			q, a, ok := daysQuery(f)
			if !ok {
				t.Fatalf("%s: not answered by the summaries", name)
			}
			qs = append(qs, query{"day counts", q, a})
			if store.Summarized(f) {
				q, a = dyadsQuery(f, store.MaxLimit)
				qs = append(qs, query{"dyads", q, a})
			}
			for _, period := range []string{"week", "month"} {
				if q, a, ok := periodsQuery(f, period); ok {
					qs = append(qs, query{period + " counts", q, a})
				}
			}
			if store.PlacesSummarized(f) {
				q, a := placesQuery(f)
				qs = append(qs, query{"places", q, a})
			} else if f.Country != "" || f.City != "" {
				t.Errorf("%s: the map is not answered by place_days", name)
			}
			for _, sq := range qs {
				p := explain(t, db, sq.q, sq.a)
				if m := seqScan.FindString(p); m != "" {
					t.Errorf("%s: the %s query has a %s:\n%s", name, sq.what, m, p)
				}
			}
		}
	}
	// The list pages count each listed happening's reports: the anchors
	// are found by their ID (without events_id the planner walked the
	// whole events_date index, whose second column is the ID).
	if p := explain(t, db, happeningCountsSQL, args{[]string{"x", "y"}}); seqScan.MatchString(p) || !strings.Contains(p, "using events_id ") {
		t.Errorf("HappeningCounts does not find the anchors by events_id:\n%s", p)
	}
	for _, q := range statsQueries {
		p := explain(t, db, q, nil)
		if m := seqScan.FindString(p); m != "" || strings.Contains(p, "on documents") && strings.Contains(p, "Seq Scan") {
			t.Errorf("Stats has a whole scan:\n%s", p)
		}
	}
}

// BenchmarkDayCounts measures EventCounts on the store of TestPagePlans
// (100,000 events over three years) from the summaries and, as before
// them, from the events, and the busiest dyads, the map (Places) and
// Stats of the whole store; server time dominates.
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
		{"actor", store.EventFilter{Actor: "SRC042"}},
		{"actor3", store.EventFilter{Actor: "TGT"}},
		{"month", store.EventFilter{From: "2023-03-01", To: "2023-03-31"}},
		{"code", store.EventFilter{Code: "193"}},
		{"root", store.EventFilter{Root: "19"}},
		{"country", store.EventFilter{Country: "C07"}},
		{"city", store.EventFilter{City: "CTY042"}},
	} {
		for _, from := range []string{"summaries", "events"} {
			b.Run(tc.name+"/"+from, func(b *testing.B) {
				q, a, _ := daysQuery(tc.f)
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
	b.Run("dyads", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Dyads(ctx, store.EventFilter{}, 10); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("places", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Places(ctx, store.EventFilter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("months", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := db.PeriodCounts(ctx, store.EventFilter{}, "month"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Stats(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
