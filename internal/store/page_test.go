package store

import (
	"errors"
	"testing"

	"github.com/dyad-project/dyad/internal/event"
)

func TestCursorRoundTrip(t *testing.T) {
	c := EncodeCursor(event.Event{Date: "2024-05-06", ID: "abc123"})
	date, id, before, err := DecodeCursor(c)
	if err != nil || date != "2024-05-06" || id != "abc123" || before {
		t.Errorf("round trip: %q %q %v %v", date, id, before, err)
	}
	date, id, before, err = DecodeCursor(EncodePrevCursor(event.Event{Date: "", ID: "abc123"}))
	if err != nil || date != "" || id != "abc123" || !before {
		t.Errorf("round trip of a previous-page cursor: %q %q %v %v", date, id, before, err)
	}
	for _, bad := range []string{"!!!", "YWJj", EncodeCursor(event.Event{Date: "2024-05-06", ID: ""}), EncodeCursor(event.Event{Date: "d", ID: "a\x00b"})} {
		if _, _, _, err := DecodeCursor(bad); !errors.Is(err, ErrBadQuery) {
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
