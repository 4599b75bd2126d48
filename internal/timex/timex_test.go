package timex

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Saturday 27 January 2024, the example publication date.
const sat = "2024-01-27"

func TestFind(t *testing.T) {
	tests := []struct {
		name, ref, text string
		wantText        string // the expression checked
		wantValue       string
		wantType        Type
		wantPrec        Precision
	}{
		// absolute dates
		{"month day", sat, "It happened on January 15.", "January 15", "2024-01-15", Date, PrecDay},
		{"abbreviated month day year", sat, "It happened on Jan. 15, 2024.", "Jan. 15, 2024", "2024-01-15", Date, PrecDay},
		{"day month year", sat, "It happened on 15 Jan. 2024.", "15 Jan. 2024", "2024-01-15", Date, PrecDay},
		{"ISO date", sat, "Filed 2024-01-15 in court.", "2024-01-15", "2024-01-15", Date, PrecDay},
		{"US numeric date", sat, "Filed 1/15/2024 in court.", "1/15/2024", "2024-01-15", Date, PrecDay},
		{"day-first numeric date", sat, "Filed 15/01/2024 in court.", "15/01/2024", "2024-01-15", Date, PrecDay},
		{"ambiguous numeric follows the text", sat, "Filed 15/01/2024, heard 03/02/2024.", "03/02/2024", "2024-02-03", Date, PrecDay},
		{"ambiguous numeric defaults to month first", sat, "Heard 03/02/2024.", "03/02/2024", "2024-03-02", Date, PrecDay},
		{"month year", sat, "Elected in June 1998.", "June 1998", "1998-06", Date, PrecMonth},
		{"mid month", sat, "Talks in mid-January stalled.", "mid-January", "2024-01", Date, PrecMonth},
		{"late month", sat, "Talks in late November stalled.", "late November", "2023-11", Date, PrecMonth},
		{"early year", sat, "Talks in early 2023 stalled.", "early 2023", "2023", Date, PrecYear},
		{"quarter", sat, "Growth in the first quarter of 2024 was slow.", "the first quarter of 2024", "2024-Q1", Date, PrecQuarter},
		{"quarter without year", "2024-05-10", "Growth in the first quarter was slow.", "the first quarter", "2024-Q1", Date, PrecQuarter},
		{"latest quarter", "2024-05-10", "Profits fell in the latest quarter.", "the latest quarter", "2024-Q1", Date, PrecQuarter},
		{"half", sat, "in the second half of 2023", "the second half of 2023", "2023-H2", Date, PrecHalf},
		{"decade", sat, "Prices rose in the 1990s.", "the 1990s", "199", Date, PrecDecade},
		{"apostrophe decade", sat, "Prices rose in the '90s.", "the '90s", "199", Date, PrecDecade},
		{"century", sat, "in the 20th century", "the 20th century", "19", Date, PrecCentury},
		{"year", sat, "The war began in 1998.", "1998", "1998", Date, PrecYear},
		{"since year", sat, "Fighting has gone on since 2022.", "2022", "2022", Date, PrecYear},
		{"season", "1999-04-10", "He was killed last fall.", "last fall", "1998-FA", Date, PrecSeason},
		{"season with year", sat, "in the spring of 1999", "the spring of 1999", "1999-SP", Date, PrecSeason},
		{"holiday", "1999-11-20", "They met on Thanksgiving Day.", "Thanksgiving Day", "1999-11-25", Date, PrecDay},
		{"dateline", sat, "WASHINGTON, Jan. 5 (AP) -- Talks began.", "Jan. 5", "2024-01-05", Date, PrecDay},
		{"weekday and date", "1998-10-25", "in an editorial on Monday, Oct. 26:", "Monday, Oct. 26", "1998-10-26", Date, PrecDay},
		{"conjoined day", "1999-02-10", "It will be held at the summit on April 24 and 25.", "25", "1999-04-25", Date, PrecDay},

		// year boundary and tense
		{"December 30 in a January article is last year", "2024-01-02", "The rebels attacked on December 30.", "December 30", "2023-12-30", Date, PrecDay},
		{"future day soon after is this year", "2000-01-13", "Congress reconvenes Jan. 24.", "Jan. 24", "2000-01-24", Date, PrecDay},
		{"March in December, future tense: next year", "2023-12-10", "The parties will meet in March.", "March", "2024-03", Date, PrecMonth},
		{"March in December, past tense: this year", "2023-12-10", "The parties met in March.", "March", "2023-03", Date, PrecMonth},
		{"February in January, no tense: near future", "2024-01-20", "Talks in February.", "February", "2024-02", Date, PrecMonth},
		{"season soon ahead despite a past verb", "2019-02-17", "Trump has ordered US forces to leave by the spring.", "the spring", "2019-SP", Date, PrecSeason},
		{"deadline just past under future tense", "2000-01-15", "It asked the service to repatriate the child by Jan. 14.", "Jan. 14", "2000-01-14", Date, PrecDay},

		// weekdays
		{"past weekday", sat, "Ministers visited Moscow on Wednesday.", "Wednesday", "2024-01-24", Date, PrecDay},
		{"future weekday", sat, "Ministers will meet on Wednesday.", "Wednesday", "2024-01-31", Date, PrecDay},
		{"bare weekday defaults to the past", sat, "Talks on Wednesday.", "Wednesday", "2024-01-24", Date, PrecDay},
		{"weekday is the reference day", sat, "Ministers met on Saturday.", "Saturday", "2024-01-27", Date, PrecDay},
		{"future weekday same day", sat, "Ministers will meet Saturday.", "Saturday", "2024-01-27", Date, PrecDay},
		{"last weekday", sat, "They met last Wednesday.", "last Wednesday", "2024-01-24", Date, PrecDay},
		{"last weekday is strictly before", sat, "They met last Saturday.", "last Saturday", "2024-01-20", Date, PrecDay},
		{"next weekday", sat, "They meet next Wednesday.", "next Wednesday", "2024-01-31", Date, PrecDay},
		{"this weekday in the week", sat, "They met this Wednesday.", "this Wednesday", "2024-01-24", Date, PrecDay},
		{"this coming weekday", sat, "They meet this coming Wednesday.", "this coming Wednesday", "2024-01-31", Date, PrecDay},
		{"weekday morning", "2024-01-24", "He spoke Tuesday morning.", "Tuesday morning", "2024-01-23TMO", Time, PrecDay},
		{"weekday night keeps the day", "2024-01-24", "He spoke Tuesday night.", "Tuesday night", "2024-01-23", Date, PrecDay},
		{"passive participle does not make the past", sat, "A summit would be held on Wednesday.", "Wednesday", "2024-01-31", Date, PrecDay},
		{"infinitive looks ahead", "1998-09-30", "The team planned to leave Nairobi on Thursday.", "Thursday", "1998-10-01", Date, PrecDay},

		// relative expressions
		{"today", sat, "Leaders meet today.", "today", "2024-01-27", Date, PrecDay},
		{"yesterday", sat, "Leaders met yesterday.", "yesterday", "2024-01-26", Date, PrecDay},
		{"tomorrow", sat, "Leaders meet tomorrow.", "tomorrow", "2024-01-28", Date, PrecDay},
		{"tonight", sat, "Leaders meet tonight.", "tonight", "2024-01-27", Date, PrecDay},
		{"last night", sat, "Shelling resumed last night.", "last night", "2024-01-26", Date, PrecDay},
		{"this morning", sat, "Shelling resumed this morning.", "this morning", "2024-01-27TMO", Time, PrecDay},
		{"last week", sat, "They met last week.", "last week", "2024-W03", Date, PrecWeek},
		{"this week", sat, "They meet this week.", "this week", "2024-W04", Date, PrecWeek},
		{"next month", sat, "They meet next month.", "next month", "2024-02", Date, PrecMonth},
		{"last year", sat, "They met last year.", "last year", "2023", Date, PrecYear},
		{"earlier this month", sat, "They met earlier this month.", "earlier this month", "2024-01", Date, PrecMonth},
		{"later this year", sat, "They meet later this year.", "later this year", "2024", Date, PrecYear},
		{"early next week", sat, "A ruling is expected early next week.", "early next week", "2024-W05", Date, PrecWeek},
		{"two days ago", sat, "Troops left two days ago.", "two days ago", "2024-01-25", Date, PrecDay},
		{"months ago", sat, "Troops left two months ago.", "two months ago", "2023-11", Date, PrecMonth},
		{"a year ago", sat, "Troops left a year ago.", "a year ago", "2023", Date, PrecYear},
		{"in May last year", sat, "Troops left in May last year.", "May last year", "2023-05", Date, PrecMonth},
		{"last May", sat, "Troops left last May.", "last May", "2023-05", Date, PrecMonth},
		{"last November in January", "2000-01-13", "He arrived last November.", "last November", "1999-11", Date, PrecMonth},
		{"last weekend", "2024-01-29", "Protests spread last weekend.", "last weekend", "2024-W04-WE", Date, PrecWeek},
		{"the weekend", "2024-01-29", "Protests spread over the weekend.", "the weekend", "2024-W04-WE", Date, PrecWeek},
		{"the next day", "2024-01-29", "He was arrested on Jan. 3. The next day he was freed.", "The next day", "2024-01-04", Date, PrecDay},
		{"the day after", sat, "He was shot on Oct. 23. Two men came to the house the day after his death.", "the day", "2023-10-24", Date, PrecDay},
		{"appositive day", sat, "He was last seen Nov. 3, the day before police issued a warrant.", "the day", "2023-11-03", Date, PrecDay},
		{"the last year is a span", sat, "Prices doubled in the last year.", "last year", "P1Y", Duration, PrecVague},
		{"the past week", sat, "Prices doubled in the past week.", "past week", "P1W", Duration, PrecVague},
		{"fiscal year", sat, "Revenue fell in fiscal 1999.", "fiscal 1999", "FY1999", Date, PrecYear},
		{"this past weekend", "2024-01-29", "Protests spread this past weekend.", "this past weekend", "2024-W04-WE", Date, PrecWeek},
		{"mid decade", sat, "It peaked in the mid-1990s.", "the mid-1990s", "199", Date, PrecDecade},
		{"21st century", sat, "the 21st century", "the 21st century", "20", Date, PrecCentury},
		{"abbreviated month without stop", sat, "It happened on Jan 15.", "Jan 15", "2024-01-15", Date, PrecDay},
		{"spelled ordinal day", sat, "It happened on the fifth of May 2023.", "the fifth of May 2023", "2023-05-05", Date, PrecDay},
		{"numeric ordinal of month", sat, "The trial resumes on the 15th of March.", "the 15th of March", "2024-03-15", Date, PrecDay},
		{"ordinal day", sat, "It happened on January 15th.", "January 15th", "2024-01-15", Date, PrecDay},
		{"attached pm", sat, "It happened at 1pm.", "1pm", "2024-01-27T13:00", Time, PrecDay},
		{"end of next month", sat, "by the end of next month", "the end of next month", "2024-02", Date, PrecMonth},
		{"more than a decade", sat, "for more than a decade", "more than a decade", "P10Y", Duration, PrecVague},
		{"decades ago", sat, "It began decades ago.", "decades ago", "PAST_REF", Date, PrecVague},
		{"a few years ago", sat, "It began a few years ago.", "a few years ago", "PAST_REF", Date, PrecVague},
		{"the day after an undated event", sat, "He was kidnapped the day after his birthday.", "the day", "XXXX-XX-XX", Date, PrecVague},
		{"curly quotes", sat, "\u201cWe met on Wednesday,\u201d he said.", "Wednesday", "2024-01-24", Date, PrecDay},
		{"curly apostrophe", sat, "Wednesday\u2019s vote passed.", "Wednesday", "2024-01-24", Date, PrecDay},
		{"quote ends the tense window", "2019-02-22", "The family said in a letter on Thursday: \u201cWe must act.\u201d", "Thursday", "2019-02-21", Date, PrecDay},
		{"infinitive after an attempt is past", "2019-02-14", "They were caught as they attempted to flee on Wednesday.", "Wednesday", "2019-02-13", Date, PrecDay},
		{"weekday day month year", sat, "It was a sunny morning on Saturday 31 August 2013.", "Saturday 31 August 2013", "2013-08-31", Date, PrecDay},
		{"weekday day month", "2013-09-02", "It happened on Saturday 31 August.", "Saturday 31 August", "2013-08-31", Date, PrecDay},
		{"foreseeable future", sat, "Troops stay for the foreseeable future.", "the foreseeable future", "FUTURE_REF", Date, PrecVague},
		{"future adjective", sat, "to meet future medical disasters", "future", "FUTURE_REF", Date, PrecVague},
		{"the weeks before", sat, "His car was seen in the weeks before the shooting.", "weeks", "PXW", Duration, PrecVague},
		{"a week after", sat, "In January, a week after the anniversary, a bomb exploded.", "a week", "P1W", Duration, PrecVague},
		{"later that year", sat, "He fled in June 1998 and returned later that year.", "later that year", "1998", Date, PrecYear},
		{"now", sat, "He now lives in Kabul.", "now", "PRESENT_REF", Date, PrecVague},
		{"currently", sat, "He is currently in Kabul.", "currently", "PRESENT_REF", Date, PrecVague},
		{"the past", sat, "In the past, talks failed.", "the past", "PAST_REF", Date, PrecVague},
		{"the future", sat, "Talks may resume in the future.", "the future", "FUTURE_REF", Date, PrecVague},

		// durations and sets
		{"duration", sat, "The siege lasted three days.", "three days", "P3D", Duration, PrecVague},
		{"duration digits", sat, "The siege lasted 14 days.", "14 days", "P14D", Duration, PrecVague},
		{"duration years", sat, "He served 10 years.", "10 years", "P10Y", Duration, PrecVague},
		{"hyphenated duration", sat, "after a 16-hour flight", "16-hour", "PT16H", Duration, PrecVague},
		{"unit-long", sat, "their third day-long meeting", "day-long", "P1D", Duration, PrecVague},
		{"past decade", sat, "Attacks grew over the past decade.", "past decade", "P10Y", Duration, PrecVague},
		{"past few years", sat, "Attacks grew over the past few years.", "past few years", "PXY", Duration, PrecVague},
		{"recent weeks", sat, "Attacks grew in recent weeks.", "recent weeks", "PXW", Duration, PrecVague},
		{"last five years", sat, "in the last five years", "last five years", "P5Y", Duration, PrecVague},
		{"at least", sat, "held for at least 72 hours", "at least 72 hours", "PT72H", Duration, PrecVague},
		{"half", sat, "talks lasting a year and a half", "a year and a half", "P1.5Y", Duration, PrecVague},
		{"for years", sat, "He travelled for years.", "years", "PXY", Duration, PrecVague},
		{"every week", sat, "They meet every week.", "every week", "P1W", Set, PrecVague},
		{"daily", sat, "on a daily basis", "daily", "P1D", Set, PrecVague},
		{"plural weekday", sat, "The Cabinet meets on Thursdays.", "Thursdays", "XXXX-WXX-4", Set, PrecVague},
		{"May Day", "2024-04-20", "May Day rallies will be held.", "May Day", "2024-05-01", Date, PrecDay},
		{"every Monday", sat, "They meet every Monday.", "every Monday", "XXXX-WXX-1", Set, PrecVague},
		{"per day", sat, "hundreds of interviews a day", "a day", "P1D", Set, PrecVague},

		// times of day
		{"clock", sat, "The blast came at 10:30 a.m.", "10:30 a.m.", "2024-01-27T10:30", Time, PrecDay},
		{"clock with weekday", sat, "until 9 a.m. EST Tuesday", "9 a.m. EST Tuesday", "2024-01-23T09:00", Time, PrecDay},
		{"pm", sat, "shot at 10 p.m. on Friday", "10 p.m. on Friday", "2024-01-26T22:00", Time, PrecDay},
		{"bare pm is the reference day", sat, "shot at 10 p.m.", "10 p.m.", "2024-01-27T22:00", Time, PrecDay},
		{"weekday at clock", sat, "They meet Tuesday at 9 a.m.", "Tuesday at 9 a.m.", "2024-01-23T09:00", Time, PrecDay},
		{"modal may looks ahead", sat, "Protesters may march on May 1.", "May 1", "2024-05-01", Date, PrecDay},
		{"years ago", sat, "It began years ago.", "years ago", "PAST_REF", Date, PrecVague},
		{"clock with local time", sat, "The blast occurred at around 11:45 local time.", "11:45 local time", "2024-01-27T11:45", Time, PrecDay},
		{"military clock", sat, "The blast occurred at 0845 GMT.", "0845 GMT", "2024-01-27T08:45", Time, PrecDay},
		{"noon", sat, "They met at noon.", "noon", "2024-01-27T12:00", Time, PrecDay},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Find(tt.text, day(tt.ref))
			for _, e := range got {
				if e.Text != tt.wantText {
					continue
				}
				if tt.text[e.Start:e.End] != e.Text {
					t.Errorf("span %d:%d = %q, Text %q", e.Start, e.End, tt.text[e.Start:e.End], e.Text)
				}
				if e.Value != tt.wantValue || e.Type != tt.wantType || e.Precision != tt.wantPrec {
					t.Errorf("%q = %s %s %s (rule %s), want %s %s %s", e.Text, e.Type, e.Value, e.Precision, e.Rule, tt.wantType, tt.wantValue, tt.wantPrec)
				}
				return
			}
			t.Errorf("no expression %q in %q; got %v", tt.wantText, tt.text, summary(got))
		})
	}
}

