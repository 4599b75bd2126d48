package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

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
