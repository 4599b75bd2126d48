package source

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/extract"
)

func (r *reader) html(origin string, data []byte, contentType, pageURL string) error {
	d, diags, err := ParseHTML(origin, data, contentType, pageURL)
	if err != nil {
		return r.fail(origin, FormatHTML, err)
	}
	return r.emit(d, diags)
}

// ParseHTML reads an HTML page into a document: the article's main text
// and its title, date, outlet, author and canonical URL (see package
// extract). contentType (may be empty) and the page's own declarations give
// its charset; pageURL (may be empty) is where it was fetched from, used
// when the page names no canonical URL. An unreadable declared date is a
// warning diagnostic.
func ParseHTML(origin string, data []byte, contentType, pageURL string) (doc.Document, []doc.Diagnostic, error) {
	d := doc.Document{Origin: origin, Format: FormatHTML}
	page, _, err := extract.Decode(data, contentType)
	if err != nil {
		return d, nil, htmlError(err)
	}
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	p, err := extract.HTML(page, base)
	if err != nil {
		return d, nil, htmlError(err)
	}
	d.Text, d.Title, d.Author, d.Outlet = p.Text, p.Title, p.Author, p.Outlet
	d.URL, d.Published = p.URL, p.Published
	if d.URL == "" {
		d.URL = pageURL
	}
	if p.Lang != "" {
		d.Meta = map[string]string{"html_lang": p.Lang}
	}
	var diags []doc.Diagnostic
	if p.DateRaw != "" {
		diags = append(diags, warning(fmt.Sprintf("%s: publication date %q unreadable", origin, p.DateRaw)))
	}
	return d, diags, nil
}

// htmlError maps extract's errors onto ours, keeping the message.
func htmlError(err error) error {
	switch {
	case errors.Is(err, extract.ErrTooLarge):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	case errors.Is(err, extract.ErrTooDeep), errors.Is(err, extract.ErrHTMLSyntax), errors.Is(err, extract.ErrCharset):
		return fmt.Errorf("%w html: %w", ErrMalformed, err)
	}
	return err
}
