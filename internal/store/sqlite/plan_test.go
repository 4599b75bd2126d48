package sqlite

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// TestQueryPlans checks that the lookups made for every stored document
// use an index: a table scan there makes ingest quadratic.
func TestQueryPlans(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		query string
		args  []any
		index string
	}{
		{currentAtURL, []any{"https://x.example/1", "id"}, "documents_url"},
		{`SELECT status FROM documents WHERE id = ?`, []any{"id"}, "sqlite_autoindex_documents_1"},
		// Listed events take their document's outlet and URL from an index.
		{`SELECT ` + eventColumns + ` FROM events e JOIN documents d INDEXED BY documents_id_outlet_url ON d.id = e.doc_id WHERE e.rowid IN (1, 2)`, nil, "documents_id_outlet_url"},
		// Linking reads one key's members; counting a happening its reports.
		{linkMembers, []any{noAnchor, "04|USA|TUR", 19000, 19000}, "events_link"},
		{`SELECT count(*) FROM events WHERE happening IN (?, ?) AND happening <> id`, []any{"a", "b"}, "events_happening"},
		// What happened in a country.
		{`SELECT count(*) FROM events e WHERE e.location_country = ? AND e.location_country <> '' AND e.live = 1`, []any{"SYR"}, "events_location"},
	}
	for _, tc := range tests {
		rows, err := db.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+tc.query, tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, "USING INDEX "+tc.index) && !strings.Contains(p, "USING COVERING INDEX "+tc.index) {
			t.Errorf("plan of %q = %q, want it to use %s", tc.query, p, tc.index)
		}
	}
}

// TestStatsPlans checks that Stats reads indexes and summaries only: no
// scan of the events or the documents' rows.
func TestStatsPlans(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tableScan := regexp.MustCompile(`(^|; )SCAN (events|documents)($|;)`)
	for _, q := range []string{statsCounts, statsLangs} {
		plan := explain(t, db, q, nil)
		if tableScan.MatchString(plan) || !strings.Contains(plan, "events_dead") && q == statsCounts {
			t.Errorf("plan of %q = %s, want indexes only", q, plan)
		}
		t.Logf("%s", plan)
	}
}

