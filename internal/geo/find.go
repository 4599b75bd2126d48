package geo

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// Mention is a place named in a text.
type Mention struct {
	Sent     int      // the sentence's index
	TokStart int      // the first token, an index within the sentence
	TokEnd   int      // one past the last token
	Span     doc.Span // byte offsets into the text
	Text     string   // the words as written: text[Span.Start:Span.End]
	Place    Place    // the entry chosen among those the words can name
	Dateline bool     // the place of the story's dateline ("DAMASCUS, Syria —": Damascus)
	// Cue is what made the words a place: a preposition or phrase before
	// them ("in", "city of", "northern"), a noun after them ("province"),
	// "'s" after a place ("Syria's Idlib"), "dateline", or "" when the name
	// stands alone and is known well enough (a country, a capital, a
	// division, a place in a country the document is about).
	Cue   string
	Score float64 // the chosen entry's score (the sum of the weights in Why); higher is surer
	Why   string  // the evidence for the chosen entry, and the runner-up
}

// The weights of the evidence for one entry of a name. In order: a
// division or country named beside the name outweighs everything; then a
// country, a national capital or a place of our list of news places (the
// size proxies: GeoNames gives no population; they do not add up); then a
// country the document is about — split among the entries of the name in
// that country, so that a name common in one country (ten Genevas in the
// United States) pulls less towards it; then the kind a cue calls for,
// nearby places, a division's name, a city named like its division (its
// seat, as a rule), the words being the entry's main name; then the
// gazetteer order (countries, divisions, cities, each by country code).
const (
	wBeside      = 6.0 // in the country or division named beside the name ("Tripoli, Lebanon")
	wBesideAdm   = 1.5 // and in that division
	wCountry     = 4.0 // the entry is a country
	wCapital     = 4.0 // a national capital
	wKnown       = 3.5 // in our list of places the news names (aliases.txt)
	wDocCountry  = 2.0 // in a country the document is about (the caller's counts and the text's countries)
	wDocShare    = 1.0 // times its share of the document's country mentions
	wCueKind     = 4.0 // of the kind the cue calls for ("Hama province", "the city of Hama")
	wNearby      = 1.0 // other places of the document lie in its country
	wNearbyClose = 0.5 // and one within 250 km
	wAdmin1      = 1.0 // the entry is a division: a name that is a division means it before some village
	wSameName    = 1.2 // a city named like its division
	wMainName    = 0.3 // the words are its main name, not an alternative
	wSite        = -1  // a landmark standing for the city
)

// caseMode is how much capitals tell in a sentence.
type caseMode uint8

const (
	cased   caseMode = iota // ordinary prose: a capital marks a name
	uncased                 // all lower case, all capitals or title case: it does not
)

// match is a name found over the tokens, before it is accepted.
type match struct {
	sent, a, b int // tokens [a, b) of sentence sent
	span       doc.Span
	key        string
	cands      []cand
	mode       caseMode
	cue        string
	cueKind    Kind
	cueWeight  strength
	dateline   bool
	orgName    bool // inside a longer capitalised name ("Kenya Airways")
	badTag     bool // tagged as a word that is not a name
	lower      bool // a lower-case word in a cased sentence
	acronym    bool // one word in capitals in a cased sentence
	funcTag    bool // tagged as a function word (PRON, DET, ADP...)
	propn      bool // tagged PROPN
	quals      []int
	scores     []float64
	notes      [][]string
	best       int
	ok         bool
}

// docContext is what the whole document says about where it is.
type docContext struct {
	countries map[string]float64 // ISO3 → mentions (the caller's and the text's countries)
	maxCount  float64
}

// Find returns the places the sentences' tokens name, in text order.
// countries gives the countries the document is about (ISO alpha-3 →
// mentions, as the caller counts them from actor mentions); it may be nil.
//
// A name of up to six words is a place when a cue stands next to it ("in",
// "near", "the city of", "northern", "province"), when it is the dateline
// ("KYIV (Meridian Wire) —"), or when it stands alone and is known well
// enough: a country, a national capital, a division, a place in our list of
// news places or in a country the document is about. In all-lower-case,
// all-capitals or title-case sentences capitals tell nothing and a name
// needs a cue or to be known well. Names in data/geo/exclude.txt are never
// places, nor is a name inside a longer capitalised name ("Kenya Airways",
// "the Bank of England") without a cue of its own.
func (g *Gazetteer) Find(text string, sents []nlp.Sentence, countries map[string]int) []Mention {
	return g.Places(text, sents, countries).Mentions
}

