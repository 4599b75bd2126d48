package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/store"
)

// DocumentCounts implements store.Queries.
func (db *DB) DocumentCounts(ctx context.Context, f store.DocFilter) ([]store.DocCount, error) {
	f.URL, f.Query = "", "" // ignored, as the interface says
	where, args, err := docWhere(f)
	if err != nil {
		return nil, err
	}
	where = append(where, "d.published <> ''")
	rows, err := db.r.QueryContext(ctx, `SELECT substr(d.published, 1, 10), count(*) FROM documents d WHERE `+
		strings.Join(where, " AND ")+` GROUP BY 1 ORDER BY 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: document counts: %w", err)
	}
	defer rows.Close()
	var out []store.DocCount
	for rows.Next() {
		var c store.DocCount
		if err := rows.Scan(&c.Date, &c.Documents); err != nil {
			return nil, fmt.Errorf("sqlite: document counts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: document counts: %w", err)
	}
	return out, nil
}
