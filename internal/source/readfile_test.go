package source

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileNamesThePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path, func(r io.Reader) (string, error) {
		b, err := io.ReadAll(r)
		return string(b), err
	})
	if err != nil || got != "abc" {
		t.Errorf("ReadFile = %q, %v; want abc", got, err)
	}
	bad := errors.New("bad line 3")
	_, err = ReadFile(path, func(io.Reader) (int, error) { return 0, bad })
	if !errors.Is(err, bad) || !strings.Contains(err.Error(), path) {
		t.Errorf("decode error = %v; want it wrapped and naming %s", err, path)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none"), func(io.Reader) (int, error) { return 0, nil }); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
