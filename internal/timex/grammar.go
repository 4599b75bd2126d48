package timex

import "time"

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
	s := m.text[m.t[i].start:m.t[i].end]
	if len(s) != len(w) {
		return false
	}
	for k := 0; k < len(s); k++ {
		if s[k]|0x20 != w[k] {
			return false
		}
	}
	return true
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

// month reads a month name at i; it returns the month and the index after
// it (after the full stop of an abbreviation) or 0.
func (m *matcher) month(i int) (int, int) {
	if !m.has(i, cMonth) {
		return 0, 0
	}
	t := m.t[i]
	if !t.upper {
		return 0, 0
	}
	j := i + 1
	if t.e.abbr && m.punct(j, '.') && m.adjacent(j) {
		j++
	}
	return int(t.e.val), j
}

// day reads a day of the month (1-31, "15", "15th") at i.
func (m *matcher) day(i int) (int, bool) {
	if i >= len(m.t) || m.t[i].kind != kNum {
		return 0, false
	}
	t := m.t[i]
	if (t.form == nPlain && t.nd <= 2 || t.form == nOrd) && t.n >= 1 && t.n <= 31 {
		return t.n, true
	}
	return 0, false
}

// year reads a four-digit year (1000-2999) or 'YY at i; it returns the year
// and the index after it, or 0.
func (m *matcher) year(i int) (int, int) {
	if i >= len(m.t) {
		return 0, 0
	}
	t := m.t[i]
	if t.kind == kNum && t.form == nPlain && t.nd == 4 && t.n >= 1000 && t.n <= 2999 {
		return t.n, i + 1
	}
	if t.kind == kPunct && (m.text[t.start] == '\'') && i+1 < len(m.t) && m.adjacent(i+1) {
		u := m.t[i+1]
		if u.kind == kNum && u.form == nPlain && u.nd == 2 {
			return -1 - u.n, i + 2 // two-digit year: resolved against the reference
		}
	}
	return 0, 0
}

// yearAlone reports whether the number at i reads as a year on its own:
// not a quantity ("1500 troops"), money ("$2000") or percentage.
func (m *matcher) yearAlone(i int) bool {
	t := m.t[i]
	if t.n < 1600 || t.n > 2199 {
		return false
	}
	if i > 0 && m.adjacent(i) {
		p := m.text[m.t[i-1].start]
		if p == '$' || p == '#' || p == '-' || p == '/' || p == '.' || p == ',' || p == '+' {
			return false
		}
		if m.t[i-1].kind == kWord { // "A1998", "F2000"
			return false
		}
	}
	if i > 0 && (m.word(i-1, "no") || m.word(i-1, "number") || m.word(i-1, "route") || m.word(i-1, "flight") ||
		m.word(i-1, "room") || m.word(i-1, "page") || m.word(i-1, "resolution")) {
		return false
	}
	if m.adjacent(i + 1) {
		if c := m.text[m.t[i+1].start]; c == '%' || c == '-' && !m.word(i+2, "to") || m.t[i+1].kind == kWord {
			return false
		}
	}
	if i+1 < len(m.t) && m.t[i+1].kind == kWord {
		nx := m.t[i+1]
		w := m.text[nx.start:nx.end]
		if m.word(i+1, "percent") || m.word(i+1, "per") || nx.e.cls&cUnit != 0 {
			return false
		}
		// a lower-case plural noun after a bare number is a quantity ("1500 troops"),
		// unless a determiner makes the number a modifier ("the 1998 elections").
		if !nx.upper && len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && w[len(w)-2] != 'u' && w[len(w)-2] != 'i' {
			if !(m.has(i-1, cThe) || m.word(i-1, "its") || m.word(i-1, "his") || m.word(i-1, "her") || m.word(i-1, "their") ||
				m.word(i-1, "this") || m.punct(i-1, '\'') || m.word(i-1, "s")) {
				return false
			}
		}
	}
	return true
}

