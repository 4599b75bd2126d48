// Package extract turns an HTML page into the article's clean text and its
// metadata: title, publication date, outlet, author and canonical URL.
//
// The main text comes from codeberg.org/readeck/go-readability (a maintained
// port of Mozilla's Readability), which drops navigation and boilerplate.
// The metadata pass reads the usual places publishers put it: Open Graph and
// article meta tags, schema.org itemprops, JSON-LD and <time datetime>.
//
// Every function here is pure and safe for concurrent use. Input size is the
// caller's to bound; nesting depth and element count are bounded here (see
// ErrTooDeep and ErrTooLarge).
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// MaxDepth is the deepest element nesting a page may have: the limit the
// x/net/html parser enforces, reported as ErrTooDeep. The tree builder and
// the readability scorer both do work proportional to depth per element.
const MaxDepth = 512

// MaxElements is the most elements a page may have. News pages have a few
// thousand; readability's scoring passes take seconds past a hundred
// thousand, so larger pages are refused with ErrTooLarge once parsed.
const MaxElements = 100_000

// MinWords is the fewest words an article text may have. Readability
// falls back to whatever text a page has, so a page of links alone would
// otherwise yield "Home Sport Contact" as its article.
const MinWords = 10

// Errors a caller can test for with errors.Is.
var (
	ErrTooDeep      = errors.New("html nested too deeply")
	ErrTooLarge     = errors.New("html has too many elements")
	ErrNoText       = errors.New("no text")
	ErrInvalidUTF8  = errors.New("invalid UTF-8")
	ErrCharset      = errors.New("unknown charset")
	ErrHTMLSyntax   = errors.New("unparsable html")
	errDateEmpty    = errors.New("empty date")
	errDateUnknown  = errors.New("unrecognised date format")
	errDateTooLarge = errors.New("date text too long")
)

// Page is what HTML extracts from one page.
type Page struct {
	Text      string    // the article's main text, paragraphs separated by blank lines
	Title     string    //
	Author    string    //
	Outlet    string    // site or publisher name
	URL       string    // canonical URL when the page declares one
	Published time.Time // zero when the page gives no readable date
	// DateRaw is a declared publication date that could not be read; it is
	// empty when Published is set or no date was declared.
	DateRaw string
	Lang    string // the page's declared language (html lang), as written
}

// HTML extracts the article text and metadata from a UTF-8 HTML page.
// pageURL, when not nil, resolves relative links. It returns ErrTooDeep for
// pathologically nested markup, ErrInvalidUTF8 (with the byte offset) for
// malformed text, and ErrNoText when the page has no readable article body;
// in that last case the metadata found is still returned.
func HTML(page []byte, pageURL *url.URL) (Page, error) {
	if off := InvalidUTF8(page); off >= 0 {
		return Page{}, fmt.Errorf("%w at byte %d", ErrInvalidUTF8, off)
	}
	root, err := parseHTML(page)
	if err != nil {
		return Page{}, err
	}
	var p Page
	m := readMeta(root)
	if m.elements > MaxElements {
		return Page{}, fmt.Errorf("%w: %d, cap %d", ErrTooLarge, m.elements, MaxElements)
	}
	p.URL = m.canonical
	p.Outlet = m.siteName
	p.Author = m.author
	p.Lang = m.lang
	if m.date != "" {
		if t, err := ParseDate(m.date); err == nil {
			p.Published = t
		} else {
			p.DateRaw = m.date
		}
	}

	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(root, pageURL)
	if err != nil {
		return p, fmt.Errorf("readability: %w", err)
	}
	p.Title = clean(art.Title())
	if p.Title == "" {
		p.Title = m.title
	}
	if p.Author == "" {
		p.Author = clean(art.Byline())
	}
	if p.Outlet == "" {
		p.Outlet = clean(art.SiteName())
	}
	if p.Published.IsZero() {
		// readability also reads JSON-LD datePublished.
		if t, err := art.PublishedTime(); err == nil {
			p.Published, p.DateRaw = t.UTC(), ""
		}
	}
	if art.Node != nil {
		p.Text = tidyText(render.InnerText(art.Node))
	}
	if n := len(strings.Fields(p.Text)); n < MinWords {
		p.Text = ""
		return p, fmt.Errorf("%w: the readable part of the page has %d words, want at least %d", ErrNoText, n, MinWords)
	}
	return p, nil
}

