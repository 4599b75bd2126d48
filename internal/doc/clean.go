package doc

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Clean makes a document storable, identically, by every backend: it
// removes NUL characters (PostgreSQL text cannot hold them) and replaces
// invalid UTF-8 with U+FFFD in the text, title, outlet, author, URL and
// metadata. It returns one warning per field it changed, naming the field
// and what was done, for the document's diagnostics.
func Clean(d *Document) []Diagnostic {
	var out []Diagnostic
	fix := func(field string, s *string) {
		clean, nul, bad := cleanString(*s)
		if nul == 0 && bad == 0 {
			return
		}
		*s = clean
		var what []string
		if nul > 0 {
			what = append(what, fmt.Sprintf("removed %d NUL characters", nul))
		}
		if bad > 0 {
			what = append(what, fmt.Sprintf("replaced %d invalid UTF-8 sequences with U+FFFD", bad))
		}
		out = append(out, Diagnostic{Stage: "source", Severity: Warning, Message: fmt.Sprintf("%s: %s", field, strings.Join(what, " and "))})
	}
	fix("text", &d.Text)
	fix("title", &d.Title)
	fix("outlet", &d.Outlet)
	fix("author", &d.Author)
	fix("url", &d.URL)
	if len(d.Meta) > 0 {
		keys := make([]string, 0, len(d.Meta))
		for k := range d.Meta {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v := d.Meta[k]
			ck := k
			fix("meta key "+fmt.Sprintf("%q", k), &ck)
			fix("meta "+fmt.Sprintf("%q", ck), &v)
			if ck != k {
				delete(d.Meta, k)
			}
			d.Meta[ck] = v
		}
	}
	return out
}

// cleanString returns s without NUL characters and with invalid UTF-8
// replaced, and how many of each it found.
func cleanString(s string) (clean string, nul, bad int) {
	if utf8.ValidString(s) && !strings.Contains(s, "\x00") {
		return s, 0, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
			b.WriteRune(utf8.RuneError)
		case r == 0:
			nul++
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String(), nul, bad
}

// earliestPublished is the earliest publication date dyad accepts; see
// CheckPublished.
var earliestPublished = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckPublished applies the one plausibility rule for publication dates,
// whatever read the document: a date before 1900 or more than a day after
// now is stored as unknown, with a warning that gives the date it had.
func CheckPublished(d *Document, now time.Time) *Diagnostic {
	p := d.Published
	if p.IsZero() || (!p.Before(earliestPublished) && !p.After(now.Add(24*time.Hour))) {
		return nil
	}
	d.Published = time.Time{}
	why := "before 1900"
	if p.After(now) {
		why = "more than a day in the future"
	}
	return &Diagnostic{Stage: "source", Severity: Warning,
		Message: fmt.Sprintf("publication date %s is %s; stored as unknown", p.Format(time.RFC3339), why)}
}
