package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// url fetches an http(s) input and reads it as a feed or a page.
func (r *reader) url(u string) error {
	body, ct, err := fetch(r.ctx, r.client, u, r.opts.maxBytes())
	if err != nil {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		return r.fail(u, "", err)
	}
	return r.whole(u, func() error { return r.streamFetched(u, body, ct) })
}

// fetch GETs u and returns at most max bytes of its body with its content
// type. Non-2xx statuses, bodies over max and transport errors are ErrFetch
// or ErrTooLarge errors.
func fetch(ctx context.Context, c *http.Client, u string, max int64) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrFetch, err)
	}
	if err := checkURL(req.URL); err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "dyad (+https://github.com/dyad-project/dyad)")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, text/html, application/xml;q=0.9, */*;q=0.5")
	resp, err := c.Do(req)
	if err != nil {
		if errors.Is(err, ErrForbidden) {
			return nil, "", fmt.Errorf("%w: %v", ErrForbidden, errors.Unwrap(err))
		}
		return nil, "", fmt.Errorf("%w: %v", ErrFetch, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, "", fmt.Errorf("%w: HTTP status %s", ErrFetch, strconv.Itoa(resp.StatusCode))
	}
	if resp.ContentLength > max {
		return nil, "", fmt.Errorf("%w: %d bytes, cap %d", ErrTooLarge, resp.ContentLength, max)
	}
	body, err := ReadCapped(resp.Body, max)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrFetch, err)
	}
	return body, resp.Header.Get("Content-Type"), nil
}

// streamFetched reads a fetched body; the URL's path gives the extension.
func (r *reader) streamFetched(u string, body []byte, contentType string) error {
	name := u
	if pu, err := url.Parse(u); err == nil {
		name = pu.Path
	}
	return r.stream(u, name, bytes.NewReader(body), int64(len(body)), contentType)
}
