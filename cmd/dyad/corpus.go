package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/dyad-project/dyad/data/geo"
	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/eval"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

// runCorpus dispatches the gold-corpus subcommands.
func runCorpus(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	const synopsis = "build|lint|check|stats|agree [flags] [FILE...]"
	const examples = "  dyad corpus build                      # data/corpus/src/*.gold -> data/corpus/{train,dev,test}.jsonl\n" +
		"  dyad corpus lint data/corpus/src/wire-sec-01.gold\n" +
		"  dyad corpus check data/corpus/*.jsonl\n" +
		"  dyad corpus stats\n" +
		"  dyad corpus agree data/corpus/agreement/first data/corpus/agreement/second"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fs := newFlagSet("corpus", synopsis, examples, stderr)
		fs.Usage()
		if len(args) == 0 {
			return fmt.Errorf("%w: want build, lint, check, stats or agree", errUsage)
		}
		return nil
	}
	sub, rest := args[0], args[1:]
	fs := newFlagSet("corpus "+sub, synopsis, examples, stderr)
	dir := fs.String("dir", "data/corpus", "corpus directory: src/*.gold in, {train,dev,test}.jsonl out")
	diff := fs.String("diff", "", "agree: write each document's disagreements to this file, for adjudication")
	if err := parseFlags(fs, rest); err != nil {
		return err
	}
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		return err
	}
	dict, err := loadDictionary(nil)
	if err != nil {
		return err
	}
	chk := corpus.NewChecker(cb, dict, geo.Regions)
	switch sub {
	case "build":
		return corpusBuild(*dir, cb, chk, stdout, stderr)
	case "lint":
		if fs.NArg() == 0 {
			return fmt.Errorf("%w: give one or more .gold files", errUsage)
		}
		return corpusLint(fs.Args(), cb, chk, stdout, stderr)
	case "check":
		files := fs.Args()
		if len(files) == 0 {
			files = corpus.SplitFiles(*dir)
		}
		return corpusCheck(files, chk, stdout, stderr)
	case "stats":
		files := fs.Args()
		if len(files) == 0 {
			files = corpus.SplitFiles(*dir)
		}
		return corpusStats(files, cb, chk, stdout, stderr)
	case "agree":
		if fs.NArg() != 2 {
			return fmt.Errorf("%w: want two annotations (files or directories of .gold or .jsonl) of the same documents", errUsage)
		}
		return corpusAgree(fs.Arg(0), fs.Arg(1), *diff, cb, stdout)
	default:
		return fmt.Errorf("%w: unknown corpus subcommand %q (want build, lint, check, stats or agree)", errUsage, sub)
	}
}

// sentenceFunc splits text with dyad's own tokenizer and segmenter.
func sentenceFunc() corpus.SentenceFunc {
	tok, seg := tokenize.New(), segment.New()
	return func(text string) [][2]int {
		var out [][2]int
		for _, s := range seg.Segment(text, tok.Tokenize(text)) {
			end := s.End
			if n := len(s.Tokens); n > 0 {
				end = s.Tokens[n-1].End
			}
			out = append(out, [2]int{s.Start, end})
		}
		return out
	}
}

func printDiags(w io.Writer, ds []corpus.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d)
	}
}

// corpusLint parses and checks .gold files on their own (no split rule).
func corpusLint(paths []string, cb *cameo.Codebook, chk *corpus.Checker, stdout, stderr io.Writer) error {
	t, diags, err := corpus.Lint(paths, cb, chk)
	if err != nil {
		return err
	}
	printDiags(stdout, diags)
	errs := corpus.Errors(diags)
	fmt.Fprintf(stdout, "%d documents, %d events, %d errors, %d warnings\n", t.Documents, t.Events, errs, len(diags)-errs)
	if errs > 0 {
		return errFailed
	}
	return nil
}

// corpusBuild turns data/corpus/src/*.gold into the three split files. Events
// with errors are left out and reported; the build fails if any error remains
// so that a broken corpus is never written silently.
func corpusBuild(dir string, cb *cameo.Codebook, chk *corpus.Checker, stdout, stderr io.Writer) error {
	bySplit, diags, err := corpus.Build(filepath.Join(dir, "src"), cb, chk)
	if err != nil {
		return err
	}
	printDiags(stderr, diags)
	if n := corpus.Errors(diags); n > 0 {
		return fmt.Errorf("%d errors; nothing written", n)
	}
	if err := corpus.WriteSplits(dir, bySplit); err != nil {
		return err
	}
	for _, s := range corpus.Splits() {
		n := 0
		for _, d := range bySplit[s] {
			n += len(d.Events)
		}
		fmt.Fprintf(stdout, "%s: %d documents, %d events\n", filepath.Join(dir, s+".jsonl"), len(bySplit[s]), n)
	}
	return nil
}