// Places is what Find read in one document, kept to resolve spans against.
type Places struct {
	Mentions []Mention // the place mentions, in text order

	g     *Gazetteer
	text  string
	sents []nlp.Sentence
	modes []caseMode
	ms    []match
	ctx   *docContext
}

// Places reads a document like Find and keeps what it found, for Resolve.
func (g *Gazetteer) Places(text string, sents []nlp.Sentence, countries map[string]int) *Places {
	ms := g.matches(text, sents)
	ctx := g.context(ms, countries)
	g.resolve(ms, ctx)
	p := &Places{g: g, text: text, sents: sents, modes: modes(text, sents), ms: ms, ctx: ctx}
	for i := range ms {
		if ms[i].ok {
			p.Mentions = append(p.Mentions, g.mention(text, &ms[i]))
		}
	}
	return p
}

func (g *Gazetteer) mention(text string, m *match) Mention {
	c := m.cands[m.best]
	cueText := m.cue
	if m.dateline {
		cueText = "dateline"
	}
	return Mention{
		Sent: m.sent, TokStart: m.a, TokEnd: m.b, Span: m.span, Text: text[m.span.Start:m.span.End],
		Place: g.place(c.entry), Dateline: m.dateline, Cue: cueText,
		Score: round4(m.scores[m.best]), Why: g.why(m),
	}
}

// why explains the choice: the chosen entry with its evidence, then the
// runner-up's score.
func (g *Gazetteer) why(m *match) string {
	var b strings.Builder
	c := m.cands[m.best]
	p := g.place(c.entry)
	fmt.Fprintf(&b, "%s (%s, %s", p.Name, p.Kind, p.Country)
	if p.Admin1 != "" && p.Kind == City {
		fmt.Fprintf(&b, ", %s", p.Admin1)
	}
	b.WriteString(")")
	if len(m.notes[m.best]) > 0 {
		b.WriteString(": " + strings.Join(m.notes[m.best], ", "))
	}
	if len(m.cands) > 1 {
		second := -1
		for i := range m.cands {
			if i != m.best && (second < 0 || m.scores[i] > m.scores[second]) {
				second = i
			}
		}
		q := g.place(m.cands[second].entry)
		fmt.Fprintf(&b, "; %d entries, next %s (%s, %s) %.1f", len(m.cands), q.Name, q.Kind, q.Country, m.scores[second])
	}
	return b.String()
}

// modes returns each sentence's case mode. A sentence is uncased when its
// words (after the first) are nearly all lower case, or mostly capitals,
// or mostly capitalised (a title-case headline); in a document that is
// lower case throughout every sentence is.
func modes(text string, sents []nlp.Sentence) []caseMode {
	out := make([]caseMode, len(sents))
	docLower, docUpper := 0, 0
	for i := range sents {
		lower, content, capd, caps := 0, 0, 0, 0
		for j := range sents[i].Tokens {
			t := &sents[i].Tokens[j]
			r, _ := utf8.DecodeRuneInString(t.Text)
			if !unicode.IsLetter(r) {
				continue
			}
			switch {
			case allCaps(t.Text):
				caps++
			case unicode.IsUpper(r):
				capd++
			default:
				lower++
				// A lower-case content word ("spoke", "villages") is never
				// title case; function words ("of", "and") may be.
				switch t.UPOS {
				case "NOUN", "VERB", "ADJ", "ADV":
					content++
				case "":
					if len(t.Text) > 4 {
						content++
					}
				}
			}
		}
		docLower += lower
		docUpper += capd
		words := lower + capd + caps
		switch {
		case words == 0:
		case caps*2 > words:
			out[i] = uncased
		case words >= 4 && capd*10 > words*6 && content == 0:
			out[i] = uncased // a title-case headline
		}
	}
	if docUpper*50 < docLower {
		for i := range out {
			out[i] = uncased
		}
	}
	return out
}

