// Command dyad turns news text into a sourced, queryable record of political
// events. Run "dyad help" for the list of subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// command is one subcommand. run parses its own flags from args.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists every subcommand in the order "dyad help" shows them.
func commands() []command {
	return []command{
		{"demo", "ingest the bundled example corpus into ./dyad.db and show what was stored", runDemo},
		{"ingest", "read text, HTML, feeds and JSON Lines into the store", runIngest},
		{"docs", "list and search stored documents", runDocs},
		{"show", "show one stored document with its metadata and diagnostics", runShow},
		{"parse", "tokenize, tag and parse text; write CoNLL-U", runParse},
		{"train", "train the tagger or parser on Universal Dependencies, or the event coder on the gold corpus", runTrain},
		{"actors", "print the actor mentions found in a text", runActors},
		{"dict", "check and import actor and verb dictionaries", runDict},
		{"timex", "print the temporal expressions in a text and their values", runTimex},
		{"code", "code a text into events and print them", runCode},
		{"corpus", "build, lint, check and measure the gold event corpus", runCorpus},
		{"events", "query stored events", runEvents},
		{"export", "write stored events as JSON Lines, CSV, GDELT or PLOVER", runExport},
		{"eval", "score a stage against gold data and print figures", runEval},
		{"serve", "serve the JSON API and the web UI", runServe},
		{"worker", "code queued documents of a PostgreSQL store; run as many as you like", runWorker},
		{"queue", "show the coding queue of a PostgreSQL store: pending, leased, done, failed", runQueue},
		{"migrate", "create or upgrade a store's schema", runMigrate},
		{"dump", "write every document with its analysis as JSON Lines, for dyad import", runDump},
		{"import", "load a dyad dump into any store, idempotently", runImport},
	}
}

// errUsage marks an error whose message is a usage problem; main exits 2.
var errUsage = errors.New("usage")

// errFailed is returned by a command that finished but had failures to report;
// it has already printed them. main exits 1 without printing more.
var errFailed = errors.New("some inputs failed")

func main() {
	ctx, stop := signalContext(context.Background())
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a subcommand and returns the process exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errFailed):
			return 1
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "dyad %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(stderr, "dyad %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "dyad: unknown command %q; run \"dyad help\"\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad turns news text into a sourced record of who did what to whom, when and where.")
	fmt.Fprintln(w, "\nUsage: dyad COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"dyad COMMAND -h\" for a command's flags and examples.")
}

// newFlagSet returns a flag set for a subcommand that prints its usage, with
// the given synopsis and examples, to stderr on -h.
func newFlagSet(name, synopsis, examples string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("dyad "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: dyad %s %s\n\n", name, synopsis)
		if fs.NFlag() >= 0 {
			fmt.Fprintln(stderr, "Flags:")
			fs.PrintDefaults()
		}
		if examples != "" {
			fmt.Fprintf(stderr, "\nExamples:\n%s\n", examples)
		}
	}
	return fs
}
