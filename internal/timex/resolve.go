package timex

import (
	"strconv"
	"time"
)

// Resolve returns e normalised against ref with the given tense, which
// decides the direction of a bare weekday ("met on Wednesday" is the most
// recent Wednesday on or before ref, "will meet on Wednesday" the next one
// on or after it), of a month or a day of a month without a year, of a
// season, quarter or holiday. Expressions that do not depend on tense come
// back with the same value. TenseUnknown and TensePresent use the defaults
// described on Find.
func Resolve(e Expr, ref time.Time, tense Tense) Expr {
	if e.sem.kind == sNone {
		return e
	}
	v, typ, prec := resolve(e.sem, dateOnly(ref), tense)
	e.Value, e.Type, e.Precision, e.Tense = v, typ, prec, tense
	return e
}

// dateOnly returns the calendar day of t as UTC midnight.
func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// needsTense reports whether the value of s depends on tense.
func needsTense(s sem) bool {
	switch s.kind {
	case sWeekday:
		return true
	case sDate:
		return s.y == 0 && s.rel != -1
	case sSeason, sQuarter, sHalf:
		return s.y == 0 && s.rel == relBare
	case sHoliday:
		return s.y == 0
	case sRelUnit:
		return s.n == relBare
	}
	return false
}

// resolve computes the TIMEX3 value, type and precision of s.
func resolve(s sem, ref time.Time, tense Tense) (string, Type, Precision) {
	switch s.kind {
	case sLiteral:
		return s.code, s.typ, s.prec
	case sDate:
		return resolveDate(s, ref, tense)
	case sWeekday:
		return withTime(s, weekdayDate(s.wd, s.rel, ref, tense))
	case sDeictic:
		if s.anaphoric && !s.anchor.IsZero() {
			return withTime(s, s.anchor)
		}
		return withTime(s, ref.AddDate(0, 0, s.n))
	case sHoliday:
		y := s.y
		if y == 0 {
			y = pickYear(ref, tense, func(y int) (time.Time, time.Time) {
				d := holidayDate(s.code, y)
				if s.u == uWeek {
					d = isoWeekStart(d.ISOWeek())
					return d, d.AddDate(0, 0, 6)
				}
				return d, d
			})
		}
		if s.u == uWeek { // "Easter week"
			return fmtWeek(holidayDate(s.code, y)), Date, PrecWeek
		}
		return fmtDay(holidayDate(s.code, y)), Date, PrecDay
	case sRelUnit:
		return relUnit(s, ref, tense)
	case sOffset:
		if s.anaphoric && !s.anchor.IsZero() {
			return offset(s, s.anchor)
		}
		if s.code == "anchored" { // "the day after his birthday" with no date written before
			return "XXXX-XX-XX", Date, PrecVague
		}
		return offset(s, ref)
	case sDecade:
		y := s.y
		if y < 0 { // '90s
			dd := -1 - y
			y = (ref.Year()/100)*10 + dd
			if y*10 > ref.Year() {
				y -= 10
			}
		}
		return strconv.Itoa(y), Date, PrecDecade
	case sCentury:
		return pad2(s.y), Date, PrecCentury
	case sSeason:
		return resolveSeason(s, ref, tense)
	case sQuarter, sHalf:
		return resolvePart(s, ref, tense)
	case sRelMonth:
		y := ref.Year()
		rm := int(ref.Month())
		switch s.rel {
		case -1:
			if s.m >= rm {
				y--
			}
		case 1:
			if s.m <= rm {
				y++
			}
		}
		return itoa4(y) + "-" + pad2(s.m), Date, PrecMonth
	case sMonthYear:
		return itoa4(ref.Year()+s.n) + "-" + pad2(s.m), Date, PrecMonth
	}
	return "XXXX-XX-XX", Date, PrecVague
}