// withPOD adds a part of the day to a day. "Night" keeps the day's value:
// TimeML annotators write "Friday night" as the day more often than with TNI.
func withPOD(s sem, code string) sem {
	if code == "NI" {
		return s
	}
	s.pod, s.typ = code, Time
	return s
}

// pod reads a part of the day at i ("morning", "night").
func (m *matcher) pod(i int) (string, bool) {
	if m.has(i, cPOD) && !m.t[i].upper || m.has(i, cPOD) {
		return m.t[i].e.code.String(), true
	}
	return "", false
}

// match tries every pattern that can start at token i and returns the
// longest: the index after its last token, its meaning and rule name.
func (m *matcher) match(i int) (int, sem, string) {
	if i >= len(m.t) || m.depth >= maxDepth {
		return 0, sem{}, ""
	}
	m.depth++
	j, s, r := m.matchAt(i)
	m.depth--
	return j, s, r
}

// matchAt is match without the depth bookkeeping.
func (m *matcher) matchAt(i int) (int, sem, string) {
	t := m.t[i]
	switch t.kind {
	case kNum:
		return m.number(i)
	case kPunct:
		if m.text[t.start] == '\'' {
			if y, j := m.year(i); y != 0 {
				if j < len(m.t) && m.t[j-1].form == nPlain && m.has(j, cUnit) {
					return 0, sem{}, ""
				}
				return j, sem{kind: sDate, typ: Date, y: y}, "year"
			}
			if i+1 < len(m.t) && m.adjacent(i+1) && m.t[i+1].kind == kNum && m.t[i+1].form == nDecade && m.t[i+1].nd == 2 {
				return i + 2, sem{kind: sDecade, typ: Date, y: -1 - m.t[i+1].n/10}, "decade"
			}
		}
		return 0, sem{}, ""
	}
	e := t.e
	if e.cls&starters == 0 {
		return 0, sem{}, ""
	}
	best, bs, br := 0, sem{}, ""
	try := func(j int, s sem, r string) {
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
		try(j, s, "midtime")
	}
	if e.cls&cSeason != 0 && best == 0 {
		try(m.season(i, relBare))
	}
	if e.cls&cOrd != 0 && best == 0 {
		try(m.ordinalLed(i))
	}
	if e.cls&cPhrase != 0 {
		if m.word(i, "fiscal") {
			// "fiscal 1999", "fiscal year 2024": TimeML writes FY1999
			k := i + 1
			if m.word(k, "year") {
				k++
			}
			if y, k2 := m.year(k); y > 0 {
				try(k2, sem{kind: sLiteral, typ: Date, code: "FY" + itoa4(y), prec: PrecYear}, "fiscal-year")
			}
		} else if m.word(i, "that") {
			try(m.thatLed(i, i+1))
		} else {
			try(m.phraseLed(i))
		}
	}
	return best, bs, br
}

