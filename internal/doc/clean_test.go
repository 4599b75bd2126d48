package doc

import (
	"strings"
	"testing"
	"time"
)

func TestClean(t *testing.T) {
	d := Document{Text: "Talks\x00 in Lima\x00.", Title: "ok", Author: "bad \xff byte", Meta: map[string]string{"de\x00sk": "wo\x00rld", "fine": "yes"}}
	diags := Clean(&d)
	if d.Text != "Talks in Lima." || d.Author != "bad \uFFFD byte" || d.Meta["desk"] != "world" || d.Meta["fine"] != "yes" || len(d.Meta) != 2 {
		t.Errorf("cleaned: %+v", d)
	}
	var msgs []string
	for _, g := range diags {
		msgs = append(msgs, g.Message)
		if g.Severity != Warning {
			t.Errorf("severity %s", g.Severity)
		}
	}
	got := strings.Join(msgs, "; ")
	for _, want := range []string{"text: removed 2 NUL characters", "author: replaced 1 invalid UTF-8 sequences", `meta key "de\x00sk": removed 1`, `meta "desk": removed 1`} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics %q lack %q", got, want)
		}
	}
	clean := Document{Text: "nothing to do", Meta: map[string]string{"a": "b"}}
	if diags := Clean(&clean); len(diags) != 0 {
		t.Errorf("clean document: %v", diags)
	}
}

func TestCheckPublished(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   time.Time
		want string // "" keeps the date
	}{
		{time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), ""},
		{time.Time{}, ""},
		{now.Add(23 * time.Hour), ""},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), "before 1900"},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), "more than a day in the future"},
		{time.Date(5138, 1, 1, 0, 0, 0, 0, time.UTC), "more than a day in the future"},
		{now.Add(25 * time.Hour), "more than a day in the future"},
	} {
		d := Document{Published: tc.in}
		w := CheckPublished(&d, now)
		switch {
		case tc.want == "" && (w != nil || !d.Published.Equal(tc.in)):
			t.Errorf("%v: got %v, %v; want kept", tc.in, w, d.Published)
		case tc.want != "" && (w == nil || !strings.Contains(w.Message, tc.want) || !d.Published.IsZero()):
			t.Errorf("%v: got %v, %v; want unknown and %q", tc.in, w, d.Published, tc.want)
		}
	}
}
