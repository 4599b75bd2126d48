package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// summary is one walk result in a form a table can spell out.
func summary(it Item) string {
	if it.Err != nil {
		return it.Origin + " ERR " + errKind(it.Err)
	}
	d := it.Doc
	date := ""
	if !d.Published.IsZero() {
		date = d.Published.Format(time.RFC3339)
	}
	s := fmt.Sprintf("%s %s %s title=%q outlet=%q author=%q url=%q date=%s", d.Origin, d.Format, d.Lang, d.Title, d.Outlet, d.Author, d.URL, date)
	for _, g := range it.Diagnostics {
		s += " " + string(g.Severity)
	}
	return s
}

func errKind(err error) string {
	for _, k := range []struct {
		name string
		err  error
	}{
		{"binary", ErrBinary}, {"empty", ErrEmpty}, {"utf8", ErrInvalidUTF8}, {"too-large", ErrTooLarge},
		{"truncated", ErrTruncated}, {"malformed", ErrMalformed}, {"no-text", ErrNoText}, {"fetch", ErrFetch},
		{"unsupported", ErrUnsupported},
	} {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return "other: " + err.Error()
}

func walk(t *testing.T, inputs []string, opts Options) []Item {
	t.Helper()
	var items []Item
	err := Walk(context.Background(), inputs, opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return items
}

func summaries(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, summary(it))
	}
	return out
}