// monthLed: "January", "Jan. 15", "January 15, 2024", "June 1998", "May of 1998",
// "May last year", "January 15 and 16" (first only).
func (m *matcher) monthLed(i int) (int, sem, string) {
	mo, j := m.month(i)
	if mo == 0 {
		return 0, sem{}, ""
	}
	if d, ok := m.day(j); ok && !m.has(j+1, cUnit) {
		k := j + 1
		if m.punct(k, ',') {
			if y, k2 := m.year(k + 1); y != 0 {
				return k2, sem{kind: sDate, typ: Date, y: y, m: mo, d: d}, "month-day-year"
			}
		}
		if y, k2 := m.year(k); y != 0 {
			return k2, sem{kind: sDate, typ: Date, y: y, m: mo, d: d}, "month-day-year"
		}
		if d > daysIn(2000, time.Month(mo)) {
			return 0, sem{}, ""
		}
		return k, sem{kind: sDate, typ: Date, m: mo, d: d}, "month-day"
	}
	if m.t[i].e.abbr && j == i+1 && !m.has(i, cWeekday) && len(m.str(i)) == 3 {
		// a three-letter abbreviation without a day or full stop is too often a word ("Mar", "Dec")
		if y, k := m.year(j); y != 0 {
			return k, sem{kind: sDate, typ: Date, y: y, m: mo}, "month-year"
		}
		return 0, sem{}, ""
	}
	k := j
	if m.punct(k, ',') {
		k++
	}
	if y, k2 := m.year(k); y != 0 {
		return k2, sem{kind: sDate, typ: Date, y: y, m: mo}, "month-year"
	}
	if m.word(j, "of") {
		if y, k2 := m.year(j + 1); y != 0 {
			return k2, sem{kind: sDate, typ: Date, y: y, m: mo}, "month-of-year"
		}
	}
	// "May last year", "May of this year", "March next year"
	k = j
	if m.word(k, "of") {
		k++
	}
	if m.has(k, cRel) && m.word(k+1, "year") {
		if off, ok := relOffset(m.t[k].e); ok {
			return k + 2, sem{kind: sMonthYear, typ: Date, m: mo, n: off}, "month-rel-year"
		}
	}
	if m.t[i].e.abbr && j == i+1 {
		return 0, sem{}, ""
	}
	if mo == 5 && m.word(j, "day") && m.t[j].upper {
		return j + 1, sem{kind: sHoliday, typ: Date, code: "mayday"}, "holiday"
	}
	// a bare month name: "May" and "March" are also a verb/modal
	if mo == 5 || mo == 3 {
		if !m.monthContext(i - 1) {
			return 0, sem{}, ""
		}
	}
	if m.punct(j, '\'') && m.word(j+1, "s") && (mo == 5 || mo == 3) {
		return 0, sem{}, ""
	}
	return j, sem{kind: sDate, typ: Date, m: mo}, "month"
}

// monthContext reports whether the word at i makes the next capitalised
// "May"/"March" a month.
func (m *matcher) monthContext(i int) bool {
	for _, w := range []string{"in", "since", "until", "till", "by", "of", "last", "this", "next", "early", "late",
		"mid", "during", "through", "from", "to", "before", "after", "and", "or", "between", "end", "on", "the"} {
		if m.word(i, w) {
			return true
		}
	}
	return m.punct(i, '-') && m.adjacent(i+1)
}

// relOffset returns -1/0/1 for last/this/next.
func relOffset(e entry) (int, bool) {
	if e.cls&cRel == 0 {
		return 0, false
	}
	return int(e.val), true
}

// weekdayLed: "Wednesday", "Wednesday morning", "Monday, Oct. 26", "Wed.".
func (m *matcher) weekdayLed(i int) (int, sem, string) {
	t := m.t[i]
	if !t.upper {
		return 0, sem{}, ""
	}
	j := i + 1
	if t.e.plural { // "on Thursdays": every Thursday
		return j, sem{kind: sLiteral, typ: Set, code: "XXXX-WXX-" + itoa(isoDay(int(t.e.val))), prec: PrecVague}, "set-weekdays"
	}
	if t.e.abbr {
		if !(m.punct(j, '.') && m.adjacent(j)) {
			return 0, sem{}, ""
		}
		j++
	}
	return m.weekdayTail(i, j, int(t.e.val), relBare)
}

// weekdayTail continues a weekday at j: a date, a part of the day, a time.
func (m *matcher) weekdayTail(i, j, wd, rel int) (int, sem, string) {
	k := j
	if m.punct(k, ',') {
		k++
	}
	if mo, _ := m.month(k); mo != 0 {
		if end, s, _ := m.monthLed(k); end > 0 && s.d > 0 {
			s.wd = wd + 1 // the weekday chooses the year when none is written
			return end, s, "weekday-date"
		}
	}
	if _, ok := m.day(k); ok {
		// "Saturday 31 August 2013"
		if end, s, _ := m.number(k); end > 0 && s.kind == sDate && s.d > 0 {
			s.wd = wd + 1
			return end, s, "weekday-date"
		}
	}
	s := sem{kind: sWeekday, typ: Date, wd: wd, rel: rel}
	if c, ok := m.pod(j); ok && !m.t[j].e.plural {
		s = withPOD(s, c)
		return j + 1, s, "weekday-pod"
	}
	// "Tuesday at 9 a.m."
	if m.word(j, "at") {
		if hh, mm, k := m.clock(j + 1); k > 0 {
			s.hh, s.mm, s.hasTime, s.typ = hh, mm, true, Time
			if m.has(k, cZone) {
				k++
			}
			return k, s, "weekday-clock"
		}
	}
	return j, s, "weekday"
}

