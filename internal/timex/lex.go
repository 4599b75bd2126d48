package timex

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer here is private to the recogniser: it is not the project's
// UD tokenizer, it only needs to find words, numbers and punctuation fast and
// to attach to each word what the lexicon knows about it.

// class is a bit set of the lexical classes a word belongs to.
type class uint32

const (
	cMonth   class = 1 << iota // january, jan, sept
	cWeekday                   // monday, mon
	cUnit                      // day, days, week, fortnight, decade
	cNum                       // one ... ninety, a dozen
	cOrd                       // first ... thirty-first
	cPOD                       // morning, afternoon, evening, night
	cSeason                    // spring, summer, fall, autumn, winter
	cDeictic                   // today, yesterday, tomorrow, tonight, now, currently
	cRel                       // last, next, this, past, coming, previous, following, recent, current, latest
	cMod                       // early, mid, late, earlier, later
	cSetAdv                    // daily, weekly, monthly, annually, yearly, hourly, nightly
	cEvery                     // every, each
	cThe                       // the
	cArt                       // a, an
	cAgo                       // ago, earlier, later, before, after, hence
	cFuzzy                     // few, several, many, some, couple
	cAmPm                      // am, pm (a.m., p.m.)
	cZone                      // est, edt, gmt, utc, ...
	cHoliday                   // christmas, thanksgiving, ...
	cMidTime                   // noon, midnight, midday
	cRefWord                   // past, future, present (after "the")
	cFuture                    // will, 'll, shall, would: future markers
	cPast                      // was, were, had, did: past markers
	cHalf                      // half
	cQuarter                   // quarter
	cPhrase                    // at (least), more/less (than), up (to), these (days), once, twice, that
)

// unit is a calendar or clock unit.
type unit int8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeekend
	uWeek
	uFortnight
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
)

// entry is what the lexicon knows about one lowercase word.
type entry struct {
	cls    class
	val    int8 // month 1-12, weekday 0-6 (Sunday 0), number, ordinal, rel (-1 last, 0 this, 1 next)
	unit   unit
	plural bool
	abbr   bool  // abbreviation that may take a full stop (jan, wed)
	code   code  // part of day (MO, AF, EV, NI), season (SP, SU, FA, WI), set unit, holiday key
	n2     int16 // second value: number word value beyond int8, hour of a mid-time
}

// code is a short word code kept inline, so tokens hold no pointers and
// cost the garbage collector nothing.
type code [12]byte

func mkCode(s string) (c code) {
	copy(c[:], s)
	return c
}

// String returns the code as text.
func (c code) String() string {
	if n := bytes.IndexByte(c[:], 0); n >= 0 {
		return string(c[:n])
	}
	return string(c[:])
}

// tokKind is the shape of a token.
type tokKind uint8

const (
	kWord tokKind = iota
	kNum
	kPunct
)

// numForm says how a number token is written.
type numForm uint8

const (
	nPlain   numForm = iota // 15, 1998
	nGrouped                // 1,500 or 3.5: a quantity, never a date
	nTime                   // 10:30
	nISO                    // 2024-01-15 or 2024-01
	nSlash                  // 1/15/2024, 15.01.2024
	nOrd                    // 15th
	nDecade                 // 1990s, 90s
)

// tok is one token of the recogniser's own tokenization.
type tok struct {
	start, end int
	kind       tokKind
	form       numForm
	upper      bool  // a word starting with an upper-case letter
	e          entry // lexicon entry of a word (zero when unknown)
	n          int   // value of a plain/ordinal/decade number; first part otherwise
	a, b       int   // further parts of ISO, slash and time numbers
	nd         int   // number of digits of a plain number
	sep        byte  // separator of a slash number ('/', '.' or '-')
}

// lexicon maps lowercase words to their entries.
type lexicon map[string]entry

