package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// "dyad eval parse --case" rewrites the gold words itself: a small gold file
// scores in every case, and an unknown case is a usage error.
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
	for _, c := range []string{"title", "lower", "upper"} {
		code, out, errOut := dyad(t, "eval", "parse", "--gold", path, "--case", c, "--raw")
		if code != 0 {
			t.Fatalf("--case %s: exit %d\n%s\n%s", c, code, out, errOut)
		}
		if !strings.Contains(out, "("+c+")") || !strings.Contains(out, "UAS") {
			t.Errorf("--case %s: output lacks the case or the scores:\n%s", c, out)
		}
	}
	if code, _, _ := dyad(t, "eval", "parse", "--gold", path, "--case", "sentence"); code != 2 {
		t.Errorf("--case sentence: exit %d, want 2 (usage)", code)
	}
}
