package source

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Format names of the delimited inputs.
const (
	FormatCSV = "csv"
	FormatTSV = "tsv"
)

// delimited reads a CSV or TSV input: a header row naming the fields (the
// same names as JSON Lines records: text, title, date, url, outlet, …, see
// ParseRecord), then one document per row; quoted fields may span lines.
// Each row is named origin:LINE by the line it starts on; a bad row is an
// error naming that line and the rows after it are still read.
func (r *reader) delimited(origin, format string, br *bufio.Reader, max int64) error {
	cr := csv.NewReader(br)
	if format == FormatTSV {
		cr.Comma = '\t'
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return r.fail(origin, format, ErrEmpty)
	}
	if err != nil {
		return r.fail(origin+":1", format, fmt.Errorf("%w header row: %v", ErrMalformed, csvCause(err)))
	}
	hasText := false
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if h == "" {
			return r.fail(origin+":1", format, fmt.Errorf("%w header row: column %d has no name", ErrMalformed, i+1))
		}
		if seen[h] {
			return r.fail(origin+":1", format, fmt.Errorf("%w header row: column %q appears twice", ErrMalformed, h))
		}
		seen[h] = true
		header[i] = h
		hasText = hasText || jsonFields[h] == "text"
	}
	if !hasText {
		return r.fail(origin+":1", format, fmt.Errorf("%w header row: no text column (text, content, body or doc_text)", ErrMalformed))
	}
	rows := 0
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		before := cr.InputOffset()
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := 0
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.StartLine
		} else if len(rec) > 0 {
			line, _ = cr.FieldPos(0)
		}
		o := origin + ":" + strconv.Itoa(line)
		rows++
		if err != nil {
			if yerr := r.fail(o, format, fmt.Errorf("%w row: %v", ErrMalformed, csvCause(err))); yerr != nil {
				return yerr
			}
			if cr.InputOffset() == before {
				return nil // no progress: the rest cannot be read
			}
			continue
		}
		size := 0
		fields := make(map[string]string, len(rec))
		for i, v := range rec {
			size += len(v)
			if v != "" {
				fields[header[i]] = v
			}
		}
		if int64(size) > max {
			if yerr := r.fail(o, format, fmt.Errorf("%w: row of %d bytes, cap %d", ErrTooLarge, size, max)); yerr != nil {
				return yerr
			}
			continue
		}
		b, _ := json.Marshal(fields) // strings only: cannot fail
		d, diags, perr := ParseRecord(o, b)
		var yerr error
		if perr != nil {
			yerr = r.fail(o, format, perr)
		} else {
			d.Format = format
			yerr = r.emit(d, diags)
		}
		if yerr != nil {
			return yerr
		}
	}
	if rows == 0 {
		return r.fail(origin, format, fmt.Errorf("%w: a header row and no rows", ErrEmpty))
	}
	return nil
}

// csvCause drops the position encoding/csv puts in its messages: the origin
// already names the line.
func csvCause(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return errors.New("wrong number of fields (the header row sets it)")
		}
		return pe.Err
	}
	return err
}
