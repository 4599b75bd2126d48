package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportCommand drives dyad export end to end; the formats themselves
// are pinned by package export's golden files.
func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeScaleCorpus(t, corpus, 12)
	db := filepath.Join(dir, "x.db")
	codeInSQLite(t, corpus, db).Close()

	code, jsonl, errOut := dyad(t, "export", "--db", db, "--status", "all")
	if code != 0 {
		t.Fatalf("jsonl: exit %d\n%s", code, errOut)
	}
	n := strings.Count(jsonl, "\n")
	if n == 0 {
		t.Fatal("jsonl: no events; the test needs some")
	}
	for _, tc := range []struct {
		format string
		lines  int    // lines of output
		prefix string // how it starts
	}{
		{"csv", n + 1, "id,doc_id,date,"},
		{"gdelt", n, ""},
		{"plover", n, `{"id":`},
	} {
		out := filepath.Join(dir, tc.format+".out")
		code, stdout, errOut := dyad(t, "export", "--db", db, "--status", "all", "--format", tc.format, "--out", out)
		if code != 0 || stdout != "" {
			t.Fatalf("%s: exit %d, stdout %q\n%s", tc.format, code, stdout, errOut)
		}
		if want := "events written to " + out; !strings.Contains(errOut, want) {
			t.Errorf("%s: stderr %q lacks %q", tc.format, errOut, want)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(b), "\n"); got != tc.lines {
			t.Errorf("%s: %d lines, want %d", tc.format, got, tc.lines)
		}
		if !strings.HasPrefix(string(b), tc.prefix) {
			t.Errorf("%s: starts %.40q, want %q", tc.format, b, tc.prefix)
		}
		if tc.format == "gdelt" {
			if cols := strings.Count(strings.SplitN(string(b), "\n", 2)[0], "\t") + 1; cols != 61 {
				t.Errorf("gdelt: %d columns, want 61", cols)
			}
		}
	}
	if code, _, errOut := dyad(t, "export", "--db", db, "--format", "xml"); code != 2 || !strings.Contains(errOut, `--format "xml": want jsonl, csv, gdelt or plover`) {
		t.Errorf("--format xml: exit %d, %q", code, errOut)
	}
}
