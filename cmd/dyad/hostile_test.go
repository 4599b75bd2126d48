//go:build unix

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-project/dyad/internal/store/postgres/pgtest"
)

// hostileCase is one input that once broke dyad, made by the test itself
// (nothing large is committed), with what ingest must do with it.
type hostileCase struct {
	name   string
	make   func(t *testing.T, dir string) []string // writes the input, returns the arguments after "ingest"
	exit   int                                     // expected exit status
	output []string                                // strings the output must contain
	stored int                                     // documents stored afterwards
	maxRSS int64                                   // peak RSS bound in bytes; 0: not checked
}

func hostileCases(t *testing.T) []hostileCase {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><article><p>SECRET internal page that must never be stored by a feed read from a file.</p></article></body></html>")
	}))
	t.Cleanup(srv.Close)
	return []hostileCase{{
		name: "feed links to this machine",
		make: func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "feed.xml")
			writeFile(t, dir, "feed.xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Secret</title><link>`+srv.URL+`/secret</link><description>A short summary of talks in Lima.</description></item></channel></rss>`)
			return []string{p}
		},
		exit: 0, output: []string{"ingested    1"}, stored: 1,
	}, {
		name: "NUL escapes then good records",
		make: func(t *testing.T, dir string) []string {
			var b strings.Builder
			for i := range 250 {
				if i < 200 {
					fmt.Fprintf(&b, `{"text": "Record %d: ministers met in Quito\u0000 on Monday."}`+"\n", i)
				} else {
					fmt.Fprintf(&b, `{"text": "Record %d: a clean story about Quito."}`+"\n", i)
				}
			}
			writeFile(t, dir, "nul.jsonl", b.String())
			return []string{filepath.Join(dir, "nul.jsonl")}
		},
		exit: 0, output: []string{"ingested    250"}, stored: 250,
	}, {
		name: "a FIFO",
		make: func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "pipe.jsonl")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		},
		exit: 1, output: []string{"named pipe (FIFO), not a regular file"}, stored: 0,
	}, {
		name: "links, loops and dangling links",
		make: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "d/a.txt", "Kenya and Uganda signed a trade agreement in Nairobi on Monday.")
			os.Symlink("a.txt", filepath.Join(dir, "d", "b.txt"))
			os.Symlink("missing.txt", filepath.Join(dir, "d", "c.txt"))
			os.Symlink(".", filepath.Join(dir, "d", "loop"))
			writeFile(t, dir, "elsewhere/e.txt", "Police in Lima detained two protesters outside the congress.")
			os.Symlink(filepath.Join(dir, "elsewhere", "e.txt"), filepath.Join(dir, "d", "e.txt"))
			return []string{filepath.Join(dir, "d")}
		},
		exit: 1, output: []string{"c.txt: unsupported input: dangling symbolic link", "loop: unsupported input: symbolic link loops back", "ingested    2"}, stored: 2,
	}, {
		name: "ten megabytes of gzipped blank lines",
		make: func(t *testing.T, dir string) []string {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			line := bytes.Repeat([]byte("\n"), 1<<20)
			for range 200 { // 200 MB of newlines, about 200 KB compressed
				zw.Write(line)
			}
			zw.Close()
			writeFile(t, dir, "blank.jsonl.gz", buf.String())
			return []string{"--max-size", "8MB", filepath.Join(dir, "blank.jsonl.gz")}
		},
		exit: 1, output: []string{"bytes of blank lines"}, stored: 0,
	}, {
		name: "CSV with a bad row",
		make: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "w.csv", "text,title,date\n\"Peru and Chile held talks in Lima.\nA second line.\",Talks,2024-05-06\nonly,two\n\"Kenya recalled its envoy.\",Recall,2024-05-07\n")
			return []string{filepath.Join(dir, "w.csv")}
		},
		exit: 1, output: []string{"w.csv:4: malformed row", "ingested    2"}, stored: 2,
	}, {
		name: "impossible dates",
		make: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "dates.jsonl", `{"text": "Story one about talks in Quito.", "date": "0001-01-01"}
{"text": "Story two about talks in Quito.", "date": "9999-12-31"}
{"text": "Story three about talks in Quito.", "date": "5138-01-01"}
`)
			return []string{filepath.Join(dir, "dates.jsonl")}
		},
		exit: 0, output: []string{"ingested    3"}, stored: 3,
	}, {
		name: "a 5 MB title and 3 MB of metadata",
		make: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "caps.jsonl", `{"text": "Talks in Quito.", "title": "`+strings.Repeat("t", 5<<20)+`"}
{"text": "More talks in Quito.", "desk": "`+strings.Repeat("m", 3<<20)+`"}
`)
			return []string{filepath.Join(dir, "caps.jsonl")}
		},
		exit: 1, output: []string{"title is 5242880 bytes, over the cap of 2048 bytes", "over the cap of 8192 bytes"}, stored: 0,
	}, {
		name: "eight records of 2.8 MB",
		make: func(t *testing.T, dir string) []string {
			words := strings.Fields("the minister said talks with the delegation would continue in the capital while police arrested protesters near parliament and troops shelled the town")
			r := rand.New(rand.NewSource(1))
			var b strings.Builder
			for i := range 8 {
				var text strings.Builder
				for text.Len() < 2800000 {
					text.WriteString(words[r.Intn(len(words))])
					if r.Intn(25) == 0 {
						text.WriteString(". ")
					} else {
						text.WriteByte(' ')
					}
				}
				rec, _ := json.Marshal(map[string]string{"text": text.String(), "title": fmt.Sprintf("Big %d", i)})
				b.Write(rec)
				b.WriteByte('\n')
			}
			writeFile(t, dir, "big.jsonl", b.String())
			return []string{filepath.Join(dir, "big.jsonl")}
		},
		// 300 MB (runs gave 274-287) until the gazetteer was loaded too
		// (15.6 MB of live heap, issue 15): runs gave 300-330 MB.
		exit: 0, output: []string{"ingested    8"}, stored: 8, maxRSS: 350 << 20,
	}}
}

