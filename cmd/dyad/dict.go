package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dyad-project/dyad/internal/actor"
)

// dictCommands are the "dyad dict" subcommands.
func dictCommands() []command {
	return []command{
		{"check", "validate actor dictionary files and list errors with their lines", runDictCheck},
		{"import", "convert outside dictionaries (petrarch, petrarch-verbs) into dyad's formats", runDictImport},
	}
}

func runDict(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return dispatch(ctx, "dict", dictCommands(), args, stdout, stderr)
}

func runDictImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return dispatch(ctx, "dict import", []command{
		{"petrarch", "PETRARCH/Phoenix actor, agent and discard files -> data/actors/petrarch", runDictImportPetrarch},
		{"petrarch-verbs", "a PETRARCH verb dictionary -> dyad's verb patterns", runDictImportPetrarchVerbs},
	}, args, stdout, stderr)
}

// runDictCheck parses each FILE, prints every problem with its line, and
// then checks that the files load together with the embedded dictionaries,
// listing the aliases they override.
func runDictCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dict check", "FILE...", "  dyad dict check my-actors.txt\n  dyad dict check data/actors/curated/*.txt", stderr)
	alone := fs.Bool("alone", false, "check the files by themselves, without loading the embedded dictionaries")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: name at least one dictionary file", errUsage)
	}
	failed := false
	var files []actor.File
	for _, name := range fs.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", name, err)
			failed = true
			continue
		}
		es, ps := actor.Parse(bytes.NewReader(b), name)
		for _, p := range ps {
			fmt.Fprintln(stdout, p.Error())
		}
		if len(ps.Errors()) > 0 {
			failed = true
		}
		fmt.Fprintf(stdout, "%s: %d entries, %d errors, %d warnings\n", name, len(es), len(ps.Errors()), len(ps)-len(ps.Errors()))
		files = append(files, actor.File{Name: name, Layer: "user:" + name, Data: b})
	}
	if failed {
		return errFailed
	}
	if *alone {
		return nil
	}
	d, err := loadDictionary(files)
	if err != nil {
		return err
	}
	printOverrides(stdout, d, files)
	return nil
}

// printOverrides lists the aliases the user files took from other layers.
func printOverrides(w io.Writer, d *actor.Dictionary, user []actor.File) {
	names := map[string]bool{}
	for _, f := range user {
		names[f.Name] = true
	}
	for _, o := range d.Overrides() {
		switch {
		case !names[o.New.File]:
		case o.Shared:
			fmt.Fprintf(w, "%s:%d: warning: alias %q also names %s; the match picks by case and date, else the earlier entry\n", o.New.File, o.New.Line, o.Alias, o.Old)
		default:
			fmt.Fprintf(w, "%s:%d: warning: alias %q overrides %s\n", o.New.File, o.New.Line, o.Alias, o.Old)
		}
	}
}

// runDictImportPetrarch converts the PETRARCH/Phoenix actor dictionaries
// into dyad's format under --out.
func runDictImportPetrarch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dict import petrarch", "[--out DIR] [-v] PETRARCH_DIR",
		"  dyad dict import petrarch ../shared/data/petrarch-dictionaries", stderr)
	out := fs.String("out", "data/actors/petrarch", "directory to write the converted files to")
	verbose := fs.Bool("v", false, "print every warning")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want the directory holding the Phoenix.*.txt files", errUsage)
	}
	dir := fs.Arg(0)
	jobs := []struct {
		in, out string
		kind    actor.PetrarchKind
	}{
		{"Phoenix.Countries.actors.txt", "countries.txt", actor.PetrarchCountries},
		{"Phoenix.International.actors.txt", "international.txt", actor.PetrarchInternational},
		{"Phoenix.MilNonState.actors.txt", "nonstate.txt", actor.PetrarchNonState},
		{"Phoenix.agents.txt", "agents.txt", actor.PetrarchAgents},
		{"Phoenix.discards.txt", "discards.txt", actor.PetrarchDiscards},
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for _, j := range jobs {
		in := filepath.Join(dir, j.in)
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		es, ps := actor.ImportPetrarch(f, j.in, j.kind)
		f.Close()
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "# Converted by \"dyad dict import petrarch\" from %s of PETRARCH2\n", j.in)
		fmt.Fprintf(&buf, "# (github.com/openeventdata/petrarch2, MIT licence, (c) 2014 Open Event Data Alliance).\n")
		fmt.Fprintf(&buf, "# Do not edit: put corrections in data/actors/curated, which overrides this file.\n\n")
		if err := actor.Write(&buf, es); err != nil {
			return err
		}
		// The written file must parse back without errors.
		back, bps := actor.Parse(bytes.NewReader(buf.Bytes()), j.out)
		if len(bps.Errors()) > 0 {
			return fmt.Errorf("converted %s does not parse: %w", j.in, bps)
		}
		dst := filepath.Join(*out, j.out)
		if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d entries written to %s; %d warnings\n", in, len(back), dst, len(ps))
		if *verbose {
			for _, p := range ps {
				fmt.Fprintln(stdout, "  ", p.Error())
			}
		}
	}
	return nil
}