// newLexicon builds the word list. It is called once by New.
func newLexicon() lexicon {
	lx := lexicon{}
	add := func(w string, e entry) {
		old := lx[w]
		old.cls |= e.cls
		if e.cls&(cMonth|cWeekday|cNum|cOrd|cRel) != 0 && old.val == 0 {
			old.val = e.val
		}
		if e.unit != uNone {
			old.unit, old.plural = e.unit, e.plural
		}
		if e.abbr {
			old.abbr = true
		}
		if e.plural {
			old.plural = true
		}
		if e.code != (code{}) {
			old.code = e.code
		}
		if e.n2 != 0 {
			old.n2 = e.n2
		}
		lx[w] = old
	}
	months := []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	for i, m := range months {
		add(m, entry{cls: cMonth, val: int8(i + 1)})
		if len(m) > 3 {
			add(m[:3], entry{cls: cMonth, val: int8(i + 1), abbr: true})
		}
	}
	add("sept", entry{cls: cMonth, val: 9, abbr: true})
	days := []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	for i, d := range days {
		add(d, entry{cls: cWeekday, val: int8(i)})
		add(d[:3], entry{cls: cWeekday, val: int8(i), abbr: true})
		add(d+"s", entry{cls: cWeekday, val: int8(i), plural: true})
	}
	add("tues", entry{cls: cWeekday, val: 2, abbr: true})
	add("thur", entry{cls: cWeekday, val: 4, abbr: true})
	add("thurs", entry{cls: cWeekday, val: 4, abbr: true})
	units := []struct {
		s, p string
		u    unit
	}{
		{"second", "seconds", uSecond}, {"minute", "minutes", uMinute}, {"hour", "hours", uHour},
		{"day", "days", uDay}, {"weekend", "weekends", uWeekend}, {"week", "weeks", uWeek},
		{"fortnight", "fortnights", uFortnight}, {"month", "months", uMonth},
		{"quarter", "quarters", uQuarter}, {"year", "years", uYear}, {"decade", "decades", uDecade},
		{"century", "centuries", uCentury},
	}
	for _, u := range units {
		add(u.s, entry{cls: cUnit, unit: u.u})
		add(u.p, entry{cls: cUnit, unit: u.u, plural: true})
	}
	add("mins", entry{cls: cUnit, unit: uMinute, plural: true, abbr: true})
	add("min", entry{cls: cUnit, unit: uMinute, abbr: true})
	add("hrs", entry{cls: cUnit, unit: uHour, plural: true, abbr: true})
	add("yrs", entry{cls: cUnit, unit: uYear, plural: true, abbr: true})
	add("quarter", entry{cls: cQuarter})
	add("half", entry{cls: cHalf})
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty"}
	for i, w := range nums {
		add(w, entry{cls: cNum, val: int8(i)})
	}
	for i, w := range []string{"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(w, entry{cls: cNum, val: int8(30 + 10*i)})
	}
	add("hundred", entry{cls: cNum, n2: 100})
	add("dozen", entry{cls: cNum, val: 12})
	add("couple", entry{cls: cFuzzy})
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
		"eighteenth", "nineteenth", "twentieth"}
	for i, w := range ords {
		add(w, entry{cls: cOrd, val: int8(i + 1)})
	}
	add("thirtieth", entry{cls: cOrd, val: 30})
	add("twenty-first", entry{cls: cOrd, val: 21})
	for w, c := range map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
		"mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI", "overnight": "NI"} {
		add(w, entry{cls: cPOD, code: mkCode(c)})
	}
	for w, c := range map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"} {
		add(w, entry{cls: cSeason, code: mkCode(c)})
	}
	for _, w := range []string{"today", "yesterday", "tomorrow", "tonight", "now", "currently", "nowadays",
		"recently", "lately", "soon", "presently"} {
		add(w, entry{cls: cDeictic})
	}
	for w, v := range map[string]int8{"last": -1, "previous": -1, "past": -1, "recent": -1, "preceding": -1,
		"this": 0, "current": 0, "latest": -1, "next": 1, "coming": 1, "following": 1, "upcoming": 1} {
		add(w, entry{cls: cRel, val: v})
	}
	for _, w := range []string{"early", "mid", "late", "earlier", "later", "middle", "end", "beginning", "start"} {
		add(w, entry{cls: cMod})
	}
	for w, c := range map[string]string{"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
		"yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "quarterly": "P3M"} {
		add(w, entry{cls: cSetAdv, code: mkCode(c)})
	}
	for _, w := range []string{"at", "more", "less", "up", "these", "once", "twice", "that", "fiscal"} {
		add(w, entry{cls: cPhrase})
	}
	add("future", entry{cls: cDeictic})
	add("every", entry{cls: cEvery})
	add("each", entry{cls: cEvery})
	add("the", entry{cls: cThe})
	add("a", entry{cls: cArt})
	add("an", entry{cls: cArt})
	for _, w := range []string{"ago", "earlier", "later", "before", "after", "hence", "previously"} {
		add(w, entry{cls: cAgo})
	}
	for _, w := range []string{"few", "several", "many", "some", "couple"} {
		add(w, entry{cls: cFuzzy})
	}
	add("am", entry{cls: cAmPm, n2: 0})
	add("pm", entry{cls: cAmPm, n2: 12})
	for _, w := range []string{"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "et", "pt", "ct", "mt"} {
		add(w, entry{cls: cZone})
	}
	for w, c := range map[string]string{"christmas": "christmas", "thanksgiving": "thanksgiving",
		"easter": "easter", "halloween": "halloween", "new": "newyear", "election": "election",
		"independence": "independence", "valentine": "valentine", "labor": "labor", "memorial": "memorial"} {
		add(w, entry{cls: cHoliday, code: mkCode(c)})
	}
	add("noon", entry{cls: cMidTime, n2: 12})
	add("midday", entry{cls: cMidTime, n2: 12})
	add("midnight", entry{cls: cMidTime, n2: 24})
	for _, w := range []string{"past", "future", "present"} {
		add(w, entry{cls: cRefWord})
	}
	for _, w := range []string{"will", "shall", "would", "ll", "must", "should", "may", "might", "tomorrow", "scheduled", "expected",
		"plans", "plan", "planning", "due", "intends", "going", "upcoming", "next", "soon"} {
		add(w, entry{cls: cFuture})
	}
	for _, w := range []string{"was", "were", "had", "did", "said", "told", "met", "killed", "announced",
		"took", "gave", "made", "went", "came", "began", "left", "held", "yesterday", "ago"} {
		add(w, entry{cls: cPast})
	}
	return lx
}

