package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/cameo"
	"github.com/dyad-project/dyad/internal/event"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "--format jsonl|csv|gdelt|plover [--out FILE] [--db FILE] [filters]",
		"  dyad export --format gdelt --out events.tsv\n  dyad export --format plover --actor IRN --from 2024-01-01", stderr)
	load := configFlags(fs, "db")
	filter := eventFilterFlags(fs)
	format := fs.String("format", "jsonl", "jsonl, csv, gdelt (GDELT 2.0 event table, tab-separated) or plover (PLOVER JSON Lines)")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	var write func(w *bufio.Writer, e event.Event) error
	cb, err := cameo.DefaultCodebook()
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	var cw *csv.Writer
	switch *format {
	case "jsonl":
		write = func(w *bufio.Writer, e event.Event) error { return json.NewEncoder(w).Encode(e) }
	case "csv", "gdelt":
		write = func(w *bufio.Writer, e event.Event) error {
			if cw == nil {
				cw = csv.NewWriter(w)
				if *format == "gdelt" {
					cw.Comma = '\t'
				} else if err := cw.Write(csvHeader); err != nil {
					return err
				}
			}
			row := csvRow(e)
			if *format == "gdelt" {
				row = gdeltRow(e, now)
			}
			return cw.Write(row)
		}
	case "plover":
		write = func(w *bufio.Writer, e event.Event) error { return json.NewEncoder(w).Encode(toPlover(e, cb)) }
	default:
		return fmt.Errorf("%w: --format %q: want jsonl, csv, gdelt or plover", errUsage, *format)
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
	dst := stdout
	var file *os.File
	if *out != "" {
		file, err = os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		dst = file
	}
	bw := bufio.NewWriter(dst)
	n, err := eachEvent(ctx, st, f, 0, func(e event.Event) error { return write(bw, e) })
	if err != nil {
		return err
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%d events written to %s\n", n, *out)
	}
	return nil
}

var csvHeader = []string{"id", "doc_id", "date", "date_value", "precision", "source_code", "source_name", "source_text", "target_code", "target_name", "target_text",
	"code", "root", "name", "goldstein", "quad", "plover_type", "plover_mode", "status", "cue", "attributed_to", "location", "confidence", "trigger", "rule", "outlet", "url"}

func csvRow(e event.Event) []string {
	att := ""
	if e.Attributed != nil {
		att = evFirst(e.Attributed.Code, e.Attributed.Name, e.Attributed.Text)
	}
	return []string{e.ID, e.DocID, e.Date, e.DateValue, e.Precision, e.Source.Code, e.Source.Name, e.Source.Text, e.Target.Code, e.Target.Name, e.Target.Text,
		e.Code, e.Root, e.Name, ftoa(e.Goldstein), strconv.Itoa(e.Quad), e.PloverType, e.PloverMode, string(e.Status), e.CueText, att, e.Location,
		ftoa(e.Confidence), e.TriggerText, e.Rule, e.Outlet, e.URL}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// gdeltRow renders an event as the 61 columns of a GDELT 2.0 event-table
// row. Columns dyad has no data for (religion, ethnicity, ADM codes, tone,
// feature IDs) are empty; NumMentions, NumSources and NumArticles are 1
// because each dyad event comes from one sentence of one document.
func gdeltRow(e event.Event, added time.Time) []string {
	day, monthYear, year, frac := "", "", "", ""
	if t, err := time.Parse("2006-01-02", e.Date); err == nil {
		day, monthYear, year = t.Format("20060102"), t.Format("200601"), t.Format("2006")
		frac = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365.0, 'f', 4, 64)
	}
	base := e.Code
	if len(base) > 3 {
		base = base[:3]
	}
	actor := func(a event.Actor) []string {
		return []string{a.Code, strings.ToUpper(evFirst(a.Name, a.Text)), a.Country, "", "", "", "", a.Sector, "", ""}
	}
	geo := func(name string) []string {
		if name == "" {
			return []string{"0", "", "", "", "", "", "", ""}
		}
		return []string{"4", name, "", "", "", "", "", ""}
	}
	row := []string{gdeltID(e.ID), day, monthYear, year, frac}
	row = append(row, actor(e.Source)...)
	row = append(row, actor(e.Target)...)
	row = append(row, "", e.Code, base, e.Root, strconv.Itoa(e.Quad), ftoa(e.Goldstein), "1", "1", "1", "")
	row = append(row, geo("")...)
	row = append(row, geo("")...)
	row = append(row, geo(e.Location)...)
	row = append(row, added.Format("20060102150405"), e.URL)
	return row
}

// gdeltID turns the hex event ID into the positive integer GDELT uses.
func gdeltID(id string) string {
	if len(id) > 15 {
		id = id[:15]
	}
	n, err := strconv.ParseUint(id, 16, 64)
	if err != nil {
		return id
	}
	return strconv.FormatUint(n, 10)
}

type ploverActor struct {
	Code    string `json:"code,omitempty"`
	Name    string `json:"name,omitempty"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
	Text    string `json:"text,omitempty"`
}

// ploverRecord is one PLOVER event record (PLOVER manual, "data exchange
// format"): id, date, actor, recipient, event, mode, context, plus the
// CAMEO code, status and provenance dyad adds as named extra fields.
type ploverRecord struct {
	ID        string        `json:"id"`
	Date      string        `json:"date"`
	Actor     []ploverActor `json:"actor,omitempty"`
	Recipient []ploverActor `json:"recipient,omitempty"`
	Event     []string      `json:"event"`
	Mode      []string      `json:"mode,omitempty"`
	Context   []string      `json:"context,omitempty"`
	Location  string        `json:"location,omitempty"`
	CAMEO     string        `json:"cameo"`
	Status    string        `json:"status"`
	Text      string        `json:"trigger_text,omitempty"`
	URL       string        `json:"url,omitempty"`
	Outlet    string        `json:"outlet,omitempty"`
}

func toPlover(e event.Event, cb *cameo.Codebook) ploverRecord {
	r := ploverRecord{ID: e.ID, Date: e.Date, CAMEO: e.Code, Status: string(e.Status), Location: e.Location, Text: e.TriggerText, URL: e.URL, Outlet: e.Outlet}
	pa := func(a event.Actor) []ploverActor {
		if a.Code == "" && a.Text == "" {
			return nil
		}
		return []ploverActor{{Code: a.Code, Name: a.Name, Country: a.Country, Sector: a.Sector, Text: a.Text}}
	}
	r.Actor, r.Recipient = pa(e.Source), pa(e.Target)
	if e.PloverType != "" {
		r.Event = []string{e.PloverType}
	} else {
		r.Event = []string{}
	}
	if e.PloverMode != "" {
		r.Mode = []string{e.PloverMode}
	}
	if c, ok := cb.Lookup(e.Code); ok && c.PloverContext != "" {
		r.Context = strings.Split(c.PloverContext, ";")
	}
	return r
}
