package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/dyad-project/dyad/internal/eval/report"
)

func runEvalCameo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval cameo", "[--class FILE.tsv] [--bio FILE.txt] [DIR]",
		"  dyad eval cameo ../shared/data/dev/conflibert-cameo", stderr)
	class := fs.String("class", "", "cameo_class file (TEXT<TAB>LABEL); default DIR/cameo_class.train.tsv")
	bio := fs.String("bio", "", "cameo_ner BIO file; default DIR/cameo_ner.train.txt")
	load := configFlags(fs, "min-confidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	dir := "../shared/data/dev/conflibert-cameo"
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: want at most one DIR", errUsage)
	}
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if *class == "" {
		*class = filepath.Join(dir, "cameo_class.train.tsv")
	}
	if *bio == "" {
		*bio = filepath.Join(dir, "cameo_ner.train.txt")
	}
	r, err := report.Cameo(report.CameoOptions{Class: *class, BIO: *bio, MinConfidence: cfg.MinConfidence})
	if err != nil {
		return err
	}
	return r.Write(stdout)
}
