package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/store"
)

// eventFilterFlags registers the event filters shared by "events" and
// "export" and returns a function that builds the store filter after Parse.
func eventFilterFlags(fs *flag.FlagSet) func() (store.EventFilter, error) {
	actor := fs.String("actor", "", "source or target actor code prefix (RUS matches RUSGOV)")
	src := fs.String("source", "", "source actor code prefix")
	tgt := fs.String("target", "", "target actor code prefix")
	dyad := fs.String("dyad", "", "A,B: events from A to B (code prefixes)")
	code := fs.String("code", "", "exact CAMEO code, e.g. 042")
	root := fs.String("root", "", "two-digit CAMEO root, e.g. 19")
	quad := fs.Int("quad", 0, "quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict")
	plover := fs.String("plover", "", "PLOVER event type, e.g. ASSAULT")
	status := fs.String("status", "", "comma-separated statuses (default: asserted,reported); \"all\" for every status")
	from := fs.String("from", "", "first event date YYYY-MM-DD")
	to := fs.String("to", "", "last event date YYYY-MM-DD")
	outlet := fs.String("outlet", "", "outlet name")
	text := fs.String("text", "", "full-text query over the documents")
	return func() (store.EventFilter, error) {
		f := store.EventFilter{Actor: *actor, Source: *src, Target: *tgt, Code: *code, Root: *root, Quad: *quad,
			Plover: strings.ToUpper(*plover), From: *from, To: *to, Outlet: *outlet, Text: *text}
		if *dyad != "" {
			a, b, ok := strings.Cut(*dyad, ",")
			if !ok || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
				return f, fmt.Errorf("%w: --dyad %q: want A,B", errUsage, *dyad)
			}
			if f.Source != "" || f.Target != "" {
				return f, fmt.Errorf("%w: --dyad with --source or --target", errUsage)
			}
			f.Source, f.Target = strings.TrimSpace(a), strings.TrimSpace(b)
		}
		if *quad < 0 || *quad > 4 {
			return f, fmt.Errorf("%w: --quad %d: want 1-4", errUsage, *quad)
		}
		if *code != "" && (len(*code) < 2 || len(*code) > 4 || strings.Trim(*code, "0123456789") != "") {
			return f, fmt.Errorf("%w: --code %q: want a CAMEO code such as 042", errUsage, *code)
		}
		if *root != "" && (len(*root) != 2 || strings.Trim(*root, "0123456789") != "") {
			return f, fmt.Errorf("%w: --root %q: want two digits such as 19", errUsage, *root)
		}
		for _, d := range []struct{ name, v string }{{"from", *from}, {"to", *to}} {
			if d.v == "" {
				continue
			}
			if _, err := time.Parse("2006-01-02", d.v); err != nil {
				return f, fmt.Errorf("%w: --%s %q: want YYYY-MM-DD", errUsage, d.name, d.v)
			}
		}
		switch s := strings.TrimSpace(*status); s {
		case "":
		case "all":
			f.Statuses = []event.Status{event.Asserted, event.Reported, event.Negated, event.Hypothetical, event.Future, event.Denied}
		default:
			for _, p := range strings.Split(s, ",") {
				st := event.Status(strings.TrimSpace(p))
				switch st {
				case event.Asserted, event.Reported, event.Negated, event.Hypothetical, event.Future, event.Denied:
					f.Statuses = append(f.Statuses, st)
				default:
					return f, fmt.Errorf("%w: --status %q: want asserted, reported, negated, hypothetical, future, denied or all", errUsage, p)
				}
			}
		}
		return f, nil
	}
}

// eachEvent pages through the store and calls fn for up to limit events
// (0: all).
func eachEvent(ctx context.Context, st store.Store, f store.EventFilter, limit int, fn func(event.Event) error) (int, error) {
	n := 0
	for {
		f.Limit = 1000
		if limit > 0 && limit-n < f.Limit {
			f.Limit = limit - n
		}
		page, err := st.Events(ctx, f)
		if err != nil {
			return n, err
		}
		for _, e := range page.Events {
			if err := fn(e); err != nil {
				return n, err
			}
			n++
		}
		if page.Next == "" || len(page.Events) == 0 || (limit > 0 && n >= limit) {
			return n, nil
		}
		f.Cursor = page.Next
	}
}

func runEvents(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("events", "[--db FILE] [filters] [--limit N] [--json]",
		"  dyad events --dyad USA,IRN --root 19\n  dyad events --actor RUS --from 2024-01-01 --to 2024-01-31 --status all --json", stderr)
	load := configFlags(fs, "db")
	filter := eventFilterFlags(fs)
	limit := fs.Int("limit", 50, "at most this many events (0: all)")
	asJSON := fs.Bool("json", false, "print JSON Lines, one event a line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *limit < 0 {
		return fmt.Errorf("%w: --limit %d: want 0 or more", errUsage, *limit)
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	f, err := filter()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var es []event.Event
	enc := json.NewEncoder(stdout)
	_, err = eachEvent(ctx, st, f, *limit, func(e event.Event) error {
		if *asJSON {
			return enc.Encode(e)
		}
		es = append(es, e)
		return nil
	})
	if err != nil {
		return err
	}
	if !*asJSON {
		evPrintTable(stdout, es)
	}
	return nil
}
