package timex

import (
	"strings"
	"time"
)

// The matcher: the meaning of an expression before resolution (sem), the
// token tests every pattern uses, and match, which tries every pattern
// that can start at a token and keeps the longest. The patterns live in
// the files named by topic: dates.go, relative.go, the.go, periods.go,
// clock.go and durations.go; rules.go names every rule.

// semKind is the shape of an expression's meaning before resolution.
type semKind uint8

const (
	sNone      semKind = iota
	sDate              // y (and m, d) known, or m[/d] without a year when y == 0
	sWeekday           // wd with rel: -1 last, 0 this, 1 next, relBare none
	sDeictic           // today (0), yesterday (-1), tomorrow (1): n days from the reference
	sRelUnit           // last/this/next unit: n units from the reference at that unit's granularity
	sOffset            // n units ago (n < 0) or from now (n > 0), at the unit's granularity
	sLiteral           // a fixed value (PAST_REF, P3D, P1W set, XXXX-XX-XX)
	sDecade            // y is the decade (199)
	sCentury           // y is the century (19)
	sSeason            // code with y, or rel from the reference
	sQuarter           // q (1-4) with y, or rel from the reference
	sHalf              // q (1-2) with y, or rel
	sHoliday           // code with y, or none
	sRelMonth          // m with rel: last May, this May, next May
	sMonthYear         // m with a year offset from the reference: "May last year"
)

// relBare marks a weekday, season or quarter that has no direction word.
const relBare = 2

// relYear marks a quarter, half or season whose year is n years from the
// reference year.
const relYear = 3

// sem is the recognised meaning of an expression.
type sem struct {
	kind    semKind
	typ     Type
	y, m, d int
	wd      int // weekday, Sunday 0; for a date, weekday+1 when one was written
	rel     int
	n       int
	u       unit
	q       int
	code    string // season, holiday, literal value
	pod     string // part of day: MO, AF, EV, NI
	hh, mm  int    // clock time when hasTime
	hasTime bool
	mod     string
	prec    Precision // for literals
	ambig   bool
	// anaphoric expressions ("the next day", "later that year", a bare
	// clock time) count from the last date the text mentioned, anchor,
	// set by FindWith; zero anchor means the reference date.
	anaphoric bool
	anchor    time.Time
	// skipThe leaves a leading "the" out of the extent, as TimeML does for
	// durations ("over [the past decade]" is marked "past decade")
	skipThe bool
}

// matcher recognises expressions over one tokenized text.
type matcher struct {
	text  string
	t     []tok
	dmy   bool // numeric dates in this text are day-first
	depth int  // nesting of match calls, bounded by maxDepth
}

// maxDepth bounds the nesting of patterns ("the end of the end of ...").
const maxDepth = 4

func (m *matcher) has(i int, c class) bool { return i >= 0 && i < len(m.t) && m.t[i].e.cls&c != 0 }

func (m *matcher) punct(i int, c byte) bool {
	return i >= 0 && i < len(m.t) && m.t[i].kind == kPunct && m.text[m.t[i].start] == c
}

// adjacent reports whether token i starts where token i-1 ends.
func (m *matcher) adjacent(i int) bool {
	return i > 0 && i < len(m.t) && m.t[i].start == m.t[i-1].end
}

// word reports whether token i is the given lowercase word.
func (m *matcher) word(i int, w string) bool {
	if i < 0 || i >= len(m.t) || m.t[i].kind != kWord {
		return false
	}
	// equal byte lengths keep the fold to ASCII: a word with a non-ASCII
	// letter has fewer runes than w
	s := m.text[m.t[i].start:m.t[i].end]
	return len(s) == len(w) && strings.EqualFold(s, w)
}

// str returns the text of token i ("" out of range).
func (m *matcher) str(i int) string {
	if i < 0 || i >= len(m.t) {
		return ""
	}
	return m.text[m.t[i].start:m.t[i].end]
}

// sentenceStart reports whether token i begins a sentence or quotation.
func (m *matcher) sentenceStart(i int) bool {
	if i == 0 {
		return true
	}
	p := m.t[i-1]
	if p.kind != kPunct {
		return false
	}
	switch m.text[p.start] {
	case '.', '!', '?', '"', '`', '\'', '(', ':', ';', '_', '-':
		return true
	}
	return p.start >= 2 && m.text[p.start] > 0x7f // curly quotes, dashes
}

