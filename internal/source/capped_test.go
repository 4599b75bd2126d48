package source

import (
	"errors"
	"strings"
	"testing"
)

func TestReadCapped(t *testing.T) {
	if b, err := ReadCapped(strings.NewReader("12345"), 5); err != nil || string(b) != "12345" {
		t.Errorf("at the cap: %q, %v", b, err)
	}
	if _, err := ReadCapped(strings.NewReader("123456"), 5); !errors.Is(err, ErrTooLarge) {
		t.Errorf("past the cap: %v, want ErrTooLarge", err)
	}
	if _, err := ReadCapped(errReader{}, 5); err == nil || errors.Is(err, ErrTooLarge) {
		t.Errorf("a failing reader: %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }
