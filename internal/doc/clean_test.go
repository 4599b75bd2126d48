package doc

import (
	"strings"
	"testing"
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
