package examples

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/source"
)

func TestWalkNamesOriginsInTheRepository(t *testing.T) {
	files := map[string]bool{}
	n := 0
	err := Walk(context.Background(), source.Options{}, func(it source.Item) error {
		n++
		if it.Err != nil {
			t.Errorf("%s: %v", it.Origin, it.Err)
		}
		if !strings.HasPrefix(it.Origin, "examples/") || !strings.HasPrefix(it.Doc.Origin, "examples/") {
			t.Errorf("origin %q, document origin %q", it.Origin, it.Doc.Origin)
		}
		file := strings.TrimRight(it.Origin, "0123456789")
		file = strings.TrimSuffix(strings.TrimSuffix(file, ":"), "#")
		files[file] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || len(files) != Files() {
		t.Errorf("%d items from %d files; the corpus has %d files", n, len(files), Files())
	}
}

func TestInRepositoryRenamesErrors(t *testing.T) {
	it := inRepository(source.Item{Origin: "html/a.html", Err: &source.Error{Origin: "html/a.html", Err: source.ErrEmpty}})
	var se *source.Error
	if it.Origin != "examples/html/a.html" || !errors.As(it.Err, &se) || se.Origin != "examples/html/a.html" || !errors.Is(it.Err, source.ErrEmpty) {
		t.Errorf("item %+v", it)
	}
}
