package cameo

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// ImportStats counts what an import converted and what it had to leave out.
type ImportStats struct {
	Sets, Groups, Verbs, Patterns int
	Skipped                       []string // "file:line: reason"
}

// ImportPetrarchVerbs converts a PETRARCH verb dictionary (CAMEO.2.0 syntax
// with {noun phrases} and (prepositional phrases), or the older TABARI
// syntax of the validation dictionaries) into dyad's pattern format, which
// it writes to w. Words become lemmas (plural nouns are singularised);
// pattern words before the verb become a subject constraint when they are
// one or two content words and a pre= constraint otherwise (auxiliaries,
// negations, governing verbs); prepositions after the verb, bare or in
// parentheses, and sets of prepositions become pp= constraints; sets inside
// phrases expand into alternatives. Patterns it cannot represent are
// skipped with a reason; name labels the reasons.
func ImportPetrarchVerbs(r io.Reader, name string, w io.Writer) (ImportStats, error) {
	var st ImportStats
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Converted from %s by `dyad dict import petrarch-verbs`; see data/cameo/SOURCE.md.\n", name)
	inSet := false
	inTransform := false
	var groupOpen bool
	members := map[string]bool{}
	defined := map[string]bool{}
	curSet, header := "", ""
	var setWords []string
	setMembers := map[string][]string{}
	flushSet := func() {
		if inSet && len(setWords) > 0 {
			setMembers[curSet] = setWords
			fmt.Fprintf(bw, "\nset %s: %s\n", curSet, strings.Join(setWords, " "))
			defined[curSet] = true
			st.Sets++
		}
		inSet, setWords = false, nil
	}
	emitMember := func(lemma, cons, code string) {
		key := lemma + " " + cons
		if members[key] {
			return
		}
		members[key] = true
		line := "verb " + lemma
		if cons != "" {
			line += " " + cons
		}
		if code != "" {
			line += " " + code
		}
		fmt.Fprintln(bw, line)
		st.Verbs++
	}
	for n := 1; sc.Scan(); n++ {
		raw := sc.Text()
		line := raw
		if strings.HasPrefix(strings.TrimSpace(line), "<!--") || strings.HasPrefix(strings.TrimSpace(line), "-->") {
			continue
		}
		if strings.Contains(line, "TRANSFORMATIONS") && strings.HasPrefix(strings.TrimSpace(line), "#") {
			inTransform = true
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if inTransform {
			continue
		}
		skip := func(reason string) {
			st.Skipped = append(st.Skipped, fmt.Sprintf("%s:%d: %s: %s", name, n, reason, strings.TrimSpace(raw)))
		}
		if line == "" && strings.TrimSpace(raw) != "" {
			continue // a comment line
		}
		switch {
		case line == "":
			flushSet()
		case strings.HasPrefix(line, "&"):
			setName := petrWord(strings.Fields(line)[0][1:])
			if setName == "" {
				skip("bad set name")
				continue
			}
			flushSet()
			curSet, inSet = setName, true
		case inSet && strings.HasPrefix(line, "+&"):
			// A set inside a set stands for its members.
			f := strings.Fields(line[2:])
			ms, ok := []string(nil), false
			if len(f) > 0 {
				ms, ok = setMembers[petrWord(f[0])]
			}
			if !ok {
				skip("undefined set in a set")
				continue
			}
			setWords = append(setWords, ms...)
		case inSet && strings.HasPrefix(line, "+"):
			ws := petrPhrase(line[1:])
			if ws == "" {
				continue
			}
			setWords = append(setWords, ws)
		case strings.HasPrefix(line, "---"):
			flushSet()
			m := headerRE.FindStringSubmatch(line)
			if m == nil {
				skip("bad group header")
				groupOpen = false
				continue
			}
			code := petrCode(m[2])
			if code == "" {
				skip("bad code")
				groupOpen = false
				continue
			}
			gname := petrWord(m[1])
			if gname == "" {
				skip("bad group name")
				groupOpen = false
				continue
			}
			fmt.Fprintf(bw, "\ngroup %s %s\n", gname, code)
			groupOpen = true
			st.Groups++
			members = map[string]bool{}
			header = m[1]
		case strings.HasPrefix(line, "-"):
			if !groupOpen {
				skip("pattern outside a group")
				continue
			}
			if len(members) == 0 {
				if lemma, cons, ok := petrVerb(header); ok {
					emitMember(lemma, cons, "")
				}
			}
			conv, code, reason := convertPattern(line[1:], setMembers)
			if reason == "" {
				reason = undefinedSet(conv, defined)
			}
			if reason != "" {
				skip(reason)
				continue
			}
			fmt.Fprintf(bw, "pattern %s%s\n", code, conv)
			st.Patterns++
		default:
			flushSet()
			if !groupOpen {
				skip("verb outside a group")
				continue
			}
			// A member verb: WORD [CODE] {FORMS}
			txt := braceRE.ReplaceAllString(line, " ")
			code := ""
			if m := codeRE.FindStringSubmatch(txt); m != nil {
				code = petrCode(m[1])
				txt = codeRE.ReplaceAllString(txt, " ")
			}
			f := strings.Fields(txt)
			if len(f) == 0 {
				continue
			}
			lemma, cons, ok := petrVerb(strings.TrimPrefix(f[0], "+"))
			if !ok {
				skip("bad verb")
				continue
			}
			emitMember(lemma, cons, code)
		}
	}
	flushSet()
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("%s: %w", name, err)
	}
	return st, bw.Flush()
}

