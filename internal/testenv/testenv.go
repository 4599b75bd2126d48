// Package testenv holds what dyad's tests share about their environment:
// where the repository is, where the development data in ../shared is, and
// the rule for a missing component — skip with a message when run by hand,
// fail under CI=true, where .ci/run provides everything.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/cputime"
)

// CPUTime returns the CPU time the test process has used (cputime.Used),
// for benchmarks that report work per CPU second.
func CPUTime() time.Duration { return cputime.Used() }

// CI reports whether the tests run under CI (CI=true), where every
// component must be present.
func CI() bool { return os.Getenv("CI") == "true" }

// Need skips the test with why, or fails it under CI.
func Need(tb testing.TB, why string) {
	tb.Helper()
	if CI() {
		tb.Fatalf("%s (required under CI=true)", why)
	}
	tb.Skip(why)
}

// RepoRoot returns the directory holding go.mod above the test's package.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Shared returns ../shared/data beside the repository, skipping the test
// when it is absent (failing under CI=true).
func Shared(tb testing.TB) string {
	tb.Helper()
	p := filepath.Join(RepoRoot(tb), "..", "shared", "data")
	if _, err := os.Stat(p); err != nil {
		Need(tb, "the development data ../shared/data is not there: "+err.Error())
	}
	return p
}

// SharedFile returns a file under ../shared/data, skipping the test when
// it is absent (failing under CI=true).
func SharedFile(tb testing.TB, rel ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Shared(tb)}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		Need(tb, "missing development data: "+err.Error())
	}
	return p
}

// IndiaPolice returns the JSON Lines file of ../shared's india-police-events
// corpus (1,257 real articles), the benchmarks' fixed real input; it skips
// or fails like Shared.
func IndiaPolice(tb testing.TB) string {
	tb.Helper()
	return SharedFile(tb, "dev", "india-police-events", "docs.jsonl")
}
