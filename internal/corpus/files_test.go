package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSplits writes the small corpus as a dev split and a file that is not a
// split, and returns their paths.
func writeSplits(t *testing.T) (dev, other string) {
	t.Helper()
	docs := readSmall(t)
	dir := t.TempDir()
	dev, other = filepath.Join(dir, "dev.jsonl"), filepath.Join(dir, "extra.jsonl")
	for _, f := range []struct {
		path string
		docs []Document
	}{{dev, docs[:1]}, {other, docs[1:]}} {
		var b strings.Builder
		if err := Write(&b, f.docs); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dev, other
}

func TestLintCounts(t *testing.T) {
	tally, diags, err := Lint([]string{"testdata/small.gold"}, codebook(t), checker(t))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Tally{Files: 1, Documents: 2, Events: 3}); tally != want {
		t.Errorf("tally %+v, want %+v", tally, want)
	}
	if n := Errors(diags); n != 0 {
		t.Errorf("%d errors: %v", n, diags)
	}
	if _, _, err := Lint([]string{"testdata/missing.gold"}, codebook(t), checker(t)); err == nil {
		t.Error("a missing file is not an error")
	}
}

func TestSplitName(t *testing.T) {
	for path, want := range map[string]string{"a/dev.jsonl": "dev", "train.jsonl": "train", "b/test.jsonl": "test", "b/extra.jsonl": "", "dev.gold": ""} {
		if got := SplitName(path); got != want {
			t.Errorf("SplitName(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestCheckFilesAndBySplit(t *testing.T) {
	dev, other := writeSplits(t)
	tally, diags, err := CheckFiles([]string{dev, other}, checker(t))
	if err != nil {
		t.Fatal(err)
	}
	if tally.Files != 2 || tally.Documents != 2 || tally.Events != 3 {
		t.Errorf("tally %+v, want 2 files, 2 documents, 3 events", tally)
	}
	// wire-test-0001 is not a dev document by its id: the split rule applies
	// to dev.jsonl only, so the file that is not a split has no such error.
	for _, d := range diags {
		if d.File == other && strings.Contains(d.Msg, "split") {
			t.Errorf("split rule applied to a file that is not a split: %v", d)
		}
	}
	files, _, err := ReadSplits([]string{dev, other})
	if err != nil {
		t.Fatal(err)
	}
	by := BySplit(files)
	if len(by["dev"]) != 1 || len(by["extra"]) != 1 || len(by) != 2 {
		t.Errorf("BySplit: %d dev, %d extra, %d splits", len(by["dev"]), len(by["extra"]), len(by))
	}
	if _, _, err := CheckFiles([]string{filepath.Join(t.TempDir(), "none.jsonl")}, checker(t)); err == nil {
		t.Error("a missing file is not an error")
	}
}

func TestEventDescribe(t *testing.T) {
	e := readSmall(t)[0].Events[0]
	want := `"met" @`
	if got := e.Describe(); !strings.HasPrefix(got, want) || !strings.Contains(got, `040  "Ghana's foreign minister" GHAGOV -> "her Nigerian counterpart" NGAGOV  asserted  date 2024-03-05`) {
		t.Errorf("Describe() = %s", got)
	}
	e.Target = nil
	if got := e.Describe(); !strings.Contains(got, "GHAGOV -> -  ") {
		t.Errorf("Describe() without a target = %s", got)
	}
}

func TestDocumentDoc(t *testing.T) {
	d := readSmall(t)[0]
	got, err := d.Doc()
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != d.ID || got.Text != d.Text || got.Title != d.Title || got.Outlet != d.Outlet || got.Lang != "en" || got.Published.Format("2006-01-02 15:04 MST") != "2024-03-06 00:00 UTC" {
		t.Errorf("Doc() = %+v", got)
	}
	d.Date = "6 March 2024"
	if _, err := d.Doc(); err == nil || !strings.Contains(err.Error(), "document wire-test-0001: date") {
		t.Errorf("a bad date gives %v", err)
	}
}