// clock reads "9 a.m.", "10:30 p.m.", "10:30" or "noon" at i; it returns the
// hour, minute and index after it, or k == 0.
func (m *matcher) clock(i int) (hh, mm, k int) {
	if i >= len(m.t) {
		return 0, 0, 0
	}
	t := m.t[i]
	switch {
	case t.kind == kNum && t.form == nTime && t.n <= 24 && t.a < 60:
		if m.has(i+1, cAmPm) && t.n >= 1 && t.n <= 12 {
			return t.n%12 + int(m.t[i+1].e.n2), t.a, i + 2
		}
		return t.n, t.a, i + 1
	case t.kind == kNum && t.form == nPlain && t.nd <= 2 && t.n >= 1 && t.n <= 12 && m.has(i+1, cAmPm):
		return t.n%12 + int(m.t[i+1].e.n2), 0, i + 2
	case t.e.cls&cMidTime != 0:
		return int(t.e.n2), 0, i + 1
	}
	return 0, 0, 0
}

// number: ISO and numeric dates, times, "15 January 2024", years, decades,
// and quantities of units.
func (m *matcher) number(i int) (int, sem, string) {
	t := m.t[i]
	switch t.form {
	case nISO:
		if t.b == 0 {
			if t.a >= 1 && t.a <= 12 {
				return i + 1, sem{kind: sDate, typ: Date, y: t.n, m: t.a}, "iso-month"
			}
			return 0, sem{}, ""
		}
		if _, ok := mkDate(t.n, t.a, t.b); ok {
			j, s := m.timeAfterDate(i+1, sem{kind: sDate, typ: Date, y: t.n, m: t.a, d: t.b})
			return j, s, "iso-date"
		}
		return 0, sem{}, ""
	case nSlash:
		return m.numericDate(i)
	case nDecade:
		if t.nd == 4 {
			if t.n%100 == 0 && t.n != 2000 {
				return i + 1, sem{kind: sCentury, typ: Date, y: t.n / 100}, "century"
			}
			if t.n%10 == 0 {
				return i + 1, sem{kind: sDecade, typ: Date, y: t.n / 10}, "decade"
			}
		}
		return 0, sem{}, ""
	case nTime:
		if t.n <= 24 && t.a < 60 {
			s := sem{kind: sDeictic, typ: Time, hh: t.n, mm: t.a, hasTime: true, anaphoric: true}
			j := i + 1
			if m.has(j, cAmPm) {
				if t.n == 0 || t.n > 12 {
					return 0, sem{}, ""
				}
				s.hh = t.n%12 + int(m.t[j].e.n2)
				j++
			} else if !(m.has(j, cZone) || m.word(j, "local") && m.word(j+1, "time") || m.clockContext(i-1)) {
				return 0, sem{}, ""
			}
			j, s = m.timeTail(j, s)
			return j, s, "clock"
		}
		return 0, sem{}, ""
	case nOrd:
		if m.word(i+1, "of") {
			if mo, j := m.month(i + 2); mo != 0 && t.n <= 31 {
				if y, k := m.year(j); y != 0 {
					return k, sem{kind: sDate, typ: Date, y: y, m: mo, d: t.n}, "day-of-month"
				}
				return j, sem{kind: sDate, typ: Date, m: mo, d: t.n}, "day-of-month"
			}
		}
		if m.has(i+1, cUnit) && m.t[i+1].e.unit == uCentury && t.n >= 1 && t.n <= 30 {
			return i + 2, sem{kind: sCentury, typ: Date, y: t.n - 1}, "ordinal-century"
		}
		return 0, sem{}, ""
	case nGrouped:
		return m.quantityLed(i)
	}
	// plain numbers
	if m.has(i+1, cAmPm) && t.n >= 1 && t.n <= 12 && t.nd <= 2 {
		s := sem{kind: sDeictic, typ: Time, hh: t.n%12 + int(m.t[i+1].e.n2), hasTime: true, anaphoric: true}
		j, s := m.timeTail(i+2, s)
		return j, s, "clock"
	}
	if t.nd == 4 && t.n%100 < 60 && t.n/100 <= 24 && m.has(i+1, cZone) {
		s := sem{kind: sDeictic, typ: Time, hh: t.n / 100, mm: t.n % 100, hasTime: true, anaphoric: true}
		j, s := m.timeTail(i+1, s)
		return j, s, "military-clock"
	}
	if d, ok := m.day(i); ok {
		if mo, j := m.month(i + 1); mo != 0 && !(m.t[i+1].e.abbr && j == i+2 && len(m.str(i+1)) == 3 && !m.t[i+1].upper) {
			if y, k := m.year(j); y != 0 {
				return k, sem{kind: sDate, typ: Date, y: y, m: mo, d: d}, "day-month-year"
			}
			if mo == 5 || mo == 3 || m.t[i+1].e.abbr && j == i+2 {
				// "5 May" is fine, but "3 Mar" is unlikely without a full stop
				if m.t[i+1].e.abbr && j == i+2 && len(m.str(i+1)) == 3 {
					return 0, sem{}, ""
				}
			}
			return j, sem{kind: sDate, typ: Date, m: mo, d: d}, "day-month"
		}
	}
	qj, qs, qr := m.quantityLed(i)
	if qj > 0 {
		return qj, qs, qr
	}
	if t.nd == 4 && m.yearAlone(i) {
		return i + 1, sem{kind: sDate, typ: Date, y: t.n}, "year"
	}
	return 0, sem{}, ""
}

