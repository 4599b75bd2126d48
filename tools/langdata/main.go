// Command langdata builds the English character-trigram counts that the
// language detector (internal/lang) embeds, data/langprofile/en_ewt.tsv.gz:
//
//	go run ./tools/langdata -ewt ../shared/data/ud/en_ewt/en_ewt-ud-train.conllu -out data/langprofile/en_ewt.tsv.gz
//
// Source: the sentence texts ("# text = " lines) of the en_ewt training
// treebank (CC BY-SA 4.0). Output lines are "TRIGRAM<TAB>COUNT", sorted by
// trigram, for trigrams seen at least -min times; trigrams are cut from
// lower-cased words padded with a space exactly as lang.Trigrams does. The
// output is deterministic.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/lang"
)

func main() {
	ewt := flag.String("ewt", "../shared/data/ud/en_ewt/en_ewt-ud-train.conllu", "en_ewt training CoNLL-U file")
	out := flag.String("out", "data/langprofile/en_ewt.tsv.gz", "output file")
	minCount := flag.Int("min", 2, "keep trigrams seen at least this often")
	flag.Parse()
	if err := run(*ewt, *out, *minCount); err != nil {
		fmt.Fprintln(os.Stderr, "langdata:", err)
		os.Exit(1)
	}
}

func run(ewt, out string, minCount int) error {
	f, err := os.Open(ewt)
	if err != nil {
		return err
	}
	defer f.Close()
	counts := map[string]int{}
	sentences := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		text, ok := strings.CutPrefix(sc.Text(), "# text = ")
		if !ok {
			continue
		}
		sentences++
		lang.Trigrams(text, func(t string) { counts[t]++ })
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", ewt, err)
	}
	if sentences == 0 {
		return fmt.Errorf("%s: no '# text = ' lines", ewt)
	}
	keys := make([]string, 0, len(counts))
	for t, n := range counts {
		if n >= minCount {
			keys = append(keys, t)
		}
	}
	sort.Strings(keys)
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(w) // zero ModTime: deterministic output
	bw := bufio.NewWriter(zw)
	for _, t := range keys {
		fmt.Fprintf(bw, "%s\t%d\n", t, counts[t])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "langdata: %d sentences, %d trigrams kept of %d\n", sentences, len(keys), len(counts))
	return nil
}