func TestWalkFormats(t *testing.T) {
	tests := []struct {
		input string
		want  []string
	}{
		{"testdata/text/headers.txt", []string{
			`testdata/text/headers.txt txt en title="Foreign ministers agree to reopen border crossing" outlet="Harbour Wire" author="Mira Holt" url="https://example.org/news/border-crossing" date=2024-03-12T00:00:00Z`}},
		{"testdata/text/plain.txt", []string{
			`testdata/text/plain.txt txt en title="" outlet="" author="" url="" date=`}},
		{"testdata/text/baddate.txt", []string{
			`testdata/text/baddate.txt txt en title="Talks in Geneva" outlet="" author="" url="" date= warning`}},
		{"testdata/text/crlf.txt", []string{
			`testdata/text/crlf.txt txt en title="Aid convoy reaches town" outlet="" author="" url="" date=2023-01-02T14:04:05Z`}},
		{"testdata/text/notheader.txt", []string{
			`testdata/text/notheader.txt txt en title="" outlet="" author="" url="" date=`}},
		{"testdata/html/article.html", []string{
			`testdata/html/article.html html en title="UN council extends mission in South Sudan" outlet="Lakeside Courier" author="Daniel Ochieng" url="https://courier.example.net/world/unmiss-extended" date=2024-04-30T16:05:00Z`}},
		{"testdata/html/article.html.gz", []string{
			`testdata/html/article.html.gz html en title="UN council extends mission in South Sudan" outlet="Lakeside Courier" author="Daniel Ochieng" url="https://courier.example.net/world/unmiss-extended" date=2024-04-30T16:05:00Z`}},
		{"testdata/html/jsonld.html", []string{
			`testdata/html/jsonld.html html fr title="Sanctions renforcées contre trois sociétés" outlet="Le Quotidien des Lacs" author="Claire Martin" url="" date=2024-02-15T09:30:00Z`}},
		{"testdata/html/time.html", []string{
			`testdata/html/time.html html en title="Minister visits Hanoi" outlet="" author="" url="" date=2023-11-08T00:00:00Z`}},
		{"testdata/html/latin1.html", []string{
			`testdata/html/latin1.html html fr title="Déclaration commune" outlet="" author="" url="" date=`}},
		{"testdata/feed/rss.xml", []string{
			`testdata/feed/rss.xml#1 rss en title="Navy ships seized in the strait" outlet="Northern Dispatch" author="Ana Ferreira" url="https://dispatch.example.com/2024/05/ships-seized" date=2024-05-14T08:15:00Z`,
			`testdata/feed/rss.xml#2 rss en title="Ceasefire talks to resume in Doha" outlet="Northern Dispatch" author="" url="https://dispatch.example.com/2024/05/doha-talks" date=2024-05-15T10:00:00Z`,
			`testdata/feed/rss.xml#3 ERR no-text`,
			`testdata/feed/rss.xml#4 rss en title="Election date confirmed" outlet="Northern Dispatch" author="" url="" date= warning`}},
		{"testdata/feed/atom.xml", []string{
			`testdata/feed/atom.xml#1 atom en title="Donors pledge aid for flood victims" outlet="Valley Observer" author="Samuel Adeyemi" url="https://observer.example.org/floods-aid" date=2024-06-01T09:00:00Z`,
			`testdata/feed/atom.xml#2 atom en title="Opposition leader detained" outlet="Valley Observer" author="" url="https://observer.example.org/leader-detained" date=2024-06-02T07:30:00Z`}},
		{"testdata/feed/latin1.rss", []string{
			`testdata/feed/latin1.rss#1 rss fr title="Visite du président à Dakar" outlet="Le Journal du Matin" author="" url="https://journal.example.fr/dakar" date=2024-06-07T04:00:00Z`}},
		{"testdata/jsonl/docs.jsonl", jsonlWant("testdata/jsonl/docs.jsonl")},
		{"testdata/jsonl/docs.jsonl.gz", jsonlWant("testdata/jsonl/docs.jsonl.gz")},
		{"testdata/corpus", []string{
			`testdata/corpus/a.txt txt en title="" outlet="" author="" url="" date=`,
			`testdata/corpus/b.html html en title="Minister visits Hanoi" outlet="" author="" url="" date=2023-11-08T00:00:00Z`,
			`testdata/corpus/sub/c.atom#1 atom en title="Donors pledge aid for flood victims" outlet="Valley Observer" author="Samuel Adeyemi" url="https://observer.example.org/floods-aid" date=2024-06-01T09:00:00Z`,
			`testdata/corpus/sub/c.atom#2 atom en title="Opposition leader detained" outlet="Valley Observer" author="" url="https://observer.example.org/leader-detained" date=2024-06-02T07:30:00Z`,
			`testdata/corpus/sub/d.jsonl:1 jsonl en title="Presidents meet in Kampala" outlet="East Wire" author="J. Mwangi" url="https://wire.example.com/kampala" date=2024-01-19T00:00:00Z`,
			`testdata/corpus/sub/d.jsonl:2 jsonl en title="" outlet="Kyiv Desk" author="" url="" date=2024-02-03T06:40:00Z`,
			`testdata/corpus/sub/e.txt.gz txt en title="Foreign ministers agree to reopen border crossing" outlet="Harbour Wire" author="Mira Holt" url="https://example.org/news/border-crossing" date=2024-03-12T00:00:00Z`}},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			got := summaries(walk(t, []string{tt.input}, Options{}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Walk(%s) mismatch (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

func jsonlWant(p string) []string {
	return []string{
		p + `:1 jsonl en title="Presidents meet in Kampala" outlet="East Wire" author="J. Mwangi" url="https://wire.example.com/kampala" date=2024-01-19T00:00:00Z`,
		p + `:2 jsonl en title="" outlet="Kyiv Desk" author="" url="" date=2024-02-03T06:40:00Z`,
		p + `:3 ERR malformed`,
		p + `:4 ERR no-text`,
		p + `:6 ERR malformed`,
		p + `:7 jsonl en title="" outlet="" author="" url="" date= warning`,
		p + `:8 ERR malformed`,
		p + `:9 jsonl en title="" outlet="" author="" url="" date=2024-06-01T00:00:00Z`,
	}
}

// TestBadInput checks that each kind of bad input yields one error item
// whose message names the file (and line) and the problem.
func TestBadInput(t *testing.T) {
	nested := filepath.Join(t.TempDir(), "nested.html")
	if err := os.WriteFile(nested, []byte("<html><body>"+strings.Repeat("<div>", 100000)+"deep"+strings.Repeat("</div>", 100000)+"</body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	emptyDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(emptyDir, "notes.md"), []byte("not news"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		input    string
		opts     Options
		wantKind string
		wantMsg  string
	}{
		{emptyDir, Options{}, "empty", emptyDir + ": empty input: directory has no files named *.txt, *.html, *.htm, *.xml, *.rss, *.atom, *.jsonl, *.json, *.ndjson, *.csv, *.tsv (optionally .gz)"},
		{"testdata/bad/binary.txt", Options{}, "binary", "testdata/bad/binary.txt: binary data, not text (NUL byte at offset 6)"},
		{"testdata/bad/empty.txt", Options{}, "empty", "testdata/bad/empty.txt: empty input"},
		{"testdata/bad/blank.txt", Options{}, "empty", "testdata/bad/blank.txt: empty input"},
		{"testdata/bad/latin1.txt", Options{}, "utf8", "testdata/bad/latin1.txt: invalid UTF-8 at byte 10 (plain text must be UTF-8)"},
		{"testdata/html/invalid-utf8.html", Options{}, "utf8", "testdata/html/invalid-utf8.html: invalid UTF-8 at byte 20 and no charset declared"},
		{"testdata/bad/truncated.html.gz", Options{}, "truncated", "testdata/bad/truncated.html.gz: truncated gzip stream"},
		{"testdata/bad/truncated.jsonl.gz", Options{}, "truncated", "testdata/bad/truncated.jsonl.gz:1: truncated gzip stream"},
		{"testdata/feed/malformed.xml", Options{}, "malformed", "testdata/feed/malformed.xml: malformed feed: XML syntax error on line 4: unexpected EOF"},
		{"testdata/feed/notafeed.xml", Options{}, "malformed", "testdata/feed/notafeed.xml: malformed feed: failed to detect feed type"},
		{"testdata/html/notext.html", Options{}, "no-text", "testdata/html/notext.html: no text: the readable part of the page has 1 words, want at least 10"},
		{"testdata/html/article.html", Options{MaxBytes: 1000}, "too-large", "testdata/html/article.html: over the size cap: 2208 bytes, cap 1000"},
		{"testdata/html/article.html.gz", Options{MaxBytes: 1000}, "too-large", "testdata/html/article.html.gz: over the size cap: more than 1000 bytes"},
		{"testdata/no/such/file.txt", Options{}, "other", "testdata/no/such/file.txt: stat: no such file or directory"},
		{"-", Options{}, "unsupported", "-: unsupported input: no standard input given"},
		{nested, Options{}, "malformed", nested + ": malformed html: html nested too deeply: more than 512 open elements"},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			items := walk(t, []string{tt.input}, tt.opts)
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1: %v", len(items), summaries(items))
			}
			err := items[0].Err
			if err == nil {
				t.Fatalf("got a document, want a %s error", tt.wantKind)
			}
			if kind := errKind(err); !strings.HasPrefix(kind, tt.wantKind) {
				t.Errorf("kind = %s, want %s", kind, tt.wantKind)
			}
			if got := err.Error(); got != tt.wantMsg {
				t.Errorf("message\n got %q\nwant %q", got, tt.wantMsg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message spans lines: %q", err.Error())
			}
		})
	}
}

// TestBatchGoesOn walks good and bad inputs together: every input is
// reported, in order, and the good ones still yield documents.
func TestBatchGoesOn(t *testing.T) {
	items := walk(t, []string{"testdata/bad/binary.txt", "testdata/text/plain.txt", "testdata/bad/truncated.jsonl.gz", "testdata/feed/atom.xml"}, Options{})
	var got []string
	for _, it := range items {
		got = append(got, it.Origin+" "+fmt.Sprint(it.Err == nil))
	}
	want := []string{"testdata/bad/binary.txt false", "testdata/text/plain.txt true", "testdata/bad/truncated.jsonl.gz:1 false",
		"testdata/feed/atom.xml#1 true", "testdata/feed/atom.xml#2 true"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestDocumentText(t *testing.T) {
	items := walk(t, []string{"testdata/html/article.html", "testdata/text/headers.txt", "testdata/feed/rss.xml"}, Options{})
	html := items[0].Doc.Text
	for _, bad := range []string{"Sign in", "cookies", "Copyright", "Related", "Aid cuts hit camps"} {
		if strings.Contains(html, bad) {
			t.Errorf("article text keeps boilerplate %q:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, "Russia and China abstained.") || !strings.Contains(html, "\n\n") {
		t.Errorf("article text lost its paragraphs:\n%s", html)
	}
	txt := items[1].Doc
	if !strings.HasPrefix(txt.Text, "The foreign ministers of Armenia") || txt.Meta["section"] != "World" {
		t.Errorf("text body/meta wrong: %q %v", txt.Text[:40], txt.Meta)
	}
	rss := items[2].Doc.Text
	want := "Naval forces seized two oil tankers in the strait on Monday, the port authority said, accusing the crews of smuggling fuel.\n\nThe shipping company denied the accusation and said its vessels had been in international waters."
	if rss != want {
		t.Errorf("rss content:encoded text\n got %q\nwant %q", rss, want)
	}
}

func TestJSONLMeta(t *testing.T) {
	items := walk(t, []string{"testdata/jsonl/docs.jsonl"}, Options{})
	got := items[0].Doc.Meta
	want := map[string]string{"id": "17", "tags": `["east africa","energy"]`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meta mismatch (-want +got):\n%s", diff)
	}
	if m := items[5].Doc.Meta["date"]; m != "the week before last" {
		t.Errorf("unreadable date not kept in Meta: %q", m)
	}
	if msg := items[5].Diagnostics[0].Message; !strings.HasPrefix(msg, "testdata/jsonl/docs.jsonl:7: field \"date\"") {
		t.Errorf("diagnostic does not name file:line and field: %q", msg)
	}
}

func TestJSONLLineCap(t *testing.T) {
	p := filepath.Join(t.TempDir(), "long.jsonl")
	long := `{"text": "` + strings.Repeat("word ", 400) + `"}`
	data := `{"text": "first record"}` + "\n" + long + "\n" + `{"text": "third record"}` + "\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got := summaries(walk(t, []string{p}, Options{MaxBytes: 1000}))
	want := []string{
		p + `:1 jsonl en title="" outlet="" author="" url="" date=`,
		p + `:2 ERR too-large`,
		p + `:3 jsonl en title="" outlet="" author="" url="" date=`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONArray(t *testing.T) {
	p := filepath.Join(t.TempDir(), "docs.json")
	data := "[\n  {\"text\": \"The envoy arrived in Cairo for talks on the hostages.\", \"title\": \"Envoy in Cairo\"},\n  {\"title\": \"no text\"}\n]\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got := summaries(walk(t, []string{p}, Options{}))
	want := []string{
		p + `[1] jsonl en title="Envoy in Cairo" outlet="" author="" url="" date=`,
		p + `[2] ERR no-text`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONValues(t *testing.T) {
	p := filepath.Join(t.TempDir(), "one.json")
	data := "\ufeff{\n  \"text\": \"The council met in closed session to discuss the report.\",\n  \"title\": \"Council meets\"\n}\n{\"text\": \"A second record follows the first one directly.\"}\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	bomLines := filepath.Join(t.TempDir(), "bom.jsonl")
	if err := os.WriteFile(bomLines, []byte("\ufeff{\"text\": \"The first line starts with a byte-order mark.\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := summaries(walk(t, []string{p, bomLines}, Options{}))
	want := []string{
		p + `[1] jsonl en title="Council meets" outlet="" author="" url="" date=`,
		p + `[2] jsonl en title="" outlet="" author="" url="" date=`,
		bomLines + `:1 jsonl en title="" outlet="" author="" url="" date=`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestStdinSniff(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"text": "Police fired tear gas at students marching on the ministry."}` + "\n"))
	zw.Close()
	rss, _ := os.ReadFile("testdata/feed/atom.xml")
	page, _ := os.ReadFile("testdata/html/time.html")
	tests := []struct {
		name  string
		input []byte
		want  []string
	}{
		{"jsonl.gz", gz.Bytes(), []string{`-:1 jsonl en title="" outlet="" author="" url="" date=`}},
		{"atom", rss, []string{
			`-#1 atom en title="Donors pledge aid for flood victims" outlet="Valley Observer" author="Samuel Adeyemi" url="https://observer.example.org/floods-aid" date=2024-06-01T09:00:00Z`,
			`-#2 atom en title="Opposition leader detained" outlet="Valley Observer" author="" url="https://observer.example.org/leader-detained" date=2024-06-02T07:30:00Z`}},
		{"html", page, []string{`- html en title="Minister visits Hanoi" outlet="" author="" url="" date=2023-11-08T00:00:00Z`}},
		{"text", []byte("Title: Strike in Sanaa\n\nAn air strike hit a fuel depot near Sanaa on Sunday, residents said.\n"), []string{
			`- txt en title="Strike in Sanaa" outlet="" author="" url="" date=`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summaries(walk(t, []string{"-"}, Options{Stdin: bytes.NewReader(tt.input)}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// newsServer serves feeds and pages on 127.0.0.1 for the fetch tests.
func newsServer(t *testing.T) *httptest.Server {
	t.Helper()
	page, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Council votes</title><link>%[1]s/article</link><description>The council voted on Tuesday.</description></item>
<item><title>Gone</title><link>%[1]s/missing</link><description>This page has been removed from the site.</description></item>
<item><title>Slow</title><link>%[1]s/slow</link><description>This page takes too long to load.</description></item>
<item><title>Huge</title><link>%[1]s/huge</link><description>This page is far too large.</description></item>
<item><title>Linkless</title><description>An item without a link to its page.</description></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/latin", func(w http.ResponseWriter, r *http.Request) {
		// Declared only by the HTTP header, as many servers do.
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte("<html><head><title>Pr\xe9sident</title></head><body><article><p>Le pr\xe9sident a re\xe7u mardi les repr\xe9sentants des syndicats pour discuter de la r\xe9forme des retraites et du budget.</p></article></body></html>"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>" + strings.Repeat("long text ", 10000) + "</p></body></html>"))
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv = httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv
}

func TestFeedURLFullText(t *testing.T) {
	srv := newsServer(t)
	opts := Options{FetchFullText: true, MaxBytes: 50000, Client: &http.Client{Timeout: 300 * time.Millisecond}}
	items := walk(t, []string{srv.URL + "/feed.xml"}, opts)
	if len(items) != 5 {
		t.Fatalf("got %d items, want 5: %v", len(items), summaries(items))
	}
	full := items[0]
	if full.Err != nil || !strings.Contains(full.Doc.Text, "Russia and China abstained.") || full.Doc.Meta["fulltext"] != srv.URL+"/article" {
		t.Errorf("item 1 was not filled from its page: err=%v meta=%v text=%.80q", full.Err, full.Doc.Meta, full.Doc.Text)
	}
	if full.Partial || full.Doc.Meta[TextFrom] != "page" {
		t.Errorf("item 1: partial %v, text_from %q", full.Partial, full.Doc.Meta[TextFrom])
	}
	if full.Doc.URL != "https://courier.example.net/world/unmiss-extended" || full.Doc.Author != "Daniel Ochieng" {
		t.Errorf("item 1 metadata from page: url=%q author=%q", full.Doc.URL, full.Doc.Author)
	}
	for i, want := range []string{"HTTP status 404", "Client.Timeout", "over the size cap"} {
		it := items[i+1]
		if it.Err != nil {
			t.Errorf("item %d: failed fetch dropped the summary: %v", i+2, it.Err)
			continue
		}
		if len(it.Diagnostics) != 1 || it.Diagnostics[0].Severity != "error" || !strings.Contains(it.Diagnostics[0].Message, want) ||
			!strings.HasPrefix(it.Diagnostics[0].Message, srv.URL+"/feed.xml#") {
			t.Errorf("item %d: want an error diagnostic naming the item and %q, got %v", i+2, want, it.Diagnostics)
		}
		if it.Doc.Text == "" {
			t.Errorf("item %d: summary text lost", i+2)
		}
		if !it.Partial || it.Doc.Meta[TextFrom] != "feed summary (page fetch failed)" {
			t.Errorf("item %d: partial %v, text_from %q", i+2, it.Partial, it.Doc.Meta[TextFrom])
		}
	}
	if it := items[4]; it.Err != nil || len(it.Diagnostics) != 1 || !strings.Contains(it.Diagnostics[0].Message, "item has no link") {
		t.Errorf("linkless item: err=%v diags=%v", it.Err, it.Diagnostics)
	}
}

func TestURLErrors(t *testing.T) {
	srv := newsServer(t)
	items := walk(t, []string{srv.URL + "/missing", srv.URL + "/article", srv.URL + "/latin"}, Options{AllowPrivate: true})
	got := summaries(items)
	want := []string{
		srv.URL + "/missing ERR fetch",
		srv.URL + `/article html en title="UN council extends mission in South Sudan" outlet="Lakeside Courier" author="Daniel Ochieng" url="https://courier.example.net/world/unmiss-extended" date=2024-04-30T16:05:00Z`,
		srv.URL + `/latin html fr title="Président" outlet="" author="" url="` + srv.URL + `/latin" date=`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestWalkStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{"testdata/jsonl/docs.jsonl"}, Options{}, func(Item) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Walk after yield error: err=%v calls=%d, want stop after 1", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{"testdata/corpus"}, Options{}, func(Item) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Walk with cancelled context: %v", err)
	}
}

func TestFeedNoFetch(t *testing.T) {
	srv := newsServer(t)
	items := walk(t, []string{srv.URL + "/feed.xml"}, Options{AllowPrivate: true})
	if len(items) != 5 {
		t.Fatalf("got %d items, want 5", len(items))
	}
	for _, it := range items {
		if it.Err != nil || len(it.Diagnostics) != 0 || it.Doc.Meta["fulltext"] != "" {
			t.Errorf("%s: with FetchFullText off, want the feed text untouched: err=%v diags=%v meta=%v", it.Origin, it.Err, it.Diagnostics, it.Doc.Meta)
		}
	}
	if got := items[0].Doc.Text; got != "The council voted on Tuesday." {
		t.Errorf("item 1 text = %q", got)
	}
}

func TestWalkCancelDuringFetch(t *testing.T) {
	srv := newsServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := Walk(ctx, []string{srv.URL + "/slow", "testdata/text/plain.txt"}, Options{AllowPrivate: true}, func(Item) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Walk = %v, want the context's error", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Walk took %v after cancellation", d)
	}
}
