package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

// Phases of a diagnostic: found while reading, or by an analysis.
const (
	phaseIngest   = "ingest"
	phaseAnalysis = "analysis"
)

// PutDocuments implements store.Store.
func (db *DB) PutDocuments(ctx context.Context, docs []doc.Document) ([]store.PutResult, error) {
	items := make([]store.Item, len(docs))
	for i := range docs {
		items[i].Doc = docs[i]
	}
	return db.Put(ctx, items)
}

// Put implements store.Store.
func (db *DB) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	if len(items) == 0 {
		return nil, nil
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	now := db.now()
	w, err := newWriter(ctx, tx, now)
	if err != nil {
		return nil, err
	}
	defer w.close()
	res := make([]store.PutResult, len(items))
	for i := range items {
		r, err := w.putItem(ctx, &items[i], now)
		if err != nil {
			return nil, err
		}
		res[i] = r
	}
	if err := w.analyses.finish(ctx); err != nil {
		return nil, err
	}
	if err := w.index(ctx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit: %w", err)
	}
	return res, nil
}

// ErrBulkVersion is returned by Bulk.Put for an item that would be a new
// version of a document stored at its URL: a bulk load stores new
// documents only (see bulk.go).
var ErrBulkVersion = errors.New("a bulk load does not store new versions")

// currentAtURL finds the current version at a URL other than a given ID.
// Requiring a non-empty url lets it use the partial index documents_url;
// without that every lookup scans the table (see TestQueryPlans).
const currentAtURL = `SELECT id, version FROM documents WHERE url = ? AND url <> '' AND superseded_by = '' AND id <> ?
	ORDER BY version DESC LIMIT 1`

// writer holds the statements of one write transaction.
type writer struct {
	tx                              *sql.Tx
	status, current, insert, retire *sql.Stmt
	version, diag, retireEvents     *sql.Stmt
	first, last                     int64           // seq range of the rows inserted, 0 when none
	analyses                        *analysisWriter // the items' analyses, see analyses.go
	bulk                            bool            // a bulk load's writer: new versions are refused (bulk.go)
}

