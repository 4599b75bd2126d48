package timex

// rule names the pattern that recognised an expression. Its string is
// Expr.Rule, which "dyad timex" shows and the store keeps, so a name, once
// given, does not change.
//
// The constants in this file are the whole table: every pattern returns
// one of them, and nothing else in the package spells a rule's name;
// rules_test.go checks that, and that an example produces every rule. Two
// of them, ruleMod and ruleRel, are prefixes that wrap another rule: a
// modifier before it ("early 2023" is mod-year) and a direction word
// before a weekday ("last Wednesday" is rel-weekday).
type rule string

// noRule is the result of a pattern that did not match.
const noRule rule = ""

// The rules by topic, with the files that hold their patterns.
const (
	// Absolute dates (dates.go).
	ruleYear           rule = "year"            // a year on its own: "1998", "'98", "in 2022"
	ruleDecade         rule = "decade"          // a decade: "the 1990s", "'90s"
	ruleCentury        rule = "century"         // a century written as a year: "the 1900s"
	ruleOrdinalCentury rule = "ordinal-century" // an ordinal century: "the 20th century", "the twenty-first century"
	ruleFiscalYear     rule = "fiscal-year"     // a fiscal year, written FY: "fiscal 1999", "fiscal year 2024"
	ruleMonth          rule = "month"           // a month name alone: "in March", "January"
	ruleMonthDay       rule = "month-day"       // a month and day without a year: "January 15", "Jan. 15th"
	ruleMonthDayYear   rule = "month-day-year"  // a month, day and year: "Jan. 15, 2024"
	ruleMonthYear      rule = "month-year"      // a month and year: "June 1998", "June, 1998"
	ruleMonthOfYear    rule = "month-of-year"   // a month of a year: "May of 1998"
	ruleMonthRelYear   rule = "month-rel-year"  // a month of a year counted from the reference: "May last year", "March of next year"
	ruleDayMonth       rule = "day-month"       // a day and month without a year: "15 January"
	ruleDayMonthYear   rule = "day-month-year"  // a day, month and year: "15 Jan. 2024"
	ruleDayOfMonth     rule = "day-of-month"    // an ordinal day of a month: "the 15th of March", "fifth of May 2023"
	ruleISODate        rule = "iso-date"        // an ISO date, with any time after it: "2024-01-15"
	ruleISOMonth       rule = "iso-month"       // an ISO month: "2024-01"
	ruleNumericDate    rule = "numeric-date"    // a numeric date, day and month ordered by the text: "1/15/2024", "15.01.2024"
	ruleHoliday        rule = "holiday"         // a holiday, with an optional year: "Christmas Eve", "Thanksgiving Day", "May Day"

	// Dates made by Find and Dateline from another expression (find.go).
	ruleConjoinedDay  rule = "conjoined-day"  // a second day of the same month: "25" in "April 24 and 25"
	ruleAppositiveDay rule = "appositive-day" // "the day before/after" in apposition to a date, which names that date: "Nov. 3, the day before ..."
	ruleDateline      rule = "dateline"       // the date of a dateline: "Jan. 5" in "WASHINGTON, Jan. 5 (AP) --"

	// Weekdays, and days named from the reference (relative.go, the.go).
	ruleWeekday            rule = "weekday"              // a weekday: "Wednesday", "Wed."
	ruleWeekdayDate        rule = "weekday-date"         // a weekday before a date: "Monday, Oct. 26", "Saturday 31 August 2013"
	ruleWeekdayPOD         rule = "weekday-pod"          // a weekday and a part of the day: "Tuesday morning"
	ruleWeekdayClock       rule = "weekday-clock"        // a weekday and a clock time: "Tuesday at 9 a.m."
	ruleDeictic            rule = "deictic"              // a day named from the reference, with any part of the day: "today", "yesterday morning", "tomorrow"
	ruleTonight            rule = "tonight"              // tonight
	ruleLastNight          rule = "last-night"           // last night
	ruleThisPOD            rule = "this-pod"             // a part of today: "this morning", "this evening"
	ruleDayBeforeYesterday rule = "day-before-yesterday" // the day before yesterday
	ruleDayAfterTomorrow   rule = "day-after-tomorrow"   // the day after tomorrow

	// Days from the last date mentioned (relative.go, the.go).
	ruleNextDay        rule = "next-day"         // the day after the last date mentioned: "next day", "following day"
	rulePreviousDay    rule = "previous-day"     // the day before the last date mentioned: "previous day"
	ruleTheNextDay     rule = "the-next-day"     // the day after the last date mentioned: "the next day", "the following day"
	ruleThePreviousDay rule = "the-previous-day" // the day before the last date mentioned: "the previous day", "the preceding day"
	ruleTheDayAfter    rule = "the-day-after"    // a day after the last date mentioned: "the day after his death"
	ruleTheDayBefore   rule = "the-day-before"   // a day before the last date mentioned: "the day before police acted"
	ruleThatUnit       rule = "that-unit"        // the period of the last date mentioned: "that day", "that year", "the same day"

	// Months, quarters and calendar units named from the reference (relative.go, the.go).
	ruleRelMonth    rule = "rel-month"     // a month named from the reference: "last May", "next March"
	ruleRelMonthDay rule = "rel-month-day" // the latest past such day: "last Oct. 23"
	ruleRelUnit     rule = "rel-unit"      // a calendar unit named from the reference: "last week", "next month", "this year"
	ruleRelQuarter  rule = "rel-quarter"   // a quarter named from the reference: "the latest quarter", "the last quarter"
	ruleTheWeekend  rule = "the-weekend"   // the weekend: "the weekend"
	ruleTheRelUnit  rule = "the-rel-unit"  // "the" and a calendar unit named from the reference: "the next week", "the last weekend"
	rulePartOfUnit  rule = "part-of-unit"  // a part of the current unit: "the end of the year"

	// Seasons, quarters and halves (periods.go).
	ruleSeason     rule = "season"      // a season: "in summer", "last fall", "the spring"
	ruleSeasonYear rule = "season-year" // a season of a year: "winter 2023", "the spring of 1999"
	ruleQuarter    rule = "quarter"     // a quarter or half of a year: "the first quarter of 2024", "second-half", "the third quarter of last year"

	// Offsets: a count of units from the reference or the last date mentioned (durations.go).
	ruleAgo        rule = "ago"         // a count of units before the reference: "two days ago"
	ruleFromNow    rule = "from-now"    // a count of units after the reference: "three weeks from now"
	ruleEarlier    rule = "earlier"     // a count of units before the last date mentioned: "a year earlier"
	ruleLater      rule = "later"       // a count of units after the last date mentioned: "two days later"
	ruleVagueAgo   rule = "vague-ago"   // an unknown count of units before the reference: "a few years ago" (PAST_REF)
	ruleVagueHence rule = "vague-hence" // an unknown count of units after the reference: "a few years from now" (FUTURE_REF)
	ruleUnitsAgo   rule = "units-ago"   // units ago: "decades ago", "years ago" (PAST_REF)

	// The past, present and future as TIMEX3 refs (relative.go, the.go, durations.go).
	rulePresent    rule = "present"     // now: "now", "currently", "nowadays" (PRESENT_REF)
	ruleFuture     rule = "future"      // the adjective future: "future disasters" (FUTURE_REF)
	ruleTheFuture  rule = "the-future"  // the future: "the future", "the near future" (FUTURE_REF)
	ruleThePresent rule = "the-present" // the present day (PRESENT_REF)
	ruleThePast    rule = "the-past"    // the past: "the past", "the recent past" (PAST_REF)
	ruleTheseDays  rule = "these-days"  // these days (PRESENT_REF)

	// Times of day (matcher.go, dates.go).
	ruleMidtime       rule = "midtime"        // noon or midnight, with what follows a clock time: "noon Friday"
	ruleClock         rule = "clock"          // a clock time: "9 a.m.", "10:30 p.m. EST Tuesday", "at 11:45"
	ruleMilitaryClock rule = "military-clock" // a four-digit clock time with a zone: "1430 GMT"

	// Durations (durations.go, the.go, relative.go).
	ruleDuration        rule = "duration"          // a length of time: "three years", "for a month", "a year and a half"
	ruleDurationAdj     rule = "duration-adj"      // a hyphenated length of time: "five-hour", "two-week-long"
	ruleUnitLong        rule = "unit-long"         // a unit, "-long": "day-long", "year-long"
	ruleForUnits        rule = "for-units"         // an unknown count of units after "for" or "over": "for years", "over weeks"
	ruleTheUnitsAround  rule = "the-units-around"  // units around an event: "the weeks before the shooting"
	ruleTheRelDuration  rule = "the-rel-duration"  // a span up to or from the reference with a count: "the past two months", "the next 24 hours"
	ruleTheRelDurations rule = "the-rel-durations" // a span of an unknown count of units: "the coming weeks", "the past years"
	ruleThePastUnit     rule = "the-past-unit"     // a span of one unit up to the reference: "the past year", "the last week"
	ruleRelDuration     rule = "rel-duration"      // a span with a count, without "the": "last five years", "next two weeks"
	ruleRelDurations    rule = "rel-durations"     // a span of an unknown count of units, without "the": "coming weeks", "past months"
	ruleRecentUnits     rule = "recent-units"      // an unknown count of recent units: "recent weeks", "recent years"

	// Sets (durations.go, relative.go).
	ruleSetWeekdays rule = "set-weekdays" // every such weekday, from a plural: "on Thursdays"
	ruleSetWeekday  rule = "set-weekday"  // every such weekday: "every Monday"
	ruleSetEvery    rule = "set-every"    // every unit or every n units: "every week", "every three months"
	ruleSetPOD      rule = "set-pod"      // every such part of the day: "every morning"
	ruleSetMonth    rule = "set-month"    // every such month: "every January"
	ruleSetAdverb   rule = "set-adverb"   // a frequency adverb: "daily", "weekly", "annually"
	ruleSetFreq     rule = "set-freq"     // a count per unit: "once a week", "twice a day"
	ruleSetPer      rule = "set-per"      // a count of things per unit: "hundreds of interviews a day"
)

// The prefixes that make a rule from another.
const (
	ruleMod rule = "mod-" // a modifier before a calendar period or a length: "early 2023" (mod-year), "at least 72 hours" (mod-duration)
	ruleRel rule = "rel-" // a direction word before a weekday: "last Wednesday" (rel-weekday), "next Friday morning" (rel-weekday-pod)
)

// modified returns the rule of r with a modifier before it ("early", "mid",
// "late", "the end of", "at least", "more than", ...).
func (r rule) modified() rule { return ruleMod + r }

// relative returns the rule of r with a direction word before it ("last",
// "this", "next", "this coming").
func (r rule) relative() rule { return ruleRel + r }
