// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies (https://universaldependencies.org/format.html).
//
// The Reader streams one sentence at a time. Comment lines, multiword token
// ranges ("3-4") and empty nodes ("8.1") are kept so that a sentence read and
// written again is unchanged. A malformed sentence yields an *Error naming
// the line and the field; the next call to Next resumes at the following
// sentence, so one bad sentence does not end a batch.
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/nlp"
)

// Size bounds on untrusted input.
const (
	MaxLineBytes = 1 << 20 // longest accepted line
	MaxWords     = 4096    // most words in one sentence
)

// Word is one syntactic word line with an integer ID.
type Word struct {
	ID     int    // 1-based position in the sentence
	Form   string //
	Lemma  string //
	UPOS   string //
	XPOS   string //
	Feats  string //
	Head   int    // 0 for the root; -1 when the field is "_"
	Deprel string //
	Deps   string // enhanced dependencies, kept verbatim
	Misc   string //
	line   int    // where it was read, for errors
}

// MultiToken is a multiword token range line such as "3-4 don't".
type MultiToken struct {
	First, Last int // the word IDs it spans, inclusive
	Form        string
	Misc        string
	line        int // where it was read, for errors
}

// EmptyNode is an enhanced-graph empty node such as "8.1"; its fields are
// kept verbatim.
type EmptyNode struct {
	Major, Minor int       // ID Major.Minor; it follows word Major (0: before word 1)
	Fields       [9]string // FORM through MISC
}

// Sentence is one CoNLL-U sentence.
type Sentence struct {
	Comments []string // comment lines without the leading "#", in order
	Words    []Word
	Multi    []MultiToken
	Empty    []EmptyNode
	Line     int // line number of the sentence's first line
}

// Comment returns the value of the comment "# key = value", or "".
func (s *Sentence) Comment(key string) string {
	for _, c := range s.Comments {
		c = strings.TrimSpace(c)
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// SpaceAfter reports whether the MISC field of a word or token says that a
// space follows it (anything but SpaceAfter=No).
func SpaceAfter(misc string) bool {
	for f := range strings.SplitSeq(misc, "|") {
		if f == "SpaceAfter=No" {
			return false
		}
	}
	return true
}

// Error is a problem in the input at a line.
type Error struct {
	Line  int    // 1-based line number
	Field string // the CoNLL-U column, or "" for the line as a whole
	Msg   string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d: %s: %s", e.Line, e.Field, e.Msg)
}

// Reader reads sentences from CoNLL-U text.
type Reader struct {
	sc   *bufio.Scanner
	line int
	err  error // sticky I/O error
}

// NewReader returns a Reader over r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLineBytes)
	return &Reader{sc: sc}
}

var fieldNames = [10]string{"ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"}

// Next returns the next sentence, io.EOF after the last one, or an *Error
// for a malformed sentence (after which Next may be called again).
func (r *Reader) Next() (*Sentence, error) {
	if r.err != nil {
		return nil, r.err
	}
	var s *Sentence
	var bad *Error
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if s == nil && bad == nil {
				continue
			}
			break
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if bad != nil {
			continue // skip the rest of a bad sentence
		}
		if strings.HasPrefix(line, "#") {
			if len(s.Words) > 0 || len(s.Multi) > 0 || len(s.Empty) > 0 {
				bad = &Error{Line: r.line, Msg: "comment after the first word line"}
				continue
			}
			s.Comments = append(s.Comments, line[1:])
			continue
		}
		if e := s.addLine(line, r.line); e != nil {
			bad = e
		}
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			r.err = &Error{Line: r.line + 1, Msg: fmt.Sprintf("line longer than %d bytes", MaxLineBytes)}
		} else {
			r.err = fmt.Errorf("line %d: %w", r.line, err)
		}
		return nil, r.err
	}
	if bad != nil {
		return nil, bad
	}
	if s == nil {
		r.err = io.EOF
		return nil, io.EOF
	}
	if e := s.check(); e != nil {
		return nil, e
	}
	return s, nil
}