var (
	headerRE = regexp.MustCompile(`^---\s*([^\s\[]+)\s*\[([^\]]*)\]\s*---`)
	codeRE   = regexp.MustCompile(`\[([^\]]*)\]`)
	braceRE  = regexp.MustCompile(`\{[^}]*\}`)
)

// particles are verb particles (compound:prt in UD).
var particles = map[string]bool{"up": true, "down": true, "out": true, "off": true, "in": true, "on": true, "over": true, "back": true, "away": true, "forward": true, "aside": true, "along": true, "through": true, "around": true, "apart": true, "together": true}

// preps are prepositions that introduce an oblique (obl + case in UD).
var preps = map[string]bool{"to": true, "for": true, "at": true, "after": true, "with": true, "into": true, "against": true, "by": true, "from": true, "of": true, "about": true, "toward": true, "towards": true, "upon": true, "onto": true, "between": true, "among": true, "as": true, "under": true, "within": true, "across": true, "behind": true, "near": true, "without": true, "like": true, "before": true, "beyond": true, "amid": true, "during": true, "until": true, "despite": true, "outside": true, "inside": true, "via": true, "throughout": true, "since": true}

// petrVerb turns BRING_OUT into the lemma bring with prt=out.
func petrVerb(w string) (lemma, cons string, ok bool) {
	parts := strings.Split(strings.ToLower(strings.Trim(w, "_+")), "_")
	if len(parts) == 0 || parts[0] == "" {
		return "", "", false
	}
	lemma = petrWord(parts[0])
	if lemma == "" || strings.Contains(lemma, "_") {
		return "", "", false
	}
	var cs []string
	rest := parts[1:]
	for i := 0; i < len(rest); i++ {
		p := rest[i]
		switch {
		case particles[p] && i == 0:
			cs = append(cs, "prt="+p)
		case preps[p]:
			if i+1 < len(rest) {
				if w := petrWord(rest[len(rest)-1]); w != "" {
					cs = append(cs, "pp="+p+":"+singular(w))
				} else {
					cs = append(cs, "pp="+p)
				}
				i = len(rest)
			} else {
				cs = append(cs, "pp="+p)
			}
		default:
			if w := petrWord(strings.Join(rest[i:], "_")); w != "" {
				cs = append(cs, "obj="+singularPhrase(w))
			}
			i = len(rest)
		}
	}
	return lemma, strings.Join(cs, " "), true
}

