package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/dyad-project/dyad/internal/actor"
	"github.com/dyad-project/dyad/internal/eval/report"
)

// runEvalActors scores actor mentions on re3d (mention F1 for Organisation,
// Person and Nationality; country attribution) and on the ConfliBERT CAMEO
// source/target BIO spans (recall of the actors an event involves).
func runEvalActors(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval actors", "[--re3d DIR] [--cameo FILE] [--date YYYY-MM-DD] [--dict FILE]... [--errors N]",
		"  dyad eval actors\n  dyad eval actors --errors 40 --re3d ../shared/data/dev/re3d", stderr)
	re3dDir := fs.String("re3d", "../shared/data/dev/re3d", "re3d directory (subsets with documents/entities/relations.json); empty to skip")
	geoPath := fs.String("geo", "../shared/data/geo/world-countries/countries.json", "world-countries file giving gold countries")
	cameo := fs.String("cameo", "../shared/data/dev/conflibert-cameo/cameo_ner.train.txt", "CAMEO BIO span file; empty to skip")
	dateFlag := fs.String("date", "2016-06-01", "document date for re3d (its documents are from 2015-2017)")
	nerr := fs.Int("errors", 0, "print up to N misses, false positives and wrong countries")
	var dicts dictFlags
	fs.Var(&dicts, "dict", "a user dictionary `FILE` (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	date, err := time.Parse("2006-01-02", *dateFlag)
	if err != nil {
		return fmt.Errorf("%w: --date: want YYYY-MM-DD", errUsage)
	}
	user, err := readUserDicts(dicts)
	if err != nil {
		return err
	}
	d, err := loadDictionary(user)
	if err != nil {
		return err
	}
	r, err := report.Actors(report.ActorsOptions{Re3d: *re3dDir, Date: date, Geo: *geoPath, Cameo: *cameo, Errors: *nerr,
		Mentions: func(text string, date time.Time) []actor.Mention { ms, _ := annotate(d, text, date); return ms }})
	if werr := r.Write(stdout); err == nil {
		err = werr
	}
	return err
}
