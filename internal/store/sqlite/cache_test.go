package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/store/storetest"
)

func openTemp(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestCacheConformance: a store behind store.Cache answers every query of
// the conformance suite as the store itself, writes included: a write
// through the cache drops what it kept, however long it may keep it.
func TestCacheConformance(t *testing.T) {
	storetest.RunQueries(t, func(t *testing.T) store.Store {
		return store.NewCache(openTemp(t), time.Hour, time.Now)
	})
}

// counting counts the day-count questions that reach the store.
type counting struct {
	*sqlite.DB
	calls atomic.Int64
}

func (c *counting) EventCounts(ctx context.Context, f store.EventFilter) ([]store.DayCount, error) {
	c.calls.Add(1)
	time.Sleep(20 * time.Millisecond) // long enough for the askers to meet
	return c.DB.EventCounts(ctx, f)
}

func oneEvent(n int, day string) store.Item {
	d := doc.Document{Text: "Report " + day + " number " + string(rune('A'+n)), Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	d.ID = doc.ContentID(d.Text)
	e := event.Event{ID: d.ID[:12] + "-0", DocID: d.ID, Source: event.Actor{Code: "RUS"}, Target: event.Actor{Code: "UKR"},
		Code: "190", Root: "19", Quad: 4, Goldstein: -10, Status: event.Asserted, Date: day, Precision: "day"}
	return store.Item{Doc: d, Analysis: &store.Analysis{DocID: d.ID, Events: []event.Event{e}}}
}

func total(cs []store.DayCount) int {
	n := 0
	for _, c := range cs {
		n += c.Events
	}
	return n
}

// TestCacheKeepsAnswersForTTL: one answer is shared by concurrent askers,
// kept until its time is up, not changed by what an asker does with its
// copy, and dropped by a write through the cache.
func TestCacheKeepsAnswersForTTL(t *testing.T) {
	ctx := context.Background()
	db := &counting{DB: openTemp(t)}
	var mu sync.Mutex
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	c := store.NewCache(db, 10*time.Second, clock)
	if _, err := c.Put(ctx, []store.Item{oneEvent(0, "2024-02-27")}); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cs, err := c.EventCounts(ctx, store.EventFilter{})
			if err != nil || total(cs) != 1 {
				t.Errorf("EventCounts = %v, %v; want 1 event", cs, err)
			}
			cs[0].Events = 99 // an asker's copy is its own
		}()
	}
	wg.Wait()
	if n := db.calls.Load(); n != 1 {
		t.Errorf("8 concurrent askers reached the store %d times, want 1", n)
	}

	// A write behind the cache's back (another process) is seen when the
	// answer expires.
	if _, err := db.Put(ctx, []store.Item{oneEvent(1, "2024-02-28")}); err != nil {
		t.Fatal(err)
	}
	if cs, _ := c.EventCounts(ctx, store.EventFilter{}); total(cs) != 1 {
		t.Errorf("within the TTL: %d events, want the kept 1", total(cs))
	}
	mu.Lock()
	now = now.Add(11 * time.Second)
	mu.Unlock()
	if cs, _ := c.EventCounts(ctx, store.EventFilter{}); total(cs) != 2 {
		t.Errorf("after the TTL: %d events, want 2", total(cs))
	}

	// A write through the cache is seen at once.
	if _, err := c.Put(ctx, []store.Item{oneEvent(2, "2024-02-29")}); err != nil {
		t.Fatal(err)
	}
	if cs, _ := c.EventCounts(ctx, store.EventFilter{}); total(cs) != 3 {
		t.Errorf("after a write through the cache: %d events, want 3", total(cs))
	}
	if got := store.NewCache(db, 0, clock); got != store.Store(db) {
		t.Error("NewCache with no TTL should return the store itself")
	}
}
