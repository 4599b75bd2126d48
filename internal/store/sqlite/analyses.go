package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

// PutAnalyses implements store.Store.
func (db *DB) PutAnalyses(ctx context.Context, as []store.Analysis) error {
	if len(as) == 0 {
		return nil
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	w := newAnalysisWriter(tx, db.now())
	defer w.close()
	for i := range as {
		if err := w.put(ctx, as[i].DocID, &as[i]); err != nil {
			return err
		}
	}
	if err := w.finish(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// maxParams is the most parameters SQLite binds in one statement
// (SQLITE_MAX_VARIABLE_NUMBER).
const maxParams = 32766

// Rows per INSERT. A statement that writes several rows and may fail
// half-way (the foreign keys make every INSERT here one) first copies each
// page it changes to a statement journal; a one-row INSERT on a table
// without triggers needs none. While the summary triggers of 0011 made
// every INSERT such a statement, many rows per statement paid the journal
// once for them all; since 0013 dropped them, one row per statement costs
// less CPU (BenchmarkPutAnalyses: about 3,600-3,800 -> 4,400 events per
// CPU second on a 6-batch run; the journal's pages were a quarter of the
// profile).
const (
	eventRows      = 1
	annotationRows = 1
	diagnosticRows = 1
)

const (
	insertAnnotations = `INSERT INTO annotations (doc_id, ord, kind, start, end, label, note, ref_start, ref_end) VALUES `
	insertDiagnostics = `INSERT INTO diagnostics (doc_id, phase, ord, stage, severity, span_start, span_end, message) VALUES `
)

// analysisWriter stores analyses inside one write transaction. Rows are
// gathered across documents and written by multi-row INSERTs prepared once
// per transaction; flush writes what is left and must run before commit.
type analysisWriter struct {
	tx  *sql.Tx
	now string

	status, update              *sql.Stmt // prepared on first use
	delAnn, delEvents, delDiags *sql.Stmt

	events, annotations, diagnostics rowBuffer
	buffered                         map[string]bool // documents with rows not yet written
	touched                          store.Touched   // link keys to cluster again, see link.go
	sums                             *summaries      // changes to the summary tables, see summaries.go
	// bulk leaves the summaries and linking to the end of a bulk load
	// (bulk.go), which rebuilds and links them once for every event: put
	// records neither, and finish only flushes.
	bulk bool
}

func newAnalysisWriter(tx *sql.Tx, now time.Time) *analysisWriter {
	head, _, _ := strings.Cut(insertEvent, "VALUES")
	return &analysisWriter{
		tx:          tx,
		now:         store.Sortable(now),
		events:      newRowBuffer("events", head+"VALUES ", eventRows, strings.Count(insertEvent, "?")),
		annotations: newRowBuffer("annotations", insertAnnotations, annotationRows, 9),
		diagnostics: newRowBuffer("diagnostics", insertDiagnostics, diagnosticRows, 8),
		buffered:    map[string]bool{},
		touched:     store.Touched{},
		sums:        newSummaries(),
	}
}

// prepare returns *st, preparing q into it on first use.
func (w *analysisWriter) prepare(ctx context.Context, st **sql.Stmt, q string) (*sql.Stmt, error) {
	if *st == nil {
		s, err := w.tx.PrepareContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*st = s
	}
	return *st, nil
}

func (w *analysisWriter) close() {
	for _, s := range []*sql.Stmt{w.status, w.update, w.delAnn, w.delEvents, w.delDiags,
		w.events.full, w.annotations.full, w.diagnostics.full} {
		if s != nil {
			s.Close()
		}
	}
}

// put replaces the analysis of document id. A document that is still
// pending has never had an analysis, so only the others pay for deleting
// the earlier one.
func (w *analysisWriter) put(ctx context.Context, id string, a *store.Analysis) error {
	for i := range a.Events {
		e := &a.Events[i]
		if e.ID == "" {
			return fmt.Errorf("sqlite: analysis of %s: event %d has no ID", id, i)
		}
		if e.DocID != "" && e.DocID != id {
			return fmt.Errorf("sqlite: analysis of %s: event %s belongs to document %s", id, e.ID, e.DocID)
		}
	}
	st, err := w.prepare(ctx, &w.status, `SELECT status, superseded_by = '' FROM documents WHERE id = ?`)
	if err != nil {
		return err
	}
	var was string
	var live bool // the events of a superseded version are stored dead
	switch err := st.QueryRowContext(ctx, id).Scan(&was, &live); {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("analysis of document %s: %w", id, store.ErrNotFound)
	case err != nil:
		return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	if store.CodingStatus(was) != store.Pending {
		if w.buffered[id] {
			// Stored twice in one batch: the rows of the first must be in
			// the tables for the second to replace them.
			if err := w.flush(ctx); err != nil {
				return err
			}
		}
		if err := touchDocument(ctx, w.tx, w.touched, id); err != nil {
			return err
		}
		st, err := w.prepare(ctx, &w.delEvents, deleteDocEvents)
		if err != nil {
			return err
		}
		if err := w.sums.subtract(ctx, st, id); err != nil {
			return err
		}
		for _, d := range []struct {
			st **sql.Stmt
			q  string
		}{
			{&w.delAnn, `DELETE FROM annotations WHERE doc_id = ?`},
			{&w.delDiags, `DELETE FROM diagnostics WHERE doc_id = ? AND phase = 'analysis'`},
		} {
			st, err := w.prepare(ctx, d.st, d.q)
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, id); err != nil {
				return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
			}
		}
	}
	status := store.Coded
	if a.Skipped != "" {
		status = store.Skipped
	}
	if st, err = w.prepare(ctx, &w.update, `UPDATE documents SET status = ?, skipped = ?, status_changed = ?,
		claimed_by = '', claimed_until = '' WHERE id = ?`); err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx, string(status), a.Skipped, w.now, id); err != nil {
		return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	for i, an := range a.Annotations {
		rs, re := spanArgs(an.Ref)
		if err := w.annotations.add(ctx, w.tx, id, id, i, an.Kind, an.Span.Start, an.Span.End, an.Label, an.Note, rs, re); err != nil {
			return err
		}
	}
	for i, g := range a.Diagnostics {
		start, end := spanArgs(g.Span)
		if err := w.diagnostics.add(ctx, w.tx, id, id, phaseAnalysis, i, g.Stage, string(g.Severity), start, end, g.Message); err != nil {
			return err
		}
	}
	for i := range a.Events {
		args, err := eventArgs(id, i, &a.Events[i], live)
		if err != nil {
			return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
		}
		if err := w.events.add(ctx, w.tx, id, args...); err != nil {
			return err
		}
		if !w.bulk {
			w.sums.inserted(&a.Events[i], live)
			w.touched.AddEvent(&a.Events[i])
		}
	}
	if len(a.Annotations)+len(a.Diagnostics)+len(a.Events) > 0 {
		w.buffered[id] = true
	}
	return nil
}

// flush writes the rows still buffered.
func (w *analysisWriter) flush(ctx context.Context) error {
	for _, b := range []*rowBuffer{&w.annotations, &w.diagnostics, &w.events} {
		if err := b.flush(ctx, w.tx); err != nil {
			return err
		}
	}
	clear(w.buffered)
	return nil
}

// finish writes the rows still buffered, links the events the
// transaction added or removed into happenings and brings the summaries
// up to date; it runs once, before commit.
func (w *analysisWriter) finish(ctx context.Context) error {
	if err := w.flush(ctx); err != nil || w.bulk {
		return err
	}
	l := newLinker(w.tx, w.sums)
	defer l.close()
	err := store.Relink(ctx, l, w.touched)
	clear(w.touched)
	if err != nil {
		return err
	}
	return w.sums.apply(ctx, w.tx)
}

// rowBuffer gathers the values of rows of one table and writes them with
// INSERTs of up to rows rows each.
type rowBuffer struct {
	table string
	head  string // INSERT INTO ... VALUES
	cols  int
	rows  int // rows per full statement
	args  []any
	docs  []string  // documents with rows in args, for errors
	full  *sql.Stmt // the statement of rows rows, prepared on first use
}

func newRowBuffer(table, head string, rows, cols int) rowBuffer {
	return rowBuffer{table: table, head: head, cols: cols, rows: min(rows, maxParams/cols)}
}

// add buffers one row of document id, writing a full statement's worth
// when there is one.
func (b *rowBuffer) add(ctx context.Context, tx *sql.Tx, id string, row ...any) error {
	if len(row) != b.cols {
		return fmt.Errorf("sqlite: analysis of %s: %d values for a row of %s, want %d", id, len(row), b.table, b.cols)
	}
	b.args = append(b.args, row...)
	if n := len(b.docs); n == 0 || b.docs[n-1] != id {
		b.docs = append(b.docs, id)
	}
	if len(b.args) < b.rows*b.cols {
		return nil
	}
	if b.full == nil {
		st, err := tx.PrepareContext(ctx, b.sql(b.rows))
		if err != nil {
			return fmt.Errorf("sqlite: prepare: %w", err)
		}
		b.full = st
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	return b.done(err)
}

// flush writes the rows left over in one statement.
func (b *rowBuffer) flush(ctx context.Context, tx *sql.Tx) error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, b.sql(len(b.args)/b.cols), b.args...)
	return b.done(err)
}

// done empties the buffer after a write, and names the documents written
// in an error.
func (b *rowBuffer) done(err error) error {
	if err != nil {
		docs := b.docs[0]
		if len(b.docs) > 1 {
			docs = fmt.Sprintf("%s (and %d more)", b.docs[0], len(b.docs)-1)
		}
		err = fmt.Errorf("sqlite: analysis of %s: %s: %w", docs, b.table, err)
	}
	clear(b.args)
	b.args, b.docs = b.args[:0], b.docs[:0]
	return err
}

// sql returns the INSERT of n rows.
func (b *rowBuffer) sql(n int) string {
	var s strings.Builder
	s.Grow(len(b.head) + n*(3*b.cols+2))
	s.WriteString(b.head)
	for r := range n {
		if r > 0 {
			s.WriteByte(',')
		}
		s.WriteByte('(')
		for c := range b.cols {
			if c > 0 {
				s.WriteByte(',')
			}
			s.WriteByte('?')
		}
		s.WriteByte(')')
	}
	return s.String()
}

// Analysis implements store.Store.
func (db *DB) Analysis(ctx context.Context, id string) (*store.Analysis, error) {
	// One read transaction, so that the parts belong to the same analysis.
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	defer tx.Rollback()
	a := &store.Analysis{DocID: id}
	var status string
	err = tx.QueryRowContext(ctx, `SELECT status, skipped FROM documents WHERE id = ?`, id).Scan(&status, &a.Skipped)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && store.CodingStatus(status) == store.Pending) {
		return nil, fmt.Errorf("analysis of document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT kind, start, end, label, note, ref_start, ref_end
		FROM annotations WHERE doc_id = ? ORDER BY ord`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	for rows.Next() {
		var an doc.Annotation
		var rs, re sql.NullInt64
		if err := rows.Scan(&an.Kind, &an.Span.Start, &an.Span.End, &an.Label, &an.Note, &rs, &re); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: analysis of %s: %w", id, err)
		}
		an.Ref = span(rs, re)
		a.Annotations = append(a.Annotations, an)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	if a.Diagnostics, err = diagnostics(ctx, tx, id, phaseAnalysis); err != nil {
		return nil, err
	}
	if a.Events, err = queryEvents(ctx, tx, `WHERE e.doc_id = ? ORDER BY e.ord`, id); err != nil {
		return nil, fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	return a, nil
}