func (s *Sentence) addLine(line string, ln int) *Error {
	f := strings.Split(line, "\t")
	if len(f) != 10 {
		return &Error{Line: ln, Msg: fmt.Sprintf("%d tab-separated fields, want 10", len(f))}
	}
	id := f[0]
	if a, b, ok := strings.Cut(id, "-"); ok {
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return &Error{Line: ln, Field: "ID", Msg: fmt.Sprintf("bad range %q", id)}
		}
		if first != len(s.Words)+1 {
			return &Error{Line: ln, Field: "ID", Msg: fmt.Sprintf("range %q does not start at word %d", id, len(s.Words)+1)}
		}
		s.Multi = append(s.Multi, MultiToken{First: first, Last: last, Form: f[1], Misc: f[9], line: ln})
		return nil
	}
	if a, b, ok := strings.Cut(id, "."); ok {
		major, err1 := strconv.Atoi(a)
		minor, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || major < 0 || minor < 1 || major != len(s.Words) {
			return &Error{Line: ln, Field: "ID", Msg: fmt.Sprintf("bad empty node %q after word %d", id, len(s.Words))}
		}
		var e EmptyNode
		e.Major, e.Minor = major, minor
		copy(e.Fields[:], f[1:])
		s.Empty = append(s.Empty, e)
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil || n != len(s.Words)+1 {
		return &Error{Line: ln, Field: "ID", Msg: fmt.Sprintf("%q, want %d", id, len(s.Words)+1)}
	}
	if n > MaxWords {
		return &Error{Line: ln, Field: "ID", Msg: fmt.Sprintf("more than %d words in a sentence", MaxWords)}
	}
	for i := 1; i < 10; i++ {
		if f[i] == "" {
			return &Error{Line: ln, Field: fieldNames[i], Msg: "empty field (use _)"}
		}
	}
	w := Word{ID: n, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5], Deprel: f[7], Deps: f[8], Misc: f[9], line: ln}
	if f[6] == "_" {
		w.Head = -1
	} else {
		h, err := strconv.Atoi(f[6])
		if err != nil || h < 0 {
			return &Error{Line: ln, Field: "HEAD", Msg: fmt.Sprintf("%q is not a word index", f[6])}
		}
		w.Head = h
	}
	s.Words = append(s.Words, w)
	return nil
}

// check validates what needs the whole sentence: heads within range and
// ranges within the words.
func (s *Sentence) check() *Error {
	if len(s.Words) == 0 {
		return &Error{Line: s.Line, Msg: "sentence without words"}
	}
	for _, w := range s.Words {
		if w.Head > len(s.Words) {
			return &Error{Line: w.line, Field: "HEAD", Msg: fmt.Sprintf("%d beyond the %d words of the sentence", w.Head, len(s.Words))}
		}
	}
	for _, m := range s.Multi {
		if m.Last > len(s.Words) {
			return &Error{Line: m.line, Field: "ID", Msg: fmt.Sprintf("range %d-%d beyond the %d words", m.First, m.Last, len(s.Words))}
		}
	}
	return nil
}

// Writer writes sentences as CoNLL-U.
type Writer struct {
	w *bufio.Writer
}

// NewWriter returns a Writer to w. Call Flush when done.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Flush writes buffered data to the underlying writer.
func (w *Writer) Flush() error { return w.w.Flush() }