// allCaps reports a word of two or more letters, all capitals.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// isWord reports a token that can be part of a name.
func isWord(t *nlp.Token) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// clitic reports a token split from the word before at an apostrophe
// ("'s" of "Cox's Bazar").
func clitic(t *nlp.Token) bool {
	return strings.HasPrefix(t.Text, "'") || strings.HasPrefix(t.Text, "’")
}

// isJoiner reports a token inside a hyphenated name ("Port - au - Prince").
func isJoiner(t *nlp.Token) bool {
	return t.Text == "-" || t.Text == "‐" || t.Text == "'"
}

// capitalised reports a word that starts with a capital, counting a
// lower-case Arabic article before one (al-Hasakah, el-Fasher).
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		return true
	}
	if i := strings.IndexAny(s, "-‐"); i > 0 && i <= 3 && i < len(s)-1 {
		for _, a := range []string{"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "ed", "es", "ez", "en", "et", "ul", "ud"} {
			if s[:i] == a {
				r2, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[i:], "-‐"))
				return unicode.IsUpper(r2)
			}
		}
	}
	return false
}

// nameTags are the UPOS tags a name's last word may carry.
func nameTag(upos string) bool {
	switch upos {
	case "PROPN", "NOUN", "X", "":
		return true
	}
	return false
}

// funcTag reports the UPOS tags of function words, never a name.
func funcTag(upos string) bool {
	switch upos {
	case "PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT", "SYM", "INTJ":
		return true
	}
	return false
}

// matches finds every name over the tokens, leftmost longest, with its
// cues and case.
func (g *Gazetteer) matches(text string, sents []nlp.Sentence) []match {
	md := modes(text, sents)
	var ms []match
	var buf []byte
	for si := range sents {
		toks := sents[si].Tokens
		keys := make([]string, len(toks))
		for i := range toks {
			if isWord(&toks[i]) || i > 0 && clitic(&toks[i]) {
				keys[i] = Normalize(toks[i].Text)
			}
		}
		for a := 0; a < len(toks); a++ {
			if keys[a] == "" {
				continue
			}
			bestB, bestKey, bestCands := g.longest(text, toks, keys, a, &buf)
			if bestB < 0 {
				continue
			}
			// "on the Golan Heights": a name that starts with "the" ("the
			// Golan") gives way to a longer one from the next word.
			if keys[a] == "the" && a+1 < len(toks) {
				if b2, k2, c2 := g.longest(text, toks, keys, a+1, &buf); b2 > bestB {
					a, bestB, bestKey, bestCands = a+1, b2, k2, c2
				}
			}
			m := match{
				sent: si, a: a, b: bestB, key: bestKey, cands: bestCands, mode: md[si],
				span: doc.Span{Start: toks[a].Start, End: toks[bestB-1].End},
			}
			g.context1(text, sents, &m)
			ms = append(ms, m)
			a = bestB - 1
		}
	}
	g.qualify(text, sents, ms)
	return ms
}

// longest returns the end, key and entries of the longest name starting at
// token a, or -1. buf is scratch space.
func (g *Gazetteer) longest(text string, toks []nlp.Token, keys []string, a int, buf *[]byte) (int, string, []cand) {
	bestB, bestKey := -1, ""
	var bestCands []cand
	*buf = (*buf)[:0]
	words := 0
	// "as", "at", "an" are English words: an article is dropped only when
	// it is "al" or "el" or hyphenated to the name (as-Suwayda).
	strip := keys[a] == "al" || keys[a] == "el" || strings.ContainsAny(toks[a].Text, "-‐") || a+1 < len(toks) && isJoiner(&toks[a+1])
	for b := a; b < len(toks) && words < g.maxTokens; b++ {
		if b > a {
			gap := text[toks[b-1].End:toks[b].Start]
			if gap != "" && gap != " " {
				break
			}
		}
		if isJoiner(&toks[b]) {
			continue
		}
		if keys[b] == "" || b == a && clitic(&toks[b]) {
			break
		}
		// "Cox 's Bazar": a clitic split from its word joins it again.
		if len(*buf) > 0 && !(clitic(&toks[b]) && toks[b].Start == toks[b-1].End) {
			*buf = append(*buf, ' ')
		}
		*buf = append(*buf, keys[b]...)
		words++
		if clitic(&toks[b]) {
			continue // a name does not end on "'s"
		}
		if _, ok := g.index[string(*buf)]; !ok && !(strip && hasArticle(*buf)) {
			continue
		}
		key := string(*buf)
		if cs := g.lookup(key, true, strip); len(cs) > 0 {
			bestB, bestKey, bestCands = b+1, key, cs
		}
	}
	return bestB, bestKey, bestCands
}

