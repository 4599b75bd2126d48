package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
	"github.com/dyad-project/dyad/internal/store/storetest"
)

func TestQueries(t *testing.T) {
	storetest.RunQueries(t, func(t *testing.T) store.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}
