package actor_test

import (
	"sync"
	"testing"

	"github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
)

// loadEmbedded loads the embedded dictionaries once per test binary.
var loadEmbedded = sync.OnceValues(func() (*actor.Dictionary, error) { return actors.Load() })

// loadAll returns the embedded dictionaries or stops the test.
func loadAll(t testing.TB) *actor.Dictionary {
	t.Helper()
	d, err := loadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	return d
}
