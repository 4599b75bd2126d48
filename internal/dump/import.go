package dump

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
)

// Options control Import.
type Options struct {
	// Name names the input in messages: a file name, or "-".
	Name string
	// Batch is the number of records stored in one call to Put (one
	// transaction); below 1 counts as 1.
	Batch int
	// MaxLine is the longest line read, in bytes, without its newline; a
	// longer line fails with ErrLineTooLong and the import goes on. 0 or
	// less means no cap.
	MaxLine int64
	// Report, if not nil, is called with each line or batch that failed
	// while the import went on: a *LineError.
	Report func(error)
}

// Summary counts what Import did.
type Summary struct {
	Read       int // records read, the header and blank lines not counted
	Ingested   int // documents stored for the first time
	Unchanged  int // documents already stored
	Superseded int // documents stored as a later version at their URL
	Analysed   int // records that came with an analysis
	Failed     int // records refused or in a batch the store refused
}

// LineError is an error at a line, or a range of lines, of a dump. Its
// message is "name:line: error" or "name:first-last: error".
type LineError struct {
	Name       string
	Line, Last int // Last is 0 or Line for one line
	Err        error
}

func (e *LineError) Error() string {
	if e.Last > e.Line {
		return fmt.Sprintf("%s:%d-%d: %v", e.Name, e.Line, e.Last, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// ErrLineTooLong is the error of a line longer than Options.MaxLine.
var ErrLineTooLong = errors.New("line longer than the size cap (see --max-size)")

// Import reads a dump from r and stores it in st in batches. Documents
// already stored are unchanged and keep their analyses; a document stored
// but not yet coded takes the dump's analysis. A bad record, a line too
// long or a batch the store refuses is counted as failed, reported and
// skipped. Import stops with a *LineError if the first line is not the
// header of a dump version it reads, or if r fails; it stops with the
// context's error if ctx ends. The summary counts what was done either way.
func Import(ctx context.Context, st store.Store, r io.Reader, opts Options) (Summary, error) {
	var sum Summary
	report := opts.Report
	if report == nil {
		report = func(error) {}
	}
	maxLine := opts.MaxLine
	if maxLine <= 0 {
		maxLine = math.MaxInt64 - 1
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var items []store.Item
	var lines []int
	flush := func() error {
		if len(items) == 0 {
			return nil
		}
		res, err := st.Put(ctx, items)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			sum.Failed += len(items)
			report(&LineError{Name: opts.Name, Line: lines[0], Last: lines[len(lines)-1], Err: err})
		}
		for i, x := range res {
			switch x.Outcome {
			case store.Ingested:
				sum.Ingested++
			case store.Unchanged:
				sum.Unchanged++
			case store.Superseded:
				sum.Superseded++
			}
			if items[i].Analysis != nil {
				sum.Analysed++
			}
		}
		items, lines = items[:0], lines[:0]
		return nil
	}
	for lineNo := 1; ; lineNo++ {
		line, err := readLine(br, maxLine)
		if errors.Is(err, io.EOF) && len(line) == 0 {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, ErrLineTooLong) {
				sum.Failed++
				report(&LineError{Name: opts.Name, Line: lineNo, Err: err})
				continue
			}
			return sum, &LineError{Name: opts.Name, Line: lineNo, Err: err}
		}
		if lineNo == 1 {
			if err := checkHeader(line); err != nil {
				return sum, &LineError{Name: opts.Name, Line: 1, Err: err}
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		sum.Read++
		it, perr := parseRecord(line)
		if perr != nil {
			sum.Failed++
			report(&LineError{Name: opts.Name, Line: lineNo, Err: perr})
			continue
		}
		items = append(items, it)
		lines = append(lines, lineNo)
		if len(items) >= opts.Batch {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	return sum, flush()
}

// readLine reads one line without its newline, refusing (and skipping)
// lines longer than max bytes with ErrLineTooLong.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		if int64(len(line)+len(part)) > max+1 {
			// Skip to the end of the line.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			return []byte{}, ErrLineTooLong
		}
		line = append(line, part...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}

// checkHeader accepts the header line of a dump of Version.
func checkHeader(line []byte) error {
	var h header
	if err := json.Unmarshal(line, &h); err != nil || h.Format != Format {
		return fmt.Errorf("not a dyad dump: the first line must be {\"format\":%q,...} (write one with dyad dump)", Format)
	}
	if h.Version != Version {
		return fmt.Errorf("dump version %d: this program reads version %d", h.Version, Version)
	}
	return nil
}

// parseRecord reads one record and checks what the store cannot: that
// the text is valid, that a stated ID is the text's, and that the analysis
// belongs to the document.
func parseRecord(line []byte) (store.Item, error) {
	var rec record
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return store.Item{}, fmt.Errorf("bad record: %v", err)
	}
	if dec.More() {
		return store.Item{}, errors.New("bad record: more than one JSON value on the line")
	}
	d := rec.Document
	switch {
	case strings.TrimSpace(d.Text) == "":
		return store.Item{}, errors.New("field document.text: empty")
	case !utf8.ValidString(d.Text):
		return store.Item{}, errors.New("field document.text: not valid UTF-8")
	case strings.IndexByte(d.Text, 0) >= 0:
		return store.Item{}, errors.New("field document.text: holds a NUL byte")
	}
	id := doc.ContentID(d.Text)
	if d.ID != "" && d.ID != id {
		return store.Item{}, fmt.Errorf("field document.id: %q is not the ID of the text (%s)", d.ID, id)
	}
	d.ID = id
	it := store.Item{Doc: d, Diagnostics: rec.Diagnostics}
	if a := rec.Analysis; a != nil {
		n := len(d.Text)
		for i, an := range a.Annotations {
			if !an.Span.Valid(n) || (an.Ref != nil && !an.Ref.Valid(n)) {
				return store.Item{}, fmt.Errorf("field analysis.annotations[%d]: span outside the text", i)
			}
		}
		for i, e := range a.Events {
			switch {
			case e.ID == "":
				return store.Item{}, fmt.Errorf("field analysis.events[%d].id: empty", i)
			case e.DocID != "" && e.DocID != id:
				return store.Item{}, fmt.Errorf("field analysis.events[%d].doc_id: %q is not the document's ID", i, e.DocID)
			case !e.Trigger.Valid(n):
				return store.Item{}, fmt.Errorf("field analysis.events[%d].trigger: span outside the text", i)
			}
		}
		it.Analysis = &store.Analysis{DocID: id, Annotations: a.Annotations, Events: a.Events, Diagnostics: a.Diagnostics, Skipped: a.Skipped}
	}
	return it, nil
}
