package timex

import "strconv"

// Durations and sets: counts of units ("three years", "a few weeks"), their
// TIMEX3 values, offsets from a date ("two days ago", "a year later"),
// modifiers of a length ("at least", "more than") and frequencies ("every
// week", "daily", "twice a day").

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
func (m *matcher) quantityLed(i int) (int, sem, rule) {
	n, j := m.quantity(i)
	if j == 0 {
		return 0, sem{}, noRule
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
		return 0, sem{}, noRule
	}
	u := m.t[j].e.unit
	plural := m.t[j].e.plural
	if m.t[j].upper && !m.sentenceStart(j) {
		return 0, sem{}, noRule
	}
	// agreement: "one days" and "three day" (unless hyphenated) are not durations
	if !hyph && n > 10 && !plural && m.t[i].kind == kWord && m.t[i].e.cls&cArt == 0 {
		return 0, sem{}, noRule
	}
	if !hyph && n == 10 && plural {
		return 0, sem{}, noRule
	}
	if n == 0 {
		return 0, sem{}, noRule
	}
	j++
	if hyph {
		// "44-year-old" is an age
		if m.punct(j, '-') && m.adjacent(j) && (m.word(j+1, "old") || m.word(j+1, "olds")) {
			return 0, sem{}, noRule
		}
		if m.punct(j, '-') && m.adjacent(j) && m.word(j+1, "long") {
			j += 2
		}
		return j, sem{kind: sLiteral, typ: Duration, code: durValue(n, u), prec: PrecVague}, ruleDurationAdj
	}
	_ = more
	// a count before "a day" makes a set: "hundreds of interviews a day"
	if m.has(i, cArt) && n == 10 && !plural && i > 0 && m.setContext(i-1) {
		return j, sem{kind: sLiteral, typ: Set, code: durValue(10, u), prec: PrecVague}, ruleSetPer
	}
	switch {
	case m.word(j, "ago"):
		if n < 0 {
			return j + 1, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, ruleVagueAgo
		}
		return j + 1, sem{kind: sOffset, typ: Date, n: -n, u: u}, ruleAgo
	case m.word(j, "earlier") && !m.word(j+1, "than"):
		if n < 0 {
			return 0, sem{}, noRule
		}
		return j + 1, sem{kind: sOffset, typ: Date, n: -n, u: u, anaphoric: true}, ruleEarlier
	case m.word(j, "later") && !m.word(j+1, "than"):
		if n < 0 {
			return 0, sem{}, noRule
		}
		return j + 1, sem{kind: sOffset, typ: Date, n: n, u: u, anaphoric: true}, ruleLater
	case m.word(j, "from") && m.word(j+1, "now"):
		if n < 0 {
			return j + 2, sem{kind: sLiteral, typ: Date, code: "FUTURE_REF", prec: PrecVague}, ruleVagueHence
		}
		return j + 2, sem{kind: sOffset, typ: Date, n: n, u: u}, ruleFromNow
	}
	if u == uWeekend && !plural && n == 10 {
		return 0, sem{}, noRule
	}
	if m.word(j, "old") || m.word(j, "older") || m.word(j, "younger") { // an age
		return 0, sem{}, noRule
	}
	if u == uQuarter && m.word(j, "of") { // "a quarter of its requests" is a fraction
		return 0, sem{}, noRule
	}
	if m.t[i].e.cls&cArt != 0 && n == 10 {
		// "a year" alone is a duration only where a length is meant
		if !m.durationContext(i-1) && !m.word(j, "and") && !m.word(j, "after") && !m.word(j, "before") {
			return 0, sem{}, noRule
		}
	}
	// "a year and a half"
	if n == 10 && m.word(j, "and") && m.has(j+1, cArt) && m.word(j+2, "half") {
		return j + 3, sem{kind: sLiteral, typ: Duration, code: durValue(15, u), prec: PrecVague}, ruleDuration
	}
	return j, sem{kind: sLiteral, typ: Duration, code: durValue(n, u), prec: PrecVague}, ruleDuration
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
		return strconv.Itoa(n / 10)
	}
	return strconv.Itoa(n/10) + "." + strconv.Itoa(n%10)
}