// numericDate reads 1/15/2024 or 15.01.2024 (or with a two-digit year).
// Day and month are ordered by whichever is unambiguous; when both could be
// the month, the text's convention (m.dmy) decides and the date is marked
// ambiguous.
func (m *matcher) numericDate(i int) (int, sem, string) {
	t := m.t[i]
	a, b, y := t.n, t.a, t.b
	if y < 0 {
		y = -y - 1 // two-digit year: 00-49 -> 2000s, 50-99 -> 1900s
		if y < 50 {
			y += 2000
		} else {
			y += 1900
		}
	}
	var mo, d int
	ambig := false
	switch {
	case a > 12 && b <= 12:
		d, mo = a, b
	case b > 12 && a <= 12:
		mo, d = a, b
	case a <= 12 && b <= 12:
		if a == b {
			mo, d = a, b
		} else if m.dmy || t.sep == '.' {
			d, mo, ambig = a, b, true
		} else {
			mo, d, ambig = a, b, true
		}
	default:
		return 0, sem{}, ""
	}
	if _, ok := mkDate(y, mo, d); !ok {
		return 0, sem{}, ""
	}
	j, s := m.timeAfterDate(i+1, sem{kind: sDate, typ: Date, y: y, m: mo, d: d, ambig: ambig})
	return j, s, "numeric-date"
}

// clockContext reports whether the word at i introduces a clock time, so a
// bare "11:45" after it is one.
func (m *matcher) clockContext(i int) bool {
	for _, w := range []string{"at", "until", "till", "by", "around", "about", "before", "after", "from", "to", "since", "approximately"} {
		if m.word(i, w) {
			return true
		}
	}
	return false
}

