// Package tokenize splits text into tokens following the conventions of the
// Universal Dependencies English Web Treebank (EWT), keeping exact byte
// offsets into the original text.
//
// Conventions (checked against en_ewt):
//   - clitics are split: "Iran's" → Iran 's, "don't" → do n't, "can't" → ca n't,
//     "I'm" → I 'm, and the apostrophe-less web spellings EWT splits
//     ("dont" → do nt, "cannot" → can not, "gonna" → gon na);
//   - a trailing possessive apostrophe is its own token: "states'" → states ';
//   - abbreviations keep their period ("U.S.", "e.g.", "Mr.", "Jan.", "Inc.",
//     initials such as "F."); numbers keep separators ("2.5", "1,000", "10:30",
//     "11/20/2000"); "%" and "$" are separate tokens;
//   - URLs, e-mail addresses, @handles and #hashtags are single tokens;
//   - hyphenated words are split as EWT does ("15-year" → 15 - year,
//     "so-called" → so - called) except after the prefixes EWT keeps
//     ("e-mail", "non-profit", "re-elect", "anti-war", ...), for letter-digit
//     designations ("Su-35", "F-16", "COVID-19"), phone numbers and dates
//     ("713-853-3989", "11-20-2000") and Arabic name particles ("al-Assad",
//     "el-Sisi"), which stay whole so that names can be matched as one token.
//     EWT splits letter-digit designations and name particles; we keep them
//     whole on purpose. Ranges and scores split ("1998 - 2001", "5 - 3");
//   - a number written together with a unit splits ("10am" → 10 am, "2bn" →
//     2 bn); ordinals and decades stay whole ("1st", "1990s", "1980's");
//   - runs of the same punctuation ("...", "--", "!!!") and runs mixing the
//     marks "!", "?" and "." ("?!", ".?") are one token; an ellipsis stays
//     apart from a following "?"; common emoticons (":)", ";-)") are one token.
//
// Token.Norm carries a normalised form when it differs from the text:
// curly quotes and doubled quotes (two backquotes, two apostrophes) become
// straight quotes, "—" becomes "--", "–" becomes "-", "…" becomes "...".
// Whitespace includes non-breaking and other Unicode
// spaces, zero-width spaces, the byte order mark and control characters;
// it never appears inside a token. Invalid UTF-8 bytes become one-byte
// tokens; the tokenizer never panics.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/nlp"
)

// Tokenizer is the EWT-style tokenizer. The zero value is not usable; call New.
// A Tokenizer is immutable and safe for concurrent use.
type Tokenizer struct {
	abbrev   map[string]abbrevKind
	prefixes map[string]bool
	fused    map[string]int
}

// New returns a tokenizer with the built-in abbreviation and prefix lists.
func New() *Tokenizer {
	t := &Tokenizer{
		abbrev:   make(map[string]abbrevKind, len(abbreviations)),
		prefixes: make(map[string]bool, len(keptPrefixes)),
		fused:    fusedContractions,
	}
	for _, a := range abbreviations {
		t.abbrev[strings.ToLower(a.word)] = a.kind
	}
	for _, p := range keptPrefixes {
		t.prefixes[p] = true
	}
	return t
}

// character classes for ASCII bytes
const (
	cOther = iota
	cSpace
	cLower
	cUpper
	cDigit
)

var asciiClass = func() (c [256]uint8) {
	for i := 0; i < 128; i++ {
		switch {
		case i <= ' ' || i == 0x7f:
			c[i] = cSpace
		case 'a' <= i && i <= 'z':
			c[i] = cLower
		case 'A' <= i && i <= 'Z':
			c[i] = cUpper
		case '0' <= i && i <= '9':
			c[i] = cDigit
		}
	}
	return c
}()

// isSpaceRune reports whether r separates tokens.
func isSpaceRune(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: // zero-width spaces and joiners, BOM
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// isWordRune reports whether r may be part of a word.
func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// decode returns the rune at s[i] and its width, fast for ASCII.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isSpaceAt reports whether a separator starts at s[i], and its width.
func isSpaceAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c] == cSpace, 1
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		return false, w
	}
	return isSpaceRune(r), w
}

// wordAt reports whether s[i] starts a word character, and its width.
func wordAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c] >= cLower, 1
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r), w
}

