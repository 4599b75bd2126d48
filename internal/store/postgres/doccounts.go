package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// DocumentCounts implements store.Queries.
func (db *DB) DocumentCounts(ctx context.Context, f store.DocFilter) ([]store.DocCount, error) {
	where := []string{"d.published <> ''"}
	var a args
	if !f.AllVersions {
		where = append(where, "d.superseded_by = ''")
	}
	if f.Outlet != "" {
		where = append(where, "d.outlet = "+a.add(f.Outlet))
	}
	if f.Lang != "" {
		where = append(where, "d.lang = "+a.add(f.Lang))
	}
	if !f.From.IsZero() {
		where = append(where, "d.published >= "+a.add(store.Sortable(f.From)))
	}
	if !f.To.IsZero() {
		where = append(where, "d.published < "+a.add(store.Sortable(f.To)))
	}
	rows, err := db.pool.Query(ctx, `SELECT substr(d.published, 1, 10), count(*) FROM documents d WHERE `+
		strings.Join(where, " AND ")+` GROUP BY 1 ORDER BY 1`, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: document counts: %w", err)
	}
	defer rows.Close()
	var out []store.DocCount
	for rows.Next() {
		var c store.DocCount
		if err := rows.Scan(&c.Date, &c.Documents); err != nil {
			return nil, fmt.Errorf("postgres: document counts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: document counts: %w", err)
	}
	return out, nil
}
