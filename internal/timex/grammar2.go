package timex

// theLed: "the 1990s", "the past two months", "the first quarter of 2024",
// "the weekend", "the past", "the end of the year", "the next day".
func (m *matcher) theLed(i int) (int, sem, string) {
	j := i + 1
	if j >= len(m.t) {
		return 0, sem{}, ""
	}
	t := m.t[j]
	switch {
	case t.kind == kNum && t.form == nDecade, m.punct(j, '\''):
		if end, s, r := m.match(j); end > 0 && (s.kind == sDecade || s.kind == sCentury) {
			return end, s, r
		}
		return 0, sem{}, ""
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
			return j + 2, sem{kind: sCentury, typ: Date, y: t.n - 1}, "ordinal-century"
		}
		return 0, sem{}, ""
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
			return j + 2, sem{kind: sCentury, typ: Date, y: int(e.val) - 1}, "ordinal-century"
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
				return k + 2, s, "part-of-unit"
			}
			return 0, sem{}, ""
		}
		if end, s, r := m.modLed(j); end > 0 && (s.kind == sDecade || s.kind == sCentury) {
			return end, s, r
		}
	case e.cls&cRel != 0:
		return m.theRel(i, j)
	case e.cls&cQuarter != 0:
		return 0, sem{}, ""
	case e.cls&cSeason != 0:
		return m.season(j, relBare)
	case e.cls&cUnit != 0 && e.unit == uWeekend && !e.plural:
		return j + 1, sem{kind: sRelUnit, typ: Date, u: uWeekend, n: relBare}, "the-weekend"
	case e.cls&cRefWord != 0:
		if m.adjacent(j+1) && m.punct(j+1, '-') {
			return 0, sem{}, ""
		}
		switch {
		case m.word(j, "future"):
			if m.word(j+1, "of") {
				return 0, sem{}, "" // "the future of Bashar al-Assad" is his fate
			}
			return j + 1, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, "the-future"
		case m.word(j, "present"):
			if m.word(j+1, "day") {
				return j + 2, sem{kind: sLiteral, typ: Date, code: "PRESENT_REF", prec: PrecVague}, "the-present"
			}
		case m.word(j, "past"):
			return j + 1, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, "the-past"
		}
	case m.word(j, "same"):
		return m.thatLed(i, j+1)
	case (m.word(j, "foreseeable") || m.word(j, "near") || m.word(j, "distant")) && m.word(j+1, "future"):
		return j + 2, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, "the-future"
	case (m.word(j, "recent") || m.word(j, "distant")) && m.word(j+1, "past"):
		return j + 2, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, "the-past"
	case e.cls&cUnit != 0 && e.unit == uDay && !e.plural:
		if m.word(j+1, "before") && m.word(j+2, "yesterday") {
			return j + 3, sem{kind: sDeictic, typ: Date, n: -2}, "day-before-yesterday"
		}
		if m.word(j+1, "after") && m.word(j+2, "tomorrow") {
			return j + 3, sem{kind: sDeictic, typ: Date, n: 2}, "day-after-tomorrow"
		}
		// "the day after his death": a day from the last date mentioned
		if m.word(j+1, "after") {
			return j + 1, sem{kind: sOffset, typ: Date, n: 10, u: uDay, anaphoric: true, code: "anchored"}, "the-day-after"
		}
		if m.word(j+1, "before") {
			return j + 1, sem{kind: sOffset, typ: Date, n: -10, u: uDay, anaphoric: true, code: "anchored"}, "the-day-before"
		}
	case e.cls&cUnit != 0 && e.plural && e.unit >= uDay && e.unit != uWeekend:
		// "in the weeks before the shooting"
		if m.word(j+1, "before") || m.word(j+1, "after") || m.word(j+1, "following") || m.word(j+1, "preceding") ||
			m.word(j+1, "leading") || m.word(j+1, "since") || m.word(j+1, "that") && m.word(j+2, "followed") {
			return j + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, e.unit), prec: PrecVague, skipThe: true}, "the-units-around"
		}
	}
	return 0, sem{}, ""
}