// Fragment returns the text of an HTML fragment such as a feed item's
// description, without running the article scorer: every text node counts.
func Fragment(s string) (string, error) {
	if !strings.ContainsAny(s, "<&") {
		return tidyText(s), nil
	}
	nodes, err := parseFragment(s)
	if err != nil {
		return "", err
	}
	box := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		box.AppendChild(n)
	}
	return tidyText(render.InnerText(box)), nil
}

// parseHTML builds the tree. The parser refuses more than 512 open
// elements, which bounds its work per element and the depth of every
// recursive walk over the tree after it.
func parseHTML(page []byte) (*html.Node, error) {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, parseError(err)
	}
	return root, nil
}

func parseFragment(s string) ([]*html.Node, error) {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return nil, parseError(err)
	}
	return nodes, nil
}

// parseError names the parser's depth limit as ErrTooDeep.
func parseError(err error) error {
	if strings.Contains(err.Error(), "open stack of elements exceeds") {
		return fmt.Errorf("%w: more than %d open elements", ErrTooDeep, MaxDepth)
	}
	return fmt.Errorf("%w: %w", ErrHTMLSyntax, err)
}

// Decode returns page converted to UTF-8. The encoding is the one declared
// by a byte-order mark, by contentType (an HTTP Content-Type header, may be
// empty) or by a <meta charset> / http-equiv tag in the first 1024 bytes.
// With no declaration the page must already be valid UTF-8; otherwise the
// error names the byte offset of the first invalid sequence. It returns the
// name of the encoding used.
func Decode(page []byte, contentType string) ([]byte, string, error) {
	e, name, declared := declaredHTMLEncoding(page, contentType)
	if !declared {
		if off := InvalidUTF8(page); off >= 0 {
			return nil, "", fmt.Errorf("%w at byte %d and no charset declared", ErrInvalidUTF8, off)
		}
		return bytes.TrimPrefix(page, bom), "utf-8", nil
	}
	return transcode(page, e, name)
}

// DecodeXML is Decode for XML documents: the encoding comes from a BOM,
// contentType or the XML declaration (<?xml ... encoding="..."?>). It
// returns the UTF-8 bytes with the declaration's encoding rewritten to
// UTF-8 so that an XML parser does not decode twice.
func DecodeXML(data []byte, contentType string) ([]byte, string, error) {
	var e encoding.Encoding
	name := ""
	for _, b := range boms {
		if bytes.HasPrefix(data, b.bom) {
			e, name = charset.Lookup(b.name)
		}
	}
	if e == nil {
		if label := contentTypeCharset(contentType); label != "" {
			if e, name = charset.Lookup(label); e == nil {
				return nil, "", fmt.Errorf("%w %q in content type", ErrCharset, label)
			}
		}
	}
	declStart, declEnd, label := xmlDeclEncoding(data)
	if e == nil && label != "" {
		if e, name = charset.Lookup(label); e == nil {
			return nil, "", fmt.Errorf("%w %q in XML declaration", ErrCharset, label)
		}
	}
	var out []byte
	if e == nil || name == "utf-8" {
		if off := InvalidUTF8(data); off >= 0 {
			return nil, "", fmt.Errorf("%w at byte %d", ErrInvalidUTF8, off)
		}
		out, name = bytes.TrimPrefix(data, bom), "utf-8"
	} else {
		var err error
		if out, _, err = transcode(data, e, name); err != nil {
			return nil, "", err
		}
		// The offsets of the declaration are ASCII in every encoding
		// x/net/html/charset knows, except UTF-16 where we search again.
		declStart, declEnd, label = xmlDeclEncoding(out)
	}
	if label != "" && !strings.EqualFold(label, "utf-8") {
		fixed := make([]byte, 0, len(out))
		fixed = append(fixed, out[:declStart]...)
		fixed = append(fixed, "UTF-8"...)
		fixed = append(fixed, out[declEnd:]...)
		out = fixed
	}
	return out, name, nil
}