// resolveDate handles years, months and days, filling a missing year.
func resolveDate(s sem, ref time.Time, tense Tense) (string, Type, Precision) {
	y := s.y
	if y < 0 { // 'YY
		yy := -1 - y
		y = (ref.Year()/100)*100 + yy
		if y > ref.Year()+10 {
			y -= 100
		}
	}
	switch {
	case y != 0 && s.m == 0:
		return itoa4(y), Date, PrecYear
	case y == 0 && s.d > 0:
		if s.wd > 0 {
			y = pickYearWeekday(ref, s.m, s.d, s.wd-1)
		}
		if y != 0 {
		} else if s.rel == -1 {
			y = ref.Year()
			if d, _ := mkDate(y, s.m, s.d); !d.Before(ref) {
				y--
			}
		} else {
			y = pickYear(ref, tense, func(y int) (time.Time, time.Time) {
				d, ok := mkDate(y, s.m, s.d)
				if !ok { // 29 February in a common year
					d = time.Date(y, time.Month(s.m), s.d, 0, 0, 0, 0, time.UTC)
				}
				return d, d
			})
		}
	case y == 0:
		y = pickYear(ref, tense, func(y int) (time.Time, time.Time) {
			a := time.Date(y, time.Month(s.m), 1, 0, 0, 0, 0, time.UTC)
			return a, a.AddDate(0, 1, -1)
		})
	}
	if s.d == 0 {
		return itoa4(y) + "-" + pad2(s.m), Date, PrecMonth
	}
	d, ok := mkDate(y, s.m, s.d)
	if !ok {
		return itoa4(y) + "-" + pad2(s.m) + "-XX", Date, PrecMonth
	}
	return withTime(s, d)
}

// pickYearWeekday picks, among the years around ref, the one in which
// month m, day d falls on weekday wd ("Monday, Oct. 26"), nearest ref first;
// it returns 0 when none does.
func pickYearWeekday(ref time.Time, m, d, wd int) int {
	for _, dy := range []int{0, -1, 1, -2, 2, -3, 3} {
		y := ref.Year() + dy
		if t, ok := mkDate(y, m, d); ok && int(t.Weekday()) == wd {
			return y
		}
	}
	return 0
}

// pickYear chooses the year of a period given without one ("December 30",
// "March", "Christmas"), among the years around ref. The period of year y
// runs from first(y) to last(y).
//
//   - past: the latest period that has begun by ref ("on December 30" in a
//     2 January article is the previous year);
//   - future: the earliest period that has not ended before ref ("will
//     meet in March" in a December article is the next year);
//   - unknown or present: the period containing ref, else the nearer of the
//     last past and next future period, preferring the past one unless the
//     future one is within 90 days and nearer. News mostly reports what has
//     happened, so a bare "in March" in a December article without tense is
//     the March just past.
func pickYear(ref time.Time, tense Tense, period func(y int) (time.Time, time.Time)) int {
	ry := ref.Year()
	var past, future int // years
	for y := ry + 1; y >= ry-2; y-- {
		a, _ := period(y)
		if !a.After(ref) {
			past = y
			break
		}
	}
	for y := ry - 1; y <= ry+2; y++ {
		_, b := period(y)
		if !b.Before(ref) {
			future = y
			break
		}
	}
	if past == future {
		return past
	}
	_, pb := period(past)
	fa, _ := period(future)
	back := ref.Sub(pb).Hours() / 24
	ahead := fa.Sub(ref).Hours() / 24
	switch tense {
	case TensePast:
		// a date eight months or more back is rarely written without the year or
		// "last": "decided to admit them in early March" in February
		if back > 240 && ahead <= 60 {
			return future
		}
		return past
	case TenseFuture:
		if ahead > 240 && back <= 60 { // "to repatriate the child by Jan. 14" on 15 January
			return past
		}
		return future
	}
	if ahead <= 60 && ahead < back {
		return future
	}
	return past
}

// weekdayDate resolves a weekday: rel -1 (last) the latest strictly before
// ref, 1 (next, this coming) the earliest strictly after, 0 (this) the one in
// ref's Monday-Sunday week unless tense says which side, relBare by tense:
// on or before ref unless future, then on or after.
func weekdayDate(wd, rel int, ref time.Time, tense Tense) time.Time {
	cur := int(ref.Weekday())
	back := (cur - wd + 7) % 7 // days back to the latest on or before ref
	ahead := (wd - cur + 7) % 7
	switch rel {
	case -1:
		if back == 0 {
			back = 7
		}
		return ref.AddDate(0, 0, -back)
	case 1:
		if ahead == 0 {
			ahead = 7
		}
		return ref.AddDate(0, 0, ahead)
	case 0:
		switch tense {
		case TensePast:
			return ref.AddDate(0, 0, -back)
		case TenseFuture:
			return ref.AddDate(0, 0, ahead)
		}
		monday := ref.AddDate(0, 0, -((cur + 6) % 7))
		return monday.AddDate(0, 0, (wd+6)%7)
	}
	if tense == TenseFuture {
		return ref.AddDate(0, 0, ahead)
	}
	return ref.AddDate(0, 0, -back)
}