func summary(es []Expr) []string {
	var s []string
	for _, e := range es {
		s = append(s, e.Text+"="+e.Value)
	}
	return s
}

// TestNotExpressions lists words and numbers that must not become
// expressions.
func TestNotExpressions(t *testing.T) {
	for _, text := range []string{
		"Voters may choose.",
		"Protesters march on the capital.",
		"Prices fall sharply.",
		"He sent 1500 troops.",
		"It cost $2000.",
		"The 44-year-old suspect fled.",
		"Now, the talks resume.",
		"For now, the talks resume.",
		"The Communist Party daily Granma said so.",
		"the fall of Saigon",
		"He scored 30 points on 12 shots.",
		"Turnout was 1999 votes.",
		"the second round",
		"The team won 3-1 in the second half of the match.",
		"The Boeing 747 carried 300 passengers on Flight 1549.",
		"Resolution 2334 was adopted by 14 votes to 0.",
		"The dead included a 3-year-old child.",
		"She said she would march with the protesters.",
		"Parliament voted 250-180 to approve the bill.",
		"He spoke on BBC Radio 4\u2019s Today programme.",
		"Children under five years old died.",
		"They were weak following years of war.",
		"The meeting was cancelled at the last minute.",
		"Russia shapes Syria\u2019s future.",
		"Talks on the future of Assad stalled.",
		"The UN met just over a quarter of its requests.",
	} {
		if got := New().Find(text, day(sat)); len(got) != 0 {
			t.Errorf("Find(%q) = %v, want none", text, summary(got))
		}
	}
}