// timeAfterDate extends a full date with a following clock time.
func (m *matcher) timeAfterDate(j int, s sem) (int, sem) {
	if j < len(m.t) && m.t[j].kind == kNum && m.t[j].form == nTime && m.t[j].n <= 24 && m.t[j].a < 60 {
		s.hh, s.mm, s.hasTime, s.typ = m.t[j].n, m.t[j].a, true, Time
		j++
		if m.has(j, cAmPm) && s.hh >= 1 && s.hh <= 12 {
			s.hh = s.hh%12 + int(m.t[j].e.n2)
			j++
		}
		if m.has(j, cZone) {
			j++
		}
	}
	return j, s
}

// timeTail continues a clock time: a zone, then a day it falls on
// ("10 a.m. EST Tuesday", "9 a.m. today", "noon Friday").
func (m *matcher) timeTail(j int, s sem) (int, sem) {
	if m.has(j, cZone) {
		j++
	}
	if m.word(j, "local") && m.word(j+1, "time") {
		j += 2
	}
	w := j
	if m.word(w, "on") {
		w++
	}
	if m.has(w, cWeekday) && m.t[w].upper && !m.t[w].e.abbr {
		s.kind, s.wd, s.rel, s.anaphoric = sWeekday, int(m.t[w].e.val), relBare, false
		return w + 1, s
	}
	switch {
	case m.word(j, "today"), m.word(j, "tonight"):
		s.anaphoric = false
		return j + 1, s
	case m.word(j, "yesterday"):
		s.n, s.anaphoric = -1, false
		return j + 1, s
	case m.word(j, "tomorrow"):
		s.n, s.anaphoric = 1, false
		return j + 1, s
	}
	k := j
	if m.word(k, "on") {
		k++
	}
	if mo, _ := m.month(k); mo != 0 {
		if end, ds, _ := m.monthLed(k); end > 0 && ds.d > 0 {
			ds.hh, ds.mm, ds.hasTime, ds.typ = s.hh, s.mm, true, Time
			return end, ds
		}
	}
	return j, s
}

// quantity reads a count at i: digits, number words ("twenty-one"), "a",
// "an", "a few", "several", "half an", "two and a half". It returns the
// count times ten (so halves survive; -1 for an unknown count) and the
// index after it, or 0.
func (m *matcher) quantity(i int) (int, int) {
	if i >= len(m.t) {
		return 0, 0
	}
	t := m.t[i]
	var n, j int
	switch {
	case t.kind == kNum && t.form == nPlain && t.nd <= 4:
		n, j = t.n*10, i+1
	case t.kind == kNum && t.form == nGrouped:
		s := m.text[t.start:t.end]
		v, frac, ok := decimal(s)
		if !ok {
			return 0, 0
		}
		n, j = v*10+frac, i+1
	case t.e.cls&cNum != 0 && t.kind == kWord:
		n, j = int(t.e.val)*10, i+1
		if t.e.n2 == 100 {
			n = 1000
		}
		if n >= 200 && n <= 900 && m.punct(j, '-') && m.adjacent(j) && m.has(j+1, cNum) && m.t[j+1].e.val < 10 {
			n += int(m.t[j+1].e.val) * 10
			j += 2
		}
		if m.word(j, "hundred") {
			n *= 100
			j++
		}
		if m.word(i, "dozen") {
			return 0, 0 // "a dozen" is read from the article
		}
	case t.e.cls&cArt != 0:
		j = i + 1
		switch {
		case m.word(j, "few"), m.word(j, "couple"):
			n, j = -1, j+1
			if m.word(j, "of") {
				j++
			}
		case m.word(j, "dozen"):
			n, j = 120, j+1
		case m.word(j, "half"):
			n, j = 5, j+1
		case m.word(j, "hundred"):
			n, j = 1000, j+1
		default:
			n = 10
		}
	case t.e.cls&cFuzzy != 0:
		n, j = -1, i+1
		if m.word(j, "of") {
			j++
		}
	case t.e.cls&cHalf != 0:
		if m.has(i+1, cArt) {
			return 5, i + 2
		}
		return 0, 0
	default:
		return 0, 0
	}
	// "two and a half"
	if n > 0 && m.word(j, "and") && m.has(j+1, cArt) && m.word(j+2, "half") && m.has(j+3, cUnit) {
		n += 5
		j += 3
	}
	return n, j
}