// petrCode converts "042:043", "---", ":190", "064" into our code syntax.
func petrCode(c string) string {
	c = strings.TrimSpace(c)
	if validCode(c) {
		return c
	}
	return ""
}

// petrWord lowercases a dictionary word and keeps the characters our format allows.
func petrWord(w string) string {
	w = strings.ToLower(strings.Trim(w, "_"))
	var b strings.Builder
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '\'', r == '-', r == '.', r == '_':
			b.WriteRune(r)
		}
	}
	out := strings.Trim(b.String(), "_")
	for strings.Contains(out, "__") {
		out = strings.ReplaceAll(out, "__", "_")
	}
	if !validWord(out) {
		return ""
	}
	return out
}

// petrPhrase turns a synonym-set member ("ASSAULT_RIFLE", "AUSTRIAN FLORIN") into a phrase word.
func petrPhrase(s string) string {
	exact := strings.HasSuffix(strings.TrimSpace(s), "_")
	w := petrWord(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), "_"))
	if w == "" {
		return ""
	}
	if exact {
		return w
	}
	return singularPhrase(w)
}

func singularPhrase(w string) string {
	parts := strings.Split(w, "_")
	parts[len(parts)-1] = singular(parts[len(parts)-1])
	return strings.Join(parts, "_")
}

// singular undoes the regular English plural; dictionary words are surface
// forms and the coder matches lemmas.
func singular(w string) string {
	irregular := map[string]string{"men": "man", "women": "woman", "people": "person", "children": "child", "police": "police", "news": "news", "talks": "talk", "arms": "arm", "forces": "force", "thieves": "thief", "knives": "knife", "lives": "life", "wives": "wife", "leaves": "leaf", "crises": "crisis", "analyses": "analysis", "bases": "base", "data": "data", "media": "media", "series": "series", "species": "species", "headquarters": "headquarters"}
	if s, ok := irregular[w]; ok {
		return s
	}
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zzes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s"):
		return w[:len(w)-1]
	}
	return w
}

// patItem is one element of a PETRARCH pattern after the verb.
type patItem struct {
	words []string // a noun phrase, or the words of a prepositional phrase
	paren bool     // (PREP ...)
	synth bool     // marker + or $
	mark  string
}

