package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
)

// TestWorkerStatsJSON drains a small queue with --stats-json and checks
// the file's counts and that its time split adds up to the elapsed time.
func TestWorkerStatsJSON(t *testing.T) {
	dsn := pgtest.DSN(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	writeScaleCorpus(t, corpus, 12)
	if code, out, errOut := dyad(t, "ingest", "--db", dsn, "--enqueue", "--quiet", "--fetch=false", corpus); code != 0 {
		t.Fatalf("ingest: exit %d: %s%s", code, out, errOut)
	}
	file := filepath.Join(dir, "w.json")
	if code, out, errOut := dyad(t, "worker", "--db", dsn, "--drain", "--batch", "5", "--name", "w1", "--stats-json", file); code != 0 {
		t.Fatalf("worker: exit %d: %s%s", code, out, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var ws workerStats
	if err := json.Unmarshal(b, &ws); err != nil {
		t.Fatalf("%v in\n%s", err, b)
	}
	if ws.Name != "w1" || ws.Error != "" || ws.Coded != 12 || ws.Documents != 12 || ws.Batches != 3 || ws.Claims != 4 || ws.EmptyClaims != 1 || ws.Events == 0 {
		t.Errorf("stats %+v; want w1, 12 leased and coded in 3 batches, 4 claims (1 empty), some events", ws)
	}
	sum := ws.Leasing + ws.Coding + ws.Storing + ws.Idle
	if ws.CPU <= 0 || ws.CPU > 10*ws.Elapsed {
		t.Errorf("cpu_s %.4f for a run of %.4fs", ws.CPU, ws.Elapsed)
	}
	if ws.Coding <= 0 || sum > ws.Elapsed*1.001 || sum < 0.9*ws.Elapsed {
		t.Errorf("leasing+coding+storing+idle = %.4fs of %.4fs elapsed: want within 10 %% (%s)", sum, ws.Elapsed, b)
	}
}
