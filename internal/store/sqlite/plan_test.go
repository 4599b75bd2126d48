package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
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
