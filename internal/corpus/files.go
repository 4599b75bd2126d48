package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/cameo"
)

// LoadGold parses authoring files; it returns each file's documents.
func LoadGold(paths []string, cb *cameo.Codebook) (map[string][]Document, []Diagnostic, error) {
	out := map[string][]Document{}
	var diags []Diagnostic
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		docs, ds := ParseGold(p, bytes.NewReader(b), cb)
		out[p] = docs
		diags = append(diags, ds...)
	}
	return out, diags, nil
}

// Load reads annotations from a .gold or .jsonl file, or from every such
// file of a directory, in file-name order.
func Load(path string, cb *cameo.Codebook) ([]Document, []Diagnostic, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	paths := []string{path}
	if st.IsDir() {
		gold, _ := filepath.Glob(filepath.Join(path, "*.gold"))
		jsonl, _ := filepath.Glob(filepath.Join(path, "*.jsonl"))
		paths = append(gold, jsonl...)
		sort.Strings(paths)
		if len(paths) == 0 {
			return nil, nil, fmt.Errorf("%s: no .gold or .jsonl files", path)
		}
	}
	var docs []Document
	var diags []Diagnostic
	for _, p := range paths {
		if strings.HasSuffix(p, ".gold") {
			files, ds, err := LoadGold([]string{p}, cb)
			if err != nil {
				return nil, nil, err
			}
			docs = append(docs, files[p]...)
			diags = append(diags, ds...)
			continue
		}
		ds, dg, err := ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, ds...)
		diags = append(diags, dg...)
	}
	return docs, diags, nil
}

// Build reads every authoring file of srcDir, checks each document, assigns
// it to its split (SplitOf) in id order and looks for duplicates across the
// corpus. The caller writes the splits only when no diagnostic is an error.
func Build(srcDir string, cb *cameo.Codebook, chk *Checker) (map[string][]Document, []Diagnostic, error) {
	paths, err := filepath.Glob(filepath.Join(srcDir, "*.gold"))
	if err != nil {
		return nil, nil, err
	}
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("no .gold files in %s", srcDir)
	}
	sort.Strings(paths)
	files, diags, err := LoadGold(paths, cb)
	if err != nil {
		return nil, nil, err
	}
	bySplit := map[string][]Document{}
	for _, p := range paths {
		diags = append(diags, chk.Check(p, "", files[p])...)
		for _, d := range files[p] {
			s := SplitOf(d.ID)
			bySplit[s] = append(bySplit[s], d)
		}
	}
	for s := range bySplit {
		docs := bySplit[s]
		sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	}
	diags = append(diags, CheckDuplicates(bySplit)...)
	return bySplit, diags, nil
}

// WriteSplits writes the split files train.jsonl, dev.jsonl and test.jsonl
// into dir.
func WriteSplits(dir string, bySplit map[string][]Document) error {
	for _, s := range splits {
		var buf bytes.Buffer
		if err := Write(&buf, bySplit[s]); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, s+".jsonl"), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// SplitFiles returns the paths of the split files of a corpus directory.
func SplitFiles(dir string) []string {
	var out []string
	for _, s := range splits {
		out = append(out, filepath.Join(dir, s+".jsonl"))
	}
	return out
}

// Tally counts what a command over corpus files read.
type Tally struct {
	Files, Documents, Events int
}

func (t *Tally) add(docs []Document) {
	t.Files++
	t.Documents += len(docs)
	for _, d := range docs {
		t.Events += len(d.Events)
	}
}

// Lint parses authoring (.gold) files and checks each on its own, with no
// split rule: the parse diagnostics come first, then each file's checks in
// the order of paths. The error is for a file that cannot be read.
func Lint(paths []string, cb *cameo.Codebook, chk *Checker) (Tally, []Diagnostic, error) {
	var t Tally
	files, diags, err := LoadGold(paths, cb)
	if err != nil {
		return t, nil, err
	}
	for _, p := range paths {
		t.add(files[p])
		diags = append(diags, chk.Check(p, "", files[p])...)
	}
	return t, diags, nil
}

// ReadSplits reads JSON Lines corpus files and returns each file's documents
// keyed by its path, with the diagnostics of malformed lines. The error is
// for a file that cannot be read.
func ReadSplits(paths []string) (map[string][]Document, []Diagnostic, error) {
	files := map[string][]Document{}
	var diags []Diagnostic
	for _, p := range paths {
		docs, ds, err := ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		diags = append(diags, ds...)
		files[p] = docs
	}
	return files, diags, nil
}

// SplitName is the split a corpus file holds by its name (dev.jsonl is
// "dev"), or "" for a file that is not named after a split.
func SplitName(path string) string {
	s := strings.TrimSuffix(filepath.Base(path), ".jsonl")
	if !slices.Contains(splits, s) {
		return ""
	}
	return s
}

// CheckFiles reads JSON Lines corpus files and checks each, with the split
// rule for a file named after its split (SplitName), then the duplicates
// across all of them. The error is for a file that cannot be read.
func CheckFiles(paths []string, chk *Checker) (Tally, []Diagnostic, error) {
	var t Tally
	files, diags, err := ReadSplits(paths)
	if err != nil {
		return t, nil, err
	}
	for _, p := range paths {
		diags = append(diags, chk.Check(p, SplitName(p), files[p])...)
		t.add(files[p])
	}
	diags = append(diags, CheckDuplicates(files)...)
	return t, diags, nil
}

// BySplit groups the documents of corpus files by the split each file is
// named after (its base name without .jsonl, as the mix table counts it).
func BySplit(files map[string][]Document) map[string][]Document {
	out := map[string][]Document{}
	for p, docs := range files {
		s := strings.TrimSuffix(filepath.Base(p), ".jsonl")
		out[s] = append(out[s], docs...)
	}
	return out
}