var bom = []byte{0xEF, 0xBB, 0xBF}

var boms = []struct {
	bom  []byte
	name string
}{
	{[]byte{0xEF, 0xBB, 0xBF}, "utf-8"},
	{[]byte{0xFE, 0xFF}, "utf-16be"},
	{[]byte{0xFF, 0xFE}, "utf-16le"},
}

// declaredHTMLEncoding reports the encoding a page declares, if any.
func declaredHTMLEncoding(page []byte, contentType string) (encoding.Encoding, string, bool) {
	for _, b := range boms {
		if bytes.HasPrefix(page, b.bom) {
			e, name := charset.Lookup(b.name)
			return e, name, true
		}
	}
	if label := contentTypeCharset(contentType); label != "" {
		if e, name := charset.Lookup(label); e != nil {
			return e, name, true
		}
	}
	head := page
	if len(head) > 1024 {
		head = head[:1024]
	}
	// DetermineEncoding's prescan finds <meta charset> and http-equiv; when
	// it finds nothing it guesses, and a guess is not a declaration.
	if !bytes.Contains(bytes.ToLower(head), []byte("charset")) {
		return nil, "", false
	}
	e, name, _ := charset.DetermineEncoding(head, "")
	if hasMetaCharset(head) {
		return e, name, true
	}
	return nil, "", false
}

// hasMetaCharset reports whether head has a <meta> tag declaring a charset.
func hasMetaCharset(head []byte) bool {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			for {
				k, v, more := z.TagAttr()
				if string(k) == "charset" || (string(k) == "content" && bytes.Contains(bytes.ToLower(v), []byte("charset="))) {
					return true
				}
				if !more {
					break
				}
			}
		}
	}
}

func contentTypeCharset(contentType string) string {
	i := strings.Index(strings.ToLower(contentType), "charset=")
	if i < 0 {
		return ""
	}
	v := contentType[i+len("charset="):]
	if j := strings.IndexAny(v, "; "); j >= 0 {
		v = v[:j]
	}
	return strings.Trim(v, `"'`)
}

// xmlDeclEncoding finds encoding="label" in a leading XML declaration and
// returns the byte range of the label.
func xmlDeclEncoding(data []byte) (start, end int, label string) {
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	head = bytes.TrimPrefix(head, bom)
	off := len(data) - len(bytes.TrimPrefix(data, bom))
	if !bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("<?xml")) {
		return 0, 0, ""
	}
	stop := bytes.Index(head, []byte("?>"))
	if stop < 0 {
		return 0, 0, ""
	}
	decl := head[:stop]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return 0, 0, ""
	}
	rest := decl[i+len("encoding"):]
	j := 0
	for j < len(rest) && (rest[j] == ' ' || rest[j] == '=' || rest[j] == '\t') {
		j++
	}
	if j >= len(rest) || (rest[j] != '"' && rest[j] != '\'') {
		return 0, 0, ""
	}
	q := rest[j]
	k := bytes.IndexByte(rest[j+1:], q)
	if k < 0 {
		return 0, 0, ""
	}
	start = off + i + len("encoding") + j + 1
	end = start + k
	return start, end, string(data[start:end])
}

// transcode converts data from e to UTF-8.
func transcode(data []byte, e encoding.Encoding, name string) ([]byte, string, error) {
	if e == encoding.Nop || name == "utf-8" {
		data = bytes.TrimPrefix(data, bom)
		if off := InvalidUTF8(data); off >= 0 {
			return nil, "", fmt.Errorf("%w at byte %d (declared utf-8)", ErrInvalidUTF8, off)
		}
		return data, "utf-8", nil
	}
	out, _, err := transform.Bytes(e.NewDecoder(), data)
	if err != nil {
		return nil, "", fmt.Errorf("decode %s: %w", name, err)
	}
	return out, name, nil
}

// InvalidUTF8 returns the byte offset of the first invalid UTF-8 sequence in
// b, or -1 when b is valid UTF-8.
func InvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// tidyText trims each line, folds runs of spaces and keeps at most one
// blank line between paragraphs.
func tidyText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for line := range strings.Lines(s) {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(line)
	}
	return b.String()
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
