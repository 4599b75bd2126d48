package source

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addFixtures seeds f with every fixture file matching the globs.
func addFixtures(f *testing.F, globs ...string) {
	for _, g := range globs {
		files, err := filepath.Glob(g)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range files {
			if fi, err := os.Stat(p); err != nil || fi.IsDir() {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

func checkDoc(t *testing.T, origin, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Fatalf("%s: text is not valid UTF-8: %q", origin, text)
	}
	if strings.TrimSpace(text) == "" {
		t.Fatalf("%s: a document with no text was accepted", origin)
	}
}

func FuzzParseText(f *testing.F) {
	addFixtures(f, "testdata/text/*.txt", "testdata/bad/*.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		d, diags, err := ParseText("fuzz.txt", data)
		if err != nil {
			return
		}
		checkDoc(t, "fuzz.txt", d.Text)
		for _, g := range diags {
			if !strings.HasPrefix(g.Message, "fuzz.txt:") {
				t.Fatalf("diagnostic does not name the file: %q", g.Message)
			}
		}
	})
}

func FuzzParseRecord(f *testing.F) {
	b, err := os.ReadFile("testdata/jsonl/docs.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		d, _, err := ParseRecord("f.jsonl:1", line)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		checkDoc(t, "f.jsonl:1", d.Text)
		for k, v := range d.Meta {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Fatalf("meta %q=%q not valid UTF-8", k, v)
			}
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	addFixtures(f, "testdata/feed/*")
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := ParseFeed("f.xml", data, "")
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Err != nil {
				continue
			}
			if !utf8.ValidString(it.Doc.Text) || !utf8.ValidString(it.Doc.Title) {
				t.Fatalf("%s: invalid UTF-8 in %q / %q", it.Doc.Origin, it.Doc.Title, it.Doc.Text)
			}
		}
	})
}

// FuzzWalkStdin drives the whole reader through standard input: format
// sniffing, gzip, charsets, and each format's parser, with a small cap.
func FuzzWalkStdin(f *testing.F) {
	addFixtures(f, "testdata/*/*")
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		err := Walk(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data), MaxBytes: 1 << 16}, func(it Item) error {
			n++
			if it.Origin == "" || !strings.HasPrefix(it.Origin, "-") {
				t.Fatalf("item without origin: %+v", it)
			}
			switch it.Doc.Format {
			case "", FormatText, FormatHTML, FormatRSS, FormatAtom, FormatJSONL:
			default:
				t.Fatalf("unknown format %q", it.Doc.Format)
			}
			if it.Err != nil {
				if msg := it.Err.Error(); strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "-") {
					t.Fatalf("error is not one line naming the input: %q", msg)
				}
				return nil
			}
			checkDoc(t, it.Origin, it.Doc.Text)
			return nil
		})
		if err != nil {
			t.Fatalf("Walk: %v", err)
		}
		if n == 0 {
			t.Fatalf("input yielded nothing, not even an error")
		}
	})
}