// convertPattern converts the text after "- " of a pattern line.
//
// sets holds the members of the synonym sets read so far, so that a set of
// prepositions ("&PREPOSIT1") becomes alternatives of a preposition. Words
// after the verb read as PETRARCH does: an object phrase, then prepositional
// phrases, each opened by a preposition; "+" after a preposition makes its
// noun the target.
func convertPattern(s string, sets map[string][]string) (conv, code, reason string) {
	m := codeRE.FindStringSubmatch(s)
	if m == nil {
		return "", "", "no code"
	}
	code = petrCode(m[1])
	if code == "" {
		return "", "", "bad code"
	}
	s = s[:strings.Index(s, "[")]
	// Glue "IN_*", "*_OUT", "FAILED_TO_*" apart.
	s = strings.ReplaceAll(s, "*", " * ")
	toks := tokenizePattern(s)
	star := -1
	for i, t := range toks {
		if t.mark == "*" {
			star = i
			break
		}
	}
	if star < 0 {
		return "", "", "no verb marker"
	}
	var cs []string
	pre := toks[:star]
	var preWords []string
	targetFirst := false
	for _, t := range pre {
		if t.mark == "+" {
			targetFirst = true
		}
		if t.mark == "$" || t.mark == "+" || t.mark == "%" {
			continue
		}
		if t.paren {
			return "", "", "prepositional phrase before the verb"
		}
		preWords = append(preWords, t.words...)
	}
	if len(preWords) > 0 {
		if subjectWords(preWords, sets) {
			cs = append(cs, "subj="+termWord(preWords, sets))
		} else if p := preTerm(preWords, sets); p != "" {
			cs = append(cs, "pre="+p)
		} else {
			return "", "", "words before the verb"
		}
	}
	post := toks[star+1:]
	sourceAfter := false
	for _, t := range post {
		if t.mark == "$" {
			sourceAfter = true
		}
	}
	if targetFirst && sourceAfter && !passiveWords(preWords) {
		// "+ * IN $": the subject is the target and the source follows the
		// verb, so the code applies target→source.
		code = swapCode(code)
	}
	objDone := false
	var objWords []string
	lastPrep := ""
	// cur is a prepositional phrase written as bare words ("* IFTAR IN ^ +",
	// "* &PREPOSIT1 RESOLUTION"): its preposition and the words after it.
	var cur *ppWords
	closePP := func() {
		if cur == nil {
			return
		}
		if n := termWord(cur.words, sets); n != "" {
			cs = append(cs, "pp="+cur.prep+":"+n)
		} else {
			cs = append(cs, "pp="+cur.prep)
		}
		if cur.target {
			cs = append(cs, "target="+cur.prep)
		}
		cur = nil
	}
	closeObj := func() {
		if n := termWord(objWords, sets); n != "" && !objDone {
			cs = append(cs, "obj="+n)
		}
		objDone = true
	}
	for i, t := range post {
		switch {
		case t.mark == "*":
			return "", "", "two verb markers"
		case t.mark == "+":
			if cur != nil {
				cur.target = true
			} else if lastPrep != "" {
				cs = append(cs, "target="+lastPrep)
			} else if len(objWords) > 0 || i == 0 {
				cs = append(cs, "target=obj")
			}
		case t.mark == "$" || t.mark == "%" || t.mark == "^":
		case t.paren:
			closePP()
			closeObj()
			if len(t.words) == 0 {
				return "", "", "unknown preposition"
			}
			// "(BY/WITH SANCTIONS)" gives alternatives.
			p := strings.ReplaceAll(stripUnderscore(t.words[0]), "/", "|")
			for _, a := range strings.Split(p, "|") {
				if !preps[a] && !particles[a] {
					return "", "", "unknown preposition"
				}
			}
			rest := t.words[1:]
			hasTarget := false
			var nw []string
			for _, w := range rest {
				if w == "+" {
					hasTarget = true
					continue
				}
				if w == "$" || w == "%" || w == "^" {
					continue
				}
				nw = append(nw, w)
			}
			if len(nw) > 0 {
				cs = append(cs, "pp="+p+":"+termWord(nw, sets))
			} else {
				cs = append(cs, "pp="+p)
			}
			if hasTarget {
				cs = append(cs, "target="+p)
			}
			lastPrep = p
		default:
			for _, w := range t.words {
				for _, part := range strings.Split(w, "_") {
					if part == "" {
						continue
					}
					first := len(objWords) == 0 && !objDone && cur == nil
					lw := stripUnderscore(part)
					if first && !preps[lw] && particles[lw] {
						cs = append(cs, "prt="+lw)
						continue
					}
					if alts := prepAlts(part, sets); alts != "" {
						if lastPrep != "" && cur == nil {
							return "", "", "words after a prepositional phrase"
						}
						closePP()
						closeObj()
						cur = &ppWords{prep: alts}
						continue
					}
					switch {
					case cur != nil:
						cur.words = append(cur.words, part)
					case objDone:
						return "", "", "words after a prepositional phrase"
					default:
						objWords = append(objWords, part)
					}
				}
			}
		}
	}
	closePP()
	closeObj()
	for _, c := range cs {
		if strings.HasSuffix(c, "=") || strings.Contains(c, "=:") || strings.HasSuffix(c, ":") {
			return "", "", "empty word"
		}
	}
	if len(cs) == 0 {
		return "", code, ""
	}
	return " " + strings.Join(cs, " "), code, ""
}