// theRel: "the past two months", "the past decade", "the last week",
// "the next day", "the coming weeks", "the latest quarter".
func (m *matcher) theRel(i, j int) (int, sem, string) {
	e := m.t[j].e
	k := j + 1
	if m.has(k, cQuarter) && !m.has(k, cUnit|cNum) || m.word(k, "quarter") {
		return k + 1, sem{kind: sQuarter, typ: Date, rel: relDir(e), y: 0}, "rel-quarter"
	}
	n, k2 := m.quantity(k)
	if k2 > 0 && m.has(k2, cUnit) && (m.t[k2].e.plural || n == 10 && !m.has(k, cArt)) {
		if m.word(j, "this") || m.word(j, "current") || m.word(j, "latest") {
			return 0, sem{}, ""
		}
		return k2 + 1, sem{kind: sLiteral, typ: Duration, code: durValue(n, m.t[k2].e.unit), prec: PrecVague, skipThe: true}, "the-rel-duration"
	}
	if !m.has(k, cUnit) {
		if m.has(k, cSeason) {
			return m.season(k, relDir(e))
		}
		if m.word(j, "past") && !(m.punct(k, '-') && m.adjacent(k)) {
			return j + 1, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, "the-past"
		}
		return 0, sem{}, ""
	}
	u, plural := m.t[k].e.unit, m.t[k].e.plural
	if plural {
		return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, u), prec: PrecVague, skipThe: true}, "the-rel-durations"
	}
	if m.word(j, "last") && (u == uMinute || u == uSecond) {
		return 0, sem{}, "" // "at the last minute" is an idiom
	}
	switch {
	case m.word(j, "past") || m.word(j, "recent") || m.word(j, "last") && u != uDay:
		// "the past year", "in the last week": the span up to the reference,
		// which TimeML writes as a duration
		if u == uWeekend {
			return k + 1, sem{kind: sRelUnit, typ: Date, u: u, n: -1}, "the-rel-unit"
		}
		return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(10, u), prec: PrecVague, skipThe: true}, "the-past-unit"
	case u == uDay || u == uHour || u == uMinute:
		if u != uDay {
			return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(10, u), prec: PrecVague}, "the-rel-unit"
		}
		switch {
		case m.word(j, "next") || m.word(j, "following"):
			return k + 1, sem{kind: sOffset, typ: Date, n: 10, u: uDay, anaphoric: true}, "the-next-day"
		case m.word(j, "previous") || m.word(j, "preceding"):
			return k + 1, sem{kind: sOffset, typ: Date, n: -10, u: uDay, anaphoric: true}, "the-previous-day"
		}
		return 0, sem{}, ""
	case u == uDecade || u == uCentury:
		if m.word(j, "last") || m.word(j, "next") || m.word(j, "coming") {
			return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(10, u), prec: PrecVague}, "the-rel-unit"
		}
	}
	return k + 1, sem{kind: sRelUnit, typ: Date, u: u, n: relDir(e)}, "the-rel-unit"
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

// quarterLed reads "first quarter [of 2024]" / "second half" with the
// ordinal at j.
func (m *matcher) quarterLed(j, q int) (int, sem, string) {
	k := j + 1
	if m.punct(k, '-') && m.adjacent(k) {
		k++
	}
	var s sem
	switch {
	case m.word(k, "quarter"):
		s = sem{kind: sQuarter, typ: Date, q: q, rel: relBare}
	case m.word(k, "half") && q <= 2:
		s = sem{kind: sHalf, typ: Date, q: q, rel: relBare}
	default:
		return 0, sem{}, ""
	}
	k++
	if y, k2 := m.year(k); y != 0 {
		s.y = y
		return k2, s, "quarter"
	}
	if m.word(k, "of") {
		if y, k2 := m.year(k + 1); y != 0 {
			s.y = y
			return k2, s, "quarter"
		}
		if m.has(k+1, cRel) && m.word(k+2, "year") {
			s.n, s.rel = relDir(m.t[k+1].e), relYear
			return k + 3, s, "quarter"
		}
		if m.has(k+1, cThe) && m.word(k+2, "year") {
			s.n, s.rel = 0, relYear
			return k + 3, s, "quarter"
		}
		if m.has(k+1, cThe) && m.has(k+2, cRel) && m.word(k+3, "year") {
			s.n, s.rel = relDir(m.t[k+2].e), relYear
			return k + 4, s, "quarter"
		}
		if !m.has(k+1, cMonth|cUnit) && !m.has(k+2, cUnit) {
			return 0, sem{}, "" // "the second half of the match"
		}
	}
	return k, s, "quarter"
}