// index adds the documents the transaction inserted to the full-text index
// in one statement (see migration 0003). New rows take seq values above
// every existing one, so the range holds exactly this batch's rows.
func (w *writer) index(ctx context.Context) error {
	if w.first == 0 {
		return nil
	}
	_, err := w.tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text)
		SELECT seq, title, text FROM documents WHERE seq BETWEEN ? AND ?`, w.first, w.last)
	if err != nil {
		return fmt.Errorf("sqlite: full-text index: %w", err)
	}
	return nil
}

func newWriter(ctx context.Context, tx *sql.Tx, now time.Time) (*writer, error) {
	w := &writer{tx: tx}
	w.analyses = newAnalysisWriter(tx, now)
	stmts := []struct {
		s   **sql.Stmt
		sql string
	}{
		{&w.status, `SELECT status FROM documents WHERE id = ?`},
		{&w.current, currentAtURL},
		{&w.insert, `INSERT INTO documents (id, url, title, outlet, author, published, published_local, lang,
			text, meta, origin, format, ingested)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&w.version, `UPDATE documents SET version = ?, supersedes = ? WHERE seq = ?`},
		{&w.retire, `UPDATE documents SET superseded_by = ? WHERE id = ?`},
		{&w.retireEvents, retireDocEvents},
		{&w.diag, `INSERT INTO diagnostics (doc_id, phase, ord, stage, severity, span_start, span_end, message)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
	}
	for _, s := range stmts {
		var err error
		if *s.s, err = tx.PrepareContext(ctx, s.sql); err != nil {
			w.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
	}
	return w, nil
}

func (w *writer) close() {
	w.analyses.close()
	for _, s := range []*sql.Stmt{w.status, w.current, w.insert, w.retire, w.version, w.diag, w.retireEvents} {
		if s != nil {
			s.Close()
		}
	}
}

func (w *writer) putItem(ctx context.Context, it *store.Item, now time.Time) (store.PutResult, error) {
	d := &it.Doc
	where := d.Origin
	if where == "" {
		where = d.URL
	}
	if strings.TrimSpace(d.Text) == "" {
		return store.PutResult{}, fmt.Errorf("sqlite: document %q: empty text", where)
	}
	id := doc.ContentID(d.Text)
	meta := "{}"
	if len(d.Meta) > 0 {
		b, err := json.Marshal(d.Meta)
		if err != nil {
			return store.PutResult{}, fmt.Errorf("sqlite: document %q: meta: %w", where, err)
		}
		meta = string(b)
	}
	// Insert first: a known text is a conflict on id that inserts nothing,
	// which saves a lookup for every new document.
	ins, err := w.insert.ExecContext(ctx, id, d.URL, d.Title, d.Outlet, d.Author, store.Sortable(d.Published),
		store.LocalTime(d.Published), d.Lang, d.Text, meta, d.Origin, d.Format, store.Sortable(now))
	if err != nil {
		return store.PutResult{}, fmt.Errorf("sqlite: document %q: %w", where, err)
	}
	n, err := ins.RowsAffected()
	if err != nil {
		return store.PutResult{}, fmt.Errorf("sqlite: document %q: %w", where, err)
	}
	// The decision (store.Decide) sees the rows this transaction wrote
	// before, so a batch is decided as if put one by one.
	var p store.Prior
	if n == 0 {
		p.Stored = true
		if it.Analysis != nil { // the status matters only then
			var status string
			if err := w.status.QueryRowContext(ctx, id).Scan(&status); err != nil {
				return store.PutResult{}, fmt.Errorf("sqlite: document %q: %w", where, err)
			}
			p.Status = store.CodingStatus(status)
		}
	} else if d.URL != "" {
		var h store.Head
		switch err := w.current.QueryRowContext(ctx, d.URL, id).Scan(&h.ID, &h.Version); {
		case err == nil:
			p.Head = &h
		case !errors.Is(err, sql.ErrNoRows):
			return store.PutResult{}, fmt.Errorf("sqlite: document %q: %w", where, err)
		}
	}
	dec := store.Decide(p, it.Analysis != nil)
	if dec.Outcome == store.Unchanged {
		if dec.Analysis {
			if err := w.analyses.put(ctx, id, it.Analysis); err != nil {
				return store.PutResult{}, err
			}
		}
		return store.PutResult{ID: id, Outcome: dec.Outcome}, nil
	}
	seq, err := ins.LastInsertId()
	if err != nil {
		return store.PutResult{}, fmt.Errorf("sqlite: document %q: %w", where, err)
	}
	if w.first == 0 {
		w.first = seq
	}
	w.last = seq
	if dec.Supersedes != "" && w.bulk {
		return store.PutResult{}, fmt.Errorf("sqlite: document %q supersedes %s at %s: %w", where, dec.Supersedes, d.URL, ErrBulkVersion)
	}
	// The row was inserted with the schema's version 1 and no supersedes.
	if dec.Supersedes != "" {
		if _, err := w.version.ExecContext(ctx, dec.Version, dec.Supersedes, seq); err != nil {
			return store.PutResult{}, fmt.Errorf("sqlite: document %q: %w", where, err)
		}
		if _, err := w.retire.ExecContext(ctx, id, dec.Supersedes); err != nil {
			return store.PutResult{}, fmt.Errorf("sqlite: document %q: %w", where, err)
		}
		// The replaced version's events stop counting, those of an
		// analysis earlier in this batch too.
		if w.analyses.buffered[dec.Supersedes] {
			if err := w.analyses.flush(ctx); err != nil {
				return store.PutResult{}, err
			}
		}
		if err := w.analyses.sums.subtract(ctx, w.retireEvents, dec.Supersedes); err != nil {
			return store.PutResult{}, err
		}
		if err := touchDocument(ctx, w.tx, w.analyses.touched, dec.Supersedes); err != nil {
			return store.PutResult{}, err
		}
	}
	for i, g := range it.Diagnostics {
		start, end := spanArgs(g.Span)
		if _, err := w.diag.ExecContext(ctx, id, phaseIngest, i, g.Stage, string(g.Severity), start, end, g.Message); err != nil {
			return store.PutResult{}, fmt.Errorf("sqlite: document %q: diagnostic: %w", where, err)
		}
	}
	if dec.Analysis {
		if err := w.analyses.put(ctx, id, it.Analysis); err != nil {
			return store.PutResult{}, err
		}
	}
	return store.PutResult{ID: id, Outcome: dec.Outcome}, nil
}

// spanArgs returns a span's bounds as nullable query arguments.
func spanArgs(s *doc.Span) (any, any) {
	if s == nil {
		return nil, nil
	}
	return s.Start, s.End
}

// span builds a *doc.Span from two nullable columns.
func span(start, end sql.NullInt64) *doc.Span {
	if !start.Valid || !end.Valid {
		return nil
	}
	return &doc.Span{Start: int(start.Int64), End: int(end.Int64)}
}

// Document implements store.Store.
func (db *DB) Document(ctx context.Context, id string) (*doc.Document, error) {
	row := db.r.QueryRowContext(ctx, `SELECT `+store.DocColumns+` FROM documents d WHERE d.id = ?`, id)
	d, err := store.ScanDocument(row.Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	return &d, nil
}

// DocumentInfo implements store.Store.
func (db *DB) DocumentInfo(ctx context.Context, id string) (*store.DocInfo, error) {
	var info store.DocInfo
	var status string
	err := db.r.QueryRowContext(ctx, `SELECT status, skipped, superseded_by FROM documents WHERE id = ?`, id).
		Scan(&status, &info.Skipped, &info.SupersededBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	info.Status = store.CodingStatus(status)
	if info.Diagnostics, err = diagnostics(ctx, db.r, id, phaseIngest); err != nil {
		return nil, err
	}
	return &info, nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func diagnostics(ctx context.Context, q querier, id, phase string) ([]doc.Diagnostic, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage, severity, span_start, span_end, message FROM diagnostics
		WHERE doc_id = ? AND phase = ? ORDER BY ord`, id, phase)
	if err != nil {
		return nil, fmt.Errorf("sqlite: diagnostics of %s: %w", id, err)
	}
	defer rows.Close()
	var ds []doc.Diagnostic
	for rows.Next() {
		var g doc.Diagnostic
		var sev string
		var start, end sql.NullInt64
		if err := rows.Scan(&g.Stage, &sev, &start, &end, &g.Message); err != nil {
			return nil, fmt.Errorf("sqlite: diagnostics of %s: %w", id, err)
		}
		g.Severity = doc.Severity(sev)
		g.Span = span(start, end)
		ds = append(ds, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: diagnostics of %s: %w", id, err)
	}
	return ds, nil
}

