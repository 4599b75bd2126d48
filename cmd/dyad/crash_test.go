package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/doc"

	_ "modernc.org/sqlite"
)

// TestCrashSafety kills a real "dyad ingest" with SIGKILL after it has
// committed some batches, runs it again, and checks that every document is
// stored exactly once and the database is intact.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests 8,000 documents; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "dyad")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built in %v", time.Since(start))

	// 8,000 distinct articles of about 1.5 KB as JSON Lines.
	const n = 8000
	input := filepath.Join(dir, "corpus.jsonl")
	want := writeCrashCorpus(t, input, n)
	db := filepath.Join(dir, "crash.db")

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	// Coding is off: this test is about storage; analyses are written in
	// the same transactions as their documents, so coding changes nothing here.
	cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, "--code=false", "--batch", "50", "--quiet", "--fetch=false", input)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	// Wait until at least a few batches are committed, then kill.
	committed := 0
	for committed < 1000 {
		select {
		case err := <-exited:
			t.Fatalf("ingest finished (%v) before it could be killed with %d committed; make the corpus larger\n%s", err, committed, out.String())
		case <-time.After(10 * time.Millisecond):
		}
		committed = countDocs(t, db)
	}
	// A reader works while the ingest writes: no "database is locked".
	docs := exec.CommandContext(ctx, bin, "docs", "--db", db, "-q", "corpus", "--limit", "3")
	if got, err := docs.CombinedOutput(); err != nil || strings.Count(string(got), "Crash Wire") != 3 {
		t.Errorf("dyad docs during the ingest: %v\n%s", err, got)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := <-exited
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("ingest was not killed by SIGKILL: %v\n%s", err, out.String())
	}
	killedAt := countDocs(t, db)
	if killedAt >= n {
		t.Fatalf("all %d documents were stored before the kill; the test proves nothing", n)
	}
	t.Logf("killed with %d of %d documents committed at %v", killedAt, n, time.Since(start))

	// Run it again to completion.
	out.Reset()
	again := exec.CommandContext(ctx, bin, "ingest", "--db", db, "--code=false", "--quiet", "--fetch=false", input)
	again.Stdout, again.Stderr = &out, &out
	if err := again.Run(); err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out.String())
	}
	summary := out.String()
	t.Logf("second run done at %v", time.Since(start))
	if !strings.Contains(summary, fmt.Sprintf("unchanged   %d\n", killedAt)) ||
		!strings.Contains(summary, fmt.Sprintf("ingested    %d\n", n-killedAt)) {
		t.Errorf("second run summary, want %d unchanged and %d ingested:\n%s", killedAt, n-killedAt, summary)
	}

	// Every document exactly once, and the file and the search index intact.
	conn, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query("SELECT id FROM documents")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		seen[id]++
	}
	rows.Close()
	if len(seen) != n {
		t.Errorf("%d distinct documents stored, want %d", len(seen), n)
	}
	for id := range want {
		if seen[id] != 1 {
			t.Errorf("document %s stored %d times, want once", id, seen[id])
		}
	}
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
	if _, err := conn.Exec("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')"); err != nil {
		t.Errorf("full-text index out of step with the documents: %v", err)
	}
	var fts int
	if err := conn.QueryRow("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'corpus'").Scan(&fts); err != nil || fts != n {
		t.Errorf("search finds %d documents, want %d (%v)", fts, n, err)
	}
}

// writeCrashCorpus writes n JSON Lines articles and returns their IDs.
func writeCrashCorpus(t *testing.T, path string, n int) map[string]bool {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	ids := make(map[string]bool, n)
	actors := []string{"France", "Germany", "Japan", "Brazil", "Kenya", "India", "Canada", "Egypt"}
	for i := range n {
		a, b := actors[i%len(actors)], actors[(i/len(actors)+1+i)%len(actors)]
		var text strings.Builder
		fmt.Fprintf(&text, "Crash corpus article %d. The foreign minister of %s met the ambassador of %s on day %d of the talks. ", i, a, b, i%28+1)
		for j := range 12 {
			fmt.Fprintf(&text, "Paragraph %d of article %d says that officials from %s and %s discussed trade, security and aid, and agreed to meet again. ", j, i, a, b)
		}
		body := text.String()
		ids[doc.ContentID(body)] = true
		fmt.Fprintf(w, `{"title": "Article %d", "date": "2024-%02d-%02d", "source": "Crash Wire", "url": "https://crash.example/%d", "text": %q}`+"\n",
			i, i%12+1, i%28+1, i, body)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// countDocs counts committed documents through a separate connection, as
// a reader would while the ingest writes; 0 before the schema exists.
func countDocs(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)&_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var c int
	if err := conn.QueryRow("SELECT count(*) FROM documents").Scan(&c); err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return 0
		}
		t.Fatalf("count while ingesting: %v", err)
	}
	return c
}