// starters is the set of classes that can start an expression; tokens
// outside it are not examined.
const starters = cMonth | cWeekday | cUnit | cNum | cOrd | cPOD | cSeason | cDeictic | cRel | cMod |
	cSetAdv | cEvery | cThe | cArt | cFuzzy | cHoliday | cMidTime | cHalf | cQuarter | cPhrase

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// letterAt returns the byte width of the letter at text[i], or 0 when
// text[i] does not start a letter. Invalid UTF-8 bytes count as letters of
// width 1, so they stay inside words and never split a character.
func letterAt(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		if isLetter(c) {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsMark(r) {
		return n
	}
	return 0
}
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// tokenize splits text[from:] into tokens, appending to buf. Offsets are
// into text.
func (lx lexicon) tokenize(text string, from int, buf []tok) []tok {
	var low [24]byte
	for i := from; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
		case isDigit(c):
			t := lexNumber(text, i)
			buf = append(buf, t)
			i = t.end
		case c >= utf8.RuneSelf && letterAt(text, i) == 0:
			// non-ASCII punctuation and spaces: curly quotes, dashes, no-break spaces
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				buf = append(buf, tok{start: i, end: i + n, kind: kPunct})
			}
			i += n
		case letterAt(text, i) > 0:
			j := i + letterAt(text, i)
			for j < len(text) {
				w := letterAt(text, j)
				if w == 0 {
					break
				}
				j += w
			}
			t := tok{start: i, end: j, kind: kWord, upper: c >= 'A' && c <= 'Z'}
			// a.m. / p.m. as one token
			if j-i == 1 && (c|0x20 == 'a' || c|0x20 == 'p') && j+1 < len(text) && text[j] == '.' && text[j+1]|0x20 == 'm' &&
				(j+2 == len(text) || !isLetter(text[j+2])) {
				j += 2
				if j < len(text) && text[j] == '.' {
					j++
				}
				t.end = j
				if c|0x20 == 'a' {
					t.e = lx["am"]
				} else {
					t.e = lx["pm"]
				}
				buf = append(buf, t)
				i = j
				continue
			}
			if n := j - i; n <= len(low) {
				for k := 0; k < n; k++ {
					b := text[i+k]
					if b >= 'A' && b <= 'Z' {
						b += 'a' - 'A'
					}
					low[k] = b
				}
				t.e = lx[string(low[:n])]
			}
			buf = append(buf, t)
			i = j
		default:
			// one punctuation character; a multi-byte rune counts as a letter above
			buf = append(buf, tok{start: i, end: i + 1, kind: kPunct})
			i++
		}
	}
	return buf
}

