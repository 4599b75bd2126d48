package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
	"github.com/dyad-project/dyad/internal/query"
	"github.com/dyad-project/dyad/internal/store"
)

// eventFilterFlags registers the event filters shared by "events" and
// "export" and returns a function that builds the store filter after Parse.
// The flags are the API's parameters (--text is its q), read by the same
// query.ParseEventFilter and checked against the same codebook, so that a
// filter means the same thing and fails the same way everywhere.
func eventFilterFlags(fs *flag.FlagSet) func() (store.EventFilter, error) {
	names := map[string]string{ // flag -> API parameter
		"actor": "actor", "source": "source", "target": "target", "dyad": "dyad", "code": "code", "root": "root",
		"quad": "quad", "plover": "plover", "status": "status", "from": "from", "to": "to", "outlet": "outlet", "text": "q",
		"count": "count", "place-country": "country", "place-city": "city",
	}
	usage := map[string]string{
		"actor":         "source or target actor code prefix (RUS matches RUSGOV), any letter case",
		"source":        "source actor code prefix",
		"target":        "target actor code prefix",
		"dyad":          "A,B: events from A to B (code prefixes)",
		"code":          "exact CAMEO code, e.g. 042",
		"root":          "two-digit CAMEO root, e.g. 19",
		"quad":          "quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict",
		"plover":        "PLOVER event type, e.g. ASSAULT",
		"status":        "comma-separated statuses (default: asserted,reported); \"all\" for every status",
		"from":          "first event date YYYY-MM-DD",
		"to":            "last event date YYYY-MM-DD",
		"outlet":        "outlet name",
		"place-country": "ISO alpha-3 code of the country where the events happened, e.g. UKR",
		"place-city":    "exact name of the city where the events happened, e.g. Kyiv",
		"text":          "full-text query over the documents (the API's q)",
		"count":         "happenings (default: each happening once, by its first report, with its mention counts) or mentions (every event)",
	}
	vals := map[string]*string{}
	for flagName := range names {
		vals[flagName] = fs.String(flagName, "", usage[flagName])
	}
	return func() (store.EventFilter, error) {
		v := url.Values{}
		for flagName, param := range names {
			if s := *vals[flagName]; s != "" {
				v.Set(param, s)
			}
		}
		if v.Get("dyad") != "" && (v.Get("source") != "" || v.Get("target") != "") {
			return store.EventFilter{}, fmt.Errorf("%w: --dyad with --source or --target", errUsage)
		}
		f, err := query.ParseEventFilter(v)
		if err == nil {
			var cb *cameo.Codebook
			if cb, err = cameo.DefaultCodebook(); err != nil {
				return store.EventFilter{}, err
			}
			err = query.CheckCodes(f, cb)
		}
		if err != nil {
			return store.EventFilter{}, fmt.Errorf("%w: %v", errUsage, err)
		}
		f.Limit = 0 // the command's --limit decides
		return f, nil
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
	_, _, err = query.New(st).EachEvent(ctx, f, *limit, func(e event.Event) error {
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
