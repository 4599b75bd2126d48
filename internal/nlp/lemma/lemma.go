// Package lemma maps a word with its part-of-speech tags to its lemma, as
// en_ewt writes lemmas ("met" VERB → "meet", "talks" NOUN → "talk",
// "countries" → "country", "was" → "be", "n't" → "not").
//
// The lemma is found, in order, from:
//  1. the majority lemma of the form with the same UPOS and XPOS in the
//     en_ewt training treebank (or with the same UPOS when the XPOS is
//     unknown or an inflected one not seen with the form);
//  2. for proper nouns, the form itself (a plural NNPS is made singular by
//     the noun rules of step 5); a word of another class tagged NNP or NNPS
//     inside a name ("Superior Court") keeps its capital; numbers lose their
//     thousands separators ("1,000" → "1000"); punctuation, symbols and
//     foreign words keep their form;
//  3. for a base-form tag (NN, VB, VBP, JJ, RB, ...), the lower-cased form
//     (a one-letter noun or a noun code with digits keeps its case);
//  4. WordNet's exception lists for irregular forms ("fled" → "flee");
//  5. suffix rules for regular inflection (-s/-es/-ies, -ed/-ing with
//     consonant doubling and e-restoration, -er/-est), choosing the first
//     candidate that is a WordNet lemma of the word class, else a heuristic
//     default.
//
// The data (data/lemma/lemmas.tsv.gz) is embedded; see data/lemma/SOURCE.md.
package lemma

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	lemmadata "github.com/dyad-project/dyad/data/lemma"
)

// Lemmatizer is immutable after construction and safe for concurrent use.
type Lemmatizer struct {
	exact map[string]string // form \x00 UPOS \x00 XPOS → lemma
	byPOS map[string]string // form \x00 UPOS → majority lemma over XPOS
	exc   [4]map[string]string
	lex   [4][]string // sorted lemmas per class
}

// word classes indexing exc and lex
const (
	noun = iota
	verb
	adj
	adv
)

var classIndex = map[string]int{"n": noun, "v": verb, "a": adj, "r": adv}

// Default returns a lemmatizer over the embedded data. Each call parses the
// data (tens of milliseconds); create one and share it.
func Default() (*Lemmatizer, error) {
	zr, err := gzip.NewReader(strings.NewReader(lemmadata.Gzipped()))
	if err != nil {
		return nil, fmt.Errorf("embedded lemma data: %w", err)
	}
	l, err := Load(zr)
	if err != nil {
		return nil, fmt.Errorf("embedded lemma data: %w", err)
	}
	return l, nil
}