// phraseLed: "at least 72 hours", "more than two years", "less than a
// week", "up to five years", "these days", "once a week", "twice a day".
func (m *matcher) phraseLed(i int) (int, sem, rule) {
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
		return j + 1, sem{kind: sLiteral, typ: Date, code: "PRESENT_REF", prec: PrecVague}, ruleTheseDays
	case m.word(i, "once") || m.word(i, "twice"):
		if (m.has(j, cArt) || m.word(j, "per")) && m.has(j+1, cUnit) && !m.t[j+1].e.plural {
			return j + 2, sem{kind: sLiteral, typ: Set, code: durValue(10, m.t[j+1].e.unit), prec: PrecVague}, ruleSetFreq
		}
		return 0, sem{}, noRule
	default:
		return 0, sem{}, noRule
	}
	end, s, r := m.quantityLed(j)
	if end == 0 || s.typ != Duration {
		// "a month" after "than" is a duration even without context
		if m.has(j, cArt) && m.has(j+1, cUnit) && !m.t[j+1].e.plural {
			end, s, r = j+2, sem{kind: sLiteral, typ: Duration, code: durValue(10, m.t[j+1].e.unit), prec: PrecVague}, ruleDuration
		} else {
			return 0, sem{}, noRule
		}
	}
	s.mod = mod
	return end, s, r.modified()
}

// unitLed: "day-long", "year-long"; "for years", "for weeks".
func (m *matcher) unitLed(i int) (int, sem, rule) {
	t := m.t[i]
	if t.upper && !m.sentenceStart(i) {
		return 0, sem{}, noRule
	}
	if !t.e.plural && m.punct(i+1, '-') && m.adjacent(i+1) && m.word(i+2, "long") && m.adjacent(i+2) {
		return i + 3, sem{kind: sLiteral, typ: Duration, code: durValue(10, t.e.unit), prec: PrecVague}, ruleUnitLong
	}
	if t.e.plural && m.word(i+1, "ago") && t.e.unit >= uDay {
		return i + 2, sem{kind: sLiteral, typ: Date, code: "PAST_REF", prec: PrecVague}, ruleUnitsAgo
	}
	if t.e.plural && (m.word(i-1, "for") || m.word(i-1, "over")) && t.e.unit >= uHour && t.e.unit != uWeekend {
		return i + 1, sem{kind: sLiteral, typ: Duration, code: durValue(-1, t.e.unit), prec: PrecVague}, ruleForUnits
	}
	return 0, sem{}, noRule
}

// set: "every week", "each year", "every other day", "every Monday",
// "every three months", "daily", "weekly".
func (m *matcher) set(i int) (int, sem, rule) {
	t := m.t[i]
	if t.e.cls&cSetAdv != 0 {
		// "the Party daily Granma" is a newspaper
		if t.upper && !m.sentenceStart(i) || i+1 < len(m.t) && m.t[i+1].kind == kWord && m.t[i+1].upper {
			return 0, sem{}, noRule
		}
		return i + 1, sem{kind: sLiteral, typ: Set, code: t.e.code.String(), prec: PrecVague}, ruleSetAdverb
	}
	j := i + 1
	n := 10
	if m.word(j, "other") {
		n, j = 20, j+1
	} else if q, k := m.quantity(j); k > 0 && q > 10 && m.has(k, cUnit) && m.t[k].e.plural {
		n, j = q, k
	}
	if j >= len(m.t) {
		return 0, sem{}, noRule
	}
	u := m.t[j]
	switch {
	case u.e.cls&cUnit != 0 && (n == 10) == !u.e.plural:
		return j + 1, sem{kind: sLiteral, typ: Set, code: durValue(n, u.e.unit), prec: PrecVague}, ruleSetEvery
	case u.e.cls&cWeekday != 0 && u.upper && n == 10:
		return j + 1, sem{kind: sLiteral, typ: Set, code: "XXXX-WXX-" + strconv.Itoa(isoDay(int(u.e.val))), prec: PrecVague}, ruleSetWeekday
	case u.e.cls&cPOD != 0 && n == 10:
		return j + 1, sem{kind: sLiteral, typ: Set, code: "XXXX-XX-XXT" + u.e.code.String(), prec: PrecVague}, ruleSetPOD
	case u.e.cls&cMonth != 0 && u.upper && n == 10 && !u.e.abbr:
		return j + 1, sem{kind: sLiteral, typ: Set, code: "XXXX-" + pad2(int(u.e.val)), prec: PrecVague}, ruleSetMonth
	}
	return 0, sem{}, noRule
}

// isoDay maps a Sunday-0 weekday to ISO numbering (Monday 1, Sunday 7).
func isoDay(wd int) int {
	if wd == 0 {
		return 7
	}
	return wd
}
