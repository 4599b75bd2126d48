package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/extract"
)

// jsonFields maps the JSON keys ParseRecord knows to document fields, in
// order of preference within a field.
var jsonFields = map[string]string{
	"text": "text", "content": "text", "body": "text", "doc_text": "text",
	"title": "title", "headline": "title",
	"date": "date", "published": "date", "published_at": "date", "publish_date": "date",
	"url": "url", "link": "url",
	"source": "outlet", "outlet": "outlet", "publisher": "outlet",
	"author": "author", "byline": "author",
}

// jsonPriority orders the keys of one field: the first present wins, the
// others are kept in Meta.
var jsonPriority = map[string]int{
	"text": 0, "content": 1, "body": 2, "doc_text": 3,
	"title": 0, "headline": 1,
	"date": 0, "published": 1, "published_at": 2, "publish_date": 3,
	"url": 0, "link": 1,
	"source": 0, "outlet": 1, "publisher": 2,
	"author": 0, "byline": 1,
}

// ParseRecord reads one JSON object into a document. Known fields are
// text|content|body|doc_text, title|headline, date|published|published_at|
// publish_date (a string in a form extract.ParseDate reads, or Unix seconds),
// url|link, source|outlet|publisher and author|byline; every other field is
// kept in Meta, strings as they are and other values as compact JSON. An
// unreadable date is a warning diagnostic. origin names the record.
func ParseRecord(origin string, line []byte) (doc.Document, []doc.Diagnostic, error) {
	d := doc.Document{Origin: origin, Format: FormatJSONL}
	if off := extract.InvalidUTF8(line); off >= 0 {
		return d, nil, fmt.Errorf("%w at byte %d of the record", ErrInvalidUTF8, off)
	}
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(line, &rec); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return d, nil, fmt.Errorf("%w JSON: a record must be an object, not %s", ErrMalformed, ute.Value)
		}
		return d, nil, fmt.Errorf("%w JSON: %v", ErrMalformed, err)
	}
	if rec == nil {
		return d, nil, fmt.Errorf("%w JSON: a record must be an object, not null", ErrMalformed)
	}
	var diags []doc.Diagnostic
	chosen := map[string]string{} // field -> key taken
	for k := range rec {
		f, ok := jsonFields[k]
		if !ok || isNull(rec[k]) {
			continue
		}
		if prev, ok := chosen[f]; !ok || jsonPriority[k] < jsonPriority[prev] {
			chosen[f] = k
		}
	}
	taken := map[string]bool{}
	for f, k := range chosen {
		raw := rec[k]
		if f == "date" {
			t, err := recordDate(raw)
			if err != nil {
				diags = append(diags, warning(fmt.Sprintf("%s: field %q: %v", origin, k, err)))
				continue // kept in Meta below
			}
			d.Published = t
			taken[k] = true
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return d, diags, fmt.Errorf("%w record: field %q must be a string, got %s", ErrMalformed, k, jsonKind(raw))
		}
		taken[k] = true
		switch f {
		case "text":
			d.Text = strings.TrimSpace(s)
		case "title":
			d.Title = clean(s)
		case "url":
			d.URL = strings.TrimSpace(s)
		case "outlet":
			d.Outlet = clean(s)
		case "author":
			d.Author = clean(s)
		}
	}
	for k, raw := range rec {
		if taken[k] {
			continue
		}
		if d.Meta == nil {
			d.Meta = make(map[string]string, len(rec)-len(taken))
		}
		var s string
		if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
			d.Meta[k] = s
			continue
		}
		var buf bytes.Buffer
		if json.Compact(&buf, raw) == nil {
			d.Meta[k] = buf.String()
		} else {
			d.Meta[k] = string(raw)
		}
	}
	if d.Text == "" {
		return d, diags, fmt.Errorf("%w: no text, content, body or doc_text field", ErrNoText)
	}
	return d, diags, nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '"':
		return "a string"
	}
	return "a number"
}

// recordDate reads a date given as a string or as Unix seconds.
func recordDate(raw json.RawMessage) (time.Time, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		t, err := extract.ParseDate(s)
		if err == nil && t.Year() < 1900 {
			// Year 1 is also the zero time, "unknown": say so instead of
			// dropping it silently.
			return time.Time{}, fmt.Errorf("%q is before 1900; stored as unknown", s)
		}
		return t, err
	}
	n, err := strconv.ParseFloat(string(bytes.TrimSpace(raw)), 64)
	if err != nil || n < 0 || n > 1e11 {
		return time.Time{}, fmt.Errorf("want a date string or Unix seconds, got %s", jsonKind(raw))
	}
	return time.Unix(int64(n), 0).UTC(), nil
}

