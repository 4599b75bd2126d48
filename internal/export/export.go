// Package export writes coded events in the formats other tools read:
// dyad's own JSON Lines, a flat CSV, the 61 tab-separated columns of a
// GDELT 2.0 event table and PLOVER JSON records.
//
// A Writer buffers its output; Close flushes it and must be called. The
// formats are fixed: a change to a row or record is a change for every
// user's pipeline, and the golden files in testdata pin each of them.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
)

// The formats, as named on the command line.
const (
	JSONL  = "jsonl"  // one event.Event a line, as the API returns it
	CSV    = "csv"    // a header line, then one comma-separated row an event (see csvHeader)
	GDELT  = "gdelt"  // GDELT 2.0 event-table rows, tab-separated, no header
	PLOVER = "plover" // one PLOVER event record a line
)

// Formats returns the names NewWriter accepts, in the order to list them.
func Formats() []string { return []string{JSONL, CSV, GDELT, PLOVER} }

// ErrFormat is returned by NewWriter for a format it does not know.
var ErrFormat = errors.New("unknown export format")

// Options are what some formats need from the caller.
type Options struct {
	// Codebook gives the PLOVER contexts of a CAMEO code; PLOVER needs it.
	Codebook *cameo.Codebook
	// Added is the DATEADDED column of every GDELT row (the time of the
	// export, in UTC); the other formats ignore it.
	Added time.Time
}

// A Writer writes events in one format. It is not safe for concurrent use.
type Writer struct {
	format string
	opts   Options
	bw     *bufio.Writer
	cw     *csv.Writer // CSV and GDELT, made at the first event
}

// NewWriter returns a Writer of format to w. It returns an error wrapping
// ErrFormat if format is not one of Formats, and an error if PLOVER is
// asked for without a codebook.
func NewWriter(format string, w io.Writer, opts Options) (*Writer, error) {
	switch format {
	case JSONL, CSV, GDELT:
	case PLOVER:
		if opts.Codebook == nil {
			return nil, errors.New("export plover: no codebook")
		}
	default:
		return nil, fmt.Errorf("%w %q", ErrFormat, format)
	}
	return &Writer{format: format, opts: opts, bw: bufio.NewWriter(w)}, nil
}

// Write writes one event. The CSV header is written with the first event,
// so that an export of no events is empty in every format.
func (w *Writer) Write(e event.Event) error {
	switch w.format {
	case JSONL:
		return json.NewEncoder(w.bw).Encode(e)
	case PLOVER:
		return json.NewEncoder(w.bw).Encode(toPlover(e, w.opts.Codebook))
	}
	if w.cw == nil {
		w.cw = csv.NewWriter(w.bw)
		if w.format == GDELT {
			w.cw.Comma = '\t'
		} else if err := w.cw.Write(csvHeader); err != nil {
			return err
		}
	}
	if w.format == GDELT {
		return w.cw.Write(gdeltRow(e, w.opts.Added))
	}
	return w.cw.Write(csvRow(e))
}

// Close flushes what is buffered and returns the first write error. It
// does not close the underlying io.Writer.
func (w *Writer) Close() error {
	if w.cw != nil {
		w.cw.Flush()
		if err := w.cw.Error(); err != nil {
			return err
		}
	}
	return w.bw.Flush()
}

// first returns the first non-empty string.
func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
