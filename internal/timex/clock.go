package timex

// Times of day: clock times, parts of the day, and the dates that follow a
// time ("10 a.m. Tuesday").

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