// relYear marks a quarter, half or season whose year is n years from the
// reference year.
const relYear = 3

// ordinalLed: "first quarter", "second-quarter", "fifth of May".
func (m *matcher) ordinalLed(i int) (int, sem, string) {
	v := int(m.t[i].e.val)
	if m.word(i+1, "of") {
		if mo, j := m.month(i + 2); mo != 0 && v >= 1 && v <= 31 {
			if y, k := m.year(j); y != 0 {
				return k, sem{kind: sDate, typ: Date, y: y, m: mo, d: v}, "day-of-month"
			}
			return j, sem{kind: sDate, typ: Date, m: mo, d: v}, "day-of-month"
		}
	}
	if v < 1 || v > 4 {
		return 0, sem{}, ""
	}
	return m.quarterLed(i, v)
}

// relLed: "last week", "next month", "this Wednesday", "last May",
// "last fall", "last night", "this morning", "past five years",
// "recent weeks", "this coming Monday".
func (m *matcher) relLed(i int) (int, sem, string) {
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
		return 0, sem{}, "" // "following years of war" is the preposition
	}
	if m.word(i, "recent") || m.word(i, "preceding") || m.word(i, "following") || m.word(i, "upcoming") && !m.has(j, cUnit) {
		if m.has(j, cUnit) && m.t[j].e.plural {
			return j + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, m.t[j].e.unit), prec: PrecVague}, "recent-units"
		}
		if !m.word(i, "upcoming") {
			return 0, sem{}, ""
		}
	}
	if j >= len(m.t) {
		return 0, sem{}, ""
	}
	t := m.t[j]
	switch {
	case t.e.cls&cWeekday != 0 && t.upper:
		k := j + 1
		if t.e.abbr {
			if !m.punct(k, '.') {
				return 0, sem{}, ""
			}
			k++
		}
		rel := dir
		if m.word(i, "past") || m.word(i, "previous") || m.word(i, "coming") || m.word(i, "following") {
			if !strict && !m.word(i, "coming") {
				return 0, sem{}, ""
			}
		}
		end, s, r := m.weekdayTail(j, k, int(t.e.val), rel)
		if s.kind == sWeekday {
			return end, s, "rel-" + r
		}
		return end, s, r
	case t.e.cls&cMonth != 0 && t.upper:
		if m.word(i, "past") || m.word(i, "previous") || m.word(i, "coming") {
			return 0, sem{}, ""
		}
		mo, k := m.month(j)
		if d, ok := m.day(k); ok && m.word(i, "last") {
			// "last Oct. 23": the most recent such day
			return k + 1, sem{kind: sDate, typ: Date, m: mo, d: d, rel: -1}, "rel-month-day"
		}
		return k, sem{kind: sRelMonth, typ: Date, m: mo, rel: dir}, "rel-month"
	case t.e.cls&cSeason != 0:
		return m.season(j, dir)
	case t.e.cls&cPOD != 0 && !t.upper:
		switch {
		case m.word(i, "this"):
			return j + 1, withPOD(sem{kind: sDeictic, typ: Date, n: 0}, t.e.code.String()), "this-pod"
		case m.word(i, "last") && m.word(j, "night"):
			return j + 1, sem{kind: sDeictic, typ: Date, n: -1}, "last-night"
		}
		return 0, sem{}, ""
	case t.e.cls&cUnit != 0 && !t.upper:
		u := t.e.unit
		if t.e.plural {
			if m.word(i, "coming") || m.word(i, "past") || m.word(i, "next") || m.word(i, "last") {
				return j + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, u), prec: PrecVague}, "rel-durations"
			}
			return 0, sem{}, ""
		}
		switch u {
		case uDay:
			switch {
			case m.word(i, "next"), m.word(i, "following"):
				return j + 1, sem{kind: sOffset, typ: Date, n: 10, u: uDay, anaphoric: true}, "next-day"
			case m.word(i, "previous"):
				return j + 1, sem{kind: sOffset, typ: Date, n: -10, u: uDay, anaphoric: true}, "previous-day"
			}
			return 0, sem{}, ""
		case uHour, uMinute, uSecond, uFortnight:
			return 0, sem{}, ""
		}
		return j + 1, sem{kind: sRelUnit, typ: Date, u: u, n: dir}, "rel-unit"
	case t.e.cls&cQuarter != 0 || m.word(j, "quarter"):
		return j + 1, sem{kind: sQuarter, typ: Date, rel: dir}, "rel-quarter"
	}
	// "last five years", "next two weeks", "past 24 hours"
	if n, k := m.quantity(j); k > 0 && n != 10 && m.has(k, cUnit) && m.t[k].e.plural {
		if m.word(i, "this") || m.word(i, "current") || m.word(i, "latest") {
			return 0, sem{}, ""
		}
		return k + 1, sem{kind: sLiteral, typ: Duration, code: durValue(n, m.t[k].e.unit), prec: PrecVague}, "rel-duration"
	}
	return 0, sem{}, ""
}

