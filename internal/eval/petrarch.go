package eval

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/cameo"
)

// PetrarchRecord is one <Sentence> of a PETRARCH validation file.
type PetrarchRecord struct {
	ID       string
	Date     time.Time
	Category string
	Valid    bool // sentence="true": a record to code
	Text     string
	Expected []Coding // events the record expects
	NoEvents bool     // the record expects no event
	Error    string   // the record expects a coder error (dateline, discard, ...)
	Config   map[string]string
}

// Coding is one expected or produced event of a PETRARCH record.
type Coding struct{ Source, Target, Code string }

func (c Coding) String() string { return c.Source + " " + c.Target + " " + c.Code }

// maxPetrarchBytes bounds one records file.
const maxPetrarchBytes = 64 << 20

// ReadPetrarchRecords parses a PETRARCH validation XML file. <Config>
// elements apply to the records that follow them. Parse trees are ignored.
func ReadPetrarchRecords(r io.Reader, name string) ([]PetrarchRecord, error) {
	dec := xml.NewDecoder(io.LimitReader(r, maxPetrarchBytes))
	dec.Strict = false
	var out []PetrarchRecord
	config := map[string]string{}
	var cur *PetrarchRecord
	var field string
	var buf strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return out, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			attr := func(k string) string {
				for _, a := range t.Attr {
					if strings.EqualFold(a.Name.Local, k) {
						return strings.TrimSpace(a.Value)
					}
				}
				return ""
			}
			switch t.Name.Local {
			case "Config":
				if cur == nil {
					config = cloneMap(config)
					config[strings.ToLower(attr("option"))] = strings.ToLower(attr("value"))
				}
			case "Sentence":
				line, _ := dec.InputPos()
				rec := PetrarchRecord{ID: attr("id"), Category: attr("category"), Config: config}
				v := attr("sentence")
				if v == "" {
					v = attr("valid")
				}
				rec.Valid = strings.EqualFold(v, "true")
				if d := attr("date"); d != "" {
					dt, err := time.Parse("20060102", d)
					if err != nil {
						return out, fmt.Errorf("%s:%d: record %s: date %q: want YYYYMMDD", name, line, rec.ID, d)
					}
					rec.Date = dt
				}
				cur = &rec
			case "EventCoding":
				if cur == nil {
					continue
				}
				switch {
				case strings.EqualFold(attr("noevents"), "true"):
					cur.NoEvents = true
				case attr("error") != "":
					cur.Error = attr("error")
				default:
					cur.Expected = append(cur.Expected, Coding{Source: attr("sourcecode"), Target: attr("targetcode"), Code: attr("eventcode")})
				}
			case "Text":
				field = "text"
				buf.Reset()
			}
		case xml.CharData:
			if field == "text" {
				buf.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Text":
				if cur != nil {
					cur.Text = strings.Join(strings.Fields(buf.String()), " ")
				}
				field = ""
			case "Sentence":
				if cur != nil {
					out = append(out, *cur)
				}
				cur = nil
			}
		}
	}
	return out, nil
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// PetrarchDicts are the dictionaries a validation file names, loaded into
// dyad's structures: the actor, agent and discard files through the actor
// package's PETRARCH importer, the verb file through cameo's.
type PetrarchDicts struct {
	Actors   *actor.Dictionary
	Patterns *cameo.Patterns
	Skipped  []string // verb patterns the import could not represent
}

