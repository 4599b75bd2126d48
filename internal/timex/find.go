package timex

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Recognizer finds temporal expressions. It holds only its word list and
// is safe for concurrent use.
type Recognizer struct {
	lx   lexicon
	toks sync.Pool // *[]tok scratch buffers
}

// New returns a Recognizer with the built-in English word list.
func New() *Recognizer {
	return &Recognizer{lx: newLexicon()}
}

// TenseFunc tells the recogniser the tense of the verb governing the
// expression at text[start:end]. Returning TenseUnknown lets the built-in
// heuristic decide.
type TenseFunc func(start, end int) Tense

// Find returns the temporal expressions of text in order, without overlaps,
// resolved against the reference date ref (only its calendar day is used).
//
// Expressions whose direction is not written down (a bare "Wednesday", "on
// January 15", "in March", "the weekend", "Christmas") take it from the tense
// of their clause, guessed from the nearest tense marker within ten words
// before or eight after, in the same sentence and not across "and", "but",
// "which", "who" or "that" opening another clause:
//
//   - future markers: "will", "'ll", "shall", "would", "may", "might",
//     "must", "should", "scheduled", "expected", "plans", "planning", "due",
//     "soon", "next", "as early as", and "to" before a verb ("planned to
//     leave on Thursday");
//   - past markers: "was", "were", "had", "did", "said" and a few other
//     irregular past forms, and words ending in -ed, except passive
//     participles after "be", "is", "are", "been" ("would be held").
//
// Then:
//
//   - a bare weekday is the latest such day on or before ref, or with a
//     future tense the earliest on or after it ("met on Wednesday" in a
//     Saturday article is three days back, "will meet on Wednesday" four
//     ahead); "last Wednesday" is strictly before, "next Wednesday" and "this
//     coming Wednesday" strictly after, "this Wednesday" in ref's week;
//   - a day or month without a year is, in the past tense, the latest one
//     that has begun by ref ("on December 30" in a 2 January article is the
//     previous year), in the future tense the earliest that has not ended
//     ("will meet in March" in December is next March), and with no tense the
//     one containing ref, else the last one unless the next is within 60 days
//     and nearer ("in March" in a December article without tense is the
//     March just past; "reconvenes Jan. 24" on 13 January is this year). A
//     tense that would put the date most of a year away (over 240 days) while
//     the other side is within 60 days gives way: "decided to admit them in
//     early March" in February is next month.
//
// Anaphoric expressions ("the next day", "later that year", "a week
// later", a bare clock time) count from the last date written before them,
// or from ref when there is none. A dateline date is found like any other;
// see Dateline to read it on its own.
func (r *Recognizer) Find(text string, ref time.Time) []Expr {
	return r.FindWith(text, ref, nil)
}

// FindWith is Find with the tense of each tense-dependent expression asked
// of tense first (nil: always the heuristic).
//
// The text is read in segments of at most 64 KiB cut at line or sentence
// ends, so memory stays bounded whatever the length of the text; the state
// that spans sentences (the last date mentioned, the text's numeric date
// convention) carries over.
func (r *Recognizer) FindWith(text string, ref time.Time, tense TenseFunc) []Expr {
	buf, _ := r.toks.Get().(*[]tok)
	if buf == nil {
		buf = new([]tok)
	}
	f := finder{text: text, ref: dateOnly(ref), tense: tense}
	toks := (*buf)[:0]
	for from := 0; from < len(text); {
		to := segmentEnd(text, from)
		toks = r.lx.tokenize(text[:to], from, toks[:0])
		f.segment(toks)
		if n := len(toks); n > 0 && toks[n-1].end > to {
			to = toks[n-1].end
		}
		from = to
	}
	*buf = toks[:0]
	r.toks.Put(buf)
	return f.out
}

// segmentLen bounds the text tokenized at once.
const segmentLen = 1 << 16

// segmentEnd returns where the segment starting at from ends: at most
// segmentLen bytes on, after the last newline of its second half, else
// after its last sentence end or space, else at a character boundary.
func segmentEnd(text string, from int) int {
	to := from + segmentLen
	if to >= len(text) {
		return len(text)
	}
	half := from + segmentLen/2
	if k := strings.LastIndexByte(text[half:to], '\n'); k >= 0 {
		return half + k + 1
	}
	if k := strings.LastIndex(text[half:to], ". "); k >= 0 {
		return half + k + 2
	}
	if k := strings.LastIndexByte(text[half:to], ' '); k >= 0 {
		return half + k + 1
	}
	for to > from+1 && !utf8.RuneStart(text[to]) {
		to--
	}
	return to
}

// finder holds the state of one FindWith call.
type finder struct {
	text  string
	ref   time.Time
	tense TenseFunc
	out   []Expr
	// numeric dates seen with the day first and with the month first
	dmy, mdy int
	// the last day, and the last month or year, the text mentioned, for anaphora
	lastDay, lastAny time.Time
}