// possessive reports whether token i ends a possessor ("Syria's", "their",
// "own"), which makes the next word a noun.
func (m *matcher) possessive(i int) bool {
	if m.word(i, "s") && (m.punct(i-1, '\'') || i > 0 && m.str(i-1) == "\u2019") {
		return true
	}
	for _, w := range []string{"their", "his", "her", "its", "our", "my", "your", "whose", "own", "political", "bright", "good", "better", "uncertain"} {
		if m.word(i, w) {
			return true
		}
	}
	return false
}

// match tries every pattern that can start at token i and returns the
// longest: the index after its last token, its meaning and rule name.
func (m *matcher) match(i int) (int, sem, rule) {
	if i >= len(m.t) || m.depth >= maxDepth {
		return 0, sem{}, noRule
	}
	m.depth++
	j, s, r := m.matchAt(i)
	m.depth--
	return j, s, r
}

// matchAt is match without the depth bookkeeping.
func (m *matcher) matchAt(i int) (int, sem, rule) {
	t := m.t[i]
	switch t.kind {
	case kNum:
		return m.number(i)
	case kPunct:
		if m.text[t.start] == '\'' {
			if y, j := m.year(i); y != 0 {
				if j < len(m.t) && m.t[j-1].form == nPlain && m.has(j, cUnit) {
					return 0, sem{}, noRule
				}
				return j, sem{kind: sDate, typ: Date, y: y}, ruleYear
			}
			if i+1 < len(m.t) && m.adjacent(i+1) && m.t[i+1].kind == kNum && m.t[i+1].form == nDecade && m.t[i+1].nd == 2 {
				return i + 2, sem{kind: sDecade, typ: Date, y: -1 - m.t[i+1].n/10}, ruleDecade
			}
		}
		return 0, sem{}, noRule
	}
	e := t.e
	if e.cls&starters == 0 {
		return 0, sem{}, noRule
	}
	best, bs, br := 0, sem{}, noRule
	try := func(j int, s sem, r rule) {
		if j > best {
			best, bs, br = j, s, r
		}
	}
	if e.cls&cMonth != 0 {
		try(m.monthLed(i))
	}
	if e.cls&cWeekday != 0 {
		try(m.weekdayLed(i))
	}
	if e.cls&(cNum|cArt|cFuzzy|cHalf) != 0 {
		try(m.quantityLed(i))
	}
	if e.cls&cThe != 0 {
		try(m.theLed(i))
	}
	if e.cls&cRel != 0 {
		try(m.relLed(i))
	}
	if e.cls&cMod != 0 {
		try(m.modLed(i))
	}
	if e.cls&cDeictic != 0 {
		try(m.deictic(i))
	}
	if e.cls&(cEvery|cSetAdv) != 0 {
		try(m.set(i))
	}
	if e.cls&cHoliday != 0 {
		try(m.holiday(i))
	}
	if e.cls&cUnit != 0 && best == 0 {
		try(m.unitLed(i))
	}
	if e.cls&cMidTime != 0 {
		j, s := m.timeTail(i+1, sem{kind: sDeictic, typ: Time, hh: int(e.n2), hasTime: true, anaphoric: true})
		try(j, s, ruleMidtime)
	}
	if e.cls&cSeason != 0 && best == 0 {
		try(m.season(i, relBare))
	}
	if e.cls&cOrd != 0 && best == 0 {
		try(m.ordinalLed(i))
	}
	if e.cls&cPhrase != 0 {
		if m.word(i, "fiscal") {
			try(m.fiscalYear(i))
		} else if m.word(i, "that") {
			try(m.thatLed(i, i+1))
		} else {
			try(m.phraseLed(i))
		}
	}
	return best, bs, br
}

// relOffset returns -1/0/1 for last/this/next.
func relOffset(e entry) (int, bool) {
	if e.cls&cRel == 0 {
		return 0, false
	}
	return int(e.val), true
}

// relDir is the direction of a relative word: -1, 0 or 1.
func relDir(e entry) int { return int(e.val) }

// isDated reports whether s names a period on the calendar (not a
// duration or set).
func isDated(s sem) bool {
	return s.typ == Date || s.typ == Time
}

func modOf(w string) string {
	switch w {
	case "early", "Early", "beginning", "start", "Beginning", "Start":
		return "START"
	case "late", "Late", "end", "End":
		return "END"
	case "mid", "Mid", "middle", "Middle":
		return "MID"
	}
	return ""
}
