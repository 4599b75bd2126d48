package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
)

// maxCached bounds how many answers a Cache holds; past it, the expired
// ones are dropped, and if none has expired, all of them.
const maxCached = 4096

// Cache is a Store whose aggregate answers (Stats, EventCounts,
// PeriodCounts, Dyads, ActorNames, Places, DocumentCounts) are kept for a
// while, so that many readers asking the same question of a large store
// share one answer: the whole store's overview, a popular actor's page.
// An answer is at most TTL old; a write through the Cache drops them all
// (writers in other processes, such as PostgreSQL workers, are seen
// within TTL). Concurrent askers of one question wait for one call to the
// store, and each gets its own copy. Errors are not kept. Listings (Events, EventList, Documents) and
// documents are not cached: they page by cursor and read few rows.
type Cache struct {
	Store
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	answers map[string]*answer
}

type answer struct {
	done    chan struct{} // closed when val and err are set
	val     any
	err     error
	expires time.Time
}

// NewCache wraps st; now is the clock (time.Now in production). A ttl of
// zero or less returns st itself.
func NewCache(st Store, ttl time.Duration, now func() time.Time) Store {
	if ttl <= 0 {
		return st
	}
	return &Cache{Store: st, ttl: ttl, now: now, answers: map[string]*answer{}}
}

// ask returns the kept answer of key, or calls fn once for every asker of
// key until it expires.
func ask[T any](ctx context.Context, c *Cache, key string, fn func() (T, error)) (T, error) {
	c.mu.Lock()
	a, ok := c.answers[key]
	if ok && a.expires.IsZero() || ok && c.now().Before(a.expires) {
		c.mu.Unlock()
		select {
		case <-a.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
		if a.err == nil {
			return a.val.(T), nil
		}
		// The call this asker waited for failed: ask the store itself.
		return fn()
	}
	if len(c.answers) >= maxCached {
		c.prune()
	}
	a = &answer{done: make(chan struct{})}
	c.answers[key] = a
	c.mu.Unlock()

	v, err := fn()
	c.mu.Lock()
	a.val, a.err = v, err
	if err != nil {
		if c.answers[key] == a {
			delete(c.answers, key)
		}
	} else {
		a.expires = c.now().Add(c.ttl)
	}
	c.mu.Unlock()
	close(a.done)
	return v, err
}

// prune drops expired answers, or all finished ones when none had
// expired; c.mu is held.
func (c *Cache) prune() {
	now := c.now()
	n := len(c.answers)
	for k, a := range c.answers {
		if !a.expires.IsZero() && !now.Before(a.expires) {
			delete(c.answers, k)
		}
	}
	if len(c.answers) < n {
		return
	}
	for k, a := range c.answers {
		if !a.expires.IsZero() {
			delete(c.answers, k)
		}
	}
}

// forget drops every answer; the calls under way finish for their askers.
func (c *Cache) forget() {
	c.mu.Lock()
	c.answers = map[string]*answer{}
	c.mu.Unlock()
}

func filterKey(method string, f any, more ...any) string {
	return fmt.Sprintf("%s|%#v|%v", method, f, more)
}

// Stats implements Store.
func (c *Cache) Stats(ctx context.Context) (Stats, error) {
	st, err := ask(ctx, c, "Stats", func() (Stats, error) { return c.Store.Stats(ctx) })
	st.Languages = maps.Clone(st.Languages)
	return st, err
}

// EventCounts implements Queries.
func (c *Cache) EventCounts(ctx context.Context, f EventFilter) ([]DayCount, error) {
	v, err := ask(ctx, c, filterKey("EventCounts", f), func() ([]DayCount, error) { return c.Store.EventCounts(ctx, f) })
	return slices.Clone(v), err
}

// PeriodCounts implements PeriodCounter when the wrapped store does, and
// otherwise answers ok = false.
func (c *Cache) PeriodCounts(ctx context.Context, f EventFilter, period string) ([]DayCount, bool, error) {
	pc, isPC := c.Store.(PeriodCounter)
	if !isPC {
		return nil, false, nil
	}
	type periods struct {
		counts []DayCount
		ok     bool
	}
	p, err := ask(ctx, c, filterKey("PeriodCounts", f, period), func() (periods, error) {
		counts, ok, err := pc.PeriodCounts(ctx, f, period)
		return periods{counts, ok}, err
	})
	return slices.Clone(p.counts), p.ok, err
}

// Dyads implements Queries.
func (c *Cache) Dyads(ctx context.Context, f EventFilter, limit int) ([]DyadCount, error) {
	v, err := ask(ctx, c, filterKey("Dyads", f, limit), func() ([]DyadCount, error) { return c.Store.Dyads(ctx, f, limit) })
	return slices.Clone(v), err
}

// ActorNames implements Queries.
func (c *Cache) ActorNames(ctx context.Context, code string, f EventFilter) ([]ActorName, error) {
	v, err := ask(ctx, c, filterKey("ActorNames", f, code), func() ([]ActorName, error) { return c.Store.ActorNames(ctx, code, f) })
	return slices.Clone(v), err
}

// Places implements Queries.
func (c *Cache) Places(ctx context.Context, f EventFilter) ([]PlaceCount, error) {
	v, err := ask(ctx, c, filterKey("Places", f), func() ([]PlaceCount, error) { return c.Store.Places(ctx, f) })
	return slices.Clone(v), err
}

// DocumentCounts implements Queries.
func (c *Cache) DocumentCounts(ctx context.Context, f DocFilter) ([]DocCount, error) {
	v, err := ask(ctx, c, filterKey("DocumentCounts", f), func() ([]DocCount, error) { return c.Store.DocumentCounts(ctx, f) })
	return slices.Clone(v), err
}

// PutDocuments implements Store and drops the kept answers.
func (c *Cache) PutDocuments(ctx context.Context, docs []doc.Document) ([]PutResult, error) {
	defer c.forget()
	return c.Store.PutDocuments(ctx, docs)
}

// Put implements Store and drops the kept answers.
func (c *Cache) Put(ctx context.Context, items []Item) ([]PutResult, error) {
	defer c.forget()
	return c.Store.Put(ctx, items)
}

// PutAnalyses implements Store and drops the kept answers.
func (c *Cache) PutAnalyses(ctx context.Context, as []Analysis) error {
	defer c.forget()
	return c.Store.PutAnalyses(ctx, as)
}