// hasArticle reports a key that starts with an Arabic article, which
// candidates may strip.
func hasArticle(key []byte) bool {
	for _, a := range articles {
		if len(key) > len(a) && string(key[:len(a)]) == a {
			return true
		}
	}
	return false
}

// context1 reads the words around one match: cues, dateline, tags and
// whether it is inside a longer capitalised name.
func (g *Gazetteer) context1(text string, sents []nlp.Sentence, m *match) {
	toks := sents[m.sent].Tokens
	// Tags.
	last := &toks[m.b-1]
	m.propn = last.UPOS == "PROPN"
	m.badTag = !nameTag(last.UPOS)
	m.funcTag = funcTag(last.UPOS)
	// The cue before: skip one article, then the longest listed phrase.
	j := m.a
	if j > 0 && (strings.EqualFold(toks[j-1].Text, "the") || strings.EqualFold(toks[j-1].Text, "a") || strings.EqualFold(toks[j-1].Text, "an")) {
		j--
	}
	for n := min(g.lists.maxCue, j); n >= 1 && m.cue == ""; n-- {
		var ws []string
		for _, t := range toks[j-n : j] {
			if k := Normalize(t.Text); k != "" {
				ws = append(ws, k)
			}
		}
		if c, ok := g.lists.before[strings.Join(ws, " ")]; ok {
			if c.text == "of" && j >= 3 && m.mode == cased && capitalised(toks[j-2].Text) {
				// "the Bank of England": a capitalised noun before "of" makes an
				// organisation's name, not a place.
				m.orgName = true
				break
			}
			m.cue, m.cueKind, m.cueWeight = c.text, c.kind, c.strength
		}
	}
	// The noun after.
	afterCue := false
	for n := min(3, len(toks)-m.b); n >= 1; n-- {
		var ws []string
		for _, t := range toks[m.b : m.b+n] {
			if k := Normalize(t.Text); k != "" {
				ws = append(ws, k)
			}
		}
		if c, ok := g.lists.after[strings.Join(ws, " ")]; ok {
			afterCue = true
			if m.cue == "" || c.kind != 0 || m.cueWeight == weak {
				m.cue, m.cueKind, m.cueWeight = c.text, c.kind, c.strength
			}
			break
		}
	}
	// The dateline: the first words of the text, then a dash, or a comma
	// and a qualifier and a dash, or the outlet in parentheses.
	if m.sent == 0 && m.a == 0 && strings.TrimSpace(text[:m.span.Start]) == "" && datelineAfter(text[m.span.End:]) {
		m.dateline = true
	}
	// A longer capitalised name around it, in cased sentences. A capital
	// at the start of a sentence tells nothing.
	if m.mode == cased && !m.dateline {
		first := m.a // the name's first word, after a "the" the name may carry ("the West Bank")
		if strings.EqualFold(toks[first].Text, "the") && first+1 < m.b {
			first++
		}
		m.lower = !capitalised(toks[first].Text) // a lower-case word in cased prose is not a name
		if m.a > 0 && m.cue == "" {
			// A capitalised word before: inside a sentence it makes a longer
			// name ("President Biden"); at its start, a name if tagged so
			// ("Minoru Kihara").
			if p := &toks[m.a-1]; isWord(p) && capitalised(p.Text) && (m.a > 1 || p.UPOS == "PROPN") {
				m.orgName = true
			}
		}
		if k := m.a - 1; k > 0 && g.lists.particle[toks[k].Text] {
			// "Lula da Silva", "von der Leyen": a person's name.
			for k > 0 && g.lists.particle[toks[k].Text] {
				k--
			}
			if capitalised(toks[k].Text) {
				m.orgName = true
			}
		}
		if allCaps(toks[m.b-1].Text) && m.b-m.a == 1 {
			m.acronym = true // "NATO", "UN" in ordinary prose
		}
		if m.b < len(toks) && !afterCue {
			if n := &toks[m.b]; isWord(n) && capitalised(n.Text) {
				m.orgName = true
			}
			// "the Summit of the Americas": a capitalised name after "of".
			if k := m.b + 1; toks[m.b].Text == "of" && k < len(toks) {
				if strings.EqualFold(toks[k].Text, "the") && k+1 < len(toks) {
					k++
				}
				if isWord(&toks[k]) && capitalised(toks[k].Text) {
					m.orgName = true
				}
			}
		}
	}
}