// segment finds the expressions among the tokens of one segment.
func (f *finder) segment(toks []tok) {
	text, ref, tense := f.text, f.ref, f.tense
	m := &matcher{text: text, t: toks}
	for k := range toks {
		if toks[k].form == nSlash {
			switch {
			case toks[k].n > 12 && toks[k].a <= 12:
				f.dmy++
			case toks[k].a > 12 && toks[k].n <= 12:
				f.mdy++
			}
		}
	}
	m.dmy = f.dmy > f.mdy
	out := f.out
	lastDay, lastAny := f.lastDay, f.lastAny
	defer func() { f.out, f.lastDay, f.lastAny = out, lastDay, lastAny }()
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.kind == kWord && t.e.cls&starters == 0 || t.kind == kPunct && text[t.start] != '\'' {
			i++
			continue
		}
		j, s, r := m.match(i)
		if j <= i {
			i++
			continue
		}
		e := Expr{Start: toks[i].start, End: toks[j-1].end, sem: s, Rule: string(r), Ambiguous: s.ambig, Mod: s.mod}
		if s.skipThe && j > i+1 {
			e.Start = toks[i+1].start
		}
		e.Text = text[e.Start:e.End]
		tn := TenseUnknown
		if needsTense(s) {
			if tense != nil {
				tn = tense(e.Start, e.End)
			}
			if tn == TenseUnknown {
				tn = m.tense(i, j)
			}
		}
		if s.anaphoric {
			s.anchor = lastDay
			if s.kind == sOffset && (s.u == uMonth || s.u == uYear) {
				s.anchor = lastAny
			}
			e.sem = s
		}
		e.Value, e.Type, e.Precision = resolve(s, ref, tn)
		e.Tense = tn
		// "Nov. 3, the day before authorities acted": an appositive names
		// the same day as the date it follows
		if (r == ruleTheDayBefore || r == ruleTheDayAfter) && len(out) > 0 && i >= 2 && m.punct(i-1, ',') &&
			out[len(out)-1].End == toks[i-2].end && out[len(out)-1].Precision == PrecDay {
			p := out[len(out)-1]
			e.Value, e.Type, e.Precision, e.Rule = p.Value, p.Type, p.Precision, string(ruleAppositiveDay)
			e.sem = p.sem
		}
		out = append(out, e)
		if !s.anaphoric && (e.Type == Date || e.Type == Time) {
			if d, ok := periodStart(e.Value); ok {
				switch e.Precision {
				case PrecDay:
					lastDay, lastAny = d, d
				case PrecMonth, PrecYear:
					lastAny = d
				}
			}
		}
		i = j
		// "April 24 and 25": a second day of the same month
		if s.kind == sDate && s.d > 0 && (m.word(j, "and") || m.word(j, "or") || m.word(j, "to") || m.word(j, "through") ||
			m.punct(j, '-')) {
			if d, ok := m.day(j + 1); ok && !m.has(j+2, cMonth|cUnit) && !(m.t[j+1].kind == kNum && m.has(j+2, cAmPm)) {
				s2 := s
				s2.d = d
				if v, typ, prec := resolve(s2, ref, tn); v != "" {
					e2 := Expr{Start: toks[j+1].start, End: toks[j+1].end, sem: s2, Rule: string(ruleConjoinedDay), Tense: tn, Value: v, Type: typ, Precision: prec}
					e2.Text = text[e2.Start:e2.End]
					out = append(out, e2)
					i = j + 2
				}
			}
		}
	}
}

// tense guesses the tense of the clause around tokens [i, j): the nearest
// tense marker within ten tokens before or eight after, in the same
// sentence, decides; before wins a tie.
func (m *matcher) tense(i, j int) Tense {
	left, ld := TenseUnknown, 0
	for k := i - 1; k >= 0 && k >= i-10; k-- {
		if m.t[k].kind == kPunct && m.sentenceEnd(k) {
			break
		}
		if tn := m.marker(k, true); tn != TenseUnknown {
			left, ld = tn, i-k
			break
		}
	}
	reach := j + 8
	if left == TenseUnknown {
		reach = j + 12 // "On Tuesday, the National ... League plans to"
	}
	for k := j; k < len(m.t) && k < reach; k++ {
		if m.t[k].kind == kPunct && (m.sentenceEnd(k) || m.text[m.t[k].start] == ':' || m.text[m.t[k].start] == ',' && left != TenseUnknown) {
			break
		}
		// a coordinated or relative clause after the expression has its own tense
		// ("Abortion and Reproductive Rights League" is a name, not a clause)
		if (m.word(k, "and") || m.word(k, "but") || m.word(k, "or")) && !(k+1 < len(m.t) && m.t[k+1].upper) ||
			m.word(k, "while") || m.word(k, "whereas") || m.word(k, "which") || m.word(k, "who") || m.word(k, "that") {
			break
		}
		if tn := m.marker(k, false); tn != TenseUnknown {
			if left == TenseUnknown || k-j+1 < ld {
				return tn
			}
			break
		}
	}
	return left
}

