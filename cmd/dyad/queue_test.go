package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/store/postgres"
	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
)

func TestMigrateBothBackends(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	if code, out, errOut := dyad(t, "migrate", "--db", db); code != 0 || !strings.Contains(out, "schema version") {
		t.Errorf("sqlite: exit %d: %s%s", code, out, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("migrate did not create the file: %v", err)
	}
	dsn := pgtest.DSN(t)
	if code, out, errOut := dyad(t, "migrate", "--db", dsn); code != 0 || !strings.Contains(out, fmt.Sprintf("applied %d migrations", postgres.SchemaVersion())) {
		t.Errorf("postgres: exit %d: %s%s", code, out, errOut)
	}
	if code, out, errOut := dyad(t, "migrate", "--db", dsn); code != 0 || !strings.Contains(out, "applied 0 migrations") {
		t.Errorf("postgres again: exit %d: %s%s", code, out, errOut)
	}
}

func TestQueueCommandsNeedPostgres(t *testing.T) {
	db := filepath.Join(t.TempDir(), "q.db")
	dyad(t, "migrate", "--db", db)
	for _, cmd := range []string{"worker", "queue"} {
		code, _, errOut := dyad(t, cmd, "--db", db)
		if code != 2 || !strings.Contains(errOut, "need a PostgreSQL store") {
			t.Errorf("%s on SQLite: exit %d, %q; want 2 and the reason", cmd, code, errOut)
		}
	}
	if code, _, errOut := dyad(t, "worker", "--db", db, "--batch", "0"); code != 2 || !strings.Contains(errOut, "--batch") {
		t.Errorf("--batch 0: exit %d, %q", code, errOut)
	}
}

// TestWorkerQueueAndSIGTERM enqueues the example corpus, drains it with a
// worker, shows the queue, then checks that an idle worker stops cleanly
// on SIGTERM.
func TestWorkerQueueAndSIGTERM(t *testing.T) {
	dsn := pgtest.DSN(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	writeScaleCorpus(t, corpus, 30)
	if code, out, errOut := dyad(t, "ingest", "--db", dsn, "--enqueue", "--quiet", "--fetch=false", corpus); code != 0 {
		t.Fatalf("ingest: exit %d: %s%s", code, out, errOut)
	}
	if code, out, _ := dyad(t, "queue", "--db", dsn); code != 0 || !strings.Contains(out, "pending  30\n") {
		t.Errorf("queue before: exit %d:\n%s", code, out)
	}
	if code, out, errOut := dyad(t, "worker", "--db", dsn, "--drain", "--batch", "7"); code != 0 || !strings.Contains(out, "coded 30 documents in 5 batches") {
		t.Errorf("worker: exit %d: %s%s", code, out, errOut)
	}
	code, out, _ := dyad(t, "queue", "--db", dsn, "--failed")
	if code != 0 || !strings.Contains(out, "pending  0\n") || !strings.Contains(out, "done     30\n") || !strings.Contains(out, "failed   0\n") {
		t.Errorf("queue after: exit %d:\n%s", code, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := dyadProcess(ctx, t, "worker", "--db", dsn, "--poll", "200ms")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second) // loads the models, then waits for work
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("worker after SIGTERM: %v\n%s", err, buf.String())
	}
	if !strings.Contains(buf.String(), "coded 0 documents") {
		t.Errorf("worker output:\n%s", buf.String())
	}
}
