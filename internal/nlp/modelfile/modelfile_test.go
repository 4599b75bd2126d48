package modelfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestRoundTripAndHeader(t *testing.T) {
	var buf bytes.Buffer
	w, err := Create(&buf, "dyad-test\n", 3)
	if err != nil {
		t.Fatal(err)
	}
	w.Uvarint(300)
	w.String("root")
	w.Byte(1)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(bytes.NewReader(buf.Bytes()), "test", "dyad-test\n", 3)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := r.Uvarint(1000); err != nil || v != 300 {
		t.Errorf("Uvarint = %d, %v", v, err)
	}
	if s, err := r.String(10); err != nil || s != "root" {
		t.Errorf("String = %q, %v", s, err)
	}
	if b, err := r.Byte(); err != nil || b != 1 {
		t.Errorf("Byte = %d, %v", b, err)
	}
	for _, tc := range []struct {
		magic   string
		version uint64
		want    string
	}{
		{"dyad-other\n", 3, "not a dyad test file"},
		{"dyad-test\n", 4, "test version 3, want 4"},
	} {
		if _, err := Open(bytes.NewReader(buf.Bytes()), "test", tc.magic, tc.version); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%q, %d) = %v, want %q", tc.magic, tc.version, err, tc.want)
		}
	}
	if _, err := Open(strings.NewReader("not gzip"), "test", "dyad-test\n", 3); !errors.Is(err, ErrFormat) {
		t.Errorf("not gzip: %v", err)
	}
	r, _ = Open(bytes.NewReader(buf.Bytes()), "test", "dyad-test\n", 3)
	if _, err := r.Uvarint(10); err == nil {
		t.Error("a value over its bound was read")
	}
}