func TestResolveTense(t *testing.T) {
	r := New()
	es := r.Find("They meet on Wednesday.", day(sat))
	if len(es) != 1 {
		t.Fatalf("got %v", summary(es))
	}
	for _, tt := range []struct {
		tense Tense
		want  string
	}{{TensePast, "2024-01-24"}, {TenseFuture, "2024-01-31"}, {TenseUnknown, "2024-01-24"}} {
		if got := Resolve(es[0], day(sat), tt.tense); got.Value != tt.want || got.Tense != tt.tense {
			t.Errorf("Resolve(%s) = %s, want %s", tt.tense, got.Value, tt.want)
		}
	}
	// FindWith asks the caller first
	got := r.FindWith("They meet on Wednesday.", day(sat), func(start, end int) Tense { return TenseFuture })
	if len(got) != 1 || got[0].Value != "2024-01-31" {
		t.Errorf("FindWith future = %v", summary(got))
	}
	// tense-independent expressions keep their value
	if e := r.Find("in 1998", day(sat))[0]; Resolve(e, day(sat), TenseFuture).Value != "1998" {
		t.Errorf("Resolve changed a year")
	}
}

func TestDate(t *testing.T) {
	for _, tt := range []struct {
		value string
		typ   Type
		want  string
	}{
		{"2024-01-24", Date, "2024-01-24"},
		{"2024-01-23TMO", Time, "2024-01-23"},
		{"2024-01-23T10:30", Time, "2024-01-23"},
		{"2024-W04", Date, "2024-01-22"},
		{"2024-W04-WE", Date, "2024-01-27"},
		{"2020-W53", Date, "2020-12-28"},
		{"2024-01", Date, "2024-01-01"},
		{"2024-Q2", Date, "2024-04-01"},
		{"2024-H2", Date, "2024-07-01"},
		{"2023-FA", Date, "2023-09-01"},
		{"2024", Date, "2024-01-01"},
		{"199", Date, "1990-01-01"},
		{"19", Date, "1900-01-01"},
		{"PAST_REF", Date, ""},
		{"XXXX-XX-XX", Date, ""},
		{"2024-02-30", Date, ""},
		{"P3D", Duration, ""},
		{"P1W", Set, ""},
	} {
		if got := (Expr{Value: tt.value, Type: tt.typ}).Date(); got != tt.want {
			t.Errorf("Date(%s) = %q, want %q", tt.value, got, tt.want)
		}
	}
}

