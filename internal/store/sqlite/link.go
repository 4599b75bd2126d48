package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/dyad-project/dyad/internal/happening"
	"github.com/dyad-project/dyad/internal/store"
)

// linker is store.Linker inside a write transaction. It records in sums
// the events that become or stop being the anchor of their happening.
type linker struct {
	tx      *sql.Tx
	sums    *summaries
	members *sql.Stmt       // prepared on first use
	anchors map[string]bool // whether each member LinkMembers returned anchors its happening
}

func newLinker(tx *sql.Tx, sums *summaries) *linker {
	return &linker{tx: tx, sums: sums, anchors: map[string]bool{}}
}

func (l *linker) close() {
	if l.members != nil {
		l.members.Close()
	}
}

// linkMembers selects the members of one link key that clustering from a
// day re-places: the condition link_key <> ” lets SQLite use the partial
// index events_link (see TestQueryPlans).
const linkMembers = `SELECT id, link_start, link_end, location_country, geo_precision, lat, lon, source_sector, target_sector,
		happening, coalesce(hap_anchor, ?) FROM events
		WHERE link_key = ? AND link_key <> '' AND link_end >= ? AND live = 1 AND (hap_anchor IS NULL OR hap_anchor >= ?)`

// noAnchor stands for an event not yet placed in a happening.
const noAnchor = math.MinInt32

// LinkMembers implements store.Linker.
func (l *linker) LinkMembers(ctx context.Context, key string, from int) ([]happening.Member, error) {
	if l.members == nil {
		st, err := l.tx.PrepareContext(ctx, linkMembers)
		if err != nil {
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		l.members = st
	}
	rows, err := l.members.QueryContext(ctx, noAnchor, key, from, from)
	if err != nil {
		return nil, fmt.Errorf("sqlite: happenings of %s: %w", key, err)
	}
	defer rows.Close()
	var ms []happening.Member
	for rows.Next() {
		var m happening.Member
		var prec string
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&m.ID, &m.Start, &m.End, &m.Country, &prec, &lat, &lon, &m.SourceSector, &m.TargetSector, &m.Happening, &m.Anchor); err != nil {
			return nil, fmt.Errorf("sqlite: happenings of %s: %w", key, err)
		}
		if prec == "city" && lat.Valid && lon.Valid {
			m.Point, m.Lat, m.Lon = true, lat.Float64, lon.Float64
		}
		l.anchors[m.ID] = m.Happening == m.ID
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: happenings of %s: %w", key, err)
	}
	return ms, nil
}

// SetHappenings implements store.Linker. An event whose happening stays
// the same gets only its anchor day, which the summaries do not count:
// most new events start and stay a happening of their own. An event that
// becomes or stops being its happening's anchor is counted in or out of
// the summaries' happenings.
func (l *linker) SetHappenings(ctx context.Context, as []happening.Assignment) error {
	if len(as) == 0 {
		return nil
	}
	var both, counted, anchor *sql.Stmt
	defer func() {
		for _, st := range []*sql.Stmt{both, counted, anchor} {
			if st != nil {
				st.Close()
			}
		}
	}()
	prepare := func(st **sql.Stmt, q string) (*sql.Stmt, error) {
		if *st == nil {
			s, err := l.tx.PrepareContext(ctx, q)
			if err != nil {
				return nil, fmt.Errorf("sqlite: prepare: %w", err)
			}
			*st = s
		}
		return *st, nil
	}
	for _, a := range as {
		was, ok := l.anchors[a.ID]
		if !ok {
			return fmt.Errorf("sqlite: happening of %s: not a member linking read", a.ID)
		}
		is := a.Happening == a.ID
		var err error
		switch {
		case a.Changed && was != is:
			var st *sql.Stmt
			if st, err = prepare(&counted, `UPDATE events SET happening = ?, hap_anchor = ? WHERE id = ?
				RETURNING `+summaryCols+`, live`); err != nil {
				return err
			}
			var r summaryRow
			var live bool
			err = st.QueryRowContext(ctx, a.Happening, a.Anchor, a.ID).Scan(r.scanArgs(&live)...)
			if err == nil && live {
				sign := int64(1)
				if was {
					sign = -1
				}
				l.sums.anchor(r, sign)
			}
		case a.Changed:
			var st *sql.Stmt
			if st, err = prepare(&both, `UPDATE events SET happening = ?, hap_anchor = ? WHERE id = ?`); err != nil {
				return err
			}
			_, err = st.ExecContext(ctx, a.Happening, a.Anchor, a.ID)
		default:
			var st *sql.Stmt
			if st, err = prepare(&anchor, `UPDATE events SET hap_anchor = ? WHERE id = ?`); err != nil {
				return err
			}
			_, err = st.ExecContext(ctx, a.Anchor, a.ID)
		}
		if err != nil {
			return fmt.Errorf("sqlite: happening of %s: %w", a.ID, err)
		}
		l.anchors[a.ID] = is
	}
	return nil
}

// touchDocument records the link keys of a document's stored events, which
// are about to be replaced or to stop counting.
func touchDocument(ctx context.Context, tx *sql.Tx, t store.Touched, docID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT link_key, min(link_start) FROM events
		WHERE doc_id = ? AND link_key <> '' GROUP BY link_key`, docID)
	if err != nil {
		return fmt.Errorf("sqlite: happenings of %s: %w", docID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var start int
		if err := rows.Scan(&key, &start); err != nil {
			return fmt.Errorf("sqlite: happenings of %s: %w", docID, err)
		}
		t.Add(key, start)
	}
	return rows.Err()
}
