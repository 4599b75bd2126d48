package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// TestMigrateStoredEvents upgrades a store of schema 9 that holds events:
// each stored event becomes a happening of its own, and the summaries
// count the same happenings as events, so nothing counted changes.
func TestMigrateStoredEvents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:9] {
		if _, err := raw.ExecContext(ctx, m.SQL); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		if _, err := raw.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?, '2026-12-01T00:00:00Z')`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	stmts := []string{
		`INSERT INTO documents (id, text, ingested, status) VALUES ('d1', 'Russia shelled Kharkiv.', '2026-12-01', 'coded')`,
		`INSERT INTO documents (id, text, ingested, status) VALUES ('d2', 'Russian guns shelled Kharkiv.', '2026-12-01', 'coded')`,
	}
	for i, id := range []string{"e1", "e2", "e3"} {
		doc := []string{"d1", "d2", "d2"}[i]
		stmts = append(stmts, `INSERT INTO events (id, doc_id, ord, source_code, target_code, code, root, quad, goldstein, status, date, precision)
			VALUES ('`+id+`', '`+doc+`', `+string(rune('0'+i))+`, 'RUS', 'UKR', '194', '19', 4, -10, 'asserted', '2024-03-05', 'day')`)
	}
	for _, s := range stmts {
		if _, err := raw.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	raw.Close()

	db, err := Open(ctx, path, Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.Events(ctx, store.EventFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 3 {
		t.Fatalf("%d happenings listed after the upgrade, want the 3 stored events", len(page.Events))
	}
	for _, e := range page.Events {
		if e.Happening != e.ID {
			t.Errorf("event %s in happening %q, want its own", e.ID, e.Happening)
		}
	}
	for _, mentions := range []bool{false, true} {
		days, err := db.EventCounts(ctx, store.EventFilter{Mentions: mentions})
		if err != nil {
			t.Fatal(err)
		}
		if len(days) != 1 || days[0].Events != 3 || days[0].Goldstein != -30 {
			t.Errorf("mentions %v: counts %+v, want 3 on 2024-03-05 summing -30", mentions, days)
		}
	}
}

// TestMigrateThenWrite upgrades a store whose summaries the triggers of
// 0011 kept (schema 12) and writes to it: the summaries, and the smaller
// ones migration 0014 fills from events of varied actor and CAMEO codes,
// stay equal to their recomputation from the events after the upgrade, a
// re-analysis, a new version at a URL and the analysis of a superseded
// version.
func TestMigrateThenWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:12] {
		if _, err := raw.ExecContext(ctx, m.SQL); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		if _, err := raw.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?, '2026-12-01T00:00:00Z')`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	d1 := doc.Document{Text: "Russia shelled Kharkiv.", URL: "https://old.example/1"}
	d2 := doc.Document{Text: "Russian guns shelled Kharkiv.", URL: "https://old.example/2"}
	id1, id2 := doc.ContentID(d1.Text), doc.ContentID(d2.Text)
	stmts := []string{
		`INSERT INTO documents (id, url, text, ingested, status) VALUES ('` + id1 + `', '` + d1.URL + `', '` + d1.Text + `', '2026-12-01', 'coded')`,
		`INSERT INTO documents (id, url, text, ingested, status) VALUES ('` + id2 + `', '` + d2.URL + `', '` + d2.Text + `', '2026-12-01', 'coded')`,
	}
	for i, id := range []string{"e1", "e2", "e3", "e4"} {
		d := []string{id1, id2, id2, id1}[i]
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO events (id, doc_id, ord, source_code, target_code, code, root, quad, goldstein, status, date, precision, happening)
			VALUES ('%s', '%s', %d, '%s', '%s', '%s', '19', 4, %g, 'asserted', '2024-03-0%d', 'day', '%s')`,
			id, d, i, []string{"RUS", "RUSGOVMIL", "USAG", "RUS"}[i], []string{"UKR", "RUSMIL", "", "UKRMILREB"}[i],
			[]string{"194", "19", "194", "190"}[i], -10+float64(i)/3, 4+i%2, []string{"e1", "e1", "e3", "e4"}[i]))
	}
	for _, s := range stmts {
		if _, err := raw.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	checkDaySummaries(t, raw, "schema 12")
	raw.Close()

	db, err := Open(ctx, path, Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkSummaries(t, db.r, "upgraded")
	r := rand.New(rand.NewPCG(3, 4))
	if err := db.PutAnalyses(ctx, []store.Analysis{{DocID: id1, Events: []event.Event{linkedEvent(r, id1, 0), linkedEvent(r, id1, 1)}}}); err != nil {
		t.Fatal(err)
	}
	checkSummaries(t, db.r, "re-analysed")
	d2.Text += " Updated."
	res, err := db.Put(ctx, []store.Item{{Doc: d2, Analysis: &store.Analysis{DocID: doc.ContentID(d2.Text),
		Events: []event.Event{linkedEvent(r, doc.ContentID(d2.Text), 0)}}}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Outcome != store.Superseded {
		t.Fatalf("outcome %s, want superseded", res[0].Outcome)
	}
	checkSummaries(t, db.r, "superseded")
	if err := db.PutAnalyses(ctx, []store.Analysis{{DocID: id2, Events: []event.Event{linkedEvent(r, id2, 5)}}}); err != nil {
		t.Fatal(err)
	}
	checkSummaries(t, db.r, "superseded version re-analysed")
}
