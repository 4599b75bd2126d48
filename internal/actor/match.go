package actor

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/doc"
	"github.com/dyad-project/dyad/internal/nlp"
)

// Mention is one actor named in a text, with where it is, what it codes to
// on the document's date and, for a coreferent mention, what it refers to.
type Mention struct {
	Span     doc.Span `json:"span"`
	TokStart int      `json:"tok_start"` // first token (index into the tokens given)
	TokEnd   int      `json:"tok_end"`   // one past the last token
	Text     string   `json:"text"`
	Code     string   `json:"code"` // CAMEO-style actor code on the date; "" when unknown
	Name     string   `json:"name"` // the dictionary's name of the main actor
	Country  string   `json:"country,omitempty"`
	Sector   string   `json:"sector,omitempty"`
	Kind     Kind     `json:"kind"`
	Role     string   `json:"role,omitempty"`   // the person's title on the date
	Person   string   `json:"person,omitempty"` // the person's name, for persons
	Plural   bool     `json:"plural,omitempty"`
	Definite bool     `json:"definite,omitempty"` // preceded by "the"
	// Locative is set on a country or place named after "in", "across",
	// "inside" ...: most likely where something happened, not who did it.
	Locative   bool      `json:"locative,omitempty"`
	Antecedent *doc.Span `json:"antecedent,omitempty"`
	// Pair is the code of the second actor a pair description names
	// ("the two leaders" after Kenya and Uganda: Code KENGOV, Pair UGAGOV).
	Pair   string `json:"pair,omitempty"`
	Rule   string `json:"rule"`             // how the mention was found, for people to audit
	Source string `json:"source,omitempty"` // file:line of the main dictionary entry
}

// Limits on one call of Match: longer inputs are matched up to the limit.
const maxMatchBytes = 8 << 20

// group is a mention under construction: a unit range and what it codes to.
type group struct {
	s, e           int
	kind           Kind
	code, name     string
	country        string
	sector         string
	person, role   string
	rule           string
	plural, agent  bool // agent: ends in a generic noun or title
	personTitle    bool // the agent is a person's title ("minister", "Mr")
	entry          *Entry
	countryOnly    bool // codes to a bare country (ISO3)
	capitalisedEnd bool
}

// scan is the per-call state of Match.
type scan struct {
	toks  []nlp.Token // nil when Match split the text itself
	text  string
	units []unit
	ids   []int32
	hits  []hit
	gs    []group
}

// Match returns the actor mentions in text, given its tokens (nil: split
// at spaces) and the document's date (zero: each person's latest role).
// Matches are leftmost-longest over units of the tokens, case-aware, then
// composed: "Iran's Defense Minister Mohammad Reza Ashtiani" is one
// mention. Match is safe for concurrent use.
func (d *Dictionary) Match(text string, tokens []nlp.Token, date time.Time) []Mention {
	if len(text) > maxMatchBytes {
		text = text[:maxMatchBytes]
	}
	sc, _ := d.pool.Get().(*scan)
	if sc == nil {
		sc = &scan{}
	}
	d.units(sc, text, tokens)
	sc.hits = d.hits(sc, date)
	groups := d.compose(sc, sc.hits, date)
	out := make([]Mention, 0, len(groups))
	for _, g := range groups {
		out = append(out, sc.mention(g))
	}
	sc.text, sc.toks = "", nil
	if cap(sc.units) <= 1<<16 {
		d.pool.Put(sc)
	}
	return out
}

func (d *Dictionary) units(sc *scan, text string, tokens []nlp.Token) {
	sc.text = text
	sc.toks = tokens
	sc.units = sc.units[:0]
	if tokens == nil {
		// No tokenizer: tokens are the runs between spaces.
		tok, start := int32(0), -1
		for i := 0; i <= len(text); i++ {
			if i < len(text) && text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r' {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				sc.units = splitUnits(text, start, i, tok, sc.units)
				tok++
				start = -1
			}
		}
	}
	for i, t := range tokens {
		if t.Start < 0 || t.End > len(text) || t.Start > t.End {
			continue
		}
		sc.units = splitUnits(text, t.Start, t.End, int32(i), sc.units)
	}
	if cap(sc.ids) < len(sc.units) {
		sc.ids = make([]int32, len(sc.units))
	}
	sc.ids = sc.ids[:len(sc.units)]
	var buf [64]byte
	for i, u := range sc.units {
		if u.end-u.start > 60 {
			sc.ids[i] = -1
			continue
		}
		sc.ids[i] = d.vocab.lookup(unitKey(buf[:0], text[u.start:u.end]))
	}
}

