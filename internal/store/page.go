package store

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/dyad-project/dyad/internal/event"
)

// DefaultLimit is the page size of a listing whose filter sets none.
const DefaultLimit = 100

// Limit returns the page size a backend uses for a filter's limit n:
// DefaultLimit when n is not positive, at most MaxLimit.
func Limit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// EncodeCursor returns the cursor that continues a listing after e: base64
// of "date\x00id". Both backends page events in (date, id) order, or in
// the reverse order when the filter says Desc.
func EncodeCursor(e event.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(e.Date + "\x00" + e.ID))
}

// EncodePrevCursor returns the cursor of the page before e, in the
// listing's order: base64 of "date\x00id\x00<".
func EncodePrevCursor(e event.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(e.Date + "\x00" + e.ID + "\x00<"))
}

// DecodeCursor reads a cursor of EncodeCursor or EncodePrevCursor; before
// is true for the latter. A cursor a store did not make (bad base64, no
// separator, an empty id, a NUL in the id) is ErrBadQuery, the same on
// every backend.
func DecodeCursor(c string) (date, id string, before bool, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", false, fmt.Errorf("%w: cursor %q: %v", ErrBadQuery, c, err)
	}
	s := string(b)
	if t, ok := strings.CutSuffix(s, "\x00<"); ok {
		s, before = t, true
	}
	date, id, ok := strings.Cut(s, "\x00")
	if !ok || id == "" || strings.IndexByte(id, 0) >= 0 {
		return "", "", false, fmt.Errorf("%w: cursor %q is not one this store made", ErrBadQuery, c)
	}
	return date, id, before, nil
}

// PageOf cuts the rows a backend read for a page of f into the page: rows
// are in scan order (the listing's order, or its reverse for a cursor of
// EncodePrevCursor), at most n+1 of them, n being the page size.
func PageOf(f EventFilter, es []event.Event, n int, before bool) EventPage {
	var page EventPage
	more := len(es) > n
	if more {
		es = es[:n]
	}
	if before {
		slices.Reverse(es)
	}
	if len(es) > 0 {
		// Going forward, a cursor came from a page before this one;
		// going back, the page after this one is where we came from.
		if before && more || !before && f.Cursor != "" {
			page.Prev = EncodePrevCursor(es[0])
		}
		if before || more {
			page.Next = EncodeCursor(es[len(es)-1])
		}
	}
	page.Events = es
	return page
}

// PrefixRange returns the bounds lo <= s < hi of the strings that start
// with p, for an index-friendly prefix match (under the "C" collation on
// PostgreSQL, byte order on SQLite).
func PrefixRange(p string) (lo, hi string) {
	return p, p + "\U0010FFFF"
}