// jsonLines streams a JSON Lines input one line at a time; each line is a
// record named origin:N. Blank lines are skipped.
func (r *reader) jsonLines(origin string, br *bufio.Reader, max int64) error {
	var buf []byte
	blank := int64(0) // bytes of blank lines since the last record
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, &buf, max)
		if err != nil && err != io.EOF {
			// A partial line before a read error (a truncated gzip
			// stream) is not a record: report the read error alone.
			return r.fail(fmt.Sprintf("%s:%d", origin, n), FormatJSONL, readError(err))
		}
		if len(line) > 0 || tooLong {
			o := origin + ":" + strconv.Itoa(n)
			var yerr error
			switch {
			case tooLong:
				yerr = r.fail(o, FormatJSONL, fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, max))
			case len(bytes.TrimSpace(line)) == 0:
				if blank += int64(len(line)) + 1; blank > max {
					return r.fail(o, FormatJSONL, fmt.Errorf("%w: more than %d bytes of blank lines; the rest is not read", ErrMalformed, max))
				}
			default:
				blank = 0
				d, diags, perr := ParseRecord(o, line)
				if perr != nil {
					yerr = r.fail(o, FormatJSONL, perr)
				} else {
					yerr = r.emit(d, diags)
				}
			}
			if yerr != nil {
				return yerr
			}
		} else if n == 1 && err == io.EOF {
			return r.fail(origin, FormatJSONL, ErrEmpty)
		} else if blank += 1; blank > max {
			return r.fail(origin+":"+strconv.Itoa(n), FormatJSONL, fmt.Errorf("%w: more than %d bytes of blank lines; the rest is not read", ErrMalformed, max))
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line without its newline, reusing *buf. A line
// longer than max is consumed and reported as tooLong.
func readLine(br *bufio.Reader, buf *[]byte, max int64) (line []byte, tooLong bool, err error) {
	*buf = (*buf)[:0]
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(*buf)+len(frag)) > max+1 { // +1: the newline
				tooLong = true
				*buf = (*buf)[:0]
			} else {
				*buf = append(*buf, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(*buf, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if tooLong {
			line = nil
		}
		return line, tooLong, err
	}
}

// jsonValues reads a JSON document of records one value at a time: the
// elements of an array when array is true, otherwise objects following one
// another (pretty-printed or not). Records are named origin[N]. A syntax
// error ends the input, as the decoder cannot find the next record.
func (r *reader) jsonValues(origin string, br *bufio.Reader, max int64, array bool) error {
	dec := json.NewDecoder(&capReader{r: br, max: max})
	if array {
		tok, err := dec.Token()
		if err == io.EOF {
			return r.fail(origin, FormatJSONL, ErrEmpty)
		}
		if err != nil {
			return r.fail(origin, FormatJSONL, jsonStreamError(err))
		}
		if delim, ok := tok.(json.Delim); !ok || delim != '[' {
			return r.fail(origin, FormatJSONL, fmt.Errorf("%w JSON: want an array of objects or JSON Lines", ErrMalformed))
		}
	}
	i := 0
	for ; dec.More(); i++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		o := fmt.Sprintf("%s[%d]", origin, i+1)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return r.fail(o, FormatJSONL, jsonStreamError(err))
		}
		d, diags, err := ParseRecord(o, raw)
		if err != nil {
			err = r.fail(o, FormatJSONL, err)
		} else {
			err = r.emit(d, diags)
		}
		if err != nil {
			return err
		}
	}
	if array {
		if _, err := dec.Token(); err != nil {
			return r.fail(origin, FormatJSONL, jsonStreamError(err))
		}
	}
	if i == 0 {
		return r.fail(origin, FormatJSONL, fmt.Errorf("%w: no records", ErrEmpty))
	}
	return nil
}

func jsonStreamError(err error) error {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTruncated) || errors.Is(err, ErrMalformed) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w JSON: unexpected end of input", ErrMalformed)
	}
	return fmt.Errorf("%w JSON: %v", ErrMalformed, err)
}

// capReader fails with ErrTooLarge once more than max bytes were read.
type capReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n >= c.max {
		return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.max)
	}
	if int64(len(p)) > c.max-c.n {
		p = p[:c.max-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// strictFields are the only keys ParseRecordStrict accepts.
var strictFields = []string{"text", "title", "url", "date", "outlet", "author", "lang"}

// ParseRecordStrict is ParseRecord for a body someone sends on purpose (the
// API): exactly one JSON object whose keys are text, title, url, date,
// outlet, author and lang only, every value a string, and a date that must
// parse. The lenient ParseRecord, for files in the wild, takes other names
// and keeps unknown fields as metadata; both share one reading of the
// fields, so a document means the same whichever way it came in.
func ParseRecordStrict(origin string, body []byte) (doc.Document, []doc.Diagnostic, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var rec map[string]json.RawMessage
	if err := dec.Decode(&rec); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return doc.Document{}, nil, fmt.Errorf("%w JSON: the body must be an object, not %s", ErrMalformed, ute.Value)
		}
		return doc.Document{}, nil, fmt.Errorf("%w JSON: %v", ErrMalformed, err)
	}
	if dec.More() {
		return doc.Document{}, nil, fmt.Errorf("%w JSON: more than one value", ErrMalformed)
	}
	for k := range rec {
		if !slices.Contains(strictFields, k) {
			return doc.Document{}, nil, fmt.Errorf("%w JSON: unknown field %q (want %s)", ErrMalformed, k, strings.Join(strictFields, ", "))
		}
	}
	d, diags, err := ParseRecord(origin, body)
	if err != nil {
		return d, diags, err
	}
	for _, g := range diags {
		if strings.Contains(g.Message, `field "date"`) {
			return d, nil, fmt.Errorf("%w: %s", ErrMalformed, strings.TrimPrefix(g.Message, origin+": "))
		}
	}
	if l, ok := d.Meta["lang"]; ok {
		d.Lang = strings.TrimSpace(l)
		delete(d.Meta, "lang")
	}
	if len(d.Meta) == 0 {
		d.Meta = nil
	}
	return d, diags, nil
}
