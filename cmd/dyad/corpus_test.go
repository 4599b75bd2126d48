package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCorpusBuildCheckStatsEval(t *testing.T) {
	src, err := os.ReadFile("../../internal/corpus/testdata/small.gold")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "src/small.gold", string(src))
	code, out, errOut := dyad(t, "corpus", "build", "--dir", dir)
	if code != 0 {
		t.Fatalf("build exit %d\n%s\n%s", code, out, errOut)
	}
	for _, s := range []string{"train", "dev", "test"} {
		if _, err := os.Stat(filepath.Join(dir, s+".jsonl")); err != nil {
			t.Errorf("build wrote no %s file: %v", s, err)
		}
	}
	if code, out, _ := dyad(t, "corpus", "check", "--dir", dir); code != 0 || !strings.Contains(out, "2 documents, 3 events: 0 errors") {
		t.Errorf("check exit %d:\n%s", code, out)
	}
	// The two documents miss every size target: stats prints the table and fails.
	code, out, _ = dyad(t, "corpus", "stats", "--dir", dir)
	if code != 1 || !strings.Contains(out, "documents") || !strings.Contains(out, "MISSED") {
		t.Errorf("stats exit %d:\n%s", code, out)
	}
	// The coder over the built files: every level is printed.
	var all []string
	for _, s := range []string{"train", "dev", "test"} {
		b, _ := os.ReadFile(filepath.Join(dir, s+".jsonl"))
		all = append(all, string(b))
	}
	writeFile(t, dir, "all.jsonl", strings.Join(all, ""))
	code, out, errOut = dyad(t, "eval", "events", "--gold", filepath.Join(dir, "all.jsonl"))
	if code != 0 {
		t.Fatalf("eval events exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"2 documents, 3 gold events", "+status", "+date", "by register", "sector-only sources"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval events output lacks %q:\n%s", want, out)
		}
	}
	// Agreement of the corpus with its own source is perfect, and the diff
	// of disagreements is empty.
	diff := filepath.Join(dir, "diff.txt")
	code, out, _ = dyad(t, "corpus", "agree", "--diff", diff, filepath.Join(dir, "all.jsonl"), filepath.Join(dir, "src"))
	if b, err := os.ReadFile(diff); code != 0 || !strings.Contains(out, "kappa on roots: 1.000") || err != nil || len(b) != 0 {
		t.Errorf("agree exit %d (diff %q, %v):\n%s", code, b, err, out)
	}
}

func TestCorpusLintNamesTheLine(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "bad.gold", "### wire-x-0001\nregister: wire\ndate: 2024-03-06\noutlet: W\ntitle: T\ntext:\nThe army shelled the town.\nevents:\n- trigger: shelled\n  code: 194\n  source: The navy | SYRMIL\n")
	code, out, _ := dyad(t, "corpus", "lint", filepath.Join(dir, "bad.gold"))
	if code != 1 || !strings.Contains(out, "bad.gold:11 wire-x-0001: error") || !strings.Contains(out, `"The navy": not found`) {
		t.Errorf("lint exit %d:\n%s", code, out)
	}
	if code, _, errOut := dyad(t, "corpus", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown corpus subcommand") {
		t.Errorf("unknown subcommand exit %d: %s", code, errOut)
	}
}

// TestCommittedCorpus: the committed gold corpus passes the checker, meets
// every figure of its mix table, and its JSON files are exactly what its
// authoring sources build (so the two never drift).
func TestCommittedCorpus(t *testing.T) {
	const dir = "../../data/corpus"
	if code, out, errOut := dyad(t, "corpus", "check", "--dir", dir); code != 0 {
		t.Fatalf("corpus check: exit %d\n%s\n%s", code, tail(out, 40), errOut)
	}
	if code, out, errOut := dyad(t, "corpus", "stats", "--dir", dir); code != 0 {
		t.Errorf("corpus stats: exit %d\n%s\n%s", code, out, errOut)
	}
	built := t.TempDir()
	if err := os.Symlink(filepath.Join(mustAbs(t, dir), "src"), filepath.Join(built, "src")); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := dyad(t, "corpus", "build", "--dir", built); code != 0 {
		t.Fatalf("corpus build: exit %d\n%s\n%s", code, out, tail(errOut, 40))
	}
	for _, s := range []string{"train", "dev", "test"} {
		want, err := os.ReadFile(filepath.Join(dir, s+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(built, s+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s.jsonl differs from what data/corpus/src builds: run dyad corpus build", s)
		}
	}
	// The agreement files: the same documents on both sides, each side clean.
	for _, side := range []string{"first", "second"} {
		files, _ := filepath.Glob(filepath.Join(dir, "agreement", side, "*.gold"))
		if len(files) == 0 {
			t.Fatalf("no agreement/%s files", side)
		}
		if code, out, _ := dyad(t, append([]string{"corpus", "lint"}, files...)...); code != 0 {
			t.Errorf("agreement/%s: exit %d\n%s", side, code, tail(out, 20))
		}
	}
	code, out, _ := dyad(t, "corpus", "agree", filepath.Join(dir, "agreement", "first"), filepath.Join(dir, "agreement", "second"))
	if code != 0 || !strings.Contains(out, "Cohen's kappa on roots") {
		t.Errorf("corpus agree: exit %d\n%s", code, out)
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// tail keeps the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