// TestFilterPlans runs the queries of the event list, its counts and the
// workbench's aggregates for each filter the workbench offers, and checks
// their plans: no query reads the whole events table, event_days or
// event_periods, the counts of filters the summaries hold read them instead
// of the events, and those of filters the smaller summaries answer (the
// whole store, an actor key of 3 or 6 letters, a CAMEO code or root, a
// country or a city; dyad totals without dates; the map without an actor,
// code or text) read the smaller ones. It logs the indexes each query uses (see migration 0013).
func TestFilterPlans(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A few stored analyses, so that the actor filters find their codes.
	r := rand.New(rand.NewPCG(1, 2))
	var docs []doc.Document
	for k := range 20 {
		docs = append(docs, doc.Document{Text: benchText(k), Outlet: "Plan"})
	}
	res, err := db.PutDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	var as []store.Analysis
	for _, p := range res {
		as = append(as, benchAnalysis(r, p.ID))
	}
	if err := db.PutAnalyses(ctx, as); err != nil {
		t.Fatal(err)
	}
	type query struct {
		q    string
		args []any
	}
	var seen []query
	db.trace = func(q string, args []any) { seen = append(seen, query{q, args}) }
	filters := map[string]store.EventFilter{
		"default":  {},
		"mentions": {Mentions: true},
		"actor":    {Actor: "RUS"},
		"actor1":   {Actor: "UKRMIL"}, // one code: the per-code date walk
		"dyad":     {Source: "RUS", Target: "UKR"},
		"dyad1":    {Source: "USAGOV", Target: "ISRMIL"},
		"source":   {Source: "USA"},
		"target":   {Target: "UKR"},
		"quad":     {Quad: 4},
		"status":   {Statuses: []event.Status{event.Negated, event.Denied}},
		"dates":    {From: "2023-03-01", To: "2023-06-30"},
		"weeks":    {From: "2023-03-06", To: "2023-06-25"},
		"cursor":   {Actor: "RUS", Mentions: true, From: "2023-03-01"},
		"actor6":   {Actor: "RUSGOV"},
		"code":     {Code: "190"},
		"root":     {Root: "19", From: "2023-03-01"},
		"coderoot": {Code: "190", Root: "19", Quad: 4},
		"country":  {Country: "UKR"},
		"city":     {City: "Kyiv"},
		"citydays": {City: "Kyiv", Country: "UKR", From: "2023-03-01", To: "2023-06-30", Mentions: true},
	}
	// Plans name a table by its alias; only events is read as events e,
	// the summaries are read as e too.
	scanEvents := regexp.MustCompile(`(^|; )SCAN events($|;)`)
	scanE := regexp.MustCompile(`(^|; )SCAN e($|;)`)
	readsSummary := regexp.MustCompile(`FROM (event_days|event_periods|event_totals|actor_days|code_days|dyad_totals|place_days) e\b`)
	readsSmaller := regexp.MustCompile(`FROM (event_totals|actor_days|code_days|dyad_totals|place_days) e\b`)
	readsDyadDays := regexp.MustCompile(`FROM event_(days|periods) e\b`)
	scanAnyE := regexp.MustCompile(`(^|; )SCAN e\b`)
	for name, f := range filters {
		for _, run := range []struct {
			name    string
			summary bool // a filter the summaries hold must be counted from them
			call    func() error
		}{
			{"EventList", false, func() error {
				p, err := db.EventList(ctx, f)
				if err == nil && p.Next != "" {
					g := f
					g.Cursor = p.Next
					_, err = db.EventList(ctx, g)
				}
				return err
			}},
			{"EventList by Goldstein", false, func() error {
				g := f
				g.ByGoldstein = true
				_, err := db.EventList(ctx, g)
				return err
			}},
			{"EventCounts", true, func() error { _, err := db.EventCounts(ctx, f); return err }},
			{"Dyads", true, func() error { _, err := db.Dyads(ctx, f, 20); return err }},
			{"Places", true, func() error { _, err := db.Places(ctx, f); return err }},
			{"PeriodCounts", true, func() error {
				for _, period := range []string{"week", "month"} {
					if _, _, err := db.PeriodCounts(ctx, f, period); err != nil {
						return err
					}
				}
				return nil
			}},
		} {
			seen = seen[:0]
			if err := run.call(); err != nil {
				t.Fatalf("%s %s: %v", run.name, name, err)
			}
			for _, q := range seen {
				plan := explain(t, db, q.q, q.args)
				summary := readsSummary.MatchString(q.q)
				if scanEvents.MatchString(plan) || (!summary && scanE.MatchString(plan)) {
					t.Errorf("%s %s: %q scans events: %s", run.name, name, q.q, plan)
				}
				// Per-dyad summaries are sought, never read whole.
				if readsDyadDays.MatchString(q.q) && scanAnyE.MatchString(plan) {
					t.Errorf("%s %s: %q scans a per-dyad summary: %s", run.name, name, q.q, plan)
				}
				// The aggregate (not the look-ups of names after it), from
				// the smaller summaries when they answer the filter.
				places := store.PlacesSummarized(f) && (f.Country != "" || f.City != "")
				answered := store.Summarized(f) || (run.name != "Dyads" && (store.CodeSummarized(f) || places))
				if run.name == "Places" {
					answered = store.PlacesSummarized(f)
				}
				agg := run.summary && answered && strings.Contains(q.q, "GROUP BY")
				if agg && !summary {
					t.Errorf("%s %s: %q does not read the summaries: %s", run.name, name, q.q, plan)
				}
				smaller := store.TotalsSummarized(f) || store.ActorSummarized(f) || store.CodeSummarized(f) || places
				switch run.name {
				case "Dyads":
					smaller = store.DyadTotalsSummarized(f)
				case "Places":
					smaller = store.PlacesSummarized(f)
				}
				if agg && smaller && !readsSmaller.MatchString(q.q) {
					t.Errorf("%s %s: %q does not read the smaller summaries: %s", run.name, name, q.q, plan)
				}
				t.Logf("%s %s: %s", run.name, name, plan)
			}
		}
	}
}

// explain returns the plan of q as its details joined by "; ".
func explain(t *testing.T, db *DB, q string, args []any) string {
	t.Helper()
	rows, err := db.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "; ")
}
