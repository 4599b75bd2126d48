// Package source reads news documents from the outside world: plain text
// files with optional headers, HTML pages, RSS and Atom feeds, JSON Lines,
// gzip-compressed files of any of these, directories of them, standard
// input and http(s) URLs.
//
// Walk streams one document at a time to a callback and never holds more
// than one input file (or one JSON line) in memory; every read is bounded by
// Options.MaxBytes. A bad input is reported as an Item with Err set, naming
// the file (and line) and the problem, and the walk goes on.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/extract"
	"github.com/dyad-project/dyad/internal/lang"
)

// DefaultMaxBytes is the size cap used when Options.MaxBytes is zero.
const DefaultMaxBytes = 20 << 20

// DefaultMinFullText is the text length (in characters) under which a feed
// item counts as a summary whose page is fetched when FetchFullText is on.
const DefaultMinFullText = 400

// Options controls Walk. The zero value is usable.
type Options struct {
	// MaxBytes caps every read: a file, a decompressed gzip stream, an
	// HTTP body, and for JSON Lines each line (a JSON Lines file itself is
	// streamed and may be larger). Zero means DefaultMaxBytes.
	MaxBytes int64
	// Client fetches URLs. Nil means a client with a 30 s timeout.
	Client *http.Client
	// FetchFullText fetches the linked page of a feed item whose own
	// text is shorter than MinFullText characters.
	FetchFullText bool
	// MinFullText is the threshold for FetchFullText; zero means
	// DefaultMinFullText.
	MinFullText int
	// Stdin is read for the input "-". Nil makes "-" an error.
	Stdin io.Reader
	// Lang identifies each document's language; nil means a Detector
	// with the embedded profiles, loaded once per Walk (load one and share
	// it when walking many inputs separately).
	Lang *lang.Detector
	// AllowPrivate lets the default client fetch from loopback, private
	// and link-local addresses (an internal feed server). Off by default:
	// a feed's links must not reach this machine or its network.
	AllowPrivate bool
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o Options) client() *http.Client {
	if o.Client != nil {
		return o.Client
	}
	return NewClient(30*time.Second, o.AllowPrivate)
}

func (o Options) minFullText() int {
	if o.MinFullText <= 0 {
		return DefaultMinFullText
	}
	return o.MinFullText
}

// Item is one result of a walk: a document, or the error that stopped an
// input (or one record of it) from becoming one.
//
// When Err is nil, Doc is a document with Text, Origin, Format and Lang set
// (ID is left to the store, see doc.ContentID) and Diagnostics lists
// problems that did not prevent reading it, such as an unreadable date or a
// feed item whose full-text fetch failed (it then carries the feed's
// summary text). When Err is non-nil, Doc holds only Origin and Format and
// the item must not be stored.
type Item struct {
	Doc         doc.Document
	Diagnostics []doc.Diagnostic
	Err         error
	Origin      string // same as Doc.Origin: path, path:line or URL
	// Partial marks a document with less text than its source has: a feed
	// item whose page could not be fetched, kept with the feed's summary.
	// A store must not let it replace a fuller version at the same URL.
	Partial bool
}

// Errors a caller can classify with errors.Is. Item.Err wraps one of them in
// an *Error that names the origin.
var (
	ErrBinary      = errors.New("binary data, not text")
	ErrEmpty       = errors.New("empty input")
	ErrInvalidUTF8 = extract.ErrInvalidUTF8
	ErrTooLarge    = errors.New("over the size cap")
	ErrMalformed   = errors.New("malformed")
	ErrTruncated   = errors.New("truncated gzip stream")
	ErrNoText      = extract.ErrNoText
	ErrFetch       = errors.New("fetch")
	ErrUnsupported = errors.New("unsupported input")
)

// Error is a problem with one input or one record of it.
type Error struct {
	Origin string // path, path:line or URL
	Err    error
}

