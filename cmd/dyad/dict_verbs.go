package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dyad-project/dyad/internal/cameo"
)

// runDictImportPetrarchVerbs converts a PETRARCH verb dictionary into dyad's
// pattern format ("dyad dict import petrarch-verbs FILE"), checks that the
// result parses, and writes it to --out.
func runDictImportPetrarchVerbs(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dict import petrarch-verbs", "[--out FILE] [-v] PETRARCH_VERBS.txt",
		"  dyad dict import petrarch-verbs --out data/cameo/verbs.txt ../shared/data/petrarch-dictionaries/CAMEO.2.0.txt", stderr)
	out := fs.String("out", "data/cameo/verbs.txt", "the pattern file to write")
	verbose := fs.Bool("v", false, "list every skipped pattern with its reason")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one PETRARCH verb dictionary", errUsage)
	}
	in := fs.Arg(0)
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var buf bytes.Buffer
	st, err := cameo.ImportPetrarchVerbs(f, filepath.Base(in), &buf)
	if err != nil {
		return err
	}
	if err := cameo.NewPatterns().Parse(*out, buf.String()); err != nil {
		return fmt.Errorf("converted dictionary does not parse: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d sets, %d groups, %d verbs, %d patterns written to %s; %d patterns skipped\n",
		in, st.Sets, st.Groups, st.Verbs, st.Patterns, *out, len(st.Skipped))
	if *verbose {
		for _, s := range st.Skipped {
			fmt.Fprintln(stdout, "  skipped", s)
		}
	}
	return nil
}