// Load reads lemma data in the format tools/lemmadata writes (uncompressed).
// Errors name the line and the problem.
func Load(r io.Reader) (*Lemmatizer, error) {
	l := &Lemmatizer{exact: map[string]string{}, byPOS: map[string]string{}}
	for i := range l.exc {
		l.exc[i] = map[string]string{}
	}
	type best struct {
		lemma string
		n     int
	}
	pos := map[string]best{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.SplitN(s, "\t", 7)
		switch {
		case f[0] == "ewt" && len(f) == 6:
			n, err := strconv.Atoi(f[5])
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("line %d: count %q is not a positive integer", line, f[5])
			}
			l.exact[f[1]+"\x00"+f[2]+"\x00"+f[3]] = f[4]
			k := f[1] + "\x00" + f[2]
			if b, ok := pos[k]; !ok || n > b.n || n == b.n && f[4] < b.lemma {
				pos[k] = best{f[4], n}
			}
		case f[0] == "exc" && len(f) == 4:
			c, ok := classIndex[f[1]]
			if !ok {
				return nil, fmt.Errorf("line %d: unknown word class %q", line, f[1])
			}
			if _, dup := l.exc[c][f[2]]; !dup {
				l.exc[c][f[2]] = f[3]
			}
		case f[0] == "lex" && len(f) == 3:
			c, ok := classIndex[f[1]]
			if !ok {
				return nil, fmt.Errorf("line %d: unknown word class %q", line, f[1])
			}
			l.lex[c] = append(l.lex[c], f[2])
		default:
			return nil, fmt.Errorf("line %d: unknown record %q with %d fields", line, f[0], len(f))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	if len(l.exact) == 0 || len(l.lex[verb]) == 0 {
		return nil, fmt.Errorf("no ewt or lex records in %d lines", line)
	}
	for c := range l.lex {
		if !slices.IsSorted(l.lex[c]) {
			slices.Sort(l.lex[c])
		}
	}
	for k, b := range pos {
		l.byPOS[k] = b.lemma
	}
	return l, nil
}

// inflectedTags are the Penn tags of inflected forms.
func inflectedTag(xpos string) bool {
	switch xpos {
	case "NNS", "NNPS", "VBD", "VBN", "VBG", "VBZ", "JJR", "JJS", "RBR", "RBS":
		return true
	}
	return false
}

// Lemma returns the lemma of word tagged upos (Universal) and xpos (Penn).
// Either tag may be empty; with neither, the lower-cased word is returned.
func (l *Lemmatizer) Lemma(word, upos, xpos string) string {
	if word == "" {
		return ""
	}
	if strings.Contains(word, "’") {
		word = strings.ReplaceAll(word, "’", "'")
	}
	lower := toLower(word)
	key := lower
	if upos == "PROPN" {
		key = word
	}
	if lm, ok := l.exact[key+"\x00"+upos+"\x00"+xpos]; ok {
		return lm
	}
	if xpos == "" || inflectedTag(xpos) {
		if lm, ok := l.byPOS[key+"\x00"+upos]; ok {
			return lm
		}
	}
	if (xpos == "NNP" || xpos == "NNPS") && upos != "PROPN" && upos != "" && word != lower {
		// a word inside a name ("Superior Court", "Applied Sciences")
		// keeps its capital in en_ewt
		lm := l.Lemma(lower, upos, "")
		if upos == "ADJ" || upos == "NOUN" && xpos == "NNP" {
			lm = lower
		}
		r, n := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(r) {
			lr, ln := utf8.DecodeRuneInString(lm)
			if lr == unicode.ToLower(r) {
				return word[:n] + lm[ln:]
			}
		}
		return lm
	}
	switch upos {
	case "PROPN":
		if xpos == "NNPS" {
			cands := nounCandidates(lower)
			for _, c := range cands {
				if l.known(noun, c) {
					return word[:1] + c[1:]
				}
			}
			return word[:1] + cands[len(cands)-1][1:]
		}
		return word
	case "NUM":
		if hasLetter(word) {
			return lower // "One" → "one"
		}
		return strings.ReplaceAll(word, ",", "") // "1,000" → "1000"
	case "PUNCT", "SYM", "X":
		return word
	}
	if upos == "NOUN" && (len(word) == 1 || hasDigit(word)) {
		return word // "P", "EB3326"
	}
	class := -1
	switch upos {
	case "NOUN":
		class = noun
	case "VERB", "AUX":
		class = verb
	case "ADJ":
		class = adj
	case "ADV":
		class = adv
	case "":
		class = classOfXPOS(xpos)
	}
	if class < 0 || (xpos != "" && !inflectedTag(xpos)) {
		return lower
	}
	if lm, ok := l.exc[class][lower]; ok {
		return lm
	}
	return l.rules(lower, class, xpos)
}

func classOfXPOS(xpos string) int {
	switch {
	case strings.HasPrefix(xpos, "NN"):
		return noun
	case strings.HasPrefix(xpos, "VB"), xpos == "MD":
		return verb
	case strings.HasPrefix(xpos, "JJ"):
		return adj
	case strings.HasPrefix(xpos, "RB"):
		return adv
	}
	return -1
}

// known reports whether w is a WordNet lemma of class.
func (l *Lemmatizer) known(class int, w string) bool {
	_, ok := slices.BinarySearch(l.lex[class], w)
	return ok
}

// rules applies the suffix rules for class to the lower-case word w.
func (l *Lemmatizer) rules(w string, class int, xpos string) string {
	var cands []string
	switch class {
	case noun:
		cands = nounCandidates(w)
	case verb:
		cands = verbCandidates(w, xpos)
	case adj, adv:
		cands = degreeCandidates(w)
	}
	lexClass := class
	if class == adv {
		lexClass = adj // "faster" → "fast" is found among adjectives too
	}
	for _, c := range cands {
		if l.known(lexClass, c) || class == adv && l.known(adv, c) {
			return c
		}
	}
	if len(cands) > 0 {
		return cands[len(cands)-1]
	}
	return w
}

// nounCandidates lists singular candidates for a plural noun, the heuristic
// default last.
func nounCandidates(w string) []string {
	n := len(w)
	switch {
	case n > 3 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s'")):
		return []string{w[:n-2]} // "video's", "DVD's" written for plurals
	case n > 3 && (strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is")):
		return []string{w, w[:n-1]} // "crisis", "bonus" if listed; else "Houthis"
	case n < 3 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss"):
		if strings.HasSuffix(w, "men") && n > 4 {
			return []string{w[:n-3] + "man"}
		}
		return []string{w}
	case strings.HasSuffix(w, "ies") && n > 4:
		return []string{w[:n-1], w[:n-3] + "y"}
	case strings.HasSuffix(w, "ves"):
		return []string{w[:n-3] + "f", w[:n-3] + "fe", w[:n-1]}
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zzes"):
		return []string{w[:n-1], w[:n-2]}
	case strings.HasSuffix(w, "oes"), strings.HasSuffix(w, "ses"), strings.HasSuffix(w, "zes"):
		return []string{w[:n-2], w[:n-1]}
	}
	return []string{w[:n-1]}
}

// verbCandidates lists base-form candidates for an inflected verb.
func verbCandidates(w, xpos string) []string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ing") && n > 4 && (xpos == "VBG" || xpos == ""):
		return stemCandidates(w[:n-3], "ing")
	case xpos == "VBG" && n > 4 && (strings.HasSuffix(w, "in") || strings.HasSuffix(w, "in'")):
		return stemCandidates(strings.TrimSuffix(strings.TrimSuffix(w, "'"), "in"), "ing") // "goin'", "playin"
	case strings.HasSuffix(w, "ied") && n > 4:
		return []string{w[:n-1], w[:n-3] + "y"}
	case strings.HasSuffix(w, "ed") && n > 3 && xpos != "VBZ":
		return stemCandidates(w[:n-2], "ed")
	case strings.HasSuffix(w, "ies") && n > 4:
		return []string{w[:n-1], w[:n-3] + "y"}
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zzes"), strings.HasSuffix(w, "oes"):
		return []string{w[:n-2], w[:n-1]}
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && n > 2:
		return []string{w[:n-1]}
	}
	return []string{w}
}