func (e *Error) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Walk reads every input in order and calls yield once per document or
// per failed input/record. An input is a file, a directory (walked
// recursively in lexical order, taking files named *.txt, .html, .htm,
// .xml, .rss, .atom, .jsonl, .json, .ndjson, .csv or .tsv, optionally
// followed by .gz), "-" for Options.Stdin, or an
// http(s) URL of a feed or page.
//
// Walk stops and returns the error when yield returns one or when ctx is
// done; bad inputs never stop it.
func Walk(ctx context.Context, inputs []string, opts Options, yield func(Item) error) error {
	det := opts.Lang
	if det == nil {
		var err error
		if det, err = lang.New(); err != nil {
			return fmt.Errorf("language profiles: %w", err)
		}
	}
	r := &reader{ctx: ctx, opts: opts, yield: yield, client: opts.client(), lang: det, tree: osTree{}}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case in == "-":
			err = r.stdin()
		case isURL(in):
			err = r.url(in)
		default:
			err = r.path(in)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// extensions lists the file extensions a directory walk reads.
var extensions = []string{".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".json", ".ndjson", ".csv", ".tsv"}

// Format names stored in doc.Document.Format.
const (
	FormatText  = "txt"
	FormatHTML  = "html"
	FormatRSS   = "rss"
	FormatAtom  = "atom"
	FormatJSONL = "jsonl"
)

// reader carries the state of one Walk.
type reader struct {
	ctx    context.Context
	opts   Options
	yield  func(Item) error
	client *http.Client // one per walk, so that connections are reused
	items  int          // items yielded so far, documents and failures
	lang   *lang.Detector
	tree   fileTree // where paths are read: the OS, or the fs.FS of WalkFS
}

// emit finishes a document (language, origin) and yields it.
func (r *reader) emit(d doc.Document, diags []doc.Diagnostic) error {
	return r.emitItem(Item{Doc: d, Diagnostics: diags})
}

func (r *reader) emitItem(it Item) error {
	if it.Doc.Lang == "" {
		it.Doc.Lang = r.lang.Detect(it.Doc.Text).Lang
	}
	it.Origin = it.Doc.Origin
	r.items++
	return r.yield(it)
}

// fail yields an error item for origin. An error that is only the walk's
// own cancellation is returned instead: it is not a bad input.
func (r *reader) fail(origin, format string, err error) error {
	if cerr := r.ctx.Err(); cerr != nil && errors.Is(err, cerr) {
		return cerr
	}
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Origin: origin, Err: err}
	}
	switch format {
	case fmtFeed:
		format = "" // RSS or Atom: not known before parsing
	case fmtJSONArray, fmtJSONSeq:
		format = FormatJSONL
	}
	r.items++
	return r.yield(Item{Doc: doc.Document{Origin: e.Origin, Format: format}, Err: e, Origin: e.Origin})
}

// whole reads one input with read and reports an input that yielded
// nothing at all (a feed with no items, a JSON array with no records) as
// ErrEmpty, so that no input passes unnoticed.
func (r *reader) whole(origin string, read func() error) error {
	before := r.items
	if err := read(); err != nil {
		return err
	}
	if r.items == before {
		return r.fail(origin, "", fmt.Errorf("%w: no document in it", ErrEmpty))
	}
	return nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// WalkFS is Walk over the paths of fsys (an embed.FS, an fs.Sub), with the
// same directory rule and readers; inputs are fsys paths ("." for all of
// it), and they are the items' origins.
func WalkFS(ctx context.Context, fsys fs.FS, inputs []string, opts Options, yield func(Item) error) error {
	det := opts.Lang
	if det == nil {
		var err error
		if det, err = lang.New(); err != nil {
			return fmt.Errorf("language profiles: %w", err)
		}
	}
	r := &reader{ctx: ctx, opts: opts, yield: yield, client: opts.client(), lang: det, tree: fsTree{fsys}}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.path(in); err != nil {
			return err
		}
	}
	return nil
}

// path reads a file or walks a directory (ListDir gives the rule).
func (r *reader) path(p string) error {
	fi, err := r.tree.stat(p)
	if err != nil {
		return r.fail(p, "", unwrapPathError(err))
	}
	if !fi.IsDir() {
		if !fi.Mode().IsRegular() {
			return r.fail(p, "", notRegular(fi))
		}
		return r.file(p, fi)
	}
	return listTree(r.ctx, r.tree, p, func(e Entry) error {
		if e.Err != nil {
			return r.fail(e.Path, "", e.Err)
		}
		return r.file(e.Path, e.Info)
	})
}

// FailedItem is the item a walk yields for an input that could not be read.
func FailedItem(origin string, err error) Item {
	return Item{Doc: doc.Document{Origin: origin}, Err: &Error{Origin: origin, Err: err}, Origin: origin}
}

// wanted reports whether a directory walk reads a file of this name.
func wanted(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	for _, e := range extensions {
		if ext == e {
			return true
		}
	}
	return false
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// file opens one regular file and reads it.
func (r *reader) file(p string, fi fs.FileInfo) error {
	f, err := r.tree.open(p)
	if err != nil {
		return r.fail(p, "", unwrapPathError(err))
	}
	defer f.Close()
	return r.whole(p, func() error { return r.stream(p, p, f, fi.Size(), "") })
}

func (r *reader) stdin() error {
	if r.opts.Stdin == nil {
		return r.fail("-", "", fmt.Errorf("%w: no standard input given", ErrUnsupported))
	}
	return r.whole("-", func() error { return r.stream("-", "stdin", &ctxReader{ctx: r.ctx, r: r.opts.Stdin}, -1, "") })
}

// ctxReader makes a read that may block for ever (an idle terminal or pipe)
// end when ctx is done. Each Read runs in its own goroutine and into its own
// buffer; one abandoned by cancellation ends with the process.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	type result struct {
		n   int
		err error
	}
	buf := make([]byte, len(p))
	done := make(chan result, 1)
	go func() {
		n, err := c.r.Read(buf)
		done <- result{n, err}
	}()
	select {
	case res := <-done:
		return copy(p, buf[:res.n]), res.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}
