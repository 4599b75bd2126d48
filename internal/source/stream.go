package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Internal format names, before a feed is known to be RSS or Atom.
const (
	fmtFeed      = "feed"
	fmtJSONArray = "json-array"  // a .json file: an array, or objects one after another
	fmtJSONSeq   = "json-values" // objects one after another, any layout
)

// stream reads one input from rd. origin names it in documents and errors;
// name is used for its extension; size is the known size or -1;
// contentType is an HTTP Content-Type or "".
func (r *reader) stream(origin, name string, rd io.Reader, size int64, contentType string) error {
	max := r.opts.maxBytes()
	br := bufio.NewReaderSize(rd, 64<<10)
	head, _ := br.Peek(2)
	gz := strings.EqualFold(filepath.Ext(name), ".gz") || (len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b)
	if gz {
		zr, err := gzip.NewReader(br)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return r.fail(origin, "", ErrEmpty)
			}
			return r.fail(origin, "", gzipError(err))
		}
		defer zr.Close()
		zr.Multistream(true)
		if strings.EqualFold(filepath.Ext(name), ".gz") {
			name = strings.TrimSuffix(name, filepath.Ext(name))
		}
		br = bufio.NewReaderSize(&gzipReader{zr}, 64<<10)
		size = -1
	}

	// A UTF-8 byte-order mark says nothing the readers need; drop it so
	// that JSON and sniffing see the first real byte.
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	format := formatByName(name)
	if format == "" || format == fmtJSONArray || contentType != "" {
		peek, err := br.Peek(1024)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return r.fail(origin, format, readError(err))
		}
		if f := formatByContentType(contentType); f != "" && format == "" {
			format = f
		}
		byName := format
		if format == "" || format == fmtJSONArray {
			format = sniff(peek)
		}
		if byName == fmtJSONArray && format == FormatJSONL {
			// A .json file of objects may be pretty-printed: read it
			// as a stream of values, not line by line.
			format = fmtJSONSeq
		}
	}
	if format == FormatJSONL {
		return r.jsonLines(origin, br, max)
	}
	if format == FormatCSV || format == FormatTSV {
		return r.delimited(origin, format, br, max)
	}
	if format == fmtJSONArray || format == fmtJSONSeq {
		return r.jsonValues(origin, br, max, format == fmtJSONArray)
	}

	if size > max {
		return r.fail(origin, format, fmt.Errorf("%w: %d bytes, cap %d", ErrTooLarge, size, max))
	}
	data, err := ReadCapped(br, max)
	if err != nil {
		return r.fail(origin, format, err)
	}
	if err := checkText(data); err != nil {
		return r.fail(origin, format, err)
	}
	switch format {
	case FormatHTML:
		pageURL := ""
		if isURL(origin) {
			pageURL = origin
		}
		return r.html(origin, data, contentType, pageURL)
	case fmtFeed:
		return r.feed(origin, data, contentType)
	default:
		return r.text(origin, data)
	}
}

// gzipReader maps the gzip errors of a truncated or corrupt stream to ours.
type gzipReader struct{ zr *gzip.Reader }

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = gzipError(err)
	}
	return n, err
}

func gzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return ErrTruncated
	}
	if errors.Is(err, ErrTruncated) || errors.Is(err, ErrMalformed) {
		return err
	}
	return fmt.Errorf("%w gzip: %v", ErrMalformed, err)
}

// readError keeps our own error kinds and wraps others once.
func readError(err error) error {
	if errors.Is(err, ErrTruncated) || errors.Is(err, ErrMalformed) {
		return err
	}
	return fmt.Errorf("read: %w", err)
}

// ReadCapped reads all of r, failing with an error wrapping ErrTooLarge
// past max bytes; it is the one bounded read of a whole input (files,
// fetches, and the text argument of dyad code, parse, actors and timex).
func ReadCapped(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, readError(err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return data, nil
}

// checkText rejects empty and binary inputs. A UTF-16 byte-order mark is
// text even though it brings NUL bytes.
func checkText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrEmpty
	}
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	return nil
}

// formatByName maps a file extension to a format; "" means sniff.
func formatByName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".xml", ".rss", ".atom":
		return fmtFeed
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".json":
		return fmtJSONArray // sniffed: an array or JSON Lines
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	}
	return ""
}

// formatByContentType maps an HTTP Content-Type to a format.
func formatByContentType(ct string) string {
	ct = strings.ToLower(ct)
	switch {
	case strings.Contains(ct, "rss"), strings.Contains(ct, "atom"), strings.Contains(ct, "xml") && !strings.Contains(ct, "xhtml"):
		return fmtFeed
	case strings.Contains(ct, "html"):
		return FormatHTML
	case strings.Contains(ct, "ndjson"), strings.Contains(ct, "jsonl"):
		return FormatJSONL
	case strings.Contains(ct, "json"):
		return fmtJSONArray
	case strings.HasPrefix(ct, "text/csv"):
		return FormatCSV
	case strings.HasPrefix(ct, "text/tab-separated-values"):
		return FormatTSV
	case strings.HasPrefix(ct, "text/plain"):
		return FormatText
	}
	return ""
}

// sniff guesses a format from the first bytes of an input.
func sniff(head []byte) string {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return FormatText
	}
	switch head[0] {
	case '{':
		return FormatJSONL
	case '[':
		return fmtJSONArray
	case '<':
		low := bytes.ToLower(head)
		for _, m := range []string{"<rss", "<feed", "<rdf:rdf"} {
			if bytes.Contains(low, []byte(m)) {
				return fmtFeed
			}
		}
		for _, m := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta", "<title"} {
			if bytes.Contains(low, []byte(m)) {
				return FormatHTML
			}
		}
		if bytes.HasPrefix(low, []byte("<?xml")) {
			return fmtFeed
		}
		return FormatHTML
	}
	return FormatText
}

// ReadFile opens path, hands it to read and closes it; an error of read
// names the path. It is the one "open a named input and decode it" of the
// commands and the evaluations.
func ReadFile[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return v, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