// decimal parses "3.5" (a grouped number) to its integer part and first
// decimal; "1,500" to 1500.
func decimal(s string) (int, int, bool) {
	v, frac, seenDot := 0, 0, false
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c >= '0' && c <= '9':
			if seenDot {
				if frac == 0 {
					frac = int(c - '0')
				}
				continue
			}
			if v > 1e6 {
				return 0, 0, false
			}
			v = v*10 + int(c-'0')
		case c == ',':
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return 0, 0, false
		}
	}
	return v, frac, true
}

// quantityLed: "three years", "a month", "five-hour", "two days ago",
// "a year earlier", "14 days", "several weeks", "two more weeks".
func (m *matcher) quantityLed(i int) (int, sem, string) {
	n, j := m.quantity(i)
	if j == 0 {
		return 0, sem{}, ""
	}
	hyph := false
	if m.punct(j, '-') && m.adjacent(j) && m.adjacent(j+1) {
		hyph = true
		j++
	}
	more := false
	if !hyph && (m.word(j, "more") || m.word(j, "additional") || m.word(j, "full") || m.word(j, "straight") || m.word(j, "consecutive")) {
		more = true
		j++
	}
	if !m.has(j, cUnit) || m.t[j].e.cls&cUnit == 0 {
		return 0, sem{}, ""
	}
	u := m.t[j].e.unit
	plural := m.t[j].e.plural
	if m.t[j].upper && !m.sentenceStart(j) {
		return 0, sem{}, ""
	}
	// agreement: "one days" and "three day" (unless hyphenated) are not durations
	if !hyph && n > 10 && !plural && m.t[i].kind == kWord && m.t[i].e.cls&cArt == 0 {
		return 0, sem{}, ""
	}
	if !hyph && n == 10 && plural {
		return 0, sem{}, ""
	}
	if n == 0 {
		return 0, sem{}, ""
	}
	j++
	if hyph {
		// "44-year-old" is an age
		if m.punct(j, '-') && m.adjacent(j) && (m.word(j+1, "old") || m.word(j+1, "olds")) {
			return 0, sem{}, ""
		}
		if m.punct(j, '-') && m.adjacent(j) && m.word(j+1, "long") {
			j += 2
		}
		return j, sem{kind: sLiteral, typ: Duration, code: durValue(n, u), prec: PrecVague}, "duration-adj"
	}
	_ = more
	// a count before "a day" makes a set: "hundreds of interviews a day"
	if m.has(i, cArt) && n == 10 && !plural && i > 0 && m.setContext(i-1) {
		return j, sem{kind: sLiteral, typ: Set, code: durValue(10, u), prec: PrecVague}, "set-per"
	}
	switch {
	case m.word(j, "ago"):
		if n < 0 {
			return j + 1, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, "vague-ago"
		}
		return j + 1, sem{kind: sOffset, typ: Date, n: -n, u: u}, "ago"
	case m.word(j, "earlier") && !m.word(j+1, "than"):
		if n < 0 {
			return 0, sem{}, ""
		}
		return j + 1, sem{kind: sOffset, typ: Date, n: -n, u: u, anaphoric: true}, "earlier"
	case m.word(j, "later") && !m.word(j+1, "than"):
		if n < 0 {
			return 0, sem{}, ""
		}
		return j + 1, sem{kind: sOffset, typ: Date, n: n, u: u, anaphoric: true}, "later"
	case m.word(j, "from") && m.word(j+1, "now"):
		if n < 0 {
			return j + 2, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, "vague-hence"
		}
		return j + 2, sem{kind: sOffset, typ: Date, n: n, u: u}, "from-now"
	}
	if u == uWeekend && !plural && n == 10 {
		return 0, sem{}, ""
	}
	if m.word(j, "old") || m.word(j, "older") || m.word(j, "younger") { // an age
		return 0, sem{}, ""
	}
	if u == uQuarter && m.word(j, "of") { // "a quarter of its requests" is a fraction
		return 0, sem{}, ""
	}
	if m.t[i].e.cls&cArt != 0 && n == 10 {
		// "a year" alone is a duration only where a length is meant
		if !m.durationContext(i-1) && !m.word(j, "and") && !m.word(j, "after") && !m.word(j, "before") {
			return 0, sem{}, ""
		}
	}
	// "a year and a half"
	if n == 10 && m.word(j, "and") && m.has(j+1, cArt) && m.word(j+2, "half") {
		return j + 3, sem{kind: sLiteral, typ: Duration, code: durValue(15, u), prec: PrecVague}, "duration"
	}
	return j, sem{kind: sLiteral, typ: Duration, code: durValue(n, u), prec: PrecVague}, "duration"
}