// Documents implements store.Store.
func (db *DB) Documents(ctx context.Context, f store.DocFilter) ([]doc.Document, error) {
	where, args, err := docWhere(f)
	if err != nil {
		return nil, err
	}
	if f.After != "" {
		var published string
		err := db.r.QueryRowContext(ctx, `SELECT published FROM documents WHERE id = ?`, f.After).Scan(&published)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%w: cursor %q names no document", store.ErrBadQuery, f.After)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: documents: %w", err)
		}
		where = append(where, "(d.published < ? OR (d.published = ? AND d.id > ?))")
		args = append(args, published, published, f.After)
	}
	q := `SELECT ` + store.DocColumns + ` FROM documents d`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY d.published DESC, d.id LIMIT ?"
	args = append(args, store.Limit(f.Limit))
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	defer rows.Close()
	var docs []doc.Document
	for rows.Next() {
		d, err := store.ScanDocument(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("sqlite: documents: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	return docs, nil
}

// CountDocuments implements store.Store.
func (db *DB) CountDocuments(ctx context.Context, f store.DocFilter) (int, error) {
	where, args, err := docWhere(f)
	if err != nil {
		return 0, err
	}
	q := `SELECT count(*) FROM documents d`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var n int
	if err := db.r.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count documents: %w", err)
	}
	return n, nil
}

// docWhere returns the conditions on documents d that select f's
// documents, without its cursor, and their arguments.
func docWhere(f store.DocFilter) (where []string, args []any, err error) {
	if !f.AllVersions {
		where = append(where, "d.superseded_by = ''")
	}
	if f.URL != "" {
		where = append(where, "d.url = ?")
		args = append(args, f.URL)
	}
	if f.Outlet != "" {
		where = append(where, "d.outlet = ?")
		args = append(args, f.Outlet)
	}
	if f.Lang != "" {
		where = append(where, "d.lang = ?")
		args = append(args, f.Lang)
	}
	if !f.From.IsZero() {
		where = append(where, "d.published >= ?")
		args = append(args, store.Sortable(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "d.published <> '' AND d.published < ?")
		args = append(args, store.Sortable(f.To))
	}
	if f.Query != "" {
		q, err := ftsQuery(f.Query)
		if err != nil {
			return nil, nil, err
		}
		where = append(where, "d.seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
		args = append(args, q)
	}
	return where, args, nil
}

// Stats' queries. Each count reads an index that holds its column, or a
// summary, never the rows, whose texts lie between the columns (migration
// 0015): the events are the live ones of event_totals and the dead ones of
// events_dead, the documents those of each language.
const (
	statsCounts = `SELECT
		(SELECT count(*) FROM documents WHERE superseded_by <> ''),
		(SELECT count(*) FROM documents INDEXED BY documents_status WHERE status = 'pending'),
		(SELECT count(*) FROM documents INDEXED BY documents_status WHERE status = 'coded'),
		(SELECT count(*) FROM documents INDEXED BY documents_status WHERE status = 'skipped'),
		(SELECT count(DISTINCT outlet) FROM documents WHERE outlet <> ''),
		(SELECT coalesce(sum(events), 0) FROM event_totals) + (SELECT count(*) FROM events WHERE live = 0)`
	statsLangs = `SELECT lang, count(*) FROM documents GROUP BY lang`
)

// Stats implements store.Store.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	s := store.Stats{Languages: map[string]int{}}
	err := db.r.QueryRowContext(ctx, statsCounts).Scan(&s.Superseded, &s.Pending, &s.Coded, &s.Skipped, &s.Outlets, &s.Events)
	if err != nil {
		return s, fmt.Errorf("sqlite: stats: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, statsLangs)
	if err != nil {
		return s, fmt.Errorf("sqlite: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lang string
		var n int
		if err := rows.Scan(&lang, &n); err != nil {
			return s, fmt.Errorf("sqlite: stats: %w", err)
		}
		s.Languages[lang] = n
		s.Documents += n
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("sqlite: stats: %w", err)
	}
	return s, nil
}
