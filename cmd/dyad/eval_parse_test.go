package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// "dyad eval parse" hands --case and --raw to report.Parse (whose test
// scores every case), and an unknown case is a usage error.
func TestEvalParseCase(t *testing.T) {
	dir := t.TempDir()
	gold := "# text = Police arrested the men.\n" +
		"1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n" +
		"2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
		"3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n" +
		"4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\tSpaceAfter=No\n" +
		"5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	writeFile(t, dir, "gold.conllu", gold)
	path := filepath.Join(dir, "gold.conllu")
	code, out, errOut := dyad(t, "eval", "parse", "--gold", path, "--case", "title", "--raw")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "(title)") || !strings.Contains(out, "UAS") || !strings.Contains(out, "raw text") {
		t.Errorf("output lacks the case or the scores:\n%s", out)
	}
	if code, _, _ := dyad(t, "eval", "parse", "--gold", path, "--case", "sentence"); code != 2 {
		t.Errorf("--case sentence: exit %d, want 2 (usage)", code)
	}
	writeFile(t, dir, "bad.conllu", "1\tx\n\n"+gold)
	code, out, errOut = dyad(t, "eval", "parse", "--gold", filepath.Join(dir, "bad.conllu"))
	if code != 1 || !strings.Contains(errOut, "bad.conllu") || !strings.Contains(out, "(1 malformed sentences skipped)") {
		t.Errorf("malformed sentence: exit %d, want 1 with it on stderr\n%s\n%s", code, out, errOut)
	}
}
