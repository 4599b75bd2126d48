package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEventsFilterGrammar: the CLI's filters are the API's, with the same
// case-insensitive codes and the same errors (exit status 2).
func TestEventsFilterGrammar(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, out, errOut := dyad(t, "demo", "--db", db, "--serve=false"); code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errOut)
	}
	count := func(args ...string) int {
		code, out, errOut := dyad(t, append([]string{"events", "--db", db, "--json", "--limit", "0"}, args...)...)
		if code != 0 {
			t.Fatalf("events %v: exit %d %s", args, code, errOut)
		}
		return strings.Count(out, "\n")
	}
	upper, lower := count("--actor", "USA"), count("--actor", "usa")
	if upper == 0 || upper != lower {
		t.Errorf("--actor USA: %d events, --actor usa: %d", upper, lower)
	}
	if all, some := count("--status", "all"), count(); all < some {
		t.Errorf("--status all %d < default %d", all, some)
	}
	if in, all := count("--place-country", "usa"), count(); in == 0 || in >= all {
		t.Errorf("--place-country usa: %d of %d events", in, all)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2024-02-01", "--to", "2024-01-01"}, "from: 2024-02-01 is after to 2024-01-01"},
		{[]string{"--code", "999"}, `code: "999" is not a CAMEO code of the codebook`},
		{[]string{"--plover", "FOO"}, `plover: "FOO" is not a PLOVER event type`},
		{[]string{"--status", "negated,all"}, "all stands alone"},
		{[]string{"--dyad", "USA"}, "is not two actor codes"},
		{[]string{"--place-country", "Ukraine"}, "is not an ISO alpha-3 country code"},
	} {
		code, _, errOut := dyad(t, append([]string{"events", "--db", db}, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("events %v: exit %d %q, want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestFlagsAnywhere: every command takes flags after its arguments, and a
// bad flag is a usage error (exit 2) whatever the command.
func TestFlagsAnywhere(t *testing.T) {
	code, out, errOut := dyad(t, "timex", "on Wednesday", "--date", "2024-01-27", "--json")
	if code != 0 || !strings.Contains(out, `"value":"2024-01-24"`) {
		t.Errorf("timex TEXT --date --json: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := dyad(t, "timex", "--date", "2024-01-27", "--", "--json"); code != 0 || strings.Contains(out, `"value"`) {
		t.Errorf("after --, --json is text: exit %d %s", code, out)
	}
	for _, cmd := range []string{"serve", "events", "ingest", "parse", "timex", "code", "actors", "dict", "corpus", "eval", "train"} {
		args := []string{cmd, "--bogus"}
		switch cmd {
		case "corpus":
			args = []string{cmd, "check", "--bogus"}
		case "eval":
			args = []string{cmd, "timex", "--bogus"}
		case "dict":
			args = []string{cmd, "check", "--bogus"}
		case "train":
			args = []string{cmd, "parser", "--bogus"}
		}
		if code, _, errOut := dyad(t, args...); code != 2 || !strings.Contains(errOut, "bogus") {
			t.Errorf("%v: exit %d %q, want 2", args, code, errOut)
		}
	}
}

// TestTextInputsHonourMaxSize: code, parse, actors and timex read their
// text through one helper bounded by --max-size.
func TestTextInputsHonourMaxSize(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "Kenya recalled its ambassador from Uganda on Monday, the foreign ministry said.")
	p := filepath.Join(dir, "a.txt")
	for _, args := range [][]string{
		{"code", "--date", "2024-05-08", p},
		{"parse", p},
		{"actors", p},
		{"timex", "--date", "2024-05-08", p},
	} {
		if code, _, errOut := dyad(t, args...); code != 0 {
			t.Errorf("%v: exit %d %s", args, code, errOut)
		}
		small := append(append([]string{}, args...), "--max-size", "20")
		if code, _, errOut := dyad(t, small...); code != 1 || !strings.Contains(errOut, "over the --max-size cap of 20 bytes") {
			t.Errorf("%v: exit %d %q, want the cap named", small, code, errOut)
		}
	}
	if code, _, errOut := dyad(t, "code", dir); code != 1 || !strings.Contains(errOut, "a directory") {
		t.Errorf("code DIR: exit %d %q", code, errOut)
	}
}
