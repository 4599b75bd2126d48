package queue_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/queue"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
)

var ctx = context.Background()

func open(t *testing.T) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(ctx, pgtest.DSN(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func enqueue(t *testing.T, db *postgres.DB, n int) []string {
	t.Helper()
	var docs []doc.Document
	for i := range n {
		docs = append(docs, doc.Document{Text: fmt.Sprintf("Queued document number %d.", i), Lang: "en"})
	}
	res, err := db.PutDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	for i, r := range res {
		ids[i] = r.ID
	}
	return ids
}

// oneEvent is an analyzer that gives each document one event.
func oneEvent(d doc.Document) store.Analysis {
	return store.Analysis{Events: []event.Event{{ID: d.ID[:12] + "-e0", Code: "040", Status: event.Asserted, Source: event.Actor{Code: "FRA"}}}}
}

func counts(t *testing.T, db *postgres.DB) postgres.QueueCounts {
	t.Helper()
	c, err := db.QueueCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDrainCodesEverythingOnce(t *testing.T) {
	db := open(t)
	enqueue(t, db, 45)
	w := &queue.Worker{Name: "a", Analyze: oneEvent, Batch: 10, Drain: true, Threads: 2}
	st, err := w.Run(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if st.Coded != 45 || st.Batches != 5 || st.Lost != 0 || st.Failed != 0 {
		t.Errorf("stats %+v, want 45 coded in 5 batches", st)
	}
	if c := counts(t, db); c != (postgres.QueueCounts{Done: 45}) {
		t.Errorf("counts %+v", c)
	}
	s, _ := db.Stats(ctx)
	if s.Events != 45 || s.Coded != 45 {
		t.Errorf("stats %+v", s)
	}
}

func TestStatsSayWhereTheTimeWent(t *testing.T) {
	db := open(t)
	enqueue(t, db, 30)
	slow := func(d doc.Document) store.Analysis {
		time.Sleep(20 * time.Millisecond)
		return oneEvent(d)
	}
	w := &queue.Worker{Name: "t", Analyze: slow, Batch: 10, Drain: true}
	st, err := w.Run(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// Three batches, then one claim that finds nothing and a queue check.
	if st.Claims != 4 || st.Empty != 1 || st.Documents != 30 || st.Coded != 30 || st.Events != 30 || st.Batches != 3 {
		t.Errorf("counts %+v; want 4 claims (1 empty), 30 documents, coded, events, 3 batches", st)
	}
	if st.Coding < 600*time.Millisecond {
		t.Errorf("coding %v, less than the 30 x 20 ms the analyzer slept", st.Coding)
	}
	for name, d := range map[string]time.Duration{"Leasing": st.Leasing, "Storing": st.Storing, "Idle": st.Idle, "StoreCalls": st.StoreCalls} {
		if d <= 0 {
			t.Errorf("%s = %v, want > 0", name, d)
		}
	}
	if st.Storing > st.StoreCalls {
		t.Errorf("waited %v for stores that took %v in all", st.Storing, st.StoreCalls)
	}
	sum := st.Leasing + st.Coding + st.Storing + st.Idle
	if sum > st.Elapsed || float64(sum) < 0.9*float64(st.Elapsed) {
		t.Errorf("leasing+coding+storing+idle = %v, elapsed %v: want within 10 %%", sum, st.Elapsed)
	}
}

func TestClaimSkipsLockedAndLeased(t *testing.T) {
	db := open(t)
	enqueue(t, db, 10)
	a, err := db.Claim(ctx, "a", 6, time.Minute, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Claim(ctx, "b", 6, time.Minute, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 6 || len(b) != 4 {
		t.Fatalf("claimed %d and %d, want 6 and 4", len(a), len(b))
	}
	seen := map[string]bool{}
	for _, d := range append(a, b...) {
		if seen[d.ID] {
			t.Errorf("%s leased twice", d.ID)
		}
		seen[d.ID] = true
		if d.Text == "" {
			t.Errorf("%s leased without its text", d.ID)
		}
	}
	if c := counts(t, db); c.Leased != 10 || c.Pending != 0 {
		t.Errorf("counts %+v", c)
	}
	// b cannot store a's documents.
	stored, lost, err := db.Complete(ctx, "b", []store.Analysis{oneEvent(a[0])})
	if err != nil || stored != 0 || lost != 1 {
		t.Errorf("Complete by a non-holder = %d stored, %d lost, %v", stored, lost, err)
	}
}

func TestExpiredLeaseIsRetriedThenParked(t *testing.T) {
	db := open(t)
	ids := enqueue(t, db, 1)
	// Three leases that run out, as if three workers were killed.
	for i := range 3 {
		ds, err := db.Claim(ctx, fmt.Sprintf("dead%d", i), 5, time.Second, 3)
		if err != nil || len(ds) != 1 {
			t.Fatalf("claim %d: %d documents, %v", i, len(ds), err)
		}
		time.Sleep(1100 * time.Millisecond)
		if c := counts(t, db); c.Expired != 1 {
			t.Errorf("after lease %d ran out: %+v", i, c)
		}
	}
	ds, err := db.Claim(ctx, "late", 5, time.Second, 3)
	if err != nil || len(ds) != 0 {
		t.Fatalf("claim after 3 attempts: %d documents, %v; want none", len(ds), err)
	}
	if c := counts(t, db); c != (postgres.QueueCounts{Failed: 1}) {
		t.Errorf("counts %+v, want one failed", c)
	}
	fs, err := db.Failures(ctx, 10)
	if err != nil || len(fs) != 1 || fs[0].DocID != ids[0] || fs[0].Attempts != 3 || !strings.Contains(fs[0].Error, "lease of dead2 ran out on attempt 3 of 3") {
		t.Errorf("failures = %+v, %v", fs, err)
	}
	// The last holder's late result is not stored.
	if stored, lost, err := db.Complete(ctx, "dead2", []store.Analysis{{DocID: ids[0]}}); stored != 0 || lost != 1 || err != nil {
		t.Errorf("late Complete = %d, %d, %v", stored, lost, err)
	}
	if n, err := db.Retry(ctx); n != 1 || err != nil {
		t.Errorf("Retry = %d, %v", n, err)
	}
	w := &queue.Worker{Name: "ok", Analyze: oneEvent, Drain: true}
	if st, err := w.Run(ctx, db); err != nil || st.Coded != 1 {
		t.Errorf("after retry: %+v, %v", st, err)
	}
}

func TestPanicsAreRecordedAndParked(t *testing.T) {
	db := open(t)
	enqueue(t, db, 3)
	var calls atomic.Int32
	bad := func(d doc.Document) store.Analysis {
		calls.Add(1)
		if strings.Contains(d.Text, "number 1.") {
			panic("coder exploded")
		}
		return oneEvent(d)
	}
	w := &queue.Worker{Name: "p", Analyze: bad, MaxAttempts: 2, Drain: true, Poll: 50 * time.Millisecond}
	st, err := w.Run(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if st.Coded != 2 || st.Failed != 2 || calls.Load() != 4 {
		t.Errorf("stats %+v after %d calls; want 2 coded, 2 failed attempts, 4 calls", st, calls.Load())
	}
	c := counts(t, db)
	if c != (postgres.QueueCounts{Done: 2, Failed: 1}) {
		t.Errorf("counts %+v", c)
	}
	fs, _ := db.Failures(ctx, 10)
	if len(fs) != 1 || !strings.Contains(fs[0].Error, "analysis panicked: coder exploded") {
		t.Errorf("failures %+v", fs)
	}
}

func TestStopGivesBackUncodedDocuments(t *testing.T) {
	db := open(t)
	enqueue(t, db, 10)
	cctx, cancel := context.WithCancel(ctx)
	var n atomic.Int32
	slow := func(d doc.Document) store.Analysis {
		if n.Add(1) == 3 {
			cancel() // SIGTERM arrives while the third document is coded
		}
		return oneEvent(d)
	}
	w := &queue.Worker{Name: "s", Analyze: slow, Batch: 10}
	st, err := w.Run(cctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if st.Coded != 3 || st.GivenBack != 7 || st.Documents != 10 {
		t.Errorf("stats %+v; want 10 leased, 3 coded before stopping and 7 given back", st)
	}
	c := counts(t, db)
	if c != (postgres.QueueCounts{Done: 3, Pending: 7}) {
		t.Errorf("counts %+v, want 3 done and 7 back in the queue", c)
	}
	// Giving back does not use up an attempt.
	var attempts int
	if err := db.Pool().QueryRow(ctx, "SELECT max(attempts) FROM documents WHERE status = 'pending'").Scan(&attempts); err != nil || attempts != 0 {
		t.Errorf("attempts of given-back documents = %d, %v; want 0", attempts, err)
	}
}

func TestLeasesAreRenewedWhileCoding(t *testing.T) {
	db := open(t)
	enqueue(t, db, 2)
	slow := func(d doc.Document) store.Analysis {
		time.Sleep(1500 * time.Millisecond) // longer than the lease
		return oneEvent(d)
	}
	w := &queue.Worker{Name: "r", Analyze: slow, Batch: 2, Lease: time.Second, Drain: true}
	done := make(chan queue.Stats)
	go func() {
		st, _ := w.Run(ctx, db)
		done <- st
	}()
	time.Sleep(1200 * time.Millisecond)
	// Another worker finds nothing to take: the leases were renewed.
	if ds, err := db.Claim(ctx, "thief", 2, time.Minute, 3); err != nil || len(ds) != 0 {
		t.Errorf("a second worker took %d renewed documents (%v)", len(ds), err)
	}
	if st := <-done; st.Coded != 2 || st.Lost != 0 || st.Renewals < 1 || st.Renewing <= 0 {
		t.Errorf("stats %+v, want both stored after at least one renewal", st)
	}
}

func TestNotifyWakesAListener(t *testing.T) {
	db := open(t)
	woke := make(chan time.Duration)
	go func() {
		start := time.Now()
		if err := db.Listen(ctx, 20*time.Second); err != nil {
			t.Error(err)
		}
		woke <- time.Since(start)
	}()
	time.Sleep(300 * time.Millisecond)
	enqueue(t, db, 1)
	select {
	case d := <-woke:
		if d > 10*time.Second {
			t.Errorf("woke after %v: by the timeout, not the notification", d)
		}
	case <-time.After(15 * time.Second):
		t.Error("the listener did not wake")
	}
}
