// Package eval loads gold-standard annotations and scores dyad's stages
// against them.
package eval

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// maxTimeMLBytes bounds one TimeML file.
const maxTimeMLBytes = 8 << 20

// TimeMLDoc is the part of a TimeML document the temporal scorer needs: the
// raw text of its TEXT element with the TIMEX3 tags removed, the gold
// expressions with byte offsets into that text, and the document creation
// time.
type TimeMLDoc struct {
	Name   string
	DCT    time.Time // calendar day of the CREATION_TIME TIMEX3
	Text   string
	Timexs []GoldTimex
}

// GoldTimex is one TIMEX3 of a TimeML TEXT element.
type GoldTimex struct {
	TID   string
	Type  string
	Value string
	Mod   string
	Start int // byte offset into TimeMLDoc.Text
	End   int
	Text  string
}

// ReadTimeML parses one TimeML document. name is used in errors. It walks
// the XML tokens keeping the running length of the TEXT element's character
// data, so TIMEX3 offsets point into the stripped text. It returns an error
// naming the problem when there is no TEXT element or no creation time.
func ReadTimeML(r io.Reader, name string) (TimeMLDoc, error) {
	doc := TimeMLDoc{Name: name}
	data, err := io.ReadAll(io.LimitReader(r, maxTimeMLBytes+1))
	if err != nil {
		return doc, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxTimeMLBytes {
		return doc, fmt.Errorf("%s: larger than %d bytes", name, maxTimeMLBytes)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var text strings.Builder
	inText, inDCT, sawText := false, false, false
	type open struct {
		g     GoldTimex
		start int
	}
	var stack []open // open TIMEX3 elements inside TEXT
	var dctValue string
	depth := 0
	for {
		tk, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return doc, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		switch t := tk.(type) {
		case xml.StartElement:
			depth++
			if depth > 64 {
				line, _ := dec.InputPos()
				return doc, fmt.Errorf("%s:%d: elements nested deeper than 64", name, line)
			}
			switch t.Name.Local {
			case "TEXT":
				inText, sawText = true, true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				g := GoldTimex{}
				fn := ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "tid":
						g.TID = a.Value
					case "type":
						g.Type = a.Value
					case "value":
						g.Value = a.Value
					case "mod":
						g.Mod = a.Value
					case "functionInDocument":
						fn = a.Value
					}
				}
				if fn == "CREATION_TIME" || inDCT {
					if dctValue == "" {
						dctValue = g.Value
					}
				}
				if inText {
					stack = append(stack, open{g: g, start: text.Len()})
				}
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if inText && len(stack) > 0 {
					o := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					o.g.Start, o.g.End = o.start, text.Len()
					doc.Timexs = append(doc.Timexs, o.g)
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		}
	}
	if !sawText {
		return doc, fmt.Errorf("%s: no TEXT element", name)
	}
	if dctValue == "" {
		return doc, fmt.Errorf("%s: no TIMEX3 with functionInDocument=\"CREATION_TIME\"", name)
	}
	if len(dctValue) < 10 {
		return doc, fmt.Errorf("%s: creation time %q is not a day", name, dctValue)
	}
	dct, err := time.Parse("2006-01-02", dctValue[:10])
	if err != nil {
		return doc, fmt.Errorf("%s: creation time %q: %w", name, dctValue, err)
	}
	doc.DCT = dct
	doc.Text = text.String()
	for i := range doc.Timexs {
		g := &doc.Timexs[i]
		g.Text = doc.Text[g.Start:g.End]
	}
	sort.SliceStable(doc.Timexs, func(i, j int) bool { return doc.Timexs[i].Start < doc.Timexs[j].Start })
	return doc, nil
}

// ReadTimeMLDir reads every .tml file of dir in name order. A file that
// cannot be read or parsed is reported in errs and skipped.
func ReadTimeMLDir(dir string) (docs []TimeMLDoc, errs []error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %w", dir, err)}
	}
	if len(names) == 0 {
		return nil, []error{fmt.Errorf("%s: no .tml files", dir)}
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d, err := ReadTimeML(f, n)
		f.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

// SysTimex is one expression a system found in a TimeMLDoc's Text.
type SysTimex struct {
	Start, End  int
	Type, Value string
}

// TimexScores are TempEval-3 style figures for temporal expressions.
// Strict matches need identical extents, relaxed ones any overlap; each
// gold and each system expression is matched at most once. Value and type
// are judged on relaxed matches: value F1 counts relaxed matches with the
// same value over the gold and system totals.
type TimexScores struct {
	Docs, Gold, System      int
	Strict, Relaxed         int // matched pairs
	ValueCorrect, TypeRight int
	Errors                  []TimexError // every unmatched or mis-valued expression
}

// TimexError is one disagreement, for reading.
type TimexError struct {
	Doc        string
	Kind       string // "missed", "spurious", "value", "type"
	Text       string
	Gold, Sys  string // type:value
	Start, End int
	Context    string
}

// F1 returns the harmonic mean of p and r (0 when both are 0).
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// StrictPRF returns strict extraction precision, recall and F1.
func (s TimexScores) StrictPRF() (float64, float64, float64) {
	p, r := ratio(s.Strict, s.System), ratio(s.Strict, s.Gold)
	return p, r, F1(p, r)
}

// RelaxedPRF returns relaxed extraction precision, recall and F1.
func (s TimexScores) RelaxedPRF() (float64, float64, float64) {
	p, r := ratio(s.Relaxed, s.System), ratio(s.Relaxed, s.Gold)
	return p, r, F1(p, r)
}

// ValuePRF returns value precision, recall and F1.
func (s TimexScores) ValuePRF() (float64, float64, float64) {
	p, r := ratio(s.ValueCorrect, s.System), ratio(s.ValueCorrect, s.Gold)
	return p, r, F1(p, r)
}

// ValueAccuracy is the share of relaxed matches with the gold value.
func (s TimexScores) ValueAccuracy() float64 { return ratio(s.ValueCorrect, s.Relaxed) }

// TypeAccuracy is the share of relaxed matches with the gold type.
func (s TimexScores) TypeAccuracy() float64 { return ratio(s.TypeRight, s.Relaxed) }

// ScoreTimeML runs sys over every document and scores its expressions
// against the gold TIMEX3s.
func ScoreTimeML(docs []TimeMLDoc, sys func(TimeMLDoc) []SysTimex) TimexScores {
	var sc TimexScores
	for _, d := range docs {
		got := sys(d)
		sc.Docs++
		sc.Gold += len(d.Timexs)
		sc.System += len(got)
		used := make([]bool, len(got))
		ctx := func(a, b int) string {
			a0, b0 := max(0, a-40), min(len(d.Text), b+40)
			return strings.Join(strings.Fields(d.Text[a0:a]+"[["+d.Text[a:b]+"]]"+d.Text[b:b0]), " ")
		}
		for _, g := range d.Timexs {
			best := -1
			for k, s := range got {
				if used[k] || s.End <= g.Start || s.Start >= g.End {
					continue
				}
				if best < 0 || s.Start == g.Start && s.End == g.End {
					best = k
				}
			}
			if best < 0 {
				sc.Errors = append(sc.Errors, TimexError{Doc: d.Name, Kind: "missed", Text: g.Text, Gold: g.Type + ":" + g.Value,
					Start: g.Start, End: g.End, Context: ctx(g.Start, g.End)})
				continue
			}
			used[best] = true
			s := got[best]
			sc.Relaxed++
			if s.Start == g.Start && s.End == g.End {
				sc.Strict++
			}
			if s.Value == g.Value {
				sc.ValueCorrect++
			} else {
				sc.Errors = append(sc.Errors, TimexError{Doc: d.Name, Kind: "value", Text: d.Text[s.Start:s.End], Gold: g.Type + ":" + g.Value,
					Sys: s.Type + ":" + s.Value, Start: g.Start, End: g.End, Context: ctx(g.Start, g.End)})
			}
			if s.Type == g.Type {
				sc.TypeRight++
			}
		}
		for k, s := range got {
			if !used[k] {
				sc.Errors = append(sc.Errors, TimexError{Doc: d.Name, Kind: "spurious", Text: d.Text[s.Start:s.End], Sys: s.Type + ":" + s.Value,
					Start: s.Start, End: s.End, Context: ctx(s.Start, s.End)})
			}
		}
	}
	return sc
}
