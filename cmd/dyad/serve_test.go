package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/query/querytest"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

func TestServeAndShutDown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.db")
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	querytest.Fixture(t, db)
	db.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--db", path, "--log-format", "json"}, pw, &stderr)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatalf("no output; err %v", <-done)
	}
	m := regexp.MustCompile(`http://(\S+)/`).FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("first line %q names no URL", lines.Text())
	}
	for _, p := range []string{"/healthz", "/", "/api/events"} {
		resp, err := http.Get("http://" + m[1] + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	resp, err := http.Post("http://"+m[1]+"/api/documents", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without a configured token: %d, want 403", resp.StatusCode)
	}
	cancel()
	go io.Copy(io.Discard, pr)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("runServe: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown within 15s")
	}
	if !strings.Contains(stderr.String(), `"msg":"request"`) || !strings.Contains(stderr.String(), `"route":"GET /healthz"`) {
		t.Errorf("no JSON access log lines:\n%s", stderr.String())
	}
}

func TestReadToken(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	good := filepath.Join(dir, "good")
	os.WriteFile(short, []byte("abc\n"), 0o600)
	os.WriteFile(good, []byte("0123456789abcdef0123\n"), 0o600)
	t.Setenv("DYAD_TOKEN", "")
	os.Unsetenv("DYAD_TOKEN")
	if tok, err := readToken(good); err != nil || tok != "0123456789abcdef0123" {
		t.Errorf("good file: %q %v", tok, err)
	}
	if _, err := readToken(short); err == nil {
		t.Error("a 3-character token was accepted")
	}
	if _, err := readToken(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing token file was accepted")
	}
	if tok, err := readToken(""); err != nil || tok != "" {
		t.Errorf("no file, no env: %q %v", tok, err)
	}
	t.Setenv("DYAD_TOKEN", "from-the-environment-1")
	if tok, err := readToken(""); err != nil || tok != "from-the-environment-1" {
		t.Errorf("env: %q %v", tok, err)
	}
}