func isAlnumByte(c byte) bool { return c < utf8.RuneSelf && asciiClass[c] >= cLower }
func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
func isLetterByte(c byte) bool {
	return c < utf8.RuneSelf && (asciiClass[c] == cLower || asciiClass[c] == cUpper)
}

// apostropheAt returns the width of an apostrophe (' or ’) at s[i], or 0.
func apostropheAt(s string, i int) int {
	if s[i] == '\'' {
		return 1
	}
	if strings.HasPrefix(s[i:], "’") {
		return len("’")
	}
	return 0
}

// Tokenize splits text into tokens. Every token satisfies
// Token.Text == text[Token.Start:Token.End]; tokens are in order, do not
// overlap and never contain whitespace. Head is set to -1 (unparsed).
func (t *Tokenizer) Tokenize(text string) []nlp.Token {
	// Preallocate for typical text, but never more than a bounded amount:
	// a huge input with few tokens must not reserve memory it won't use.
	out := make([]nlp.Token, 0, min(len(text)/5+1, 1<<14))
	n := len(text)
	i := 0
	for i < n {
		if sp, w := isSpaceAt(text, i); sp {
			if k := len(out); k > 0 && out[k-1].End == i {
				out[k-1].SpaceAfter = true
			}
			i += w
			continue
		}
		j := i
		for j < n {
			sp, w := isSpaceAt(text, j)
			if sp {
				break
			}
			j += w
		}
		out = t.chunk(text, i, j, out)
		i = j
	}
	return out
}

// emit appends the token text[a:b].
func emit(out []nlp.Token, text string, a, b int) []nlp.Token {
	tok := nlp.Token{Text: text[a:b], Start: a, End: b, Head: -1}
	tok.Norm = normalise(tok.Text)
	return append(out, tok)
}

// chunk tokenizes text[a:b], a run without whitespace.
func (t *Tokenizer) chunk(text string, a, b int, out []nlp.Token) []nlp.Token {
	p := a
	lastAt := strings.LastIndexByte(text[a:b], '@') // the last '@' in the chunk, or -1
	if lastAt >= 0 {
		lastAt += a
	}
	for p < b {
		c := text[p]
		if e := urlEnd(text, p, b); e > p {
			out = emit(out, text, p, e)
			p = e
			continue
		}
		if isWord, _ := wordAt(text, p); isWord || ((c == '@' || c == '#') && p+1 < b && isLetterByte(text[p+1])) {
			out, p = t.word(text, p, b, lastAt, out)
			continue
		}
		if e := emoticonEnd(text, p, b); e > p {
			out = emit(out, text, p, e)
			p = e
			continue
		}
		e := punctEnd(text, p, b)
		out = emit(out, text, p, e)
		p = e
	}
	return out
}

// punctEnd returns the end of the punctuation token starting at text[p].
func punctEnd(text string, p, b int) int {
	c := text[p]
	switch c {
	case '.', '!', '?':
		e := p + 1
		if c == '.' && e < b && text[e] == '.' {
			for e < b && text[e] == '.' {
				e++ // an ellipsis stays apart from a following "?" or "!"
			}
			return e
		}
		for e < b {
			if d := text[e]; d == '.' || d == '!' || d == '?' {
				e++
			} else if strings.HasPrefix(text[e:b], "…") {
				e += len("…")
			} else {
				break
			}
		}
		return e
	case '-', '_', '*', '=', '~', '<', '>', '+', '#', '\'', '`', '|', '/', '$':
		e := p + 1
		for e < b && text[e] == c {
			e++
		}
		return e
	}
	r, w := decode(text, p)
	switch r {
	case '…', '—', '–', '―':
		e := p + w
		for e+w <= b && strings.HasPrefix(text[e:], string(r)) {
			e += w
		}
		if r == '…' {
			for e < b && text[e] == '.' {
				e++
			}
		}
		return e
	}
	return p + w
}

