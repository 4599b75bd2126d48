package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/doc"
)

// dyad runs the CLI in-process and returns its exit status and output.
func dyad(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const cliText = "Title: Ministers meet in Geneva\nDate: 2024-01-24\nSource: Example Wire\n\n" +
	"The foreign ministers of France and Germany met in Geneva on Wednesday to discuss the ceasefire in the region. " +
	"Officials said the talks would continue next week."

// cliCorpus has three good documents and two bad inputs.
func cliCorpus(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, dir, "talks.txt", cliText)
	writeFile(t, dir, "wire.jsonl", `{"text": "Russia vetoed a draft resolution on Syria in the Security Council on Friday, diplomats said.", "title": "Veto at the council", "date": "2024-02-02", "url": "https://wire.example/veto", "source": "Wire"}
{"text": "broken record", "title": 
{"text": "The United States announced new sanctions on Iranian oil exports on Monday, the Treasury said.", "title": "New sanctions", "date": "2024-03-04", "source": "Wire"}
`)
	writeFile(t, dir, "sub/empty.txt", "")
	return dir
}

func TestIngestDocsShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "test.db")
	dir := cliCorpus(t)

	code, out, errOut := dyad(t, "ingest", "--db", db, "--fetch=false", dir)
	if code != 1 {
		t.Fatalf("ingest exit = %d, want 1 (inputs failed)\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, want := range []string{"wire.jsonl:2: ", "empty.txt: "} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not name %q:\n%s", want, errOut)
		}
	}
	for _, want := range []string{"ingested    3", "failed      2"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}

	// Again: everything unchanged, the same failures.
	code, out, _ = dyad(t, "ingest", "--db", db, "--fetch=false", "--quiet", dir)
	if code != 1 || !strings.Contains(out, "unchanged   3") || !strings.Contains(out, "ingested    0") {
		t.Errorf("second ingest: exit %d\n%s", code, out)
	}

	// docs: a table, newest first.
	code, out, errOut = dyad(t, "docs", "--db", db)
	if code != 0 {
		t.Fatalf("docs exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "ID") {
		t.Fatalf("docs table:\n%s", out)
	}
	for i, want := range []string{"New sanctions", "Veto at the council", "Ministers meet in Geneva"} {
		if !strings.Contains(lines[i+1], want) {
			t.Errorf("row %d = %q, want %q", i+1, lines[i+1], want)
		}
	}

	// docs --json: one document per line, with its text.
	code, out, _ = dyad(t, "docs", "--db", db, "--json", "-q", "geneva")
	if code != 0 {
		t.Fatalf("docs --json exit %d", code)
	}
	var d doc.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("docs --json output %q: %v", out, err)
	}
	if d.Title != "Ministers meet in Geneva" || d.Outlet != "Example Wire" || !strings.Contains(d.Text, "ceasefire") || d.ID != doc.ContentID(d.Text) {
		t.Errorf("docs --json document = %+v", d)
	}

	// Filters.
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"--outlet", "Wire"}, 2},
		{[]string{"--from", "2024-02-02"}, 2},
		{[]string{"--to", "2024-02-02"}, 2},
		{[]string{"--from", "2024-02-03", "--to", "2024-03-04"}, 1},
		{[]string{"--lang", "fr"}, 0},
		{[]string{"-q", "sanctions OR veto"}, 2},
		{[]string{"--limit", "1"}, 1},
	} {
		code, out, errOut := dyad(t, append([]string{"docs", "--db", db, "--json"}, c.args...)...)
		got := strings.Count(out, "\n")
		if code != 0 || got != c.want {
			t.Errorf("docs %v: exit %d, %d documents, want %d\n%s", c.args, code, got, c.want, errOut)
		}
	}

	// show: metadata, text and the table-safe forms.
	code, out, errOut = dyad(t, "show", "--db", db, d.ID)
	if code != 0 {
		t.Fatalf("show exit %d: %s", code, errOut)
	}
	for _, want := range []string{"title:        Ministers meet in Geneva", "outlet:       Example Wire", "coding:       coded", "events: ", "talks.txt", "foreign ministers of France"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = dyad(t, "show", "--db", db, "--json", d.ID)
	var s struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil || s.ID != d.ID || s.Status != "coded" {
		t.Errorf("show --json: exit %d, %v, %+v", code, err, s)
	}
	code, _, errOut = dyad(t, "show", "--db", db, "0000")
	if code != 1 || !strings.Contains(errOut, `no document "0000"`) {
		t.Errorf("show unknown: exit %d, %q", code, errOut)
	}
}

func TestIngestCleanInputExitsZero(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", cliText)
	db := filepath.Join(t.TempDir(), "clean.db")
	t.Setenv("DYAD_DB", db) // the environment names the database
	code, out, errOut := dyad(t, "ingest", dir)
	if code != 0 || !strings.Contains(out, "ingested    1") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("DYAD_DB not used: %v", err)
	}
	// A flag wins over the environment.
	other := filepath.Join(t.TempDir(), "other.db")
	if code, _, _ := dyad(t, "ingest", "--db", other, dir); code != 0 {
		t.Fatalf("ingest --db: exit %d", code)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("--db not used: %v", err)
	}
}

