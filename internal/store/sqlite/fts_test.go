package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// FuzzSearchQuery checks that whatever a person types as a search, the
// store answers or says the query is bad: never an SQL or FTS5 error.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{
		"sanctions", `"security council"`, "gaza OR syria", "russia -china", "veto*", "U.S.", `"`, `""`,
		"OR", "-", "*", "NEAR(a b)", "a AND b", "title:x", "^start", "{a b}", "a\x00b", "\xff\xfe", "((", "a:b:c",
	} {
		f.Add(s)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), sqlite.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if _, err := db.PutDocuments(context.Background(), []doc.Document{{Title: "Vote", Text: "Russia vetoed the U.S. draft on Syria."}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 1000 {
			return
		}
		_, err := db.Documents(context.Background(), store.DocFilter{Query: q, Limit: 5})
		if err != nil && !errors.Is(err, store.ErrBadQuery) {
			t.Fatalf("query %q: %v", q, err)
		}
	})
}
