// Package queue runs a coding worker over a store that is also a work
// queue (the PostgreSQL store): it leases batches of pending documents,
// codes them and stores their analyses in the transaction that ends the
// leases, renewing the leases while it works. Any number of workers, in any
// number of processes, may run against one store.
package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
)

// Backend is the queue side of a store; *postgres.DB implements it.
type Backend interface {
	Claim(ctx context.Context, worker string, n int, lease time.Duration, maxAttempts int) ([]doc.Document, error)
	Extend(ctx context.Context, worker string, ids []string, lease time.Duration) (int, error)
	Complete(ctx context.Context, worker string, as []store.Analysis) (stored, lost int, err error)
	Release(ctx context.Context, worker, id, reason string, maxAttempts int) error
	Unclaim(ctx context.Context, worker string, ids []string) error
	QueueCounts(ctx context.Context) (postgres.QueueCounts, error)
	Listen(ctx context.Context, timeout time.Duration) error
}

var _ Backend = (*postgres.DB)(nil)

// Analyzer codes one document; it must be safe for concurrent use.
type Analyzer func(doc.Document) store.Analysis

// Worker is one coding worker. Fields left zero take the defaults below.
type Worker struct {
	Name        string        // identifies the lease holder; required
	Analyze     Analyzer      // required
	Batch       int           // documents per lease and transaction; default 20
	Lease       time.Duration // how long a lease lasts unless renewed; default 2m
	MaxAttempts int           // leases per document before it is parked; default 3
	Threads     int           // documents coded at once; default 1
	Poll        time.Duration // longest wait for new work; default 5s
	// Drain makes Run return once no document is pending or leased,
	// instead of waiting for new ones.
	Drain bool
	// Log receives one line per batch; nil discards them.
	Log io.Writer
}

// Stats counts what a worker did and where its time went, as measured by
// the worker itself (a clock read around each call, nothing per token).
//
// Leasing, Coding, Storing and Idle are spent one after another by Run's
// loop, so they sum to Elapsed less a little bookkeeping (well under 1 %).
// StoreCalls and Renewing run beside coding and are not part of that sum.
type Stats struct {
	Batches   int // batches stored
	Claims    int // Claim calls, including those that found nothing
	Empty     int // Claim calls that found nothing, each followed by a wait for work
	Documents int // documents leased
	Coded     int // analyses stored
	Events    int // events in the analyses sent to be stored (those of lost ones included)
	Lost      int // analyses dropped because the lease had passed to another worker
	Failed    int // attempts that ended in an error; the document is tried again or parked
	GivenBack int // documents given back uncoded because the worker was stopped
	Renewals  int // Extend calls that renewed a batch's leases

	Elapsed time.Duration // all of Run
	Leasing time.Duration // in Claim calls
	Coding  time.Duration // coding batches (wall time, all threads together)
	Storing time.Duration // waiting for a batch's store to land: the part of StoreCalls not hidden behind coding
	Idle    time.Duration // waiting for work: queue checks (with Drain) and LISTEN

	StoreCalls time.Duration // in the calls that store a batch (Complete, Release, Unclaim), overlapped or not
	Renewing   time.Duration // in Extend calls, made while coding
}

func (w *Worker) defaults() error {
	if w.Name == "" || w.Analyze == nil {
		return errors.New("queue: a worker needs a name and an analyzer")
	}
	if w.Batch <= 0 {
		w.Batch = 20
	}
	if w.Lease <= 0 {
		w.Lease = 2 * time.Minute
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 3
	}
	if w.Threads <= 0 {
		w.Threads = 1
	}
	if w.Poll <= 0 {
		w.Poll = 5 * time.Second
	}
	if w.Log == nil {
		w.Log = io.Discard
	}
	return nil
}

