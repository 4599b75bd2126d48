package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

// Phases of a diagnostic: found while reading, or by an analysis.
const (
	phaseIngest   = "ingest"
	phaseAnalysis = "analysis"
)

// args numbers query parameters as they are added.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// PutDocuments implements store.Store.
func (db *DB) PutDocuments(ctx context.Context, docs []doc.Document) ([]store.PutResult, error) {
	items := make([]store.Item, len(docs))
	for i := range docs {
		items[i].Doc = docs[i]
	}
	return db.Put(ctx, items)
}

// Put implements store.Store. A batch takes a fixed number of statements
// whatever its size: one lookup of the stored IDs, one of the current
// versions at the batch's URLs, one multi-row INSERT, one UPDATE of the
// replaced versions, one COPY of the diagnostics, then the analyses. New
// versions at a URL are decided under a transaction-scoped advisory lock
// per URL, taken in a fixed order, so that concurrent writers agree on the
// version chain without deadlocks.
func (db *DB) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	if len(items) == 0 {
		return nil, nil
	}
	ids, err := contentIDs(items)
	if err != nil {
		return nil, err
	}
	now := db.now()
	var res []store.PutResult
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		t := store.Touched{}
		var err error
		if res, err = putBatch(ctx, tx, items, ids, now, t); err != nil {
			return err
		}
		return relink(ctx, tx, t)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// contentIDs returns the content ID of each item's document, or an error
// naming the first document PostgreSQL cannot store.
func contentIDs(items []store.Item) ([]string, error) {
	ids := make([]string, len(items))
	for i := range items {
		d := &items[i].Doc
		where := d.Origin
		if where == "" {
			where = d.URL
		}
		if strings.TrimSpace(d.Text) == "" {
			return nil, fmt.Errorf("postgres: document %q: empty text", where)
		}
		if strings.IndexByte(d.Text, 0) >= 0 {
			return nil, fmt.Errorf("postgres: document %q: text holds a NUL byte", where)
		}
		ids[i] = doc.ContentID(d.Text)
	}
	return ids, nil
}

