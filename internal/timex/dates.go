package timex

import "time"

// Absolute dates: month names, days and years, ISO and numeric dates,
// ordinal days of a month, holidays.

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

// monthLed: "January", "Jan. 15", "January 15, 2024", "June 1998", "May of 1998",
// "May last year", "January 15 and 16" (first only).
func (m *matcher) monthLed(i int) (int, sem, rule) {
	mo, j := m.month(i)
	if mo == 0 {
		return 0, sem{}, noRule
	}
	if d, ok := m.day(j); ok && !m.has(j+1, cUnit) {
		k := j + 1
		if m.punct(k, ',') {
			if y, k2 := m.year(k + 1); y != 0 {
				return k2, sem{kind: sDate, typ: Date, y: y, m: mo, d: d}, ruleMonthDayYear
			}
		}
		if y, k2 := m.year(k); y != 0 {
			return k2, sem{kind: sDate, typ: Date, y: y, m: mo, d: d}, ruleMonthDayYear
		}
		if d > daysIn(2000, time.Month(mo)) {
			return 0, sem{}, noRule
		}
		return k, sem{kind: sDate, typ: Date, m: mo, d: d}, ruleMonthDay
	}
	if m.t[i].e.abbr && j == i+1 && !m.has(i, cWeekday) && len(m.str(i)) == 3 {
		// a three-letter abbreviation without a day or full stop is too often a word ("Mar", "Dec")
		if y, k := m.year(j); y != 0 {
			return k, sem{kind: sDate, typ: Date, y: y, m: mo}, ruleMonthYear
		}
		return 0, sem{}, noRule
	}
	k := j
	if m.punct(k, ',') {
		k++
	}
	if y, k2 := m.year(k); y != 0 {
		return k2, sem{kind: sDate, typ: Date, y: y, m: mo}, ruleMonthYear
	}
	if m.word(j, "of") {
		if y, k2 := m.year(j + 1); y != 0 {
			return k2, sem{kind: sDate, typ: Date, y: y, m: mo}, ruleMonthOfYear
		}
	}
	// "May last year", "May of this year", "March next year"
	k = j
	if m.word(k, "of") {
		k++
	}
	if m.has(k, cRel) && m.word(k+1, "year") {
		if off, ok := relOffset(m.t[k].e); ok {
			return k + 2, sem{kind: sMonthYear, typ: Date, m: mo, n: off}, ruleMonthRelYear
		}
	}
	if m.t[i].e.abbr && j == i+1 {
		return 0, sem{}, noRule
	}
	if mo == 5 && m.word(j, "day") && m.t[j].upper {
		return j + 1, sem{kind: sHoliday, typ: Date, code: "mayday"}, ruleHoliday
	}
	// a bare month name: "May" and "March" are also a verb/modal
	if mo == 5 || mo == 3 {
		if !m.monthContext(i - 1) {
			return 0, sem{}, noRule
		}
	}
	if m.punct(j, '\'') && m.word(j+1, "s") && (mo == 5 || mo == 3) {
		return 0, sem{}, noRule
	}
	return j, sem{kind: sDate, typ: Date, m: mo}, ruleMonth
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

// number: ISO and numeric dates, times, "15 January 2024", years, decades,
// and quantities of units.
func (m *matcher) number(i int) (int, sem, rule) {
	t := m.t[i]
	switch t.form {
	case nISO:
		if t.b == 0 {
			if t.a >= 1 && t.a <= 12 {
				return i + 1, sem{kind: sDate, typ: Date, y: t.n, m: t.a}, ruleISOMonth
			}
			return 0, sem{}, noRule
		}
		if _, ok := mkDate(t.n, t.a, t.b); ok {
			j, s := m.timeAfterDate(i+1, sem{kind: sDate, typ: Date, y: t.n, m: t.a, d: t.b})
			return j, s, ruleISODate
		}
		return 0, sem{}, noRule
	case nSlash:
		return m.numericDate(i)
	case nDecade:
		if t.nd == 4 {
			if t.n%100 == 0 && t.n != 2000 {
				return i + 1, sem{kind: sCentury, typ: Date, y: t.n / 100}, ruleCentury
			}
			if t.n%10 == 0 {
				return i + 1, sem{kind: sDecade, typ: Date, y: t.n / 10}, ruleDecade
			}
		}
		return 0, sem{}, noRule
	case nTime:
		if t.n <= 24 && t.a < 60 {
			s := sem{kind: sDeictic, typ: Time, hh: t.n, mm: t.a, hasTime: true, anaphoric: true}
			j := i + 1
			if m.has(j, cAmPm) {
				if t.n == 0 || t.n > 12 {
					return 0, sem{}, noRule
				}
				s.hh = t.n%12 + int(m.t[j].e.n2)
				j++
			} else if !(m.has(j, cZone) || m.word(j, "local") && m.word(j+1, "time") || m.clockContext(i-1)) {
				return 0, sem{}, noRule
			}
			j, s = m.timeTail(j, s)
			return j, s, ruleClock
		}
		return 0, sem{}, noRule
	case nOrd:
		if m.word(i+1, "of") {
			if mo, j := m.month(i + 2); mo != 0 && t.n <= 31 {
				if y, k := m.year(j); y != 0 {
					return k, sem{kind: sDate, typ: Date, y: y, m: mo, d: t.n}, ruleDayOfMonth
				}
				return j, sem{kind: sDate, typ: Date, m: mo, d: t.n}, ruleDayOfMonth
			}
		}
		if m.has(i+1, cUnit) && m.t[i+1].e.unit == uCentury && t.n >= 1 && t.n <= 30 {
			return i + 2, sem{kind: sCentury, typ: Date, y: t.n - 1}, ruleOrdinalCentury
		}
		return 0, sem{}, noRule
	case nGrouped:
		return m.quantityLed(i)
	}
	// plain numbers
	if m.has(i+1, cAmPm) && t.n >= 1 && t.n <= 12 && t.nd <= 2 {
		s := sem{kind: sDeictic, typ: Time, hh: t.n%12 + int(m.t[i+1].e.n2), hasTime: true, anaphoric: true}
		j, s := m.timeTail(i+2, s)
		return j, s, ruleClock
	}
	if t.nd == 4 && t.n%100 < 60 && t.n/100 <= 24 && m.has(i+1, cZone) {
		s := sem{kind: sDeictic, typ: Time, hh: t.n / 100, mm: t.n % 100, hasTime: true, anaphoric: true}
		j, s := m.timeTail(i+1, s)
		return j, s, ruleMilitaryClock
	}
	if d, ok := m.day(i); ok {
		if mo, j := m.month(i + 1); mo != 0 && !(m.t[i+1].e.abbr && j == i+2 && len(m.str(i+1)) == 3 && !m.t[i+1].upper) {
			if y, k := m.year(j); y != 0 {
				return k, sem{kind: sDate, typ: Date, y: y, m: mo, d: d}, ruleDayMonthYear
			}
			if mo == 5 || mo == 3 || m.t[i+1].e.abbr && j == i+2 {
				// "5 May" is fine, but "3 Mar" is unlikely without a full stop
				if m.t[i+1].e.abbr && j == i+2 && len(m.str(i+1)) == 3 {
					return 0, sem{}, noRule
				}
			}
			return j, sem{kind: sDate, typ: Date, m: mo, d: d}, ruleDayMonth
		}
	}
	qj, qs, qr := m.quantityLed(i)
	if qj > 0 {
		return qj, qs, qr
	}
	if t.nd == 4 && m.yearAlone(i) {
		return i + 1, sem{kind: sDate, typ: Date, y: t.n}, ruleYear
	}
	return 0, sem{}, noRule
}

// fiscalYear: "fiscal 1999", "fiscal year 2024", which TimeML writes
// FY1999.
func (m *matcher) fiscalYear(i int) (int, sem, rule) {
	k := i + 1
	if m.word(k, "year") {
		k++
	}
	if y, k2 := m.year(k); y > 0 {
		return k2, sem{kind: sLiteral, typ: Date, code: "FY" + itoa4(y), prec: PrecYear}, ruleFiscalYear
	}
	return 0, sem{}, noRule
}

// numericDate reads 1/15/2024 or 15.01.2024 (or with a two-digit year).
// Day and month are ordered by whichever is unambiguous; when both could be
// the month, the text's convention (m.dmy) decides and the date is marked
// ambiguous.
func (m *matcher) numericDate(i int) (int, sem, rule) {
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
		return 0, sem{}, noRule
	}
	if _, ok := mkDate(y, mo, d); !ok {
		return 0, sem{}, noRule
	}
	j, s := m.timeAfterDate(i+1, sem{kind: sDate, typ: Date, y: y, m: mo, d: d, ambig: ambig})
	return j, s, ruleNumericDate
}

