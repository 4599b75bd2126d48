package store

import (
	"encoding/base64"
	"errors"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
)

func TestCursorRoundTrip(t *testing.T) {
	c := EncodeCursor(event.Event{Date: "2024-05-06", ID: "abc123", Goldstein: -7.2})
	cur, err := DecodeCursor(c)
	if want := (Cursor{Goldstein: -7.2, HasGold: true, Date: "2024-05-06", ID: "abc123"}); err != nil || cur != want {
		t.Errorf("round trip: %+v %v, want %+v", cur, err, want)
	}
	cur, err = DecodeCursor(EncodePrevCursor(event.Event{Date: "", ID: "abc123", Goldstein: 0.1}))
	if want := (Cursor{Goldstein: 0.1, HasGold: true, ID: "abc123", Before: true}); err != nil || cur != want {
		t.Errorf("round trip of a previous-page cursor: %+v %v, want %+v", cur, err, want)
	}
	// A cursor of an older store, without Goldstein, serves a listing by
	// date but not one by Goldstein.
	old := base64.RawURLEncoding.EncodeToString([]byte("2024-05-06\x00abc123\x00<"))
	if cur, err := CursorOf(EventFilter{Cursor: old}); err != nil || cur != (Cursor{Date: "2024-05-06", ID: "abc123", Before: true}) {
		t.Errorf("CursorOf(old cursor) = %+v, %v", cur, err)
	}
	if _, err := CursorOf(EventFilter{Cursor: old, ByGoldstein: true}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("CursorOf(old cursor, by Goldstein) = %v, want ErrBadQuery", err)
	}
	nan := base64.RawURLEncoding.EncodeToString([]byte("d\x00a\x00NaN"))
	for _, bad := range []string{"!!!", "YWJj", nan, EncodeCursor(event.Event{Date: "2024-05-06", ID: ""}), EncodeCursor(event.Event{Date: "d", ID: "a\x00b"})} {
		if _, err := DecodeCursor(bad); !errors.Is(err, ErrBadQuery) {
			t.Errorf("DecodeCursor(%q) = %v, want ErrBadQuery", bad, err)
		}
	}
}

func TestLimit(t *testing.T) {
	for n, want := range map[int]int{0: DefaultLimit, -3: DefaultLimit, 7: 7, MaxLimit + 1: MaxLimit} {
		if got := Limit(n); got != want {
			t.Errorf("Limit(%d) = %d, want %d", n, got, want)
		}
	}
}