// hit is a dictionary match over units [s, e).
type hit struct {
	s, e int
	c    *cand
}

// hits finds leftmost-longest dictionary matches whose letter case fits.
func (d *Dictionary) hits(sc *scan, date time.Time) []hit {
	out := sc.hits[:0]
	type end struct {
		e  int
		cs []*cand
	}
	var stack [24]end
	n := len(sc.ids)
	for i := 0; i < n; {
		node := int32(0)
		k := 0
		for j := i; j < n && k < len(stack); j++ {
			id := sc.ids[j]
			if id < 0 {
				break
			}
			next, ok := d.edges[uint64(node)<<32|uint64(uint32(id))]
			if !ok {
				break
			}
			node = next
			if t := d.term[node]; t >= 0 {
				stack[k] = end{j + 1, d.cands[t]}
				k++
			}
		}
		found := false
		for k--; k >= 0 && !found; k-- {
			e := stack[k].e
			pick := pickCand(stack[k].cs, sc.units[i:e], date)
			if pick != nil {
				out = append(out, hit{i, e, pick})
				i = e
				found = true
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// pickCand chooses among the entries of one phrase: those whose letter case
// fits; a proper name before a generic noun; a person with a role on the
// date before one without.
func pickCand(cs []*cand, us []unit, date time.Time) *cand {
	var pick *cand
	for _, c := range cs {
		if !caseFits(c.pat, us) {
			continue
		}
		switch {
		case pick == nil:
			pick = c
		case pick.e.AnyCase && !c.e.AnyCase:
			pick = c
		case !date.IsZero() && c.e.Kind == Person && hasRoleAt(c.e, date) && !hasRoleAt(pick.e, date):
			pick = c
		}
	}
	return pick
}

func hasRoleAt(e *Entry, d time.Time) bool {
	for _, r := range e.Roles {
		if r.Covers(d) {
			return true
		}
	}
	return false
}

func caseFits(pat []uint8, us []unit) bool {
	for i, p := range pat {
		switch p {
		case 1:
			if us[i].shape != shapeTitle && us[i].shape != shapeUpper {
				return false
			}
		case 2:
			if us[i].shape == shapeUpper {
				continue
			}
			if us[i].shape != shapeTitle || us[i].end-us[i].start < 4 {
				return false
			}
		}
	}
	return true
}

// is reports whether unit i has word ID id.
func (sc *scan) is(i int, id int32) bool {
	return i >= 0 && i < len(sc.ids) && sc.ids[i] == id && id >= 0
}

func (sc *scan) word(i int) string { return sc.text[sc.units[i].start:sc.units[i].end] }

// group turns a hit into a group coded on date.
func (d *Dictionary) group(sc *scan, h hit, date time.Time) group {
	e := h.c.e
	g := group{s: h.s, e: h.e, kind: e.Kind, name: e.Name, entry: e, plural: h.c.plural,
		rule: "dictionary"}
	code, title, why := resolve(e, date)
	for ci, c := range e.Contexts {
		if sc.cued(h.s, h.e, h.c.cues[ci]) {
			code, why = c.Code, "context "+c.Code
			break
		}
	}
	if why != "" {
		g.rule += ": " + why
	}
	g.code = code
	g.country, g.sector = e.Country, e.Sector
	if len(code) >= 3 {
		if _, ok := d.countries[code[:3]]; ok {
			g.country = code[:3]
			g.sector = code[3:min(6, len(code))]
		}
	}
	switch e.Kind {
	case Person:
		g.person, g.role = e.Name, title
	case Agent, Title:
		g.agent = true
		if w := strings.ToLower(sc.word(h.e - 1)); !g.plural && len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			g.plural = true // "officials", "troops" written as aliases
		}
		g.personTitle = e.Kind == Title || h.c.personNoun
		g.country = ""
		if g.code == "" {
			g.code = e.Sector
		}
	}
	g.countryOnly = g.country != "" && len(g.code) == 3 && g.code == g.country
	last := sc.units[h.e-1].shape
	g.capitalisedEnd = last == shapeTitle || last == shapeUpper
	return g
}

// cued reports whether any cue phrase occurs within 60 units of [s, e).
func (sc *scan) cued(s, e int, cues [][]int32) bool {
	lo, hi := max(0, s-60), min(len(sc.ids), e+60)
	for _, q := range cues {
		for i := lo; i+len(q) <= hi; i++ {
			ok := true
			for k, id := range q {
				if sc.ids[i+k] != id {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// compose merges adjacent hits into mentions and adds titled names.
func (d *Dictionary) compose(sc *scan, hits []hit, date time.Time) []group {
	gs := sc.gs[:0]
	for _, h := range hits {
		if h.c.e.Kind == Discard {
			continue
		}
		gs = append(gs, d.group(sc, h, date))
	}
	sc.gs = gs
	return d.merge(sc, gs)
}

func (d *Dictionary) merge(sc *scan, gs []group) []group {
	var out []group
	for i := 0; i < len(gs); i++ {
		a := gs[i]
		for i+1 < len(gs) {
			b := gs[i+1]
			m, ok := d.join(sc, a, b)
			if !ok {
				break
			}
			a = m
			i++
		}
		a = d.titledName(sc, a, gs, i)
		if a.kind == Title && a.person == "" {
			continue // "Mr" with no name after it
		}
		prevEnd := 0
		if len(out) > 0 {
			prevEnd = out[len(out)-1].e
		}
		if p, ok := d.appositive(sc, a, prevEnd); ok {
			out = append(out, p)
		}
		out = append(out, a)
	}
	return out
}

// gap classifies the units between two groups.
func (d *Dictionary) gap(sc *scan, from, to int) string {
	switch to - from {
	case 0:
		return ""
	case 1:
		switch {
		case sc.is(from, d.idOf.s):
			return "'s"
		case sc.is(from, d.idOf.of):
			return "of"
		case ordinal(sc.word(from)):
			return "" // "U.S. 5th Fleet", "the 82nd Airborne Division"
		}
	case 2:
		if sc.is(from, d.idOf.of) && sc.is(from+1, d.idOf.the) {
			return "of"
		}
		fallthrough
	default:
		// "for the Middle East", "of State for Foreign Affairs": the rest of
		// a title, capitalised words after "for" or "of"
		w := strings.ToLower(sc.word(from))
		if (w == "for" || w == "of") && to-from <= 6 {
			caps := 0
			for i := from + 1; i < to; i++ {
				switch {
				case sc.units[i].shape == shapeTitle || sc.units[i].shape == shapeUpper:
					caps++
				case sc.is(i, d.idOf.the) || sc.is(i, d.idOf.and) || strings.EqualFold(sc.word(i), "for"):
				default:
					return "x"
				}
			}
			if caps > 0 {
				return "title"
			}
		}
		// "the UK's brave Armed Forces": one lower-case word after 's
		if to-from == 2 && sc.is(from, d.idOf.s) && sc.units[from+1].shape == shapeLower && sc.ids[from+1] < 0 {
			return "'s"
		}
	}
	return "x"
}

// join merges b into a when they name one actor; ok is false otherwise.
func (d *Dictionary) join(sc *scan, a, b group) (group, bool) {
	gap := d.gap(sc, a.e, b.s)
	m := a
	m.e = b.e
	switch {
	// "Iranian officials", "Iran's Defense Minister", "Kremlin spokesman"
	case (gap == "" || gap == "'s") && !a.agent && a.kind != Person && b.agent:
		m.agent, m.personTitle, m.plural = true, b.personTitle, b.plural
		if a.countryOnly || a.kind == Metonym {
			m.kind = Agent
		}
		m.capitalisedEnd = b.capitalisedEnd
		if a.country != "" {
			sector := b.sector
			if sector == "" {
				sector = a.sector
			}
			m.code, m.sector = a.country+sector, sector
		} else if b.code != "" && a.code == "" {
			m.code = b.code
		} else if a.kind == Ethnic && b.sector != "" {
			m.code, m.sector = a.code+b.sector, b.sector // "Kurdish forces" -> KURMIL
		}
		m.countryOnly = false
		m.rule = "country+agent"
		if gap == "'s" {
			m.rule = "possessive country+agent"
		}
		return m, true
	// "Assad's regime", "Putin's government": a person's country and the sector
	case gap == "'s" && a.kind == Person && a.country != "" && b.kind == Agent && b.sector != "":
		m.kind, m.agent, m.personTitle, m.plural = Agent, true, b.personTitle, b.plural
		m.code, m.country, m.sector = a.country+b.sector, a.country, b.sector
		m.person, m.role, m.countryOnly, m.capitalisedEnd = "", "", false, b.capitalisedEnd
		m.rule = "person's agent"
		return m, true
	// "Defense Minister" + "Mohammad Reza Ashtiani", "Iranian" + "Javad Zarif",
	// "Minister for the Middle East" + "Tobias Ellwood"
	case (gap == "" || gap == "title" && a.agent && a.personTitle && a.capitalisedEnd) && b.kind == Person && (a.agent || a.countryOnly):
		m.kind, m.person, m.name, m.role, m.entry = Person, b.person, b.name, b.role, b.entry
		m.code, m.country, m.sector = b.code, b.country, b.sector
		// A person with no office on the date whose title the text gives
		// ("President Salome Zourabichvili", "Opposition leader Raila
		// Odinga") takes the title's sector: the text fixes the role.
		if country := cmp.Or(a.country, b.country); strings.HasSuffix(b.code, "ELI") && a.sector != "" && country != "" {
			m.code, m.country, m.sector = country+a.sector, country, a.sector
		}
		if m.role == "" && a.agent {
			m.role = sc.text[sc.units[a.s].start:sc.units[a.e-1].end]
		}
		m.rule = "title+person; " + b.rule
		m.agent, m.countryOnly, m.plural = false, false, false
		return m, true
	// "the government of Bashar al-Assad": the person's country and the sector
	case gap == "of" && a.agent && !a.personTitle && b.kind == Person && b.country != "" && a.country == "":
		m.kind, m.name, m.entry = Agent, b.name, b.entry
		m.code, m.country = b.country+a.sector, b.country
		m.person, m.role, m.countryOnly = "", "", false
		m.rule = "agent of person"
		return m, true
	// "Foreign Minister" + "of" + "Iran", "Secretary General of the United Nations"
	case gap == "of" && a.agent && !b.agent && b.kind != Person:
		m.kind, m.name, m.entry = a.kind, b.name, b.entry
		if b.countryOnly {
			m.code, m.country, m.sector = b.country+a.sector, b.country, a.sector
		} else {
			m.code, m.country, m.sector = b.code, b.country, b.sector
		}
		m.rule = "agent of " + string(b.kind)
		m.countryOnly = false
		m.capitalisedEnd = false
		return m, true
	// "... Security Council of Iran": a body named without its country, or
	// with it again
	case gap == "of" && !a.agent && (a.country == "" || a.country == b.country) && b.countryOnly && a.kind != Person:
		if a.country == "" {
			m.country, m.code = b.country, b.country+a.sector
		}
		m.rule += " of country"
		return m, true
	// "Syrian Arab", "Iraqi Kurds": a community of a country
	case gap == "" && a.countryOnly && b.kind == Ethnic:
		m.kind, m.name, m.entry, m.code = Ethnic, b.name, b.entry, a.country+b.code
		m.countryOnly = false
		m.rule = "country+community"
		return m, true
	// "U.S. Central Command", "the Iraqi Army": a country before a body
	case gap == "" && a.countryOnly && (b.kind == Org || b.kind == Group) && (b.country == "" || b.country == a.country):
		m.kind, m.name, m.entry, m.code, m.sector = b.kind, b.name, b.entry, b.code, b.sector
		if b.country == "" {
			m.code = a.country + b.code
		}
		m.country, m.countryOnly = a.country, false
		m.rule = "country+body"
		return m, true
	// "Defense Minister": two generic nouns make one agent
	case gap == "" && a.agent && b.agent && b.kind == Agent:
		m.plural, m.personTitle, m.capitalisedEnd = b.plural, b.personTitle || a.personTitle, b.capitalisedEnd
		if b.sector != "" && a.country != "" {
			m.sector, m.code = b.sector, a.country+b.sector
		} else if b.sector != "" && a.country == "" {
			m.sector, m.code = b.sector, b.code
		}
		return m, true
	}
	return a, false
}

// titledName extends a group that ends in a capitalised person title
// ("President", "Gen.", "Foreign Minister") with the capitalised name
// after it when no dictionary entry covers that name.
func (d *Dictionary) titledName(sc *scan, a group, gs []group, i int) group {
	if !a.agent || !a.personTitle || !a.capitalisedEnd || a.plural {
		return a
	}
	limit := len(sc.units)
	if i+1 < len(gs) {
		limit = gs[i+1].s
	}
	j := a.e
	words := 0
	for j < limit && words < 5 {
		u := sc.units[j]
		w := sc.text[u.start:u.end]
		switch {
		case (u.shape == shapeTitle || u.shape == shapeUpper && len(w) > 1 && strings.HasSuffix(w, ".")) && sc.nameWord(j):
			words++
			j++
		case u.shape == shapeUpper && len(w) <= 2 && sc.nameWord(j): // initials: "J."
			words++
			j++
		case words > 0 && (w == "-" || nameParticle[strings.ToLower(w)]) && j+1 < limit && sc.units[j+1].shape == shapeTitle:
			j++
		default:
			limit = j
		}
	}
	if words == 0 {
		return a
	}
	m := a
	m.e = j
	m.kind, m.agent, m.plural = Person, false, false
	m.person = sc.text[sc.units[a.e].start:sc.units[j-1].end]
	if kunya[strings.ToLower(sc.word(a.e-1))] {
		// "Abu Ghadiya": the kunya is part of the name
		m.person = sc.text[sc.units[a.e-1].start:sc.units[j-1].end]
	}
	m.name = m.person
	m.role = sc.text[sc.units[a.s].start:sc.units[a.e-1].end]
	m.rule = "title+capitalised name; " + a.rule
	return m
}

// appositive finds an unknown name before ", the Foreign Minister" and
// makes it a person with the title's country and sector ("Tobias Ellwood,
// the Foreign Office Minister, said").
func (d *Dictionary) appositive(sc *scan, a group, prevEnd int) (group, bool) {
	if !a.agent || !a.personTitle || a.plural || a.kind == Title {
		return group{}, false
	}
	j := a.s - 1
	if j >= 0 && (sc.is(j, d.idOf.the) || strings.EqualFold(sc.word(j), "a")) {
		j--
	}
	if j < 1 || !sc.is(j, d.idOf.comma) {
		return group{}, false
	}
	end := j
	k := j - 1
	for k >= prevEnd && end-k <= 4 && (sc.nameWord(k) || nameParticle[strings.ToLower(sc.word(k))] || sc.word(k) == "-") {
		k--
	}
	start := k + 1
	for start < end && !sc.nameWord(start) {
		start++
	}
	if end-start < 2 || (k >= 0 && k >= prevEnd && sc.units[k].shape == shapeUpper) {
		return group{}, false
	}
	p := a
	p.s, p.e = start, end
	p.kind, p.agent, p.personTitle = Person, false, false
	p.person = sc.text[sc.units[start].start:sc.units[end-1].end]
	p.name = p.person
	p.role = sc.text[sc.units[a.s].start:sc.units[a.e-1].end]
	p.rule = "appositive name; " + a.rule
	return p, true
}

// nameWord reports whether unit i may be part of a person's name: it is
// capitalised, not a common sentence opener, and tagged PROPN when the
// tokens carry tags.
func (sc *scan) nameWord(i int) bool {
	u := sc.units[i]
	if u.shape != shapeTitle && u.shape != shapeUpper {
		return false
	}
	if stopName[strings.ToLower(strings.TrimSuffix(sc.word(i), "."))] {
		return false
	}
	if sc.toks != nil && int(u.tok) < len(sc.toks) {
		if p := sc.toks[u.tok].UPOS; p != "" && p != "PROPN" && p != "X" {
			return false
		}
	}
	return true
}

var stopName = map[string]bool{"the": true, "said": true, "says": true, "on": true, "in": true, "and": true,
	"of": true, "for": true, "to": true, "at": true, "but": true, "that": true, "this": true, "with": true,
	"yesterday": true, "today": true, "tomorrow": true, "meanwhile": true, "however": true, "also": true,
	"then": true, "later": true, "earlier": true, "last": true, "next": true, "when": true, "while": true,
	"after": true, "before": true, "as": true, "by": true, "from": true, "if": true, "it": true, "he": true,
	"she": true, "they": true, "we": true, "a": true, "an": true, "his": true, "her": true, "their": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// ordinal reports whether w is a number with an ordinal suffix ("5th").
func ordinal(w string) bool {
	if len(w) < 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	suf := strings.ToLower(w[len(w)-2:])
	if suf != "st" && suf != "nd" && suf != "rd" && suf != "th" {
		return false
	}
	for i := 0; i < len(w)-2; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

var locative = map[string]bool{"in": true, "across": true, "throughout": true, "inside": true, "into": true,
	"within": true, "near": true, "around": true}

var kunya = map[string]bool{"abu": true, "abou": true, "umm": true, "um": true}

var nameParticle = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "abu": true,
	"de": true, "da": true, "van": true, "von": true, "der": true, "du": true, "la": true, "le": true, "ul": true}

// isPersonNoun reports whether a generic noun names a person (minister,
// spokesman) rather than a body (ministry, army).
func isPersonNoun(w string) bool {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	if strings.HasSuffix(w, "men") {
		w = w[:len(w)-3] + "man"
	} else if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ministry"), strings.HasSuffix(w, "ministries"), strings.HasSuffix(w, "office"),
		strings.HasSuffix(w, "department"), strings.HasSuffix(w, "government"), strings.HasSuffix(w, "army"),
		strings.HasSuffix(w, "forces"), strings.HasSuffix(w, "police"), strings.HasSuffix(w, "agency"),
		strings.HasSuffix(w, "council"), strings.HasSuffix(w, "court"), strings.HasSuffix(w, "parliament"):
		return false
	}
	for _, s := range []string{"minister", "ister", "president", "secretary", "general", "spokesman", "spokeswoman",
		"spokesperson", "chief", "leader", "commander", "adviser", "advisor", "envoy", "ambassador", "official",
		"king", "prince", "emir", "premier", "chancellor", "governor", "mayor", "senator", "lawmaker", "judge",
		"head", "director", "chairman", "colonel", "admiral", "lieutenant", "major", "sheikh", "ayatollah", "diplomat",
		"officer", "deputy", "captain", "sergeant", "queen", "sultan", "marshal", "mp", "cleric", "representative"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// mention renders a group.
func (sc *scan) mention(g group) Mention {
	s, e := sc.units[g.s], sc.units[g.e-1]
	m := Mention{
		Span: doc.Span{Start: s.start, End: e.end}, TokStart: int(s.tok), TokEnd: int(e.tok) + 1,
		Code: g.code, Name: g.name, Country: g.country, Sector: g.sector, Kind: g.kind,
		Role: g.role, Person: g.person, Plural: g.plural, Rule: g.rule,
	}
	if g.entry != nil {
		m.Source = g.entry.File + ":" + strconv.Itoa(g.entry.Line)
	}
	m.Text = sc.text[m.Span.Start:m.Span.End]
	if g.s > 0 {
		w := sc.units[g.s-1]
		m.Definite = strings.EqualFold(sc.text[w.start:w.end], "the")
		prev := g.s - 1
		if m.Definite && prev > 0 {
			prev--
		}
		if (g.kind == Country || g.kind == Metonym) && locative[strings.ToLower(sc.word(prev))] {
			m.Locative = true
		}
	}
	return m
}

// DiscardHit is a discard phrase found in a text: PETRARCH's signal that a
// sentence (Scope "sentence") or a whole story ("story") is not about
// political events ("Manchester United", "bronze medal").
type DiscardHit struct {
	Span   doc.Span `json:"span"`
	Phrase string   `json:"phrase"`
	Scope  string   `json:"scope"`
}

// Discarded returns the discard phrases in text, for the event coder to
// skip the sentence or story. Match itself never codes a discard phrase.
func (d *Dictionary) Discarded(text string, tokens []nlp.Token) []DiscardHit {
	if len(text) > maxMatchBytes {
		text = text[:maxMatchBytes]
	}
	sc := &scan{}
	d.units(sc, text, tokens)
	var out []DiscardHit
	for _, h := range d.hits(sc, time.Time{}) {
		if h.c.e.Kind != Discard {
			continue
		}
		sp := doc.Span{Start: sc.units[h.s].start, End: sc.units[h.e-1].end}
		out = append(out, DiscardHit{Span: sp, Phrase: h.c.e.Name, Scope: h.c.e.Scope})
	}
	return out
}
