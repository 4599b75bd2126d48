package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// added is the fixed DATEADDED of the GDELT golden file.
var added = time.Date(2024, 3, 2, 15, 4, 5, 0, time.UTC)

func readEvents(t *testing.T) []event.Event {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "events.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var es []event.Event
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e event.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return es
}

func codebook(t *testing.T) *cameo.Codebook {
	t.Helper()
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func write(t *testing.T, format string, es []event.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(format, &buf, Options{Codebook: codebook(t), Added: added})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden pins the exact bytes of every format on events that exercise
// quoting, missing actors and dates, IDs that are not hex and contexts
// from the codebook.
func TestGolden(t *testing.T) {
	es := readEvents(t)
	for _, tc := range []struct{ format, golden string }{
		{JSONL, "events.out.jsonl"},
		{CSV, "events.csv"},
		{GDELT, "events.gdelt.tsv"},
		{PLOVER, "events.plover.jsonl"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			got := write(t, tc.format, es)
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.format, diff)
			}
		})
	}
}

func TestNoEventsWritesNothing(t *testing.T) {
	for _, f := range Formats() {
		if got := write(t, f, nil); len(got) != 0 {
			t.Errorf("%s: %q, want nothing", f, got)
		}
	}
}

func TestNewWriterRefuses(t *testing.T) {
	if _, err := NewWriter("xml", &bytes.Buffer{}, Options{}); !errors.Is(err, ErrFormat) {
		t.Errorf("xml: %v, want ErrFormat", err)
	}
	if _, err := NewWriter(PLOVER, &bytes.Buffer{}, Options{}); err == nil {
		t.Error("plover without a codebook: no error")
	}
}

func TestGDELTRowHas61Columns(t *testing.T) {
	for _, e := range readEvents(t) {
		if n := len(gdeltRow(e, added)); n != 61 {
			t.Errorf("%s: %d columns, want 61", e.ID, n)
		}
	}
}

func TestGDELTID(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"ff", "255"},
		{"9f2c4e1a7b3d5f60a1b2c3d4e5f60718", "716851764165596662"}, // first 15 hex digits
		{"fffffffffffffff", "1152921504606846975"},
		{"not-hex", "not-hex"},
		{"", ""},
	} {
		if got := gdeltID(tc.id); got != tc.want {
			t.Errorf("gdeltID(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}

func TestPloverContexts(t *testing.T) {
	cb := codebook(t)
	for _, tc := range []struct {
		code string
		want []string
	}{
		{"1121", []string{"crime", "corruption"}},
		{"195", []string{"military"}},
		{"042", nil},
		{"9999", nil}, // not in the codebook
	} {
		r := toPlover(event.Event{Code: tc.code}, cb)
		if diff := cmp.Diff(tc.want, r.Context); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.code, diff)
		}
		if r.Event == nil {
			t.Errorf("%s: event is null, want []", tc.code)
		}
	}
}
