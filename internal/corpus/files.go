package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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
