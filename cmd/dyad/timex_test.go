package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestTimexCommand(t *testing.T) {
	text := "Ministers met on Wednesday and will meet again next month."
	code, out, errOut := dyad(t, "timex", "--date", "2024-01-27", text)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2024-01-24", "Wednesday", "2024-02", "next month", "PRECISION"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}

	dir := t.TempDir()
	writeFile(t, dir, "a.txt", text)
	code, out, errOut = dyad(t, "timex", "--date", "2024-01-27", "--json", filepath.Join(dir, "a.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d JSON lines, want 2:\n%s", len(lines), out)
	}
	var row struct {
		Text, Value, Precision, Date string
		Start, End                   int
	}
	if err := json.Unmarshal([]byte(lines[0]), &row); err != nil {
		t.Fatal(err)
	}
	if row.Text != "Wednesday" || row.Value != "2024-01-24" || row.Date != "2024-01-24" || text[row.Start:row.End] != "Wednesday" {
		t.Errorf("first row = %+v", row)
	}

	if code, _, errOut := dyad(t, "timex", "--date", "27/01/2024", text); code != 2 || !strings.Contains(errOut, "--date") {
		t.Errorf("bad --date: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := dyad(t, "timex"); code != 2 {
		t.Errorf("no input: exit %d, want 2", code)
	}
}

func TestEvalTimexCommand(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.tml", `<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2000-01-07" functionInDocument="CREATION_TIME">2000-01-07</TIMEX3></DCT>
<TEXT>Officials met <TIMEX3 tid="t1" type="DATE" value="2000-01-05">Wednesday</TIMEX3> and will meet <TIMEX3 tid="t2" type="DATE" value="2000-W02">next week</TIMEX3>.</TEXT></TimeML>`)
	code, out, errOut := dyad(t, "eval", "timex", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"gold TIMEX3 2, system 2", "relaxed extraction   P 100.00%  R 100.00%  F1 100.00%", "value accuracy 100.00% (2/2"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	writeFile(t, dir, "bad.tml", "<TimeML><TEXT>no creation time</TEXT></TimeML>")
	code, out, errOut = dyad(t, "eval", "timex", dir)
	if code != 1 || !strings.Contains(errOut, "bad.tml") || !strings.Contains(out, "documents 1") {
		t.Errorf("a bad file: exit %d, stderr %q, stdout %q; want exit 1 naming it after scoring the rest", code, errOut, out)
	}
}
