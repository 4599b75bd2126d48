package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
)

// SortableTime is the fixed-width UTC layout both backends store the
// published and ingested columns in, so that comparing strings compares
// times.
const SortableTime = "2006-01-02T15:04:05.000000000Z"

// Sortable formats t in SortableTime, UTC; the zero time is "" (unknown).
func Sortable(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(SortableTime)
}

// LocalTime formats t with its own offset (RFC 3339), as the published_local
// column keeps it; the zero time is "".
func LocalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// DocColumns are the columns of documents d that ScanDocument reads, in
// order; both backends' schemas have them with these meanings.
const DocColumns = `d.id, d.url, d.title, d.outlet, d.author, d.published_local, d.lang, d.text, d.meta,
	d.origin, d.format, d.ingested, d.version, d.supersedes`

// ScanDocument reads a document from a row of DocColumns with scan, a
// row's Scan method (*sql.Row, *sql.Rows, pgx.Row, pgx.Rows). It returns
// scan's error unwrapped, so that a backend can tell "no rows".
func ScanDocument(scan func(dest ...any) error) (doc.Document, error) {
	var d doc.Document
	var published, meta, ingested string
	if err := scan(&d.ID, &d.URL, &d.Title, &d.Outlet, &d.Author, &published, &d.Lang, &d.Text, &meta,
		&d.Origin, &d.Format, &ingested, &d.Version, &d.Supersedes); err != nil {
		return d, err
	}
	var err error
	if published != "" {
		if d.Published, err = time.Parse(time.RFC3339Nano, published); err != nil {
			return d, fmt.Errorf("document %s: published: %w", d.ID, err)
		}
	}
	if d.Ingested, err = time.Parse(SortableTime, ingested); err != nil {
		return d, fmt.Errorf("document %s: ingested: %w", d.ID, err)
	}
	if meta != "" && meta != "{}" {
		if err := json.Unmarshal([]byte(meta), &d.Meta); err != nil {
			return d, fmt.Errorf("document %s: meta: %w", d.ID, err)
		}
	}
	return d, nil
}

// Day returns the YYYY-MM-DD day of a time in SortableTime, "" for "".
func Day(sortable string) string {
	if len(sortable) < 10 {
		return ""
	}
	return sortable[:10]
}
