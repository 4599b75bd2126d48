package actor

import (
	"slices"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// Resolve links the mentions of one document to what they refer to and
// returns them, with the pronouns and repeated names it found added, in
// text order. Every rule is local and explainable; the Rule field says
// which one fired and Antecedent points at the named mention:
//
//   - he/she/him/his/her -> the subject (first compatible mention) of the
//     same sentence before the pronoun, else of the nearest earlier sentence
//     within three; they/them/their -> a plural or collective actor;
//     its, and "it" before a verb of saying or acting -> a country or body;
//   - I/we/our/us -> the speaker of the sentence ("..., the minister said");
//   - "the minister", "the group", "the country", "the alliance", "the two
//     countries" -> the nearest earlier compatible actor;
//   - "his Turkish counterpart" -> Turkey with the sector of whoever "his"
//     refers to;
//   - a person's surname alone ("Ellwood", "Mr Ellwood") -> the person
//     named in full earlier;
//   - a country named again, by any name ("Moscow", "the Russians") -> its
//     first mention.
//
// sents gives the sentence bounds; nil splits text at sentence punctuation.
func (d *Dictionary) Resolve(text string, sents []nlp.Sentence, ms []Mention) []Mention {
	r := &resolver{text: text, sents: sentenceBounds(text, sents), tokSents: sents, firstOf: map[string]int{}}
	out := append([]Mention(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	out = r.addWords(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	for i := range out {
		r.link(out, i)
	}
	// Possessive pronouns helped to resolve others ("his counterpart") but
	// are not actors of their own.
	kept := out[:0]
	for _, m := range out {
		if !possessive[strings.ToLower(m.Text)] {
			kept = append(kept, m)
		}
	}
	return kept
}

var possessive = map[string]bool{"his": true, "her": true, "its": true, "their": true, "our": true}

// maxBack bounds how many earlier mentions a surname or description looks
// through, so that Resolve stays linear in long documents.
const maxBack = 400

type resolver struct {
	firstOf  map[string]int // country -> index of its first country-level mention
	text     string
	sents    []doc.Span
	tokSents []nlp.Sentence
}

// sentenceOf returns the index of the sentence holding byte offset at.
func (r *resolver) sentenceOf(at int) int {
	i := sort.Search(len(r.sents), func(i int) bool { return r.sents[i].End > at })
	if i == len(r.sents) {
		return len(r.sents) - 1
	}
	return i
}

// pronoun kinds
const (
	pNone = iota
	pHe
	pThey
	pIt
	pFirst
)

var pronouns = map[string]int{
	"he": pHe, "she": pHe, "him": pHe, "his": pHe, "her": pHe,
	"they": pThey, "them": pThey, "their": pThey,
	"its": pIt, "it": pIt,
	"i": pFirst, "we": pFirst, "our": pFirst, "us": pFirst,
}

// itVerbs are the words after which "it" refers to an actor, not the
// weather or a clause ("it said", not "it is likely").
var itVerbs = map[string]bool{"said": true, "says": true, "added": true, "announced": true, "has": true,
	"had": true, "will": true, "would": true, "did": true, "does": true, "could": true, "should": true,
	"must": true, "can": true, "also": true, "warned": true, "denied": true, "claimed": true, "accused": true,
	"launched": true, "rejected": true, "called": true, "urged": true, "condemned": true}

// descriptions are the nouns of definite descriptions that refer back.
var descriptions = map[string][]Kind{
	"country": {Country}, "nation": {Country}, "kingdom": {Country}, "republic": {Country},
	"countries": {Country}, "nations": {Country}, "sides": {Country},
	"group": {Group, Org}, "movement": {Group}, "militia": {Group}, "organisation": {Group, Org, IGO},
	"organization": {Group, Org, IGO}, "alliance": {IGO}, "bloc": {IGO}, "body": {IGO, Org},
	"agency": {Org, IGO, Media}, "outlet": {Media}, "broadcaster": {Media},
}

// addWords finds pronouns, definite descriptions and lone surnames that no
// dictionary mention covers and adds them as bare mentions to resolve.
func (r *resolver) addWords(ms []Mention) []Mention {
	covered := func(s, e int) bool {
		i := sort.Search(len(ms), func(i int) bool { return ms[i].Span.End > s })
		return i < len(ms) && ms[i].Span.Start < e
	}
	surnames := map[string]bool{}
	for _, m := range ms {
		if m.Person != "" {
			if f := strings.Fields(m.Person); len(f) > 1 {
				surnames[f[len(f)-1]] = true
			}
		}
	}
	var add []Mention
	words := wordSpans(r.text)
	for wi, w := range words {
		word := r.text[w.Start:w.End]
		lw := strings.ToLower(word)
		if covered(w.Start, w.End) {
			continue
		}
		if p := pronouns[lw]; p != pNone {
			if lw == "it" {
				next := ""
				if wi+1 < len(words) {
					next = strings.ToLower(r.text[words[wi+1].Start:words[wi+1].End])
				}
				// "it said", "it fired": an actor; "it is likely": not
				if !itVerbs[next] && !(len(next) > 4 && strings.HasSuffix(next, "ed") && next != "needed") {
					continue
				}
			}
			if lw == "us" && word == "US" {
				continue
			}
			add = append(add, Mention{Span: w, Text: word, Rule: "pronoun"})
			continue
		}
		if _, ok := descriptions[lw]; ok && wi > 0 {
			prev := strings.ToLower(r.text[words[wi-1].Start:words[wi-1].End])
			start := words[wi-1].Start
			if prev == "two" || prev == "both" {
				if wi > 1 && strings.EqualFold(r.text[words[wi-2].Start:words[wi-2].End], "the") {
					start = words[wi-2].Start
				} else if prev != "both" {
					continue
				}
			} else if prev != "the" {
				continue
			}
			if covered(start, w.End) {
				continue
			}
			add = append(add, Mention{Span: doc.Span{Start: start, End: w.End}, Text: r.text[start:w.End], Definite: true, Rule: "description"})
			continue
		}
		if surnames[word] {
			add = append(add, Mention{Span: w, Text: word, Rule: "surname"})
		}
	}
	for i := range add {
		add[i].TokStart, add[i].TokEnd = r.tokens(add[i].Span)
	}
	return append(ms, add...)
}

// tokens maps a byte span to token indices of the sentences given to
// Resolve, or of space-separated words when none were.
func (r *resolver) tokens(s doc.Span) (int, int) {
	if r.tokSents == nil {
		first, n := -1, 0
		for i := 0; i < len(r.text) && i < s.End; i++ {
			sp := r.text[i] == ' ' || r.text[i] == '\n' || r.text[i] == '\t' || r.text[i] == '\r'
			if !sp && (i == 0 || isSpaceByte(r.text[i-1])) {
				if i <= s.Start {
					first = n
				}
				n++
			}
		}
		return first, n
	}
	base, first, last := 0, -1, -1
	for _, st := range r.tokSents {
		for j, t := range st.Tokens {
			if t.End > s.Start && t.Start < s.End {
				if first < 0 {
					first = base + j
				}
				last = base + j
			}
		}
		base += len(st.Tokens)
	}
	return first, last + 1
}

// wordSpans returns the spans of the alphabetic words of text.
func wordSpans(text string) []doc.Span {
	var out []doc.Span
	start := -1
	for i := 0; i <= len(text); i++ {
		c := byte(' ')
		if i < len(text) {
			c = text[i]
		}
		isWord := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 || (c == '-' && start >= 0)
		if isWord && start < 0 {
			start = i
		}
		if !isWord && start >= 0 {
			out = append(out, doc.Span{Start: start, End: i})
			start = -1
		}
	}
	return out
}

// link resolves mention i against the mentions before it.
func (r *resolver) link(ms []Mention, i int) {
	m := &ms[i]
	switch {
	case m.Rule == "pronoun":
		r.linkPronoun(ms, i)
	case m.Rule == "description":
		r.linkDescription(ms, i)
	case m.Rule == "surname":
		for j := i - 1; j >= 0 && j >= i-maxBack; j-- {
			if ms[j].Person != "" && strings.HasSuffix(ms[j].Person, " "+m.Text) {
				r.copyFrom(m, &ms[j], "surname of "+ms[j].Person)
				return
			}
		}
	case m.Kind == Agent && m.Country != "" && m.Sector == "" && strings.HasSuffix(strings.ToLower(m.Text), "counterpart"):
		r.linkCounterpart(ms, i)
	case m.Kind == Person && m.Person != "" && !strings.Contains(m.Person, " ") || m.Kind == Person && m.Code == "" && m.Country == "":
		for j := i - 1; j >= 0 && j >= i-maxBack; j-- {
			if ms[j].Person != "" && ms[j].Person != m.Person && strings.HasSuffix(ms[j].Person, " "+lastWord(m.Person)) {
				r.copyFrom(m, &ms[j], "surname of "+ms[j].Person)
				m.Role = firstNonEmpty(m.Role, ms[j].Role)
				return
			}
		}
	case m.Definite && m.Kind == Agent && m.Country == "":
		r.linkDescription(ms, i)
	case m.Kind == Agent && m.Country == "" && m.Plural && r.pairBefore(m.Span):
		r.linkDescription(ms, i) // "the two sides", "both sides"
	case (m.Kind == Country || m.Kind == Metonym) && m.Country != "" && m.Antecedent == nil:
		// "Moscow", "the Russians", "the Kremlin" after "Russia"
		if j, ok := r.firstOf[m.Country]; ok {
			a := ms[j].Span
			m.Antecedent = &a
			m.Rule += "; same country as " + quote(ms[j].Text)
			return
		}
		r.firstOf[m.Country] = i
	}
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func quote(s string) string { return "\"" + s + "\"" }

// compatible reports whether candidate c can be what a pronoun of kind p
// refers to.
func compatible(p int, c *Mention) bool {
	if c.Rule == "pronoun" && c.Antecedent == nil {
		return false
	}
	if c.Code == "" && c.Country == "" {
		return false
	}
	switch p {
	case pHe, pFirst:
		if c.Kind == Person {
			return true
		}
		if p == pFirst && !c.Plural {
			return true
		}
		return c.Kind == Agent && !c.Plural && c.Sector != "" && isPersonNoun(lastWord(c.Text))
	case pThey:
		return c.Plural || c.Kind == Group || c.Kind == Country || c.Kind == IGO || c.Kind == Org || c.Kind == Metonym
	case pIt:
		return c.Kind != Person && !c.Plural && !(c.Kind == Agent && isPersonNoun(lastWord(c.Text)))
	}
	return false
}

func (r *resolver) linkPronoun(ms []Mention, i int) {
	m := &ms[i]
	p := pronouns[strings.ToLower(m.Text)]
	s := r.sentenceOf(m.Span.Start)
	if p == pFirst {
		// The speaker: a mention next to a verb of saying in this sentence
		// or the next (quotes often close a sentence later).
		for k := i + 1; k < len(ms) && r.sentenceOf(ms[k].Span.Start) <= s+1; k++ {
			if compatible(pFirst, &ms[k]) && r.nearSaying(ms[k].Span) {
				r.copyFrom(m, &ms[k], "first person -> speaker")
				return
			}
		}
		for k := i - 1; k >= 0 && r.sentenceOf(ms[k].Span.Start) >= s-1; k-- {
			if compatible(pFirst, &ms[k]) && r.nearSaying(ms[k].Span) {
				r.copyFrom(m, &ms[k], "first person -> speaker")
				return
			}
		}
		return
	}
	// the first mention of each of the four sentences before, back to front
	lo := i
	for lo > 0 && r.sentenceOf(ms[lo-1].Span.Start) >= s-3 {
		lo--
	}
	for back := 0; back <= 3 && s-back >= 0; back++ {
		sent := s - back
		for j := lo; j < i; j++ {
			c := &ms[j]
			if r.sentenceOf(c.Span.Start) != sent || !compatible(p, c) {
				continue
			}
			if c.Span.End > m.Span.Start {
				continue
			}
			where := "subject of this sentence"
			if back > 0 {
				where = "subject of an earlier sentence"
			}
			r.copyFrom(m, c, "pronoun "+strings.ToLower(m.Text)+" -> "+where)
			return
		}
	}
}

// nearSaying reports whether a verb of saying stands right before or after
// the span ("the minister said", "said the minister").
func (r *resolver) nearSaying(s doc.Span) bool {
	after := strings.TrimLeft(r.text[s.End:min(len(r.text), s.End+12)], " ,")
	before := strings.TrimRight(r.text[max(0, s.Start-12):s.Start], " ,")
	for _, v := range []string{"said", "says", "told", "added", "stated", "wrote", "tweeted"} {
		if strings.HasPrefix(after, v) || strings.HasSuffix(before, v) {
			return true
		}
	}
	return false
}

func (r *resolver) linkDescription(ms []Mention, i int) {
	m := &ms[i]
	noun := strings.ToLower(lastWord(m.Text))
	kinds, isNoun := descriptions[noun]
	if strings.HasPrefix(strings.ToLower(m.Text), "the two ") || strings.HasPrefix(strings.ToLower(m.Text), "both ") || r.pairBefore(m.Span) {
		var seen []string
		var first *Mention
		for j := i - 1; j >= 0 && len(seen) < 2; j-- {
			c := &ms[j]
			if c.Country == "" || slices.Contains(seen, c.Country) || strings.HasPrefix(c.Rule, "pronoun") {
				continue
			}
			seen = append(seen, c.Country)
			first = c
		}
		if len(seen) == 2 {
			// The mention codes to the first country named and pairs with
			// the second; an agent noun keeps its sector ("the two leaders"
			// GOV), a bare one has none ("the two countries").
			sector := m.Sector
			r.copyFrom(m, first, "the two countries -> "+seen[1]+" and "+seen[0])
			m.Code, m.Country, m.Plural, m.Kind, m.Sector, m.Person = seen[1]+sector, seen[1], true, Country, sector, ""
			m.Pair = seen[0] + sector
		}
		return
	}
	for j := i - 1; j >= 0 && j >= i-maxBack; j-- {
		c := &ms[j]
		if r.sentenceOf(m.Span.Start)-r.sentenceOf(c.Span.Start) > 5 {
			return
		}
		ok := false
		switch {
		case isNoun:
			ok = slices.Contains(kindStrings(kinds), string(c.Kind)) && c.Code != ""
			if kinds[0] == Country && c.Country != "" && c.Person == "" && len(c.Code) == 3 {
				ok = true
			}
		default: // "the minister": a person or official; "the general": of the same sector
			person := isPersonNoun(lastWord(m.Text))
			ok = c.Country != "" && (c.Kind == Person && person && !m.Plural || c.Kind == Agent && (!person || isPersonNoun(lastWord(c.Text)))) &&
				(m.Sector == "" || m.Sector == "GOV" && person || strings.HasPrefix(c.Sector, m.Sector)) &&
				!strings.HasPrefix(c.Rule, "pronoun") && !m.Plural == !c.Plural
		}
		if ok {
			sector := m.Sector
			r.copyFrom(m, c, "definite description -> nearest compatible actor")
			if sector != "" && c.Kind != Person {
				m.Sector = sector
			}
			return
		}
	}
}

// pairBefore reports whether "two" or "both" stands right before the span.
func (r *resolver) pairBefore(s doc.Span) bool {
	before := strings.ToLower(strings.TrimRight(r.text[max(0, s.Start-6):s.Start], " "))
	return strings.HasSuffix(before, "two") || strings.HasSuffix(before, "both")
}

func (r *resolver) linkCounterpart(ms []Mention, i int) {
	m := &ms[i]
	before := strings.ToLower(strings.TrimSpace(r.text[max(0, m.Span.Start-7):m.Span.Start]))
	if !(strings.HasSuffix(before, "his") || strings.HasSuffix(before, "her") || strings.HasSuffix(before, "their")) {
		return
	}
	s := r.sentenceOf(m.Span.Start)
	for j := i - 1; j >= 0 && r.sentenceOf(ms[j].Span.Start) >= s-1; j-- {
		c := &ms[j]
		if c.Country != "" && c.Country != m.Country && c.Sector != "" && (c.Kind == Person || c.Kind == Agent) {
			a := c.Span
			if c.Antecedent != nil {
				a = *c.Antecedent
			}
			m.Antecedent = &a
			m.Sector = c.Sector
			m.Code = m.Country + c.Sector
			m.Kind = Agent
			m.Rule = "counterpart: " + m.Country + " with the sector of " + quote(r.text[a.Start:a.End])
			return
		}
	}
}

// copyFrom makes m refer to c: it takes c's codes and points at c's named
// antecedent.
func (r *resolver) copyFrom(m, c *Mention, rule string) {
	a := c.Span
	if c.Antecedent != nil && (strings.HasPrefix(c.Rule, "pronoun") || strings.HasPrefix(c.Rule, "first person") ||
		strings.HasPrefix(c.Rule, "definite") || strings.HasPrefix(c.Rule, "surname")) {
		a = *c.Antecedent
	}
	m.Antecedent = &a
	m.Code, m.Name, m.Country, m.Kind, m.Person = c.Code, c.Name, c.Country, c.Kind, c.Person
	if m.Sector == "" || c.Kind == Person {
		m.Sector = c.Sector
	}
	if m.Role == "" {
		m.Role = c.Role
	}
	if m.Source == "" {
		m.Source = c.Source
	}
	m.Rule = rule
}

func kindStrings(ks []Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// sentenceBounds returns the byte spans of the sentences: those given, or
// a split after '.', '!' or '?' followed by a space and a capital, a quote
// or a digit, except after a known abbreviation or a single capital.
func sentenceBounds(text string, sents []nlp.Sentence) []doc.Span {
	if len(sents) > 0 {
		out := make([]doc.Span, len(sents))
		for i, s := range sents {
			out[i] = doc.Span{Start: s.Start, End: s.End}
		}
		return out
	}
	var out []doc.Span
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' && i+1 < len(text) && text[i+1] == '\n' {
			out = append(out, doc.Span{Start: start, End: i})
			start = i + 1
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '"' || text[j] == '\'' || text[j] == ')') {
			j++
		}
		if j >= len(text) || text[j] != ' ' && text[j] != '\n' {
			continue
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\n') {
			k++
		}
		if k >= len(text) || !(text[k] >= 'A' && text[k] <= 'Z' || text[k] == '"' || text[k] >= '0' && text[k] <= '9') {
			continue
		}
		if c == '.' {
			w := i
			for w > 0 && text[w-1] != ' ' && text[w-1] != '\n' {
				w--
			}
			word := text[w:i]
			if abbrevPeriod(word) || len(word) == 1 || strings.Contains(word, ".") {
				continue
			}
		}
		out = append(out, doc.Span{Start: start, End: j})
		start = k
	}
	if start < len(text) {
		out = append(out, doc.Span{Start: start, End: len(text)})
	}
	if len(out) == 0 {
		out = append(out, doc.Span{Start: 0, End: len(text)})
	}
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