// swapCode exchanges the directions of a code: "075" → ":075",
// "042:043" → "043:042", ":190" → "190".
func swapCode(c string) string {
	if c == "---" {
		return c
	}
	a, b, _ := strings.Cut(c, ":")
	if a == "" {
		return b
	}
	return b + ":" + a
}

// passiveWords reports whether the words before the verb make it passive
// ("+ WAS_ * ... $"), where the coder's voice rules already swap the roles.
func passiveWords(ws []string) bool {
	for _, w := range ws {
		switch stripUnderscore(w) {
		case "was", "were", "is", "are", "be", "been", "being":
			return true
		}
	}
	return false
}

// ppWords is a prepositional phrase written as bare words.
type ppWords struct {
	prep   string // alternatives a|b
	words  []string
	target bool
}

// postPreps are words that open a prepositional phrase after the verb's
// object: the obliques' prepositions and the particles that are also
// prepositions.
var postPreps = map[string]bool{"in": true, "on": true, "over": true, "through": true, "around": true, "off": true}

// prepAlts returns the preposition alternatives a pattern word stands for:
// the word itself when it is a preposition, the members of a set reference
// all of whose members are prepositions, "" otherwise.
func prepAlts(w string, sets map[string][]string) string {
	if strings.HasPrefix(w, "&") {
		ms := sets[petrWord(w[1:])]
		if len(ms) == 0 {
			return ""
		}
		for _, m := range ms {
			if !preps[m] && !postPreps[m] {
				return ""
			}
		}
		return strings.Join(ms, "|")
	}
	lw := stripUnderscore(w)
	if preps[lw] || postPreps[lw] {
		return lw
	}
	return ""
}

func stripUnderscore(w string) string { return strings.ToLower(strings.Trim(w, "_")) }

// subjectWords reports whether the words before the verb read as its
// subject: one or two content words, no verb forms or auxiliaries.
func subjectWords(ws []string, sets map[string][]string) bool {
	if len(ws) > 2 {
		return false
	}
	notNoun := func(w string) bool {
		return functionWord(w) || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.Contains(w, "'")
	}
	for _, w := range ws {
		lw := stripUnderscore(w)
		if strings.HasPrefix(lw, "&") {
			// A set of auxiliaries or negations ("DID N'T") is no subject.
			for _, m := range sets[petrWord(lw[1:])] {
				for _, part := range strings.Split(m, "_") {
					if functionWordSet[part] || part == "did" || part == "never" || strings.Contains(part, "'") {
						return false
					}
				}
			}
			continue
		}
		if notNoun(lw) {
			return false
		}
	}
	return true
}

// preTerm turns the words before the verb into the value of a pre=
// constraint: the words in order, joined by "_", with sets expanded into
// alternatives. It returns "" when a word cannot be written.
func preTerm(ws []string, sets map[string][]string) string {
	alts := []string{""}
	for _, w := range ws {
		for _, part := range strings.Split(w, "_") {
			if part == "" {
				continue
			}
			var opts []string
			if strings.HasPrefix(part, "&") {
				opts = sets[petrWord(part[1:])]
			} else if pw := petrWord(part); pw != "" {
				opts = []string{pw}
			}
			if len(opts) == 0 || len(alts)*len(opts) > maxTermAlts {
				return ""
			}
			var next []string
			for _, a := range alts {
				for _, o := range opts {
					if a == "" {
						next = append(next, o)
					} else {
						next = append(next, a+"_"+o)
					}
				}
			}
			alts = next
		}
	}
	if alts[0] == "" {
		return ""
	}
	return strings.Join(alts, "|")
}