// putBatch stores items, whose content IDs are ids, inside tx, and
// records in touched the link keys of the events it adds and retires; the
// caller links them (store.Relink) before commit.
func putBatch(ctx context.Context, tx pgx.Tx, items []store.Item, ids []string, now time.Time, touched store.Touched) ([]store.PutResult, error) {
	var urls []string
	keys := map[int64]bool{}
	for i := range items {
		if u := items[i].Doc.URL; u != "" {
			h := fnv.New64a()
			h.Write([]byte(u))
			keys[int64(h.Sum64())] = true
			urls = append(urls, u)
		}
	}
	sorted := make([]int64, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	if len(sorted) > 0 {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k`, sorted); err != nil {
			return nil, fmt.Errorf("postgres: lock: %w", err)
		}
	}
	// What is stored already, and the current version at each URL: the
	// decision of store.Batch, made in memory for the whole batch.
	batch := store.NewBatch()
	rows, err := tx.Query(ctx, `SELECT id, status FROM documents WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: documents: %w", err)
	}
	for rows.Next() {
		var id, st string
		if err := rows.Scan(&id, &st); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: documents: %w", err)
		}
		batch.Stored(id, store.CodingStatus(st))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: documents: %w", err)
	}
	if len(urls) > 0 {
		rows, err := tx.Query(ctx, `SELECT DISTINCT ON (url) url, id, version FROM documents
			WHERE url = ANY($1) AND superseded_by = '' ORDER BY url, version DESC`, urls)
		if err != nil {
			return nil, fmt.Errorf("postgres: versions: %w", err)
		}
		for rows.Next() {
			var u string
			var h store.Head
			if err := rows.Scan(&u, &h.ID, &h.Version); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres: versions: %w", err)
			}
			batch.Current(u, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres: versions: %w", err)
		}
	}
	res := make([]store.PutResult, len(items))
	var cols [14][]string // the text columns of the new rows, see insert below
	var versions []int
	var newIdx []int
	analysis := make([]*store.Analysis, len(items))
	for i := range items {
		it, id := &items[i], ids[i]
		dec := batch.Decide(id, it.Doc.URL, it.Analysis != nil)
		res[i] = store.PutResult{ID: id, Outcome: dec.Outcome}
		if dec.Analysis {
			a := *it.Analysis
			a.DocID = id
			analysis[i] = &a
		}
		if dec.Outcome == store.Unchanged {
			continue
		}
		d := &it.Doc
		meta := "{}"
		if len(d.Meta) > 0 {
			b, err := json.Marshal(d.Meta)
			if err != nil {
				return nil, fmt.Errorf("postgres: document %q: meta: %w", d.Origin, err)
			}
			meta = string(b)
		}
		for c, v := range []string{id, d.URL, d.Title, d.Outlet, d.Author, store.Sortable(d.Published), store.LocalTime(d.Published),
			d.Lang, d.Text, meta, d.Origin, d.Format, dec.Supersedes, ""} {
			cols[c] = append(cols[c], v)
		}
		versions = append(versions, dec.Version)
		newIdx = append(newIdx, i)
	}
	// Insert the new rows. A row another transaction inserted meanwhile
	// is not inserted again: that item is unchanged.
	inserted := map[string]bool{}
	if len(newIdx) > 0 {
		rows, err := tx.Query(ctx, `INSERT INTO documents (id, url, title, outlet, author, published, published_local,
			lang, text, meta, origin, format, supersedes, ingested, version)
			SELECT id, url, title, outlet, author, published, published_local, lang, text, meta, origin, format,
				supersedes, $14, version
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
				$9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $15::int[])
				AS u(id, url, title, outlet, author, published, published_local, lang, text, meta, origin, format,
					supersedes, version)
			ON CONFLICT (id) DO NOTHING RETURNING id`,
			cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8], cols[9], cols[10], cols[11],
			cols[12], store.Sortable(now), versions)
		if err != nil {
			return nil, fmt.Errorf("postgres: insert documents: %w", err)
		}
		got, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, fmt.Errorf("postgres: insert documents: %w", err)
		}
		for _, id := range got {
			inserted[id] = true
		}
	}
	var retireOld, retireNew []string
	var diagRows [][]any
	for k, i := range newIdx {
		id := ids[i]
		if !inserted[id] {
			res[i].Outcome = store.Unchanged
			analysis[i] = nil
			continue
		}
		if old := cols[12][k]; old != "" {
			retireOld = append(retireOld, old)
			retireNew = append(retireNew, id)
		}
		for j, g := range items[i].Diagnostics {
			start, end := spanArgs(g.Span)
			diagRows = append(diagRows, []any{id, phaseIngest, j, g.Stage, string(g.Severity), start, end, g.Message})
		}
	}
	if len(retireOld) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE documents d SET superseded_by = u.next
			FROM unnest($1::text[], $2::text[]) AS u(id, next) WHERE d.id = u.id`, retireOld, retireNew); err != nil {
			return nil, fmt.Errorf("postgres: versions: %w", err)
		}
		if err := touchDocuments(ctx, tx, touched, retireOld); err != nil {
			return nil, err
		}
		if _, err := tx.Exec(ctx, `UPDATE events SET live = false WHERE doc_id = ANY($1) AND live`, retireOld); err != nil {
			return nil, fmt.Errorf("postgres: versions: %w", err)
		}
	}
	if len(diagRows) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"diagnostics"},
			[]string{"doc_id", "phase", "ord", "stage", "severity", "span_start", "span_end", "message"},
			pgx.CopyFromRows(diagRows)); err != nil {
			return nil, fmt.Errorf("postgres: diagnostics: %w", err)
		}
	}
	var as []store.Analysis
	queued := false
	for i, a := range analysis {
		if a != nil {
			as = append(as, *a)
		} else if res[i].Outcome != store.Unchanged {
			queued = true
		}
	}
	if queued { // wakes listening workers when the transaction commits
		if _, err := tx.Exec(ctx, "SELECT pg_notify($1, '')", NotifyChannel); err != nil {
			return nil, fmt.Errorf("postgres: notify: %w", err)
		}
	}
	if err := putAnalyses(ctx, tx, as, now, touched); err != nil {
		return nil, err
	}
	return res, nil
}

// spanArgs returns a span's bounds as nullable query arguments.
func spanArgs(s *doc.Span) (*int32, *int32) {
	if s == nil {
		return nil, nil
	}
	a, b := int32(s.Start), int32(s.End)
	return &a, &b
}

// span builds a *doc.Span from two nullable columns.
func span(start, end *int32) *doc.Span {
	if start == nil || end == nil {
		return nil
	}
	return &doc.Span{Start: int(*start), End: int(*end)}
}

// Document implements store.Store.
func (db *DB) Document(ctx context.Context, id string) (*doc.Document, error) {
	d, err := store.ScanDocument(db.pool.QueryRow(ctx, `SELECT `+store.DocColumns+` FROM documents d WHERE d.id = $1`, id).Scan)
	if isNoRows(err) {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: document %s: %w", id, err)
	}
	return &d, nil
}

// DocumentInfo implements store.Store.
func (db *DB) DocumentInfo(ctx context.Context, id string) (*store.DocInfo, error) {
	var info store.DocInfo
	var status string
	err := db.pool.QueryRow(ctx, `SELECT status, skipped, superseded_by FROM documents WHERE id = $1`, id).
		Scan(&status, &info.Skipped, &info.SupersededBy)
	if isNoRows(err) {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: document %s: %w", id, err)
	}
	info.Status = store.CodingStatus(status)
	if info.Diagnostics, err = diagnostics(ctx, db.pool, id, phaseIngest); err != nil {
		return nil, err
	}
	return &info, nil
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func diagnostics(ctx context.Context, q querier, id, phase string) ([]doc.Diagnostic, error) {
	rows, err := q.Query(ctx, `SELECT stage, severity, span_start, span_end, message FROM diagnostics
		WHERE doc_id = $1 AND phase = $2 ORDER BY ord`, id, phase)
	if err != nil {
		return nil, fmt.Errorf("postgres: diagnostics of %s: %w", id, err)
	}
	defer rows.Close()
	var ds []doc.Diagnostic
	for rows.Next() {
		var g doc.Diagnostic
		var sev string
		var start, end *int32
		if err := rows.Scan(&g.Stage, &sev, &start, &end, &g.Message); err != nil {
			return nil, fmt.Errorf("postgres: diagnostics of %s: %w", id, err)
		}
		g.Severity = doc.Severity(sev)
		g.Span = span(start, end)
		ds = append(ds, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: diagnostics of %s: %w", id, err)
	}
	return ds, nil
}

// Documents implements store.Store.
func (db *DB) Documents(ctx context.Context, f store.DocFilter) ([]doc.Document, error) {
	var a args
	where, err := docWhere(f, &a)
	if err != nil {
		return nil, err
	}
	if f.After != "" {
		var published string
		err := db.pool.QueryRow(ctx, `SELECT published FROM documents WHERE id = $1`, f.After).Scan(&published)
		if isNoRows(err) {
			return nil, fmt.Errorf("%w: cursor %q names no document", store.ErrBadQuery, f.After)
		}
		if err != nil {
			return nil, fmt.Errorf("postgres: documents: %w", err)
		}
		p := a.add(published)
		where = append(where, "(d.published < "+p+" OR (d.published = "+p+" AND d.id > "+a.add(f.After)+"))")
	}
	q := `SELECT ` + store.DocColumns + ` FROM documents d`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY d.published DESC, d.id LIMIT " + a.add(store.Limit(f.Limit))
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: documents: %w", err)
	}
	defer rows.Close()
	var docs []doc.Document
	for rows.Next() {
		d, err := store.ScanDocument(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("postgres: documents: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: documents: %w", err)
	}
	return docs, nil
}

// CountDocuments implements store.Store.
func (db *DB) CountDocuments(ctx context.Context, f store.DocFilter) (int, error) {
	var a args
	where, err := docWhere(f, &a)
	if err != nil {
		return 0, err
	}
	q := `SELECT count(*) FROM documents d`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var n int
	if err := db.pool.QueryRow(ctx, q, a...).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count documents: %w", err)
	}
	return n, nil
}

// docWhere returns the conditions on documents d that select f's
// documents, without its cursor, adding their parameters to a.
func docWhere(f store.DocFilter, a *args) (where []string, err error) {
	if !f.AllVersions {
		where = append(where, "d.superseded_by = ''")
	}
	if f.URL != "" {
		where = append(where, "d.url = "+a.add(f.URL))
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
		where = append(where, "d.published <> '' AND d.published < "+a.add(store.Sortable(f.To)))
	}
	if f.Query != "" {
		q, err := tsQuery(f.Query, a)
		if err != nil {
			return nil, err
		}
		where = append(where, "d.fts @@ "+q)
	}
	return where, nil
}

// statsQueries are the queries of Stats, for the plan test.
var statsQueries = []string{`SELECT what, key, n FROM store_counts`}

// Stats implements store.Store, from store_counts (migration 0006), which
// the triggers on documents and events keep, so that it reads a few rows
// instead of counting both tables.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	s := store.Stats{Languages: map[string]int{}}
	rows, err := db.pool.Query(ctx, statsQueries[0])
	if err != nil {
		return s, fmt.Errorf("postgres: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var what, key string
		var n int
		if err := rows.Scan(&what, &key, &n); err != nil {
			return s, fmt.Errorf("postgres: stats: %w", err)
		}
		switch what {
		case "events":
			s.Events = n
		case "lang":
			s.Languages[key] = n
			s.Documents += n
		case "status":
			switch store.CodingStatus(key) {
			case store.Pending:
				s.Pending = n
			case store.Coded:
				s.Coded = n
			case store.Skipped:
				s.Skipped = n
			}
		case "outlet":
			s.Outlets++
		case "superseded":
			s.Superseded = n
		}
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("postgres: stats: %w", err)
	}
	return s, nil
}