func field(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// Write writes one sentence followed by a blank line. Multiword ranges are
// written before their first word and empty nodes after their word.
func (w *Writer) Write(s *Sentence) error {
	b := w.w
	for _, c := range s.Comments {
		b.WriteByte('#')
		b.WriteString(c)
		b.WriteByte('\n')
	}
	mi, ei := 0, 0
	writeEmpty := func(major int) {
		for ei < len(s.Empty) && s.Empty[ei].Major == major {
			e := s.Empty[ei]
			fmt.Fprintf(b, "%d.%d", e.Major, e.Minor)
			for _, f := range e.Fields {
				b.WriteByte('\t')
				b.WriteString(field(f))
			}
			b.WriteByte('\n')
			ei++
		}
	}
	writeEmpty(0)
	for _, wd := range s.Words {
		for mi < len(s.Multi) && s.Multi[mi].First == wd.ID {
			m := s.Multi[mi]
			fmt.Fprintf(b, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, field(m.Form), field(m.Misc))
			mi++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, field(wd.Form), field(wd.Lemma),
			field(wd.UPOS), field(wd.XPOS), field(wd.Feats), head, field(wd.Deprel), field(wd.Deps), field(wd.Misc))
		writeEmpty(wd.ID)
	}
	_, err := b.WriteString("\n")
	return err
}

// ToNLP converts s into an nlp.Sentence over the text the words spell when
// joined with their SpaceAfter spacing (multiword tokens count as their
// surface form for spacing; their words get the token's offsets). It
// returns the sentence and that text. Offsets start at base.
func ToNLP(s *Sentence, base int) (nlp.Sentence, string) {
	var text strings.Builder
	toks := make([]nlp.Token, len(s.Words))
	mi := 0
	for i := 0; i < len(s.Words); i++ {
		w := &s.Words[i]
		if mi < len(s.Multi) && s.Multi[mi].First == w.ID {
			m := s.Multi[mi]
			mi++
			start := base + text.Len()
			text.WriteString(m.Form)
			end := base + text.Len()
			sp := SpaceAfter(m.Misc)
			for j := m.First; j <= m.Last; j++ {
				wj := &s.Words[j-1]
				toks[j-1] = wordToken(wj, start, end, sp && j == m.Last)
			}
			if sp {
				text.WriteByte(' ')
			}
			i = m.Last - 1
			continue
		}
		start := base + text.Len()
		text.WriteString(w.Form)
		sp := SpaceAfter(w.Misc)
		toks[i] = wordToken(w, start, base+text.Len(), sp)
		if sp {
			text.WriteByte(' ')
		}
	}
	t := text.String()
	end := base + len(strings.TrimRight(t, " "))
	return nlp.Sentence{Start: base, End: end, Tokens: toks}, t
}

func wordToken(w *Word, start, end int, space bool) nlp.Token {
	t := nlp.Token{Text: w.Form, Start: start, End: end, SpaceAfter: space, Lemma: w.Lemma, Feats: w.Feats, Head: w.Head, Rel: w.Deprel}
	if w.UPOS != "_" {
		t.UPOS = w.UPOS
	}
	if w.XPOS != "_" {
		t.XPOS = w.XPOS
	}
	if t.Lemma == "_" && w.Form != "_" {
		t.Lemma = ""
	}
	if t.Feats == "_" {
		t.Feats = ""
	}
	if t.Rel == "_" {
		t.Rel = ""
	}
	return t
}

// FromNLP converts an annotated nlp.Sentence into CoNLL-U words. The MISC
// field of each word records TokenRange=START:END, its byte offsets into the
// document text. Tokens that were one whitespace-delimited word in the text
// and were split between two letters or before an apostrophe ("do|n't",
// "Iran|'s", "can|not") are grouped under a multiword token line, as UD
// English does; SpaceAfter=No goes on the token (or multiword) line that no
// space follows.
func FromNLP(s *nlp.Sentence) *Sentence {
	out := &Sentence{Words: make([]Word, len(s.Tokens))}
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	for i := 0; i < len(s.Tokens); i++ {
		j := i
		for j+1 < len(s.Tokens) && joined(&s.Tokens[j], &s.Tokens[j+1]) {
			j++
		}
		if j > i {
			var form strings.Builder
			for k := i; k <= j; k++ {
				form.WriteString(s.Tokens[k].Text)
			}
			misc := "TokenRange=" + strconv.Itoa(s.Tokens[i].Start) + ":" + strconv.Itoa(s.Tokens[j].End)
			if !s.Tokens[j].SpaceAfter {
				misc += "|SpaceAfter=No"
			}
			out.Multi = append(out.Multi, MultiToken{First: i + 1, Last: j + 1, Form: clean(form.String()), Misc: misc})
		}
		for k := i; k <= j; k++ {
			t := &s.Tokens[k]
			misc := "TokenRange=" + strconv.Itoa(t.Start) + ":" + strconv.Itoa(t.End)
			if !t.SpaceAfter && j == i {
				misc += "|SpaceAfter=No"
			}
			out.Words[k] = Word{ID: k + 1, Form: clean(t.Text), Lemma: clean(t.Lemma), UPOS: t.UPOS, XPOS: t.XPOS, Feats: t.Feats,
				Head: t.Head, Deprel: t.Rel, Misc: misc}
		}
		i = j
	}
	return out
}

// joined reports whether b was split off the same whitespace-delimited word
// as a at a point where UD English makes a multiword token.
func joined(a, b *nlp.Token) bool {
	if a.SpaceAfter || a.End != b.Start || a.Text == "" || b.Text == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(a.Text)
	first, _ := utf8.DecodeRuneInString(b.Text)
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) {
		return false
	}
	if first == '\'' || first == '\u2019' {
		return len(b.Text) > 1
	}
	return unicode.IsLetter(last) && unicode.IsLetter(first)
}

// ReadFile reads every sentence of a CoNLL-U file. It stops at the first
// malformed sentence and returns an error naming the file and line.
func ReadFile(path string) ([]*Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []*Sentence
	r := NewReader(f)
	for {
		s, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, s)
	}
}

// ReadNLP reads a CoNLL-U file and converts each sentence with ToNLP, its
// offsets relative to the sentence's own text.
func ReadNLP(path string) ([]nlp.Sentence, error) {
	ss, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := make([]nlp.Sentence, len(ss))
	for i, s := range ss {
		out[i], _ = ToNLP(s, 0)
	}
	return out, nil
}