// corpusCheck validates the split files and the duplicates across them.
func corpusCheck(paths []string, chk *corpus.Checker, stdout, stderr io.Writer) error {
	t, diags, err := corpus.CheckFiles(paths, chk)
	if err != nil {
		return err
	}
	printDiags(stdout, diags)
	errs := corpus.Errors(diags)
	fmt.Fprintf(stdout, "%d files, %d documents, %d events: %d errors, %d warnings\n", t.Files, t.Documents, t.Events, errs, len(diags)-errs)
	if errs > 0 {
		return errFailed
	}
	return nil
}

// corpusStats prints the mix table; it fails when a row misses its target.
func corpusStats(paths []string, cb *cameo.Codebook, chk *corpus.Checker, stdout, stderr io.Writer) error {
	files, diags, err := corpus.ReadSplits(paths)
	if err != nil {
		return err
	}
	if corpus.Errors(diags) > 0 {
		printDiags(stderr, diags)
		return errFailed
	}
	mix := corpus.Stats(corpus.BySplit(files), chk, cb, sentenceFunc())
	if err := mix.Print(stdout); err != nil {
		return err
	}
	if f := mix.Failures(); len(f) > 0 {
		fmt.Fprintf(stdout, "%d of %d figures miss their target\n", len(f), len(mix.Rows))
		return errFailed
	}
	return nil
}

// corpusAgree prints the agreement between two annotations of the same
// documents: Cohen's kappa on roots and F1 at four levels.
func corpusAgree(pathA, pathB, diffPath string, cb *cameo.Codebook, stdout io.Writer) error {
	a, da, err := corpus.Load(pathA, cb)
	if err != nil {
		return err
	}
	b, db, err := corpus.Load(pathB, cb)
	if err != nil {
		return err
	}
	if ds := append(da, db...); corpus.Errors(ds) > 0 {
		printDiags(stdout, ds)
		return errFailed
	}
	texts := map[string]string{}
	for _, d := range a {
		texts[d.ID] = d.Text
	}
	for _, d := range b {
		if t, ok := texts[d.ID]; ok && t != d.Text {
			return fmt.Errorf("document %s: the two annotations have different texts", d.ID)
		}
	}
	ag := eval.Agree(a, b)
	if diffPath != "" {
		var buf bytes.Buffer
		for _, dd := range eval.Disagreements(a, b) {
			fmt.Fprintf(&buf, "### %s\n", dd.ID)
			for _, e := range dd.OnlyA {
				fmt.Fprintf(&buf, "first only:  %s\n", e.Describe())
			}
			for _, e := range dd.OnlyB {
				fmt.Fprintf(&buf, "second only: %s\n", e.Describe())
			}
		}
		if err := os.WriteFile(diffPath, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "documents in both: %d; events: %d (%s), %d (%s)\n", ag.Docs, ag.EventsA, pathA, ag.EventsB, pathB)
	fmt.Fprintf(stdout, "trigger-matched pairs: %d; same root: %d (%.1f %%); Cohen's kappa on roots: %.3f; same status: %.1f %%\n",
		ag.Matched, ag.RootAgree, pct(ag.RootAgree, ag.Matched), ag.Kappa, pct(ag.StatusAgree, ag.Matched))
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "level\tP\tR\tF1\t")
	for _, r := range []struct {
		name string
		p    eval.PRF
	}{
		{"(trigger, root)", ag.TriggerRoot},
		{"(trigger, root, source country)", ag.SourceCtry},
		{"(trigger, root, source, target)", ag.Tuple},
		{"(trigger, status)", ag.Status},
	} {
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t\n", r.name, 100*r.p.Precision(), 100*r.p.Recall(), 100*r.p.F1())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c := ag.Confusion(); len(c) > 0 {
		fmt.Fprint(stdout, "root disagreements (first, second: pairs):")
		for i, r := range c {
			if i == 12 {
				break
			}
			fmt.Fprintf(stdout, " %s/%s: %s;", r[0], r[1], r[2])
		}
		fmt.Fprintln(stdout)
	}
	return nil
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
