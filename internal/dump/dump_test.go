package dump

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
	"github.com/dyad-project/dyad/internal/store/sqlite"
)

func openSQLite(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// withoutIngested decodes a dump and clears the time each store sets
// itself, so that two dumps of the same documents compare equal.
func withoutIngested(t *testing.T, b []byte) []string {
	t.Helper()
	var out []string
	for i, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		if i == 0 {
			out = append(out, string(line))
			continue
		}
		var r record
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		r.Document.Ingested = time.Time{}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// TestV1DumpImportsAndWritesBack imports a dump written by the dyad of
// before this package (five documents: coded, pending, two versions of one
// URL) and writes it back unchanged but for the ingestion times.
func TestV1DumpImportsAndWritesBack(t *testing.T) {
	ctx := context.Background()
	in, err := os.ReadFile(filepath.Join("testdata", "v1.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	db := openSQLite(t)
	var reported []error
	sum, err := Import(ctx, db, bytes.NewReader(in), Options{Name: "v1.jsonl", Batch: 2, Report: func(err error) { reported = append(reported, err) }})
	if err != nil || len(reported) > 0 {
		t.Fatalf("import: %v %v", err, reported)
	}
	if want := (Summary{Read: 5, Ingested: 4, Superseded: 1, Analysed: 4}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	var out bytes.Buffer
	n, err := Write(ctx, db, &out)
	if err != nil || n != 5 {
		t.Fatalf("write: %d documents, %v", n, err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte(`{"format":"dyad-dump","version":1}`+"\n")) {
		t.Errorf("header %.40q", out.Bytes())
	}
	if diff := cmp.Diff(withoutIngested(t, in), withoutIngested(t, out.Bytes())); diff != "" {
		t.Errorf("written back (-v1 +now):\n%s", diff)
	}
	// Again: nothing new.
	sum, err = Import(ctx, db, bytes.NewReader(out.Bytes()), Options{Name: "again", Batch: 100})
	if want := (Summary{Read: 5, Unchanged: 5, Analysed: 4}); err != nil || sum != want {
		t.Errorf("second import: %+v %v, want %+v", sum, err, want)
	}
}

// TestWhyRoundTrips: an event's explanation and its actors' inferred
// countries travel in the dump and come back from an import unchanged.
func TestWhyRoundTrips(t *testing.T) {
	ctx := context.Background()
	text := "Police accused the rebels of the attack on Monday."
	id := doc.ContentID(text)
	e := event.Event{
		ID: id[:8] + "-e1", DocID: id, Code: "112", Root: "11", Status: event.Asserted, Date: "2024-03-04",
		Source:  event.Actor{Code: "NGACOP", Text: "Police", Country: "NGA", Inferred: "document: NGA"},
		Target:  event.Actor{Code: "NGAREB", Text: "the rebels", Country: "NGA", Inferred: "sentence: Lagos"},
		Trigger: doc.Span{Start: 7, End: 14}, TriggerText: "accused", Sentence: doc.Span{Start: 0, End: len(text)},
		Why: &event.Why{
			Score:    0.875,
			Features: []event.Weight{{Feature: "lemma=accuse", Weight: 1.5}, {Feature: `obj=<rebel> & "co"`, Weight: -0.25}},
			Code:     []event.Weight{{Feature: "prep=of", Weight: 0.5}},
			Patterns: []string{"accuse/nsubj-obj"},
			Source:   "nsubj of accused", Target: "obj of accused",
			Status: "no cue: asserted", Date: `timex "on Monday" before the publication date`,
		},
	}
	src := openSQLite(t)
	d := doc.Document{Text: text, Lang: "en", Published: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)}
	if _, err := src.Put(ctx, []store.Item{{Doc: d, Analysis: &store.Analysis{Events: []event.Event{e}}}}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := Write(ctx, src, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"why":{"score":0.875,`) || !strings.Contains(out.String(), `"inferred":"sentence: Lagos"`) {
		t.Errorf("dump lacks the why or the inferred country:\n%s", out.String())
	}
	dst := openSQLite(t)
	if _, err := Import(ctx, dst, bytes.NewReader(out.Bytes()), Options{Name: "d", Batch: 1}); err != nil {
		t.Fatal(err)
	}
	a, err := dst.Analysis(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Events) != 1 {
		t.Fatalf("%d events imported, want 1", len(a.Events))
	}
	if diff := cmp.Diff(e, a.Events[0], cmpopts.IgnoreFields(event.Event{}, "Outlet", "URL", "Happening")); diff != "" {
		t.Errorf("imported event (-want +got):\n%s", diff)
	}
}

func TestWriteEmptyStore(t *testing.T) {
	var out bytes.Buffer
	n, err := Write(context.Background(), openSQLite(t), &out)
	if err != nil || n != 0 || out.String() != "{\"format\":\"dyad-dump\",\"version\":1}\n" {
		t.Errorf("%d, %v, %q", n, err, out.String())
	}
}

// TestImportReports checks each kind of bad line, its message (which
// names the line) and that the import goes on.
func TestImportReports(t *testing.T) {
	text := "Egypt condemned Israel over the strike on Monday."
	lines := []string{
		`{"format":"dyad-dump","version":1}`,
		fmt.Sprintf(`{"document":{"text":%q}}`, text),
		`{"document":{"text":""}}`,
		`{"document":{"text":"x","id":"not-the-id"}}`,
		`{"document":{"text":"Kenya met India."},"analysis":{"events":[{"id":"e1","doc_id":"other"}]}}`,
		`{"document":`,
		`{"document":{"text":"Fine text."},"surprise":1}`,
		`{"document":{"text":"Spans."},"analysis":{"annotations":[{"kind":"actor","span":{"start":0,"end":99}}]}}`,
		``,
		`{"document":{"text":"` + strings.Repeat("long ", 40) + `"}}`,
		`{"document":{"text":"a\u0000b"}}`,
		`{"document":{"text":"ok"}} {"x":1}`,
		`{"document":{"text":"Kenya met India."},"analysis":{"events":[{"id":""}]}}`,
		`{"document":{"text":"Kenya met India."},"analysis":{"events":[{"id":"e","trigger":{"start":3,"end":400}}]}}`,
	}
	var got []string
	sum, err := Import(context.Background(), openSQLite(t), strings.NewReader(strings.Join(lines, "\n")),
		Options{Name: "d.jsonl", Batch: 10, MaxLine: 150, Report: func(err error) { got = append(got, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	// A line too long is failed but not read, as it always was.
	if want := (Summary{Read: 11, Ingested: 1, Failed: 11}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	want := []string{
		"d.jsonl:3: field document.text: empty",
		`d.jsonl:4: field document.id: "not-the-id" is not the ID of the text (` + doc.ContentID("x") + ")",
		`d.jsonl:5: field analysis.events[0].doc_id: "other" is not the document's ID`,
		"d.jsonl:6: bad record: unexpected EOF",
		`d.jsonl:7: bad record: json: unknown field "surprise"`,
		"d.jsonl:8: field analysis.annotations[0]: span outside the text",
		"d.jsonl:10: line longer than the size cap (see --max-size)",
		"d.jsonl:11: field document.text: holds a NUL byte",
		"d.jsonl:12: bad record: more than one JSON value on the line",
		"d.jsonl:13: field analysis.events[0].id: empty",
		"d.jsonl:14: field analysis.events[0].trigger: span outside the text",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reports (-want +got):\n%s", diff)
	}
}

func TestImportRefusesHeader(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"text":"an ingest file"}` + "\n", `in:1: not a dyad dump: the first line must be {"format":"dyad-dump",...} (write one with dyad dump)`},
		{`{"format":"dyad-dump","version":2}` + "\n", "in:1: dump version 2: this program reads version 1"},
		{"", ""}, // empty input: nothing to do
	} {
		_, err := Import(context.Background(), openSQLite(t), strings.NewReader(tc.in), Options{Name: "in", Batch: 1})
		var le *LineError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want || !errors.As(err, &le) || le.Line != 1):
			t.Errorf("%q: %v, want %s", tc.in, err, tc.want)
		}
	}
}

func TestLineError(t *testing.T) {
	for _, tc := range []struct {
		e    LineError
		want string
	}{
		{LineError{Name: "f", Line: 3, Err: errors.New("x")}, "f:3: x"},
		{LineError{Name: "f", Line: 3, Last: 3, Err: errors.New("x")}, "f:3: x"},
		{LineError{Name: "-", Line: 3, Last: 9, Err: errors.New("x")}, "-:3-9: x"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.e, got, tc.want)
		}
	}
}

func TestReadLineCapsLength(t *testing.T) {
	in := strings.Repeat("a", 100) + "\nshort\n" + strings.Repeat("b", 70000) + "\nlast"
	for _, tc := range []struct {
		max  int64
		want []string
	}{
		{80000, []string{"100", "5", "70000", "4"}},
		{1000, []string{"100", "5", "TOO LONG", "4"}},
		{100, []string{"100", "5", "TOO LONG", "4"}},
		{99, []string{"TOO LONG", "5", "TOO LONG", "4"}},
	} {
		br := bufio.NewReaderSize(strings.NewReader(in), 4096)
		var got []string
		for {
			line, err := readLine(br, tc.max)
			if len(line) == 0 && err != nil && !errors.Is(err, ErrLineTooLong) {
				break
			}
			if errors.Is(err, ErrLineTooLong) {
				got = append(got, "TOO LONG")
				continue
			}
			got = append(got, fmt.Sprint(len(line)))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("cap %d (-want +got):\n%s", tc.max, diff)
		}
	}
}

func FuzzParseRecord(f *testing.F) {
	f.Add([]byte(`{"document":{"text":"Egypt condemned Israel."}}`))
	f.Add([]byte(`{"document":{"text":"Kenya met India.","id":"x"},"analysis":{"events":[{"id":"e1","trigger":{"start":0,"end":5}}],"annotations":[{"kind":"actor","span":{"start":0,"end":5},"ref":{"start":9,"end":1}}]}}`))
	f.Add([]byte(`{"document":{"text":"a\u0000b"}}`))
	f.Add([]byte(`{"document":{"text":"ok"}} {"x":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		it, err := parseRecord(b)
		if err != nil {
			return
		}
		if it.Doc.ID != doc.ContentID(it.Doc.Text) {
			t.Errorf("ID %s is not the text's", it.Doc.ID)
		}
		if a := it.Analysis; a != nil {
			for _, an := range a.Annotations {
				if !an.Span.Valid(len(it.Doc.Text)) {
					t.Errorf("span %v outside a text of %d bytes", an.Span, len(it.Doc.Text))
				}
			}
		}
	})
}
