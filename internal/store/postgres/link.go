package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/internal/happening"
	"github.com/dyad-project/dyad/internal/store"
)

// linker is store.Linker inside a write transaction. It keeps the
// assignments of every key and stores them in one UPDATE at the end
// (flush): each UPDATE of events runs the summaries' statement triggers,
// and one per link key made linking most of a batch's server time. A key's
// members are only its own events, so holding back the assignments of
// keys already clustered changes no later key's clustering.
type linker struct {
	tx      pgx.Tx
	pending []happening.Assignment
}

// relink runs store.Relink over t inside tx and stores what changed.
func relink(ctx context.Context, tx pgx.Tx, t store.Touched) error {
	l := &linker{tx: tx}
	if err := store.Relink(ctx, l, t); err != nil {
		return err
	}
	return l.flush(ctx)
}

// noAnchor stands for an event not yet placed in a happening.
const noAnchor = math.MinInt32

// linkLockSpace is the first key of the advisory locks that serialise the
// clustering of one link key across concurrent writers (the second is a
// hash of the link key).
const linkLockSpace = 0x6479_6164 // "dyad"

// LinkMembers implements store.Linker. It first takes the key's
// transaction-scoped advisory lock, so that two workers never cluster one
// key at once; store.Relink asks for keys in order, so workers never
// deadlock. Once the lock is held the query sees every committed event.
func (l *linker) LinkMembers(ctx context.Context, key string, from int) ([]happening.Member, error) {
	h := fnv.New32a()
	h.Write([]byte(key))
	if _, err := l.tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, int32(linkLockSpace), int32(h.Sum32())); err != nil {
		return nil, fmt.Errorf("postgres: happenings of %s: lock: %w", key, err)
	}
	rows, err := l.tx.Query(ctx, `SELECT id, link_start, link_end, location_country, geo_precision, lat, lon, source_sector, target_sector,
		happening, coalesce(hap_anchor, $1) FROM events
		WHERE link_key = $2 AND link_key <> '' AND link_end >= $3 AND live AND (hap_anchor IS NULL OR hap_anchor >= $3)`,
		noAnchor, key, from)
	if err != nil {
		return nil, fmt.Errorf("postgres: happenings of %s: %w", key, err)
	}
	defer rows.Close()
	var ms []happening.Member
	for rows.Next() {
		var m happening.Member
		var start, end, anchor int32
		var prec string
		var lat, lon *float64
		if err := rows.Scan(&m.ID, &start, &end, &m.Country, &prec, &lat, &lon, &m.SourceSector, &m.TargetSector, &m.Happening, &anchor); err != nil {
			return nil, fmt.Errorf("postgres: happenings of %s: %w", key, err)
		}
		m.Start, m.End, m.Anchor = int(start), int(end), int(anchor)
		if prec == "city" && lat != nil && lon != nil {
			m.Point, m.Lat, m.Lon = true, *lat, *lon
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: happenings of %s: %w", key, err)
	}
	return ms, nil
}

// SetHappenings implements store.Linker: the assignments wait for flush.
func (l *linker) SetHappenings(ctx context.Context, as []happening.Assignment) error {
	l.pending = append(l.pending, as...)
	return nil
}

// flush stores the pending assignments with one set-wise UPDATE.
func (l *linker) flush(ctx context.Context) error {
	if len(l.pending) == 0 {
		return nil
	}
	ids, haps := make([]string, len(l.pending)), make([]string, len(l.pending))
	anchors := make([]int32, len(l.pending))
	for i, a := range l.pending {
		ids[i], haps[i], anchors[i] = a.ID, a.Happening, int32(a.Anchor)
	}
	if _, err := l.tx.Exec(ctx, `UPDATE events e SET happening = u.happening, hap_anchor = u.anchor
		FROM unnest($1::text[], $2::text[], $3::integer[]) AS u(id, happening, anchor) WHERE e.id = u.id`,
		ids, haps, anchors); err != nil {
		return fmt.Errorf("postgres: happenings: %w", err)
	}
	l.pending = l.pending[:0]
	return nil
}

// touchDocuments records the link keys of the stored events of documents
// whose events are about to be replaced or to stop counting.
func touchDocuments(ctx context.Context, tx pgx.Tx, t store.Touched, ids []string) error {
	rows, err := tx.Query(ctx, `SELECT link_key, min(link_start) FROM events
		WHERE doc_id = ANY($1) AND link_key <> '' GROUP BY link_key`, ids)
	if err != nil {
		return fmt.Errorf("postgres: happenings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var start int32
		if err := rows.Scan(&key, &start); err != nil {
			return fmt.Errorf("postgres: happenings: %w", err)
		}
		t.Add(key, int(start))
	}
	return rows.Err()
}
