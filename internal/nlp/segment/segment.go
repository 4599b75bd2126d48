// Package segment groups tokens into sentences.
//
// A sentence ends:
//   - after . ! ? or a run of them, with the closing quotes and brackets
//     that follow (but not after "!" or "?" closed by a quote and followed
//     by a lower-case word: `a big "Welcome!" to him`);
//   - after an ellipsis when the next word is capitalised and not "I";
//   - after an abbreviation that keeps its period ("U.S.", "Inc.", "etc.")
//     when the next word is a capitalised function word that typically
//     starts a sentence ("The", "He", "But"); the token is then split into
//     the word and a final "." as en_ewt writes it. Titles ("Mr.", "Gen.",
//     "St.") and initials ("F.") never end a sentence;
//   - at a blank line, and at a line break unless the text is hard-wrapped
//     (many long lines without final punctuation); a headline without final
//     punctuation is therefore its own sentence. In hard-wrapped text a line
//     break ends a sentence after a short line (under 40 bytes) that does
//     not end with a comma, a dash or a joining word;
//   - before a line that starts with a bullet, a numbered item, or a speaker
//     or interview label ("Q:", "A:", "Question:", "Ahmadian:"), even in
//     hard-wrapped text;
//   - after a dateline at the start of a paragraph ("MOSCOW (Reuters) -",
//     "WASHINGTON, Jan. 5 (AP) —"): the dateline is its own segment, so
//     its place name is never read as part of the first sentence's grammar;
//   - after MaxTokens tokens, so that no sentence is unbounded.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/nlp"
)

// DefaultMaxTokens bounds the length of a sentence.
const DefaultMaxTokens = 250

// Segmenter splits token streams into sentences. The zero value is not
// usable; call New. A Segmenter is immutable and safe for concurrent use.
type Segmenter struct {
	// MaxTokens is the longest sentence emitted; longer runs are cut.
	MaxTokens int
	titles    map[string]bool
	starters  map[string]bool
	labels    map[string]bool
}

// New returns a segmenter with the built-in word lists.
func New() *Segmenter {
	s := &Segmenter{
		MaxTokens: DefaultMaxTokens,
		titles:    make(map[string]bool, len(titles)),
		starters:  make(map[string]bool, len(starters)),
		labels:    map[string]bool{"q": true, "a": true, "question": true, "answer": true},
	}
	for _, w := range titles {
		s.titles[w] = true
	}
	for _, w := range starters {
		s.starters[w] = true
	}
	return s
}

// Segment groups tokens (as produced for text by a tokenizer) into
// sentences. The returned sentences hold copies of the tokens, in order and
// covering all of them, except that an abbreviation ending a sentence is
// split into the word and its period. Sentence.Start and End are the byte
// offsets of the first and last token.
func (s *Segmenter) Segment(text string, tokens []nlp.Token) []nlp.Sentence {
	if len(tokens) == 0 {
		return nil
	}
	wrapped := hardWrapped(text)
	out := make([]nlp.Token, 0, len(tokens)+8)
	var bounds []int // indexes into out where a sentence starts
	bounds = append(bounds, 0)
	sentStart := 0 // index in tokens of the current sentence's first token
	datelineChecked := false
	i := 0
	for i < len(tokens) {
		tok := tokens[i]
		if i > sentStart {
			nl := newlines(text, tokens[i-1].End, tok.Start)
			if nl >= 2 || (nl == 1 && (!wrapped || s.lineOpener(tokens, i) || shortLine(text, tokens[i-1]))) || (nl == 0 && i-sentStart >= s.maxTokens()) {
				if last := out[len(out)-1]; nl > 0 && s.periodEnds(last.Text) {
					out = append(out[:len(out)-1], splitPeriod(last)...) // "... in the U.S.\n\nNext"
				}
				bounds = append(bounds, len(out))
				sentStart, datelineChecked = i, false
			}
		}
		if !datelineChecked && i == sentStart {
			datelineChecked = true
			if j := dateline(text, tokens, i); j > i {
				out = append(out, tokens[i:j]...)
				bounds = append(bounds, len(out))
				i, sentStart = j, j
				continue
			}
		}
		end, split := s.terminal(text, tokens, i)
		if end < 0 {
			out = append(out, tok)
			i++
			continue
		}
		// A sentence ends after tokens[end]; tokens[i+1:end+1] are closers.
		if split {
			out = append(out, splitPeriod(tok)...)
		} else {
			out = append(out, tok)
		}
		for k := i + 1; k <= end; k++ {
			out = append(out, tokens[k])
		}
		i = end + 1
		if i < len(tokens) {
			bounds = append(bounds, len(out))
			sentStart, datelineChecked = i, false
		}
	}
	sents := make([]nlp.Sentence, 0, len(bounds))
	for k, a := range bounds {
		b := len(out)
		if k+1 < len(bounds) {
			b = bounds[k+1]
		}
		if a == b {
			continue
		}
		toks := out[a:b:b]
		sents = append(sents, nlp.Sentence{Start: toks[0].Start, End: toks[len(toks)-1].End, Tokens: toks})
	}
	return sents
}