// setContext reports whether the token at i makes "a day" after it a
// frequency: "twice", "times", "once", a plural noun.
func (m *matcher) setContext(i int) bool {
	if m.word(i, "once") || m.word(i, "twice") || m.word(i, "thrice") || m.word(i, "times") {
		return true
	}
	if i < 0 || m.t[i].kind != kWord || m.t[i].upper {
		return false
	}
	w := m.str(i)
	if len(w) < 5 || w[len(w)-1] != 's' || w[len(w)-2] == 's' || w[len(w)-2] == 'u' || w[len(w)-2] == 'i' {
		return false
	}
	switch w {
	case "hours", "weeks", "years", "months", "minutes", "seconds", "decades", "always", "perhaps", "whereas", "afterwards", "towards":
		return false
	}
	return true
}

// durationContext reports whether the word at i introduces a length of
// time, so "a month" after it is a duration.
func (m *matcher) durationContext(i int) bool {
	for _, w := range []string{"for", "in", "within", "about", "nearly", "almost", "than", "least", "over", "as", "long",
		"only", "just", "took", "spent", "after", "lasted", "last", "up", "barely", "under", "around", "roughly", "some", "than", "half"} {
		if m.word(i, w) {
			return true
		}
	}
	return false
}

// durValue writes a TIMEX3 duration of n/10 units (n < 0: unknown count).
func durValue(n int, u unit) string {
	var num string
	if n < 0 {
		num = "X"
	} else {
		num = tenths(n, u)
		if num == "" {
			return "PX"
		}
	}
	switch u {
	case uSecond:
		return "PT" + num + "S"
	case uMinute:
		return "PT" + num + "M"
	case uHour:
		return "PT" + num + "H"
	case uDay:
		return "P" + num + "D"
	case uWeekend:
		return "P" + num + "WE"
	case uWeek:
		return "P" + num + "W"
	case uFortnight:
		if n < 0 {
			return "PXW"
		}
		return "P" + tenths(n*2, u) + "W"
	case uMonth:
		return "P" + num + "M"
	case uQuarter:
		return "P" + num + "Q"
	case uYear:
		return "P" + num + "Y"
	case uDecade:
		if n < 0 {
			return "PXDE"
		}
		return "P" + tenths(n*10, u) + "Y"
	case uCentury:
		if n < 0 {
			return "PXCE"
		}
		return "P" + tenths(n*100, u) + "Y"
	}
	return "PX"
}

// tenths writes n/10 as "3" or "1.5".
func tenths(n int, _ unit) string {
	if n%10 == 0 {
		return itoa(n / 10)
	}
	return itoa(n/10) + "." + itoa(n%10)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	k := len(b)
	for n > 0 {
		k--
		b[k] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		k--
		b[k] = '-'
	}
	return string(b[k:])
}