// intent reports whether token k is a verb of intent, plan or obligation
// (or a form of "be") whose infinitive complement lies ahead of it.
func (m *matcher) intent(k int) bool {
	if k < 0 || m.t[k].kind != kWord {
		return false
	}
	switch strings.ToLower(m.str(k)) {
	case "planned", "plans", "plan", "planning", "decided", "decide", "decides", "agreed", "agree", "agrees",
		"promised", "promises", "vowed", "vows", "pledged", "pledges", "threatened", "threatens", "intends", "intended",
		"hopes", "hoped", "hope", "wants", "wanted", "want", "expected", "expects", "scheduled", "due", "set", "going",
		"is", "are", "was", "were", "aims", "aimed", "prepared", "preparing", "prepares", "needs", "needed", "ready",
		"likely", "able", "invited", "asked", "urged", "called", "ordered", "told", "allowed", "has", "have":
		return true
	}
	return false
}

// marker returns the tense token k (before the expression or not) marks, if any: future for "will",
// "would", "must", "plans", "until", ...; past for "was", "said" and other
// -ed words, unless a form of "be" makes them a passive participle.
func (m *matcher) marker(k int, before bool) Tense {
	t := m.t[k]
	if t.kind != kWord {
		return TenseUnknown
	}
	if t.e.cls&cFuture != 0 && !(t.upper && t.e.cls&cMonth != 0) { // "may", not "May"
		return TenseFuture
	}
	if t.upper {
		return TenseUnknown
	}
	w := m.text[t.start:t.end]
	if t.e.cls&cPast != 0 || len(w) > 4 && w[len(w)-2] == 'e' && w[len(w)-1] == 'd' {
		if m.word(k-1, "be") || m.word(k-1, "been") || m.word(k-1, "being") || m.word(k-1, "is") || m.word(k-1, "are") {
			return TenseUnknown // a passive participle: the auxiliary decides
		}
		return TensePast
	}
	if w == "early" && m.word(k+1, "as") { // "as early as Tuesday"
		return TenseFuture
	}
	// "to" before a lower-case word that is not a determiner, after a verb
	// of intent or a form of "be", is an infinitive that looks ahead:
	// "planned to leave on Thursday", "is to visit on Monday" (but not
	// "attempted to flee on Wednesday")
	if before && w == "to" && m.intent(k-1) && k+1 < len(m.t) && m.t[k+1].kind == kWord && !m.t[k+1].upper && m.t[k+1].e.cls&(cThe|cArt|cNum|cRel|cMonth|cWeekday|cUnit|cDeictic) == 0 {
		switch m.str(k + 1) {
		case "his", "her", "their", "its", "our", "my", "your", "him", "them", "us", "me", "that", "these", "those", "power", "court", "office", "reporters":
			return TenseUnknown
		}
		return TenseFuture
	}
	return TenseUnknown
}

func (m *matcher) sentenceEnd(k int) bool {
	switch m.text[m.t[k].start] {
	case '.', '!', '?', ';', '"':
		return true
	}
	s := m.text[m.t[k].start:m.t[k].end]
	return s == "\u201c" || s == "\u201d" // curly double quotes
}

// Dateline returns the date of a news dateline at the start of text, such as
// "WASHINGTON, Jan. 5 (AP) --" or "NAIROBI, August 21 (Xinhua) --": a day of
// a month in the first line, before the agency or the dash. The year is the
// one that puts the date nearest ref.
func (r *Recognizer) Dateline(text string, ref time.Time) (Expr, bool) {
	// the dateline is the opening of the first non-empty line
	start := 0
	for start < len(text) && (text[start] == '\n' || text[start] == '\r' || text[start] == ' ' || text[start] == '\t') {
		start++
	}
	end := start
	for end < len(text) && end-start < 200 && text[end] != '\n' {
		end++
	}
	line := text[start:end]
	stop := len(line)
	for _, mark := range []string{"(", "--", "\u2014", "\u2013", " _", " - "} {
		if k := strings.Index(line, mark); k >= 0 && k < stop {
			stop = k
		}
	}
	if stop == len(line) {
		return Expr{}, false
	}
	for _, e := range r.FindWith(line[:stop], ref, func(int, int) Tense { return TensePresent }) {
		if e.Type == Date && e.Precision == PrecDay && e.sem.kind == sDate {
			e.Start += start
			e.End += start
			e.Rule = string(ruleDateline)
			return e, true
		}
	}
	return Expr{}, false
}