// modLed: "early 2023", "mid-January", "late November", "early next
// week", "earlier this month", "later this year", "late Friday",
// "the late 1990s" (via theLed).
func (m *matcher) modLed(i int) (int, sem, string) {
	w := m.str(i)
	j := i + 1
	if m.punct(j, '-') && m.adjacent(j) && m.adjacent(j+1) {
		j++
	}
	if m.word(i, "end") || m.word(i, "beginning") || m.word(i, "start") || m.word(i, "middle") {
		if !m.word(j, "of") {
			return 0, sem{}, ""
		}
		j++
	}
	if j >= len(m.t) || m.t[j].e.cls&cMod != 0 {
		return 0, sem{}, ""
	}
	// the inner expression must itself be a calendar period
	var end int
	var s sem
	var r string
	if m.t[j].kind == kNum && m.t[j].form == nPlain && m.t[j].nd == 4 && m.t[j].n >= 1000 && m.t[j].n <= 2999 {
		end, s, r = j+1, sem{kind: sDate, typ: Date, y: m.t[j].n}, "year"
	} else if m.has(j, cMonth) && m.t[j].upper {
		end, s, r = m.monthLed(j)
		if end == 0 {
			mo, k := m.month(j)
			end, s, r = k, sem{kind: sDate, typ: Date, m: mo}, "month"
		}
	} else if m.has(j, cSeason) {
		end, s, r = m.season(j, relBare)
		if end == 0 {
			end, s, r = j+1, sem{kind: sSeason, typ: Date, code: m.t[j].e.code.String(), rel: relBare}, "season"
		}
	} else {
		end, s, r = m.match(j)
	}
	if end == 0 || !isDated(s) || s.kind == sLiteral {
		return 0, sem{}, ""
	}
	if m.word(i, "earlier") || m.word(i, "later") {
		// "earlier this month": only with a relative period or a day word
		if !(s.kind == sRelUnit || s.kind == sDeictic || s.kind == sOffset && s.anaphoric) {
			return 0, sem{}, ""
		}
	} else {
		s.mod = modOf(w)
	}
	return end, s, "mod-" + r
}

