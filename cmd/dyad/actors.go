package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dyad-project/dyad/data/actors"
	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/nlp"
	"github.com/dyad-project/dyad/internal/nlp/segment"
	"github.com/dyad-project/dyad/internal/nlp/tokenize"
)

// loadDictionary loads the embedded actor dictionaries and then the user's
// files, which override them.
func loadDictionary(user []actor.File) (*actor.Dictionary, error) {
	d, err := actors.Load(user...)
	if err != nil {
		return nil, fmt.Errorf("load actor dictionaries: %w", err)
	}
	return d, nil
}

// dictFlags collects repeated --dict flags.
type dictFlags []string

func (f *dictFlags) String() string     { return strings.Join(*f, ",") }
func (f *dictFlags) Set(v string) error { *f = append(*f, v); return nil }

// readUserDicts reads the --dict files.
func readUserDicts(names []string) ([]actor.File, error) {
	var out []actor.File
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("--dict: %w", err)
		}
		out = append(out, actor.File{Name: n, Layer: "user:" + n, Data: b})
	}
	return out, nil
}

// annotate tokenizes and segments text and returns the resolved mentions.
func annotate(d *actor.Dictionary, text string, date time.Time) ([]actor.Mention, []nlp.Sentence) {
	toks := tokenize.New().Tokenize(text)
	sents := segment.New().Segment(text, toks)
	var all []nlp.Token
	for _, s := range sents {
		all = append(all, s.Tokens...)
	}
	return d.Resolve(text, sents, d.Match(text, all, date)), sents
}

func runActors(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("actors", "[--date YYYY-MM-DD] [--dict FILE]... [--json] TEXT|FILE|-",
		"  dyad actors --date 2024-01-10 \"Iran's Defense Minister Mohammad Reza Ashtiani met his Russian counterpart.\"\n"+
			"  dyad actors --json --dict my-actors.txt article.txt\n  cat article.txt | dyad actors -", stderr)
	dateFlag := fs.String("date", "", "the document's date, which picks each person's role (default: each person's latest role)")
	asJSON := fs.Bool("json", false, "print one JSON object per mention")
	var dicts dictFlags
	fs.Var(&dicts, "dict", "a user dictionary `FILE` that adds or overrides entries (repeatable)")
	load := configFlags(fs, "max-size")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one TEXT, FILE or - for standard input", errUsage)
	}
	var date time.Time
	if *dateFlag != "" {
		var err error
		if date, err = time.Parse("2006-01-02", *dateFlag); err != nil {
			return fmt.Errorf("%w: --date %q: want YYYY-MM-DD", errUsage, *dateFlag)
		}
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	text, err := readText(fs.Arg(0), cfg.MaxSize, true)
	if err != nil {
		return err
	}
	user, err := readUserDicts(dicts)
	if err != nil {
		return err
	}
	d, err := loadDictionary(user)
	if err != nil {
		return err
	}
	printOverrides(stderr, d, user)
	ms, _ := annotate(d, text, date)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		for _, m := range ms {
			if err := enc.Encode(m); err != nil {
				return err
			}
		}
		return nil
	}
	for _, m := range ms {
		code := m.Code
		if code == "" {
			code = "-"
		}
		line := fmt.Sprintf("%d-%d\t%-10s\t%s\t%q", m.Span.Start, m.Span.End, code, m.Kind, m.Text)
		if m.Person != "" {
			line += "\tperson=" + m.Person
		}
		if m.Role != "" {
			line += "\trole=" + m.Role
		}
		if m.Antecedent != nil {
			line += fmt.Sprintf("\tantecedent=%d-%d %q", m.Antecedent.Start, m.Antecedent.End, text[m.Antecedent.Start:m.Antecedent.End])
		}
		line += "\trule=" + m.Rule
		fmt.Fprintln(stdout, line)
	}
	return nil
}
