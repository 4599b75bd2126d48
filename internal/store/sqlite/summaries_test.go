package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// Each summary recomputed from the events, in the columns of its table.
const (
	wantDays = `SELECT source_code, target_code, date, quad, status, count(*),
		sum(CAST(round(goldstein * 1000000) AS INTEGER)), sum(happening = id),
		sum(CASE WHEN happening = id THEN CAST(round(goldstein * 1000000) AS INTEGER) ELSE 0 END)
		FROM events WHERE live = 1 GROUP BY 1, 2, 3, 4, 5`
	gotDays    = `SELECT source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein FROM event_days`
	wantPeriod = `SELECT ?, source_code, target_code, %s AS start, quad, status, count(*),
		sum(CAST(round(goldstein * 1000000) AS INTEGER)), sum(happening = id),
		sum(CASE WHEN happening = id THEN CAST(round(goldstein * 1000000) AS INTEGER) ELSE 0 END)
		FROM events WHERE live = 1 AND date(date, '+0 days') = date GROUP BY 2, 3, 4, 5, 6`
	gotPeriods = `SELECT kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein
		FROM event_periods WHERE kind = ?`
)

// checkSummaries fails t unless every summary table equals its
// recomputation from the live events (checkDaySummaries and
// checkSmallerSummaries).
func checkSummaries(t *testing.T, raw *sql.DB, when string) {
	t.Helper()
	checkDaySummaries(t, raw, when)
	checkSmallerSummaries(t, raw, when)
}