// ordinalLed: "first quarter", "second-quarter", "fifth of May".
func (m *matcher) ordinalLed(i int) (int, sem, rule) {
	v := int(m.t[i].e.val)
	if m.word(i+1, "of") {
		if mo, j := m.month(i + 2); mo != 0 && v >= 1 && v <= 31 {
			if y, k := m.year(j); y != 0 {
				return k, sem{kind: sDate, typ: Date, y: y, m: mo, d: v}, ruleDayOfMonth
			}
			return j, sem{kind: sDate, typ: Date, m: mo, d: v}, ruleDayOfMonth
		}
	}
	if v < 1 || v > 4 {
		return 0, sem{}, noRule
	}
	return m.quarterLed(i, v)
}

// holiday: "Christmas", "Christmas Eve", "New Year's Day", "Thanksgiving",
// "Election Day", "Easter", with an optional year.
func (m *matcher) holiday(i int) (int, sem, rule) {
	t := m.t[i]
	if !t.upper {
		return 0, sem{}, noRule
	}
	code := t.e.code.String()
	j := i + 1
	needDay := false
	switch code {
	case "christmas":
		if m.word(j, "eve") {
			code, j = "christmaseve", j+1
		} else if m.word(j, "day") {
			j++
		}
	case "thanksgiving", "halloween":
		if m.word(j, "day") {
			j++
		}
	case "easter":
		if m.word(j, "sunday") {
			j++
		}
	case "newyear":
		if !m.word(j, "year") || !m.t[j].upper {
			return 0, sem{}, noRule
		}
		j++
		if m.punct(j, '\'') && m.word(j+1, "s") {
			j += 2
		}
		if m.word(j, "eve") {
			code, j = "newyeareve", j+1
		} else if m.word(j, "day") {
			j++
		}
	case "valentine":
		if m.punct(j, '\'') && m.word(j+1, "s") {
			j += 2
		}
		needDay = true
	default:
		needDay = true
	}
	if needDay {
		if !m.word(j, "day") || !m.t[j].upper {
			return 0, sem{}, noRule
		}
		j++
	}
	s := sem{kind: sHoliday, typ: Date, code: code}
	if m.word(j, "week") {
		s.u = uWeek
		j++
	}
	k := j
	if m.punct(k, ',') {
		k++
	}
	if y, k2 := m.year(k); y != 0 {
		s.y = y
		j = k2
	}
	return j, s, ruleHoliday
}
