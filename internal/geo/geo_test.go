package geo_test

import (
	"sync"
	"testing"

	"github.com/dyad-project/dyad/internal/geo"
)

// loadDefault loads the embedded gazetteer once for all tests.
var loadDefault = sync.OnceValues(geo.Default)

func gazetteer(t testing.TB) *geo.Gazetteer {
	t.Helper()
	g, err := loadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return g
}
