// Package dump writes a store's documents and analyses as JSON Lines and
// reads them back into any store, so that a SQLite file can move to
// PostgreSQL (or back) without coding anything again.
//
// A dump is a header line, {"format":"dyad-dump","version":1}, then one
// record per stored document version:
//
//	{"document":{...},"diagnostics":[...],"analysis":{"annotations":[...],"events":[...],"diagnostics":[...],"skipped":"..."}}
//
// with the reading diagnostics and, once the document is coded, its
// analysis (absent while it is pending). First versions come first and
// later versions after them in version order, so that importing rebuilds
// the same chains. The format is stable: a dump written by any earlier
// release of version 1 imports unchanged (testdata/v1.jsonl is one).
package dump

import (
	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
)

// Format and Version identify the header line.
const (
	Format  = "dyad-dump"
	Version = 1
)

type header struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

type record struct {
	Document    doc.Document     `json:"document"`
	Diagnostics []doc.Diagnostic `json:"diagnostics,omitempty"` // found while reading
	Analysis    *analysis        `json:"analysis,omitempty"`    // absent while pending
}

type analysis struct {
	Annotations []doc.Annotation `json:"annotations,omitempty"`
	Events      []event.Event    `json:"events,omitempty"`
	Diagnostics []doc.Diagnostic `json:"diagnostics,omitempty"`
	Skipped     string           `json:"skipped,omitempty"`
}