// TestHostileInputs runs every hostile input through "dyad ingest" in its
// own process, against SQLite and against PostgreSQL, and checks the exit
// status, the message, what was stored and the peak RSS.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile inputs: skipped in -short mode")
	}
	backends := []struct {
		name string
		db   func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "h.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.DSN(t) }},
	}
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			for _, tc := range hostileCases(t) {
				t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
					db := be.db(t)
					args := append([]string{"ingest", "--db", db, "--quiet"}, tc.make(t, t.TempDir())...)
					ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
					defer cancel()
					cmd := dyadProcess(ctx, t, args...)
					var out bytes.Buffer
					cmd.Stdout, cmd.Stderr = &out, &out
					err := cmd.Run()
					code := 0
					var ee *exec.ExitError
					if errors.As(err, &ee) {
						code = ee.ExitCode()
					} else if err != nil {
						t.Fatal(err)
					}
					if code != tc.exit {
						t.Errorf("exit %d, want %d\n%s", code, tc.exit, out.String())
					}
					for _, want := range tc.output {
						if !strings.Contains(out.String(), want) {
							t.Errorf("output lacks %q:\n%s", want, out.String())
						}
					}
					if strings.Contains(out.String(), "SECRET") {
						t.Errorf("the internal page was fetched:\n%s", out.String())
					}
					rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
					t.Logf("peak RSS %d MB", rss>>20)
					if tc.maxRSS > 0 && rss > tc.maxRSS {
						t.Errorf("peak RSS %d MB, bound %d MB", rss>>20, tc.maxRSS>>20)
					}
					if n := storedDocs(t, db); n != tc.stored {
						t.Errorf("%d documents stored, want %d", n, tc.stored)
					}
				})
			}
		})
	}
}

// storedDocs counts the current documents of a store through the CLI.
func storedDocs(t *testing.T, db string) int {
	t.Helper()
	code, out, errOut := dyad(t, "docs", "--db", db, "--limit", "1000")
	if code != 0 {
		t.Fatalf("docs: exit %d %s", code, errOut)
	}
	n := 0
	for _, line := range strings.Split(out, "\n")[1:] {
		if strings.TrimSpace(line) != "" && !strings.Contains(line, "no documents match") {
			n++
		}
	}
	return n
}
