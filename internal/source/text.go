package source

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/extract"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// maxHeaderLines bounds the header block of a text file.
const maxHeaderLines = 32

// textKeys maps the header keys ParseText knows to document fields.
var textKeys = map[string]string{
	"title": "title", "headline": "title",
	"date": "date", "published": "date",
	"source": "outlet", "outlet": "outlet", "publisher": "outlet",
	"url": "url", "link": "url",
	"author": "author", "byline": "author",
}

func (r *reader) text(origin string, data []byte) error {
	d, diags, err := ParseText(origin, data)
	if err != nil {
		return r.fail(origin, FormatText, err)
	}
	return r.emit(d, diags)
}

// ParseText reads a plain-text document. It may open with header lines
// ("Title:", "Date:", "Source:", "URL:", "Author:" and other "Key: value"
// lines, which go to Meta) ended by a blank line; the rest is the text. A
// block only counts as a header when every line in it is "Key: value" and
// at least one key is known. Text must be UTF-8 (a UTF-8 or UTF-16 byte-order
// mark is honoured). An unreadable date is a warning diagnostic, not an
// error.
func ParseText(origin string, data []byte) (doc.Document, []doc.Diagnostic, error) {
	d := doc.Document{Origin: origin, Format: FormatText}
	data, err := textUTF8(data)
	if err != nil {
		return d, nil, err
	}
	body := string(data)
	if strings.Contains(body, "\r") {
		body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	}
	var diags []doc.Diagnostic
	if hdr, rest, ok := splitHeader(body); ok {
		body = rest
		for i, h := range hdr {
			field, known := textKeys[strings.ToLower(h.key)]
			switch {
			case !known:
				if d.Meta == nil {
					d.Meta = map[string]string{}
				}
				d.Meta[strings.ToLower(h.key)] = h.value
			case field == "title":
				d.Title = h.value
			case field == "outlet":
				d.Outlet = h.value
			case field == "url":
				d.URL = h.value
			case field == "author":
				d.Author = h.value
			case field == "date":
				t, err := extract.ParseDate(h.value)
				if err != nil {
					diags = append(diags, warning(fmt.Sprintf("%s:%d: %s: %v", origin, i+1, h.key, err)))
					if d.Meta == nil {
						d.Meta = map[string]string{}
					}
					d.Meta["date"] = h.value
					continue
				}
				d.Published = t
			}
		}
	}
	d.Text = strings.TrimSpace(body)
	if d.Text == "" {
		return d, diags, ErrNoText
	}
	return d, diags, nil
}

type header struct{ key, value string }

// splitHeader separates a leading header block from the body.
func splitHeader(s string) ([]header, string, bool) {
	end := strings.Index(s, "\n\n")
	if end < 0 {
		return nil, s, false
	}
	block := s[:end]
	lines := strings.Split(block, "\n")
	if len(lines) > maxHeaderLines {
		return nil, s, false
	}
	hdr := make([]header, 0, len(lines))
	known := false
	for _, line := range lines {
		k, v, ok := strings.Cut(line, ":")
		if !ok || !isHeaderKey(k) {
			return nil, s, false
		}
		if _, ok := textKeys[strings.ToLower(k)]; ok {
			known = true
		}
		hdr = append(hdr, header{key: k, value: strings.TrimSpace(v)})
	}
	if !known {
		return nil, s, false
	}
	return hdr, s[end+2:], true
}

// isHeaderKey accepts a short run of letters, digits, hyphens and spaces
// starting with a letter: "Title", "Dateline", "X-Section".
func isHeaderKey(k string) bool {
	if k == "" || len(k) > 32 {
		return false
	}
	for i, c := range k {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '_' || c == ' '):
		default:
			return false
		}
	}
	return true
}

// textUTF8 decodes a UTF-16 text (by its byte-order mark), drops a UTF-8
// byte-order mark, and checks that the result is valid UTF-8.
func textUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		out, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), data)
		if err != nil {
			return nil, fmt.Errorf("%w: utf-16: %v", ErrInvalidUTF8, err)
		}
		data = out
	default:
		data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	}
	if off := extract.InvalidUTF8(data); off >= 0 {
		return nil, fmt.Errorf("%w at byte %d (plain text must be UTF-8)", ErrInvalidUTF8, off)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	return data, nil
}

func warning(msg string) doc.Diagnostic {
	return doc.Diagnostic{Stage: "source", Severity: doc.Warning, Message: msg}
}
