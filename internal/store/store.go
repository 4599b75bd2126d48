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

// ErrBadQuery is returned for a filter a backend cannot run: a malformed
// full-text query or cursor.
var ErrBadQuery = errors.New("bad query")

// ErrBulkLoad is returned by a backend's Open for a store whose bulk load
// has not been finished (a process loading it now, or one that died
// loading it), and by its Bulk when such a load is marked.
var ErrBulkLoad = errors.New("a bulk load is in progress or was interrupted")

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

// CodingStatus is where a document stands in event coding. Pending
// documents form the queue that coders (and later, workers) take from.
type CodingStatus string

const (
	Pending CodingStatus = "pending" // stored, no analysis yet
	Coded   CodingStatus = "coded"   // an analysis is stored
	Skipped CodingStatus = "skipped" // an analysis is stored that skipped coding, see Analysis.Skipped
)

// Item is one document to store, with the diagnostics found while reading
// it and, optionally, its analysis.
type Item struct {
	Doc         doc.Document
	Diagnostics []doc.Diagnostic // found while reading; kept with the document
	Analysis    *Analysis        // nil: the document stays Pending
}

// DocInfo is what the store keeps about a document besides its content.
type DocInfo struct {
	Status       CodingStatus
	Skipped      string           // why coding was skipped, when Status is Skipped
	SupersededBy string           // ID of the next version at the same URL
	Diagnostics  []doc.Diagnostic // found while reading (analysis ones are in Analysis)
}

// Stats counts what a store holds.
type Stats struct {
	Documents  int            `json:"documents"`  // every stored version
	Superseded int            `json:"superseded"` // versions replaced by a newer one at the same URL
	Pending    int            `json:"pending"`    // documents without an analysis
	Coded      int            `json:"coded"`      //
	Skipped    int            `json:"skipped"`    // documents whose analysis skipped coding
	Events     int            `json:"events"`     //
	Outlets    int            `json:"outlets"`    // distinct non-empty outlets
	Languages  map[string]int `json:"languages"`  // documents per language
}

// MaxLimit is the largest page a listing returns in one call.
const MaxLimit = 1000

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
	URL    string // exact URL: the current version stored there, unless AllVersions
	Outlet string
	Lang   string
	From   time.Time // published on or after
	To     time.Time // published before
	Query  string    // full-text query
	Limit  int       // 0 means a backend default; at most MaxLimit
	After  string    // cursor: return documents after this ID in listing order

	AllVersions bool // include versions superseded by a newer one
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
	Country  string // ISO alpha-3 code of the country where the events happened (Event.LocationCountry)
	City     string // exact name of the city where the events happened (Event.Location when GeoPrecision is "city")
	DocID    string
	Text     string // full-text query over the documents that state the events
	Limit    int    // 0 means a backend default
	Cursor   string // opaque, from a previous EventPage (its Next or Prev)
	// Desc lists the events newest first: in descending (date, id)
	// order, or with ByGoldstein most cooperative first. Cursors hold
	// every sort key; a cursor of another order lists the events after
	// or before its event in this filter's order.
	Desc bool
	// ByGoldstein lists the events by Goldstein value, most conflictual
	// (lowest) first, ties in (date, id) order: ascending (goldstein,
	// date, id) order, or descending with Desc.
	ByGoldstein bool
	// Mentions counts and lists every event. By default (false) each
	// happening counts once, by its anchoring event (Event.Happening ==
	// Event.ID), whose date, actors and document the other filters then
	// match; a DocID filter always lists the document's own events.
	Mentions bool
}

// Anchors reports whether f selects one event per happening.
func (f EventFilter) Anchors() bool { return !f.Mentions && f.DocID == "" }

// HappeningCount is how a happening was reported.
type HappeningCount struct {
	Mentions  int    `json:"mentions"`
	Documents int    `json:"documents"`
	Outlets   int    `json:"outlets"`
	First     string `json:"first_seen"` // YYYY-MM-DD, publication date of its first report
	Last      string `json:"last_seen"`
}

// EventPage is one page of events, the cursor for the next page, empty at
// the end, and the cursor for the previous page, empty at the start (it
// may be set on a first page reached by going back).
type EventPage struct {
	Events []event.Event
	Next   string
	Prev   string
}

// Store is implemented by each backend. All methods are safe for concurrent
// use; writes are transactional per call.
type Store interface {
	// PutDocuments stores a batch in one transaction and reports each outcome.
	// A document's ID is doc.ContentID of its text, whatever the caller set;
	// Ingested and Version are set by the store. The same text again is
	// Unchanged; new text at a stored URL is Superseded: a new version that
	// names the one it replaces, which is kept and marked as replaced.
	PutDocuments(ctx context.Context, docs []doc.Document) ([]PutResult, error)
	// Put is PutDocuments for items that carry reading diagnostics and an
	// analysis. An item's analysis is stored when its document is new, or
	// already stored but still Pending; otherwise the stored one stands.
	// Everything is one transaction: a batch is stored whole or not at all.
	Put(ctx context.Context, items []Item) ([]PutResult, error)
	// Document returns the document with its text, or ErrNotFound.
	Document(ctx context.Context, id string) (*doc.Document, error)
	// DocumentInfo returns the coding state, successor and reading
	// diagnostics of a document, or ErrNotFound.
	DocumentInfo(ctx context.Context, id string) (*DocInfo, error)
	// Documents lists documents matching f, newest first (by publication
	// time, unknown last, then by ID). Superseded versions are left out
	// unless f.AllVersions. A Query that is not valid returns an error
	// wrapping ErrBadQuery.
	Documents(ctx context.Context, f DocFilter) ([]doc.Document, error)
	// CountDocuments counts the documents Documents lists under f, on
	// every page: f.Limit and f.After are ignored.
	CountDocuments(ctx context.Context, f DocFilter) (int, error)
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// PutAnalyses stores analyses in one transaction, replacing earlier ones
	// (annotations, events, analysis diagnostics, skip reason) and setting the
	// coding status. An analysis of an unknown document returns ErrNotFound
	// and stores nothing.
	PutAnalyses(ctx context.Context, as []Analysis) error
	// Analysis returns the stored analysis of a document, or ErrNotFound.
	Analysis(ctx context.Context, docID string) (*Analysis, error)
	// HappeningCounts returns, for each happening ID given, how many live
	// events report it, in how many documents and outlets, and the first
	// and last day it was reported (publication dates). Unknown IDs are
	// left out.
	HappeningCounts(ctx context.Context, ids []string) (map[string]HappeningCount, error)
	// Events returns one page of events matching f, ordered by date then ID,
	// with Outlet and URL filled from their document. A malformed cursor
	// returns an error wrapping ErrBadQuery.
	Events(ctx context.Context, f EventFilter) (EventPage, error)
	// Queries are the aggregates the API and the UI ask for, see query.go.
	Queries
	// Close releases the backend.
	Close() error
}