func TestDateline(t *testing.T) {
	r := New()
	for _, tt := range []struct{ text, ref, want string }{
		{"WASHINGTON, Jan. 5 (AP) -- Talks began.", "2024-01-06", "2024-01-05"},
		{"NAIROBI, August 21 (Xinhua) --\nThe director said.", "1998-08-21", "1998-08-21"},
		{"\nBRUSSELS, Dec. 31 \u2014 Talks began.", "2024-01-01", "2023-12-31"},
	} {
		e, ok := r.Dateline(tt.text, day(tt.ref))
		if !ok || e.Value != tt.want || tt.text[e.Start:e.End] != e.Text {
			t.Errorf("Dateline(%q) = %+v %v, want %s", tt.text, e, ok, tt.want)
		}
	}
	if _, ok := r.Dateline("Ministers met on Jan. 5 in Paris.", day(sat)); ok {
		t.Error("a sentence without a dateline gave one")
	}
}

func TestHolidays(t *testing.T) {
	for _, tt := range []struct {
		code string
		y    int
		want string
	}{
		{"easter", 2000, "2000-04-23"}, {"easter", 2024, "2024-03-31"}, {"thanksgiving", 2023, "2023-11-23"},
		{"election", 1998, "1998-11-03"}, {"memorial", 2024, "2024-05-27"}, {"labor", 2024, "2024-09-02"},
	} {
		if got := fmtDay(holidayDate(tt.code, tt.y)); got != tt.want {
			t.Errorf("%s %d = %s, want %s", tt.code, tt.y, got, tt.want)
		}
	}
}

