package main

import (
	"bytes"
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/testenv"
)

// TestTinyBench runs the bench on 40 documents with 1 and 2 workers: a
// row for each count, every document coded, and the workers' time split
// summing to their Run time. It times nothing: figures come from the
// command itself.
func TestTinyBench(t *testing.T) {
	dsn := os.Getenv("DYAD_TEST_POSTGRES")
	if dsn == "" {
		testenv.Need(t, "DYAD_TEST_POSTGRES is not set: skipping the worker bench")
	}
	if testing.Short() {
		t.Skip("builds dyad and starts worker processes")
	}
	var out bytes.Buffer
	rows, err := run(context.Background(), []string{"--db", dsn, "--docs", "40", "--workers", "1,2", "--batch", "10", "--poll", "100ms"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Logf("\n%s", out.String())
	if len(rows) != 2 || rows[0].Workers != 1 || rows[1].Workers != 2 {
		t.Fatalf("rows %+v, want 1 and 2 workers", rows)
	}
	lines := strings.Split(out.String(), "\n")
	for _, n := range []string{"1", "2"} {
		found := false
		for _, l := range lines {
			if f := strings.Fields(l); len(f) == 18 && f[0] == n {
				found = true
			}
		}
		if !found {
			t.Errorf("no table row of 18 columns for %s workers in\n%s", n, out.String())
		}
	}
	for _, r := range rows {
		s := r.Stats
		if s.Coded != 40 || s.Documents != 40 || s.Failed != 0 || s.Lost != 0 || r.Events == 0 || s.Events != r.Events {
			t.Errorf("%d workers: stats %+v, %d events stored; want 40 leased and coded, none failed or lost, the workers' events stored", r.Workers, s, r.Events)
		}
		sum := s.Leasing + s.Coding + s.Storing + s.Idle
		if s.Elapsed <= 0 || math.Abs(sum-s.Elapsed) > 0.1*s.Elapsed {
			t.Errorf("%d workers: leasing+coding+storing+idle = %.3fs of %.3fs Run time: not within 10 %%", r.Workers, sum, s.Elapsed)
		}
		if r.Wall <= 0 || r.CPU <= 0 || r.ProcCPU < r.CPU {
			t.Errorf("%d workers: wall %v, CPU %v in runs of %v in all", r.Workers, r.Wall, r.CPU, r.ProcCPU)
		}
	}
}