func (s *Segmenter) maxTokens() int {
	if s.MaxTokens <= 0 {
		return DefaultMaxTokens
	}
	return s.MaxTokens
}

// terminal decides whether a sentence ends at tokens[i] (or at the closing
// quotes and brackets right after it). It returns the index of the last
// token of the sentence, or -1, and whether tokens[i] is an abbreviation
// whose period must be split off.
func (s *Segmenter) terminal(text string, tokens []nlp.Token, i int) (int, bool) {
	tok := &tokens[i]
	kind := classify(tok.Text)
	if kind == notTerminal {
		return -1, false
	}
	end := i
	for end+1 < len(tokens) && end-i < 4 && isCloser(tokens[end+1].Text) && (tokens[end+1].Start == tokens[end].End || tokens[end+1].Text != `"` && tokens[end+1].Text != "'") {
		end++
	}
	if end > i && end+1 < len(tokens) && classify(tokens[end+1].Text) == stop && tokens[end+1].Start == tokens[end].End {
		end++ // a period doubled after the quote: `owners.”.`
	}
	if end+1 >= len(tokens) {
		return end, kind == abbrevPeriod
	}
	next := tokens[end+1].Text
	lineBreak := newlines(text, tokens[end].End, tokens[end+1].Start) > 0
	switch kind {
	case stop:
		if tok.Text == "." && i+1 < len(tokens) && tokens[i+1].Text == "." {
			return -1, false // a spaced ellipsis ". . ." ends at its last period
		}
		if tok.Text == "." && i > 0 && isDigits(tokens[i-1].Text) && len(tokens[i-1].Text) <= 3 && tok.Start == tokens[i-1].End &&
			(i == 1 || newlines(text, tokens[i-2].End, tokens[i-1].Start) > 0) {
			return -1, false // a numbered item: "1. first"
		}
		if startsLower(next) && tok.Text != "." && end > i && !lineBreak {
			return -1, false // "Welcome!" to ...
		}
		return end, false
	case ellipsis:
		if lineBreak || (startsUpper(next) && next != "I") {
			return end, false
		}
		return -1, false
	case abbrevPeriod:
		if !s.periodEnds(tok.Text) {
			return -1, false
		}
		if startsUpper(next) && s.starters[strings.ToLower(next)] {
			return end, true
		}
		return -1, false
	}
	return -1, false
}

// periodEnds reports whether t is an abbreviation with its period that may
// end a sentence: not a title ("Gen.") and not an initial ("F.").
func (s *Segmenter) periodEnds(t string) bool {
	return classify(t) == abbrevPeriod && !s.titles[strings.ToLower(strings.TrimSuffix(t, "."))] && !isInitial(t)
}

// splitPeriod splits an abbreviation ending a sentence into the word and a
// final ".", as en_ewt writes it.
func splitPeriod(tok nlp.Token) []nlp.Token {
	word, period := tok, tok
	word.Text, word.End, word.Norm, word.SpaceAfter = tok.Text[:len(tok.Text)-1], tok.End-1, "", false
	period.Text, period.Start, period.Norm = ".", tok.End-1, ""
	return []nlp.Token{word, period}
}

type termKind int

const (
	notTerminal  termKind = iota
	stop                  // . ! ? and runs of them
	ellipsis              // ... or …
	abbrevPeriod          // a word ending in its period: "U.S.", "etc."
)

func classify(t string) termKind {
	if t == "" {
		return notTerminal
	}
	if t == "..." || t == "…" || t == "...." || t == "…." {
		return ellipsis
	}
	allStop := true
	for i := 0; i < len(t); i++ {
		if c := t[i]; c != '.' && c != '!' && c != '?' {
			allStop = false
			break
		}
	}
	if allStop {
		if len(t) >= 3 && strings.Trim(t, ".") == "" {
			return ellipsis
		}
		return stop
	}
	if len(t) > 1 && t[len(t)-1] == '.' {
		r, _ := utf8.DecodeRuneInString(t)
		if unicode.IsLetter(r) {
			return abbrevPeriod
		}
	}
	return notTerminal
}

func isCloser(t string) bool {
	switch t {
	case `"`, "'", "”", "’", ")", "]", "»", "''":
		return true
	}
	return false
}

