package timex

import "strconv"

// Days and periods named from the reference date or the last date
// mentioned: weekdays, "today", "last week", "next May", "that day".

// weekdayLed: "Wednesday", "Wednesday morning", "Monday, Oct. 26", "Wed.".
func (m *matcher) weekdayLed(i int) (int, sem, rule) {
	t := m.t[i]
	if !t.upper {
		return 0, sem{}, noRule
	}
	j := i + 1
	if t.e.plural { // "on Thursdays": every Thursday
		return j, sem{kind: sLiteral, typ: Set, code: "XXXX-WXX-" + strconv.Itoa(isoDay(int(t.e.val))), prec: PrecVague}, ruleSetWeekdays
	}
	if t.e.abbr {
		if !(m.punct(j, '.') && m.adjacent(j)) {
			return 0, sem{}, noRule
		}
		j++
	}
	return m.weekdayTail(i, j, int(t.e.val), relBare)
}

// weekdayTail continues a weekday at j: a date, a part of the day, a time.
func (m *matcher) weekdayTail(i, j, wd, rel int) (int, sem, rule) {
	k := j
	if m.punct(k, ',') {
		k++
	}
	if mo, _ := m.month(k); mo != 0 {
		if end, s, _ := m.monthLed(k); end > 0 && s.d > 0 {
			s.wd = wd + 1 // the weekday chooses the year when none is written
			return end, s, ruleWeekdayDate
		}
	}
	if _, ok := m.day(k); ok {
		// "Saturday 31 August 2013"
		if end, s, _ := m.number(k); end > 0 && s.kind == sDate && s.d > 0 {
			s.wd = wd + 1
			return end, s, ruleWeekdayDate
		}
	}
	s := sem{kind: sWeekday, typ: Date, wd: wd, rel: rel}
	if c, ok := m.pod(j); ok && !m.t[j].e.plural {
		s = withPOD(s, c)
		return j + 1, s, ruleWeekdayPOD
	}
	// "Tuesday at 9 a.m."
	if m.word(j, "at") {
		if hh, mm, k := m.clock(j + 1); k > 0 {
			s.hh, s.mm, s.hasTime, s.typ = hh, mm, true, Time
			if m.has(k, cZone) {
				k++
			}
			return k, s, ruleWeekdayClock
		}
	}
	return j, s, ruleWeekday
}

// relLed: "last week", "next month", "this Wednesday", "last May",
// "last fall", "last night", "this morning", "past five years",
// "recent weeks", "this coming Monday".
func (m *matcher) relLed(i int) (int, sem, rule) {
	e := m.t[i].e
	dir := relDir(e)
	j := i + 1
	strict := false
	if m.word(i, "this") && (m.word(j, "coming") || m.word(j, "past")) {
		dir = relDir(m.t[j].e)
		strict = true
		j++
	}
	if m.word(i, "following") && !m.has(i-1, cThe) {
		return 0, sem{}, noRule // "following years of war" is the preposition
	}
	if m.word(i, "recent") || m.word(i, "preceding") || m.word(i, "following") || m.word(i, "upcoming") && !m.has(j, cUnit) {
		if m.has(j, cUnit) && m.t[j].e.plural {
			return j + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, m.t[j].e.unit), prec: PrecVague}, ruleRecentUnits
		}
		if !m.word(i, "upcoming") {
			return 0, sem{}, noRule
		}
	}
	if j >= len(m.t) {
		return 0, sem{}, noRule
	}
	t := m.t[j]
	switch {
	case t.e.cls&cWeekday != 0 && t.upper:
		k := j + 1
		if t.e.abbr {
			if !m.punct(k, '.') {
				return 0, sem{}, noRule
			}
			k++
		}
		rel := dir
		if m.word(i, "past") || m.word(i, "previous") || m.word(i, "coming") || m.word(i, "following") {
			if !strict && !m.word(i, "coming") {
				return 0, sem{}, noRule
			}
		}
		end, s, r := m.weekdayTail(j, k, int(t.e.val), rel)
		if s.kind == sWeekday {
			return end, s, r.relative()
		}
		return end, s, r
	case t.e.cls&cMonth != 0 && t.upper:
		if m.word(i, "past") || m.word(i, "previous") || m.word(i, "coming") {
			return 0, sem{}, noRule
		}
		mo, k := m.month(j)
		if d, ok := m.day(k); ok && m.word(i, "last") {
			// "last Oct. 23": the most recent such day
			return k + 1, sem{kind: sDate, typ: Date, m: mo, d: d, rel: -1}, ruleRelMonthDay
		}
		return k, sem{kind: sRelMonth, typ: Date, m: mo, rel: dir}, ruleRelMonth
	case t.e.cls&cSeason != 0:
		return m.season(j, dir)
	case t.e.cls&cPOD != 0 && !t.upper:
		switch {
		case m.word(i, "this"):
			return j + 1, withPOD(sem{kind: sDeictic, typ: Date, n: 0}, t.e.code.String()), ruleThisPOD
		case m.word(i, "last") && m.word(j, "night"):
			return j + 1, sem{kind: sDeictic, typ: Date, n: -1}, ruleLastNight
		}
		return 0, sem{}, noRule
	case t.e.cls&cUnit != 0 && !t.upper:
		u := t.e.unit
		if t.e.plural {
			if m.word(i, "coming") || m.word(i, "past") || m.word(i, "next") || m.word(i, "last") {
				return j + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, u), prec: PrecVague}, ruleRelDurations
			}
			return 0, sem{}, noRule
		}
		switch u {
		case uDay:
			switch {
			case m.word(i, "next"), m.word(i, "following"):
				return j + 1, sem{kind: sOffset, typ: Date, n: 10, u: uDay, anaphoric: true}, ruleNextDay
			case m.word(i, "previous"):
				return j + 1, sem{kind: sOffset, typ: Date, n: -10, u: uDay, anaphoric: true}, rulePreviousDay
			}
			return 0, sem{}, noRule
		case uHour, uMinute, uSecond, uFortnight:
			return 0, sem{}, noRule
		}
		return j + 1, sem{kind: sRelUnit, typ: Date, u: u, n: dir}, ruleRelUnit
	case t.e.cls&cQuarter != 0 || m.word(j, "quarter"):
		return j + 1, sem{kind: sQuarter, typ: Date, rel: dir}, ruleRelQuarter
	}
	// "last five years", "next two weeks", "past 24 hours"
	if n, k := m.quantity(j); k > 0 && n != 10 && m.has(k, cUnit) && m.t[k].e.plural {
		if m.word(i, "this") || m.word(i, "current") || m.word(i, "latest") {
			return 0, sem{}, noRule
		}
		return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(n, m.t[k].e.unit), prec: PrecVague}, ruleRelDuration
	}
	return 0, sem{}, noRule
}