// datelineAfter reports what follows a dateline's first name: a dash, or
// the outlet in parentheses, or a comma and a short qualifier before one.
func datelineAfter(rest string) bool {
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	if len(rest) > 80 {
		rest = rest[:80]
	}
	rest = strings.TrimLeft(rest, " ")
	if dashStart(rest) || strings.HasPrefix(rest, "(") {
		return true
	}
	if !strings.HasPrefix(rest, ",") {
		return false
	}
	rest = rest[1:]
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '.', ';', ':':
			return false
		case ' ':
			if dashStart(rest[i+1:]) || strings.HasPrefix(rest[i+1:], "(") {
				return true
			}
		}
	}
	return false
}

func dashStart(s string) bool {
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "-- ") || strings.HasPrefix(s, "- ")
}

// qualify links names written beside each other: "Tripoli, Lebanon",
// "Jenin, West Bank", "Syria's Idlib", "the Saky air base in Crimea". The
// later (or possessive) one, if it can be a country or division, qualifies
// the other. A name after "and" or "," following a place with a cue shares
// its cue ("in Homs and Hama").
func (g *Gazetteer) qualify(text string, sents []nlp.Sentence, ms []match) {
	for i := range ms {
		m := &ms[i]
		toks := sents[m.sent].Tokens
		if i+1 < len(ms) && ms[i+1].sent == m.sent {
			n := &ms[i+1]
			between := words(toks[m.b:n.a])
			switch between {
			case ",", "in", "of", ", in":
				if g.broad(n) {
					m.quals = append(m.quals, i+1)
				}
			default:
				if len(toks[m.b:n.a]) == 2 && (strings.HasPrefix(between, "in ") || strings.HasPrefix(between, "of ")) && g.lists.before[Normalize(toks[n.a-1].Text)].text != "" {
					if g.broad(n) { // "in northern Syria"
						m.quals = append(m.quals, i+1)
					}
				}
			}
			if (between == "and" || between == "," || between == "or") && m.cue != "" && n.cue == "" {
				n.cue = m.cue
			}
			if between == "'s" && g.broad(m) {
				n.quals = append(n.quals, i)
				if n.cue == "" {
					n.cue = "'s"
				}
				if n.mode == cased {
					n.orgName = false
				}
			}
		}
	}
}

// words joins the tokens' texts with spaces, lower case.
func words(toks []nlp.Token) string {
	var ws []string
	for _, t := range toks {
		ws = append(ws, strings.ToLower(t.Text))
	}
	return strings.Join(ws, " ")
}

// broad reports a match that can name a country or a division.
func (g *Gazetteer) broad(m *match) bool {
	for _, c := range m.cands {
		if k := g.entries[c.entry].kind; k == Country || k == Admin1 {
			return true
		}
	}
	return false
}