// Run works until ctx ends (a graceful stop: the batch in hand is cut
// short, what is coded is stored and the rest is given back without
// counting an attempt) or, with Drain, until the queue is empty. The
// Stats are filled in on every return, with or without an error.
func (w *Worker) Run(ctx context.Context, b Backend) (st Stats, err error) {
	if err := w.defaults(); err != nil {
		return st, err
	}
	start := time.Now()
	defer func() { st.Elapsed = time.Since(start) }()
	// One batch's store runs while the next batch is coded: the
	// database's time overlaps the coder's. Its leases stay held (and
	// Complete checks them) until it lands.
	var inFlight chan storeResult
	wait := func() error {
		if inFlight == nil {
			return nil
		}
		t := time.Now()
		r := <-inFlight
		st.Storing += time.Since(t)
		inFlight = nil
		st.Batches++
		st.Coded += r.stored
		st.Lost += r.lost
		st.Failed += r.failed
		st.Events += r.events
		st.GivenBack += r.givenBack
		st.StoreCalls += r.took
		return r.err
	}
	defer func() {
		if werr := wait(); err == nil {
			err = werr
		}
	}()
	for ctx.Err() == nil {
		t := time.Now()
		docs, err := b.Claim(ctx, w.Name, w.Batch, w.Lease, w.MaxAttempts)
		st.Leasing += time.Since(t)
		st.Claims++
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return st, err
		}
		st.Documents += len(docs)
		if len(docs) == 0 {
			st.Empty++
			if err := wait(); err != nil {
				return st, err
			}
			t := time.Now()
			idle := func() { st.Idle += time.Since(t) }
			if w.Drain {
				c, err := b.QueueCounts(ctx)
				if err != nil {
					idle()
					if ctx.Err() != nil {
						break
					}
					return st, err
				}
				if c.Pending+c.Leased+c.Expired == 0 {
					idle()
					return st, nil
				}
			}
			// Wait for new documents, or for others' leases to run out.
			err := b.Listen(ctx, w.Poll)
			idle()
			if err != nil && ctx.Err() == nil {
				return st, err
			}
			continue
		}
		t = time.Now()
		res, rn := w.code(ctx, b, docs)
		st.Coding += time.Since(t)
		st.Renewals += rn.calls
		st.Renewing += rn.took
		if err := wait(); err != nil {
			return st, err
		}
		inFlight = make(chan storeResult, 1)
		go func(ch chan storeResult) { ch <- w.store(ctx, b, docs, res) }(inFlight)
	}
	return st, nil
}

// result is the outcome of coding one document.
type result struct {
	a   store.Analysis
	err error
}

// storeResult is what storing one batch did.
type storeResult struct {
	stored, lost, failed, givenBack, events int
	took                                    time.Duration // in the store calls
	err                                     error
}

// renewals is what renewing one batch's leases did.
type renewals struct {
	calls int
	took  time.Duration
}

func ids(docs []doc.Document) []string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids
}

// code codes docs, renewing their leases meanwhile. A document left
// uncoded because ctx ended has a nil result.
func (w *Worker) code(ctx context.Context, b Backend, docs []doc.Document) ([]*result, renewals) {
	stopRenew := w.renew(ctx, b, ids(docs))
	res := make([]*result, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range w.Threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if ctx.Err() != nil {
					continue // stopping: given back below
				}
				r := codeOne(w.Analyze, docs[i])
				res[i] = &r
			}
		}()
	}
feed:
	for i := range docs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return res, stopRenew()
}

// store stores the analyses of a coded batch, records failed attempts and
// gives back what was not coded, even when ctx has ended.
func (w *Worker) store(ctx context.Context, b Backend, docs []doc.Document, res []*result) (sr storeResult) {
	start := time.Now()
	defer func() { sr.took = time.Since(start) }()
	docIDs := ids(docs)
	// Store what was coded even when stopping: a context of its own.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	var done []store.Analysis
	var undone []string
	for i, r := range res {
		switch {
		case r == nil:
			undone = append(undone, docIDs[i])
		case r.err != nil:
			sr.failed++
			if err := b.Release(wctx, w.Name, docIDs[i], r.err.Error(), w.MaxAttempts); err != nil {
				sr.err = err
				return sr
			}
		default:
			done = append(done, r.a)
			sr.events += len(r.a.Events)
		}
	}
	var err error
	if sr.stored, sr.lost, err = b.Complete(wctx, w.Name, done); err != nil {
		sr.err = err
		return sr
	}
	if len(undone) > 0 {
		if err := b.Unclaim(wctx, w.Name, undone); err != nil {
			sr.err = err
			return sr
		}
		sr.givenBack = len(undone)
	}
	fmt.Fprintf(w.Log, "worker %s: batch of %d: %d stored, %d lost to an expired lease, %d failed, %d given back\n",
		w.Name, len(docs), sr.stored, sr.lost, sr.failed, len(undone))
	return sr
}

// renew extends the leases on ids every third of a lease until the
// returned function is called; that returns what the renewals took.
func (w *Worker) renew(ctx context.Context, b Backend, ids []string) (stop func() renewals) {
	quit := make(chan struct{})
	var rn renewals // written by the goroutine, read after wg.Wait
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(w.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				// A failed renewal is not fatal: Complete checks the lease.
				t := time.Now()
				_, err := b.Extend(ctx, w.Name, ids, w.Lease)
				rn.calls++
				rn.took += time.Since(t)
				if err != nil && ctx.Err() == nil {
					fmt.Fprintf(w.Log, "worker %s: renewing leases: %v\n", w.Name, err)
				}
			}
		}
	}()
	return func() renewals { close(quit); wg.Wait(); return rn }
}

// codeOne runs analyze on d and turns a panic into an error naming it.
func codeOne(analyze Analyzer, d doc.Document) (r result) {
	defer func() {
		if p := recover(); p != nil {
			stack := string(debug.Stack())
			if len(stack) > 2000 {
				stack = stack[:2000]
			}
			r = result{err: fmt.Errorf("analysis panicked: %v\n%s", p, stack)}
		}
	}()
	a := analyze(d)
	a.DocID = d.ID
	return result{a: a}
}
