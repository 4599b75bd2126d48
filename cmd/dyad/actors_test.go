package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runActorCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestActorsCommand(t *testing.T) {
	code, out, errOut := runActorCLI(t, "actors", "--date", "2024-01-10",
		"Iran's Defense Minister Mohammad Reza Ashtiani met his Russian counterpart in Moscow. He said the two countries agreed.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"IRNMIL", "person=Mohammad Reza Ashtiani", "role=Defence Minister", "RUSMIL", "antecedent=0-46"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runActorCLI(t, "actors", "--json", "--date", "2023-01-01", "Sergei Shoigu spoke.")
	if code != 0 {
		t.Fatal(out)
	}
	var m struct {
		Code string `json:"code"`
		Role string `json:"role"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &m); err != nil || m.Code != "RUSMIL" || m.Role != "Defence Minister" {
		t.Errorf("json %q: %+v %v", out, m, err)
	}
	if code, _, errOut := runActorCLI(t, "actors", "--date", "yesterday", "x"); code != 2 || !strings.Contains(errOut, "--date") {
		t.Errorf("bad date: exit %d, %s", code, errOut)
	}
}

func TestDictCheckAndUserOverrides(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(bad, []byte("org Acme\n  code acme\npersn X\n"), 0o644)
	os.WriteFile(good, []byte("person Vladimir Test\n  alias Putin\n  role XYZGOV 2000..\n  source test\norg Putin Fan Club\n  code RUSCVL\n  alias Putin\n"), 0o644)

	code, out, _ := runActorCLI(t, "dict", "check", bad)
	if code != 1 || !strings.Contains(out, "bad.txt:2: error: code:") || !strings.Contains(out, "bad.txt:3: error: kind:") {
		t.Errorf("dict check bad: exit %d\n%s", code, out)
	}
	code, out, _ = runActorCLI(t, "dict", "check", good)
	if code != 0 || !strings.Contains(out, `good.txt:2: warning: alias "Putin" overrides curated/persons.txt:`) ||
		!strings.Contains(out, `good.txt:7: warning: alias "Putin" also names `) {
		t.Errorf("dict check good: exit %d\n%s", code, out)
	}
	code, out, errOut := runActorCLI(t, "actors", "--dict", good, "--date", "2024-01-01", "Putin spoke.")
	if code != 0 || !strings.Contains(out, "XYZGOV") || !strings.Contains(errOut, `alias "Putin" overrides`) {
		t.Errorf("actors --dict: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}

func TestDictImportPetrarch(t *testing.T) {
	in, outDir := t.TempDir(), t.TempDir()
	files := map[string]string{
		"Phoenix.Countries.actors.txt":     "NORTHLAND_ [NLD]\n+NORTHLANDER_\nANNA_EXAMPLE_\n\t[NLDGOV >150101]\n",
		"Phoenix.International.actors.txt": "EXAMPLE_UNION_ [IGOEXU]\n",
		"Phoenix.MilNonState.actors.txt":   "EXAMPLE_FRONT_ [NLDREB]\n",
		"Phoenix.agents.txt":               "SOLDIER [~MIL]\n",
		"Phoenix.discards.txt":             "+ EXAMPLE CUP\n",
	}
	for n, s := range files {
		os.WriteFile(filepath.Join(in, n), []byte(s), 0o644)
	}
	code, out, errOut := runActorCLI(t, "dict", "import", "petrarch", "--out", outDir, in)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	b, err := os.ReadFile(filepath.Join(outDir, "countries.txt"))
	if err != nil || !strings.Contains(string(b), "person Anna Example\n  role NLDGOV 2015-01-01..\n") {
		t.Errorf("countries.txt = %q, %v", b, err)
	}
	if code, out, _ := runActorCLI(t, "dict", "check", "--alone", filepath.Join(outDir, "agents.txt")); code != 0 {
		t.Errorf("converted agents do not check: %s", out)
	}
}
