package timex

// Expressions that open with "the": "the 1990s", "the first quarter",
// "the past two months", "the next day", "the weekend", "the past".

// theLed: "the 1990s", "the past two months", "the first quarter of 2024",
// "the weekend", "the past", "the end of the year", "the next day".
func (m *matcher) theLed(i int) (int, sem, rule) {
	j := i + 1
	if j >= len(m.t) {
		return 0, sem{}, noRule
	}
	t := m.t[j]
	switch {
	case t.kind == kNum && t.form == nDecade, m.punct(j, '\''):
		if end, s, r := m.match(j); end > 0 && (s.kind == sDecade || s.kind == sCentury) {
			return end, s, r
		}
		return 0, sem{}, noRule
	case t.kind == kNum && t.form == nOrd:
		if end, s, r := m.number(j); end > 0 && s.kind == sDate {
			return end, s, r // "the 15th of March"
		}
		if t.n >= 1 && t.n <= 4 {
			if end, s, r := m.quarterLed(j, t.n); end > 0 {
				return end, s, r
			}
		}
		if m.has(j+1, cUnit) && m.t[j+1].e.unit == uCentury && t.n >= 1 && t.n <= 30 {
			return j + 2, sem{kind: sCentury, typ: Date, y: t.n - 1}, ruleOrdinalCentury
		}
		return 0, sem{}, noRule
	}
	e := t.e
	switch {
	case e.cls&cOrd != 0:
		if end, s, r := m.ordinalLed(j); end > 0 && s.kind == sDate {
			return end, s, r
		}
		if e.val >= 1 && e.val <= 4 {
			if end, s, r := m.quarterLed(j, int(e.val)); end > 0 {
				return end, s, r
			}
		}
		if m.has(j+1, cUnit) && m.t[j+1].e.unit == uCentury && e.val >= 1 {
			return j + 2, sem{kind: sCentury, typ: Date, y: int(e.val) - 1}, ruleOrdinalCentury
		}
	case e.cls&cMod != 0:
		w := m.str(j)
		if (m.word(j, "end") || m.word(j, "beginning") || m.word(j, "start") || m.word(j, "middle")) && m.word(j+1, "of") {
			k := j + 2
			end, s, r := m.match(k)
			if end > 0 && isDated(s) {
				s.mod = modOf(w)
				return end, s, r
			}
			// "the end of the week/month/year": the current one
			if m.has(k, cThe) && m.has(k+1, cUnit) && !m.t[k+1].e.plural {
				s := sem{kind: sRelUnit, typ: Date, u: m.t[k+1].e.unit, n: 0, mod: modOf(w)}
				return k + 2, s, rulePartOfUnit
			}
			return 0, sem{}, noRule
		}
		if end, s, r := m.modLed(j); end > 0 && (s.kind == sDecade || s.kind == sCentury) {
			return end, s, r
		}
	case e.cls&cRel != 0:
		return m.theRel(i, j)
	case e.cls&cQuarter != 0:
		return 0, sem{}, noRule
	case e.cls&cSeason != 0:
		return m.season(j, relBare)
	case e.cls&cUnit != 0 && e.unit == uWeekend && !e.plural:
		return j + 1, sem{kind: sRelUnit, typ: Date, u: uWeekend, n: relBare}, ruleTheWeekend
	case e.cls&cRefWord != 0:
		if m.adjacent(j+1) && m.punct(j+1, '-') {
			return 0, sem{}, noRule
		}
		switch {
		case m.word(j, "future"):
			if m.word(j+1, "of") {
				return 0, sem{}, noRule // "the future of Bashar al-Assad" is his fate
			}
			return j + 1, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, ruleTheFuture
		case m.word(j, "present"):
			if m.word(j+1, "day") {
				return j + 2, sem{kind: sLiteral, typ: Date, code: "PRESENT_REF", prec: PrecVague}, ruleThePresent
			}
		case m.word(j, "past"):
			return j + 1, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, ruleThePast
		}
	case m.word(j, "same"):
		return m.thatLed(i, j+1)
	case (m.word(j, "foreseeable") || m.word(j, "near") || m.word(j, "distant")) && m.word(j+1, "future"):
		return j + 2, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, ruleTheFuture
	case (m.word(j, "recent") || m.word(j, "distant")) && m.word(j+1, "past"):
		return j + 2, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, ruleThePast
	case e.cls&cUnit != 0 && e.unit == uDay && !e.plural:
		if m.word(j+1, "before") && m.word(j+2, "yesterday") {
			return j + 3, sem{kind: sDeictic, typ: Date, n: -2}, ruleDayBeforeYesterday
		}
		if m.word(j+1, "after") && m.word(j+2, "tomorrow") {
			return j + 3, sem{kind: sDeictic, typ: Date, n: 2}, ruleDayAfterTomorrow
		}
		// "the day after his death": a day from the last date mentioned
		if m.word(j+1, "after") {
			return j + 1, sem{kind: sOffset, typ: Date, n: 10, u: uDay, anaphoric: true, code: "anchored"}, ruleTheDayAfter
		}
		if m.word(j+1, "before") {
			return j + 1, sem{kind: sOffset, typ: Date, n: -10, u: uDay, anaphoric: true, code: "anchored"}, ruleTheDayBefore
		}
	case e.cls&cUnit != 0 && e.plural && e.unit >= uDay && e.unit != uWeekend:
		// "in the weeks before the shooting"
		if m.word(j+1, "before") || m.word(j+1, "after") || m.word(j+1, "following") || m.word(j+1, "preceding") ||
			m.word(j+1, "leading") || m.word(j+1, "since") || m.word(j+1, "that") && m.word(j+2, "followed") {
			return j + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, e.unit), prec: PrecVague, skipThe: true}, ruleTheUnitsAround
		}
	}
	return 0, sem{}, noRule
}

