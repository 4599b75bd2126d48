package source

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCSVInput(t *testing.T) {
	p := writeTemp(t, "wire.csv", "Title,text,date,url,Outlet,desk\n"+
		"Talks in Lima,\"Peru and Chile held talks in Lima on Monday.\nA second paragraph, with a comma.\",2024-05-06,https://wire.example/lima,Andes Wire,world\n"+
		"Broken row,\"an unclosed quote\n"+
		"")
	items := walk(t, []string{p}, Options{})
	if len(items) != 2 {
		t.Fatalf("got %v", summaries(items))
	}
	d := items[0].Doc
	if items[0].Err != nil || d.Title != "Talks in Lima" || !strings.Contains(d.Text, "\nA second paragraph, with a comma.") ||
		d.Published.Format("2006-01-02") != "2024-05-06" || d.Outlet != "Andes Wire" || d.Meta["desk"] != "world" || d.Format != FormatCSV || d.Origin != p+":2" {
		t.Errorf("row 1: %+v err %v", d, items[0].Err)
	}
	if it := items[1]; !errors.Is(it.Err, ErrMalformed) || it.Origin != p+":4" {
		t.Errorf("bad row: origin %q err %v, want line 4", it.Origin, it.Err)
	}
}

func TestTSVInputAndBadRows(t *testing.T) {
	p := writeTemp(t, "wire.tsv", "text\ttitle\n"+
		"Kenya recalled its envoy from Kampala.\tRecall\n"+
		"one\ttwo\tthree\n"+
		"\tno text here\n"+
		"Uganda summoned the Kenyan envoy.\tSummons\n")
	items := walk(t, []string{p}, Options{})
	got := summaries(items)
	if len(items) != 4 || items[0].Err != nil || items[3].Err != nil || items[3].Doc.Format != FormatTSV {
		t.Fatalf("got %v", got)
	}
	if !strings.Contains(items[1].Err.Error(), p+":3: malformed row: wrong number of fields") {
		t.Errorf("row 3: %v", items[1].Err)
	}
	if items[2].Err == nil || !strings.HasPrefix(items[2].Err.Error(), p+":4: ") {
		t.Errorf("row 4 (no text): %v", items[2].Err)
	}
}

func TestCSVHeaderProblems(t *testing.T) {
	for content, want := range map[string]string{
		"":                         "empty input",
		"title,date\nA,2024-01-01": "no text column",
		"text,text\na,b":           `column "text" appears twice`,
		"text,title\n":             "a header row and no rows",
	} {
		items := walk(t, []string{writeTemp(t, "x.csv", content)}, Options{})
		if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), want) {
			t.Errorf("%q: got %v, want %q", content, summaries(items), want)
		}
	}
}

// TestNothingReadIsAnError: an input that yields no document at all is
// reported, naming the file.
func TestNothingReadIsAnError(t *testing.T) {
	blank := writeTemp(t, "blank.jsonl", strings.Repeat("\n", 5000)+"   \n\t\n")
	feed := writeTemp(t, "empty.xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>No items</title></channel></rss>`)
	array := writeTemp(t, "none.json", `[]`)
	for _, p := range []string{blank, feed, array} {
		items := walk(t, []string{p}, Options{})
		if len(items) != 1 || !errors.Is(items[0].Err, ErrEmpty) || items[0].Origin != p {
			t.Errorf("%s: got %v, want one empty-input error naming the file", filepath.Base(p), summaries(items))
		}
	}
}

// TestBlankLinesBounded: a compressed stream of blank lines stops at the
// size cap with an error instead of being scanned to its end.
func TestBlankLinesBounded(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`{"text": "Seoul and Tokyo agreed to resume talks on Friday."}` + "\n"))
	line := bytes.Repeat([]byte("\n"), 1<<16)
	for range 64 { // 4 MB of newlines
		zw.Write(line)
	}
	zw.Write([]byte(`{"text": "never read"}` + "\n"))
	zw.Close()
	p := writeTemp(t, "blank.jsonl.gz", buf.String())
	items := walk(t, []string{p}, Options{MaxBytes: 1 << 20})
	if len(items) != 2 || items[0].Err != nil || !errors.Is(items[1].Err, ErrMalformed) || !strings.Contains(items[1].Err.Error(), "blank lines") {
		t.Errorf("got %v", summaries(items))
	}
}

func FuzzCSV(f *testing.F) {
	f.Add("text,title\n\"a\nb\",c\n")
	f.Add("text\n\"unclosed\n")
	f.Add("a,b\n1,2,3\n")
	f.Fuzz(func(t *testing.T, s string) {
		p := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(p, []byte(s), 0o644)
		n := 0
		Walk(t.Context(), []string{p}, Options{MaxBytes: 1 << 16}, func(it Item) error {
			n++
			if it.Err == nil && it.Doc.Text == "" {
				t.Fatalf("a document without text from %q", s)
			}
			return nil
		})
		if n == 0 {
			t.Fatalf("no item at all for %q", s)
		}
	})
}

func TestParseRecordStrict(t *testing.T) {
	d, _, err := ParseRecordStrict("api", []byte(`{"text": "Talks in Lima.", "title": "T", "lang": "en", "date": "2024-05-06", "url": "https://x.example/a"}`))
	if err != nil || d.Lang != "en" || d.Meta != nil || d.Published.Format("2006-01-02") != "2024-05-06" {
		t.Errorf("good body: %+v %v", d, err)
	}
	for body, want := range map[string]string{
		`{"text": "x", "headline": "T"}`:      `unknown field "headline"`,
		`{"text": "x"} {"text": "y"}`:         "more than one value",
		`{"text": "x", "date": "not a date"}`: `field "date"`,
		`["x"]`:                               "must be an object",
		`{"text": 3}`:                         "must be a string",
		`{"title": "no text"}`:                "no text",
	} {
		if _, _, err := ParseRecordStrict("api", []byte(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", body, err, want)
		}
	}
	// The lenient reader takes what the strict one refuses, as metadata.
	if d, _, err := ParseRecord("f:1", []byte(`{"text": "x", "headline": "T", "desk": "world"}`)); err != nil || d.Title != "T" || d.Meta["desk"] != "world" {
		t.Errorf("lenient: %+v %v", d, err)
	}
}