// LoadPetrarchDicts loads PETR.Validate.{actors,agents,discards,verbs}.txt
// (or the files named) from dir.
func LoadPetrarchDicts(dir, actorsFile, agentsFile, discardsFile, verbsFile string) (*PetrarchDicts, error) {
	var files []actor.File
	for _, f := range []struct {
		name string
		kind actor.PetrarchKind
	}{{actorsFile, actor.PetrarchCountries}, {agentsFile, actor.PetrarchAgents}, {discardsFile, actor.PetrarchDiscards}} {
		if f.name == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			return nil, err
		}
		entries, probs := actor.ImportPetrarch(bytes.NewReader(b), f.name, f.kind)
		if errs := probs.Errors(); len(errs) > 0 {
			return nil, fmt.Errorf("%s: %w", f.name, errs)
		}
		var w bytes.Buffer
		if err := actor.Write(&w, entries); err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		files = append(files, actor.File{Name: f.name, Layer: "petrarch", Data: w.Bytes()})
	}
	d, err := actor.Load(files...)
	if err != nil {
		return nil, err
	}
	vb, err := os.ReadFile(filepath.Join(dir, verbsFile))
	if err != nil {
		return nil, err
	}
	var conv bytes.Buffer
	st, err := cameo.ImportPetrarchVerbs(bytes.NewReader(vb), verbsFile, &conv)
	if err != nil {
		return nil, err
	}
	p := cameo.NewPatterns()
	if err := p.Parse(verbsFile+" (converted)", conv.String()); err != nil {
		return nil, err
	}
	return &PetrarchDicts{Actors: d, Patterns: p, Skipped: st.Skipped}, nil
}

// PetrarchOutcome is the scoring of one record.
type PetrarchOutcome struct {
	Record   *PetrarchRecord
	Got      []Coding
	Found    int  // expected codings reproduced
	Extra    int  // produced codings not expected
	Pass     bool // every expected coding reproduced, and none produced when none expected
	Scorable bool // the record has expected codings or expects none
}

// ScorePetrarch compares what a coder produced for a record with what it
// expects. Codes compare exactly; actor codes compare exactly after
// PETRARCH's padding of empty fields ("---") is removed.
func ScorePetrarch(rec *PetrarchRecord, got []Coding) PetrarchOutcome {
	o := PetrarchOutcome{Record: rec, Got: dedupCodings(got)}
	o.Scorable = rec.Valid && rec.Error == "" && (len(rec.Expected) > 0 || rec.NoEvents)
	have := map[Coding]bool{}
	for _, g := range o.Got {
		have[normCoding(g)] = true
	}
	want := map[Coding]bool{}
	for _, e := range rec.Expected {
		want[normCoding(e)] = true
		if have[normCoding(e)] {
			o.Found++
		}
	}
	for _, g := range o.Got {
		if !want[normCoding(g)] {
			o.Extra++
		}
	}
	if rec.NoEvents {
		o.Pass = len(o.Got) == 0
	} else {
		o.Pass = o.Found == len(rec.Expected)
	}
	return o
}

func normCoding(c Coding) Coding {
	f := func(s string) string { return strings.ToUpper(strings.Trim(strings.TrimSpace(s), "-")) }
	return Coding{f(c.Source), f(c.Target), f(c.Code)}
}

func dedupCodings(cs []Coding) []Coding {
	seen := map[Coding]bool{}
	var out []Coding
	for _, c := range cs {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// PetrarchSummary totals outcomes.
type PetrarchSummary struct {
	Records, Passed           int
	Expected, Found           int
	NoEventRecords, FalseHits int // records expecting none, and those that got events
	Extra                     int
}

// SummarizePetrarch totals the scorable outcomes.
func SummarizePetrarch(os []PetrarchOutcome) PetrarchSummary {
	var s PetrarchSummary
	for _, o := range os {
		if !o.Scorable {
			continue
		}
		s.Records++
		if o.Pass {
			s.Passed++
		}
		s.Expected += len(o.Record.Expected)
		s.Found += o.Found
		s.Extra += o.Extra
		if o.Record.NoEvents {
			s.NoEventRecords++
			if len(o.Got) > 0 {
				s.FalseHits++
			}
		}
	}
	return s
}

// PetrarchCoder codes the text of one record into codings. The eval
// command builds it from the analysis package with the record's
// dictionaries.
type PetrarchCoder func(rec *PetrarchRecord) []Coding

// RunPetrarch codes every valid record and scores it.
func RunPetrarch(recs []PetrarchRecord, code PetrarchCoder) []PetrarchOutcome {
	out := make([]PetrarchOutcome, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		if !r.Valid {
			out = append(out, PetrarchOutcome{Record: r})
			continue
		}
		out = append(out, ScorePetrarch(r, code(r)))
	}
	return out
}
