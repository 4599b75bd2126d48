package timex

// Parts of years and their modifiers: seasons, quarters and halves, and
// "early", "mid", "late", "the end of" before a calendar period.

// season: "summer", "last fall", "the spring of 1999", "winter 2023".
// A bare season needs a preposition or determiner before it: "fall" is a
// verb as often as a season.
func (m *matcher) season(j, rel int) (int, sem, rule) {
	if !m.has(j, cSeason) {
		return 0, sem{}, noRule
	}
	s := sem{kind: sSeason, typ: Date, code: m.t[j].e.code.String(), rel: rel}
	k := j + 1
	if y, k2 := m.year(k); y != 0 {
		s.y = y
		return k2, s, ruleSeasonYear
	}
	if m.word(k, "of") {
		if y, k2 := m.year(k + 1); y != 0 {
			s.y = y
			return k2, s, ruleSeasonYear
		}
		if rel == relBare {
			return 0, sem{}, noRule // "the fall of Saigon"
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
			return 0, sem{}, noRule
		}
	}
	if m.punct(k, '-') && m.adjacent(k) {
		return 0, sem{}, noRule
	}
	return k, s, ruleSeason
}

// quarterLed reads "first quarter [of 2024]" / "second half" with the
// ordinal at j.
func (m *matcher) quarterLed(j, q int) (int, sem, rule) {
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
		return 0, sem{}, noRule
	}
	k++
	if y, k2 := m.year(k); y != 0 {
		s.y = y
		return k2, s, ruleQuarter
	}
	if m.word(k, "of") {
		if y, k2 := m.year(k + 1); y != 0 {
			s.y = y
			return k2, s, ruleQuarter
		}
		if m.has(k+1, cRel) && m.word(k+2, "year") {
			s.n, s.rel = relDir(m.t[k+1].e), relYear
			return k + 3, s, ruleQuarter
		}
		if m.has(k+1, cThe) && m.word(k+2, "year") {
			s.n, s.rel = 0, relYear
			return k + 3, s, ruleQuarter
		}
		if m.has(k+1, cThe) && m.has(k+2, cRel) && m.word(k+3, "year") {
			s.n, s.rel = relDir(m.t[k+2].e), relYear
			return k + 4, s, ruleQuarter
		}
		if !m.has(k+1, cMonth|cUnit) && !m.has(k+2, cUnit) {
			return 0, sem{}, noRule // "the second half of the match"
		}
	}
	return k, s, ruleQuarter
}

// modLed: "early 2023", "mid-January", "late November", "early next
// week", "earlier this month", "later this year", "late Friday",
// "the late 1990s" (via theLed).
func (m *matcher) modLed(i int) (int, sem, rule) {
	w := m.str(i)
	j := i + 1
	if m.punct(j, '-') && m.adjacent(j) && m.adjacent(j+1) {
		j++
	}
	if m.word(i, "end") || m.word(i, "beginning") || m.word(i, "start") || m.word(i, "middle") {
		if !m.word(j, "of") {
			return 0, sem{}, noRule
		}
		j++
	}
	if j >= len(m.t) || m.t[j].e.cls&cMod != 0 {
		return 0, sem{}, noRule
	}
	// the inner expression must itself be a calendar period
	var end int
	var s sem
	var r rule
	if m.t[j].kind == kNum && m.t[j].form == nPlain && m.t[j].nd == 4 && m.t[j].n >= 1000 && m.t[j].n <= 2999 {
		end, s, r = j+1, sem{kind: sDate, typ: Date, y: m.t[j].n}, ruleYear
	} else if m.has(j, cMonth) && m.t[j].upper {
		end, s, r = m.monthLed(j)
		if end == 0 {
			mo, k := m.month(j)
			end, s, r = k, sem{kind: sDate, typ: Date, m: mo}, ruleMonth
		}
	} else if m.has(j, cSeason) {
		end, s, r = m.season(j, relBare)
		if end == 0 {
			end, s, r = j+1, sem{kind: sSeason, typ: Date, code: m.t[j].e.code.String(), rel: relBare}, ruleSeason
		}
	} else {
		end, s, r = m.match(j)
	}
	if end == 0 || !isDated(s) || s.kind == sLiteral {
		return 0, sem{}, noRule
	}
	if m.word(i, "earlier") || m.word(i, "later") {
		// "earlier this month": only with a relative period or a day word
		if !(s.kind == sRelUnit || s.kind == sDeictic || s.kind == sOffset && s.anaphoric) {
			return 0, sem{}, noRule
		}
	} else {
		s.mod = modOf(w)
	}
	return end, s, r.modified()
}
