package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// PutAnalyses implements store.Store.
func (db *DB) PutAnalyses(ctx context.Context, as []store.Analysis) error {
	if len(as) == 0 {
		return nil
	}
	now := db.now()
	return db.inTx(ctx, func(tx pgx.Tx) error {
		t := store.Touched{}
		if err := putAnalyses(ctx, tx, as, now, t); err != nil {
			return err
		}
		return relink(ctx, tx, t)
	})
}

// putAnalyses replaces the analyses of their documents inside tx with a
// few set-wise statements: one UPDATE of the documents, one DELETE per
// derived table and one COPY per derived table. When a document appears
// more than once, its last analysis wins. Each stored analysis adds one to
// its document's codings. The link keys of the events it removes and adds
// are recorded in touched; the caller links them (store.Relink) before
// commit.
func putAnalyses(ctx context.Context, tx pgx.Tx, as []store.Analysis, now time.Time, touched store.Touched) error {
	if len(as) == 0 {
		return nil
	}
	last := map[string]int{}
	for i := range as {
		last[as[i].DocID] = i
	}
	var ids, statuses, skips []string
	var annRows, diagRows, eventRows [][]any
	for i := range as {
		a := &as[i]
		id := a.DocID
		if last[id] != i {
			continue
		}
		status := store.Coded
		if a.Skipped != "" {
			status = store.Skipped
		}
		ids = append(ids, id)
		statuses = append(statuses, string(status))
		skips = append(skips, a.Skipped)
		for j, an := range a.Annotations {
			rs, re := spanArgs(an.Ref)
			annRows = append(annRows, []any{id, j, an.Kind, an.Span.Start, an.Span.End, an.Label, an.Note, rs, re})
		}
		for j, g := range a.Diagnostics {
			start, end := spanArgs(g.Span)
			diagRows = append(diagRows, []any{id, phaseAnalysis, j, g.Stage, string(g.Severity), start, end, g.Message})
		}
		seen := map[string]bool{}
		for j := range a.Events {
			e := &a.Events[j]
			switch {
			case e.ID == "":
				return fmt.Errorf("postgres: analysis of %s: event %d has no ID", id, j)
			case e.DocID != "" && e.DocID != id:
				return fmt.Errorf("postgres: analysis of %s: event %s belongs to document %s", id, e.ID, e.DocID)
			case seen[e.ID]:
				return fmt.Errorf("postgres: analysis of %s: event %s appears twice", id, e.ID)
			}
			seen[e.ID] = true
			touched.AddEvent(e)
			row, err := eventValues(id, j, e)
			if err != nil {
				return fmt.Errorf("postgres: analysis of %s: %w", id, err)
			}
			eventRows = append(eventRows, row)
		}
	}
	rows, err := tx.Query(ctx, `UPDATE documents d SET status = u.status, skipped = u.skipped, status_changed = $4,
		claimed_by = '', claimed_until = NULL, failed = false, last_error = '', codings = d.codings + 1
		FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, status, skipped) WHERE d.id = u.id
		RETURNING d.id, d.superseded_by <> ''`,
		ids, statuses, skips, store.Sortable(now))
	if err != nil {
		return fmt.Errorf("postgres: analyses: %w", err)
	}
	superseded := map[string]bool{}
	updated := 0
	for rows.Next() {
		var id string
		var old bool
		if err := rows.Scan(&id, &old); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: analyses: %w", err)
		}
		updated++
		superseded[id] = old
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: analyses: %w", err)
	}
	for _, r := range eventRows {
		r[len(r)-1] = !superseded[r[1].(string)]
	}
	if updated != len(ids) {
		var missing string
		err := tx.QueryRow(ctx, `SELECT u.id FROM unnest($1::text[]) AS u(id)
			WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = u.id) LIMIT 1`, ids).Scan(&missing)
		if err != nil {
			return fmt.Errorf("postgres: analyses: %w", err)
		}
		return fmt.Errorf("analysis of document %s: %w", missing, store.ErrNotFound)
	}
	if err := touchDocuments(ctx, tx, touched, ids); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM annotations WHERE doc_id = ANY($1)`,
		`DELETE FROM events WHERE doc_id = ANY($1)`,
		`DELETE FROM diagnostics WHERE doc_id = ANY($1) AND phase = 'analysis'`,
	} {
		if _, err := tx.Exec(ctx, q, ids); err != nil {
			return fmt.Errorf("postgres: analyses: %w", err)
		}
	}
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"annotations", []string{"doc_id", "ord", "kind", "start", "end", "label", "note", "ref_start", "ref_end"}, annRows},
		{"diagnostics", []string{"doc_id", "phase", "ord", "stage", "severity", "span_start", "span_end", "message"}, diagRows},
		{"events", eventCopyColumns, eventRows},
	}
	for _, c := range copies {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("postgres: analyses: %s: %w", c.table, err)
		}
	}
	return nil
}

// eventCopyColumns are the events columns eventValues fills, in order.
var eventCopyColumns = []string{"id", "doc_id", "ord",
	"source_code", "source_name", "source_text", "source_start", "source_end", "source_country", "source_sector",
	"target_code", "target_name", "target_text", "target_start", "target_end", "target_country", "target_sector",
	"code", "root", "name", "goldstein", "quad", "plover_type", "plover_mode",
	"status", "cue_start", "cue_end", "cue_text",
	"attributed", "attributed_code", "attributed_name", "attributed_text", "attributed_start", "attributed_end",
	"attributed_country", "attributed_sector",
	"date", "date_value", "precision", "date_start", "date_end",
	"location", "lat", "lon",
	"confidence", "trigger_start", "trigger_end", "trigger_text", "sentence_start", "sentence_end", "rule",
	"why", "source_inferred", "target_inferred", "attributed_inferred",
	"location_country", "admin1", "geo_precision", "location_start", "location_end",
	"link_key", "link_start", "link_end", "happening", "hap_anchor", "live"}

func actorValues(a event.Actor) []any {
	start, end := spanArgs(a.Span)
	return []any{a.Code, a.Name, a.Text, start, end, a.Country, a.Sector}
}

// eventValues returns the row of e, the ord'th event of document id; its
// explanation is bounded by store.WhyJSON. The last value, live, is set by
// putAnalyses.
func eventValues(id string, ord int, e *event.Event) ([]any, error) {
	why, err := store.WhyJSON(e.Why)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", e.ID, err)
	}
	v := make([]any, 0, len(eventCopyColumns))
	v = append(v, e.ID, id, ord)
	v = append(v, actorValues(e.Source)...)
	v = append(v, actorValues(e.Target)...)
	cs, ce := spanArgs(e.Cue)
	v = append(v, e.Code, e.Root, e.Name, e.Goldstein, e.Quad, e.PloverType, e.PloverMode,
		string(e.Status), cs, ce, e.CueText)
	if e.Attributed != nil {
		v = append(v, true)
		v = append(v, actorValues(*e.Attributed)...)
	} else {
		v = append(v, false, "", "", "", nil, nil, "", "")
	}
	attInferred := ""
	if e.Attributed != nil {
		attInferred = e.Attributed.Inferred
	}
	ds, de := spanArgs(e.DateSpan)
	v = append(v, e.Date, e.DateValue, e.Precision, ds, de, e.Location, e.Lat, e.Lon,
		e.Confidence, e.Trigger.Start, e.Trigger.End, e.TriggerText, e.Sentence.Start, e.Sentence.End, e.Rule,
		why, e.Source.Inferred, e.Target.Inferred, attInferred)
	ls, le := spanArgs(e.LocationSpan)
	key, start, end := store.LinkFields(e)
	v = append(v, e.LocationCountry, e.Admin1, e.GeoPrecision, ls, le, key, start, end, e.ID, end,
		true) // live: set by putAnalyses from the document
	return v, nil
}

// Analysis implements store.Store.
func (db *DB) Analysis(ctx context.Context, id string) (*store.Analysis, error) {
	// One repeatable-read transaction, so that the parts belong to the same analysis.
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgres: analysis of %s: %w", id, err)
	}
	defer tx.Rollback(ctx)
	a := &store.Analysis{DocID: id}
	var status string
	err = tx.QueryRow(ctx, `SELECT status, skipped FROM documents WHERE id = $1`, id).Scan(&status, &a.Skipped)
	if isNoRows(err) || (err == nil && store.CodingStatus(status) == store.Pending) {
		return nil, fmt.Errorf("analysis of document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: analysis of %s: %w", id, err)
	}
	rows, err := tx.Query(ctx, `SELECT kind, start, "end", label, note, ref_start, ref_end
		FROM annotations WHERE doc_id = $1 ORDER BY ord`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: analysis of %s: %w", id, err)
	}
	for rows.Next() {
		var an doc.Annotation
		var rs, re *int32
		if err := rows.Scan(&an.Kind, &an.Span.Start, &an.Span.End, &an.Label, &an.Note, &rs, &re); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: analysis of %s: %w", id, err)
		}
		an.Ref = span(rs, re)
		a.Annotations = append(a.Annotations, an)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: analysis of %s: %w", id, err)
	}
	if a.Diagnostics, err = diagnostics(ctx, tx, id, phaseAnalysis); err != nil {
		return nil, err
	}
	var q args
	if a.Events, err = queryEvents(ctx, tx, `WHERE e.doc_id = `+q.add(id)+` ORDER BY e.ord`, q...); err != nil {
		return nil, fmt.Errorf("postgres: analysis of %s: %w", id, err)
	}
	return a, nil
}
