package report_test

import (
	"bufio"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/testenv"
)

// firstLines writes the first n lines of the file src to dir/name and
// returns the new file's path.
func firstLines(t *testing.T, src string, n int, dir, name string) string {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []byte
	for i := 0; i < n && sc.Scan(); i++ {
		out = append(append(out, sc.Bytes()...), '\n')
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// devCorpus is a gold corpus file of the first n documents of
// data/corpus/dev.jsonl.
func devCorpus(t *testing.T, n int) string {
	t.Helper()
	return firstLines(t, filepath.Join(testenv.RepoRoot(t), "data", "corpus", "dev.jsonl"), n, t.TempDir(), "dev.jsonl")
}
