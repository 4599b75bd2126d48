package timex

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind checks that any text yields in-bounds, ordered, non-overlapping
// spans whose Text is the span, and that resolving and dating never panic.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"WASHINGTON, Jan. 5 (AP) -- Ministers met on Wednesday and will meet again next month.",
		"15/01/2024 03/02/2024 2024-01-15 1990s '90s 10:30 a.m. EST Tuesday",
		"the end of the end of the end of the year",
		"a year and a half ago, two and a half years, at least 72 hours, every other day",
		"the first quarter of last year; last fall; Easter week; New Year's Eve 1999",
		"April 24 and 25", "1/1/1", "99999999999999999999 days", "'", "a.m", "-", "9 a.m",
		"\xff\xfe January 31", "mid-", "the", "last", "Monday,", "Oct.",
	} {
		f.Add(s)
	}
	r := New()
	ref := day(sat)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		prev := 0
		for _, e := range r.Find(text, ref) {
			if e.Start < prev || e.Start >= e.End || e.End > len(text) {
				t.Fatalf("bad span %d:%d after %d in %q", e.Start, e.End, prev, text)
			}
			if text[e.Start:e.End] != e.Text {
				t.Fatalf("Text %q is not text[%d:%d]", e.Text, e.Start, e.End)
			}
			if utf8.ValidString(text) && !utf8.ValidString(e.Text) {
				t.Fatalf("span %d:%d cuts a character", e.Start, e.End)
			}
			if e.Value == "" || e.Type == "" || e.Precision == "" {
				t.Fatalf("incomplete expression %+v", e)
			}
			prev = e.End
			_ = e.Date()
			for _, tn := range []Tense{TensePast, TensePresent, TenseFuture} {
				_ = Resolve(e, ref, tn).Date()
			}
		}
		_, _ = r.Dateline(text, ref)
	})
}
