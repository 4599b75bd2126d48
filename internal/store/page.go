package store

import (
	"encoding/base64"
	"fmt"
	"math"
	"slices"
	"strconv"
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

// Cursor is a position in an event listing: the event a page continues
// after (or, going back, before) and its sort keys.
type Cursor struct {
	Goldstein float64 // the event's Goldstein value, for a listing by Goldstein
	HasGold   bool    // the cursor carries Goldstein (every cursor a store makes now does)
	Date, ID  string
	Before    bool // the page before the event: a cursor of EncodePrevCursor
}

// EncodeCursor returns the cursor that continues a listing after e: base64
// of "date\x00id\x00goldstein". Both backends page events in (date, id)
// order, or in (goldstein, date, id) order when the filter says
// ByGoldstein, or in the reverse order when the filter says Desc; the
// cursor holds every key, so it serves each order.
func EncodeCursor(e event.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorText(e)))
}

// EncodePrevCursor returns the cursor of the page before e, in the
// listing's order: base64 of "date\x00id\x00goldstein\x00<".
func EncodePrevCursor(e event.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorText(e) + "\x00<"))
}

func cursorText(e event.Event) string {
	return e.Date + "\x00" + e.ID + "\x00" + strconv.FormatFloat(e.Goldstein, 'g', -1, 64)
}

// DecodeCursor reads a cursor of EncodeCursor or EncodePrevCursor, or one
// of an older store without the Goldstein value (HasGold false). A cursor a
// store did not make (bad base64, no separator, an empty id, a NUL in the
// id, a Goldstein value that is not a finite number) is ErrBadQuery, the
// same on every backend.
func DecodeCursor(c string) (Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return Cursor{}, fmt.Errorf("%w: cursor %q: %v", ErrBadQuery, c, err)
	}
	var cur Cursor
	s := string(b)
	if t, ok := strings.CutSuffix(s, "\x00<"); ok {
		s, cur.Before = t, true
	}
	parts := strings.Split(s, "\x00")
	bad := len(parts) < 2 || len(parts) > 3 || parts[1] == ""
	if !bad && len(parts) == 3 {
		g, err := strconv.ParseFloat(parts[2], 64)
		bad = err != nil || math.IsNaN(g) || math.IsInf(g, 0)
		cur.Goldstein, cur.HasGold = g, true
	}
	if bad {
		return Cursor{}, fmt.Errorf("%w: cursor %q is not one this store made", ErrBadQuery, c)
	}
	cur.Date, cur.ID = parts[0], parts[1]
	return cur, nil
}

// CursorOf decodes f's cursor for its order: ErrBadQuery when it is not a
// cursor of a store, or lacks the Goldstein value of a listing by
// Goldstein. The zero Cursor when f has none.
func CursorOf(f EventFilter) (Cursor, error) {
	if f.Cursor == "" {
		return Cursor{}, nil
	}
	cur, err := DecodeCursor(f.Cursor)
	if err == nil && f.ByGoldstein && !cur.HasGold {
		err = fmt.Errorf("%w: cursor %q is of a listing by date, not by Goldstein", ErrBadQuery, f.Cursor)
	}
	return cur, err
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
