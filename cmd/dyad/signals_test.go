//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalEndsIngest: SIGTERM during an ingest from a pipe that stays open
// ends it within 5 s with what was read committed and the summary printed.
// (Twenty records: the reader needs a kilobyte, or the end, to tell the
// format of standard input.)
func TestSignalEndsIngest(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "sig.db")
	cmd := dyadProcess(ctx, t, "ingest", "--db", db, "--code=false", "--quiet", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		fmt.Fprintf(stdin, `{"text": "The presidents of Ghana and Togo met in Lome on Friday, round %d, to discuss border security and trade.", "title": "Talks in Lome %d", "date": "2024-05-03"}`+"\n", i, i)
	}
	time.Sleep(1500 * time.Millisecond) // the records are read; the pipe stays open
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	err = cmd.Wait()
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("ingest took %v to stop after SIGTERM", took)
	}
	stdin.Close()
	if !strings.Contains(out.String(), "read 20 ") || !strings.Contains(out.String(), "ingested    20") {
		t.Errorf("summary after SIGTERM (exit %v):\n%s", err, out.String())
	}
	if code, o, e := dyad(t, "docs", "--db", db); code != 0 || !strings.Contains(o, "Talks in Lome 19") {
		t.Errorf("the document read before the signal was not stored: exit %d\n%s%s", code, o, e)
	}
}

// TestSecondSignalEndsAtOnce: a command that does not stop after the first
// SIGINT is ended by the second.
func TestSecondSignalEndsAtOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := dyadProcess(ctx, t, "test-ignore-cancel")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the handler is installed
	cmd.Process.Signal(syscall.SIGINT)
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGINT {
		t.Errorf("after two SIGINTs: %v, want death by SIGINT", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the second SIGINT took %v", took)
	}
}