// deictic: "today", "yesterday morning", "tomorrow", "tonight", "now",
// "currently".
func (m *matcher) deictic(i int) (int, sem, string) {
	j := i + 1
	if m.t[i].upper && !m.sentenceStart(i) && !m.word(i, "now") {
		return 0, sem{}, "" // "BBC Radio 4's Today programme"
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
			return 0, sem{}, ""
		}
		return j, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, "future"
	case m.word(i, "tonight"):
		return j, sem{kind: sDeictic, typ: Date}, "tonight"
	case m.word(i, "now") || m.word(i, "currently") || m.word(i, "nowadays") || m.word(i, "presently"):
		if m.punct(j, '-') && m.adjacent(j) {
			return 0, sem{}, ""
		}
		// "Now, ..." opening a sentence is a discourse marker; "for now" and
		// "from now on" are idioms TimeML leaves alone
		if m.word(i, "now") && (m.sentenceStart(i) || m.word(i-1, "for") || m.word(i-1, "from") || m.word(i-1, "just")) {
			return 0, sem{}, ""
		}
		return j, sem{kind: sLiteral, typ: Date, code: "PRESENT_REF", prec: PrecVague}, "present"
	default:
		return 0, sem{}, ""
	}
	if m.punct(j, '-') && m.adjacent(j) {
		return 0, sem{}, ""
	}
	if c, ok := m.pod(j); ok && !m.t[j].e.plural {
		s = withPOD(s, c)
		j++
	}
	return j, s, "deictic"
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

// set: "every week", "each year", "every other day", "every Monday",
// "every three months", "daily", "weekly".
func (m *matcher) set(i int) (int, sem, string) {
	t := m.t[i]
	if t.e.cls&cSetAdv != 0 {
		// "the Party daily Granma" is a newspaper
		if t.upper && !m.sentenceStart(i) || i+1 < len(m.t) && m.t[i+1].kind == kWord && m.t[i+1].upper {
			return 0, sem{}, ""
		}
		return i + 1, sem{kind: sLiteral, typ: Set, code: t.e.code.String(), prec: PrecVague}, "set-adverb"
	}
	j := i + 1
	n := 10
	if m.word(j, "other") {
		n, j = 20, j+1
	} else if q, k := m.quantity(j); k > 0 && q > 10 && m.has(k, cUnit) && m.t[k].e.plural {
		n, j = q, k
	}
	if j >= len(m.t) {
		return 0, sem{}, ""
	}
	u := m.t[j]
	switch {
	case u.e.cls&cUnit != 0 && (n == 10) == !u.e.plural:
		return j + 1, sem{kind: sLiteral, typ: Set, code: durValue(n, u.e.unit), prec: PrecVague}, "set-every"
	case u.e.cls&cWeekday != 0 && u.upper && n == 10:
		return j + 1, sem{kind: sLiteral, typ: Set, code: "XXXX-WXX-" + itoa(isoDay(int(u.e.val))), prec: PrecVague}, "set-weekday"
	case u.e.cls&cPOD != 0 && n == 10:
		return j + 1, sem{kind: sLiteral, typ: Set, code: "XXXX-XX-XXT" + u.e.code.String(), prec: PrecVague}, "set-pod"
	case u.e.cls&cMonth != 0 && u.upper && n == 10 && !u.e.abbr:
		return j + 1, sem{kind: sLiteral, typ: Set, code: "XXXX-" + pad2(int(u.e.val)), prec: PrecVague}, "set-month"
	}
	return 0, sem{}, ""
}