// context gathers the countries a document is about: the caller's counts,
// and the countries the text names (a name whose only country entry is
// unambiguous, not inside an organisation's name).
func (g *Gazetteer) context(ms []match, countries map[string]int) *docContext {
	ctx := &docContext{countries: map[string]float64{}}
	for cc, n := range countries {
		if n > 0 {
			ctx.countries[cc] += float64(n)
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.orgName || m.lower || g.excluded(m.key) {
			continue
		}
		for _, c := range m.cands {
			e := &g.entries[c.entry]
			if e.kind == Country && !c.site {
				ctx.countries[g.codes[e.country]]++
				break
			}
		}
	}
	for _, n := range ctx.countries {
		ctx.maxCount = math.Max(ctx.maxCount, n)
	}
	return ctx
}

// excluded reports a name never taken as a place mention.
func (g *Gazetteer) excluded(key string) bool {
	return g.lists.never[key] || g.lists.never[stripArabic(key)]
}

// resolve scores every entry of every match, twice: the second time with
// the places the first chose elsewhere in the document, then decides which
// matches are places.
func (g *Gazetteer) resolve(ms []match, ctx *docContext) {
	for i := range ms {
		g.score(ms, i, ctx, false)
	}
	for i := range ms {
		g.accept(&ms[i], ctx)
	}
	for i := range ms {
		g.score(ms, i, ctx, true)
	}
	for i := range ms {
		g.accept(&ms[i], ctx)
	}
}

// score weighs each entry of match i and picks the best; ties go to the
// earlier entry (countries, then divisions, then cities, each by country).
func (g *Gazetteer) score(ms []match, i int, ctx *docContext, nearby bool) {
	m := &ms[i]
	m.scores = m.scores[:0]
	m.notes = m.notes[:0]
	perCountry := map[uint16]int{}
	for _, c := range m.cands {
		if e := &g.entries[c.entry]; e.kind != Country {
			perCountry[e.country]++
		}
	}
	for _, c := range m.cands {
		e := &g.entries[c.entry]
		cc := g.codes[e.country]
		s := 0.0
		var notes []string
		add := func(w float64, format string, args ...any) {
			s += w
			notes = append(notes, fmt.Sprintf(format, args...)+fmt.Sprintf(" %+.1f", w))
		}
		switch e.kind {
		case Country:
			add(wCountry, "country")
		case Admin1:
			add(wAdmin1, "division")
		}
		if c.site {
			add(wSite, "landmark")
		}
		switch {
		case e.flags&flagCapital != 0:
			add(wCapital, "capital")
		case e.flags&flagKnown != 0:
			add(wKnown, "news place")
		}
		split := math.Sqrt(float64(max(perCountry[e.country], 1)))
		if n := ctx.countries[cc]; n > 0 {
			add((wDocCountry+wDocShare*n/ctx.maxCount)/split, "document country %s (%g)", cc, n)
		}
		for _, q := range m.quals {
			qm := &ms[q]
			if len(qm.scores) == 0 {
				continue
			}
			qe := &g.entries[qm.cands[qm.best].entry]
			if qe.country == e.country && c.entry != qm.cands[qm.best].entry {
				add(wBeside, "beside %s", g.names[qe.name:qe.name+int32(qe.nameLen)])
				if qe.kind == Admin1 && qe.admin1 == e.admin1 {
					add(wBesideAdm, "in %s", g.admin1s[e.admin1])
				}
			}
		}
		if m.cueKind != 0 && m.cueKind == e.kind {
			add(wCueKind, "%q calls for a %s", m.cue, e.kind)
		}
		if nearby && e.kind != Country {
			same, close := 0, false
			for j := range ms {
				o := &ms[j]
				if j == i || !o.ok || o.key == m.key {
					continue
				}
				oe := &g.entries[o.cands[o.best].entry]
				if oe.kind == Country || oe.country != e.country {
					continue
				}
				same++
				if oe.kind == City && Km(float64(e.lat), float64(e.lon), float64(oe.lat), float64(oe.lon)) < 250 {
					close = true
				}
			}
			if same > 0 {
				add(wNearby/split, "%d other places in %s", same, cc)
				if close {
					add(wNearbyClose, "one within 250 km")
				}
			}
		}
		if e.kind == City && e.admin1 != 0 && sameName(Normalize(g.names[e.name:e.name+int32(e.nameLen)]), Normalize(g.admin1s[e.admin1])) {
			add(wSameName, "named like its division")
		}
		if !c.site && Normalize(g.names[e.name:e.name+int32(e.nameLen)]) == m.key {
			add(wMainName, "main name")
		}
		m.scores = append(m.scores, s)
		m.notes = append(m.notes, notes)
	}
	m.best = 0
	for j := range m.scores {
		if m.scores[j] > m.scores[m.best]+1e-9 {
			m.best = j
		}
	}
}

// sameName reports a city key named like a division key, with or without
// the division's generic word ("Kaduna" in "Kaduna State").
func sameName(city, admin string) bool {
	if city == admin {
		return true
	}
	for _, w := range []string{" province", " state", " region", " governorate", " oblast", " district", " county", " department", " city"} {
		if r, ok := strings.CutSuffix(admin, w); ok && r == city {
			return true
		}
	}
	return false
}

// accept decides whether a match is a place mention.
func (g *Gazetteer) accept(m *match, ctx *docContext) {
	m.ok = false
	if len(m.scores) == 0 || g.excluded(m.key) {
		return
	}
	c := m.cands[m.best]
	e := &g.entries[c.entry]
	if m.dateline {
		m.ok = true
		return
	}
	cue := m.cue != "" && m.cueWeight != weak
	weakCue := m.cue != "" && m.cueWeight == weak
	// Known well: a country, a division, a national capital, a place of our
	// list of news places.
	known := e.kind == Country || e.kind == Admin1 || e.flags&(flagCapital|flagKnown) != 0
	supported := ctx.countries[g.codes[e.country]] > 0
	switch {
	case c.site && !cue:
		return // a landmark needs a cue: "at the White House"
	case g.lists.cueOnly[m.key] && !cue:
		return // an ordinary word: "in Reading", not "reading"
	case g.isDemonym(m.key) && !cue:
		return // "Somali", "Afghan": a people, not a place
	}
	if m.mode == cased {
		// The tagger's word class is trusted only at the start of a
		// sentence, where a capital tells nothing ("Nice weather"); inside
		// one a capitalised word is a name whatever its tag ("in Beijing/VERB").
		if m.lower {
			return
		}
		if m.badTag && m.a == 0 && !(cue && m.propn) && !(e.kind == Country || e.flags&flagCapital != 0) {
			return // "Nice weather", but "Beijing/VERB 's role"
		}
		if m.acronym && !known {
			return // "NATO" is not Nato in the Philippines
		}
		if m.orgName {
			// Inside a longer capitalised name: a country's name is not a
			// place there ("Kenya Airways", "Malaysia Airlines") nor an
			// unknown town's ("Antony Blinken"); a known city's is, after a
			// cue, for the named thing is in it ("from the Islamabad High
			// Court", "at Garissa University College").
			m.ok = cue && e.kind == City && known
			return
		}
		// A town known only because the document is about its country is
		// taken without a cue under its own main name, not a surname the
		// gazetteer knows by dropping an article ("Castillo" for El Castillo).
		mainName := !c.site && Normalize(g.names[e.name:e.name+int32(e.nameLen)]) == m.key
		switch {
		case cue:
			m.ok = true
		case weakCue:
			m.ok = known || supported
		default:
			m.ok = known || supported && mainName
		}
		return
	}
	// Uncased: rely on the cues and on what is known.
	if m.funcTag {
		return
	}
	switch {
	case cue:
		m.ok = known || supported || m.propn
	default:
		m.ok = known && (m.propn || !m.badTag)
	}
}

// isDemonym reports a key that is a people's name ("somali", "afghan").
func (g *Gazetteer) isDemonym(key string) bool {
	_, ok := g.demonym[key]
	return ok
}

// Km is the great-circle distance between two points, in kilometres.
func Km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Distance returns the great-circle distance between two places in km.
func Distance(a, b Place) float64 { return Km(a.Lat, a.Lon, b.Lat, b.Lon) }
