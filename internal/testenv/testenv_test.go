package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRepoRoot(t *testing.T) {
	root := RepoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("RepoRoot = %s: %v", root, err)
	}
	if wd, _ := os.Getwd(); filepath.Join(root, "internal", "testenv") != wd {
		t.Errorf("RepoRoot = %s, test directory %s", root, wd)
	}
}

func TestNeedSkipsOutsideCI(t *testing.T) {
	t.Setenv("CI", "")
	ran := false
	t.Run("inner", func(t *testing.T) {
		defer func() { ran = true }()
		Need(t, "a component is missing")
		t.Error("Need did not stop the test")
	})
	if !ran {
		t.Error("the inner test did not run")
	}
}