// isoDay maps a Sunday-0 weekday to ISO numbering (Monday 1, Sunday 7).
func isoDay(wd int) int {
	if wd == 0 {
		return 7
	}
	return wd
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

// holiday: "Christmas", "Christmas Eve", "New Year's Day", "Thanksgiving",
// "Election Day", "Easter", with an optional year.
func (m *matcher) holiday(i int) (int, sem, string) {
	t := m.t[i]
	if !t.upper {
		return 0, sem{}, ""
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
			return 0, sem{}, ""
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
			return 0, sem{}, ""
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
	return j, s, "holiday"
}

// season: "summer", "last fall", "the spring of 1999", "winter 2023".
// A bare season needs a preposition or determiner before it: "fall" is a
// verb as often as a season.
func (m *matcher) season(j, rel int) (int, sem, string) {
	if !m.has(j, cSeason) {
		return 0, sem{}, ""
	}
	s := sem{kind: sSeason, typ: Date, code: m.t[j].e.code.String(), rel: rel}
	k := j + 1
	if y, k2 := m.year(k); y != 0 {
		s.y = y
		return k2, s, "season-year"
	}
	if m.word(k, "of") {
		if y, k2 := m.year(k + 1); y != 0 {
			s.y = y
			return k2, s, "season-year"
		}
		if rel == relBare {
			return 0, sem{}, "" // "the fall of Saigon"
		}
	}
	if rel == relBare {
		p := j - 1
		if m.has(p, cThe) {
			p--
		}
		ok := false
		for _, w := range []string{"in", "during", "by", "since", "until", "through", "this", "early", "late", "mid", "over", "next", "last"} {
			if m.word(p, w) {
				ok = true
			}
		}
		if !ok {
			return 0, sem{}, ""
		}
	}
	if m.punct(k, '-') && m.adjacent(k) {
		return 0, sem{}, ""
	}
	return k, s, "season"
}

// phraseLed: "at least 72 hours", "more than two years", "less than a
// week", "up to five years", "these days", "once a week", "twice a day".
func (m *matcher) phraseLed(i int) (int, sem, string) {
	var mod string
	j := i + 1
	switch {
	case m.word(i, "at") && m.word(j, "least"):
		mod, j = "EQUAL_OR_MORE", j+1
	case m.word(i, "more") && m.word(j, "than"):
		mod, j = "MORE_THAN", j+1
	case m.word(i, "less") && m.word(j, "than"):
		mod, j = "LESS_THAN", j+1
	case m.word(i, "up") && m.word(j, "to"):
		mod, j = "EQUAL_OR_LESS", j+1
	case m.word(i, "these") && m.word(j, "days"):
		return j + 1, sem{kind: sLiteral, typ: Date, code: "PRESENT_REF", prec: PrecVague}, "these-days"
	case m.word(i, "once") || m.word(i, "twice"):
		if (m.has(j, cArt) || m.word(j, "per")) && m.has(j+1, cUnit) && !m.t[j+1].e.plural {
			return j + 2, sem{kind: sLiteral, typ: Set, code: durValue(10, m.t[j+1].e.unit), prec: PrecVague}, "set-freq"
		}
		return 0, sem{}, ""
	default:
		return 0, sem{}, ""
	}
	end, s, r := m.quantityLed(j)
	if end == 0 || s.typ != Duration {
		// "a month" after "than" is a duration even without context
		if m.has(j, cArt) && m.has(j+1, cUnit) && !m.t[j+1].e.plural {
			end, s, r = j+2, sem{kind: sLiteral, typ: Duration, code: durValue(10, m.t[j+1].e.unit), prec: PrecVague}, "duration"
		} else {
			return 0, sem{}, ""
		}
	}
	s.mod = mod
	return end, s, "mod-" + r
}

// unitLed: "day-long", "year-long"; "for years", "for weeks".
func (m *matcher) unitLed(i int) (int, sem, string) {
	t := m.t[i]
	if t.upper && !m.sentenceStart(i) {
		return 0, sem{}, ""
	}
	if !t.e.plural && m.punct(i+1, '-') && m.adjacent(i+1) && m.word(i+2, "long") && m.adjacent(i+2) {
		return i + 3, sem{kind: sLiteral, typ: Duration, code: durValue(10, t.e.unit), prec: PrecVague}, "unit-long"
	}
	if t.e.plural && m.word(i+1, "ago") && t.e.unit >= uDay {
		return i + 2, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, "units-ago"
	}
	if t.e.plural && (m.word(i-1, "for") || m.word(i-1, "over")) && t.e.unit >= uHour && t.e.unit != uWeekend {
		return i + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, t.e.unit), prec: PrecVague}, "for-units"
	}
	return 0, sem{}, ""
}

// thatLed: "that day", "that year", "the same day" (via theLed): the period
// of the last date mentioned.
func (m *matcher) thatLed(i, j int) (int, sem, string) {
	if !m.has(j, cUnit) || m.t[j].e.plural {
		return 0, sem{}, ""
	}
	switch u := m.t[j].e.unit; u {
	case uDay, uWeek, uMonth, uYear:
		return j + 1, sem{kind: sOffset, typ: Date, u: u, anaphoric: true}, "that-unit"
	}
	return 0, sem{}, ""
}