// stemCandidates lists candidates for a stem left after removing -ed or
// -ing, in order of preference, with the heuristic default last.
func stemCandidates(stem, suffix string) []string {
	n := len(stem)
	if n == 0 {
		return nil
	}
	last := stem[n-1]
	// doubled final consonant: "stopped", "planning" (but "filled", "missed")
	if n >= 3 && last == stem[n-2] && isConsonant(last) {
		if last == 'l' || last == 's' || last == 'z' || last == 'f' {
			return []string{stem, stem[:n-1]}
		}
		return []string{stem[:n-1], stem}
	}
	if suffix == "ed" && last == 'e' {
		return []string{stem, stem[:n-1] + "e"} // "agreed", "freed"
	}
	if suffix == "ing" && last == 'y' && n <= 2 {
		return []string{stem[:n-1] + "ie", stem} // "dying", "lying"
	}
	if suffix == "ed" && last == 'i' {
		return []string{stem + "e"} // "died"
	}
	withE := stem + "e"
	if needsE(stem) {
		return []string{withE, stem, withE}
	}
	return []string{stem, withE, stem}
}

// needsE guesses whether a stem lost a final e: "mak(e)", "us(e)",
// "writ(e)", "hav(e)", "forc(e)", "judg(e)", "chang(e)".
func needsE(stem string) bool {
	n := len(stem)
	last := stem[n-1]
	switch last {
	case 'v', 'c', 'z':
		return true
	case 'g':
		if n >= 2 && strings.IndexByte("rld", stem[n-2]) >= 0 || strings.HasSuffix(stem, "ang") || strings.HasSuffix(stem, "eng") {
			return true
		}
	case 'u':
		return true // "argu(e)", "continu(e)", "issu(e)"
	}
	if !isConsonant(last) || last == 'w' || last == 'x' || last == 'y' {
		return false
	}
	// consonant-vowel-consonant ending in a one-syllable stem
	if n >= 2 && isVowel(stem[n-2]) && (n == 2 || !isVowel(stem[n-3])) {
		return syllables(stem) == 1
	}
	return false
}

// degreeCandidates lists positive-degree candidates for a comparative or
// superlative.
func degreeCandidates(w string) []string {
	n := len(w)
	var stem string
	switch {
	case strings.HasSuffix(w, "est") && n > 4:
		stem = w[:n-3]
	case strings.HasSuffix(w, "er") && n > 3:
		stem = w[:n-2]
	default:
		return []string{w}
	}
	m := len(stem)
	switch {
	case strings.HasSuffix(stem, "i"):
		return []string{stem[:m-1] + "y", stem + "e", stem[:m-1] + "y"}
	case m >= 2 && stem[m-1] == stem[m-2] && isConsonant(stem[m-1]):
		return []string{stem[:m-1], stem, stem[:m-1]}
	}
	return []string{stem, stem + "e", w}
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }
func isConsonant(c byte) bool {
	return 'a' <= c && c <= 'z' && !isVowel(c)
}

// syllables counts vowel groups (y counts after a consonant).
func syllables(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		v := isVowel(s[i]) || (s[i] == 'y' && i > 0 && !isVowel(s[i-1]))
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// toLower lower-cases s, without allocating when it is already lower case.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.Map(unicode.ToLower, s)
		}
	}
	return s
}