// theRel: "the past two months", "the past decade", "the last week",
// "the next day", "the coming weeks", "the latest quarter".
func (m *matcher) theRel(i, j int) (int, sem, rule) {
	e := m.t[j].e
	k := j + 1
	if m.has(k, cQuarter) && !m.has(k, cUnit|cNum) || m.word(k, "quarter") {
		return k + 1, sem{kind: sQuarter, typ: Date, rel: relDir(e), y: 0}, ruleRelQuarter
	}
	n, k2 := m.quantity(k)
	if k2 > 0 && m.has(k2, cUnit) && (m.t[k2].e.plural || n == 10 && !m.has(k, cArt)) {
		if m.word(j, "this") || m.word(j, "current") || m.word(j, "latest") {
			return 0, sem{}, noRule
		}
		return k2 + 1, sem{kind: sLiteral, typ: Duration, code: durValue(n, m.t[k2].e.unit), prec: PrecVague, skipThe: true}, ruleTheRelDuration
	}
	if !m.has(k, cUnit) {
		if m.has(k, cSeason) {
			return m.season(k, relDir(e))
		}
		if m.word(j, "past") && !(m.punct(k, '-') && m.adjacent(k)) {
			return j + 1, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, ruleThePast
		}
		return 0, sem{}, noRule
	}
	u, plural := m.t[k].e.unit, m.t[k].e.plural
	if plural {
		return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, u), prec: PrecVague, skipThe: true}, ruleTheRelDurations
	}
	if m.word(j, "last") && (u == uMinute || u == uSecond) {
		return 0, sem{}, noRule // "at the last minute" is an idiom
	}
	switch {
	case m.word(j, "past") || m.word(j, "recent") || m.word(j, "last") && u != uDay:
		// "the past year", "in the last week": the span up to the reference,
		// which TimeML writes as a duration
		if u == uWeekend {
			return k + 1, sem{kind: sRelUnit, typ: Date, u: u, n: -1}, ruleTheRelUnit
		}
		return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(10, u), prec: PrecVague, skipThe: true}, ruleThePastUnit
	case u == uDay || u == uHour || u == uMinute:
		if u != uDay {
			return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(10, u), prec: PrecVague}, ruleTheRelUnit
		}
		switch {
		case m.word(j, "next") || m.word(j, "following"):
			return k + 1, sem{kind: sOffset, typ: Date, n: 10, u: uDay, anaphoric: true}, ruleTheNextDay
		case m.word(j, "previous") || m.word(j, "preceding"):
			return k + 1, sem{kind: sOffset, typ: Date, n: -10, u: uDay, anaphoric: true}, ruleThePreviousDay
		}
		return 0, sem{}, noRule
	case u == uDecade || u == uCentury:
		if m.word(j, "last") || m.word(j, "next") || m.word(j, "coming") {
			return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(10, u), prec: PrecVague}, ruleTheRelUnit
		}
	}
	return k + 1, sem{kind: sRelUnit, typ: Date, u: u, n: relDir(e)}, ruleTheRelUnit
}