func isInitial(t string) bool {
	return len(t) == 2 && 'A' <= t[0] && t[0] <= 'Z'
}

func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '(' || r == '\''
}

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// newlines counts the line breaks in text[a:b].
func newlines(text string, a, b int) int {
	if a >= b || a < 0 || b > len(text) {
		return 0
	}
	return strings.Count(text[a:b], "\n")
}

// lineOpener reports whether tokens[i], the first token of a line, opens a
// new unit even in hard-wrapped text: a bullet, a numbered item, or a label
// ("Q:", "Ahmadian:").
func (s *Segmenter) lineOpener(tokens []nlp.Token, i int) bool {
	t := tokens[i].Text
	switch t {
	case "-", "*", "•", "·", "–", "—", "--", ">":
		return true
	}
	if i+1 < len(tokens) {
		n := tokens[i+1].Text
		if (n == "." || n == ")") && len(t) <= 3 && isDigits(t) {
			return true
		}
		if n == ":" && (s.labels[strings.ToLower(t)] || isName(t)) {
			return true
		}
		if i+2 < len(tokens) && tokens[i+2].Text == ":" && isName(t) && isName(n) {
			return true
		}
	}
	return false
}

func isDigits(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return t != ""
}

// isName reports whether t is a capitalised word.
func isName(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range t {
		if !unicode.IsLetter(r) && r != '.' && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}

// dateline returns the index after a dateline starting at tokens[i], or i.
// A dateline is an upper-case place name, optionally followed by a comma, a
// date, and a parenthesised agency, then a dash: "MOSCOW (Reuters) -",
// "WASHINGTON, Jan. 5 (AP) —", "(CNN) --". It must start a paragraph.
func dateline(text string, tokens []nlp.Token, i int) int {
	if i > 0 && newlines(text, tokens[i-1].End, tokens[i].Start) == 0 {
		return i
	}
	j := i
	place := 0
	for j < len(tokens) && j-i < 8 && (isUpperWord(tokens[j].Text) || place > 0 && tokens[j].Text == "/") {
		place++
		j++
	}
	if place == 0 && (j >= len(tokens) || tokens[j].Text != "(") {
		return i
	}
	// optional ", Jan. 5" or ", Jan 5, 2024"
	if j < len(tokens) && tokens[j].Text == "," && place > 0 {
		k := j + 1
		for k < len(tokens) && k-j <= 6 && tokens[k].Text != "(" && !isDash(tokens[k].Text) {
			if !isName(tokens[k].Text) && !isDigits(tokens[k].Text) && tokens[k].Text != "," {
				return i
			}
			k++
		}
		j = k
	}
	// optional "(Reuters)"
	if j+2 < len(tokens) && tokens[j].Text == "(" && tokens[j+2].Text == ")" && isWord(tokens[j+1].Text) {
		j += 3
	} else if place == 0 {
		return i
	}
	if j < len(tokens) && isDash(tokens[j].Text) && j+1 < len(tokens) {
		return j + 1
	}
	return i
}

// isWord reports whether t is made of letters.
func isWord(t string) bool {
	for _, r := range t {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return t != ""
}

func isDash(t string) bool {
	switch t {
	case "-", "--", "—", "–", "―":
		return true
	}
	return false
}

// isUpperWord reports whether t is an all-capitals word of two or more
// letters ("MOSCOW", "U.S.").
func isUpperWord(t string) bool {
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-' || r == '\'':
		default:
			return false
		}
	}
	return letters >= 2
}

// shortLine reports whether the line ending with tok is short and does not
// end with a word or mark that continues onto the next line: in
// hard-wrapped text such a line is a headline, a byline or a signature.
func shortLine(text string, tok nlp.Token) bool {
	start := strings.LastIndexByte(text[:tok.Start], '\n') + 1
	if tok.End-start >= 40 {
		return false
	}
	switch strings.ToLower(tok.Text) {
	case ",", ";", "-", "--", "and", "or", "but", "of", "the", "a", "to", "in":
		return false
	}
	return true
}

// hardWrapped reports whether text looks hard-wrapped: several long lines
// that end without final punctuation, making up a good share of the lines.
func hardWrapped(text string) bool {
	lines, open := 0, 0
	for len(text) > 0 {
		k := strings.IndexByte(text, '\n')
		line := text
		if k >= 0 {
			line, text = text[:k], text[k+1:]
		} else {
			text = ""
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lines++
		if k >= 0 && len(line) >= 40 && !strings.ContainsAny(line[len(line)-1:], `.!?:"')”`) {
			open++
		}
	}
	return open >= 2 && open*10 >= lines*3
}