func TestNonEnglishIsCountedSkipped(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "fr.txt", "Titre: Rencontre\n\nLes ministres des affaires étrangères de la France et de l'Allemagne se sont rencontrés à Genève mercredi pour discuter du cessez-le-feu. Les discussions reprendront la semaine prochaine.")
	db := filepath.Join(t.TempDir(), "fr.db")
	code, out, _ := dyad(t, "ingest", "--db", db, dir)
	if code != 0 || !strings.Contains(out, "skipped     1") || !strings.Contains(out, "fr 1") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = dyad(t, "docs", "--db", db, "--lang", "fr", "--json")
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("docs --lang fr: exit %d\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"ingest without inputs", nil, []string{"ingest", "--db", db}, "name at least one"},
		{"bad workers", nil, []string{"ingest", "--db", db, "--workers", "0", "x"}, "--workers"},
		{"bad max size", nil, []string{"ingest", "--db", db, "--max-size", "lots", "x"}, "--max-size"},
		{"bad env batch", map[string]string{"DYAD_BATCH": "abc"}, []string{"ingest", "--db", db, "x"}, "DYAD_BATCH"},
		{"empty env db", map[string]string{"DYAD_DB": " "}, []string{"docs"}, "DYAD_DB"},
		{"bad day", nil, []string{"docs", "--db", db, "--from", "yesterday"}, "--from"},
		{"bad query", nil, []string{"docs", "--db", db, "-q", "..."}, "-q"},
		{"negative limit", nil, []string{"docs", "--db", db, "--limit", "-1"}, "--limit"},
		{"show without ID", nil, []string{"show", "--db", db}, "one document ID"},
		{"unknown flag", nil, []string{"docs", "--colour"}, "colour"},
		{"negative cache", nil, []string{"serve", "--db", db, "--cache", "-1s"}, "--cache"},
	}
	// docs needs an existing database for the checks that reach it.
	if code, _, errOut := dyad(t, "ingest", "--db", db, cliCorpus(t)); code == 2 {
		t.Fatal(errOut)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			code, _, errOut := dyad(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
		})
	}
	// A missing database is an error for readers, not a new empty file.
	missing := filepath.Join(t.TempDir(), "missing.db")
	if code, _, errOut := dyad(t, "docs", "--db", missing); code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("docs on a missing database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("docs created the missing database")
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range []string{"ingest", "docs", "show", "demo"} {
		code, _, errOut := dyad(t, cmd, "-h")
		if code != 0 || !strings.Contains(errOut, "Examples:") || !strings.Contains(errOut, "dyad "+cmd) {
			t.Errorf("%s -h: exit %d\n%s", cmd, code, errOut)
		}
	}
}

func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := dyad(t, "demo", "--serve=false", "--db", db)
	if code != 0 {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, errOut)
	}
	var ingested int
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "ingested" {
			ingested = atoi(t, f[1])
		}
	}
	if ingested < 30 {
		t.Errorf("demo ingested %d documents, want the corpus's 30 or more\n%s", ingested, out)
	}
	if strings.Contains(out, "dyad-demo-") {
		t.Errorf("demo output shows its temporary directory:\n%s", out)
	}
	// Running it again changes nothing.
	code, out, _ = dyad(t, "demo", "--serve=false", "--db", db)
	if code != 0 || !strings.Contains(out, "ingested    0") {
		t.Errorf("second demo: exit %d\n%s", code, out)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"20MB", 20 << 20, true},
		{"512kb", 512 << 10, true},
		{"1GB", 1 << 30, true},
		{"1048576", 1 << 20, true},
		{" 3 M ", 3 << 20, true},
		{"0", 0, false},
		{"-5MB", 0, false},
		{"lots", 0, false},
		{"100GB", 0, false},
	}
	for _, tc := range tests {
		got, err := parseSize(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestCellIsSafeForTerminals(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"evil\x1b[2Jclear", "evil [2Jclear"},
		{"bell\a and C1 \u009b31m", "bell and C1 31m"},
		{"two\nlines\tand  tab", "two lines and tab"},
		{"", "-"},
		{"a very long title that goes on and on and on", "a very long title that goes on and o…"},
	}
	for _, tc := range tests {
		if got := cell(tc.in, 37); got != tc.want {
			t.Errorf("cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIngestStdin(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "in.jsonl", `{"text": "Egypt and Jordan opened a new crossing for aid convoys on Sunday, officials said.", "title": "Crossing"}
{"oops": 
`)
	f, err := os.Open(filepath.Join(dir, "in.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	db := filepath.Join(t.TempDir(), "stdin.db")
	code, out, errOut := dyad(t, "ingest", "--db", db, "-")
	if code != 1 || !strings.Contains(out, "ingested    1") || !strings.Contains(errOut, "-:2: ") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}
