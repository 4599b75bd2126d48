package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestRefusesThisMachine: a URL on 127.0.0.1 is refused unless
// --allow-private (or DYAD_ALLOW_PRIVATE) says the user runs such a server.
func TestIngestRefusesThisMachine(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("The foreign ministers of Chile and Peru met in Lima on Monday to discuss the border."))
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "f.db")
	code, out, errOut := dyad(t, "ingest", "--db", db, "--quiet", "--code=false", srv.URL+"/secret.txt")
	if code != 1 || !strings.Contains(errOut, "forbidden address") || !strings.Contains(errOut, "not a public address") {
		t.Errorf("ingest of 127.0.0.1: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = dyad(t, "ingest", "--db", db, "--quiet", "--code=false", "--allow-private", srv.URL+"/secret.txt")
	if code != 0 || !strings.Contains(out, "1") {
		t.Errorf("ingest with --allow-private: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Setenv("DYAD_ALLOW_PRIVATE", "maybe")
	if code, _, errOut := dyad(t, "ingest", "--db", db, "--quiet", srv.URL+"/x.txt"); code != 2 || !strings.Contains(errOut, "DYAD_ALLOW_PRIVATE") {
		t.Errorf("bad DYAD_ALLOW_PRIVATE: exit %d %s", code, errOut)
	}
}
