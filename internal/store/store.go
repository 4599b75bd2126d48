// Package store persists documents, their annotations, diagnostics and
// events. Backends (sqlite, postgres) implement Store; the conformance suite
// in storetest runs against each of them.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// Outcome says what storing a document did.
type Outcome string

const (
	Ingested   Outcome = "ingested"   // new content
	Unchanged  Outcome = "unchanged"  // the same content was already stored
	Superseded Outcome = "superseded" // new content at a known URL: stored as a new version
)

// PutResult reports the outcome for one document of a batch, in order.
type PutResult struct {
	ID      string
	Outcome Outcome
}

// Analysis is everything the pipeline derived from one document. Storing an
// Analysis replaces any earlier one for the same document.
type Analysis struct {
	DocID       string
	Annotations []doc.Annotation
	Events      []event.Event
	Diagnostics []doc.Diagnostic
	Skipped     string // non-empty when coding was skipped, with the reason (e.g. "language: fr")
}

// DocFilter selects documents. Zero fields do not filter.
type DocFilter struct {
	Outlet string
	Lang   string
	From   time.Time // published on or after
	To     time.Time // published before
	Query  string    // full-text query
	Limit  int       // 0 means a backend default
	After  string    // cursor: return documents after this ID in listing order
}

// EventFilter selects events. Zero fields do not filter. By default only
// statuses for which Status.Counted is true are returned; set Statuses to
// choose others.
type EventFilter struct {
	Actor    string // source or target code, prefix match (RUS matches RUSGOV)
	Source   string // prefix match
	Target   string // prefix match
	Code     string // exact CAMEO code
	Root     string // two-digit root
	Quad     int
	Plover   string
	Statuses []event.Status
	From     string // YYYY-MM-DD inclusive
	To       string // YYYY-MM-DD inclusive
	Outlet   string
	DocID    string
	Text     string // full-text query over the documents that state the events
	Limit    int    // 0 means a backend default
	Cursor   string // opaque, from a previous EventPage
}

// EventPage is one page of events and the cursor for the next, empty at the end.
type EventPage struct {
	Events []event.Event
	Next   string
}

// Store is implemented by each backend. All methods are safe for concurrent
// use; writes are transactional per call.
type Store interface {
	// PutDocuments stores a batch in one transaction and reports each outcome.
	PutDocuments(ctx context.Context, docs []doc.Document) ([]PutResult, error)
	// Document returns the document with its text, or ErrNotFound.
	Document(ctx context.Context, id string) (*doc.Document, error)
	// Documents lists documents matching f, newest first.
	Documents(ctx context.Context, f DocFilter) ([]doc.Document, error)
	// PutAnalyses stores analyses in one transaction, replacing earlier ones.
	PutAnalyses(ctx context.Context, as []Analysis) error
	// Analysis returns the stored analysis of a document, or ErrNotFound.
	Analysis(ctx context.Context, docID string) (*Analysis, error)
	// Events returns one page of events matching f, ordered by date then ID.
	Events(ctx context.Context, f EventFilter) (EventPage, error)
	// Close releases the backend.
	Close() error
}
