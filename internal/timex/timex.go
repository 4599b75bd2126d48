// Package timex finds temporal expressions in English news text and
// normalises them to TimeML TIMEX3 values against a reference date (the
// publication date of the document).
//
// Recognition is rule based and deterministic: a cheap tokenizer marks the
// few words and numbers that can start an expression (month and weekday
// names, numbers, "last", "today", ...) and hand-written patterns grow an
// expression from each of them, longest match first. Each expression is kept
// both in its recognised, unresolved form (for example "a weekday, Wednesday,
// with no direction") and resolved against the reference date, so a caller
// that knows the tense of the governing verb better than the built-in
// heuristic can call Resolve again. Each expression names the pattern
// that recognised it (Expr.Rule); rules.go lists every one.
//
// The package never reads the clock: the reference date is always passed in.
// A Recognizer is immutable after New and safe for concurrent use.
package timex

import (
	"strings"
	"time"
)

// Type is the TIMEX3 type of an expression.
type Type string

// The four TIMEX3 types.
const (
	Date     Type = "DATE"
	Time     Type = "TIME"
	Duration Type = "DURATION"
	Set      Type = "SET"
)

// Precision is the granularity of the period an expression denotes.
type Precision string

// Precisions, from finest to vaguest. Publication is never produced by the
// recogniser: EventDate uses it when no expression dates a clause.
const (
	PrecDay         Precision = "day"
	PrecWeek        Precision = "week"
	PrecMonth       Precision = "month"
	PrecSeason      Precision = "season"
	PrecQuarter     Precision = "quarter"
	PrecHalf        Precision = "half"
	PrecYear        Precision = "year"
	PrecDecade      Precision = "decade"
	PrecCentury     Precision = "century"
	PrecVague       Precision = "vague"
	PrecPublication Precision = "publication"
)

// Tense is the time of the governing verb relative to the reference date.
// It decides the direction of underspecified expressions: a bare weekday,
// a month or a day of a month without a year, a season, a holiday.
type Tense int

// Tenses. TenseUnknown lets the recogniser's own heuristic decide.
const (
	TenseUnknown Tense = iota
	TensePast
	TensePresent
	TenseFuture
)

// String returns the lowercase name of the tense.
func (t Tense) String() string {
	switch t {
	case TensePast:
		return "past"
	case TensePresent:
		return "present"
	case TenseFuture:
		return "future"
	}
	return "unknown"
}

// Expr is one temporal expression found in a text.
type Expr struct {
	Text      string    `json:"text"`                // exactly text[Start:End]
	Start     int       `json:"start"`               // byte offset, inclusive
	End       int       `json:"end"`                 // byte offset, exclusive
	Type      Type      `json:"type"`                // DATE, TIME, DURATION or SET
	Value     string    `json:"value"`               // TIMEX3 value: 2024-01-24, 2024-W04, P3D, PAST_REF, XXXX-XX-XX, ...
	Mod       string    `json:"mod,omitempty"`       // TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, ...
	Precision Precision `json:"precision"`           // granularity of Value
	Tense     Tense     `json:"-"`                   // the tense used to resolve it
	Ambiguous bool      `json:"ambiguous,omitempty"` // numeric date whose day/month order was guessed
	Rule      string    `json:"rule"`                // the pattern that matched, for diagnostics: a rule of rules.go

	sem sem // the unresolved meaning, for Resolve
}

// Date returns the first day, YYYY-MM-DD, of the period the expression
// denotes: the day itself, the Monday of a week, the first of a month,
// quarter, half, season (Mar/Jun/Sep/Dec 1 for spring/summer/autumn/winter)
// or year, 1 January of a decade or century. It returns "" for durations,
// sets, PAST_REF/PRESENT_REF/FUTURE_REF and values with unknown parts (X).
func (e Expr) Date() string {
	if e.Type == Duration || e.Type == Set {
		return ""
	}
	t, ok := periodStart(e.Value)
	if !ok {
		return ""
	}
	return t.Format("2006-01-02")
}

// periodStart parses the date part of a TIMEX3 value and returns the first
// day of its period.
func periodStart(v string) (time.Time, bool) {
	if i := strings.IndexByte(v, 'T'); i >= 0 {
		v = v[:i]
	}
	y, ok := digits(v, 0, 4)
	switch {
	case len(v) == 2: // century: "19" is 1900-1999
		if c, ok := digits(v, 0, 2); ok {
			return mkDate(c*100, 1, 1)
		}
	case len(v) == 3: // decade: "199" is 1990-1999
		if d, ok := digits(v, 0, 3); ok {
			return mkDate(d*10, 1, 1)
		}
	case !ok:
	case len(v) == 4:
		return mkDate(y, 1, 1)
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		m, ok1 := digits(v, 5, 7)
		d, ok2 := digits(v, 8, 10)
		if ok1 && ok2 {
			return mkDate(y, m, d)
		}
	case len(v) == 7 && v[4] == '-':
		if m, ok := digits(v, 5, 7); ok {
			return mkDate(y, m, 1)
		}
		switch v[5:] {
		case "Q1", "H1":
			return mkDate(y, 1, 1)
		case "Q2":
			return mkDate(y, 4, 1)
		case "Q3", "H2":
			return mkDate(y, 7, 1)
		case "Q4":
			return mkDate(y, 10, 1)
		case "SP":
			return mkDate(y, 3, 1)
		case "SU":
			return mkDate(y, 6, 1)
		case "FA":
			return mkDate(y, 9, 1)
		case "WI":
			return mkDate(y, 12, 1)
		}
	case len(v) >= 8 && v[4] == '-' && v[5] == 'W':
		w, ok := digits(v, 6, 8)
		if !ok || w < 1 || w > 53 {
			break
		}
		t := isoWeekStart(y, w)
		if len(v) == 8 {
			return t, true
		}
		if v[8:] == "-WE" {
			return t.AddDate(0, 0, 5), true
		}
	}
	return time.Time{}, false
}

// digits parses v[i:j] as a decimal number of exactly j-i digits
// (strconv.Atoi would take a sign as well).
func digits(v string, i, j int) (int, bool) {
	if j > len(v) || i >= j {
		return 0, false
	}
	n := 0
	for k := i; k < j; k++ {
		c := v[k]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// mkDate returns the UTC midnight of y-m-d if that day exists.
func mkDate(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// isoWeekStart returns the Monday of ISO week w of year y.
func isoWeekStart(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	wd := int(jan4.Weekday()+6) % 7 // Monday 0
	return jan4.AddDate(0, 0, -wd+(w-1)*7)
}
