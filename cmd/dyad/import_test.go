package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

// roundTripSource codes a small corpus into a new SQLite store and adds a
// second version of one URL and a pending document.
func roundTripSource(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeScaleCorpus(t, corpus, 120)
	path := filepath.Join(dir, "src.db")
	db := codeInSQLite(t, corpus, path)
	defer db.Close()
	ctx := context.Background()
	if _, err := db.PutDocuments(ctx, []doc.Document{
		{URL: "https://scale.example/7", Text: "France accused Germany of breaking the truce on Monday. A second version.", Lang: "en"},
		{Text: "Pending: Japan praised Brazil for its help on Tuesday.", Lang: "en"},
	}); err != nil {
		t.Fatal(err)
	}
	return path
}

// sameStores checks that two stores hold the same documents, states and events.
func sameStores(t *testing.T, a, b store.Store) {
	t.Helper()
	ctx := context.Background()
	sa, err := a.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sa, sb); diff != "" {
		t.Errorf("stats differ (-source +copy):\n%s", diff)
	}
	if diff := cmp.Diff(allEvents(t, a), allEvents(t, b)); diff != "" {
		t.Errorf("events differ (-source +copy):\n%s", diff)
	}
	if sa.Events == 0 || sa.Superseded == 0 || sa.Pending == 0 {
		t.Errorf("source stats %+v: the round trip needs events, a superseded version and a pending document", sa)
	}
}

// TestDumpImportRoundTrip moves a coded SQLite store to JSON Lines and
// into PostgreSQL (and into a new SQLite file), then imports again and
// expects nothing new.
func TestDumpImportRoundTrip(t *testing.T) {
	dsn := pgtest.DSN(t)
	src := roundTripSource(t)
	dump := filepath.Join(t.TempDir(), "all.jsonl")
	if code, _, errOut := dyad(t, "dump", "--db", src, "--out", dump); code != 0 {
		t.Fatalf("dump: exit %d\n%s", code, errOut)
	}
	ctx := context.Background()
	from, err := sqlite.Open(ctx, src, sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	n, err := from.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{dsn, filepath.Join(t.TempDir(), "copy.db")} {
		code, out, errOut := dyad(t, "import", "--db", target, dump)
		if code != 0 {
			t.Fatalf("import into %s: exit %d\n%s%s", target, code, out, errOut)
		}
		want := fmt.Sprintf("read %d records: %d ingested, 0 unchanged, %d superseded, %d with analyses, 0 failed",
			n.Documents, n.Documents-n.Superseded, n.Superseded, n.Coded+n.Skipped)
		if !strings.Contains(out, want) {
			t.Errorf("import into %s: %q, want %q", target, out, want)
		}
		var to store.Store
		if strings.HasPrefix(target, "postgres") {
			to, err = postgres.Open(ctx, target, postgres.Options{})
		} else {
			to, err = sqlite.Open(ctx, target, sqlite.Options{MustExist: true})
		}
		if err != nil {
			t.Fatal(err)
		}
		sameStores(t, from, to)
		// Again: everything is unchanged and the stores stay equal.
		code, out, errOut = dyad(t, "import", "--db", target, dump)
		if code != 0 || !strings.Contains(out, fmt.Sprintf("0 ingested, %d unchanged, 0 superseded", n.Documents)) {
			t.Errorf("second import into %s: exit %d: %s%s", target, code, out, errOut)
		}
		sameStores(t, from, to)
		to.Close()
	}
}

func TestImportReportsBadLinesAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	text := "Egypt condemned Israel over the strike on Monday."
	lines := []string{
		`{"format":"dyad-dump","version":1}`,
		fmt.Sprintf(`{"document":{"text":%q}}`, text),
		`{"document":{"text":""}}`,
		`{"document":{"text":"x","id":"not-the-id"}}`,
		`{"document":{"text":"Kenya met India."},"analysis":{"events":[{"id":"e1","doc_id":"other"}]}}`,
		`{"document":`,
		`{"document":{"text":"Fine text."},"surprise":1}`,
		`{"document":{"text":"Spans."},"analysis":{"annotations":[{"kind":"actor","span":{"start":0,"end":99}}]}}`,
	}
	p := filepath.Join(dir, "d.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")
	code, out, errOut := dyad(t, "import", "--db", db, p)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "read 7 records: 1 ingested, 0 unchanged, 0 superseded, 0 with analyses, 6 failed") {
		t.Errorf("summary %q", out)
	}
	for _, want := range []string{"d.jsonl:3: field document.text: empty", "d.jsonl:4: field document.id", "d.jsonl:5: field analysis.events[0].doc_id",
		"d.jsonl:6: bad record", "d.jsonl:7: bad record", "d.jsonl:8: field analysis.annotations[0]"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// Not a dump at all.
	if err := os.WriteFile(p, []byte(`{"text":"an ingest file"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := dyad(t, "import", "--db", db, p); code != 1 || !strings.Contains(errOut, "not a dyad dump") {
		t.Errorf("non-dump: exit %d, %q", code, errOut)
	}
}