// lexNumber reads the number starting at text[i].
func lexNumber(text string, i int) tok {
	t := tok{start: i, kind: kNum}
	j := i
	var parts [4]int
	var plen [4]int
	np := 0
	var seps [3]byte
	for {
		k := j
		n := 0
		for k < len(text) && isDigit(text[k]) && k-j < 9 {
			n = n*10 + int(text[k]-'0')
			k++
		}
		for k < len(text) && isDigit(text[k]) { // absurdly long digit runs
			k++
		}
		if np < len(parts) {
			parts[np], plen[np] = n, k-j
		}
		np++
		j = k
		if j+1 < len(text) && isDigit(text[j+1]) && (text[j] == ':' || text[j] == '/' || text[j] == '-' || text[j] == '.' || text[j] == ',') {
			if np-1 < len(seps) {
				seps[np-1] = text[j]
			}
			j++
			continue
		}
		break
	}
	t.end = j
	t.n = parts[0]
	t.nd = plen[0]
	switch {
	case np == 1:
		t.form = nPlain
		if j < len(text) {
			rest := text[j:]
			switch {
			case hasWordPrefix(rest, "s"):
				t.form, t.end = nDecade, j+1
			case hasWordPrefix(rest, "st") || hasWordPrefix(rest, "nd") || hasWordPrefix(rest, "rd") || hasWordPrefix(rest, "th"):
				t.form, t.end = nOrd, j+2
			}
		}
	case np == 2 && seps[0] == ':' && plen[1] == 2:
		t.form, t.a = nTime, parts[1]
	case np == 3 && seps[0] == '-' && seps[1] == '-' && plen[0] == 4 && plen[1] == 2 && plen[2] == 2:
		t.form, t.a, t.b = nISO, parts[1], parts[2]
	case np == 2 && seps[0] == '-' && plen[0] == 4 && plen[1] == 2:
		t.form, t.a, t.b = nISO, parts[1], 0
	case np == 3 && seps[0] == seps[1] && (seps[0] == '/' || seps[0] == '.' || seps[0] == '-') &&
		plen[0] <= 2 && plen[1] <= 2 && (plen[2] == 4 || plen[2] == 2):
		t.form, t.a, t.b, t.sep = nSlash, parts[1], parts[2], seps[0]
		if plen[2] == 2 {
			t.b = -parts[2] - 1 // two-digit year, resolved later
		}
	default:
		t.form = nGrouped
	}
	return t
}

// hasWordPrefix reports whether s starts with the lowercase letters p
// followed by a non-letter.
func hasWordPrefix(s, p string) bool {
	if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
		return false
	}
	return len(s) == len(p) || !isLetter(s[len(p)])
}
