package eval

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/internal/doc"
)

// ClassRecord is one sentence of the ConfliBERT cameo_class format: text,
// a tab and its five-way label (0 statement, 1 verbal cooperation, 2
// material cooperation, 3 verbal conflict, 4 material conflict).
type ClassRecord struct {
	Line  int
	Text  string
	Label int
}

// maxLineBytes bounds one line of the ConfliBERT files.
const maxLineBytes = 1 << 20

// ReadClassTSV reads the cameo_class format. Errors name the line.
func ReadClassTSV(r io.Reader, name string) ([]ClassRecord, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	var out []ClassRecord
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		i := strings.LastIndexByte(line, '\t')
		if i < 0 {
			return out, fmt.Errorf("%s:%d: want TEXT<TAB>LABEL", name, n)
		}
		l, err := strconv.Atoi(strings.TrimSpace(line[i+1:]))
		if err != nil || l < 0 || l > 4 {
			return out, fmt.Errorf("%s:%d: label %q: want 0-4", name, n, line[i+1:])
		}
		out = append(out, ClassRecord{Line: n, Text: line[:i], Label: l})
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// SpanRecord is one sentence of the ConfliBERT cameo_ner format, its tokens
// joined by single spaces into Text, with the gold source (S) and target
// (T) spans as byte ranges of Text.
type SpanRecord struct {
	Line    int
	Text    string
	Sources []doc.Span
	Targets []doc.Span
}

// ReadBIO reads the cameo_ner format: "TOKEN TAG" lines, a blank line
// between sentences; tags B-S/I-S (source), B-T/I-T (target), others
// ignored.
func ReadBIO(r io.Reader, name string) ([]SpanRecord, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	var out []SpanRecord
	var cur SpanRecord
	var b strings.Builder
	open := "" // role of the span being built
	start := 0
	closeSpan := func() {
		if open == "" {
			return
		}
		sp := doc.Span{Start: start, End: b.Len()}
		if open == "S" {
			cur.Sources = append(cur.Sources, sp)
		} else {
			cur.Targets = append(cur.Targets, sp)
		}
		open = ""
	}
	flush := func() {
		closeSpan()
		if b.Len() > 0 {
			cur.Text = b.String()
			out = append(out, cur)
		}
		cur = SpanRecord{}
		b.Reset()
	}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			return out, fmt.Errorf("%s:%d: want TOKEN TAG", name, n)
		}
		if cur.Line == 0 {
			cur.Line = n
		}
		tag := f[1]
		role := ""
		if len(tag) > 2 && (tag[2:] == "S" || tag[2:] == "T") {
			role = tag[2:]
		}
		switch {
		case strings.HasPrefix(tag, "B-") || role == "" || role != open:
			closeSpan()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if role != "" && open == "" {
			open, start = role, b.Len()
		}
		b.WriteString(f[0])
	}
	flush()
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// PRF holds counts and the derived precision, recall and F1.
type PRF struct{ TP, FP, FN int }

func (p PRF) Precision() float64 { return ratio0(p.TP, p.TP+p.FP) }
func (p PRF) Recall() float64    { return ratio0(p.TP, p.TP+p.FN) }
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func ratio0(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ScoreSpans adds the comparison of predicted and gold spans of one role to
// exact (same start and end) and overlap (any shared byte) counts.
func ScoreSpans(gold, pred []doc.Span, exact, overlap *PRF) {
	used := make([]bool, len(gold))
	usedO := make([]bool, len(gold))
	for _, p := range pred {
		hit, hitO := false, false
		for i, g := range gold {
			if !used[i] && g == p {
				used[i], hit = true, true
				break
			}
		}
		for i, g := range gold {
			if !usedO[i] && g.Start < p.End && p.Start < g.End {
				usedO[i], hitO = true, true
				break
			}
		}
		if hit {
			exact.TP++
		} else {
			exact.FP++
		}
		if hitO {
			overlap.TP++
		} else {
			overlap.FP++
		}
	}
	for i := range gold {
		if !used[i] {
			exact.FN++
		}
		if !usedO[i] {
			overlap.FN++
		}
	}
}
