package store

import (
	"context"
	"slices"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/happening"
)

// LinkFields returns the linking columns of a new event: its link key and
// interval (nil when it is not linked, see package happening). A new event
// is stored as a happening of its own anchored on its interval's last day,
// which it stays unless linking places it with others: most events are
// then never written twice.
func LinkFields(e *event.Event) (key string, start, end any) {
	key = happening.Key(e)
	if key == "" {
		return "", nil, nil
	}
	s, t, ok := happening.Interval(e)
	if !ok {
		return "", nil, nil
	}
	return key, s, t
}

// Touched gathers, per link key, the earliest interval start of the
// events a write adds or removes: from that day on the key's happenings
// must be clustered again.
type Touched map[string]int

// Add records an event of key whose interval starts on day start.
func (t Touched) Add(key string, start int) {
	if key == "" {
		return
	}
	if s, ok := t[key]; !ok || start < s {
		t[key] = start
	}
}

// AddEvent records a new event.
func (t Touched) AddEvent(e *event.Event) {
	if key := happening.Key(e); key != "" {
		if s, _, ok := happening.Interval(e); ok {
			t.Add(key, s)
		}
	}
}

// Keys returns the touched keys in order, so that writers lock them in
// one order and never deadlock.
func (t Touched) Keys() []string {
	ks := make([]string, 0, len(t))
	for k := range t {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Linker is what a backend's write transaction offers to linking.
type Linker interface {
	// LinkMembers returns the live events of key whose interval ends on or
	// after day from and whose happening is anchored on or after it (or
	// not yet anchored): the members that clustering from that day places.
	LinkMembers(ctx context.Context, key string, from int) ([]happening.Member, error)
	// SetHappenings stores assignments whose happening or anchor changed.
	SetHappenings(ctx context.Context, as []happening.Assignment) error
}

// Relink clusters again, key by key in order, the members of every
// touched key from the day the write touched it, and stores the
// assignments that changed. Backends call it inside the write's
// transaction, after the write's events are in the table.
func Relink(ctx context.Context, l Linker, t Touched) error {
	for _, k := range t.Keys() {
		ms, err := l.LinkMembers(ctx, k, t[k])
		if err != nil {
			return err
		}
		if len(ms) == 0 {
			continue
		}
		was := make(map[string]happening.Member, len(ms))
		for _, m := range ms {
			was[m.ID] = m
		}
		var changed []happening.Assignment
		for _, a := range happening.Cluster(ms) {
			if m := was[a.ID]; m.Happening != a.Happening || m.Anchor != a.Anchor {
				a.Changed = m.Happening != a.Happening
				changed = append(changed, a)
			}
		}
		if err := l.SetHappenings(ctx, changed); err != nil {
			return err
		}
	}
	return nil
}