// deictic: "today", "yesterday morning", "tomorrow", "tonight", "now",
// "currently".
func (m *matcher) deictic(i int) (int, sem, rule) {
	j := i + 1
	if m.t[i].upper && !m.sentenceStart(i) && !m.word(i, "now") {
		return 0, sem{}, noRule // "BBC Radio 4's Today programme"
	}
	var s sem
	switch {
	case m.word(i, "today"):
		s = sem{kind: sDeictic, typ: Date}
	case m.word(i, "yesterday"):
		s = sem{kind: sDeictic, typ: Date, n: -1}
	case m.word(i, "tomorrow"):
		s = sem{kind: sDeictic, typ: Date, n: 1}
	case m.word(i, "future") && !m.t[i].upper:
		// "future medical disasters": TimeML marks the adjective too, but
		// not the noun of "Syria's future" or "their own future"
		if !(j < len(m.t) && m.t[j].kind == kWord && !m.t[j].upper && m.t[j].e.cls&cFuture == 0) || m.word(j, "of") ||
			m.possessive(i-1) || m.has(i-1, cThe) {
			return 0, sem{}, noRule
		}
		return j, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, ruleFuture
	case m.word(i, "tonight"):
		return j, sem{kind: sDeictic, typ: Date}, ruleTonight
	case m.word(i, "now") || m.word(i, "currently") || m.word(i, "nowadays") || m.word(i, "presently"):
		if m.punct(j, '-') && m.adjacent(j) {
			return 0, sem{}, noRule
		}
		// "Now, ..." opening a sentence is a discourse marker; "for now" and
		// "from now on" are idioms TimeML leaves alone
		if m.word(i, "now") && (m.sentenceStart(i) || m.word(i-1, "for") || m.word(i-1, "from") || m.word(i-1, "just")) {
			return 0, sem{}, noRule
		}
		return j, sem{kind: sLiteral, typ: Date, code: "PRESENT_REF", prec: PrecVague}, rulePresent
	default:
		return 0, sem{}, noRule
	}
	if m.punct(j, '-') && m.adjacent(j) {
		return 0, sem{}, noRule
	}
	if c, ok := m.pod(j); ok && !m.t[j].e.plural {
		s = withPOD(s, c)
		j++
	}
	return j, s, ruleDeictic
}

// thatLed: "that day", "that year", "the same day" (via theLed): the period
// of the last date mentioned.
func (m *matcher) thatLed(i, j int) (int, sem, rule) {
	if !m.has(j, cUnit) || m.t[j].e.plural {
		return 0, sem{}, noRule
	}
	switch u := m.t[j].e.unit; u {
	case uDay, uWeek, uMonth, uYear:
		return j + 1, sem{kind: sOffset, typ: Date, u: u, anaphoric: true}, ruleThatUnit
	}
	return 0, sem{}, noRule
}