// withTime writes a day with the time of day of s, if any.
func withTime(s sem, d time.Time) (string, Type, Precision) {
	v := fmtDay(d)
	switch {
	case s.hasTime:
		return v + "T" + pad2(s.hh) + ":" + pad2(s.mm), Time, PrecDay
	case s.pod != "":
		return v + "T" + s.pod, Time, PrecDay
	}
	return v, Date, PrecDay
}

func fmtDay(d time.Time) string {
	return itoa4(d.Year()) + "-" + pad2(int(d.Month())) + "-" + pad2(d.Day())
}

// itoa4 writes a year with at least four digits, as TIMEX3 does: "0998".
func itoa4(y int) string {
	s := strconv.Itoa(y)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// pad2 writes a month, day, week, hour or minute with at least two digits: "07".
func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func fmtWeek(d time.Time) string {
	y, w := d.ISOWeek()
	return itoa4(y) + "-W" + pad2(w)
}

// relUnit resolves last/this/next week, month, quarter, year, decade,
// century and weekend.
func relUnit(s sem, ref time.Time, tense Tense) (string, Type, Precision) {
	n := s.n
	switch s.u {
	case uWeek:
		return fmtWeek(ref.AddDate(0, 0, 7*n)), Date, PrecWeek
	case uWeekend:
		wd := int(ref.Weekday())
		inWeekend := wd == 0 || wd == 6
		// an ISO week runs Monday to Sunday, so both days of a weekend share it
		d := ref.AddDate(0, 0, 7*n)
		if n == relBare {
			d = ref
			if tense != TenseFuture && !inWeekend {
				d = ref.AddDate(0, 0, -7)
			}
		}
		return fmtWeek(d) + "-WE", Date, PrecWeek
	case uMonth:
		d := time.Date(ref.Year(), ref.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return itoa4(d.Year()) + "-" + pad2(int(d.Month())), Date, PrecMonth
	case uQuarter:
		q := (int(ref.Month())-1)/3 + n
		y := ref.Year() + floorDiv(q, 4)
		return itoa4(y) + "-Q" + strconv.Itoa(mod(q, 4)+1), Date, PrecQuarter
	case uYear:
		return itoa4(ref.Year() + n), Date, PrecYear
	case uDecade:
		return strconv.Itoa(ref.Year()/10 + n), Date, PrecDecade
	case uCentury:
		return pad2(ref.Year()/100 + n), Date, PrecCentury
	case uDay:
		return fmtDay(ref.AddDate(0, 0, n)), Date, PrecDay
	}
	return "XXXX-XX-XX", Date, PrecVague
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int { return ((a % b) + b) % b }

// offset resolves "two days ago", "a year earlier", "three weeks from now"
// at the granularity of the unit.
func offset(s sem, ref time.Time) (string, Type, Precision) {
	n := s.n / 10 // whole units; "a year and a half ago" is a year ago
	if s.n%10 != 0 && n == 0 {
		n = s.n / 5
	}
	switch s.u {
	case uSecond, uMinute, uHour:
		return fmtDay(ref), Date, PrecDay
	case uDay:
		return fmtDay(ref.AddDate(0, 0, n)), Date, PrecDay
	case uWeek, uWeekend:
		return fmtWeek(ref.AddDate(0, 0, 7*n)), Date, PrecWeek
	case uFortnight:
		return fmtWeek(ref.AddDate(0, 0, 14*n)), Date, PrecWeek
	case uMonth:
		d := time.Date(ref.Year(), ref.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return itoa4(d.Year()) + "-" + pad2(int(d.Month())), Date, PrecMonth
	case uQuarter:
		q := (int(ref.Month())-1)/3 + n
		return itoa4(ref.Year()+floorDiv(q, 4)) + "-Q" + strconv.Itoa(mod(q, 4)+1), Date, PrecQuarter
	case uYear:
		return itoa4(ref.Year() + n), Date, PrecYear
	case uDecade:
		return itoa4(ref.Year() + 10*n), Date, PrecYear
	case uCentury:
		return itoa4(ref.Year() + 100*n), Date, PrecYear
	}
	return "XXXX-XX-XX", Date, PrecVague
}

// seasonSpan returns the first and last day of season code of year y
// (winter y runs from December y to February y+1).
func seasonSpan(code string, y int) (time.Time, time.Time) {
	m := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
	a := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return a, a.AddDate(0, 3, -1)
}

// resolveSeason: "last fall" is the latest fall that has ended before ref,
// "next spring" the earliest that starts after it, "this summer" the one of
// ref's year; a bare season follows pickYear.
func resolveSeason(s sem, ref time.Time, tense Tense) (string, Type, Precision) {
	y := s.y
	switch {
	case y != 0:
	case s.rel == relYear:
		y = ref.Year() + s.n
	case s.rel == -1:
		y = ref.Year() + 1
		for {
			if _, b := seasonSpan(s.code, y); b.Before(ref) {
				break
			}
			y--
		}
	case s.rel == 1:
		y = ref.Year() - 1
		for {
			if a, _ := seasonSpan(s.code, y); a.After(ref) {
				break
			}
			y++
		}
	case s.rel == 0:
		y = ref.Year()
		if s.code == "WI" && ref.Month() <= 2 {
			y--
		}
	default:
		y = pickYear(ref, tense, func(y int) (time.Time, time.Time) { return seasonSpan(s.code, y) })
	}
	return itoa4(y) + "-" + s.code, Date, PrecSeason
}

// resolvePart resolves quarters and halves.
func resolvePart(s sem, ref time.Time, tense Tense) (string, Type, Precision) {
	letter, per, prec := "Q", 3, PrecQuarter
	if s.kind == sHalf {
		letter, per, prec = "H", 6, PrecHalf
	}
	if s.q == 0 { // "last quarter", "the current quarter"
		cur := (int(ref.Month()) - 1) / per
		k := cur + s.rel
		if s.rel == relBare {
			k = cur
		}
		parts := 12 / per
		return itoa4(ref.Year()+floorDiv(k, parts)) + "-" + letter + strconv.Itoa(mod(k, parts)+1), Date, prec
	}
	y := s.y
	switch {
	case y != 0:
	case s.rel == relYear:
		y = ref.Year() + s.n
	default:
		y = pickYear(ref, tense, func(y int) (time.Time, time.Time) {
			a := time.Date(y, time.Month((s.q-1)*per+1), 1, 0, 0, 0, 0, time.UTC)
			return a, a.AddDate(0, per, -1)
		})
	}
	return itoa4(y) + "-" + letter + strconv.Itoa(s.q), Date, prec
}

// holidayDate returns the date of a holiday in year y.
func holidayDate(code string, y int) time.Time {
	day := func(m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	// nth weekday wd of month m (n < 0: last)
	nth := func(m, wd, n int) time.Time {
		if n < 0 {
			d := day(m+1, 0)
			return d.AddDate(0, 0, -((int(d.Weekday()) - wd + 7) % 7))
		}
		d := day(m, 1)
		return d.AddDate(0, 0, (wd-int(d.Weekday())+7)%7+7*(n-1))
	}
	switch code {
	case "christmas":
		return day(12, 25)
	case "christmaseve":
		return day(12, 24)
	case "newyear":
		return day(1, 1)
	case "mayday":
		return day(5, 1)
	case "newyeareve":
		return day(12, 31)
	case "halloween":
		return day(10, 31)
	case "valentine":
		return day(2, 14)
	case "independence":
		return day(7, 4)
	case "thanksgiving":
		return nth(11, 4, 4)
	case "labor":
		return nth(9, 1, 1)
	case "memorial":
		return nth(5, 1, -1)
	case "election": // the Tuesday after the first Monday of November
		return nth(11, 1, 1).AddDate(0, 0, 1)
	case "easter":
		// anonymous Gregorian computus
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		mm := (a + 11*h + 22*l) / 451
		month := (h + l - 7*mm + 114) / 31
		dd := (h+l-7*mm+114)%31 + 1
		return day(month, dd)
	}
	return day(1, 1)
}
