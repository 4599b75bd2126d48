package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/extract"
	"github.com/mmcdole/gofeed"
)

// maxFeedItems bounds the items read from one feed.
const maxFeedItems = 10000

// FeedItem is one entry of a parsed feed, before any full-text fetch.
type FeedItem struct {
	Doc         doc.Document
	Diagnostics []doc.Diagnostic
	Err         error // the item has no usable text or could not be read
}

// ParseFeed reads an RSS (0.9x, 1.0, 2.0) or Atom feed into one document per
// item: title, link (as URL), publication date, author, the feed's title as
// outlet, and content:encoded, content or description turned from HTML into
// text. The charset comes from contentType (may be empty), a byte-order mark
// or the XML declaration. Items are named origin#1, origin#2, ...
// It returns an error wrapping ErrMalformed when data is not a feed.
func ParseFeed(origin string, data []byte, contentType string) ([]FeedItem, error) {
	utf, _, err := extract.DecodeXML(data, contentType)
	if err != nil {
		if errors.Is(err, ErrInvalidUTF8) {
			return nil, err
		}
		return nil, fmt.Errorf("%w feed: %w", ErrMalformed, err)
	}
	f, err := parseFeed(utf)
	if err != nil {
		return nil, err
	}
	format := FormatRSS
	if f.FeedType == "atom" {
		format = FormatAtom
	} else if f.FeedType != "rss" {
		return nil, fmt.Errorf("%w feed: %s feeds are not read", ErrMalformed, f.FeedType)
	}
	if len(f.Items) > maxFeedItems {
		return nil, fmt.Errorf("%w: %d items, cap %d", ErrTooLarge, len(f.Items), maxFeedItems)
	}
	out := make([]FeedItem, 0, len(f.Items))
	for i, it := range f.Items {
		o := fmt.Sprintf("%s#%d", origin, i+1)
		out = append(out, feedItem(o, format, clean(f.Title), it))
	}
	return out, nil
}

// parseFeed runs gofeed, turning a panic on hostile input into an error.
func parseFeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w feed: parser panic: %v", ErrMalformed, r)
		}
	}()
	f, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w feed: %v", ErrMalformed, err)
	}
	return f, nil
}

func feedItem(origin, format, outlet string, it *gofeed.Item) FeedItem {
	d := doc.Document{Origin: origin, Format: format, Outlet: outlet, URL: strings.TrimSpace(it.Link)}
	var diags []doc.Diagnostic
	title, err := extract.Fragment(it.Title)
	if err != nil {
		return FeedItem{Doc: d, Err: fmt.Errorf("%w title: %w", ErrMalformed, err)}
	}
	d.Title = clean(title)
	if a := firstAuthor(it); a != "" {
		d.Author = a
	}
	switch {
	case it.PublishedParsed != nil:
		d.Published = it.PublishedParsed.UTC()
	case it.Published != "":
		if t, err := extract.ParseDate(it.Published); err == nil {
			d.Published = t
		} else {
			diags = append(diags, warning(fmt.Sprintf("%s: published: %v", origin, err)))
		}
	case it.UpdatedParsed != nil:
		d.Published = it.UpdatedParsed.UTC()
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	text, err := extract.Fragment(body)
	if err != nil {
		return FeedItem{Doc: d, Err: fmt.Errorf("%w content: %w", ErrMalformed, err)}
	}
	d.Text = text
	if it.GUID != "" {
		d.Meta = map[string]string{"guid": it.GUID}
	}
	if len(it.Categories) > 0 {
		if d.Meta == nil {
			d.Meta = map[string]string{}
		}
		d.Meta["categories"] = strings.Join(it.Categories, "; ")
	}
	return FeedItem{Doc: d, Diagnostics: diags}
}

func firstAuthor(it *gofeed.Item) string {
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return clean(p.Name)
		}
	}
	if it.Author != nil {
		return clean(it.Author.Name)
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		return clean(it.DublinCoreExt.Creator[0])
	}
	return ""
}

// feed reads a feed input and yields its items, fetching the full text of
// short items when asked.
func (r *reader) feed(origin string, data []byte, contentType string) error {
	items, err := ParseFeed(origin, data, contentType)
	if err != nil {
		return r.fail(origin, "", err)
	}
	if len(items) == 0 {
		return r.fail(origin, "", fmt.Errorf("%w: feed has no items", ErrEmpty))
	}
	for _, it := range items {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if it.Err != nil {
			if err := r.fail(it.Doc.Origin, it.Doc.Format, it.Err); err != nil {
				return err
			}
			continue
		}
		d, diags := it.Doc, it.Diagnostics
		var fetchErr error
		if r.opts.FetchFullText && utf8.RuneCountInString(d.Text) < r.opts.minFullText() {
			d, fetchErr = r.fullText(d)
			if cerr := r.ctx.Err(); cerr != nil {
				return cerr
			}
		}
		switch {
		case fetchErr != nil && d.Text == "":
			err = r.fail(d.Origin, d.Format, fmt.Errorf("%w (item has no text of its own)", fetchErr))
		case fetchErr != nil:
			diags = append(diags, doc.Diagnostic{Stage: "source", Severity: doc.Error,
				Message: fmt.Sprintf("%s: full text not fetched, kept the feed summary: %v", d.Origin, fetchErr)})
			d.Meta = withMeta(d.Meta, TextFrom, "feed summary (page fetch failed)")
			err = r.emitItem(Item{Doc: d, Diagnostics: diags, Partial: true})
		case d.Text == "":
			err = r.fail(d.Origin, d.Format, fmt.Errorf("%w: feed item has no content or description", ErrNoText))
		default:
			if d.Meta[TextFrom] == "" {
				d.Meta = withMeta(d.Meta, TextFrom, "feed")
			}
			err = r.emit(d, diags)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// TextFrom is the metadata key that says where a feed item's stored text
// came from ("page", "feed", "feed summary (page fetch failed)"), so that
// each stored version says why it was made.
const TextFrom = "text_from"

func withMeta(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[k] = v
	return m
}

// fullText fetches an item's link and, when the page yields more text than
// the feed did, takes the page's text and fills metadata the feed lacked.
func (r *reader) fullText(d doc.Document) (doc.Document, error) {
	if !isURL(d.URL) {
		if d.URL == "" {
			return d, fmt.Errorf("%w: item has no link", ErrFetch)
		}
		return d, fmt.Errorf("%w: link %q is not http(s)", ErrFetch, d.URL)
	}
	body, ct, err := fetch(r.ctx, r.client, d.URL, r.opts.maxBytes())
	if err != nil {
		return d, fmt.Errorf("%s: %w", d.URL, err)
	}
	if err := checkText(body); err != nil {
		return d, fmt.Errorf("%w %s: %w", ErrFetch, d.URL, err)
	}
	page, _, err := ParseHTML(d.URL, body, ct, d.URL)
	if err != nil {
		return d, fmt.Errorf("%w %s: %w", ErrFetch, d.URL, err)
	}
	if utf8.RuneCountInString(page.Text) <= utf8.RuneCountInString(d.Text) {
		return d, nil
	}
	d.Text = page.Text
	if d.Meta == nil {
		d.Meta = map[string]string{}
	}
	d.Meta["fulltext"] = d.URL
	d.Meta[TextFrom] = "page"
	if page.URL != "" {
		d.URL = page.URL
	}
	if d.Author == "" {
		d.Author = page.Author
	}
	if d.Published.IsZero() {
		d.Published = page.Published
	}
	if d.Title == "" {
		d.Title = page.Title
	}
	return d, nil
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
