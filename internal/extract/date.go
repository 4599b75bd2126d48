package extract

import (
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the publication-date forms ParseDate accepts, tried in
// order. Layouts without a zone are read as UTC. All-numeric day/month
// orders other than year-first are left out because 03/04/2025 is
// ambiguous.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"2006.01.02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"January 2, 2006 15:04 MST",
	"January 2, 2006 3:04 PM MST",
	"January 2, 2006 3:04 PM",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006 15:04 MST",
	"Jan 2, 2006 3:04 PM",
	"Jan 2, 2006",
	"Jan 2 2006",
	"Monday, January 2, 2006",
	"Mon, January 2, 2006",
	"Monday January 2, 2006",
	"2 January 2006 15:04 MST",
	"2 January 2006 15:04",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, 2 January 2006",
	"Monday 2 January 2006",
	"Mon 2 Jan 2006",
	"January 2006",
}

// ParseDate reads a publication date in one of the common forms: RFC 3339
// and ISO 8601 variants, RFC 1123/822/850, "2006-01-02", "January 2, 2006",
// "Jan. 2, 2006", "2 January 2006", with or without weekday and time.
// Dates without a zone are taken as UTC; the result is in UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errDateEmpty
	}
	if len(s) > 80 {
		return time.Time{}, fmt.Errorf("%w (%d bytes)", errDateTooLarge, len(s))
	}
	norm := normaliseDate(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, norm); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q", errDateUnknown, s)
}

// normaliseDate folds the small variations layouts cannot express: runs
// of spaces, "Jan." and "Sept" abbreviations, ordinal suffixes (1st, 2nd),
// a "Z" zone after a space, and "at" between date and time.
func normaliseDate(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		w = strings.TrimSuffix(w, ".")
		if len(w) > 0 && w[len(w)-1] == ',' {
			base := strings.TrimSuffix(strings.TrimSuffix(w, ","), ".")
			w = trimOrdinal(base) + ","
		} else {
			w = trimOrdinal(w)
		}
		if strings.EqualFold(w, "Sept") {
			w = "Sep"
		} else if strings.EqualFold(w, "Sept,") {
			w = "Sep,"
		}
		switch {
		case w == "am" || w == "pm" || w == "utc" || w == "gmt":
			w = strings.ToUpper(w)
		case len(w) >= 3 && w[0] >= 'a' && w[0] <= 'z', len(w) > 5 && w[0] >= 'A' && w[0] <= 'Z':
			// month and weekday names: "january", "JANUARY" -> "January"
			w = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
		}
		f[i] = w
	}
	out := f[:0]
	for _, w := range f {
		if strings.EqualFold(w, "at") {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// trimOrdinal turns "1st", "22nd", "3rd", "4th" into the number.
func trimOrdinal(w string) string {
	if len(w) < 3 || w[0] < '0' || w[0] > '9' {
		return w
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(strings.ToLower(w), suf) {
			n := w[:len(w)-2]
			if strings.Trim(n, "0123456789") == "" {
				return n
			}
		}
	}
	return w
}
