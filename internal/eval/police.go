package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dyad-project/dyad/internal/event"
)

// PoliceSentence is one sentence of the IndiaPoliceEvents corpus with its
// human labels (ANY_ACTION, ARREST, FORCE, KILL, FAIL).
type PoliceSentence struct {
	DocID  int      `json:"doc_id"`
	SentID int      `json:"sent_id"`
	Labels []string `json:"sent_labels"`
	Text   string   `json:"sent_text"`
}

// PoliceDoc is one article: its text and dated sentences.
type PoliceDoc struct {
	ID        int
	Text      string
	Date      string
	Sentences []PoliceSentence
	Offsets   []int // byte offset of each sentence in Text, -1 when not found
}

// ReadPoliceSentences reads sents.jsonl; a malformed line is an error
// naming it.
func ReadPoliceSentences(r io.Reader, name string) ([]PoliceSentence, error) {
	var out []PoliceSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for line := 1; sc.Scan(); line++ {
		var s PoliceSentence
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// GroupPolice joins the sentences into documents in file order, the text
// being the sentences' texts concatenated, and dates each from dates (doc
// ID → YYYY-MM-DD).
func GroupPolice(sents []PoliceSentence, dates map[int]string) []PoliceDoc {
	var out []PoliceDoc
	for _, s := range sents {
		if len(out) == 0 || out[len(out)-1].ID != s.DocID {
			out = append(out, PoliceDoc{ID: s.DocID, Date: dates[s.DocID]})
		}
		d := &out[len(out)-1]
		d.Offsets = append(d.Offsets, len(d.Text))
		d.Sentences = append(d.Sentences, s)
		d.Text += s.Text
		if !strings.HasSuffix(s.Text, "\n") && !strings.HasSuffix(s.Text, " ") {
			d.Text += " "
		}
	}
	return out
}

// PoliceClass is a police action scored, with the test an event must pass
// to count.
type PoliceClass struct {
	Label string
	Match func(e event.Event) bool
}

// PoliceClasses returns the police actions scored: police (a COP source)
// arresting (173), and police killing or using force (a COP source with an
// assault, fight or mass violence root, or violent repression, 175).
func PoliceClasses() []PoliceClass {
	return []PoliceClass{
		{"ARREST", func(e event.Event) bool { return policeSource(e) && strings.HasPrefix(e.Code, "173") }},
		{"KILL", func(e event.Event) bool { return policeSource(e) && violent(e) }},
		{"FORCE", func(e event.Event) bool { return policeSource(e) && violent(e) }},
	}
}

func policeSource(e event.Event) bool {
	return e.Source.Sector == "COP" || strings.HasSuffix(e.Source.Code, "COP")
}

func violent(e event.Event) bool {
	return e.Root == "18" || e.Root == "19" || e.Root == "20" || e.Code == "175"
}

// PoliceScore holds sentence-level precision and recall per class.
type PoliceScore struct {
	Sentences int
	ByLabel   map[string]*PRF
}

// ScorePolice counts, for each class, the sentences with a counted event
// (asserted or reported) passing the class test against those labelled.
func ScorePolice(d PoliceDoc, events []event.Event, s *PoliceScore) {
	if s.ByLabel == nil {
		s.ByLabel = map[string]*PRF{}
	}
	for k, sent := range d.Sentences {
		s.Sentences++
		start := d.Offsets[k]
		end := start + len(sent.Text)
		for _, c := range PoliceClasses() {
			gold := false
			for _, l := range sent.Labels {
				if l == c.Label {
					gold = true
				}
			}
			sys := false
			for _, e := range events {
				if e.Trigger.Start >= start && e.Trigger.Start < end && e.Status.Counted() && c.Match(e) {
					sys = true
				}
			}
			p := s.ByLabel[c.Label]
			if p == nil {
				p = &PRF{}
				s.ByLabel[c.Label] = p
			}
			switch {
			case gold && sys:
				p.TP++
			case gold:
				p.FN++
			case sys:
				p.FP++
			}
		}
	}
}