// urlEnd returns the end of a URL starting at text[p], or p when none does.
func urlEnd(text string, p, b int) int {
	s := text[p:b]
	if len(s) < 5 {
		return p
	}
	if !(hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") || hasPrefixFold(s, "ftp://") || hasPrefixFold(s, "mailto:") || (hasPrefixFold(s, "www.") && len(s) > 5 && isAlnumByte(s[4]))) {
		return p
	}
	e := b
	// Trim trailing punctuation that more likely belongs to the sentence,
	// keeping a closing bracket that balances an opening one in the URL.
	paren := strings.Count(s, "(") - strings.Count(s, ")")   // opens minus closes in text[p:e]
	bracket := strings.Count(s, "[") - strings.Count(s, "]") // same for square brackets
	for e > p {
		c := text[e-1]
		if strings.IndexByte(".,;:!?\"'>", c) >= 0 {
			e--
			continue
		}
		if c == ')' && paren < 0 {
			e--
			paren++
			continue
		}
		if c == ']' && bracket < 0 {
			e--
			bracket++
			continue
		}
		if strings.HasSuffix(text[p:e], "”") || strings.HasSuffix(text[p:e], "’") {
			e -= len("”")
			continue
		}
		break
	}
	return e
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

var emoticons = []string{":-)", ":-(", ";-)", ":-D", ":-P", ":)", ":(", ";)", ":D", ":P", ":p", "=)", "=(", "^_^", "<3", ":'("}

// emoticonEnd returns the end of an emoticon at text[p], or p.
func emoticonEnd(text string, p, b int) int {
	s := text[p:b]
	for _, e := range emoticons {
		if strings.HasPrefix(s, e) && (len(s) == len(e) || !isAlnumByte(s[len(e)])) {
			return p + len(e)
		}
	}
	return p
}

// word scans a word starting at text[p] (and any clitic that follows it),
// appends the tokens and returns the position after them.
// lastAt is the position of the chunk's last '@' (or -1).
func (t *Tokenizer) word(text string, p, b, lastAt int, out []nlp.Token) ([]nlp.Token, int) {
	start := p
	seg := p // start of the current hyphen/period segment
	_, w := decode(text, p)
	e := p + w
	cliticStart, cliticEnd := -1, -1
	hyphenSplit := -1
scan:
	for e < b {
		c := text[e]
		if c >= utf8.RuneSelf {
			if aw := apostropheAt(text, e); aw > 0 {
				if cs, ce, ok := clitic(text, start, e, aw, b); ok {
					cliticStart, cliticEnd = cs, ce
					break scan
				}
				if e+aw < b && isLetterByte(text[e+aw]) {
					e += aw
					continue
				}
				break scan
			}
			r, w := utf8.DecodeRuneInString(text[e:])
			if !isWordRune(r) {
				break scan
			}
			e += w
			continue
		}
		if asciiClass[c] >= cLower {
			e++
			continue
		}
		next := byte(0)
		if e+1 < b {
			next = text[e+1]
		}
		prev := text[e-1]
		switch c {
		case '\'':
			if cs, ce, ok := clitic(text, start, e, 1, b); ok {
				cliticStart, cliticEnd = cs, ce
				break scan
			}
			if isLetterByte(next) && isAlnumByte(prev) {
				e++ // O'Brien, rock'n'roll
				continue
			}
			break scan
		case '.':
			if next == '.' && strings.HasPrefix(text[e:b], "...@") && isAlnumByte(prev) {
				e += 4 // an e-mail address shortened by a mailing-list archive
				seg = e
				continue
			}
			if !isAlnumByte(next) || !isAlnumByte(prev) {
				break scan
			}
			// "word.Next" with a long word before is a missing space.
			if e-seg >= 3 && asciiClass[next] == cUpper && e+2 < b && asciiClass[text[e+2]] == cLower && allLetters(text[seg:e]) && lastAt < e {
				break scan
			}
			e++
			seg = e
		case ',':
			if !isDigitByte(prev) || !isDigitByte(next) {
				break scan
			}
			e++
		case ':':
			if !isDigitByte(prev) || !isDigitByte(next) {
				break scan
			}
			e++
		case '&':
			if !isLetterByte(prev) || !isLetterByte(next) || e+2 < b && isLetterByte(text[e+2]) && e-seg > 2 {
				break scan // keep AT&T, PG&E; split "salt&pepper"
			}
			e++
		case '/':
			if e-start == 1 && prev|0x20 == 'w' && !isDigitByte(next) {
				e++ // w/ for "with"
				break scan
			}
			if isDigitByte(prev) && isDigitByte(next) {
				e++
				continue
			}
			if isLetterByte(prev) && isLetterByte(next) && e-seg <= 2 && segLen(text, e+1, b) <= 2 {
				e++ // l/c, I/O
				continue
			}
			break scan
		case '@':
			if !isAlnumByte(next) {
				break scan
			}
			e++
			seg = e
		case '_':
			if !isAlnumByte(next) {
				break scan
			}
			e++
		case '-':
			if !isAlnumByte(prev) || !isAlnumByte(next) {
				break scan
			}
			if t.keepHyphen(text[seg:e], seg > start, text, e+1, b) {
				e++
				seg = e
				continue
			}
			hyphenSplit = e
			break scan
		default:
			break scan
		}
	}
	// An abbreviation keeps its period.
	if cliticStart < 0 && hyphenSplit < 0 && e < b && text[e] == '.' && t.isAbbrev(text, start, e, b) {
		e++
	}
	if cliticStart < 0 && hyphenSplit < 0 {
		if k := unitSplit(text[start:e]); k > 0 {
			out = emit(out, text, start, start+k) // "10am" → 10 am, "2bn" → 2 bn
			out = emit(out, text, start+k, e)
			return out, e
		}
		if k, ok := t.fusedSplit(text[start:e]); ok {
			out = emit(out, text, start, start+k)
			out = emit(out, text, start+k, e)
			return out, e
		}
	}
	if cliticStart >= 0 {
		e = cliticStart
	}
	out = emit(out, text, start, e)
	if cliticStart >= 0 {
		out = emit(out, text, cliticStart, cliticEnd)
		return out, cliticEnd
	}
	if hyphenSplit >= 0 {
		out = emit(out, text, hyphenSplit, hyphenSplit+1)
		return out, hyphenSplit + 1
	}
	return out, e
}

// clitic checks for a clitic at the apostrophe text[q:q+aw] inside the word
// starting at start. It returns the clitic's span: "'s", "'m", "'d", "'ll",
// "'re", "'ve", or "n't" (which starts one byte before the apostrophe).
func clitic(text string, start, q, aw, b int) (int, int, bool) {
	k := q + aw
	for k < b && isLetterByte(text[k]) {
		k++
	}
	if k < b {
		if ok, _ := wordAt(text, k); ok {
			return 0, 0, false
		}
	}
	suf := text[q+aw : k]
	switch len(suf) {
	case 1:
		switch suf[0] | 0x20 {
		case 's':
			if allDigits(text[start:q]) {
				return 0, 0, false // the 1980's, 12's
			}
			return q, k, true
		case 'm', 'd':
			return q, k, true
		case 't':
			if q-1 > start && (text[q-1]|0x20) == 'n' {
				return q - 1, k, true
			}
		}
	case 2:
		switch strings.ToLower(suf) {
		case "ll", "re", "ve":
			return q, k, true
		}
	}
	return 0, 0, false
}

// keepHyphen decides whether the hyphen after left (a segment of a word)
// joins it to the segment starting at text[r].
func (t *Tokenizer) keepHyphen(left string, joined bool, text string, r, b int) bool {
	if len(left) <= 8 {
		var buf [8]byte
		for i := 0; i < len(left); i++ {
			buf[i] = left[i] | 0x20
		}
		if t.prefixes[string(buf[:len(left)])] && !allDigits(left) {
			return true
		}
	}
	rd := r < b && isDigitByte(text[r])
	switch {
	case allDigits(left) && rd:
		// Phone numbers and dates stay whole (713-853-3989, 853-3242,
		// 11-20-2000); ranges and scores split (1998 - 2001, 5 - 3).
		if joined {
			return true
		}
		k := r
		for k < b && isDigitByte(text[k]) {
			k++
		}
		if k+1 < b && text[k] == '-' && isDigitByte(text[k+1]) {
			return true
		}
		return k-r == 4 && (len(left) == 3 || len(left) == 5)
	case rd && len(left) <= 6 && hasLetter(left): // Su-35, F-16, COVID-19
		return true
	}
	return false
}

// isAbbrev reports whether the word text[start:e], followed by a period at
// text[e], is an abbreviation that keeps the period.
func (t *Tokenizer) isAbbrev(text string, start, e, b int) bool {
	w := text[start:e]
	if textEndsAfter(text, e+1) {
		return false // EWT writes a sentence-final abbreviation as "U.S" + "."
	}
	if len(w) == 1 {
		return asciiClass[w[0]] == cUpper // initial: "F."
	}
	if strings.IndexByte(w, '.') > 0 {
		// U.S, e.g, a.m, Ph.D: every segment short and alphabetic
		segs := 0
		for _, part := range strings.Split(w, ".") {
			if len(part) == 0 || len(part) > 2 || !allLetters(part) {
				return false
			}
			segs++
		}
		return segs >= 2
	}
	if len(w) > 8 {
		return false
	}
	var buf [8]byte
	for i := 0; i < len(w); i++ {
		buf[i] = w[i] | 0x20
		if !isLetterByte(w[i]) {
			return false
		}
	}
	kind, ok := t.abbrev[string(buf[:len(w)])]
	if !ok {
		return false
	}
	switch kind {
	case abbrevCapital:
		return asciiClass[w[0]] == cUpper
	case abbrevBeforeNumber:
		k := e + 1
		for k < len(text) && text[k] == ' ' {
			k++
		}
		return asciiClass[w[0]] == cUpper && k < len(text) && isDigitByte(text[k])
	}
	return true
}

// unitSplit returns where a number written together with a unit splits
// ("10am", "16bn", "5k"), or 0. Ordinals ("1st", "22nd") and decades
// ("1990s") stay whole, as do codes mixing letters and digits further.
func unitSplit(w string) int {
	k := 0
	for k < len(w) && (isDigitByte(w[k]) || (k > 0 && (w[k] == '.' || w[k] == ',' || w[k] == ':') && k+1 < len(w) && isDigitByte(w[k+1]))) {
		k++
	}
	if k == 0 || k == len(w) || !allLetters(w[k:]) {
		return 0
	}
	switch strings.ToLower(w[k:]) {
	case "st", "nd", "rd", "th", "s", "d":
		return 0
	}
	return k
}

// fusedSplit returns where an apostrophe-less contraction EWT splits
// ("dont", "cannot", "gonna") is split, if word is one.
func (t *Tokenizer) fusedSplit(word string) (int, bool) {
	if len(word) < 2 || len(word) > 8 {
		return 0, false
	}
	var buf [8]byte
	for i := 0; i < len(word); i++ {
		buf[i] = word[i] | 0x20
		if !isLetterByte(word[i]) {
			return 0, false
		}
	}
	k, ok := t.fused[string(buf[:len(word)])]
	return k, ok
}

// textEndsAfter reports whether only whitespace and closing quotes or
// brackets follow text[i:].
func textEndsAfter(text string, i int) bool {
	for i < len(text) {
		if sp, w := isSpaceAt(text, i); sp {
			i += w
			continue
		}
		switch c := text[i]; c {
		case '"', '\'', ')', ']':
			i++
			continue
		}
		if strings.HasPrefix(text[i:], "”") || strings.HasPrefix(text[i:], "’") {
			i += len("”")
			continue
		}
		return false
	}
	return true
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetterByte(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if isLetterByte(s[i]) {
			return true
		}
	}
	return false
}

// segLen returns the number of letters starting at text[r].
func segLen(text string, r, b int) int {
	k := r
	for k < b && isLetterByte(text[k]) {
		k++
	}
	return k - r
}

// normalise returns the normalised form of a token, or "" when it is the text.
func normalise(s string) string {
	if len(s) == 1 {
		return ""
	}
	if isASCII(s) {
		if s == "``" || s == "''" {
			return `"` // LaTeX-style quotes
		}
		return ""
	}
	switch s {
	case "“", "”", "„", "‟", "″", "«", "»":
		return `"`
	case "‘", "’", "‚", "‛", "′":
		return "'"
	case "—", "―", "——":
		return "--"
	case "–":
		return "-"
	case "…":
		return "..."
	}
	if strings.Contains(s, "’") {
		return strings.ReplaceAll(s, "’", "'")
	}
	if strings.Contains(s, "…") {
		return strings.ReplaceAll(s, "…", "...")
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
