package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	now := db.now()
	for i := range as {
		if err := putAnalysis(ctx, tx, as[i].DocID, &as[i], now); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// putAnalysis replaces the analysis of document id inside tx.
func putAnalysis(ctx context.Context, tx *sql.Tx, id string, a *store.Analysis, now time.Time) error {
	status := store.Coded
	if a.Skipped != "" {
		status = store.Skipped
	}
	res, err := tx.ExecContext(ctx, `UPDATE documents SET status = ?, skipped = ?, status_changed = ?,
		claimed_by = '', claimed_until = '' WHERE id = ?`, string(status), a.Skipped, sortable(now), id)
	if err != nil {
		return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("analysis of document %s: %w", id, store.ErrNotFound)
	}
	for _, q := range []string{
		`DELETE FROM annotations WHERE doc_id = ?`,
		`DELETE FROM events WHERE doc_id = ?`,
		`DELETE FROM diagnostics WHERE doc_id = ? AND phase = 'analysis'`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
		}
	}
	if len(a.Annotations) > 0 {
		st, err := tx.PrepareContext(ctx, `INSERT INTO annotations (doc_id, ord, kind, start, end, label, note,
			ref_start, ref_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
		}
		defer st.Close()
		for i, an := range a.Annotations {
			rs, re := spanArgs(an.Ref)
			if _, err := st.ExecContext(ctx, id, i, an.Kind, an.Span.Start, an.Span.End, an.Label, an.Note, rs, re); err != nil {
				return fmt.Errorf("sqlite: analysis of %s: annotation %d: %w", id, i, err)
			}
		}
	}
	for i, g := range a.Diagnostics {
		start, end := spanArgs(g.Span)
		if _, err := tx.ExecContext(ctx, `INSERT INTO diagnostics (doc_id, phase, ord, stage, severity, span_start,
			span_end, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, phaseAnalysis, i, g.Stage, string(g.Severity), start, end, g.Message); err != nil {
			return fmt.Errorf("sqlite: analysis of %s: diagnostic %d: %w", id, i, err)
		}
	}
	if len(a.Events) > 0 {
		st, err := tx.PrepareContext(ctx, insertEvent)
		if err != nil {
			return fmt.Errorf("sqlite: analysis of %s: %w", id, err)
		}
		defer st.Close()
		for i := range a.Events {
			e := &a.Events[i]
			if e.ID == "" {
				return fmt.Errorf("sqlite: analysis of %s: event %d has no ID", id, i)
			}
			if e.DocID != "" && e.DocID != id {
				return fmt.Errorf("sqlite: analysis of %s: event %s belongs to document %s", id, e.ID, e.DocID)
			}
			if _, err := st.ExecContext(ctx, eventArgs(id, i, e)...); err != nil {
				return fmt.Errorf("sqlite: analysis of %s: event %s: %w", id, e.ID, err)
			}
		}
	}
	return nil
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
