// Package corpus is dyad's gold corpus of annotated events: its JSON format,
// the plain-text authoring format annotators write, the checker that keeps
// both honest, the fixed train/dev/test split and the mix statistics.
//
// The guideline the annotations follow is docs/annotation.md. A Document is
// one line of data/corpus/{train,dev,test}.jsonl; every span in it is a byte
// range of Document.Text.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
)

// Registers are the kinds of document the corpus mixes (docs/annotation.md §10).
var registers = []string{"wire", "headline", "interview", "analysis", "readout"}

// Statuses are the event statuses in the order the guideline lists them.
var statuses = []string{"asserted", "reported", "negated", "hypothetical", "future", "denied"}

// attachments are the ways a target attaches to its trigger.
var attachments = []string{"object", "preposition", "passive", "nominal", "other"}

// Document is one annotated document.
type Document struct {
	ID       string  `json:"id"`
	Register string  `json:"register"`
	Date     string  `json:"date"` // publication date, YYYY-MM-DD
	Outlet   string  `json:"outlet"`
	Title    string  `json:"title"`
	Text     string  `json:"text"`
	Events   []Event `json:"events"`

	line       int   // where the document starts in an authoring file; 0 for JSON
	eventLines []int // where each event starts in an authoring file
}

// Span is a byte range of the document's text with the words it covers.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Actor is a span naming an actor, with its CAMEO actor code.
type Actor struct {
	Span
	Code string `json:"code"`
	// CountryInferred marks a country taken from the context, not the words.
	CountryInferred bool `json:"country_inferred,omitempty"`
	// Coref marks words that refer back to the actor (pronouns, "the two
	// countries", a capital for its government).
	Coref bool `json:"coref,omitempty"`
	// Attach says how a target attaches to the trigger; empty for sources
	// and speakers.
	Attach string `json:"attach,omitempty"`
}

// Date is an event's date: a TimeML value, with the span that fixes it, or
// the publication date marked as such (no span).
type Date struct {
	Text        string `json:"text,omitempty"`
	Start       int    `json:"start,omitempty"`
	End         int    `json:"end,omitempty"`
	Value       string `json:"value"`
	Publication bool   `json:"publication,omitempty"`
}

// Location is the stated place of an event.
type Location struct {
	Span
	Name    string `json:"name"`
	Country string `json:"country"`
}

// Event is one annotated event.
type Event struct {
	Trigger    Span      `json:"trigger"`
	Code       string    `json:"code"`
	PloverType string    `json:"plover_type"`
	PloverMode string    `json:"plover_mode"`
	Source     Actor     `json:"source"`
	Target     *Actor    `json:"target"`
	Status     string    `json:"status"`
	Cue        *Span     `json:"cue"`
	Speaker    *Actor    `json:"speaker"`
	Date       Date      `json:"date"`
	Location   *Location `json:"location"`
}

// Doc is the document as the analysis reads it: its id, title, outlet,
// text, English, published on its date (UTC midnight). It fails when the
// date is not YYYY-MM-DD.
func (d Document) Doc() (doc.Document, error) {
	pub, err := time.Parse(time.DateOnly, d.Date)
	if err != nil {
		return doc.Document{}, fmt.Errorf("document %s: date %q: %w", d.ID, d.Date, err)
	}
	return doc.Document{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: pub, Lang: "en", Text: d.Text}, nil
}

// Describe is one line naming the event's fields, for adjudication: the
// trigger and its offset, the code, source, target (- when none), status and
// date value.
func (e Event) Describe() string {
	tgt := "-"
	if e.Target != nil {
		tgt = fmt.Sprintf("%q %s", e.Target.Text, e.Target.Code)
	}
	return fmt.Sprintf("%q @%d %s  %q %s -> %s  %s  date %s", e.Trigger.Text, e.Trigger.Start, e.Code, e.Source.Text, e.Source.Code, tgt, e.Status, e.Date.Value)
}

// MaxLine bounds one JSON line of the corpus files.
const MaxLine = 4 << 20

// ReadFile reads a corpus JSON Lines file. A malformed line is reported with
// its line number and skipped; the other documents are returned.
func ReadFile(path string) ([]Document, []Diagnostic, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	docs, diags := Read(path, f)
	return docs, diags, nil
}

// Read reads corpus JSON Lines from r; name labels the diagnostics.
func Read(name string, r io.Reader) ([]Document, []Diagnostic) {
	var docs []Document
	var diags []Diagnostic
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		var d Document
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			diags = append(diags, Diagnostic{File: name, Line: line, Err: true, Msg: fmt.Sprintf("bad JSON: %v", err)})
			continue
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		diags = append(diags, Diagnostic{File: name, Line: line + 1, Err: true, Msg: fmt.Sprintf("read: %v", err)})
	}
	return docs, diags
}

// Write writes documents as JSON Lines, one per line, in the given order.
func Write(w io.Writer, docs []Document) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range docs {
		if docs[i].Events == nil {
			docs[i].Events = []Event{}
		}
		if err := enc.Encode(&docs[i]); err != nil {
			return fmt.Errorf("document %s: %w", docs[i].ID, err)
		}
	}
	return bw.Flush()
}

// Diagnostic is one finding of the builder or the checker.
type Diagnostic struct {
	File string
	Line int    // 1-based line in File; 0 when unknown
	Doc  string // document id, when known
	Err  bool   // an error (the corpus is wrong) rather than a warning
	Msg  string
}

func (d Diagnostic) String() string {
	kind := "warning"
	if d.Err {
		kind = "error"
	}
	loc := d.File
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	if d.Doc != "" {
		loc += " " + d.Doc
	}
	return fmt.Sprintf("%s: %s: %s", loc, kind, d.Msg)
}

// Errors counts the diagnostics that are errors.
func Errors(ds []Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Err {
			n++
		}
	}
	return n
}