// TestLongText checks that a text longer than one segment gives the same
// expressions, with valid spans, as its sentences one by one.
func TestLongText(t *testing.T) {
	r := New()
	sentence := "Ministers met on Wednesday, 12/25/2023, and will meet again next month for three days. "
	per := len(r.Find(sentence, day(sat)))
	if per != 4 {
		t.Fatalf("sentence gives %d expressions, want 4", per)
	}
	var b strings.Builder
	n := 3*segmentLen/len(sentence) + 7
	for k := 0; k < n; k++ {
		b.WriteString(sentence)
		if k%100 == 99 {
			b.WriteString("\n")
		}
	}
	text := b.String()
	got := r.Find(text, day(sat))
	if len(got) != n*per {
		t.Fatalf("got %d expressions over %d sentences, want %d", len(got), n, n*per)
	}
	prev := 0
	for _, e := range got {
		if e.Start < prev || text[e.Start:e.End] != e.Text {
			t.Fatalf("bad span %+v after %d", e, prev)
		}
		prev = e.End
	}
	// one line without a newline or sentence end still splits safely
	long := strings.Repeat("x", segmentLen+10) + " on Wednesday"
	if got := r.Find(long, day(sat)); len(got) != 1 || got[0].Value != "2024-01-24" {
		t.Errorf("after a long word: %v", summary(got))
	}
}