// checkSmallerSummaries fails t unless event_totals, actor_days, code_days,
// dyad_totals and place_days equal their recomputation in Go from the
// live events, with the keys of store.ActorKeys, every event under its
// code and under its root in code_days, and under its place in
// place_days when it has a country or a city.
func checkSmallerSummaries(t *testing.T, raw *sql.DB, when string) {
	t.Helper()
	ctx := context.Background()
	rows, err := raw.QueryContext(ctx, `SELECT `+summaryCols+` FROM events WHERE live = 1`)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	want := map[string]map[string]delta{"event_totals": {}, "actor_days": {}, "code_days": {}, "dyad_totals": {}, "place_days": {}}
	for rows.Next() {
		var r summaryRow
		if err := rows.Scan(r.scanArgs()...); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		d := delta{events: 1, goldstein: millionths(r.goldstein)}
		if r.anchor {
			d.happenings, d.hapGoldstein = 1, d.goldstein
		}
		add := func(table string, key ...any) {
			k := fmt.Sprint(key...)
			t := want[table][k]
			t.events, t.goldstein, t.happenings, t.hapGoldstein = t.events+d.events, t.goldstein+d.goldstein, t.happenings+d.happenings, t.hapGoldstein+d.hapGoldstein
			want[table][k] = t
		}
		add("event_totals", r.date, "|", r.quad, "|", r.status)
		add("dyad_totals", r.source, "|", r.target, "|", r.quad, "|", r.status)
		for _, a := range store.ActorKeys(r.source, r.target) {
			add("actor_days", a, "|", r.date, "|", r.quad, "|", r.status)
		}
		add("code_days", r.code, "|0|", r.date, "|", r.quad, "|", r.status)
		add("code_days", r.root, "|1|", r.date, "|", r.quad, "|", r.status)
		// place_days counts the events with a country or a city, by
		// their city's coordinates when they have both.
		if r.country != "" || r.precision == "city" && r.location != "" {
			city, coords := "", "0|0|0"
			if r.precision == "city" {
				city = r.location
				if r.lat != nil && r.lon != nil {
					coords = fmt.Sprint("1|", *r.lat, "|", *r.lon)
				}
			}
			add("place_days", r.country, "|", city, "|", coords, "|", r.date, "|", r.quad, "|", r.status)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	rows.Close()
	for table, keys := range map[string]string{
		"event_totals": "date || '|' || quad || '|' || status",
		"dyad_totals":  "source_code || '|' || target_code || '|' || quad || '|' || status",
		"actor_days":   "actor || '|' || date || '|' || quad || '|' || status",
		"code_days":    "code || '|' || is_root || '|' || date || '|' || quad || '|' || status",
		"place_days": "location_country || '|' || city || '|' || has_coords || '|' || CASE WHEN has_coords THEN lat ELSE 0 END || '|' || " +
			"CASE WHEN has_coords THEN lon ELSE 0 END || '|' || date || '|' || quad || '|' || status",
	} {
		got := map[string]delta{}
		rows, err := raw.QueryContext(ctx, `SELECT `+keys+`, events, goldstein, happenings, hap_goldstein FROM `+table)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		for rows.Next() {
			var k string
			var d delta
			if err := rows.Scan(&k, &d.events, &d.goldstein, &d.happenings, &d.hapGoldstein); err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			got[k] = d
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		rows.Close()
		if !maps.Equal(got, want[table]) {
			t.Errorf("%s: %s holds %v, the live events give %v", when, table, got, want[table])
		}
	}
}

// checkDaySummaries fails t unless event_days and event_periods equal
// their recomputation from the live events, and every event is live
// exactly when its document is not superseded.
func checkDaySummaries(t *testing.T, raw *sql.DB, when string) {
	t.Helper()
	ctx := context.Background()
	differ := func(want, got string, args ...any) int {
		var n int
		q := `SELECT count(*) FROM (SELECT * FROM (` + want + `) EXCEPT SELECT * FROM (` + got + `)
			UNION ALL SELECT * FROM (SELECT * FROM (` + got + `) EXCEPT SELECT * FROM (` + want + `)))`
		if err := raw.QueryRowContext(ctx, q, append(append(args, args...), append(args, args...)...)...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		return n
	}
	if n := differ(wantDays, gotDays); n > 0 {
		t.Errorf("%s: %d rows of event_days differ from the events", when, n)
	}
	for kind, start := range map[string]string{"week": "date(date, '-6 days', 'weekday 1')", "month": "substr(date, 1, 8) || '01'"} {
		if n := differ(fmt.Sprintf(wantPeriod, start), gotPeriods, kind); n > 0 {
			t.Errorf("%s: %d rows of event_periods (%s) differ from the events", when, n, kind)
		}
	}
	var n int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id
		WHERE e.live <> (d.superseded_by = '')`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n > 0 {
		t.Errorf("%s: %d events live when their document is superseded, or dead when it is not", when, n)
	}
	var anchors int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE live = 1 AND happening <> id`).Scan(&anchors); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d live events are reports of another's happening", when, anchors)
}

// linkedEvent is an event that links with others of the same act, sides
// and nearby days: the USA calling on Turkey, as in storetest.
func linkedEvent(r *rand.Rand, docID string, n int) event.Event {
	day := fmt.Sprintf("2024-03-%02d", 4+r.IntN(2)) // 03-04 is a Monday, 03-05 not
	golds := []float64{-2.5, 1, 3.4, 0.1}
	st := []event.Status{event.Reported, event.Asserted, event.Asserted, event.Negated}[r.IntN(4)]
	// Mostly one act and one source, so that events link; a few other
	// codes give the smaller summaries keys that differ from them.
	code := []string{"041", "041", "041", "04", "043"}[r.IntN(5)]
	e := event.Event{ID: fmt.Sprintf("%s-%d", docID[:8], n), DocID: docID, Code: code, Root: "04", Quad: 1 + r.IntN(2),
		Goldstein: golds[r.IntN(len(golds))], Status: st,
		Source: event.Actor{Code: []string{"USAGOV", "USAGOV", "USAGOV", "USA", "TURGOVMIL", "USAG"}[r.IntN(6)], Country: "USA", Sector: "GOV"},
		Target: event.Actor{Code: []string{"TURGOV", "TUR"}[r.IntN(2)], Country: "TUR", Sector: "GOV"},
		Date:   []string{day, day, day, day, day, day, "", "2024-02-30"}[r.IntN(8)], Precision: []string{"day", "publication"}[r.IntN(2)]}
	placeEvent(r, &e)
	return e
}

// placeEvent places e as place_days tells places apart: nowhere, in a
// country or an admin1 only, in a city with or without coordinates, in a
// city without a country, in two cities of one name.
func placeEvent(r *rand.Rand, e *event.Event) {
	ll := func(lat, lon float64) (*float64, *float64) { return &lat, &lon }
	switch r.IntN(8) {
	case 0, 1: // nowhere
	case 2:
		e.LocationCountry, e.GeoPrecision = "TUR", "country"
	case 3:
		e.Location, e.LocationCountry, e.Admin1, e.GeoPrecision = "Ankara", "TUR", "Ankara", "admin1"
		e.Lat, e.Lon = ll(39.9, 32.8) // coordinates of no city
	case 4:
		e.Location, e.LocationCountry, e.GeoPrecision = "Ankara", "TUR", "city"
		e.Lat, e.Lon = ll(39.93, 32.85)
	case 5:
		e.Location, e.LocationCountry, e.GeoPrecision = "Ankara", "TUR", "city" // no coordinates
	case 6:
		e.Location, e.GeoPrecision = "Ankara", "city" // no country
		e.Lat, e.Lon = ll(39.93, 32.85)
	case 7:
		e.Location, e.LocationCountry, e.GeoPrecision = "Paris", []string{"FRA", "USA"}[r.IntN(2)], "city"
		e.Lat, e.Lon = ll([]float64{48.86, 33.66}[r.IntN(2)], 2.35)
	}
}

// TestSummariesExact checks the summaries against their recomputation
// from the events through a random sequence of the writes that change
// them: new documents with analyses in one Put, analyses stored later,
// replaced analyses, new versions at a URL (some of a document analysed
// earlier in the same batch), analyses of superseded versions, and the
// linking all of these cause; and that rebuilding them from the events
// gives the tables the writer kept.
func TestSummariesExact(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "sums.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(7, 11))
	var ids []string
	analysis := func(id string) *store.Analysis {
		a := &store.Analysis{DocID: id}
		for i := range r.IntN(6) {
			a.Events = append(a.Events, linkedEvent(r, id, i))
		}
		return a
	}
	for step := range 40 {
		switch r.IntN(3) {
		case 0: // a batch of new documents, some at URLs already stored
			var items []store.Item
			for k := range 1 + r.IntN(4) {
				d := doc.Document{Text: fmt.Sprintf("Step %d item %d: the call.", step, k), URL: fmt.Sprintf("https://sums.example/%d", r.IntN(8))}
				it := store.Item{Doc: d}
				if r.IntN(3) > 0 {
					it.Analysis = analysis(doc.ContentID(d.Text))
				}
				items = append(items, it)
			}
			res, err := db.Put(ctx, items)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range res {
				ids = append(ids, p.ID)
			}
		default: // analyses of stored documents, superseded or not, new or replaced
			if len(ids) == 0 {
				continue
			}
			var as []store.Analysis
			for range 1 + r.IntN(3) {
				as = append(as, *analysis(ids[r.IntN(len(ids))]))
			}
			if err := db.PutAnalyses(ctx, as); err != nil {
				t.Fatal(err)
			}
		}
		checkSummaries(t, db.r, fmt.Sprintf("step %d", step))
	}
	checkRebuild(t, db)
}

// summaryTables are the tables rebuildSummaries fills.
var summaryTables = []string{"event_days", "event_periods", "event_totals", "actor_days", "code_days", "dyad_totals", "place_days"}

// checkRebuild fails t unless rebuildSummaries leaves every summary table
// as the writer kept it (in a transaction it rolls back).
func checkRebuild(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	dump := func(table string) []string {
		rows, err := tx.QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals...))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	kept := map[string][]string{}
	for _, table := range summaryTables {
		kept[table] = dump(table)
		if len(kept[table]) == 0 {
			t.Errorf("%s is empty before the rebuild", table)
		}
	}
	if err := rebuildSummaries(ctx, tx); err != nil {
		t.Fatal(err)
	}
	for _, table := range summaryTables {
		if got := dump(table); !slices.Equal(got, kept[table]) {
			t.Errorf("%s after a rebuild:\n%q\nthe writer kept:\n%q", table, got, kept[table])
		}
	}
}
