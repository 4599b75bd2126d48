package corpus

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"unicode"
)

// Splits are the corpus files, in order.
var splits = []string{"train", "dev", "test"}

// Splits returns the split names: train, dev, test.
func Splits() []string { return append([]string(nil), splits...) }

// SplitOf returns the split a document id belongs to: 80 % train, 10 % dev,
// 10 % test, by the FNV-1a hash of the id. The rule is fixed once; changing
// it would move documents between splits.
func SplitOf(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	switch h.Sum32() % 10 {
	case 8:
		return "dev"
	case 9:
		return "test"
	default:
		return "train"
	}
}

// NearDuplicate is the shingle overlap (Jaccard on word 5-grams) from which
// two documents count as near-duplicates.
const NearDuplicate = 0.5

// CheckDuplicates finds identical and near-duplicate texts among the files'
// documents. Across splits both are errors (they would leak test material
// into training); inside one split a near-duplicate is a warning.
func CheckDuplicates(files map[string][]Document) []Diagnostic {
	type ref struct {
		file string
		line int
		id   string
	}
	var refs []ref
	var sets [][]uint64
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		for i, d := range files[f] {
			refs = append(refs, ref{f, i + 1, d.ID})
			sets = append(sets, shingles(d.Text))
		}
	}
	// Candidate pairs share at least one shingle; count shared shingles.
	index := map[uint64][]int32{}
	for i, s := range sets {
		for _, h := range s {
			index[h] = append(index[h], int32(i))
		}
	}
	var out []Diagnostic
	for i, s := range sets {
		shared := map[int32]int{}
		for _, h := range s {
			for _, j := range index[h] {
				if int(j) > i {
					shared[j]++
				}
			}
		}
		for j, n := range shared {
			union := len(s) + len(sets[j]) - n
			if union == 0 {
				continue
			}
			jac := float64(n) / float64(union)
			if jac < NearDuplicate {
				continue
			}
			a, b := refs[i], refs[j]
			cross := SplitOf(a.id) != SplitOf(b.id)
			what := "near-duplicate"
			if jac == 1 {
				what = "duplicate"
			}
			out = append(out, Diagnostic{File: a.file, Line: a.line, Doc: a.id, Err: cross || jac == 1,
				Msg: fmt.Sprintf("%s text of %s (%s:%d, %.0f %% of 5-word shingles shared)", what, b.id, b.file, b.line, 100*jac)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// shingles returns the distinct hashes of the text's lower-cased word 5-grams
// (the whole text as one shingle when it has fewer than five words).
func shingles(text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	const n = 5
	seen := map[uint64]bool{}
	var out []uint64
	add := func(ws []string) {
		h := fnv.New64a()
		for _, w := range ws {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		if s := h.Sum64(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(words) < n {
		if len(words) > 0 {
			add(words)
		}
		return out
	}
	for i := 0; i+n <= len(words); i++ {
		add(words[i : i+n])
	}
	return out
}