// functionWords cannot stand for a subject constraint.
var functionWordSet = map[string]bool{"not": true, "will": true, "would": true, "said": true, "to": true, "failed": true, "has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "be": true, "been": true, "can": true, "could": true, "may": true, "should": true, "indicated": true, "so": true, "recently": true, "the": true, "a": true, "an": true}

func functionWord(w string) bool {
	w = stripUnderscore(w)
	return functionWordSet[w] || preps[w] || postPreps[w] || strings.HasSuffix(w, "ly")
}

// termWord turns the words of a noun phrase into one term: "&SET" stays a
// set reference, otherwise content words joined by "_" with the head
// singularised. Determiners and other function words are dropped.
func termWord(ws []string, sets map[string][]string) string {
	var keep []string
	for _, w := range ws {
		for _, part := range strings.Split(w, "_") {
			if part == "" {
				continue
			}
			if strings.HasPrefix(part, "&") {
				if w := petrWord(part[1:]); w != "" {
					keep = append(keep, "&"+w)
				}
				continue
			}
			lw := strings.ToLower(part)
			if lw == "the" || lw == "a" || lw == "an" || lw == "its" || lw == "their" || lw == "his" || lw == "her" {
				continue
			}
			if pw := petrWord(lw); pw != "" {
				keep = append(keep, pw)
			}
		}
	}
	if len(keep) == 0 {
		return ""
	}
	last := keep[len(keep)-1]
	if strings.HasPrefix(last, "&") && len(keep) == 1 {
		return last
	}
	// Expand the sets among several words into alternatives: "NEW
	// &TIETYPES RELATIONS" is new_military_relation|new_economic_relation|...
	alts := []string{""}
	for i, k := range keep {
		opts := []string{k}
		if i == len(keep)-1 && !strings.HasPrefix(k, "&") {
			opts = []string{singular(k)}
		}
		if strings.HasPrefix(k, "&") {
			opts = sets[k[1:]]
		}
		if len(opts) == 0 || len(alts)*len(opts) > maxTermAlts {
			if i == len(keep)-1 {
				return last // an unknown set as head: left to the caller's check
			}
			continue // an unknown or too large set as a modifier is dropped
		}
		var next []string
		for _, a := range alts {
			for _, o := range opts {
				if a == "" {
					next = append(next, o)
				} else {
					next = append(next, a+"_"+o)
				}
			}
		}
		alts = next
	}
	return strings.Join(alts, "|")
}

// maxTermAlts bounds the alternatives a term's set expansion may produce.
const maxTermAlts = 64

// tokenizePattern splits pattern text into items: words, {noun phrases},
// (prepositional phrases) and the markers * + $ %.
func tokenizePattern(s string) []patItem {
	var out []patItem
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '{' || c == '(':
			close := byte('}')
			if c == '(' {
				close = ')'
			}
			j := strings.IndexByte(s[i+1:], close)
			if j < 0 {
				j = len(s) - i - 1
			}
			inner := strings.NewReplacer("{", " ", "}", " ").Replace(s[i+1 : i+1+j])
			ws := strings.Fields(inner)
			if c == '(' {
				out = append(out, patItem{words: ws, paren: true})
			} else if len(ws) > 0 {
				out = append(out, patItem{words: []string{strings.Join(ws, "_")}})
			}
			i += j + 2
		default:
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '{' && s[j] != '(' {
				j++
			}
			w := strings.Trim(s[i:j], "_")
			i = j
			switch w {
			case "":
			case "*", "+", "$", "%", "^":
				out = append(out, patItem{mark: w})
			default:
				for _, part := range strings.Split(w, "_") {
					if part == "" {
						continue
					}
					out = append(out, patItem{words: []string{part}})
				}
			}
		}
	}
	return out
}

var setRefRE = regexp.MustCompile(`&([a-z0-9'.\-]+)`)

// undefinedSet names the first set conv uses that the file has not defined.
func undefinedSet(conv string, defined map[string]bool) string {
	for _, m := range setRefRE.FindAllStringSubmatch(conv, -1) {
		if !defined[m[1]] {
			return "undefined set &" + m[1]
		}
	}
	return ""
}
