package actor_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
)

// repoRoot walks up from the package directory to the directory with go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("go.mod not found above the package directory")
		}
		dir = up
	}
}

// sharedDir returns ../shared/data, skipping (or failing under CI=true)
// when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "..", "shared", "data")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data missing at %s: %v", p, err)
		}
		t.Skipf("shared data missing at %s", p)
	}
	return p
}

var loaded *actor.Dictionary

// loadAll loads the embedded dictionaries once per test binary.
func loadAll(t testing.TB) *actor.Dictionary {
	t.Helper()
	if loaded == nil {
		d, err := actor.LoadFS(actors.FS(), ".")
		if err != nil {
			t.Fatal(err)
		}
		loaded = d
	}
	return loaded
}
