package store

import (
	"encoding/base64"
	"fmt"
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
// of "date\x00id". Both backends page events in (date, id) order.
func EncodeCursor(e event.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(e.Date + "\x00" + e.ID))
}

// DecodeCursor reads a cursor of EncodeCursor. A cursor a store did not
// make (bad base64, no separator, an empty id, a NUL in the id) is
// ErrBadQuery, the same on every backend.
func DecodeCursor(c string) (date, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", fmt.Errorf("%w: cursor %q: %v", ErrBadQuery, c, err)
	}
	date, id, ok := strings.Cut(string(b), "\x00")
	if !ok || id == "" || strings.IndexByte(id, 0) >= 0 {
		return "", "", fmt.Errorf("%w: cursor %q is not one this store made", ErrBadQuery, c)
	}
	return date, id, nil
}

// PrefixRange returns the bounds lo <= s < hi of the strings that start
// with p, for an index-friendly prefix match (under the "C" collation on
// PostgreSQL, byte order on SQLite).
func PrefixRange(p string) (lo, hi string) {
	return p, p + "\U0010FFFF"
}
